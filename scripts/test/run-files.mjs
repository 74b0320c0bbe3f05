// Runs test files in a pool of `concurrency` places, each file in its own node, in the order
// given (node's runner would sort them by name, which defeats longest-first). A file's report
// is printed whole when it ends, so that side-by-side files never interleave. The file runs
// in the node started for it, with the reporters: `node --test <file>` would start a node that
// only starts the file's own node and relays its events (about 0.15 s of CPU a file, some 30 s
// over the suite).
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

/** One file in its own node, its tests reported as `node --test` reports them; resolves { file, ms, cpuSeconds, passed, status, output, skipped, failures }. */
function runFile(file, nodeOptions) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-test-"));
  const summaryFile = path.join(scratch, "summary.json");
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(process.execPath, [...reporterArgs, ...nodeOptions, file], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEURAL_MI_TEST_SUMMARY: summaryFile, ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}) },
    });
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    const finish = (status, extra = "") => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let summary = {};
      try {
        summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
      } catch {}
      const { skipped = [], failures = [], cpuSeconds = null } = summary;
      fs.rmSync(scratch, { recursive: true, force: true });
      resolve({ file, ms, cpuSeconds, status, passed: status === 0, skipped, failures, output: Buffer.concat(chunks).toString("utf8") + extra });
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
