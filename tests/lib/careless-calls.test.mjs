// Public calls as a careless user makes them (bench/careless/probe.mjs tries several hundred): each
// either works or says what is wrong and what to pass; none leaves tensors behind or returns NaN.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, estimateMI, bivariateGaussian, Net, Dense, Rng, mineeEvaluation, transformedTask, referenceOutputs } from "neural-mi";

before(async () => {
  await init();
});

const { x, y } = bivariateGaussian(0.5).sample(60, 1);

test("estimateMI refusing a method's option frees the network it made (6 tensors a call were kept)", async () => {
  for (const [options, message] of [
    [{ method: "infonce", negatives: 0 }, /negatives must be a positive integer, got 0/],
    [{ method: "smile", clip: NaN }, /clip must be a finite number, got NaN/],
    [{ method: "mine", beta: 2 }, /beta must be in \[0, 1\], got 2/],
  ]) {
    const before = tf.memory().numTensors;
    await assert.rejects(estimateMI(x, y, options), message);
    assert.equal(tf.memory().numTensors, before, `${JSON.stringify(options)} left tensors`);
  }
});

test("a disposed input tensor is named, in Net.forward and Dense.apply (TensorFlow.js read a property of undefined)", () => {
  const net = new Net({ hiddenSize: 4 });
  const input = tf.tensor2d([[1, 2]]);
  input.dispose();
  assert.throws(() => net.forward(input), /Net\.forward: input 0 is a disposed tensor; pass a live one/);
  assert.throws(() => net.fc1.apply(input), /Dense\.apply\(x\): x is a disposed tensor/);
  const dense = new Dense(2, 3, 0.1, new Rng(0));
  assert.throws(() => dense.apply(input), /Dense\.apply\(x\): x is a disposed tensor/);
  assert.throws(() => net.forward([[1, 2]]), /input 0 must be a 2-D tensor \[samples, columns\], got .*use evaluate\(points\), or tf\.tensor2d\(rows\)/);
  dense.dispose();
  net.dispose();
});

test("Net.evaluate of one point given flat says to give it as a row (it said to make a Net of inputSize 1)", () => {
  const net = new Net({ hiddenSize: 4 });
  assert.throws(() => net.evaluate([1, 2]), /points is flat, 2 values read as 2 samples of one column, but the net takes 2 columns; .*evaluate\(\[\[1, 2\]\]\) for one point/);
  assert.throws(() => net.evaluate(new Float32Array([1, 2, 3, 4])), /points is flat, 4 values/);
  assert.equal(net.evaluate([[1, 2]]).length, 1);
  const one = new Net({ inputSize: 1, hiddenSize: 4 });
  assert.equal(one.evaluate([1, 2, 3]).length, 3);
  one.dispose();
  net.dispose();
});

test("mineeEvaluation refuses outputs that are not finite or pass 2^16 (it returned an estimate of NaN, a standard error of Infinity)", () => {
  const ok = { joint: [0.1, 0.2], reference: [0, 0.1] };
  assert.throws(() => mineeEvaluation({ joint: [NaN, 0.2], reference: [0, 0.1] }, ok, ok), /mineeEvaluation\(xy, x, y\): xy\.joint\[0\] is NaN; network outputs must be finite/);
  assert.throws(() => mineeEvaluation(ok, { joint: [0.1, 0.2], reference: [0, Infinity] }, ok), /x\.reference\[1\] is Infinity/);
  assert.throws(() => mineeEvaluation(ok, ok, { joint: [1e300, 1], reference: [0, 0] }), /y\.joint\[0\] is 1e\+300; .*magnitude at most 2\^16 .*lower learningRate/);
  const { estimate, standardError } = mineeEvaluation(ok, ok, ok);
  assert.ok(Number.isFinite(estimate) && Number.isFinite(standardError));
});

test("transformedTask refuses a map giving NaN or another dimension, naming the sample (its samples were NaN, or of another dimX)", () => {
  const base = bivariateGaussian(0.5);
  const task = (map) => transformedTask(base, { name: "t", description: "d", x: map });
  assert.throws(() => task(() => [NaN]).sample(5, 0), /transformedTask\(base, \{ x \}\): the map's value at sample 0, coordinate 0, is NaN \(from \[-?\d/);
  assert.throws(() => task((v) => [v[0], v[0]]).sample(5, 0), /the map's value at sample 0 is .*it must be an array of 1 numbers, one per coordinate of x \(the base task's dimX\)/);
  assert.throws(() => task((v) => v[0]).sample(5, 0), /it must be an array of 1 numbers/);
  const typed = task((v) => Float64Array.from(v, (a) => 2 * a)).sample(5, 0);
  assert.deepEqual(typed.x.map((r) => r[0]), base.sample(5, 0).x.map((r) => 2 * r[0]));
});

test("referenceOutputs without a network says so (it read undefined's inputSize)", () => {
  assert.throws(() => referenceOutputs(), /the reference network must be a Net or its weights \{ inputSize, hiddenSize, values \}, got undefined/);
});
