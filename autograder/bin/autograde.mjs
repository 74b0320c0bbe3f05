#!/usr/bin/env node
// @ts-check
// npm run autograde -- [<folder>] [options]
// Grades every student's notebooks under <folder> (one subfolder per student).
import { availableParallelism } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { parseCommand } from "../src/util/command-line.mjs";
import { DEFAULT_LIMITS, heapMbFor, stopAllRunners } from "../src/execute/execute-notebook.mjs";
import { gradeClass } from "../src/grade/grade-class.mjs";
import { parseShard, shardName } from "../src/grade/shards.mjs";
import { classFolderInReports, printableName } from "../src/grade/class-folder.mjs";
import { manualMain } from "./manual-grades.mjs";
import { mergeMain } from "./merge-shards.mjs";
import { autograderDir, repoRoot } from "../src/util/paths.mjs";
import { typedIn } from "../../scripts/lib/paths.mjs";

// a folder's name is the student's text: its control characters (a terminal's escapes, which
// could move the cursor and overwrite earlier lines) and bidirectional controls are shown as escapes
const printable = (/** @type {string} */ text) => text.split("\n").map(printableName).join("\n");
import { scoreWords } from "../src/report/write-reports.mjs";

const usage = `Usage: npm run autograde -- [<folder>] [options]
       npm run autograde -- merge <shard folder>... [--out <dir>]
       npm run autograde -- manual <report folder>    grade written answers by hand (--help for more)

Grades every notebook under <folder>, which holds one subfolder per student
(default: the example submissions in autograder/examples/).

Options:
  --out <dir>               where reports go (default: grading/<folder name>/, or with --source
                            grading/<folder name>-<source folder name>/)
  --source <dir>            the instructor's notebooks (default: notebooks/)
  --jobs <n>                submissions graded at once (default: ${availableParallelism()}, the number of cores)
  --redo                    grade again even submissions graded before
  --shard <K/N>             grade only the K-th of N parts of the class (1 ≤ K ≤ N), into <out>/shards/K-of-N/;
                            "merge" then combines the N shard folders into the class report (autograder/README.md)
  --cell-timeout <s>        per cell (default ${DEFAULT_LIMITS.cellTimeout}; the course's own metadata.neural_mi.timeout
                            on a cell may raise it, up to ${DEFAULT_LIMITS.maxCellTimeout}; a submission's metadata cannot)
  --notebook-timeout <s>    per notebook (default ${DEFAULT_LIMITS.notebookTimeout})
  --memory-mb <n>           kernel memory (resident) limit (default ${DEFAULT_LIMITS.memoryMb})
  --disk-mb <n>             files a notebook may write, in all (default ${DEFAULT_LIMITS.diskMb})
  --no-isolation            run notebooks without the sandbox (they can then read the solutions)
  --keep-work               keep the temporary sandboxes for inspection
  -h, --help                this text`;

/** @param {string | undefined} text @param {string} name @param {number} fallback */
function positiveNumber(text, name, fallback) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${text}"`);
  return value;
}

async function main() {
  const parsed = parseCommand(
    undefined,
    {
      out: { type: "string" },
      source: { type: "string" },
      jobs: { type: "string" },
      redo: { type: "boolean" },
      shard: { type: "string" },
      "cell-timeout": { type: "string" },
      "notebook-timeout": { type: "string" },
      "memory-mb": { type: "string" },
      "disk-mb": { type: "string" },
      "no-isolation": { type: "boolean" },
      "keep-work": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    usage,
    (positionals) => {
      if (positionals.length > 1) throw new Error("give at most one submissions folder");
    },
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  try {
    const here = typedIn();
    const submissionsDir = positionals[0] === undefined ? join(autograderDir, "examples") : resolve(here, positionals[0]);
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    // one class folder holds every assignment nbgrader collected (submitted/): with --source
    // naming one of them, its reports go to a folder of their own, beside the others'
    const defaultOut = values.source === undefined ? basename(submissionsDir) : `${basename(submissionsDir)}-${basename(resolve(here, values.source))}`;
    const classOutDir = values.out === undefined ? join(repoRoot, "grading", defaultOut) : resolve(here, values.out);
    const outDir = shard ? join(classOutDir, "shards", shardName(shard)) : classOutDir;
    // a shard's class report (merge) goes to the folder above shards/: a class folder there would be written over
    const classInside = shard ? classFolderInReports(submissionsDir, classOutDir) : null;
    if (classInside) throw new Error(classInside);
    const memoryMb = positiveNumber(values["memory-mb"], "memory-mb", DEFAULT_LIMITS.memoryMb);
    const limits = {
      ...DEFAULT_LIMITS,
      cellTimeout: positiveNumber(values["cell-timeout"], "cell-timeout", DEFAULT_LIMITS.cellTimeout),
      notebookTimeout: positiveNumber(values["notebook-timeout"], "notebook-timeout", DEFAULT_LIMITS.notebookTimeout),
      memoryMb,
      diskMb: positiveNumber(values["disk-mb"], "disk-mb", DEFAULT_LIMITS.diskMb),
      heapMb: heapMbFor(memoryMb),
    };
    const jobs = Math.floor(positiveNumber(values.jobs, "jobs", availableParallelism()));
    const began = Date.now();
    const { report, graded, reused } = await gradeClass({
      submissionsDir,
      sourceDir: values.source === undefined ? join(repoRoot, "notebooks") : resolve(here, values.source),
      outDir,
      jobs,
      redo: Boolean(values.redo),
      isolate: !values["no-isolation"],
      keepWork: Boolean(values["keep-work"]),
      limits,
      shard,
      log: (line) => console.error(printable(line)),
    });
    const shown = relative(process.cwd(), outDir) || ".";
    console.log(`\n${graded} graded, ${reused} unchanged, in ${Math.round((Date.now() - began) / 1000)} s. Reports in ${shown}/:`);
    console.log("  summary.md (the class), gradebook.csv, report.json, students/<name>/summary.md");
    let pendingManual = 0;
    for (const student of report.students) {
      if (student.status === "pending") continue;
      const result = /** @type {import("../src/grade/grade-submission.mjs").StudentResult} */ (student);
      pendingManual += result.pendingManual;
      console.log(printable(`  ${printableName(result.student)}: ${scoreWords(result)}, ${result.status}`));
    }
    if (pendingManual > 0 && shard) {
      // hand grading belongs to the class report, which merge writes and reads manual-grades.json into
      const classShown = relative(process.cwd(), classOutDir) || ".";
      console.log(`Answers worth ${pendingManual} points in this part wait for grading by hand: once the parts are merged, npm run autograde -- manual ${classShown}`);
    } else if (pendingManual > 0) {
      console.log(`Answers worth ${pendingManual} points in all wait for grading by hand: npm run autograde -- manual ${shown}`);
    }
    return report.students.some((student) => student.status === "grader-error") ? 1 : 0;
  } catch (error) {
    console.error(`autograde failed: ${/** @type {Error} */ (error).message}`);
    return 1;
  }
}

// Stopping the grader stops its notebooks too; what was graded stays graded. A closed terminal
// (SIGHUP: an ssh session that dropped) stops it the same way, not leaving its lock and work folder.
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.on(signal, () => {
    stopAllRunners();
    console.error(`\nstopped (${signal}); results so far are kept, and the next run continues from them`);
    process.exit(130);
  });
}

const command = process.argv[2];
process.exitCode = command === "merge" ? mergeMain(process.argv.slice(3)) : command === "manual" ? manualMain(process.argv.slice(3)) : await main();
