// Kernel density estimates behind the pair plot and the density plot.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gaussianKde, gaussianKde2d, kdeCurve, kdeGrid, scottFactor } from "neural-mi";

// A small seeded generator (mulberry32 + Box–Muller), so that these tests depend on nothing
// but the plot module.
function uniforms(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normals(seed, n) {
  const u = uniforms(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}
function correlated(seed, n, rho) {
  const a = normals(seed, n);
  const b = normals(seed + 1000, n);
  return a.map((x, i) => [x, rho * x + Math.sqrt(1 - rho * rho) * b[i]]);
}
const normalDensity = (x, variance) => Math.exp((-x * x) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
function sampleVariance(values) {
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
}
function trapezoid(x, y) {
  let sum = 0;
  for (let i = 1; i < x.length; i++) sum += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return sum;
}

test("the 1-D bandwidth follows Scott's rule: sample sd times n^(-1/5)", () => {
  const values = normals(3, 500);
  const kde = gaussianKde(values);
  assert.ok(Math.abs(kde.bandwidth - Math.sqrt(sampleVariance(values)) * 500 ** (-1 / 5)) < 1e-12);
  assert.equal(scottFactor(500, 2), 500 ** (-1 / 6));
});

test("the 2-D kernel covariance is the sample covariance times n^(-1/3)", () => {
  const points = correlated(4, 400, 0.7);
  const { covariance } = gaussianKde2d(points);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / (xs.length - 1);
  const f2 = 400 ** (-1 / 3);
  assert.ok(Math.abs(covariance[0][0] - sampleVariance(xs) * f2) < 1e-12);
  assert.ok(Math.abs(covariance[1][1] - sampleVariance(ys) * f2) < 1e-12);
  assert.ok(Math.abs(covariance[0][1] - sxy * f2) < 1e-12);
  assert.equal(covariance[0][1], covariance[1][0]);
});

test("a single point's estimate is the Gaussian kernel itself", () => {
  const kde = gaussianKde([1.5], { bandwidth: 0.5 });
  for (const x of [-1, 0, 1.5, 2.7]) {
    assert.ok(Math.abs(kde.density(x) - normalDensity(x - 1.5, 0.25)) < 1e-15);
  }
});

test("the 1-D density curve integrates to 1", () => {
  // The grid reaches 3 bandwidths past the extreme samples, so at most 2 × 0.00135 of the
  // mass lies outside it; the trapezoid rule on 400 points adds far less than that.
  const curve = kdeCurve(normals(5, 800), { points: 400 });
  const mass = trapezoid(curve.x, curve.density);
  assert.ok(Math.abs(mass - 1) < 3e-3, `mass ${mass}`);
});

test("the 2-D density grid integrates to 1", () => {
  const grid = kdeGrid(correlated(6, 500, 0.9), { points: 80, cut: 4 });
  const rows = grid.z.map((row) => trapezoid(grid.x, row));
  const mass = trapezoid(grid.y, rows);
  // Past 4 kernel widths per axis the lost mass is below 1e-4; the rest is the trapezoid
  // rule on an 80 × 80 grid.
  assert.ok(Math.abs(mass - 1) < 5e-3, `mass ${mass}`);
});

test("the 1-D estimate of normal samples matches the normal density smoothed by the kernel", () => {
  // The expected estimate is N(0, 1 + h²) for N(0, 1) samples. Over seeds 1..30 (n = 2000)
  // the largest error on x in [-2, 2] had mean 0.022, sd 0.0064 and maximum 0.035:
  // tolerance = mean + 4 sd.
  const kde = gaussianKde(normals(1, 2000));
  const variance = 1 + kde.bandwidth ** 2;
  for (let x = -2; x <= 2; x += 0.25) {
    const error = Math.abs(kde.density(x) - normalDensity(x, variance));
    assert.ok(error < 0.05, `at x = ${x}: ${kde.density(x)} vs ${normalDensity(x, variance)}`);
  }
});

test("the 2-D estimate of correlated normal samples matches their density smoothed by the kernel", () => {
  // Expected estimate: N(0, Σ + H) with Σ = [[1, ρ], [ρ, 1]], ρ = 0.8, H the kernel
  // covariance. Over seeds 1..30 (n = 1000) the largest error on the grid
  // {-1.5, -1, ..., 1.5}² had mean 0.027, sd 0.0082, maximum 0.054: tolerance = mean + 4 sd.
  // (A density that ignored the correlation would be off by 0.115 at (0, 0).)
  const rho = 0.8;
  const kde = gaussianKde2d(correlated(1, 1000, rho));
  const h = kde.covariance;
  const s = [
    [1 + h[0][0], rho + h[0][1]],
    [rho + h[1][0], 1 + h[1][1]],
  ];
  const det = s[0][0] * s[1][1] - s[0][1] * s[1][0];
  const density = (x, y) =>
    Math.exp((-0.5 * (s[1][1] * x * x - 2 * s[0][1] * x * y + s[0][0] * y * y)) / det) / (2 * Math.PI * Math.sqrt(det));
  for (let x = -1.5; x <= 1.5; x += 0.5) {
    for (let y = -1.5; y <= 1.5; y += 0.5) {
      const error = Math.abs(kde.density(x, y) - density(x, y));
      assert.ok(error < 0.06, `at (${x}, ${y}): ${kde.density(x, y)} vs ${density(x, y)}`);
    }
  }
});

test("samples without spread still give a finite, drawable density", () => {
  const curve = kdeCurve([2, 2, 2]);
  assert.ok(curve.density.every(Number.isFinite));
  assert.ok(Math.max(...curve.density) > 0);
  const grid = kdeGrid([
    [1, 1],
    [2, 2],
    [3, 3],
  ]);
  assert.ok(grid.z.flat().every(Number.isFinite));
});

test("bad samples are refused with the argument named", () => {
  assert.throws(() => gaussianKde([]), /values is empty/);
  assert.throws(() => gaussianKde([1, NaN, 2]), /values\[1\] is NaN/);
  assert.throws(() => gaussianKde([1, 2], { bandwidth: 0 }), /options\.bandwidth must be a positive number/);
  assert.throws(() => gaussianKde2d([[1], [2]]), /points must have rows of at least 2 column/);
  assert.throws(() => kdeCurve([1, 2], { points: 1 }), /options\.points must be an integer ≥ 2/);
  // scottFactor(0, 1) was Infinity, scottFactor(-1, 1) NaN
  assert.throws(() => scottFactor(0, 1), /scottFactor: n \(the sample count\) must be an integer ≥ 1, got 0/);
  assert.throws(() => scottFactor(10, 0.5), /scottFactor: dims must be an integer ≥ 1/);
});

test("grids beyond what a figure shows are refused (points: 1e9 ran the process out of memory)", () => {
  assert.throws(() => kdeCurve([1, 2, 3], { points: 100_001 }), /kdeCurve: options\.points must be at most 100000 \(finer than a figure shows; memory would run out\), got 100001/);
  assert.throws(() => kdeGrid([[1, 2], [2, 1], [3, 3]], { points: 1001 }), /kdeGrid: options\.points must be at most 1000 .*got 1001/);
  assert.equal(kdeGrid([[1, 2], [2, 1], [3, 3]], { points: 3 }).z.length, 3);
});

test("values whose variance overflows are refused, where the grid was NaN and the figure drawn empty", () => {
  assert.throws(() => kdeCurve([1e200, -1e200, 0]), /gaussianKde: values spread too widely for a density estimate .*divide them by a common scale first/);
  assert.throws(() => kdeGrid([[1, 1e308], [2, -1e308], [0, 3]]), /gaussianKde2d: points' second column spread too widely/);
  assert.ok(kdeCurve([1e150, -1e150, 0]).x.every(Number.isFinite));
});
