// Public calls as a careless user makes them (bench/careless/probe.mjs tries several hundred): each
// either works or says what is wrong and what to pass; none leaves tensors behind or returns NaN.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, estimateMI, bivariateGaussian, Net, Dense, Rng, MINETrainer, MINEE, mineeEvaluation, transformedTask, referenceOutputs, reportResult } from "neural-mi";

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

test("misspelt fields are refused by rng.choice and reportResult (they were dropped: no replacement, no tolerance read)", () => {
  assert.throws(() => new Rng(0).choice(3, 2, { replacement: true }), /choice\(n, size, options\) got an unknown option "replacement" \(did you mean "replace"\?\)/);
  assert.throws(() => new Rng(0).choice(3, 2, null), /choice\(n, size, options\) must be an options object/);
  assert.deepEqual(new Rng(4).choice(5, 5, { replace: true }), new Rng(4).choice(5, 5, { replace: true }));
  const result = { exercise: "MINETrainer", estimate: 0.6, groundTruth: 0.64, tolerance: 0.1 };
  assert.throws(() => reportResult({ ...result, tolerence: 0.2 }), /reportResult\(result\) got an unknown option "tolerence" \(did you mean "tolerance"\?\)/);
  assert.match(reportResult(result), /MINETrainer: estimate 0\.6000 nats, ground truth 0\.6400 nats, within 0\.1: yes/);
});

test("values float32 cannot hold are refused by the trainers and evaluate (x·1e300 'diverged', x·1e−300 trained on a constant column)", () => {
  const net = new Net({ hiddenSize: 4 });
  const before = tf.memory().numTensors;
  assert.throws(() => new MINETrainer(x.map((r) => [r[0] * 1e300]), y, net), /MINETrainer: x: row 0, column 0 holds -?[\d.]+e\+\d+, beyond float32's range \(about ±3\.4e38\), in which the networks compute .*; scale each column to a spread near 1 first/);
  assert.throws(() => new MINETrainer(x, y.map((r) => [r[0] * 1e-300]), net), /MINETrainer: y: column 0 has values of at most .*e-300 in magnitude, below float32's smallest normal number/);
  assert.throws(() => new MINEE(Float64Array.from(x, (r) => -1e300 * r[0]), y), /MINEE: x: row 0, column 0 holds .*read as -?Infinity/);
  assert.throws(() => net.evaluate([[1e300, 1]]), /evaluate\(points\): row 0, column 0 holds 1e\+300, beyond float32's range/);
  assert.equal(tf.memory().numTensors, before);
  // values float32 holds pass, extremes of its range too, and a column with some values that round to 0
  const edge = x.map((r, i) => [i === 0 ? 1e-300 : r[0]]);
  new MINETrainer(edge, y, net).dispose();
  net.dispose();
});

test("step or trainEpochs called while train() runs is refused (their epochs interleaved with train's, which returned after more)", async () => {
  const net = new Net({ hiddenSize: 4 });
  const trainer = new MINETrainer(x, y, net, { itersPerEpoch: 2 });
  const running = trainer.train({ epochs: 3 });
  assert.throws(() => trainer.step(1), /step\(epochs\) was called while train\(\) runs on this trainer: its epochs would interleave with train's; await the train\(\.\.\.\) promise first/);
  assert.throws(() => trainer.trainEpochs(1), /trainEpochs\(epochs\) was called while train\(\) runs/);
  assert.ok(Number.isFinite(trainer.step(0)));
  await running;
  assert.equal(trainer.epoch, 3);
  assert.equal(trainer.history.estimate.length, 3);
  trainer.step(1);
  assert.equal(trainer.epoch, 4);
  trainer.dispose();
  net.dispose();
});

test("densityPlot of one sample's values without a name says to name it (it said samples[0] must be { name, values })", async () => {
  const { densityPlot } = await import("neural-mi");
  const named = /densityPlot: samples is one sample's values without a name; name it: densityPlot\(\{ "t\(Z\)": values \}\)/;
  assert.throws(() => densityPlot([0.1, 0.5, 0.9]), named);
  assert.throws(() => densityPlot(new Float32Array([0.1, 0.5, 0.9])), named);
  const column = tf.tensor1d([0.1, 0.5, 0.9]);
  assert.throws(() => densityPlot(column), named);
  column.dispose();
  assert.equal(densityPlot({ t: [0.1, 0.5, 0.9] }).data.length, 1);
  assert.equal(densityPlot([{ name: "t", values: [0.1, 0.5, 0.9] }]).data.length, 1);
});

test("an exported bound's evaluation that overflows double precision is refused (F_BOUND at t' = 1000 gave −Infinity, DV at 1e300 a standard error of Infinity)", async () => {
  const { DV, F_BOUND, smileBound } = await import("neural-mi");
  assert.throws(() => F_BOUND.evaluation([1000, 1], [1000, 2]), /f\.evaluation\(tJoint, tRef\): outputs reaching 1\.00e\+3 in magnitude overflow double precision in this bound \(its estimate came out -Infinity.*lower learningRate/);
  assert.throws(() => DV.evaluation([1e300, 1], [1e300, 2]), /DV\.evaluation\(tJoint, tRef\): .*its standard error came out Infinity/);
  assert.throws(() => smileBound(5).evaluation([1e300, 1], [1e300, 2]), /SMILE\(τ = 5\)\.evaluation/);
  assert.ok(Number.isFinite(DV.evaluation([1, 2], [3, 700]).estimate));
});

test("a method that is no name is shown as given (null and 1 read 'got object' and 'got number')", async () => {
  await assert.rejects(estimateMI(x, y, { method: null }), /estimateMI: method must be one of "mine", .*, got null\./);
  await assert.rejects(estimateMI(x, y, { method: 1 }), /method must be one of .*, got 1\./);
});
