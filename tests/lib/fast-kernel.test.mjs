// The fused training kernel (lib/src/fast) against the TensorFlow.js path: same
// gradients, same Adam updates, same training trajectory, for the same network,
// batches and settings.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net, dvBound, fBound, bivariateGaussian, DV, F_BOUND, mineLossGradient } from "neural-mi";
import { kernelStatus, FusedNet, canFuse, gatherRows, rowSource } from "neural-mi/dist/fast/index.js";

const ADAM = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

before(async () => {
  await init();
});

/** 100 joint rows (x, y) and 100 reference rows (x, y shuffled), ρ = 0.9. */
function batches(seed = 1) {
  const { x, y } = bivariateGaussian(0.9).sample(200, seed);
  const joint = x.slice(0, 100).map((row, i) => [...row, ...y[i]]);
  const reference = x.slice(100).map((row, i) => [...row, ...y[(i * 37) % 100]]);
  return { joint, reference };
}

function fill(fused, joint, reference) {
  const input = fused.inputRows(joint.length + reference.length);
  gatherRows(input, 2, 0, joint.length, [{ source: rowSource(joint) }]);
  gatherRows(input, 2, joint.length, reference.length, [{ source: rowSource(reference) }]);
}

// The three losses as the trainers write them in TensorFlow.js, and as output
// gradients for the float64 reference below.
const LOSSES = {
  dv: {
    tfjs: (tJ, tR) => tf.neg(dvBound(tJ, tR)),
    fused: () => DV.lossGradient,
    grad64: (tJ, tR) => {
      const shift = Math.max(...tR);
      const sum = tR.reduce((s, t) => s + Math.exp(t - shift), 0);
      return [tJ.map(() => -1 / tJ.length), tR.map((t) => Math.exp(t - shift) / sum)];
    },
  },
  f: {
    tfjs: (tJ, tR) => tf.neg(fBound(tJ, tR)),
    fused: () => F_BOUND.lossGradient,
    grad64: (tJ, tR) => [tJ.map(() => -1 / tJ.length), tR.map((t) => Math.exp(t - 1) / tR.length)],
  },
  mine: {
    // m̄₀ = 1, β = 0.1: m̄ = 0.9·mean e^t' + 0.1, held constant in the gradient
    tfjs: (tJ, tR) => {
      const reference = tf.mean(tf.exp(tR));
      const m = 0.9 * reference.dataSync()[0] + 0.1;
      return tf.add(tf.neg(tf.mean(tJ)), tf.div(reference, m));
    },
    fused: () => mineLossGradient({ m: 1, beta: 0.1 }),
    grad64: (tJ, tR) => {
      const meanExp = tR.reduce((s, t) => s + Math.exp(t), 0) / tR.length;
      const m = 0.9 * meanExp + 0.1;
      return [tJ.map(() => -1 / tJ.length), tR.map((t) => Math.exp(t) / (tR.length * m))];
    },
  },
};

/**
 * The gradient in float64 with plain loops, and for each parameter the sum of the
 * absolute values of the terms its gradient adds up: float32 rounding error is
 * relative to that sum, not to the (possibly cancelling) result.
 */
