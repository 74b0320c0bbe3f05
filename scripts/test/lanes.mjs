// Which test files may run side by side. Most of the suite's time is in files that start
// kernels, JupyterLab, browsers or several graders at once and hold time limits (a hostile
// cell's 20 s, an interrupt's timing); those run one at a time, as they always did. The files
// listed here compute in one process without kernels or time limits (the library's tests,
// the autograder's and the notebooks' pure checks), so two of them share the machine's two
// cores. A new test file runs alone unless it is added here.
import path from "node:path";
import { repoRoot } from "../lib/paths.mjs";

const SIDE_BY_SIDE = [
  "tests/lib/",
  "tests/autograder/csv.test.mjs",
  "tests/autograder/inspect-cells.test.mjs",
  "tests/autograder/names-and-places.test.mjs",
  "tests/autograder/progress.test.mjs",
  "tests/autograder/release.test.mjs",
  "tests/autograder/restore.test.mjs",
  "tests/autograder/results.test.mjs",
  "tests/autograder/typecheck.test.mjs",
  "tests/autograder/verdict.test.mjs",
  "tests/env/requirements.test.mjs",
  "tests/env/test-lanes.test.mjs",
  "tests/notebooks/sources.test.mjs",
  "tests/student/describe-check.test.mjs",
  "tests/student/workspace.test.mjs",
];

/** How many light files run at once (NEURAL_MI_TEST_CONCURRENCY, default 2). */
export function sideBySideConcurrency(env = process.env) {
  const value = env.NEURAL_MI_TEST_CONCURRENCY ?? "2";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`NEURAL_MI_TEST_CONCURRENCY must be a positive integer, got "${value}"`);
  return n;
}

/** The files split into { sideBySide, alone }, each in the order given. */
export function splitLanes(files) {
  const light = (file) => {
    const relative = path.relative(repoRoot, file).split(path.sep).join("/");
    return SIDE_BY_SIDE.some((entry) => (entry.endsWith("/") ? relative.startsWith(entry) : relative === entry));
  };
  return { sideBySide: files.filter(light), alone: files.filter((file) => !light(file)) };
}
