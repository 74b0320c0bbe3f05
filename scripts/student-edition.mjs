#!/usr/bin/env node
// npm run student-edition -- <dir> [--no-git]
// Writes the student edition of the course to <dir> (new or empty, outside this repository):
// what students clone or download instead of this repository, which holds the answers.
// scripts/student-edition/build.mjs says what goes in.
import path from "node:path";
import { parseArgs } from "node:util";
import { typedIn } from "./lib/paths.mjs";
import { buildStudentEdition } from "./student-edition/build.mjs";

const usage = `Usage: npm run student-edition -- <dir> [--no-git]
  <dir>     a new or empty folder outside this repository
  --no-git  leave the edition without a git repository (default: one commit holding it all)`;

let options;
try {
  options = parseArgs({ options: { "no-git": { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (options.values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (options.positionals.length !== 1) throw new Error("name one folder for the student edition");
} catch (error) {
  console.error(`student-edition: ${error.message}\n${usage}`);
  process.exit(2);
}

// npm runs scripts from the repository's root; the folder is meant from where npm was run.
const outDir = path.resolve(typedIn(), options.positionals[0]);
try {
  const { files, notebooks, accepted } = buildStudentEdition({ outDir, commit: !options.values["no-git"] });
  console.log(`student-edition: wrote ${outDir} (${files} files; ${notebooks.length} chapters without answers or hidden tests)`);
  console.log("  searched every file for the lines of the answers and hidden tests: none found, except these, held on purpose:");
  for (const line of new Set(accepted.map((a) => a.line))) {
    const where = accepted.filter((a) => a.line === line);
    console.log(`  - "${line}" in ${where.map((a) => a.file).join(", ")}: ${where[0].why}`);
  }
  console.log(`  students clone or download that folder and run npm start; its README says the rest`);
} catch (error) {
  console.error(`student-edition: ${error.message}`);
  process.exit(1);
}
