import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net, DVTrainer, MINETrainer, InfoNCETrainer, SMILETrainer, MINEE, Rng } from "neural-mi";
import { EVALUATION_CHUNK_ROWS } from "neural-mi/dist/estimators/trainer.js";

before(async () => {
  await init();
});

const samples = (n, d, seed) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.normals(d));
};

test("estimateOn refuses samples of other columns than the training data's, naming the samples, not the network", () => {
  const x = samples(40, 1, 1);
  const y = samples(40, 1, 2);
  for (const trainer of [new MINETrainer(x, y, new Net({ inputSize: 2 })), new InfoNCETrainer(x, y, new Net({ inputSize: 2 })), new MINEE(x, y)]) {
    assert.throws(() => trainer.estimateOn(samples(30, 2, 3), samples(30, 1, 4)), /estimateOn\(x, y\): x has 2 columns but the trainer was trained on x of 1; give samples of the same variables/);
    trainer.dispose();
  }
  // x and y swapped: the same total of columns, which the network alone takes and evaluates silently
  const mine = new MINETrainer(samples(40, 2, 1), samples(40, 1, 2), new Net({ inputSize: 3 }));
  assert.throws(() => mine.estimateOn(samples(30, 1, 3), samples(30, 2, 4)), /x has 1 column but the trainer was trained on x of 2/);
  mine.dispose();
  const dv = new DVTrainer(samples(40, 2, 1), samples(40, 2, 2), new Net({ inputSize: 2 }));
  assert.throws(() => dv.estimateOn(samples(30, 1, 3), samples(30, 1, 4)), /estimateOn\(z, zRef\): z has 1 column but the trainer was trained on z of 2/);
  assert.throws(() => dv.estimateOn(samples(30, 2, 3), samples(30, 3, 4)), /zRef has 3 columns but the trainer was trained on zRef of 2/);
  dv.dispose();
});

test("one sample is refused, by the trainers and by estimateOn: its estimate came with a standard error of 0", () => {
  const x = samples(40, 1, 1);
  const y = samples(40, 1, 2);
  const one = (m) => m.slice(0, 1);
  for (const trainer of [new MINETrainer(x, y, new Net({ inputSize: 2 })), new InfoNCETrainer(x, y, new Net({ inputSize: 2 })), new MINEE(x, y)]) {
    assert.throws(() => trainer.estimateOn(one(x), one(y)), /estimateOn\(x, y\) got 1 sample; an estimate and its standard error need at least 2/);
    trainer.dispose();
  }
  assert.throws(() => new MINETrainer(one(x), one(y), new Net({ inputSize: 2 }), { itersPerEpoch: 1 }), /MINETrainer got 1 sample/);
  assert.throws(() => new MINEE(one(x), one(y), { itersPerEpoch: 1 }), /MINEE got 1 sample/);
  assert.throws(() => new DVTrainer(one(x), y, new Net({ inputSize: 1 }), { itersPerEpoch: 1 }), /DVTrainer: z got 1 sample/);
  const dv = new DVTrainer(x, y, new Net({ inputSize: 1 }));
  assert.throws(() => dv.estimateOn(x, one(y)), /estimateOn\(z, zRef\): zRef got 1 sample/);
  dv.dispose();
  // two samples are the least that is taken
  new MINETrainer(x.slice(0, 2), y.slice(0, 2), new Net({ inputSize: 2 }), { itersPerEpoch: 1 }).dispose();
});

test("DVTrainer.estimateOn refuses unknown options (a misspelt referenceDraws was ignored)", () => {
  const z = samples(40, 1, 6);
  const trainer = new DVTrainer(z, z, new Net({ inputSize: 1 }));
  assert.throws(() => trainer.estimateOn(z, z, { referenceDraw: 3 }), /referenceDraw.*referenceDraws/);
  trainer.estimateOn(z, z, { rng: 1, referenceDraws: 2 });
  trainer.dispose();
});

