// @ts-check
// The grading run's pool: a failure (a full disk) starts no other task, and the first failure is
// thrown only once the tasks already running have ended, so that the run does not remove its work
// folder under a notebook still running in it (EBUSY took the place of the full disk's message).
import { test } from "node:test";
import assert from "node:assert/strict";
import { forEachLimited } from "../../autograder/src/util/pool.mjs";

test("after a failure no task starts, and the first failure is thrown once the running tasks have ended", async () => {
  const events = [];
  const failures = [];
  const work = async (/** @type {string} */ item) => {
    events.push(`start ${item}`);
    await new Promise((resolve) => setTimeout(resolve, item === "slow" ? 100 : 10));
    if (item.startsWith("fail")) throw new Error(item);
    events.push(`end ${item}`);
  };
  await assert.rejects(forEachLimited(["fail-1", "slow", "fail-2", "never"], 2, work, (error) => failures.push(error)), /^Error: fail-1$/);
  assert.deepEqual(events, ["start fail-1", "start slow", "end slow"]);
  assert.deepEqual(failures.map((error) => error.message), ["fail-1"], "said once, as it happens");
});
