// Runs test files in a pool of `concurrency` places, each file in its own `node --test`, in
// the order given (node's runner would sort them by name, which defeats longest-first). A
// file's report is printed whole when it ends, so that side-by-side files never interleave.
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

/** One file in its own node --test; resolves { file, ms, cpuSeconds, passed, status, output, skipped, failures }. */
function runFile(file, nodeOptions) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-test-"));
  const summaryFile = path.join(scratch, "summary.json");
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(process.execPath, ["--test", ...reporterArgs, ...nodeOptions, file], {
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
    child.on("error", (error) => finish(2, `test: could not start node --test for ${file}: ${error.message}\n`));
    child.on("close", (code, signal) => finish(code ?? 1, signal ? `test: node --test for ${file} ended by ${signal}\n` : ""));
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
