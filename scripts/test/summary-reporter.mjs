// A node:test reporter that prints nothing: into the JSON file named by
// NEURAL_MI_TEST_SUMMARY it records any skipped or todo tests (for scripts/test.mjs to
// refuse), each failed test's name and the start of its error (printed again at the end
// of the run, where a log's tail shows them), and the CPU time the file's run spent. In a process
// shared by several files (one-process/run-group.mjs) each top-level test is a file: failures and
// skips name their file, and each file's wall and CPU time is recorded (`files`).
import fs from "node:fs";
import path from "node:path";
import { cpuSecondsSpent } from "./cpu-time.mjs";

const ERROR_LINES = 30;
const ERROR_CHARS = 2500;

/** The start of a failed test's error: the assertion or exception, not node:test's wrapper. */
function errorText(error) {
  const cause = error?.cause ?? error;
  const text = String(cause?.stack ?? cause?.message ?? cause);
  const ours = text.split("\n").filter((line) => !/^\s*at .*\bnode:(internal|async_hooks)/.test(line));
  return ours.slice(0, ERROR_LINES).join("\n").slice(0, ERROR_CHARS);
}

export default async function* summary(source) {
  const skipped = [];
  const failures = [];
  const files = [];
  const shared = process.env.NEURAL_MI_TEST_SHARED === "1";
  let current = null;
  for await (const event of source) {
    const { data } = event;
    if (shared && data?.nesting === 0) {
      if (event.type === "test:start") current = { file: path.resolve(data.name), cpuAtStart: cpuSecondsSpent() };
      if ((event.type === "test:pass" || event.type === "test:fail") && current?.file === path.resolve(data.name)) {
        const cpu = cpuSecondsSpent();
        files.push({ file: current.file, ms: data.details?.duration_ms ?? 0, passed: event.type === "test:pass", cpuSeconds: cpu === null || current.cpuAtStart === null ? null : cpu - current.cpuAtStart });
      }
    }
    const file = shared ? current?.file : data?.file;
    if (!file || (event.type !== "test:pass" && event.type !== "test:fail")) continue;
    // a suite that failed only because a test inside it did adds nothing
    if (event.type === "test:fail" && data.details?.error?.failureType !== "subtestsFailed") {
      failures.push({ ...(shared ? { file } : {}), name: data.name, error: errorText(data.details?.error) });
    }
    if (data.skip !== undefined || data.todo !== undefined) {
      skipped.push({ file, name: data.name, why: data.skip ?? data.todo, kind: data.skip !== undefined ? "skip" : "todo" });
    }
  }
  // The reporter runs in the file's own node (scripts/test/run-files.mjs) and the stream ends once
  // its tests and hooks have: its CPU is this process's own time and its children's (every process
  // it waited for: kernels, runners, browsers).
  const cpuSeconds = cpuSecondsSpent();
  if (process.env.NEURAL_MI_TEST_SUMMARY) fs.writeFileSync(process.env.NEURAL_MI_TEST_SUMMARY, JSON.stringify({ skipped, failures, cpuSeconds, files }, null, 1));
}
