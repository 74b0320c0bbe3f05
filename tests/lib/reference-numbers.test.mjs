import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net, Rng, initialNetWeights, referenceOutputs, referenceOutputGradients, referenceMINELoss, withoutReference } from "neural-mi";

before(async () => {
  await init();
});

const valuesOf = (net) => net.variables.map((v) => Array.from(v.dataSync()));

test("initialNetWeights are the weights new Net starts with, to the bit, for every option", () => {
  for (const options of [{}, { seed: 3, sigma: 0.5 }, { inputSize: 4, hiddenSize: 7, sigma: "fan-in", seed: 11 }, { sigma: 0, seed: 2 }]) {
    const net = new Net(options);
    const plain = initialNetWeights(options);
    assert.equal(plain.inputSize, net.inputSize);
    assert.equal(plain.hiddenSize, net.hiddenSize);
    assert.deepEqual(plain.values.map((v) => Array.from(v)), valuesOf(net), JSON.stringify(options));
    net.dispose();
  }
});

test("initialNetWeights refuses what new Net refuses, with the same advice", () => {
  assert.throws(() => initialNetWeights({ sigma: -1 }), /initialNetWeights\(\{ sigma \}\) must be ≥ 0/);
  assert.throws(() => initialNetWeights({ hiddenSize: 0 }), /initialNetWeights\(\{ hiddenSize \}\)/);
  assert.throws(() => initialNetWeights({ seeds: 1 }), /seeds/);
  assert.throws(() => new Net({ sigma: -1 }), /new Net\(\{ sigma \}\) must be ≥ 0/);
});

test("references on plain weights equal those read from the network, and the network's own forward", () => {
  const options = { seed: 5, sigma: 0.3 };
  const net = new Net(options);
  const plain = initialNetWeights(options);
  const rng = new Rng(1);
  const x = Array.from({ length: 20 }, () => [rng.normal()]);
  const y = Array.from({ length: 20 }, () => [rng.normal()]);
  const xRef = Array.from({ length: 20 }, () => [rng.normal()]);
  const yRef = Array.from({ length: 20 }, () => [rng.normal()]);
  assert.deepEqual(Array.from(referenceOutputs(plain, x, y)), Array.from(referenceOutputs(net, x, y)));
  const forward = tf.tidy(() => Array.from(net.forward(tf.tensor2d(x), tf.tensor2d(y)).dataSync()));
  referenceOutputs(plain, x, y).forEach((t, i) => assert.ok(Math.abs(t - forward[i]) <= 1e-5 * Math.max(1, Math.abs(t)), `row ${i}: ${t} vs ${forward[i]}`));
  const average = { beta: 0.5, m: 1.5 };
  const fromPlain = referenceMINELoss(plain, { x, y, xRef, yRef }, average);
  const fromNet = referenceMINELoss(net, { x, y, xRef, yRef }, average);
  assert.equal(fromPlain.loss, fromNet.loss);
  assert.equal(fromPlain.m, fromNet.m);
  assert.deepEqual(fromPlain.gradients.map((g) => Array.from(g)), fromNet.gradients.map((g) => Array.from(g)));
  net.dispose();
});

test("a reference on plain weights reads nothing from TensorFlow.js: a backend whose reads are broken leaves it right", () => {
  const plain = initialNetWeights({ seed: 3, sigma: 0.5 });
  const rows = [[0.5], [-1.2], [2.0]];
  const before = Array.from(referenceOutputs(plain, rows, rows));
  const { dataSync, arraySync } = tf.Tensor.prototype;
  // as a cell that corrupted the backend's memory would: every read of a tensor gives other numbers
  tf.Tensor.prototype.dataSync = function () {
    return dataSync.call(this).map(() => 42);
  };
  tf.Tensor.prototype.arraySync = () => {
    throw new Error("read");
  };
  try {
    assert.deepEqual(Array.from(referenceOutputs(plain, rows, rows)), before);
    const net = new Net({ seed: 3, sigma: 0.5 });
    assert.notDeepEqual(Array.from(referenceOutputs(net, rows, rows)), before, "a network's variables are read through the backend");
    net.dispose();
  } finally {
    tf.Tensor.prototype.dataSync = dataSync;
    tf.Tensor.prototype.arraySync = arraySync;
  }
});

