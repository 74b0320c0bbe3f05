#!/usr/bin/env node
// Runs the tests with node's test runner: every tests/**/*.test.mjs, or the files
// under the paths given (`npm test -- tests/lib`). Options starting with `--` go to
// `node --test` (e.g. `--test-name-pattern=MINE`). Prints each file's wall time and
// the total after node's own summary; exits non-zero on a failure or a skipped test.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fromRoot, repoRoot } from "./lib/paths.mjs";
import { collectTestFiles } from "./test/collect.mjs";

const args = process.argv.slice(2);
const nodeOptions = args.filter((a) => a.startsWith("--"));
const targets = args.filter((a) => !a.startsWith("--"));

let files;
try {
  files = collectTestFiles(targets);
} catch (error) {
  console.error(`test: ${error.message}`);
  process.exit(2);
}
if (files.length === 0) {
  console.error(`test: no *.test.mjs files under ${targets.join(", ") || "tests/"}`);
  process.exit(2);
}

const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-test-")), "summary.json");
const started = process.hrtime.bigint();
const run = spawnSync(
  process.execPath,
  [
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    `--test-reporter=${fromRoot("scripts", "test", "file-times-reporter.mjs")}`,
    "--test-reporter-destination=stdout",
    ...nodeOptions,
    ...files,
  ],
  { cwd: repoRoot, stdio: "inherit", env: { ...process.env, NEURAL_MI_TEST_SUMMARY: summaryFile } },
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

let summary = { files: [], skipped: [] };
try {
  summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
} catch {}
fs.rmSync(path.dirname(summaryFile), { recursive: true, force: true });

const rel = (file) => path.relative(repoRoot, file);
console.log("\nwall time per test file:");
for (const { file, ms, passed } of summary.files.sort((a, b) => b.ms - a.ms)) {
  console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${passed ? "  " : "✖ "}${rel(file)}`);
}
console.log(`total: ${seconds.toFixed(1)} s for ${files.length} test file(s)`);

if (summary.skipped.length > 0) {
  console.log("\nskipped or todo tests are not allowed here; make them run or remove them:");
  for (const { file, name, kind, why } of summary.skipped) {
    console.log(`  ${kind}: ${rel(file)} › ${name}${typeof why === "string" ? ` (${why})` : ""}`);
  }
}

if (run.error) {
  console.error(`test: could not start node --test: ${run.error.message}`);
  process.exit(2);
}
const status = run.status ?? 1;
process.exit(status !== 0 ? status : summary.skipped.length > 0 ? 1 : 0);
