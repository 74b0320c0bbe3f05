import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, dvBound, fBound, DV, F_BOUND, INFO_NCE, smileBound, mineeEvaluation, Net, MINETrainer, courseData } from "neural-mi";

before(async () => {
  await init();
});

const value = (scalar) => {
  const v = scalar.dataSync()[0];
  scalar.dispose();
  return v;
};
const close = (actual, expected, tolerance, what = "") =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} vs ${expected} (tolerance ${tolerance})`);

test("dvBound on fixed outputs equals the hand-computed value", () => {
  // t = (1, 2, 3) on Z and t' = (0, ln 2) on Z':
  // mean t = 2; logsumexp t' = log(1 + 2) = log 3; n' = 2
  // DV = 2 − (log 3 − log 2) = 2 − log 1.5 ≈ 1.594535
  const dv = dvBound(tf.tensor2d([[1], [2], [3]]), tf.tensor2d([[0], [Math.LN2]]));
  close(value(dv), 2 - Math.log(1.5), 1e-6);
  // shapes [n] and [n, 1] give the same value
  close(value(dvBound(tf.tensor1d([1, 2, 3]), tf.tensor1d([0, Math.LN2]))), 2 - Math.log(1.5), 1e-6);
});

test("dvBound is stable where exp overflows float32", () => {
  // e^100 overflows float32; logsumexp(100, 100) − log 2 = 100 exactly, so DV = 100 − 100 = 0
  close(value(dvBound(tf.tensor1d([100]), tf.tensor1d([100, 100]))), 0, 1e-4);
  // t' = (1000, 0): logsumexp = 1000 + log(1 + e^−1000) ≈ 1000; DV = 1000 − (1000 − log 2) = log 2
  close(value(dvBound(tf.tensor1d([1000]), tf.tensor1d([1000, 0]))), Math.LN2, 1e-3);
});

test("fBound on fixed outputs equals the hand-computed value", () => {
  // mean t = 2; mean e^{t' − 1} = (e^−1 + e^{ln 2 − 1}) / 2 = (1 + 2) / (2e) = 1.5 / e
  // f = 2 − 1.5 / e ≈ 1.448181
  close(value(fBound(tf.tensor2d([[1], [2], [3]]), tf.tensor2d([[0], [Math.LN2]]))), 2 - 1.5 / Math.E, 1e-6);
  // for t ≡ 1 on both, DV = 0 and f = 1 − e⁰ = 0: both bounds vanish at independence
  close(value(fBound(tf.ones([4, 1]), tf.ones([4, 1]))), 0, 1e-7);
  close(value(dvBound(tf.ones([4, 1]), tf.ones([5, 1]))), 0, 1e-7);
});

test("the bounds leave no tensors behind and reject bad inputs", () => {
  const a = tf.tensor1d([1, 2]);
  const b = tf.tensor1d([0, 1]);
  const before = tf.memory().numTensors;
  value(dvBound(a, b));
  value(fBound(a, b));
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => dvBound([1, 2], b), /dvBound\(tJoint, tRef\): tJoint must be a tensor/);
  assert.throws(() => fBound(a, tf.tensor1d([])), /tRef is empty/);
  const gone = tf.tensor1d([1]);
  gone.dispose();
  assert.throws(() => dvBound(gone, b), /tJoint was already disposed/);
  a.dispose();
  b.dispose();
});

function batch(n) {
  const data = courseData({ seed: 5, n });
  return {
    x: tf.tensor2d(data.x),
    y: tf.tensor2d(data.y),
    xRef: tf.tensor2d(data.x.slice().reverse()),
    yRef: tf.tensor2d(data.y),
  };
}

function gradientNorms(net, lossOf) {
  const { value: loss, grads } = tf.variableGrads(lossOf, net.variables);
  loss.dispose();
  const norms = net.variables.map((v) => {
    const g = grads[v.name];
    const norm = tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]);
    g.dispose();
    return norm;
  });
  return norms;
}

const NAMES = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"];

test("gradients reach all six parameters, and the output bias gets the value the bound says", () => {
  // t = ... + b (fc3.bias), so ∂loss/∂b = Σ ∂loss/∂t, which each loss gives in closed form:
  //   MINE (m̄ updated first, from m̄₀ = 1, β = 0.1): −1 + mean e^{t'} / (0.9·mean e^{t'} + 0.1)
  //   −f bound: −1 + mean e^{t' − 1}
  const net = new Net({ seed: 1, sigma: 0.3 });
  const { x, y, xRef, yRef } = batch(64);
  const trainer = new MINETrainer(x, y, net);
  const tRef = net.evaluate(tf.concat([xRef, yRef], 1).arraySync());
  const meanExp = tRef.reduce((s, t) => s + Math.exp(t), 0) / tRef.length;
  const mineNorms = gradientNorms(net, () => trainer.loss(x, y, xRef, yRef));
  const fNorms = gradientNorms(net, () => tf.neg(fBound(net.forward(x, y), net.forward(xRef, yRef))));
  mineNorms.forEach((g, k) => assert.ok(g > 0 && Number.isFinite(g), `MINE: ${NAMES[k]} gradient ${g}`));
  fNorms.forEach((g, k) => assert.ok(g > 0 && Number.isFinite(g), `f bound: ${NAMES[k]} gradient ${g}`));
  // float32 sums of 64 terms: relative error ≈ 1e-6
  const mineBias = Math.abs(-1 + meanExp / (0.9 * meanExp + 0.1));
  const fBias = Math.abs(-1 + meanExp / Math.E);
  close(mineNorms[5], mineBias, 1e-5 * (1 + mineBias), "MINE: fc3.bias gradient");
  close(fNorms[5], fBias, 1e-5 * (1 + fBias), "f bound: fc3.bias gradient");
  trainer.dispose();
  net.dispose();
  tf.dispose([x, y, xRef, yRef]);
});

test("each bound's three forms agree: tensor, float64 evaluation, and the fused kernel's output gradient", () => {
  const tJoint = [0.3, -0.4, 1.1, 0.8];
  const tRef = [0.2, -1.3, 0.9];
  for (const bound of [DV, F_BOUND]) {
    const jointTensor = tf.tensor1d(tJoint);
    const refTensor = tf.tensor1d(tRef);
    const value = bound.tensor(jointTensor, refTensor);
    close(value.dataSync()[0], bound.evaluation(tJoint, tRef).estimate, 1e-6, `${bound.name} value`);
    const [gJointTensor, gRefTensor] = tf.grads((a, b) => tf.neg(bound.tensor(a, b)))([jointTensor, refTensor]);
    const gJoint = new Float32Array(tJoint.length);
    const gRef = new Float32Array(tRef.length);
    const loss = bound.lossGradient(Float32Array.from(tJoint), Float32Array.from(tRef), gJoint, gRef);
    close(loss, -bound.evaluation(tJoint, tRef).estimate, 1e-6, `${bound.name} loss`);
    // and against central differences of the float64 evaluation (step 1e-5: error ≈ 1e-10)
    const h = 1e-5;
    const numeric = (values, i, which) => {
      const plus = values.slice();
      const minus = values.slice();
      plus[i] += h;
      minus[i] -= h;
      const at = (v) => -bound.evaluation(which === "joint" ? v : tJoint, which === "joint" ? tRef : v).estimate;
      return (at(plus) - at(minus)) / (2 * h);
    };
    tJoint.forEach((_, i) => {
      close(gJoint[i], gJointTensor.dataSync()[i], 1e-6, `${bound.name} ∂/∂tJoint[${i}]`);
      close(gJoint[i], numeric(tJoint, i, "joint"), 1e-6, `${bound.name} ∂/∂tJoint[${i}] numeric`);
    });
    tRef.forEach((_, i) => {
      close(gRef[i], gRefTensor.dataSync()[i], 1e-6, `${bound.name} ∂/∂tRef[${i}]`);
      close(gRef[i], numeric(tRef, i, "ref"), 1e-6, `${bound.name} ∂/∂tRef[${i}] numeric`);
    });
    tf.dispose([jointTensor, refTensor, value, gJointTensor, gRefTensor]);
  }
});

/** The tensor form's gradient of −bound, against the fused kernel's lossGradient; returns the latter's loss. */
function lossGradientMatchesTensor(bound, tJoint, tRef) {
  const jointTensor = tf.tensor1d(tJoint);
  const refTensor = tf.tensor1d(tRef);
  const [gJointTensor, gRefTensor] = tf.grads((a, b) => tf.neg(bound.tensor(a, b)))([jointTensor, refTensor]);
  const gJoint = new Float32Array(tJoint.length);
  const gRef = new Float32Array(tRef.length);
  const loss = bound.lossGradient(Float32Array.from(tJoint), Float32Array.from(tRef), gJoint, gRef);
  close(loss, -value(bound.tensor(jointTensor, refTensor)), 1e-6, `${bound.name} loss`);
  gJoint.forEach((g, i) => close(g, gJointTensor.dataSync()[i], 1e-6, `${bound.name} ∂/∂tJoint[${i}]`));
  gRef.forEach((g, i) => close(g, gRefTensor.dataSync()[i], 1e-6, `${bound.name} ∂/∂tRef[${i}]`));
  tf.dispose([jointTensor, refTensor, gJointTensor, gRefTensor]);
  return loss;
}

test("InfoNCE: each joint output against its K shifted references, by hand; at most log(K + 1); three forms agree", () => {
  // two anchors, K = 2 references each, laid out shift by shift: anchor 0 has tRef[0], tRef[2]
  const tJoint = [1.2, -0.3];
  const tRef = [0.4, 0.9, -1.0, 0.1];
  const term = (t, others) => t - Math.log((Math.exp(t) + others.reduce((s, o) => s + Math.exp(o), 0)) / 3);
  const byHand = (term(1.2, [0.4, -1.0]) + term(-0.3, [0.9, 0.1])) / 2;
  close(INFO_NCE.evaluation(tJoint, tRef).estimate, byHand, 1e-12, "InfoNCE evaluation");
  close(lossGradientMatchesTensor(INFO_NCE, tJoint, tRef), -byHand, 1e-6, "InfoNCE loss");
  // a critic that separates perfectly reaches log(K + 1) and no further
  close(INFO_NCE.evaluation([50, 50], [0, 0, 0, 0]).estimate, Math.log(3), 1e-12, "InfoNCE ceiling");
  assert.throws(() => INFO_NCE.evaluation([1, 2], [0, 0, 0]), /InfoNCE needs K ≥ 1 reference outputs per joint output/);
});

test("SMILE: trained on the Jensen–Shannon objective, estimated by the DV bound with e^t' clipped to [e^−τ, e^τ]", () => {
  const bound = smileBound(1);
  const tJoint = [0.3, 2.5, -0.4];
  const tRef = [-3, 0.2, 1.7, 0.5];
  const softplus = (v) => Math.log1p(Math.exp(v));
  const js = -tJoint.reduce((s, t) => s + softplus(-t), 0) / 3 - tRef.reduce((s, t) => s + softplus(t), 0) / 4;
  close(value(bound.tensor(tf.tensor1d(tJoint), tf.tensor1d(tRef))), js, 1e-6, "SMILE's training objective");
  close(lossGradientMatchesTensor(bound, tJoint, tRef), -js, 1e-6, "SMILE loss");
  // references at −3 and 1.7 are clipped to −1 and 1; the joint term is not clipped
  const clippedMean = (Math.exp(-1) + Math.exp(0.2) + Math.exp(1) + Math.exp(0.5)) / 4;
  close(bound.evaluation(tJoint, tRef).estimate, (0.3 + 2.5 - 0.4) / 3 - Math.log(clippedMean), 1e-12, "SMILE estimate");
  // without a binding clip it is the DV bound
  close(smileBound(100).evaluation(tJoint, tRef).estimate, DV.evaluation(tJoint, tRef).estimate, 1e-12, "SMILE with τ = 100");
});

test("the DV bound is blind to a constant shift: the output bias gets no gradient", () => {
  // DV(t + c) = DV(t) for every constant c, so ∂DV/∂(fc3.bias) = 1 − Σ softmax(t') = 0
  const net = new Net({ seed: 2 });
  const { x, y, xRef, yRef } = batch(64);
  const norms = gradientNorms(net, () => tf.neg(dvBound(net.forward(x, y), net.forward(xRef, yRef))));
  norms.slice(0, 5).forEach((g, k) => assert.ok(g > 0, `${NAMES[k]} gradient ${g}`));
  assert.ok(norms[5] < 1e-6, `fc3.bias gradient ${norms[5]}`);
  net.dispose();
  tf.dispose([x, y, xRef, yRef]);
});

// Each registered derivative against central differences of the forward computation.
// Step h = 1e-2 in float32: truncation error ≈ h²/6·|f'''| ≈ 2e-5 and rounding ≈ 1e-7/h = 1e-5
// for values of order one, so 2e-3 leaves a wide margin while catching any wrong formula.
function checkGradient(name, f, shape, points) {
  const x0 = tf.tensor(points, shape);
  const analytic = tf.grad((x) => tf.sum(f(x)))(x0).dataSync();
  const h = 1e-2;
  const sumAt = (values) => tf.tidy(() => tf.sum(f(tf.tensor(values, shape))).dataSync()[0]);
  for (let i = 0; i < points.length; i++) {
    const plus = points.slice();
    const minus = points.slice();
    plus[i] += h;
    minus[i] -= h;
    const numeric = (sumAt(plus) - sumAt(minus)) / (2 * h);
    close(analytic[i], numeric, 2e-3 * (1 + Math.abs(numeric)), `${name} at ${i}:`);
  }
  x0.dispose();
}

test("registered derivatives agree with finite differences", () => {
  const p = [0.3, -0.7, 1.2, -1.6, 0.9, 0.45]; // away from kinks at 0
  const positive = [0.3, 0.7, 1.2, 1.6, 0.9, 2.5];
  const other = tf.tensor2d([[0.5, -1.5, 2], [1.1, 0.2, -0.4]]);
  const row = tf.tensor1d([0.4, -0.8, 1.3]);
  const matrix = tf.tensor2d([[0.2, -0.3], [0.5, 0.1], [-0.6, 0.7]]);
  const cases = [
    ["add/sub/mul/div with broadcasting", (x) => tf.div(tf.mul(tf.sub(tf.add(x, row), 0.5), other), tf.add(tf.square(row), 1))],
    ["div by x", (x) => tf.div(other, tf.add(tf.square(x), 1))],
    ["neg, exp, log", (x) => tf.neg(tf.log(tf.add(tf.exp(x), 2)))],
    ["log1p, expm1", (x) => tf.add(tf.log1p(tf.square(x)), tf.expm1(tf.mul(x, 0.5)))],
    ["sqrt, reciprocal", (x) => tf.add(tf.sqrt(tf.add(tf.square(x), 1)), tf.reciprocal(tf.add(tf.square(x), 2)))],
    ["abs, relu, elu, leakyRelu", (x) => tf.addN([tf.abs(x), tf.relu(x), tf.elu(tf.mul(x, 2)), tf.leakyRelu(x, 0.3)])],
    ["sigmoid, tanh, softplus", (x) => tf.addN([tf.sigmoid(x), tf.tanh(x), tf.softplus(x)])],
    ["sin, cos", (x) => tf.mul(tf.sin(x), tf.cos(tf.mul(x, 3)))],
    ["pow", (x) => tf.pow(tf.add(tf.square(x), 0.5), tf.add(tf.mul(other, 0.1), 1.5))],
    ["maximum, minimum, squaredDifference", (x) => tf.addN([tf.maximum(x, other), tf.minimum(x, row), tf.squaredDifference(x, other)])],
    ["sum, mean with axes", (x) => tf.add(tf.mul(tf.sum(tf.square(x), 1, true), x), tf.mean(tf.exp(x), 0))],
    ["max, min, logSumExp", (x) => tf.addN([
      tf.sum(tf.max(tf.mul(x, other), 1, true)),
      tf.sum(tf.min(x, 0)),
      tf.sum(tf.logSumExp(tf.mul(x, 2), 1, true)),
    ])],
    ["matMul and transposes", (x) => tf.addN([
      tf.sum(tf.matMul(x, matrix)),
      tf.sum(tf.matMul(matrix, x, true, true)),
      tf.sum(tf.matMul(tf.transpose(x), tf.square(x))),
      tf.sum(tf.matMul(x, tf.elu(x), false, true)),
    ])],
    ["concat, stack, reshape, transpose, slice", (x) => tf.addN([
      tf.sum(tf.square(tf.concat([x, tf.mul(x, 2)], 1))),
      tf.sum(tf.exp(tf.stack([x, other], 0))),
      tf.sum(tf.reshape(tf.square(x), [3, 2])),
      tf.sum(tf.mul(tf.transpose(x), tf.transpose(other))),
      tf.sum(tf.exp(tf.slice(x, [0, 1], [2, 2]))),
    ])],
    ["where, clipByValue, softmax", (x) => tf.addN([
      tf.where(tf.greater(other, 0), tf.square(x), tf.exp(x)),
      tf.clipByValue(x, -1, 1),
      tf.mul(tf.softmax(x), other),
    ])],
  ];
  for (const [name, f] of cases) checkGradient(name, f, [2, 3], p);
  checkGradient("log of positives", (x) => tf.mul(tf.log(x), other), [2, 3], positive);
  tf.dispose([other, row, matrix]);
});

test("mineeEvaluation refuses outputs that are not { joint, reference } numbers or whose counts differ between its networks (NaN before)", () => {
  const outputs = (joint, reference) => ({ joint, reference });
  const good = outputs([0.1, 0.2], [0, 0.1]);
  assert.throws(() => mineeEvaluation(null, good, good), /mineeEvaluation\(xy, x, y\): xy must be a network's outputs \{ joint, reference \}, each a non-empty array of numbers/);
  assert.throws(() => mineeEvaluation(good, outputs([0.1], [0, 0.1]), good), /the three networks' joint outputs differ in count \(xy 2, x 1, y 2\)/);
  assert.ok(Number.isFinite(mineeEvaluation(good, good, good).estimate));
});

test("smileBound refuses a clip τ that is not positive (τ = 0, −1 or NaN made a bound without a word)", () => {
  assert.throws(() => smileBound(0), /smileBound\(clip\): clip \(τ\) must be > 0, got 0/);
  assert.throws(() => smileBound(NaN), /clip \(τ\) must be a finite number, got NaN/);
  assert.equal(smileBound(5).name, "SMILE(τ = 5)");
});

test("the exported bounds' evaluation refuses outputs that are empty, not numbers or not finite (NaN came back, strings were coerced)", () => {
  assert.throws(() => DV.evaluation([], [1]), /DV\.evaluation\(tJoint, tRef\): tJoint must be a non-empty array of network outputs/);
  assert.throws(() => DV.evaluation(null, [1]), /tJoint must be a non-empty array of network outputs .*got null/);
  assert.throws(() => DV.evaluation([NaN, 1], [1, 2]), /tJoint\[0\] is NaN; network outputs must be finite numbers/);
  assert.throws(() => F_BOUND.evaluation([1, 2], ["2", 1]), /tRef\[0\] is "2"/);
  assert.ok(Number.isFinite(DV.evaluation(new Float32Array([1, 2]), [0, 1]).estimate));
});