test("plain weights that do not fill the layers are refused, naming what is wrong", () => {
  const plain = initialNetWeights({ inputSize: 2, hiddenSize: 3 });
  const rows = [[1], [2]];
  assert.throws(() => referenceOutputs({ ...plain, values: plain.values.slice(0, 5) }, rows, rows), /6 variables' values .* got 5/);
  assert.throws(() => referenceOutputs({ ...plain, values: [[1], ...plain.values.slice(1)] }, rows, rows), /layer 1 does not hold 2×3 finite weights/);
  const withNaN = plain.values.map((v, i) => (i === 2 ? Float32Array.from(v, () => NaN) : v));
  assert.throws(() => referenceOutputs({ ...plain, values: withNaN }, rows, rows), /layer 2 does not hold 3×3 finite weights/);
  assert.throws(() => referenceOutputs({ ...plain, hiddenSize: 2.5 }, rows, rows), /hiddenSize/);
});

test("MINE's loss on plain numbers refuses while Net.forward does: it computes t of every row it is given", () => {
  const net = new Net({ seed: 3, sigma: 0.5 });
  const rows = [[0.5], [-1.2], [2.0]];
  const expected = referenceOutputs(net, rows, rows);
  // one row joined to itself, beta = 0: the moving average is e^t, and the loss 1 − t
  const tOf = (i) => 1 - referenceMINELoss(net, { x: [rows[i]], y: [rows[i]], xRef: [rows[i]], yRef: [rows[i]] }, { beta: 0, m: 1 }).loss;
  rows.forEach((_, i) => assert.ok(Math.abs(tOf(i) - expected[i]) <= 1e-9 * Math.max(1, Math.abs(expected[i])), "outside a test it computes t"));
  // a MINENet forward under the MINE-Net test had read its outputs so (2 of 2 points under both graders)
  assert.throws(() => withoutReference(["Net.forward"], () => tOf(0)), /Net\.forward is the library's implementation.*write it yourself/);
  assert.throws(() => withoutReference(["MINETrainer.loss"], () => tOf(0)), /MINETrainer\.loss is the library's implementation/);
  net.dispose();
});

test("the gradient of the mean of t on plain numbers is TensorFlow.js's through Net.forward, and refuses as Net.forward and MINE's loss do", () => {
  const options = { seed: 7, sigma: 0.5 };
  const net = new Net(options);
  const rows = [[0.5], [-1.2], [2.0], [0.0], [-0.3]];
  const others = [[0.4], [-0.9], [1.5], [-2.0], [0.8]];
  const expected = referenceOutputGradients(initialNetWeights(options), rows, others);
  const got = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => tf.mean(net.forward(tf.tensor2d(rows), tf.tensor2d(others))), net.variables);
    return net.variables.map((v) => Array.from(grads[v.name].dataSync()));
  });
  assert.equal(expected.length, 6);
  for (const [i, reference] of expected.entries()) {
    const largest = Math.max(...reference.map(Math.abs));
    assert.ok(largest > 0, `parameter ${i} has a gradient`);
    reference.forEach((w, k) => assert.ok(Math.abs(got[i][k] - w) <= 1e-5 * largest, `parameter ${i}[${k}]: ${got[i][k]} vs ${w}`));
  }
  assert.throws(() => withoutReference(["Net.forward"], () => referenceOutputGradients(net, rows, others)), /Net\.forward is the library's implementation/);
  assert.throws(() => withoutReference(["MINETrainer.loss"], () => referenceOutputGradients(net, rows, others)), /MINETrainer\.loss is the library's implementation/);
  net.dispose();
});
