// npm test's check for processes a test left running (scripts/test/leftovers.mjs): a process
// that carries the run's mark and outlives the grace is reported and killed; one that ends
// within it, or carries another run's mark, is not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { markTestRun, stopLeftovers } from "../../scripts/test/leftovers.mjs";
import { alive } from "../helpers/processes.mjs";


/** A process detached from this one (as an orphaned kernel is), with `env`, living `ms`. */
function detached(env, ms) {
  const child = spawn(process.execPath, ["-e", `setTimeout(() => {}, ${ms})`], { env, detached: true, stdio: "ignore" });
  child.unref();
  return child.pid;
}

test("a process left running with the run's mark is reported and killed; one that ends in time, or of another run, is not", async () => {
  const env = { ...process.env };
  const mark = markTestRun(env);
  const other = { ...process.env, NEURAL_MI_TEST_RUN: "another-run" };
  const left = detached(env, 60_000);
  const ending = detached(env, 500);
  const foreign = detached(other, 60_000);
  try {
    const found = await stopLeftovers(mark, 3);
    assert.deepEqual(found.map(({ pid }) => pid), [left]);
    assert.ok(found[0].argv.some((arg) => arg.includes("setTimeout")));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(alive(left), false, "the leftover was killed");
    assert.equal(alive(foreign), true, "another run's process is left alone");
  } finally {
    for (const pid of [left, ending, foreign]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
});
