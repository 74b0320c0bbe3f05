#!/usr/bin/env node
// @ts-check
// node autograder/bin/nbgrader-course.mjs <dir> [--assignment neural-mi] [--source notebooks]
// Prepares an nbgrader course directory for the course notebooks.
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { createCourseDir } from "../src/nbgrader/course-dir.mjs";
import { venvBin } from "../../scripts/lib/paths.mjs";

const usage = "Usage: node autograder/bin/nbgrader-course.mjs <dir> [--assignment <name>] [--source <notebooks dir>]";
try {
  const { values, positionals } = parseArgs({
    options: { assignment: { type: "string" }, source: { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error("give exactly one course directory");
  const { courseDir, assignment, notebooks } = createCourseDir({
    courseDir: positionals[0],
    assignment: values.assignment,
    sourceDir: values.source,
  });
  const at = relative(process.cwd(), courseDir) || ".";
  console.log(`nbgrader course in ${at}: assignment "${assignment}" with ${notebooks.length} notebooks.`);
  console.log(`Next: cd ${at} && ${venvBin("nbgrader")} generate_assignment ${assignment}`);
} catch (error) {
  console.error(`${/** @type {Error} */ (error).message}\n${usage}`);
  process.exitCode = 2;
}
