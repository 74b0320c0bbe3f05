import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { init, tf, Net, DVTrainer, MINETrainer, MINEfTrainer, MINEE, courseData, Rng } from "neural-mi";

before(async () => {
  await init();
});

const close = (actual, expected, tolerance, what = "") =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} vs ${expected} (tolerance ${tolerance})`);
const column = (values) => values.map((v) => [v]);
const sorted = (values) => [...values].sort((a, b) => a - b);
const range = (n) => Array.from({ length: n }, (_, i) => i);

/** t(x, y) = x + y·c + b with a trainable b; simple enough to compute the bounds by hand. */
function linearStatistic(c = 1) {
  const b = tf.variable(tf.zeros([1]));
  return {
    b,
    variables: [b],
    forward: (x, y) => tf.tidy(() => tf.add(tf.add(x, tf.mul(y, c)), b)),
  };
}

test("each epoch's minibatches cover every sample once, with independent reference permutations", () => {
  const n = 22;
  const x = column(range(n));
  // y tags its rows with −1 − i (1000 + i is a column the trainers refuse: 160 deviations from 0)
  const y = column(range(n).map((i) => -1 - i));
  const seen = [];
  class Recording extends MINETrainer {
    loss(bx, by, rx, ry) {
      seen.push([bx, by, rx, ry].map((t) => Array.from(t.dataSync())));
      return super.loss(bx, by, rx, ry);
    }
  }
  const net = new Net({ hiddenSize: 4 });
  const trainer = new Recording(x, y, net, { itersPerEpoch: 4, seed: 3 });
  trainer.step(2);
  assert.equal(seen.length, 8);
  for (const epoch of [seen.slice(0, 4), seen.slice(4)]) {
    // batch j = perm[j::4] has ⌈(22 − j)/4⌉ rows: 6, 6, 5, 5
    assert.deepEqual(epoch.map(([bx]) => bx.length), [6, 6, 5, 5]);
    assert.deepEqual(sorted(epoch.flatMap(([bx]) => bx)), range(n), "joint batches partition the samples");
    epoch.forEach(([bx, by]) => assert.deepEqual(by, bx.map((v) => -1 - v), "joint pairs stay paired"));
    assert.deepEqual(sorted(epoch.flatMap(([, , rx]) => rx)), range(n), "reference X is a permutation");
    assert.deepEqual(sorted(epoch.flatMap(([, , , ry]) => ry)), range(n).map((i) => -1 - i).sort((a, b) => a - b), "reference Y is a permutation");
    const aligned = epoch.flatMap(([, , rx, ry]) => rx.map((v, k) => ry[k] === -1 - v));
    assert.ok(aligned.filter(Boolean).length < n / 2, "reference pairs are not the joint pairs");
  }
  assert.notDeepEqual(seen[0][0], seen[4][0], "a fresh permutation every epoch");
  trainer.dispose();
  net.dispose();
});

test("DVTrainer batches both sample sets, which may differ in size", () => {
  const z = column(range(30));
  const zRef = column(range(12).map((i) => 100 + i));
  const seen = [];
  class Recording extends DVTrainer {
    loss(batch, batchRef) {
      seen.push([Array.from(batch.dataSync()), Array.from(batchRef.dataSync())]);
      return super.loss(batch, batchRef);
    }
  }
  const net = new Net({ inputSize: 1, hiddenSize: 4 });
  const trainer = new Recording(z, zRef, net, { itersPerEpoch: 5 });
  trainer.step(1);
  assert.deepEqual(seen.map(([b, r]) => [b.length, r.length]), [[6, 3], [6, 3], [6, 2], [6, 2], [6, 2]]);
  assert.deepEqual(sorted(seen.flatMap(([b]) => b)), range(30));
  assert.deepEqual(sorted(seen.flatMap(([, r]) => r)), range(12).map((i) => 100 + i));
  trainer.dispose();
  net.dispose();
});

test("the estimate uses the trainer's own data", () => {
  // With t(x, y) = x, any reference permutation gives the same sum of e^t, so the MINE
  // estimate is exactly mean x − log mean eˣ; on x = (0, 1, 2): 1 − log((1 + e + e²)/3).
  const own = { x: column([0, 1, 2]), y: column([5, 6, 7]) };
  const net = linearStatistic(0);
  const mine = new MINETrainer(own.x, own.y, net, { itersPerEpoch: 1 });
  close(mine.step(0), 1 - Math.log((1 + Math.E + Math.E ** 2) / 3), 1e-6, "MINE on own data");
  // other data give another value: x = (2, 2): 2 − log e² = 0
  close(mine.estimateOn(column([2, 2]), column([0, 1])).estimate, 0, 1e-6, "estimateOn other data");
  const minef = new MINEfTrainer(own.x, own.y, net, { itersPerEpoch: 1 });
  // f bound: mean x − mean e^{x − 1} = 1 − (e⁻¹ + 1 + e)/3
  close(minef.step(0), 1 - (1 / Math.E + 1 + Math.E) / 3, 1e-6, "MINE-f on own data");
  // DV with its own reference set: mean t(z) − log mean e^{t(z')}
  const dv = new DVTrainer(column([1, 3]), column([0, 0, Math.log(4)]), { variables: [net.b], forward: (z) => tf.add(z, net.b) }, { itersPerEpoch: 1 });
  close(dv.step(0), 2 - Math.log((1 + 1 + 4) / 3), 1e-6, "DV on own data");
  [mine, minef, dv].forEach((t) => t.dispose());
  net.b.dispose();
});

test("MINE's loss updates the moving average first and holds it constant in the gradient", () => {
  const net = linearStatistic(1);
  const trainer = new MINETrainer(column([0, 1]), column([0, 0]), net, { beta: 0.1, m: 1, itersPerEpoch: 1 });
  const x = tf.tensor2d(column([0, 1]));
  const y = tf.tensor2d(column([0, 0]));
  const xRef = tf.tensor2d(column([0, Math.LN2]));
  const yRef = tf.tensor2d(column([0, 0]));
  // joint mean t = 0.5; reference mean e^t = (1 + 2)/2 = 1.5
  // m̄ ← 0.9·1.5 + 0.1·1 = 1.45; loss = −0.5 + 1.5/1.45
  close(trainer.loss(x, y, xRef, yRef).dataSync()[0], -0.5 + 1.5 / 1.45, 1e-6, "first loss");
  close(trainer.m, 1.45, 1e-6, "first m̄");
  // again: m̄ ← 0.9·1.5 + 0.1·1.45 = 1.495
  close(trainer.loss(x, y, xRef, yRef).dataSync()[0], -0.5 + 1.5 / 1.495, 1e-6, "second loss");
  close(trainer.m, 1.495, 1e-6, "second m̄");
  // ∂loss/∂b = −1 + mean(e^t')/m̄ with m̄ (now updated to 0.9·1.5 + 0.1·1.495) treated as a constant
  const grad = tf.grad(() => trainer.loss(x, y, xRef, yRef))(net.b);
  close(grad.dataSync()[0], -1 + 1.5 / (0.9 * 1.5 + 0.1 * 1.495), 1e-6, "gradient");
  trainer.dispose();
  tf.dispose([x, y, xRef, yRef, grad, net.b]);
});

test("MINE's loss stays finite where e^t passes float32's range, and a shift of t changes nothing else", () => {
  // The same case as above with t shifted by 100 (e^100 ≈ 2.7e43 > float32's 3.4e38) and
  // m̄₀ = e^100: the DV bound ignores a constant shift, and MINE's outputs drift upwards
  // on problems with several nats.
  const shift = 100;
  const net = linearStatistic(1);
  net.b.assign(tf.tensor1d([shift]));
  const trainer = new MINETrainer(column([0, 1]), column([0, 0]), net, { beta: 0.1, m: Math.exp(shift), itersPerEpoch: 1 });
  const x = tf.tensor2d(column([0, 1]));
  const y = tf.tensor2d(column([0, 0]));
  const xRef = tf.tensor2d(column([0, Math.LN2]));
  const yRef = tf.tensor2d(column([0, 0]));
  close(trainer.loss(x, y, xRef, yRef).dataSync()[0], -0.5 - shift + 1.5 / 1.45, 1e-4, "loss");
  // log-mean-exp near 100 is a float32 with spacing 7.6e-6, so m̄ is good to about 1e-5 relative
  close(trainer.m / Math.exp(shift), 1.45, 2e-5, "m̄ / e^100");
  const grad = tf.grad(() => trainer.loss(x, y, xRef, yRef))(net.b);
  // −1 + a ratio near 1 that carries m̄'s relative error
  close(grad.dataSync()[0], -1 + 1.5 / (0.9 * 1.5 + 0.1 * 1.45), 2e-5, "gradient");
  trainer.dispose();
  tf.dispose([x, y, xRef, yRef, grad, net.b]);
});

function makeTrainers(seed = 0) {
  const data = courseData({ n: 200 });
  const ref = new Rng(1).multivariateNormal([0, 0], [[1, 0], [0, 1]], 150);
  const nets = [new Net({ seed, hiddenSize: 20 }), new Net({ seed, hiddenSize: 20 }), new Net({ seed, hiddenSize: 20 })];
  return {
    nets,
    trainers: {
      DVTrainer: new DVTrainer(data.xy, ref, nets[0], { seed }),
      MINETrainer: new MINETrainer(data.x, data.y, nets[1], { seed }),
      MINEfTrainer: new MINEfTrainer(data.x, data.y, nets[2], { seed }),
      MINEE: new MINEE(data.x, data.y, { seed, hiddenSize: 20 }),
    },
  };
}

test("tensor count is stable across step() calls and dispose() frees the trainer's tensors", () => {
  const baseline = tf.memory().numTensors;
  const { nets, trainers } = makeTrainers();
  for (const [name, trainer] of Object.entries(trainers)) {
    trainer.step(1); // Adam allocates its moments on the first step
    const count = tf.memory().numTensors;
    trainer.step(2);
    const other = courseData({ n: 50, seed: 1 });
    if (name === "DVTrainer") trainer.estimateOn(other.xy, other.xy.map(([a]) => [a, 0]));
    else trainer.estimateOn(other.x, other.y);
    trainer.step(1);
    assert.equal(tf.memory().numTensors, count, `${name} keeps ${count} tensors`);
  }
  Object.values(trainers).forEach((t) => t.dispose());
  nets.forEach((net) => net.dispose());
  assert.equal(tf.memory().numTensors, baseline);
});

test("the same seed gives the same estimates, bit for bit; another seed differs", () => {
  const run = (seed) => {
    const { nets, trainers } = makeTrainers(seed);
    const out = Object.fromEntries(Object.entries(trainers).map(([name, t]) => [name, [t.step(2), ...t.history.loss]]));
    Object.values(trainers).forEach((t) => t.dispose());
    nets.forEach((net) => net.dispose());
    return out;
  };
  const a = run(4);
  assert.deepEqual(run(4), a);
  const b = run(5);
  for (const name of Object.keys(a)) assert.notEqual(b[name][0], a[name][0], name);
});

test("step(3) is three step(1) calls, and the history has one loss per iteration and one estimate per epoch", () => {
  const data = courseData({ n: 100 });
  const results = [3, 1].map((per) => {
    const net = new Net({ hiddenSize: 10 });
    const trainer = new MINETrainer(data.x, data.y, net, { itersPerEpoch: 5 });
    const last = per === 3 ? trainer.step(3) : [trainer.step(1), trainer.step(1), trainer.step(1)][2];
    const out = { last, history: structuredClone(trainer.history), epoch: trainer.epoch, iteration: trainer.iteration };
    trainer.dispose();
    net.dispose();
    return out;
  });
  assert.deepEqual(results[0], results[1]);
  assert.equal(results[0].history.loss.length, 15);
  assert.equal(results[0].history.estimate.length, 3);
  assert.equal(results[0].history.estimate[2], results[0].last);
  assert.equal(results[0].epoch, 3);
  assert.equal(results[0].iteration, 15);
});

test("train() reports every epoch and yields to the event loop in between", async () => {
  const data = courseData({ n: 100 });
  const net = new Net({ hiddenSize: 10 });
  const trainer = new MINETrainer(data.x, data.y, net);
  const events = [];
  let ticks = 0;
  const tick = () => {
    ticks += 1;
    if (ticks < 100) setImmediate(tick);
  };
  setImmediate(tick);
  const last = await trainer.train({
    epochs: 3,
    onEpoch: (epoch, estimate) => events.push({ epoch, estimate, ticks }),
  });
  assert.deepEqual(events.map((e) => e.epoch), [1, 2, 3]);
  assert.deepEqual(events.map((e) => e.estimate), trainer.history.estimate);
  assert.equal(last, trainer.history.estimate[2]);
  assert.ok(events[2].ticks > events[0].ticks, "other callbacks ran between epochs");
  // an async onEpoch is awaited
  let finished = 0;
  await trainer.train({ epochs: 2, onEpoch: async () => { await new Promise((r) => setTimeout(r, 5)); finished += 1; } });
  assert.equal(finished, 2);
  trainer.dispose();
  net.dispose();
});

test("MI-NEE's estimate is D_XY − D_X − D_Y of DV bounds against refBatchFactor·n reference draws", () => {
  // Recomputed from the three networks' outputs, with the uniform reference draws redone from
  // the same generator: refBatchFactor·n points uniform on the data's box, X' then Y'.
  // σ = 0.5 so that each divergence is far from 0 (at σ = 0.02 they stay below 1e-4).
  const data = courseData({ n: 200 });
  const trainer = new MINEE(data.x, data.y, { hiddenSize: 10, refBatchFactor: 2, sigma: 0.5 });
  const initial = [trainer.netXY.evaluate([[0.5, 0.5]])[0], trainer.netX.evaluate([[0.5]])[0], trainer.netY.evaluate([[0.5]])[0]];
  trainer.step(2);
  const { estimate } = trainer.estimateOn(data.x, data.y, { rng: 7 });
  const box = (rows) => {
    const values = rows.map((r) => Math.fround(r[0]));
    return [Math.min(...values), Math.max(...values)];
  };
  const rng = new Rng(7);
  const draw = ([lo, hi]) => Array.from({ length: 400 }, () => [Math.fround(lo + (hi - lo) * rng.uniform())]);
  const xRef = draw(box(data.x));
  const yRef = draw(box(data.y));
  const dv = (tJoint, tRef) =>
    tJoint.reduce((s, t) => s + t, 0) / tJoint.length - Math.log(tRef.reduce((s, t) => s + Math.exp(t), 0) / tRef.length);
  const expected =
    dv(trainer.netXY.evaluate(data.xy), trainer.netXY.evaluate(xRef.map((r, i) => [r[0], yRef[i][0]]))) -
    dv(trainer.netX.evaluate(data.x), trainer.netX.evaluate(xRef)) -
    dv(trainer.netY.evaluate(data.y), trainer.netY.evaluate(yRef));
  close(estimate, expected, 1e-4, "estimate");
  const after = [trainer.netXY.evaluate([[0.5, 0.5]])[0], trainer.netX.evaluate([[0.5]])[0], trainer.netY.evaluate([[0.5]])[0]];
  after.forEach((value, k) => assert.notEqual(value, initial[k], `net ${k} was trained`));
  trainer.dispose();
});

test("trainer inputs and options are checked with messages that name them", async () => {
  const net = new Net({ hiddenSize: 4 });
  const x = column(range(12));
  const y = column(range(12).reverse());
  const withRow = (rows, i, row) => rows.map((r, k) => (k === i ? row : r));
  const cases = [
    [() => new MINETrainer(x, y.slice(1), net), /x has 12 samples but y has 11; they must be paired/],
    [() => new MINETrainer(withRow(x, 1, [NaN]), y, net), /MINETrainer: x\[1\]\[0\] \(row 1, column 0\) is NaN/],
    [() => new MINETrainer(x, withRow(y, 2, [Infinity]), net), /y\[2\]\[0\] \(row 2, column 0\) is Infinity/],
    [() => new MINETrainer(x, withRow(y, 3, ["7"]), net), /y\[3\]\[0\] \(row 3, column 0\) is the string "7" \(convert it with Number\(\)\)/],
    [() => new MINETrainer([], [], net), /MINETrainer: x is empty/],
    [() => new MINETrainer(withRow(x, 1, [2, 3]), y, net), /x is ragged: row 1 has 2 values but row 0 has 1/],
    [() => new MINETrainer(x, y, net, { itersPerEpoch: 13 }), /itersPerEpoch = 13 is larger than the 12 samples of x and y/],
    [() => new MINETrainer(x, y, net, { beta: 1.5 }), /MINETrainer: beta must be in \[0, 1\], got 1.5/],
    [() => new MINETrainer(x, y, net, { m: 0 }), /MINETrainer: m must be > 0, got 0/],
    [() => new MINETrainer(x, y, net, { learningRate: -1 }), /learningRate must be > 0/],
    [() => new MINETrainer(x, y, net, { seed: 0.5 }), /seed must be an integer, got 0.5/],
    [() => new MINETrainer(x.map((r) => [...r, 0]), y, net), /the net has inputSize = 2 but the data have 3 columns in all; create it with new Net\(\{ inputSize: 3 \}\)/],
    [() => new MINETrainer(x, y, {}), /net must be a network such as new Net/],
    [() => new DVTrainer(x, [[1, 2]], net), /z has 1 columns but zRef has 2/],
    [() => new MINEE(x, x.map(() => [1])), /column 0 of y is constant \(1\)/],
    [() => new MINEE(x, y, { refBatchFactor: 0 }), /refBatchFactor must be > 0/],
  ];
  for (const [make, message] of cases) assert.throws(make, message);

  const trainer = new MINETrainer(x, y, net, { itersPerEpoch: 2 });
  assert.throws(() => trainer.step(1.5), /step\(epochs\) must be an integer, got 1.5/);
  assert.throws(() => trainer.step(-1), /step\(epochs\) must be ≥ 0, got -1/);
  await assert.rejects(() => trainer.train({ epochs: "3" }), /train\(\{ epochs \}\) must be an integer/);
  trainer.dispose();
  assert.throws(() => trainer.step(1), /this trainer was disposed; create a new one/);
  net.dispose();
});

test("a loss that becomes NaN stops training with an explanation", () => {
  class Broken extends MINETrainer {
    loss(bx, by) {
      return tf.mul(tf.sum(this.net.forward(bx, by)), NaN);
    }
  }
  const net = new Net({ hiddenSize: 4 });
  const trainer = new Broken(column([1, 2, 3, 4]), column([1, 2, 3, 4]), net, { itersPerEpoch: 2 });
  assert.throws(() => trainer.step(1), /training diverged: the training loss became NaN at iteration 1 \(epoch 1\)\. .*Train fewer epochs/);
  trainer.dispose();
  net.dispose();
});

for (const fused of [false, true]) {
  test(`stepWithLoss trains as step does, on parameters the loss cannot reach: writing the network's variables or the trainer changes nothing (${fused ? "fused kernel" : "TensorFlow.js"})`, () => {
    const data = courseData({ seed: 0, n: 200 });
    const trained = (train) => {
      const net = new Net({ seed: 1 });
      const trainer = new MINETrainer(data.x, data.y, net, { seed: 1, fused });
      const estimate = train(trainer);
      const weights = Array.from(net.variables[4].dataSync());
      trainer.dispose();
      net.dispose();
      return { estimate, weights };
    };
    const stepped = trained((trainer) => trainer.step(3));
    const own = trained((trainer) => trainer.stepWithLoss(MINETrainer.prototype.loss, 3));
    // the same minibatches and Adam (in float64 instead of float32 for Adam's state on TensorFlow.js):
    // after 30 steps the estimates and the last layer's weights agree to about 1e-6
    close(own.estimate, stepped.estimate, 1e-4, "estimate");
    own.weights.forEach((w, i) => close(w, stepped.weights[i], 1e-4, `weight ${i}`));
    // a loss whose gradient is zero, and which writes every variable and tries the trainer's members
    const seen = new Set();
    const meddling = trained((trainer) =>
      trainer.stepWithLoss(function (x, y) {
        seen.add(Reflect.ownKeys(this).sort().join(","));
        for (const v of Object.values(tf.engine().state.registeredVariables)) v.assign(tf.onesLike(v));
        assert.throws(() => {
          "use strict";
          this.estimateOwnData = () => ({ estimate: 1 });
        });
        return tf.mul(tf.sum(this.net.forward(x, y)), 0);
      }, 2),
    );
    assert.deepEqual([...seen], ["beta,m,net"], "the loss sees a view: the network's forward, beta and m");
    const untrained = trained((trainer) => trainer.step(0));
    close(meddling.estimate, untrained.estimate, 1e-4, "no training happened");
    assert.deepEqual(meddling.weights, untrained.weights, "the parameters are the untrained ones");
  });
}

