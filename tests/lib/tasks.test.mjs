import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Rng,
  gaussianMI,
  natsToBits,
  bivariateGaussian,
  correlatedPairs,
  gaussianChannel,
  gaussianMixture,
  courseData,
  transformedTask,
  cube,
  spiral,
  normalCdf,
  normalQuantile,
  logGamma,
  digamma,
} from "neural-mi";
import { close } from "../helpers/close.mjs";


const correlation = (a, b) => {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
};

test("Gaussian ground truths match their closed forms", () => {
  // −½ log(1 − 0.25) = ½ log(4/3)
  close(gaussianMI(0.5), 0.5 * Math.log(4 / 3), 1e-15, "gaussianMI(0.5)");
  close(gaussianMI(-0.5), gaussianMI(0.5), 0, "symmetric in ρ");
  assert.equal(gaussianMI(0), 0);
  close(natsToBits(Math.LN2), 1, 1e-15, "ln 2 nats is one bit");

  const pair = bivariateGaussian(0.9);
  assert.equal(pair.dimX, 1);
  assert.equal(pair.dimY, 1);
  close(pair.mutualInformation(), -0.5 * Math.log(1 - 0.81), 1e-15, "bivariate");
  close(pair.mutualInformation("bits"), -0.5 * Math.log2(1 - 0.81), 1e-15, "bivariate in bits");

  // four pairs of correlation 0.6: 4 · (−½ log 0.64) = −2 log 0.64
  const pairs = correlatedPairs(4, 0.6);
  assert.equal(pairs.dimX, 4);
  close(pairs.mutualInformation(), -2 * Math.log(0.64), 1e-14, "correlated pairs");

  // seed 000's channel: d = 3, P = 3, N = 0.2 gives (3/2)·log2(16) = 6 bits exactly
  const channel = gaussianChannel({ dim: 3, power: 3, noise: 0.2 });
  close(channel.mutualInformation("bits"), 6, 1e-14, "channel in bits");
  close(channel.mutualInformation(), 1.5 * Math.log(16), 1e-14, "channel in nats");
  assert.deepEqual(gaussianChannel().mutualInformation(), channel.mutualInformation(), "defaults are seed 000's");
  close(gaussianChannel({ dim: 1, power: 1, noise: 1 }).mutualInformation(), 0.5 * Math.log(2), 1e-15, "P = N");
});

test("samplers draw the distributions their ground truths describe", () => {
  const n = 50_000;
  // the sample correlation's standard error is (1 − ρ²)/sqrt(n); allow 4 of them
  const { x, y } = correlatedPairs(2, 0.7).sample(n, 1);
  assert.equal(x.length, n);
  assert.equal(x[0].length, 2);
  for (const k of [0, 1]) {
    close(correlation(x.map((r) => r[k]), y.map((r) => r[k])), 0.7, 4 * 0.51 / Math.sqrt(n), `pair ${k}`);
  }
  close(correlation(x.map((r) => r[0]), y.map((r) => r[1])), 0, 4 / Math.sqrt(n), "pairs are independent");

  // channel: Var X = P, Var Y = P + N, so corr(X_k, Y_k) = sqrt(P / (P + N)) = sqrt(3/3.2)
  const ch = gaussianChannel().sample(n, 2);
  const rho = Math.sqrt(3 / 3.2);
  close(correlation(ch.x.map((r) => r[2]), ch.y.map((r) => r[2])), rho, 4 * (1 - rho * rho) / Math.sqrt(n), "channel");
  const variance = ch.x.reduce((s, r) => s + r[0] * r[0], 0) / n;
  close(variance, 3, 4 * 3 * Math.sqrt(2 / n), "signal power");

  // seeds and generators: same seed same samples; an Rng is advanced
  assert.deepEqual(bivariateGaussian(0.5).sample(10, 3), bivariateGaussian(0.5).sample(10, 3));
  const rng = new Rng(3);
  const first = bivariateGaussian(0.5).sample(10, rng);
  assert.deepEqual(first, bivariateGaussian(0.5).sample(10, 3));
  assert.notDeepEqual(bivariateGaussian(0.5).sample(10, rng), first);
});

// Independent check of the mixture's quadrature: Monte Carlo of E[log p(X,Y) / (φ(X) φ(Y))]
// with the density written out here.
function mixtureLogRatio(x, y) {
  const rho = 0.9;
  const s = 1 - rho * rho;
  const component = (r) => Math.exp(-(x * x - 2 * r * x * y + y * y) / (2 * s)) / (2 * Math.PI * Math.sqrt(s));
  const joint = 0.5 * (component(rho) + component(-rho));
  const marginals = Math.exp(-(x * x + y * y) / 2) / (2 * Math.PI);
  return Math.log(joint / marginals);
}

test("the mixture's MI by quadrature agrees with Monte Carlo within its standard error", () => {
  const task = gaussianMixture();
  const mi = task.mutualInformation();
  const n = 400_000;
  const { x, y } = task.sample(n, 17);
  const values = x.map((row, i) => mixtureLogRatio(row[0], y[i][0]));
  const m = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  const standardError = sd / Math.sqrt(n); // ≈ 0.0012 nats here
  close(mi, m, 4 * standardError, "quadrature vs Monte Carlo");
  // bounds that hold exactly: below a single component's MI, above zero
  assert.ok(mi > 0 && mi < gaussianMI(0.9));
  close(task.mutualInformation("bits"), mi / Math.LN2, 1e-15, "bits");
  // both marginals are standard normal (that is what the closed-form marginal entropies assume)
  const mx = x.reduce((s, r) => s + r[0], 0) / n;
  const vy = y.reduce((s, r) => s + r[0] * r[0], 0) / n;
  close(mx, 0, 4 / Math.sqrt(n), "mean of X");
  close(vy, 1, 4 * Math.sqrt(2 / n), "variance of Y");
});

