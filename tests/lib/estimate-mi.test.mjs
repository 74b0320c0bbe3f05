import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, estimateMI, courseData, gaussianChannel, DVTrainer } from "neural-mi";

before(async () => {
  await init();
});

const data = courseData({ n: 300 });
const quick = { epochs: 2, hiddenSize: 16 };

test("estimateMI trains on one part and reports the held-out estimate with its spread", async () => {
  const before = tf.memory().numTensors;
  const result = await estimateMI(data.x, data.y, { ...quick, seed: 1 });
  assert.equal(tf.memory().numTensors, before, "no tensors left behind");
  assert.equal(result.method, "mine");
  assert.equal(result.unit, "nats");
  assert.equal(result.backend, "wasm");
  assert.equal(result.trainSize, 210);
  assert.equal(result.heldOutSize, 90);
  assert.ok(Number.isFinite(result.estimate));
  assert.ok(result.spread > 0 && Number.isFinite(result.spread));
  assert.equal(result.history.estimate.length, 2);
  assert.equal(result.history.loss.length, 20);
  assert.deepEqual(await estimateMI(data.x, data.y, { ...quick, seed: 1 }), result, "same seed, same result");
  assert.notEqual((await estimateMI(data.x, data.y, { ...quick, seed: 2 })).estimate, result.estimate);
});

test("bits are nats divided by log 2, for the estimate, the spread and the history", async () => {
  const nats = await estimateMI(data.x, data.y, { ...quick, seed: 3 });
  const bits = await estimateMI(data.x, data.y, { ...quick, seed: 3, unit: "bits" });
  assert.equal(bits.unit, "bits");
  assert.ok(Math.abs(bits.estimate - nats.estimate / Math.LN2) < 1e-12);
  assert.ok(Math.abs(bits.spread - nats.spread / Math.LN2) < 1e-12);
  bits.history.estimate.forEach((b, i) => assert.ok(Math.abs(b - nats.history.estimate[i] / Math.LN2) < 1e-12));
  assert.deepEqual(bits.history.loss, nats.history.loss);
});

test("arrays, 1-D arrays and tensors give the same result; every method runs", async () => {
  const reference = await estimateMI(data.x, data.y, { ...quick, seed: 4 });
  const flat = await estimateMI(data.x.map((r) => r[0]), data.y.map((r) => r[0]), { ...quick, seed: 4 });
  const x = tf.tensor2d(data.x);
  const y = tf.tensor2d(data.y);
  const tensors = await estimateMI(x, y, { ...quick, seed: 4 });
  assert.equal(flat.estimate, reference.estimate);
  assert.equal(tensors.estimate, reference.estimate);
  assert.ok(!x.isDisposed, "the caller's tensors are left alone");
  tf.dispose([x, y]);
  const channel = gaussianChannel({ dim: 2 }).sample(200, 1);
  for (const method of ["mine-f", "minee"]) {
    const r = await estimateMI(channel.x, channel.y, { ...quick, method, seed: 5 });
    assert.equal(r.method, method);
    assert.ok(Number.isFinite(r.estimate) && r.spread > 0, method);
  }
});

test("the spread is the delta-method standard error of the held-out bound", () => {
  // t(z) = z on z = (1, 3) and z' = (0, 0, ln 4):
  // var t = 2, so var/n = 1; e^{t'} = (1, 1, 4): mean 2, variance 3, so 3 / (3 · 2²) = 0.25
  // standard error = sqrt(1 + 0.25); the estimate is 2 − log 2
  const b = tf.variable(tf.zeros([1]));
  const trainer = new DVTrainer([[1], [3]], [[0], [0], [Math.log(4)]], { variables: [b], forward: (z) => tf.add(z, b) }, { itersPerEpoch: 1 });
  const { estimate, standardError } = trainer.estimateOn([[1], [3]], [[0], [0], [Math.log(4)]]);
  assert.ok(Math.abs(estimate - (2 - Math.LN2)) < 1e-6);
  assert.ok(Math.abs(standardError - Math.sqrt(1.25)) < 1e-6);
  trainer.dispose();
  b.dispose();
});

test("bad calls are refused with the argument and the fix", async () => {
  const cases = [
    [{ epoch: 3 }, /unknown option "epoch" \(did you mean "epochs"\?\)/],
    [{ method: "MINE" }, /method must be one of "mine", "mine-f", "minee", got "MINE"/],
    [{ holdout: 1 }, /holdout must be in \(0, 1\), got 1/],
    [{ holdout: 0 }, /holdout must be in \(0, 1\), got 0/],
    [{ epochs: 1.5 }, /epochs must be an integer, got 1.5/],
    [{ unit: "bit" }, /unit must be one of "nats", "bits"/],
    [{ method: "minee", beta: 0.5 }, /beta applies to method "mine" only, not "minee"/],
    [{ refBatchFactor: 2 }, /refBatchFactor applies to method "minee" only, not "mine"/],
    [{ fused: "no" }, /fused must be true or false, got no/],
  ];
  for (const [options, message] of cases) await assert.rejects(() => estimateMI(data.x, data.y, options), message);
  await assert.rejects(() => estimateMI(data.x, data.y.slice(1)), /x has 300 samples but y has 299/);
  await assert.rejects(() => estimateMI([[1], [NaN]], [[1], [2]]), /estimateMI: x\[1\]\[0\] \(row 1, column 0\) is NaN/);
  await assert.rejects(() => estimateMI([[1], [2], [3]], [[1], [2], [3]]), /3 samples split by holdout = 0.3 leave 2 for training and 1 held out/);
  await assert.rejects(() => estimateMI([], []), /estimateMI: x is empty/);
});