// TensorFlow.js's cpu backend (which a cell can switch to) keeps the array a tensor is made of and
// hands it out from dataSync(): the parameters written into the network, and the fused kernel's
// outputs, views of the memory that holds its parameters and Adam's state, were the loss's to write.
test("stepWithLoss keeps its parameters out of the loss's reach on the cpu backend too: writing what the variables and the outputs hand out changes nothing", async () => {
  createRequire(import.meta.url)("@tensorflow/tfjs-backend-cpu");
  const before = tf.getBackend();
  await tf.setBackend("cpu");
  try {
    const data = courseData({ seed: 0, n: 200 });
    for (const fused of [false, true]) {
      const trained = (train) => {
        const net = new Net({ seed: 1 });
        const trainer = new MINETrainer(data.x, data.y, net, { seed: 1, fused });
        try {
          return { estimate: train(trainer), weights: Array.from(net.variables[4].dataSync()) };
        } finally {
          trainer.dispose();
          net.dispose();
        }
      };
      const untrained = trained((trainer) => trainer.step(0));
      const meddling = trained((trainer) =>
        trainer.stepWithLoss(function (x, y) {
          const t = this.net.forward(x, y);
          new Float32Array(t.dataSync().buffer).fill(0.25);
          for (const v of Object.values(tf.engine().state.registeredVariables)) v.dataSync().fill(0.25);
          return tf.mul(tf.sum(t), 0);
        }, 1),
      );
      close(meddling.estimate, untrained.estimate, 1e-4, `no training happened (${fused ? "fused kernel" : "TensorFlow.js"})`);
      assert.deepEqual(meddling.weights, untrained.weights, "the parameters are the untrained ones");
    }
  } finally {
    await tf.setBackend(before);
  }
});

