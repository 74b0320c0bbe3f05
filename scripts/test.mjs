#!/usr/bin/env node
// Runs the tests with node's test runner: every tests/**/*.test.mjs, or the files
// under the paths given (`npm test -- tests/lib`). Options starting with `--` go to
// `node --test` (e.g. `--test-name-pattern=MINE`). Light files (scripts/test/lanes.mjs)
// run first, two at a time; then the rest, one at a time. Prints each file's wall time
// and the total after node's own summaries; exits non-zero on a failure or a skipped test.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fromRoot, repoRoot } from "./lib/paths.mjs";
import { collectTestFiles } from "./test/collect.mjs";
import { sideBySideConcurrency, splitLanes } from "./test/lanes.mjs";

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

/** One `node --test` over `group`, `concurrency` files at a time; its exit status and file summary. */
function runGroup(group, concurrency) {
  const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-test-")), "summary.json");
  const explicit = nodeOptions.some((option) => option.startsWith("--test-concurrency"));
  const run = spawnSync(
    process.execPath,
    [
      "--test",
      ...(explicit ? [] : [`--test-concurrency=${concurrency}`]),
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      `--test-reporter=${fromRoot("scripts", "test", "file-times-reporter.mjs")}`,
      "--test-reporter-destination=stdout",
      ...nodeOptions,
      ...group,
    ],
    { cwd: repoRoot, stdio: "inherit", env: { ...process.env, NEURAL_MI_TEST_SUMMARY: summaryFile } },
  );
  let summary = { files: [], skipped: [] };
  try {
    summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
  } catch {}
  fs.rmSync(path.dirname(summaryFile), { recursive: true, force: true });
  if (run.error) {
    console.error(`test: could not start node --test: ${run.error.message}`);
    process.exit(2);
  }
  return { status: run.status ?? 1, summary };
}

let concurrency;
try {
  concurrency = sideBySideConcurrency();
} catch (error) {
  console.error(`test: ${error.message}`);
  process.exit(2);
}
const lanes = splitLanes(files);
const started = process.hrtime.bigint();
const runs = [];
if (lanes.sideBySide.length > 0) runs.push(runGroup(lanes.sideBySide, concurrency));
if (lanes.alone.length > 0) runs.push(runGroup(lanes.alone, 1));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const summary = { files: runs.flatMap((run) => run.summary.files), skipped: runs.flatMap((run) => run.summary.skipped) };

const rel = (file) => path.relative(repoRoot, file);
console.log("\nwall time per test file:");
for (const { file, ms, passed } of summary.files.sort((a, b) => b.ms - a.ms)) {
  console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${passed ? "  " : "✖ "}${rel(file)}`);
}
console.log(
  `total: ${seconds.toFixed(1)} s for ${files.length} test file(s)` +
    (lanes.sideBySide.length > 0 && lanes.alone.length > 0
      ? ` (${lanes.sideBySide.length} light ones ${concurrency} at a time, then ${lanes.alone.length} one at a time)`
      : ""),
);

if (summary.skipped.length > 0) {
  console.log("\nskipped or todo tests are not allowed here; make them run or remove them:");
  for (const { file, name, kind, why } of summary.skipped) {
    console.log(`  ${kind}: ${rel(file)} › ${name}${typeof why === "string" ? ` (${why})` : ""}`);
  }
}

const status = runs.find((run) => run.status !== 0)?.status ?? 0;
process.exit(status !== 0 ? status : summary.skipped.length > 0 ? 1 : 0);
