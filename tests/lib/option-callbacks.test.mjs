// A careless user's options (bench/accuracy/options): an onEpoch that throws, and true/false options given as strings.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { init, estimateMI, estimator, bivariateGaussian, Net, MINETrainer, MINEE, resample } from "neural-mi";

before(async () => {
  await init();
});

const { x, y } = bivariateGaussian(0.5).sample(200, 3);

test("an onEpoch that throws is named, with its epoch, its message and the error as cause; no tensor is left behind", async () => {
  const failure = new Error("plot not ready");
  for (const method of ["mine", "smile"]) {
    const tensorsBefore = tf.memory().numTensors;
    const onEpoch = (epoch) => {
      if (epoch === 3) throw failure;
    };
    await assert.rejects(estimateMI(x, y, { method, steps: 200, onEpoch }), (error) => {
      assert.match(error.message, new RegExp(`^neural-mi: estimateMI\\(x, y, \\{ method: "${method}" \\}\\): your onEpoch callback threw at epoch 3 \\(plot not ready\\); no estimate was made`));
      assert.equal(error.cause, failure);
      return true;
    });
    assert.equal(tf.memory().numTensors, tensorsBefore, `${method}: tensors left after the callback threw`);
  }
  // async callbacks that reject are caught the same way
  await assert.rejects(estimateMI(x, y, { steps: 100, onEpoch: async () => Promise.reject(new Error("later")) }), /your onEpoch callback threw at epoch 1 \(later\)/);
});

test("train({ onEpoch }) names a callback that throws and keeps the epochs trained", async () => {
  const trainer = new MINETrainer(x, y, new Net({ inputSize: 2, seed: 1 }));
  await assert.rejects(trainer.train({ epochs: 5, onEpoch: (epoch) => { if (epoch === 2) throw "a string"; } }), /train\(\{ onEpoch \}\): your onEpoch callback threw at epoch 2 \(a string\); the trainer keeps the 2 epochs trained so far/);
  assert.equal(trainer.epoch, 2);
  assert.ok(Number.isFinite(trainer.step(1)));
  trainer.dispose();
});

test("fused, floorDivergences and replace given as strings are refused by estimateMI itself, the string quoted", async () => {
  await assert.rejects(estimateMI(x, y, { method: "smile", fused: "false" }), /^Error: neural-mi: estimateMI\(x, y, \{ method: "smile" \}\): fused must be true or false, got "false" \(a string: pass true or false without quotes\)\.$/);
  await assert.rejects(estimateMI(x, y, { fused: 0 }), /estimateMI\(x, y, \{ method: "mine" \}\): fused must be true or false, got 0\./);
  assert.throws(() => new MINETrainer(x, y, new Net({ inputSize: 2 }), { fused: "true" }), /MINETrainer: fused must be true or false, got "true" \(a string/);
  assert.throws(() => new MINEE(x, y, { floorDivergences: "yes" }), /MINEE: floorDivergences must be true or false, got "yes"/);
  assert.throws(() => resample(x, 10, { replace: "false" }), /replace \}\) must be true or false, got "false"/);
});

test("options given as a Map are refused with Object.fromEntries (they were read as {} and ran MINE with defaults)", async () => {
  await assert.rejects(estimateMI(x, y, new Map([["method", "ksg"]])), /estimateMI\(x, y, options\) must be an options object such as \{\}, got a Map; pass Object\.fromEntries\(map\)/);
  await assert.rejects(estimator("ksg").estimate(x, y, new Map()), /got a Map; pass Object\.fromEntries\(map\)/);
  assert.throws(() => new MINETrainer(x, y, new Net({ inputSize: 2 }), new Map([["learningRate", 0.01]])), /MINETrainer options must be an options object such as \{\}, got a Map/);
});

test("an onEpoch callback only observes: every neural method gives the same estimate, interval and curve with it as without", async () => {
  // the estimates on the training part used to draw their reference pairs from the training generator,
  // so listening shifted every later batch (MINE 0.09114 against 0.09113 here)
  const pair = bivariateGaussian(0.5).sample(300, 3);
  for (const method of ["mine", "mine-f", "minee", "infonce", "smile"]) {
    const plain = await estimateMI(pair.x, pair.y, { method, steps: 300, seed: 1 });
    const seen = [];
    const listened = await estimateMI(pair.x, pair.y, { method, steps: 300, seed: 1, onEpoch: (epoch, estimate) => seen.push([epoch, estimate]) });
    assert.ok(seen.length > 0, `${method}: onEpoch was never called`);
    assert.equal(listened.estimate, plain.estimate, `${method}: estimate`);
    assert.deepEqual(listened.interval, plain.interval, `${method}: interval`);
    assert.equal(listened.trusted, plain.trusted, `${method}: trusted`);
    assert.deepEqual(listened.warnings, plain.warnings, `${method}: warnings`);
    assert.deepEqual(listened.history.heldOut, plain.history.heldOut, `${method}: held-out curve`);
  }
});
