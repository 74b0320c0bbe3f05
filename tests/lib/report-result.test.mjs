// reportResult: the line a test cell shows and its checks (outside a kernel it only
// returns the line; tests/notebooks checks what the kernel sends and the autograder reads).
import { test } from "node:test";
import assert from "node:assert/strict";
import { reportResult, RESULT_MIME } from "neural-mi";
import { RESULT_MIME as AUTOGRADER_RESULT_MIME } from "../../autograder/src/grade/results.mjs";

test("the line says the estimate, the ground truth, the tolerance and whether it is met", () => {
  assert.equal(
    reportResult({ exercise: "MINETrainer", estimate: 0.60123, groundTruth: 0.63641, tolerance: 0.18 }),
    "MINETrainer: estimate 0.6012 nats, ground truth 0.6364 nats, within 0.18: yes",
  );
  assert.equal(
    reportResult({ exercise: "channel", estimate: 4.2, groundTruth: 6, tolerance: 1, unit: "bits" }),
    "channel: estimate 4.2000 bits, ground truth 6.0000 bits, within 1: no",
  );
  assert.match(reportResult({ exercise: "MINETrainer", estimate: NaN, groundTruth: 0.6, tolerance: 0.18 }), /estimate NaN nats.*: no$/);
  assert.equal(RESULT_MIME, AUTOGRADER_RESULT_MIME, "the library and the autograder name the result by one constant");
  assert.match(RESULT_MIME, /^application\/vnd\.neural-mi\.result\+json$/);
});

test("bad results are refused with what to change", () => {
  assert.throws(() => reportResult({ estimate: 1, groundTruth: 1, tolerance: 0.1 }), /exercise must be the exercise's name/);
  assert.throws(() => reportResult({ exercise: "a", estimate: "1", groundTruth: 1, tolerance: 0.1 }), /estimate must be a number, got string/);
  assert.throws(() => reportResult({ exercise: "a", estimate: 1, groundTruth: NaN, tolerance: 0.1 }), /groundTruth/);
  assert.throws(() => reportResult({ exercise: "a", estimate: 1, groundTruth: 1, tolerance: 0 }), /tolerance/);
  assert.throws(() => reportResult({ exercise: "a", estimate: 1, groundTruth: 1, tolerance: 0.1, unit: "bit" }), /unit must be one of "nats", "bits"/);
});

test("checks: the line tells the student which passed; bad checks are refused", () => {
  assert.equal(
    reportResult({ exercise: "MINETrainer", estimate: 0.5, groundTruth: 0.9416, tolerance: 0.18, checks: { loss: true, estimate: false } }),
    "MINETrainer: estimate 0.5000 nats, ground truth 0.9416 nats, within 0.18: no; checks: loss passed, estimate failed",
  );
  assert.throws(() => reportResult({ exercise: "a", estimate: 1, groundTruth: 1, tolerance: 0.1, checks: {} }), /checks must be an object of check names/);
  assert.throws(() => reportResult({ exercise: "a", estimate: 1, groundTruth: 1, tolerance: 0.1, checks: { loss: 1 } }), /checks\.loss must be true or false, got 1/);
});
