// npm test's two parts: light files side by side, the rest one at a time (scripts/test/lanes.mjs),
// and the report of a run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { repoRoot } from "../../scripts/lib/paths.mjs";
import { sideBySideConcurrency, splitLanes } from "../../scripts/test/lanes.mjs";

const inRepo = (relative) => path.join(repoRoot, relative);

test("library and pure-check files run side by side; files that start kernels, and new folders, run alone", () => {
  const files = ["tests/lib/net.test.mjs", "tests/autograder/csv.test.mjs", "tests/autograder/hostile.test.mjs", "tests/hub/login.test.mjs", "tests/browser/student-view.test.mjs"].map(inRepo);
  const { sideBySide, alone } = splitLanes(files);
  assert.deepEqual(sideBySide, files.slice(0, 2));
  assert.deepEqual(alone, files.slice(2));
});

test("NEURAL_MI_TEST_CONCURRENCY sets how many light files run at once, and a bad value is named", () => {
  assert.equal(sideBySideConcurrency({}), 2);
  assert.equal(sideBySideConcurrency({ NEURAL_MI_TEST_CONCURRENCY: "3" }), 3);
  assert.throws(() => sideBySideConcurrency({ NEURAL_MI_TEST_CONCURRENCY: "two" }), /must be a positive integer, got "two"/);
});

test("a run reports each file's time and the total", () => {
  // without the outer runner's context, which would make the inner node --test report to it instead
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const run = spawnSync(process.execPath, ["scripts/test.mjs", "tests/autograder/progress.test.mjs", "tests/autograder/names-and-places.test.mjs", "tests/env/requirements.test.mjs"], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...env, INIT_CWD: repoRoot },
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /total: [\d.]+ s for 3 test file\(s\)$/m);
  for (const file of ["progress", "names-and-places", "requirements"]) assert.match(run.stdout, new RegExp(`s {4}tests/\\w+/${file}\\.test\\.mjs`));
});
