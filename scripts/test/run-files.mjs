// Runs test files in a pool of `concurrency` places, each file in its own node, in the order
// given (node's runner would sort them by name, which defeats longest-first). A file's report
// is printed whole when it ends, so that side-by-side files never interleave. The file runs
// in the node started for it, with the reporters: `node --test <file>` would start a node that
// only starts the file's own node and relays its events (about 0.15 s of CPU a file, some 30 s
// over the suite). A group of files ({ group: [files] }, scripts/test/lanes.mjs) runs in one node,
// one file after another (one-process/run-group.mjs): the library's files each spent about 1 s of
// CPU loading TensorFlow.js, its WASM backend and the library before their first test.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fromRoot, repoRoot } from "../lib/paths.mjs";

const reporterArgs = [
  "--test-reporter=spec",
  "--test-reporter-destination=stdout",
  `--test-reporter=${fromRoot("scripts", "test", "summary-reporter.mjs")}`,
  "--test-reporter-destination=stdout",
];

const groupEntry = fromRoot("scripts", "test", "one-process", "run-group.mjs");

/**
 * One file, or a group's files, in its own node, its tests reported as `node --test` reports them;
 * resolves { file, ms, cpuSeconds, passed, status, output, skipped, failures }, and for a group
 * `files`: each file's { file, ms, cpuSeconds, passed } (its top-level test's time).
 */
function runFile(unit, nodeOptions) {
  const group = typeof unit === "string" ? null : unit.group;
  const file = group ? group[0] : unit;
  const entry = group ? [groupEntry, ...group] : [file];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-test-"));
  const summaryFile = path.join(scratch, "summary.json");
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(process.execPath, [...reporterArgs, ...nodeOptions, ...entry], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEURAL_MI_TEST_SUMMARY: summaryFile, ...(group ? { NEURAL_MI_TEST_SHARED: "1" } : {}), ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}) },
    });
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    const finish = (status, extra = "") => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let summary = {};
      try {
        summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
      } catch {}
      const { skipped = [], failures = [], cpuSeconds = null, files = [] } = summary;
      fs.rmSync(scratch, { recursive: true, force: true });
      resolve({ file, ...(group ? { group, files } : {}), ms, cpuSeconds, status, passed: status === 0, skipped, failures, output: Buffer.concat(chunks).toString("utf8") + extra });
    };
    child.on("error", (error) => finish(2, `test: could not start node for ${file}: ${error.message}\n`));
    child.on("close", (code, signal) => finish(code ?? 1, signal ? `test: node for ${file} ended by ${signal}\n` : ""));
  });
}

/**
 * Runs `files` in order, `concurrency` at a time; calls onDone(result) as each ends and
 * resolves to the results in the order they ended.
 */
export async function runFiles(files, { concurrency, nodeOptions = [], onDone = () => {} }) {
  const queue = [...files];
  const results = [];
  const worker = async () => {
    while (queue.length > 0) {
      const result = await runFile(queue.shift(), nodeOptions);
      results.push(result);
      onDone(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return results;
}
