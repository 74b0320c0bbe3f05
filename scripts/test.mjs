#!/usr/bin/env node
// Runs the tests with node's test runner: every tests/**/*.test.mjs, or the files
// under the paths given (`npm test -- tests/lib`). Options starting with `--` go to
// `node --test` (e.g. `--test-name-pattern=MINE`). Most files run two at a time, the
// longest first, with the files that mostly wait on a hub's clocks one at a time beside
// them; a few with tight time limits run afterwards, one at a time (scripts/test/lanes.mjs). Most of
// the library's files (tests/lib) run in a few groups, each group's files one after another in one
// node that loads TensorFlow.js once (scripts/test/one-process/); their tests are reported under a
// top-level test named by their file (each file in its own node under --test-name-pattern). Prints each file's (or group's) report as it ends, then every file's wall
// and CPU time and the totals, then each failed test again with the start of its error;
// exits non-zero on a failure, a skipped test, or a process a test left running
// (scripts/test/leftovers.mjs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./lib/paths.mjs";
import { collectTestFiles } from "./test/collect.mjs";
import { sideBySideConcurrency, splitLanes } from "./test/lanes.mjs";
import { markTestRun, removeKilledKernelFolders, stopLeftovers } from "./test/leftovers.mjs";
import { runFiles } from "./test/run-files.mjs";

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

let concurrency;
try {
  concurrency = sideBySideConcurrency();
} catch (error) {
  console.error(`test: ${error.message}`);
  process.exit(2);
}
const rel = (file) => path.relative(repoRoot, file);
// node's --test-name-pattern would skip a shared node's top-level tests, named by their files, and all within
const lanes = splitLanes(files, { shareProcesses: !nodeOptions.some((option) => option.startsWith("--test-name-pattern")) });
const started = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
const cpuText = ({ cpuSeconds }) => (cpuSeconds === null ? "CPU not measured" : `${cpuSeconds.toFixed(0)} s CPU`);
const unitName = (result) => (result.group ? `${result.group.length} files in one node: ${result.group.map(rel).join(", ")}` : rel(result.file));
const printWhole = (result) => {
  process.stdout.write(result.output.endsWith("\n") || result.output === "" ? result.output : `${result.output}\n`);
  console.log(`${result.passed ? "✔" : "✖"} ${unitName(result)} (${(result.ms / 1000).toFixed(1)} s, ${cpuText(result)}; ${elapsed().toFixed(0)} s into the run)\n`);
};
const mark = markTestRun();
// npm start keeps a copy of a workspace's files in the home folder (scripts/lib/kept-work.mjs): the
// workspaces the tests make keep theirs in a folder of the run's, removed at its end
const keptWork = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-kept-work-"));
process.env.NEURAL_MI_KEPT_WORK = keptWork;
// work the test files would each repeat, done once for the run (tests/autograder/generated-assignment.mjs)
const testCache = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-test-cache-"));
process.env.NEURAL_MI_TEST_CACHE = testCache;
const beside = await Promise.all([
  runFiles(lanes.shared, { concurrency, nodeOptions, onDone: printWhole }),
  runFiles(lanes.waiting, { concurrency: 1, nodeOptions, onDone: printWhole }),
]);
const results = [...beside.flat(), ...(await runFiles(lanes.alone, { concurrency: 1, nodeOptions, onDone: printWhole }))];
const seconds = elapsed();
const skipped = results.flatMap((result) => result.skipped);

// a group's files each get a row, their time from their first test's start to their last's end
const fileRows = results.flatMap((result) => (result.group ? membersOf(result) : [{ ...result, shared: false }]));
console.log("\nwall and CPU time per test file (CPU: the file's processes and all they waited for; files in a shared node: from their first test's start, its start-up and loading counted in the run's total):");
for (const row of [...fileRows].sort((a, b) => b.ms - a.ms)) {
  const cpu = row.cpuSeconds === null ? "–" : row.cpuSeconds.toFixed(row.shared ? 1 : 0);
  console.log(`  ${(row.ms / 1000).toFixed(1).padStart(7)} s  ${cpu.padStart(5)} s CPU  ${row.passed ? "  " : "✖ "}${rel(row.file)}${row.shared ? " (shared node)" : ""}`);
}
const measured = results.filter((result) => result.cpuSeconds !== null);
const totalCpu = measured.reduce((sum, result) => sum + result.cpuSeconds, 0);
const failed = results.filter((result) => !result.passed);
// a shared node that failed with none of its files failing (it ended, or a test left an error behind) is named whole
const failedNames = [
  ...fileRows.filter((row) => !row.passed).map((row) => rel(row.file)),
  ...failed.filter((result) => result.group && result.files.every((row) => row.passed) && result.files.length === result.group.length).map(unitName),
];
const laneParts = [
  ...(lanes.shared.length > 0 ? [`${lanes.shared.length} of them ${concurrency} at a time`] : []),
  ...(lanes.waiting.length > 0 ? [`${lanes.waiting.length} that mostly wait beside them`] : []),
  ...(lanes.alone.length > 0 ? [`then ${lanes.alone.length} one at a time`] : []),
];
console.log(
  `total: ${seconds.toFixed(1)} s for ${files.length} test file(s)` +
    (measured.length > 0 ? `, ${totalCpu.toFixed(0)} s of CPU` : "") +
    (laneParts.length > 1 ? ` (${laneParts.join(", ")})` : "") +
    (failed.length > 0 ? `; ${failedNames.length} failed: ${failedNames.join(", ")}` : ""),
);

if (failed.length > 0) {
  console.log("\nwhat failed (each file's whole report is above):");
  for (const result of failed) {
    if (result.failures.length === 0) console.log(`\n✖ ${unitName(result)}: exit code ${result.status}, no test failed (see its report above)`);
    for (const { file, name, error } of result.failures) console.log(`\n✖ ${rel(file ?? result.file)} › ${name}\n${error.replace(/^/gm, "    ")}`);
  }
}

if (skipped.length > 0) {
  console.log("\nskipped or todo tests are not allowed here; make them run or remove them:");
  for (const { file, name, kind, why } of skipped) {
    console.log(`  ${kind}: ${rel(file)} › ${name}${typeof why === "string" ? ` (${why})` : ""}`);
  }
}

/**
 * A shared node's files as rows of the table: those whose top-level test ended as reported, and
 * any it never reached (the node ended first), failed, with no time.
 */
function membersOf(result) {
  const reported = result.files.map((row) => ({ ...row, shared: true }));
  const unreached = result.group
    .filter((file) => !reported.some((row) => row.file === file))
    .map((file) => ({ file, ms: 0, cpuSeconds: null, passed: false, shared: true }));
  return [...reported, ...unreached];
}

const leftovers = await stopLeftovers(mark);
fs.rmSync(keptWork, { recursive: true, force: true });
fs.rmSync(testCache, { recursive: true, force: true });
removeKilledKernelFolders();
if (leftovers.length > 0) {
  console.log(`\nprocesses the tests started and left running (now killed; a test must stop what it starts):`);
  for (const { pid, argv } of leftovers) console.log(`  ${pid}: ${argv.join(" ").slice(0, 300)}`);
}

const status = failed[0]?.status ?? 0;
process.exit(status !== 0 ? status : skipped.length > 0 || leftovers.length > 0 ? 1 : 0);