test("reference draws beyond what memory holds are refused, naming the option and its largest value (referenceDraws: 1e9 aborted the process)", () => {
  const x = samples(40, 1, 7);
  const y = samples(40, 1, 8);
  const mine = new MINETrainer(x, y, new Net({ inputSize: 2, hiddenSize: 4 }), { itersPerEpoch: 2 });
  assert.throws(() => mine.estimateOn(x, y, { referenceDraws: 104_858 }), /estimateOn\(x, y, \{ referenceDraws \}\) asks for 4\.19e\+6 reference rows .*memory would run out\); give at most 104857\./);
  mine.dispose();
  assert.throws(() => new MINEE(x, y, { refBatchFactor: 1e9, hiddenSize: 4 }), /MINEE: refBatchFactor asks for 4\.00e\+10 reference rows .*give at most 104857\./);
  const minee = new MINEE(x, y, { refBatchFactor: 2, hiddenSize: 4, itersPerEpoch: 2 });
  // MI-NEE draws refBatchFactor · n reference rows per draw
  assert.throws(() => minee.estimateOn(x, y, { referenceDraws: 52_429 }), /asks for 4\.19e\+6 reference rows .*give at most 52428\./);
  minee.dispose();
});

test("a trainer its constructor refuses leaves no tensor behind (Adam's two, and the data's copies, stayed)", () => {
  const x = samples(40, 1, 9);
  const y = samples(40, 1, 10);
  const net = new Net({ inputSize: 2, hiddenSize: 4 });
  const dvNet = new Net({ inputSize: 1, hiddenSize: 4 });
  const before = tf.memory().numTensors;
  assert.throws(() => new MINETrainer(x, y, {}), /net must be a network/);
  assert.throws(() => new MINETrainer(x, y, net, { beta: 2 }), /beta must be in \[0, 1\]/);
  assert.throws(() => new SMILETrainer(x, y, net, { clip: 0 }), /clip must be > 0/);
  assert.throws(() => new InfoNCETrainer(x, y, net, { negatives: 0 }), /negatives must be a positive integer/);
  assert.throws(() => new DVTrainer(x, x.slice(0, 1), dvNet), /DVTrainer: zRef got 1 sample/);
  assert.throws(() => new MINEE(x, y, { sigma: NaN, hiddenSize: 4 }), /sigma \}\) must be a finite number/);
  assert.throws(() => new MINEE(x, y, { reference: "normal" }), /reference must be one of/);
  assert.equal(tf.memory().numTensors, before);
  net.dispose();
  dvNet.dispose();
});

test("a disposed network is named as such by the trainers, where TensorFlow.js said \"Tensor is disposed\"", () => {
  const x = samples(40, 1, 11);
  const y = samples(40, 1, 12);
  const gone = new Net({ inputSize: 2, hiddenSize: 4 });
  gone.dispose();
  assert.throws(() => new MINETrainer(x, y, gone), /MINETrainer: net was disposed .*make a new Net/);
  for (const fused of [true, false]) {
    const net = new Net({ inputSize: 2, hiddenSize: 4 });
    const trainer = new MINETrainer(x, y, net, { itersPerEpoch: 2, fused });
    trainer.step(1);
    net.dispose();
    assert.throws(() => trainer.step(1), /the network this trainer trains was disposed .*make a new Net and a new trainer/);
    assert.throws(() => trainer.estimateOn(x, y), /the network this trainer trains was disposed/);
    trainer.dispose();
  }
});

test("a held-out evaluation of more rows than the network takes at once is made a chunk at a time, its outputs in order and as computed whole", () => {
  // InfoNCE on a million samples (31 reference pairs for each of 300 000 held out) stopped with WebAssembly's
  // "memory access out of bounds": every reference row's hidden activations were made at once
  const rows = EVALUATION_CHUNK_ROWS + 12345;
  const net = new Net({ inputSize: 2, hiddenSize: 4, seed: 3 });
  const trainer = new MINETrainer(samples(40, 1, 1), samples(40, 1, 2), net);
  const x = tf.tensor2d(Float32Array.from({ length: rows }, (_, i) => Math.sin(i)), [rows, 1]);
  const y = tf.tensor2d(Float32Array.from({ length: rows }, (_, i) => Math.cos(3 * i)), [rows, 1]);
  const before = tf.memory().numTensors;
  const chunks = [];
  const chunked = trainer.chunkedOutputs(rows, (start, end) => (chunks.push([start, end]), net.forward(x.slice([start, 0], [end - start, 1]), y.slice([start, 0], [end - start, 1]))));
  const whole = trainer.networkOutputs(() => net.forward(x, y));
  assert.deepEqual(chunks, [[0, EVALUATION_CHUNK_ROWS], [EVALUATION_CHUNK_ROWS, rows]]);
  assert.equal(chunked.length, rows);
  assert.deepEqual(chunked, whole);
  assert.equal(tf.memory().numTensors, before, "no tensor left");
  x.dispose();
  y.dispose();
  trainer.dispose();
  net.dispose();
});