function reference64(net, rows, nJoint, grad64) {
  const [W1, b1, W2, b2, W3, b3] = net.variables.map((v) => Array.from(v.dataSync()));
  const D = net.inputSize;
  const H = net.hiddenSize;
  const elu = (v) => (v > 0 ? v : Math.expm1(v));
  const slope = (a) => (a > 0 ? 1 : a + 1);
  const passes = rows.map((z) => {
    const a1 = Array.from({ length: H }, (_, h) => elu(b1[h] + z.reduce((s, zi, i) => s + zi * W1[i * H + h], 0)));
    const a2 = Array.from({ length: H }, (_, o) => {
      let s = b2[o];
      for (let h = 0; h < H; h++) s += a1[h] * W2[h * H + o];
      return elu(s);
    });
    return { z, a1, a2, t: a2.reduce((s, a, h) => s + a * W3[h], b3[0]) };
  });
  const t = passes.map((p) => p.t);
  const [gJ, gR] = grad64(t.slice(0, nJoint), t.slice(nJoint));
  const dT = [...gJ, ...gR];
  const sizes = [D * H, H, H * H, H, H, 1];
  const grad = sizes.map((n) => new Float64Array(n));
  const scale = sizes.map((n) => new Float64Array(n));
  const add = (k, i, term) => {
    grad[k][i] += term;
    scale[k][i] += Math.abs(term);
  };
  passes.forEach(({ z, a1, a2 }, r) => {
    const d = dT[r];
    add(5, 0, d);
    const dz2 = a2.map((a, h) => d * W3[h] * slope(a));
    a2.forEach((a, h) => add(4, h, a * d));
    for (let h = 0; h < H; h++) {
      add(3, h, dz2[h]);
      let da1 = 0;
      for (let o = 0; o < H; o++) {
        add(2, h * H + o, a1[h] * dz2[o]);
        da1 += dz2[o] * W2[h * H + o];
      }
      const dz1 = da1 * slope(a1[h]);
      add(1, h, dz1);
      for (let i = 0; i < D; i++) add(0, i * H + h, z[i] * dz1);
    }
  });
  return { grad, scale, t };
}

function tfjsGradients(net, joint, reference, loss) {
  const J = tf.tensor2d(joint);
  const R = tf.tensor2d(reference);
  const { value, grads } = tf.variableGrads(() => loss(net.forward(J), net.forward(R)), net.variables);
  const out = net.variables.map((v) => grads[v.name].dataSync());
  const lossValue = value.dataSync()[0];
  tf.dispose([J, R, value, ...Object.values(grads)]);
  return { grads: out, loss: lossValue };
}

/** Worst |g − g64| / (Σ|terms| + tiny) over a parameter. */
function worstRelative(g, ref, scale) {
  let worst = 0;
  for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - ref[i]) / (scale[i] + 1e-30));
  return worst;
}

test("MINE's loss gradient stays finite where e^t passes float32's range", () => {
  // outputs near 100, as MINE's drift reaches on the 6-bit channel; e^100 ≈ 2.7e43 > 3.4e38
  const tJoint = Float32Array.from([101, 102, 103]);
  const tRef = Float32Array.from([99, 100, 100.5, 98]);
  const average = { m: Math.exp(100), beta: 0.1 };
  const gJoint = new Float32Array(3);
  const gRef = new Float32Array(4);
  const loss = mineLossGradient(average)(tJoint, tRef, gJoint, gRef);
  const meanExp = Array.from(tRef).reduce((s, t) => s + Math.exp(t - 100), 0) / 4; // ÷ e^100
  const m = 0.9 * meanExp + 0.1; // ÷ e^100
  assert.ok(Math.abs(average.m / Math.exp(100) - m) < 1e-12 * m, `m̄ ${average.m}`);
  assert.ok(Math.abs(loss - (-102 + meanExp / m)) < 1e-9, `loss ${loss}`);
  Array.from(tRef).forEach((t, i) => {
    const expected = Math.exp(t - 100) / (4 * m);
    assert.ok(Math.abs(gRef[i] - expected) < 1e-6 * expected, `∂loss/∂t′[${i}] = ${gRef[i]}, expected ${expected}`);
  });
});

test("the fused kernel is built and loads (npm run build:fast -w lib)", () => {
  const status = kernelStatus();
  assert.ok(status.available, status.reason);
});

