// What a test cell measured reaches the report from either form a cell can send it in.
import assert from "node:assert/strict";
import { test } from "node:test";
import { measuredResult, RESULT_MIME as MIME } from "../../autograder/src/grade/results.mjs";

const stdout = (text) => ({ output_type: "stream", name: "stdout", text });
const display = (data) => ({ output_type: "display_data", data, metadata: {} });

test("a reportResult output: the JSON part counts, the text is for the student", () => {
  const cell = { outputs: [display({ "text/plain": "MINETrainer: estimate 0.6000 nats …", [MIME]: { exercise: "MINETrainer", estimate: 0.6, groundTruth: 0.64, tolerance: 0.18, unit: "nats" } })] };
  assert.deepEqual(measuredResult(cell), { exercise: "MINETrainer", estimate: 0.6, groundTruth: 0.64, tolerance: 0.18, unit: "nats" });
  // nbformat may hold a JSON MIME part as a string
  const asString = { outputs: [display({ [MIME]: JSON.stringify({ estimate: 1, ground_truth: 2 }) })] };
  assert.deepEqual(measuredResult(asString), { estimate: 1, ground_truth: 2, groundTruth: 2 });
});

test("the printed line of kernels without display bundles, among other output", () => {
  const cell = { outputs: [stdout('training…\nNEURAL_MI_RESULT {"estimate": 0.5, "groundTruth": 0.6}\ndone\n')] };
  assert.deepEqual(measuredResult(cell), { estimate: 0.5, groundTruth: 0.6 });
});

test("the last result counts; malformed ones and other outputs are ignored", () => {
  const cell = {
    outputs: [
      stdout('NEURAL_MI_RESULT {"estimate": 0.1, "groundTruth": 0.6}\n'),
      display({ [MIME]: { estimate: 0.2, groundTruth: 0.6 } }),
      stdout("NEURAL_MI_RESULT {not json\n"),
      display({ [MIME]: "[1, 2]" }),
      display({ "text/plain": "NEURAL_MI_RESULT {\"estimate\": 9}" }),
    ],
  };
  assert.deepEqual(measuredResult(cell), { estimate: 0.2, groundTruth: 0.6 });
  assert.equal(measuredResult({ outputs: [stdout("nothing to see\n")] }), undefined);
  assert.equal(measuredResult({ outputs: [] }), undefined);
});