test("stepWithLoss takes the fused kernel for a loss that calls forward on its own arguments, TensorFlow.js for any other, with the same result", () => {
  const data = courseData({ seed: 0, n: 200 });
  const run = (loss, options = {}) => {
    const net = new Net({ seed: 1 });
    const trainer = new MINETrainer(data.x, data.y, net, { seed: 1, ...options });
    try {
      return trainer.stepWithLoss(loss, 3);
    } finally {
      trainer.dispose();
      net.dispose();
    }
  };
  // on the fused kernel, forward hands out the outputs it computed for the batch: the same tensor twice
  const paths = [];
  const recording = function (x, y, xRef, yRef) {
    paths.push(this.net.forward(x, y) === this.net.forward(x, y) ? "fused" : "tensorflow");
    return MINETrainer.prototype.loss.call(this, x, y, xRef, yRef);
  };
  const fusedEstimate = run(recording);
  assert.deepEqual([...new Set(paths.slice(1))], ["fused"], "after the first call (the check of how it calls forward)");
  paths.length = 0;
  const heldEstimate = run(recording, { fused: false });
  assert.deepEqual([...new Set(paths)], ["tensorflow"]);
  close(fusedEstimate, heldEstimate, 1e-4, "the two paths");
  // forward on a copy of its arguments: the TensorFlow.js path, the same training
  const onCopies = function (x, y, xRef, yRef) {
    return MINETrainer.prototype.loss.call(this, x.clone(), y.clone(), xRef.clone(), yRef.clone());
  };
  close(run(onCopies), fusedEstimate, 1e-4, "a loss on copies");
  // a loss that calls forward on its arguments when first called, on other tensors in some steps
  // (even catching what forward throws): those steps are done again on TensorFlow.js
  let calls = 0;
  const changing = function (x, y, xRef, yRef) {
    calls += 1;
    if (calls % 3 !== 0) return MINETrainer.prototype.loss.call(this, x, y, xRef, yRef);
    try {
      this.net.forward(x.clone(), y.clone());
    } catch {
      // swallowed: the step is still done again
    }
    return onCopies.call(this, x, y, xRef, yRef);
  };
  close(run(changing), fusedEstimate, 1e-4, "a loss on copies in some steps");
});