for (const [name, loss] of Object.entries(LOSSES)) {
  test(`${name} loss: fused gradients agree with TensorFlow.js and with float64, parameter by parameter`, () => {
    const { joint, reference } = batches();
    // σ = 0.3 rather than 0.02 so that t varies across rows and the gradients are far from zero
    const net = new Net({ seed: 3, sigma: 0.3 });
    const fused = new FusedNet(net, ADAM);
    fill(fused, joint, reference);
    const fusedLoss = fused.trainStep(joint.length, reference.length, loss.fused());
    const fusedGrads = fused.gradients();
    const tfjs = tfjsGradients(net, joint, reference, loss.tfjs);
    const ref = reference64(net, [...joint, ...reference], joint.length, loss.grad64);
    const names = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"];
    names.forEach((what, k) => {
      // float32 sums of a few hundred terms: measured errors up to 2.3e-6 of the summed magnitudes
      // for both paths; 1e-5 leaves room, while a wrong term (a missing ELU slope, a shifted row)
      // is off by order 1 of them
      const tfjsError = worstRelative(tfjs.grads[k], ref.grad[k], ref.scale[k]);
      const fusedError = worstRelative(fusedGrads[k], ref.grad[k], ref.scale[k]);
      assert.ok(tfjsError < 1e-5, `${what}: the TensorFlow.js gradient is off float64 by ${tfjsError} (reference check)`);
      assert.ok(fusedError < 1e-5, `${what}: the fused gradient is off float64 by ${fusedError} of the summed terms`);
    });
    assert.ok(Math.abs(fusedLoss - tfjs.loss) < 1e-5 * (1 + Math.abs(tfjs.loss)), `loss ${fusedLoss} vs ${tfjs.loss}`);
    net.dispose();
  });
}

