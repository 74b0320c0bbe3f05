// A careless user's options (bench/accuracy/options): an onEpoch that throws, and true/false options given as strings.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { init, estimateMI, estimator, estimators, bivariateGaussian, Net, MINETrainer, MINEE, resample } from "neural-mi";

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

test("a second train() while one runs is refused (the two interleaved their epochs), as is a misspelt option", async () => {
  const net = new Net({ inputSize: 2, hiddenSize: 4 });
  const trainer = new MINETrainer(x, y, net, { itersPerEpoch: 2 });
  const first = trainer.train({ epochs: 2 });
  await assert.rejects(trainer.train({ epochs: 2 }), /train\(\) is already running on this trainer; await it/);
  await first;
  assert.equal(trainer.epoch, 2);
  await trainer.train({ epochs: 1 });
  assert.equal(trainer.epoch, 3);
  await assert.rejects(trainer.train({ epoch: 1 }), /train\(options\) got an unknown option "epoch" \(did you mean "epochs"\?\)/);
  trainer.dispose();
  net.dispose();
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

test("options inherited from a prototype or given by getters are read as own fields by every estimator, and misspelt ones are refused", async () => {
  // Object.create(defaults) and class instances used to lose every field not their own: the run went on with the defaults
  const pair = bivariateGaussian(0.8).sample(120, 5);
  const budget = (method) => (method === "ksg" ? { neighbors: 4 } : { steps: 40, hiddenSize: 8 });
  for (const method of estimators()) {
    const fields = { seed: 2, unit: "bits", ...budget(method) };
    const plain = await estimator(method).estimate(pair.x, pair.y, fields);
    const inherited = await estimator(method).estimate(pair.x, pair.y, Object.create(fields));
    assert.equal(inherited.unit, "bits", `${method}: unit`);
    assert.equal(inherited.estimate, plain.estimate, `${method}: estimate`);
    const viaEstimateMI = await estimateMI(pair.x, pair.y, Object.create({ method, ...fields }));
    assert.equal(viaEstimateMI.method, method, `${method}: estimateMI's method`);
    assert.equal(viaEstimateMI.estimate, plain.estimate, `${method}: estimateMI's estimate`);
  }
  class KsgOptions {
    get method() { return "ksg"; }
    get neighbors() { return 4; }
  }
  const withGetters = await estimateMI(pair.x, pair.y, Object.assign(new KsgOptions(), { seed: 2 }));
  assert.equal(withGetters.estimate, (await estimateMI(pair.x, pair.y, { method: "ksg", neighbors: 4, seed: 2 })).estimate);
  await assert.rejects(estimateMI(pair.x, pair.y, Object.create({ method: "ksg", neighbours: 4 })), /unknown option "neighbours" \(did you mean "neighbors"\?/);
  await assert.rejects(estimator("mine").estimate(pair.x, pair.y, Object.create({ learning_rate: 0.1 })), /unknown option "learning_rate" \(did you mean "learningRate"\?/);
  assert.throws(() => new Net(Object.create({ inputSize: 2, hiddenSise: 4 })), /unknown option "hiddenSise" \(did you mean "hiddenSize"\?/);
  assert.throws(() => new MINETrainer(pair.x, pair.y, new Net({ inputSize: 2 }), Object.create({ learningrate: 0.1 })), /unknown option "learningrate"/);
});
