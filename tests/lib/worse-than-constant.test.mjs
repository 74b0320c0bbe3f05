import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Net, MINEE, MINETrainer, MINEfTrainer, DVTrainer, TrainingDiverged, tf } from "neural-mi";
import { gaussianColumns } from "./pairs.mjs";

// Every bound the trainers maximise is 0 for a constant network and at most the divergence it
// bounds (≥ 0). step(1) returned MI-NEE's −1503 nats at learningRate 1 and +24 nats at 0.3 (two of
// its divergences at −134 and −150, subtracted) for 0.51, as plain numbers, on both paths.

before(async () => {
  await init();
});

const pairs = (n, seed = 1) => gaussianColumns(n, seed);

const divergedBelowZero = (what) => (error) =>
  error instanceof TrainingDiverged && new RegExp(`${what}.*below the 0 a constant network gives by over 1 nat`, "s").test(error.message) && /lower learningRate/i.test(error.message);

test("a bound far below 0 on the samples trained on is reported as diverged, on both paths", () => {
  const { x, y } = pairs(100);
  for (const fused of [true, false]) {
    const wild = new MINEE(x, y, { learningRate: 1, fused });
    assert.throws(() => wild.step(1), divergedBelowZero("estimate on the very samples trained on is -"), `learningRate 1, fused ${fused}`);
    assert.equal(wild.history.estimate.length, 1);
    // the estimate itself positive (+24 nats): two of the three divergences thrown far below 0
    const offset = new MINEE(x, y, { learningRate: 0.3, fused });
    assert.throws(() => offset.step(1), divergedBelowZero("estimate of D\\(P_Y ‖ P_Y'\\)"), `learningRate 0.3, fused ${fused}`);
    assert.ok(offset.history.estimate[0] > 1, `the estimate was ${offset.history.estimate[0]}`);
  }
});

test("minibatches of a few samples are named when the bound falls below 0", () => {
  // 30 samples in 10 iterations: minibatches of 3 drove DV's estimate of D(P ‖ Q) to −6.9 nats at the defaults
  const { x, y } = pairs(30, 1);
  const trainer = new DVTrainer(x, y.map(([v]) => [v + 0.5]), new Net({ inputSize: 1 }), { seed: 0 });
  assert.throws(() => trainer.step(60), (error) => divergedBelowZero("")(error) && /minibatches of 3 samples.*lower itersPerEpoch/s.test(error.message));
});

test("at the defaults, 60 epochs on 100 and 1000 samples never trip the check (seeds 0–2)", () => {
  for (const n of [100, 1000]) {
    for (const seed of [0, 1, 2]) {
      const { x, y } = pairs(n, seed);
      for (const trainer of [new MINEE(x, y, { seed }), new MINETrainer(x, y, new Net({ inputSize: 2 }), { seed }), new MINEfTrainer(x, y, new Net({ inputSize: 2 }), { seed })]) {
        const estimate = trainer.step(n === 100 ? 60 : 20);
        assert.ok(Number.isFinite(estimate));
        trainer.dispose();
      }
    }
  }
});

test("stepWithLoss reports a network that gives one output on every sample, on both paths", () => {
  // a loss pulling every output to 0 at learningRate 0.5 saturates every unit: one output to float32's
  // resolution, which stepWithLoss (evaluating in float64) returned as an estimate of 9e-12
  const squares = function (x, y, xRef, yRef) {
    return tf.add(tf.mean(tf.square(this.net.forward(x, y))), tf.mean(tf.square(this.net.forward(xRef, yRef))));
  };
  const { x, y } = pairs(100);
  for (const fused of [true, false]) {
    const trainer = new MINETrainer(x, y, new Net({ inputSize: 2 }), { learningRate: 0.5, fused });
    assert.throws(() => trainer.stepWithLoss(squares, 20), (error) => error instanceof TrainingDiverged && /one and the same output on every sample/.test(error.message), `fused ${fused}`);
  }
});