test("Adam: the fused update equals tf.train.adam's on the same gradients, step after step", () => {
  const { joint, reference } = batches(2);
  const tfjsNet = new Net({ seed: 5 });
  const fusedNet = new Net({ seed: 5 });
  const fused = new FusedNet(fusedNet, ADAM);
  const optimizer = tf.train.adam(ADAM.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  const lossGradient = mineLossGradient({ m: 1, beta: 0.1 });
  for (let step = 1; step <= 5; step++) {
    // the fused side computes a gradient at its parameters, which the tfjs side holds too (checked below)
    fill(fused, joint, reference);
    fused.trainStep(joint.length, reference.length, lossGradient);
    const grads = Object.fromEntries(tfjsNet.variables.map((v, k) => [v.name, tf.tensor(fused.gradients()[k], v.shape)]));
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
    fused.push();
    tfjsNet.variables.forEach((v, k) => {
      const a = v.dataSync();
      const b = fusedNet.variables[k].dataSync();
      for (let i = 0; i < a.length; i++) {
        // one Adam step moves a parameter by at most about lr = 1e-3; float32 rounding of that is ~1e-10
        assert.ok(Math.abs(a[i] - b[i]) <= 1e-9 + 1e-6 * Math.abs(a[i]), `step ${step}, ${v.name}[${i}]: ${a[i]} vs ${b[i]}`);
      }
    });
  }
  optimizer.dispose();
  tfjsNet.dispose();
  fusedNet.dispose();
});

test("MINE training, 300 steps on the same batches: the fused and TensorFlow.js paths end at the same estimate", () => {
  const task = bivariateGaussian(0.9);
  const { x, y } = task.sample(1000, 7);
  const xy = x.map((row, i) => [...row, ...y[i]]);
  const shuffled = x.map((row, i) => [...row, ...y[(i * 389 + 11) % 1000]]);
  const tfjsNet = new Net({ seed: 9 });
  const fusedNet = new Net({ seed: 9 });
  const fused = new FusedNet(fusedNet, ADAM);
  const average = { m: 1, beta: 0.1 };
  const lossGradient = mineLossGradient(average);
  const optimizer = tf.train.adam(ADAM.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  let m = 1;
  for (let step = 0; step < 300; step++) {
    const rows = Array.from({ length: 100 }, (_, i) => (step * 173 + i * 10) % 1000);
    const joint = rows.map((r) => xy[r]);
    const reference = rows.map((r) => shuffled[(r + 500) % 1000]);
    fill(fused, joint, reference);
    fused.trainStep(100, 100, lossGradient);
    const J = tf.tensor2d(joint);
    const R = tf.tensor2d(reference);
    optimizer.minimize(() => {
      const referenceMean = tf.mean(tf.exp(tfjsNet.forward(R)));
      m = 0.9 * referenceMean.dataSync()[0] + 0.1 * m;
      return tf.add(tf.neg(tf.mean(tfjsNet.forward(J))), tf.div(referenceMean, m));
    }, false, tfjsNet.variables);
    tf.dispose([J, R]);
  }
  fused.push();
  const estimate = (net) => {
    const t = net.evaluate(xy);
    const tRef = net.evaluate(shuffled);
    const shift = Math.max(...tRef);
    return t.reduce((s, v) => s + v, 0) / t.length - (shift + Math.log(tRef.reduce((s, v) => s + Math.exp(v - shift), 0) / tRef.length));
  };
  const a = estimate(tfjsNet);
  const b = estimate(fusedNet);
  // Measured: after 300 steps the estimate is ≈ 0.926 with a standard deviation of 7e-4 over
  // the network's seeds 1–5, and the two paths differ by at most 6e-7 (rounding). 1e-4 sits
  // well between. The moving average (≈ 11–27 here, following the last batch's mean e^t')
  // differed by at most 3.1e-4 of itself between the paths.
  assert.ok(Math.abs(a - b) < 1e-4, `estimate ${a} (tfjs) vs ${b} (fused)`);
  assert.ok(Math.abs(average.m - m) < 2e-3 * m, `moving average ${m} (tfjs) vs ${average.m} (fused)`);
  optimizer.dispose();
  tfjsNet.dispose();
  fusedNet.dispose();
});

test("pull and push round-trip the network's variables exactly and leak no tensors", () => {
  const net = new Net({ seed: 4, hiddenSize: 30 });
  const before = net.variables.map((v) => Array.from(v.dataSync()));
  const tensors = tf.memory().numTensors;
  const fused = new FusedNet(net, ADAM);
  fused.push();
  fused.pull();
  fused.push();
  assert.equal(tf.memory().numTensors, tensors);
  net.variables.forEach((v, k) => assert.deepEqual(Array.from(v.dataSync()), before[k], v.name));
  net.dispose();
});

test("outputs equal net.forward for a hidden size that is not a multiple of 4 and inputs of 3 columns", () => {
  const net = new Net({ seed: 6, inputSize: 3, hiddenSize: 37, sigma: 0.5 });
  const points = Array.from({ length: 23 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 5) - 2]);
  const fused = new FusedNet(net, ADAM);
  const t = fused.outputsOn({ parts: [{ source: rowSource(points) }], count: points.length });
  const expected = net.evaluate(points);
  expected.forEach((e, i) => assert.ok(Math.abs(t[i] - e) < 1e-5 * (1 + Math.abs(e)), `row ${i}: ${t[i]} vs ${e}`));
  net.dispose();
});

test("canFuse accepts the standard Net and refuses a network whose forward is overridden", () => {
  class Other extends Net {
    forward(x, y) {
      return tf.tidy(() => tf.mul(super.forward(x, y), 2));
    }
  }
  const standard = new Net({ seed: 1 });
  const other = new Other({ seed: 1 });
  assert.equal(canFuse(standard, Net.prototype.forward), true);
  assert.equal(canFuse(other, Net.prototype.forward), false);
  assert.equal(canFuse({ forward: Net.prototype.forward }, Net.prototype.forward), false);
  standard.dispose();
  other.dispose();
});

test("gatherRows names the mismatch when the parts do not fill a row", () => {
  const target = new Float32Array(6);
  assert.throws(
    () => gatherRows(target, 3, 0, 2, [{ source: rowSource([[1], [2]]) }]),
    /gatherRows: the parts have 1 columns in all but the rows have 3/,
  );
});
