// The progress line npm run autograde prints after each submission: k/N, elapsed, time left.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatDuration, progressLine } from "../../autograder/src/util/progress.mjs";

test("the time left is the time per submission so far times the submissions left", () => {
  assert.equal(progressLine({ finished: 2, total: 10, elapsedSeconds: 60 }), "[2/10] elapsed 1 min 00 s, about 4 min 00 s left");
  assert.equal(progressLine({ finished: 10, total: 10, elapsedSeconds: 3725 }), "[10/10] elapsed 1 h 02 min, done");
});

test("durations read as seconds, minutes or hours", () => {
  assert.equal(formatDuration(0.4), "0 s");
  assert.equal(formatDuration(59.6), "1 min 00 s");
  assert.equal(formatDuration(7260), "2 h 01 min");
});

test("a count outside 1..N is refused with the reason", () => {
  assert.throws(() => progressLine({ finished: 0, total: 3, elapsedSeconds: 1 }), /from 1 to the total \(3\), got 0/);
  assert.throws(() => progressLine({ finished: 4, total: 3, elapsedSeconds: 1 }), /got 4/);
});
