import { test, before } from "node:test";
import assert from "node:assert/strict";
import { monteCarloMean } from "./monte-carlo.mjs";
import { taskFinder } from "./promise.mjs";
import { init, tf, estimateMI, estimators, HELD_OUT_TASKS, UNEQUAL_MIXTURE, correlatedPairs } from "neural-mi";

// The held-out battery (lib/src/tasks/held-out.ts): its truths by an independent route, bad
// input refused with the problem and the fix, the same data in every accepted format giving
// the same estimate, and a few of its data sets kept to the library's promise (right within
// the interval, or untrusted with a reason). `npm run bench:accuracy -- --held-out` runs
// every method on all of them.

before(async () => {
  await init();
});

const task = taskFinder(HELD_OUT_TASKS);

// Monte Carlo of E[log p(x, y) − log p(x) − log p(y)] with the densities written out here;
// agreement within 4 standard errors.
function monteCarlo(name, draw, logRatio, n = 100_000) {
  const { mean, standardError } = monteCarloMean(draw, logRatio, { n, seed: 17 });
  const truth = task(name).mutualInformation();
  assert.ok(Math.abs(truth - mean) < 4 * standardError + 1e-12, `${name}: library ${truth} vs Monte Carlo ${mean} ± ${standardError}`);
}

const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

test("the held-out battery's truths agree with Monte Carlo of the densities written out here", () => {
  monteCarlo(
    "uniform-disk",
    (rng) => { for (;;) { const a = 2 * rng.uniform() - 1; const b = 2 * rng.uniform() - 1; if (a * a + b * b < 1) return [a, b]; } },
    (a, b) => Math.log(1 / Math.PI) - Math.log((2 / Math.PI) * Math.sqrt(1 - a * a)) - Math.log((2 / Math.PI) * Math.sqrt(1 - b * b)),
  );
  monteCarlo(
    "uniform-diamond",
    (rng) => { const u = rng.uniform(); const v = rng.uniform(); return [u - v, u + v - 1]; },
    (a, b) => Math.log(0.5) - Math.log(1 - Math.abs(a)) - Math.log(1 - Math.abs(b)),
  );
  monteCarlo(
    "uniform-plus-uniform-noise",
    (rng) => { const a = rng.uniform(); return [a, a + 0.5 * rng.uniform()]; },
    (a, b) => Math.log(2) - Math.log(2 * (Math.min(1, b) - Math.max(0, b - 0.5))),
  );
  const weights = [0.4, 0.3, 0.2, 0.1];
  monteCarlo(
    "categorical4-gaussian-y",
    (rng) => { let u = rng.uniform(); let k = 0; while (k < 3 && u >= weights[k]) { u -= weights[k]; k += 1; } return [k, 1.5 * k + rng.normal()]; },
    (k, b) => Math.log(phi(b - 1.5 * k)) - Math.log(weights.reduce((s, w, j) => s + w * phi(b - 1.5 * j), 0)),
  );
  const joint = (a, b) => UNEQUAL_MIXTURE.reduce((s, c) => {
    const r = 1 - c.rho * c.rho;
    const u = a - c.mean[0];
    const v = b - c.mean[1];
    return s + (c.weight * Math.exp(-(u * u - 2 * c.rho * u * v + v * v) / (2 * r))) / (2 * Math.PI * Math.sqrt(r));
  }, 0);
  const marginal = (value, axis) => UNEQUAL_MIXTURE.reduce((s, c) => s + c.weight * phi(value - c.mean[axis]), 0);
  monteCarlo(
    "mixture-unequal-shifted",
    (rng) => {
      const c = rng.uniform() < 0.75 ? UNEQUAL_MIXTURE[0] : UNEQUAL_MIXTURE[1];
      const z = rng.normal();
      return [c.mean[0] + z, c.mean[1] + c.rho * z + Math.sqrt(1 - c.rho * c.rho) * rng.normal()];
    },
    (a, b) => Math.log(joint(a, b)) - Math.log(marginal(a, 0)) - Math.log(marginal(b, 1)),
  );
  // discrete ones by hand: H(Y) − log 2 with P(Y) = (1, 2, 2, 1)/6; H(0.38) − H(0.2)
  const h = (ps) => -ps.reduce((s, p) => s + p * Math.log(p), 0);
  assert.ok(Math.abs(task("integer-levels-3x4").mutualInformation() - (h([1 / 6, 1 / 3, 1 / 3, 1 / 6]) - Math.LN2)) < 1e-12);
  assert.ok(Math.abs(task("binary-channel-p0.3-flip0.2").mutualInformation() - (h([0.38, 0.62]) - h([0.2, 0.8]))) < 1e-12);
  // the 1 + 10 Gaussian by its covariance determinant: Σ_Y = 0.25·J + 0.75·I, det Σ = 0.75^10
  const detY = 0.75 ** 9 * (0.75 + 10 * 0.25);
  assert.ok(Math.abs(task("gaussian-1x10-shared").mutualInformation() - 0.5 * Math.log(detY / 0.75 ** 10)) < 1e-12);
});

