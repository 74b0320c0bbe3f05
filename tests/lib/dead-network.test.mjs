import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Net, MINEE, MINETrainer, TrainingDiverged } from "neural-mi";
import { gaussianColumns } from "./pairs.mjs";

before(async () => {
  await init();
});

const pairs = (n) => gaussianColumns(n, 1);

// MI-NEE at learningRate 1 (n = 100) went to −1503 nats, then 0.68, then one output on every
// sample from epoch 3 on: step(10) returned 0 on both paths, an estimate of "independent" from a
// network that could no longer learn. (The first epoch's −1503 is reported too, as a bound far
// below 0: worse-than-constant.test.mjs; training on after it reaches the dead network.)
test("a network that gives one output on every sample after training is reported as diverged, on both paths", () => {
  const { x, y } = pairs(100);
  for (const fused of [true, false]) {
    const trainer = new MINEE(x, y, { learningRate: 1, fused });
    assert.throws(() => trainer.step(1), /below the 0 a constant network gives/, `fused ${fused}`);
    assert.throws(
      () => trainer.step(10),
      (error) => error instanceof TrainingDiverged && /one and the same output on every sample/.test(error.message) && /lower learningRate/.test(error.message),
      `fused ${fused}`,
    );
    assert.ok(trainer.history.estimate.length < 10);
  }
});

test("on data whose rows are all the same, one output is no divergence", () => {
  const { x, y } = pairs(50);
  assert.equal(new MINETrainer(x.map(() => [1]), y.map(() => [2]), new Net({ inputSize: 2 })).step(2), 0);
});
