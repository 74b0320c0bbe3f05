// The grader watches every runner from one thread, which also reads the submissions: a submission
// that keeps that thread busy must not get the other students' runners killed as frozen.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runnerWatch } from "../../autograder/src/execute/runner-watch.mjs";

function clock() {
  let time = 1_000_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

test("a runner silent for the limit is frozen, and one past its deadline overdue", () => {
  const { now, advance } = clock();
  const watch = runnerWatch({ silenceLimitMs: 10_000, deadline: now() + 60_000, intervalMs: 1000, now });
  for (let second = 0; second < 10; second++) {
    advance(1000);
    assert.equal(watch.look(), null);
  }
  advance(1000);
  assert.equal(watch.look(), "silent");

  const talking = runnerWatch({ silenceLimitMs: 10_000, deadline: now() + 5000, intervalMs: 1000, now });
  for (let second = 0; second < 5; second++) {
    advance(1000);
    talking.heard();
    assert.equal(talking.look(), null);
  }
  advance(1000);
  talking.heard();
  assert.equal(talking.look(), "overdue");
});

test("time the grader's own thread was busy does not count as the runner's silence", () => {
  const { now, advance } = clock();
  const watch = runnerWatch({ silenceLimitMs: 10_000, deadline: now() + 60_000, intervalMs: 1000, now });
  advance(1000);
  watch.heard();
  assert.equal(watch.look(), null);
  // another submission's notebook of 120,000 cells read for 17 s: the runner's "alive" lines wait
  // in the pipe, to be read after this look
  advance(17_000);
  assert.equal(watch.look(), null, "a late look judges nothing");
  watch.heard();
  advance(1000);
  assert.equal(watch.look(), null);
  // and the deadline moved on by the same delay
  const near = runnerWatch({ silenceLimitMs: 10_000, deadline: now() + 3000, intervalMs: 1000, now });
  advance(20_000);
  assert.equal(near.look(), null);
  near.heard();
  advance(1000);
  assert.equal(near.look(), null);
});

test("a runner that stays silent after the grader's stall is still found frozen", () => {
  const { now, advance } = clock();
  const watch = runnerWatch({ silenceLimitMs: 10_000, deadline: now() + 600_000, intervalMs: 1000, now });
  advance(30_000);
  assert.equal(watch.look(), null);
  let verdict = null;
  let seconds = 0;
  while (verdict === null && seconds < 20) {
    advance(1000);
    seconds++;
    verdict = watch.look();
  }
  assert.equal(verdict, "silent");
  assert.ok(seconds >= 9 && seconds <= 11, `found frozen after ${seconds} s of the grader's looking`);
});