test("bad input is refused with the problem and the fix, never NaN or a hang", async () => {
  const { x, y } = correlatedPairs(1, 0.8).sample(60, 0);
  const column = x.map((r) => r[0]);
  const cases = [
    [[[NaN], ...x.slice(1)], y, /x\[0\]\[0\] \(row 0, column 0\) is NaN; all values must be finite numbers — remove or impute/],
    [x, [...y.slice(0, 4), [-Infinity], ...y.slice(5)], /y\[4\]\[0\] \(row 4, column 0\) is -Infinity/],
    [x, y.slice(2), /x has 60 samples but y has 58; they must be paired/],
    [[], [], /x is empty; give at least one sample/],
    [new Float32Array(0), y, /x is empty/],
    [x.slice(0, 1), y.slice(0, 1), /1 samples split by holdout = 0\.3 .* no method here estimates from 1 samples \(KSG needs at least 4\): give more samples|neighbors = 10 needs at least 22 samples .* got 1; KSG needs at least 4 samples/],
    [[[1, 2], [3]], [[1], [2]], /x is ragged: row 1 has 1 values but row 0 has 2/],
    ["x values", y, /x must be samples as number\[\]\[\] .* got string/],
    [null, y, /x must be samples .* got null/],
    [column.map(String), y, /x\[0\] \(row 0, column 0\) is the string "-0\.88\d+" \(convert it with Number\(\)\)/],
    [[[1n], [2n]], [[1], [2]], /x\[0\]\[0\] \(row 0, column 0\) is the bigint 1n \(convert it with Number\(\)\)/],
    [x.map((r) => [r]), y, /x\[0\]\[0\] is an array: samples are rows of numbers .* flatten each sample/],
    // objects that stand for a number: the fix is to give the number, not to drop the sample
    [x.map((r) => [new Number(r[0])]), y, /x\[0\]\[0\] \(row 0, column 0\) is a Number object \(new Number\(v\)\); give the number itself: Number\(v\) without new, or v\.valueOf\(\); all values must be finite numbers\.$/],
    [x.map((r) => [tf.tensor1d(r)]), y, /x\[0\]\[0\] \(row 0, column 0\) is a tensor; give the samples as numbers: await tensor\.array\(\) .*finite numbers\.$/],
  ];
  for (const [a, b, message] of cases) {
    for (const method of ["mine", "ksg"]) await assert.rejects(() => estimateMI(a, b, { method }), message, `${method}: ${message}`);
  }
  await assert.rejects(() => estimateMI(x, y, { method: "ksg", neighbors: 40 }), /neighbors = 40 needs at least 82 samples .* lower neighbors \(estimateMI\(x, y, \{ method: "ksg", neighbors: 7 \}\) runs\) or give more samples/);
  await assert.rejects(() => estimateMI(x, y, { steps: "many" }), /steps must be an integer, got "many"/);
  await assert.rejects(() => estimateMI(x, y, { learningRate: -1 }), /learningRate must be > 0, got -1/);
  await assert.rejects(() => estimateMI(x, y, { metod: "ksg" }), /unknown option "metod"/);
  // an option left undefined means its default, for any method
  assert.equal((await estimateMI(x, y, { method: "ksg", steps: undefined })).method, "ksg");
});