test("courseData reproduces the course's running example", () => {
  const data = courseData();
  const rng = new Rng(0);
  const rho = 1 - 0.19 * rng.uniform();
  assert.equal(data.rho, rho);
  assert.ok(rho > 0.81 && rho <= 1);
  assert.equal(data.groundTruth, -0.5 * Math.log1p(-rho * rho));
  assert.deepEqual(data.xy, rng.multivariateNormal([0, 0], [[1, rho], [rho, 1]], 1000));
  assert.deepEqual(data.x, data.xy.map((r) => [r[0]]));
  assert.deepEqual(data.y, data.xy.map((r) => [r[1]]));
  // the same draws as the bivariate task fed by the same generator after its first uniform
  const after = new Rng(0);
  after.uniform();
  const task = bivariateGaussian(rho).sample(1000, after);
  assert.deepEqual(task.x, data.x);
  for (let i = 0; i < 1000; i++) close(task.y[i][0], data.y[i][0], 1e-12, `row ${i}`);

  const other = courseData({ seed: 3, n: 10 });
  assert.equal(other.xy.length, 10);
  assert.notEqual(other.rho, data.rho);
});

test("task arguments are checked", () => {
  assert.throws(() => gaussianMI(1), /gaussianMI\(rho\) must be in \(-1, 1\), got 1/);
  assert.throws(() => bivariateGaussian(-1.2), /bivariateGaussian\(rho\) must be in \(-1, 1\)/);
  assert.throws(() => bivariateGaussian(NaN), /must be a finite number, got NaN/);
  assert.throws(() => correlatedPairs(0, 0.5), /d must be a positive integer, got 0/);
  assert.throws(() => correlatedPairs(2.5, 0.5), /d must be an integer, got 2.5/);
  assert.throws(() => gaussianChannel({ noise: 0 }), /noise must be > 0, got 0/);
  assert.throws(() => gaussianChannel({ power: -1 }), /power must be > 0/);
  assert.throws(() => bivariateGaussian(0.5).mutualInformation("bytes"), /unit must be one of "nats", "bits"/);
  assert.throws(() => bivariateGaussian(0.5).sample(-1, 0), /sample\(n, seed\): n must be ≥ 0/);
  assert.throws(() => bivariateGaussian(0.5).sample(5, "a"), /seed must be an integer seed or an Rng/);
  assert.throws(() => courseData({ seeds: 1 }), /unknown option "seeds" \(did you mean "seed"\?\)/);
  assert.throws(() => courseData({ n: 0 }), /courseData\(\{ n \}\) must be a positive integer/);
});

test("misspelt options of gaussianChannel and transformedTask are refused (they were dropped, and the defaults or untransformed samples given)", () => {
  assert.throws(() => gaussianChannel({ noize: 1 }), /gaussianChannel\(options\) got an unknown option "noize" \(did you mean "noise"\?\)/);
  const base = bivariateGaussian(0.5);
  assert.throws(() => transformedTask(base, { name: "a", description: "b", X: cube }), /transformedTask\(base, options\) got an unknown option "X" \(did you mean "x"\?\)/);
  assert.throws(() => transformedTask(base, { name: "a", description: "b", x: 3 }), /transformedTask\(base, \{ x \}\) must be a function/);
  assert.throws(() => transformedTask(null, { name: "a", description: "b" }), /base must be a task, such as bivariateGaussian\(0\.9\)/);
  const { x } = transformedTask(base, { name: "a", description: "b", x: cube }).sample(3, 1);
  assert.deepEqual(x, base.sample(3, 1).x.map(cube));
});

test('special functions refuse strings: normalCdf("1") concatenated its series until memory ran out, logGamma("5") said "got 5"', () => {
  for (const [fn, name] of [[logGamma, "logGamma(x)"], [digamma, "digamma(x)"], [normalQuantile, "normalQuantile(p)"], [normalCdf, "normalCdf(x)"]]) {
    assert.throws(() => fn("0.5"), new RegExp(`${name.replace(/[()]/g, "\\$&")} needs a number, got "0\\.5"; convert it with Number\\(\\)`));
  }
  assert.ok(Number.isNaN(normalCdf(NaN)));
});

test("natsToBits refuses a value that is not a number (null was read as 0 bits)", () => {
  assert.throws(() => natsToBits(null), /natsToBits\(nats\) needs a number, got null/);
  assert.ok(Number.isNaN(natsToBits(NaN)));
});

test("spiral refuses a speed that is not finite (NaN turned every sample into NaN)", () => {
  assert.throws(() => spiral(NaN), /spiral\(speed\): speed must be a finite number, got NaN/);
  assert.throws(() => spiral(Infinity), /must be a finite number, got Infinity/);
  assert.ok(spiral(0.5)([1, 2]).every(Number.isFinite));
});

test("samples beyond 2^22 rows in one call are refused by the tasks and courseData (sample(1e9) ran out of memory)", () => {
  assert.throws(() => bivariateGaussian(0.5).sample(2 ** 22 + 1, 0), /sample\(n, seed\): n = 4194305 samples are more than the 4194304 a task draws at once \(memory would run out\)/);
  assert.throws(() => courseData({ n: 1e9 }), /courseData\(\{ n \}\): n = 1000000000 samples are more than the 4194304/);
});