test("the same samples as number[][], number[], Float32Array, Float64Array, typed rows and tensors give the same estimate", async () => {
  const { x, y } = correlatedPairs(1, 0.8).sample(200, 3);
  const a = x.map((r) => r[0]);
  const b = y.map((r) => r[0]);
  // Float32Array rounds the values, which moves no rank, so every format gives the very same normal scores
  const formats = [
    ["number[]", a, b],
    ["Float32Array", Float32Array.from(a), Float32Array.from(b)],
    ["Float64Array", Float64Array.from(a), Float64Array.from(b)],
    ["typed rows", x.map((r) => Float64Array.from(r)), y.map((r) => Float64Array.from(r))],
    ["tensor1d", tf.tensor1d(a), tf.tensor1d(b)],
    ["tensor2d", tf.tensor2d(x), tf.tensor2d(y)],
  ];
  for (const method of ["ksg", "mine"]) {
    const options = method === "ksg" ? { method } : { method, steps: 40, hiddenSize: 8, seed: 2 };
    const reference = await estimateMI(x, y, options);
    for (const [name, fx, fy] of formats) {
      const r = await estimateMI(fx, fy, options);
      assert.ok(Math.abs(r.estimate - reference.estimate) < 1e-6, `${method} ${name}: ${r.estimate} vs ${reference.estimate}`);
    }
  }
  for (const [, fx, fy] of formats) if (fx instanceof tf.Tensor) tf.dispose([fx, fy]);
});

test("held-out failures found and fixed: a trained plateau below KSG or the plug-in MI is a lower bound; KSG's bias bound holds the truth", async () => {
  // The uniform disk (I = log π − 1 = 0.145), seed 0: MINE settled at 0.047 with a trusted
  // [0.015, 0.080] (0.033–0.059 on seeds 0–2, at every n from 500 to 4000), KSG gave 0.092 with
  // a trusted [0.070, 0.144]. MINE is now untrusted because KSG on the same samples is clearly
  // above it; KSG's upper end now bounds its remaining bias with the change's upper 95 % end.
  const disk = task("uniform-disk");
  const truth = disk.mutualInformation();
  const { x, y } = disk.sample(1000, 0);
  const mine = await estimateMI(x, y, { seed: 0 });
  assert.ok(!mine.trusted && mine.interval[1] === Infinity && mine.interval[0] <= truth, `MINE ${mine.estimate} ${mine.interval}`);
  assert.match(mine.warnings.join(" "), /KSG on the same samples gives 0\.09\d nats, clearly above this estimate .* lower bound/);
  const ksg = await estimateMI(x, y, { method: "ksg", seed: 0 });
  assert.ok(ksg.interval[0] <= truth && truth <= ksg.interval[1], `KSG ${ksg.estimate} ${ksg.interval}`);
  // where MINE and KSG agree the cross-check leaves trust alone: ρ = −0.7 (0.337), seed 0; over
  // seeds 0–2 of the battery MINE gave 0.308 ± 0.047, so |bias| + 4 sd = 0.03 + 0.19 ≈ 0.22
  const negative = task("gaussian-rho-0.7");
  const drawn = negative.sample(1000, 0);
  const r = await estimateMI(drawn.x, drawn.y, { seed: 0 });
  const rTruth = negative.mutualInformation();
  assert.ok(r.trusted && r.interval[0] <= rTruth && rTruth <= r.interval[1], `ρ = −0.7: ${r.estimate} ${r.interval} ${r.warnings}`);
  assert.ok(Math.abs(r.estimate - rTruth) < 0.22, `ρ = −0.7: ${r.estimate}`);
  // discrete data: the binary channel (0.164 nats), seed 2, whose 300 held-out pairs held only
  // 0.082: MINE stopped early at 0.078 [0.039, 0.118], trusted; the plug-in MI of all 1000 pairs
  // (0.143 ± 0.017) now makes it a lower bound
  const channel = task("binary-channel-p0.3-flip0.2");
  const pairs = channel.sample(1000, 2);
  const bsc = await estimateMI(pairs.x, pairs.y, { seed: 2 });
  assert.ok(!bsc.trusted && bsc.interval[1] === Infinity, `binary channel: ${bsc.estimate} ${bsc.interval}`);
  assert.match(bsc.warnings.join(" "), /the plug-in MI of these discrete samples is 0\.14\d nats, clearly above/);
});

test("units of 1e±9, values beyond float32's range and rows sorted by x change nothing: KSG gives the very same estimate", async () => {
  const plain = correlatedPairs(1, 0.8).sample(1000, 4);
  const reference = await estimateMI(plain.x, plain.y, { method: "ksg" });
  for (const name of ["units-1e-9-and-1e9", "beyond-float32-1e39", "sorted-by-x"]) {
    const { x, y } = task(name).sample(1000, 4);
    const r = await estimateMI(x, y, { method: "ksg" });
    // sorting reorders the sum of the per-point terms: equal up to its rounding
    assert.ok(Math.abs(r.estimate - reference.estimate) < 1e-9, `${name}: ${r.estimate} vs ${reference.estimate}`);
    assert.ok(Number.isFinite(r.interval[0]) && !Number.isNaN(r.interval[1]), `${name}: ${r.interval}`);
  }
});
