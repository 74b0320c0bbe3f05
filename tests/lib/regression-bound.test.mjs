// The regression lower bound (lib/src/estimators/regression-bound.ts): where one side is a column of whole
// numbers (a count, labels, a flag), H(y) less the held-out cross-entropy of a regression of y on steps of each
// column of x bounds the MI from below. y the count of 40 correlated normal columns above 0, a function of x
// (I = H(y) = 3.60 nats), gave MINE, MINE-f and SMILE 1.47–1.70 with trusted intervals ending at 2.36–2.59
// (bench/accuracy/unseen21): the critics learn each column's step far slower than the half-sample check
// assumes, and every other bound was below them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng, normalCdf } from "neural-mi";
import { regressionLowerBound } from "neural-mi/dist/estimators/regression-bound.js";
import { strongestLowerBound } from "neural-mi/dist/estimators/projection-bound.js";
import { nearlyCollinearComponents } from "neural-mi/dist/estimators/principal-components.js";
import { consistentEstimatorDisagreement } from "neural-mi/dist/estimators/cross-check.js";
import { binomialQuantile } from "./promise.mjs";

const matrix = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

/** x: 40 normal columns sharing a factor (loading 0.3), y: how many are above 0; I = H(y) = 3.599 nats (unseen21's check-truths). */
function countOfPositiveColumns(n, seed) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    const row = Array.from({ length: 40 }, () => Math.sqrt(0.3) * z + Math.sqrt(0.7) * rng.normal());
    x.push(row);
    y.push([row.filter((v) => v > 0).length]);
  }
  return { x: matrix(x), y: matrix(y) };
}
const COUNT_TRUTH = 3.599;

test("a count of 40 correlated columns above 0: the trusted estimate of the probe (MINE, 1.520, lower end 1.374) is clearly below the bound, and the cross-check says why", () => {
  const { x, y } = countOfPositiveColumns(1000, 0);
  const bound = strongestLowerBound(x, y, 1);
  assert.ok(bound.estimate > 2 && bound.estimate < COUNT_TRUTH, `${bound.estimate} ± ${bound.standardError}: ${bound.description}`);
  assert.match(bound.description, /regression on steps of each column of x/);
  // the trained result stubbed: MINE's estimate and standard error, (estimate − lower end)/1.96, at n = 1000, seed 0
  const check = consistentEstimatorDisagreement({ bound }, 1.52, (1.52 - 1.374) / 1.96);
  assert.match(check.reason ?? "", /y is predicted from x's columns far better than this estimate allows/);
  assert.match(check.reason, /x given as fewer columns, a sum or count of them, may let it\); read the estimate as a lower bound, and give more samples/);
  assert.ok(check.upperEnd > bound.estimate);
});

test("a bound, not an estimate: below the entropy of y = round(3x), about 0 for labels independent of 40 columns or of 3, and for a continuous side beside one column without a cycle", () => {
  const rng = new Rng(4);
  const x = Array.from({ length: 1000 }, () => [rng.normal()]);
  const rounded = x.map(([a]) => [Math.round(3 * a)]);
  let truth = 0;
  for (let k = -30; k <= 30; k++) {
    const p = normalCdf((k + 0.5) / 3) - normalCdf((k - 0.5) / 3);
    if (p > 0) truth -= p * Math.log(p);
  }
  const exact = regressionLowerBound(matrix(x), matrix(rounded), 0);
  assert.ok(exact.estimate < truth && exact.estimate > 0.8 * truth, `${exact.estimate} ± ${exact.standardError} for ${truth}`);
  for (const seed of [0, 1, 2]) {
    const { x: columns } = countOfPositiveColumns(1000, 10 + seed);
    const labels = matrix(Array.from({ length: 1000 }, () => [Math.floor(10 * rng.uniform())]));
    const independent = regressionLowerBound(columns, labels, seed);
    assert.ok(independent.estimate < 1.645 * independent.standardError, `seed ${seed}: ${independent.estimate} ± ${independent.standardError}`);
  }
  // beside a few columns, where the fit has many rows a coefficient: clearly above 0 at most as often as a 5 % test allows
  let alarms = 0;
  for (let seed = 0; seed < 20; seed++) {
    const draw = new Rng(100 + seed);
    const columns = matrix(Array.from({ length: 300 }, () => [draw.normal(), draw.normal(), draw.normal()]));
    const labels = matrix(Array.from({ length: 300 }, () => [Math.floor(10 * draw.uniform())]));
    const independent = regressionLowerBound(columns, labels, seed);
    if (independent.estimate > 1.645 * independent.standardError) alarms += 1;
  }
  assert.ok(alarms <= binomialQuantile(20, 0.05, 0.999), `${alarms} of 20 independent draws put the bound clearly above 0`);
  // a continuous side beside one column is read through that column's cycles only: none in a near-copy or in identifiers
  // (one per row: too many values to predict as whole numbers)
  for (const side of [x.map(([a]) => [a + 0.1 * rng.normal()]), x.map((_, i) => [i])]) {
    const cycles = regressionLowerBound(matrix(x), matrix(side), 0);
    assert.ok(cycles.estimate < 1.645 * cycles.standardError, `${cycles.estimate} ± ${cycles.standardError}: ${cycles.description}`);
  }
});

/** x epoch seconds uniform over 365 days from 1.7e9, y a daily cycle plus 0.3 noise (or, `independent`, the cycle of other times): I = 0.862 (unseen26's check-truths). */
function dailyCycleOfEpochSeconds(n, seed, independent = false, farRecord = false) {
  const rng = new Rng(seed);
  const day = 86400;
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const drawn = 1.7e9 + 365 * day * rng.uniform();
    // a record dated in 2100 among a year of 2023's
    const t = farRecord && i === 0 ? 4.1e9 : drawn;
    const read = independent ? 1.7e9 + 365 * day * rng.uniform() : t;
    x.push([t]);
    y.push([Math.sin((2 * Math.PI * read) / day) + 0.3 * rng.normal()]);
  }
  return { x: matrix(x), y: matrix(y) };
}

test("y a daily cycle of epoch seconds over a year: the probe's trusted estimates (MINE −0.003, lower end −0.098; KSG about 0) are clearly below the bound, which names the period; about 0 for y independent of the times", () => {
  const { x, y } = dailyCycleOfEpochSeconds(1000, 0);
  const bound = strongestLowerBound(x, y, 1);
  assert.ok(bound.estimate > 0.4 && bound.estimate < 0.862, `${bound.estimate} ± ${bound.standardError}: ${bound.description}`);
  assert.match(bound.description, /phase in the cycle the fitting half picks/);
  const check = consistentEstimatorDisagreement({ bound }, -0.003, (-0.003 + 0.098) / 1.96);
  assert.match(check.reason ?? "", /y follows a cycle of x \(a period of about 8\.64e\+4 in x's units\)/);
  assert.match(check.reason, /cos and sin of 2π·x\/8\.64e\+4/);
  for (const seed of [1, 2]) {
    const { x: times, y: other } = dailyCycleOfEpochSeconds(1000, seed, true);
    const independent = regressionLowerBound(times, other, seed);
    assert.ok(independent.estimate < 1.645 * independent.standardError, `seed ${seed}: ${independent.estimate} ± ${independent.standardError}`);
  }
});

test("the same daily cycle with one record dated in 2100: the range it stretches 76 times still finds the cycle (KSG had 0.003, trusted), and about 0 for y independent of the times", () => {
  const { x, y } = dailyCycleOfEpochSeconds(1000, 0, false, true);
  const bound = strongestLowerBound(x, y, 1);
  assert.ok(bound.estimate > 0.4 && bound.estimate < 0.862, `${bound.estimate} ± ${bound.standardError}: ${bound.description}`);
  const check = consistentEstimatorDisagreement({ bound }, 0.003, 0.02);
  assert.match(check.reason ?? "", /y follows a cycle of x \(a period of about 8\.64e\+4 in x's units\)/);
  for (const seed of [1, 2]) {
    const { x: times, y: other } = dailyCycleOfEpochSeconds(1000, seed, true, true);
    const independent = regressionLowerBound(times, other, seed);
    assert.ok(independent.estimate < 1.645 * independent.standardError, `seed ${seed}: ${independent.estimate} ± ${independent.standardError}`);
  }
});

test("the same count written as the fraction k/40, and labels written with decimals, are values on a grid: the bound takes their steps; decimals off any grid only their quantile bins", () => {
  const { x, y } = countOfPositiveColumns(1000, 0);
  const fraction = { ...y, values: y.values.map((k) => k / 40) };
  const whole = regressionLowerBound(x, y, 1);
  const onGrid = regressionLowerBound(x, fraction, 1);
  // a relabelling one to one: the same bound as the whole numbers'
  assert.ok(Math.abs(onGrid.estimate - whole.estimate) < 1e-9, `${onGrid.estimate} against ${whole.estimate}`);
  assert.match(onGrid.description, /values on an evenly spaced grid/);
  // unseen22's trusted call stubbed: MINE on the fraction, seed 0, 1.445 [1.286, 2.495]
  const check = consistentEstimatorDisagreement({ bound: onGrid }, 1.445, (1.445 - 1.286) / 1.96);
  assert.match(check.reason ?? "", /y is predicted from x's columns far better than this estimate allows/);
  // a reading rounded to half units (…, −0.5, 0, 0.5, …) of x's first column: below the rounded data's entropy
  const first = { values: Float64Array.from({ length: 1000 }, (_, i) => x.values[i * 40]), rows: 1000, cols: 1 };
  const halves = { ...y, values: first.values.map((v) => 0.5 * Math.round(2 * v)) };
  const rounded = regressionLowerBound(first, halves, 0);
  assert.ok(rounded !== undefined && rounded.estimate > 0.5, `${rounded?.estimate}`);
  // a column with decimals off any grid (one value in three shifted by a third of a gap) is cut into quantile bins: coarser, so lower
  const offGrid = { ...y, values: y.values.map((k) => k / 40 + (k % 3 === 0 ? 1 / 120 : 0)) };
  const binned = regressionLowerBound(x, offGrid, 1);
  assert.match(binned.description, /quantile bins/);
  assert.ok(binned.estimate < whole.estimate, `${binned.estimate} against ${whole.estimate}`);
});

test("whole numbers on a grid wider than 1 (the count in tens, or times 10²⁰⁰) are taken as their steps too: the bound of the count itself, where a unit interval of a wide grid left it at −2 nats or −743", () => {
  const { x, y } = countOfPositiveColumns(1000, 0);
  const whole = regressionLowerBound(x, y, 1);
  for (const factor of [10, 1e200]) {
    const wide = regressionLowerBound(x, { ...y, values: y.values.map((k) => k * factor) }, 1);
    assert.ok(Math.abs(wide.estimate - whole.estimate) < 1e-9, `×${factor}: ${wide.estimate} against ${whole.estimate}`);
  }
  // whole numbers off any common grid (0, 2, 5, …) stay as they are
  const uneven = { ...y, values: y.values.map((k) => (k % 2 === 0 ? 2 * k : 2 * k + 1)) };
  assert.ok(regressionLowerBound(x, uneven, 1) !== undefined);
});

/** x: 21 normal columns, y: their median plus 0.05 noise; I = 1.706 nats (unseen23's check-truths). */
function medianOfColumns(n, seed) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: 21 }, () => rng.normal());
    x.push(row);
    y.push([[...row].sort((a, b) => a - b)[10] + 0.05 * rng.normal()]);
  }
  return { x: matrix(x), y: matrix(y) };
}

test("a continuous y, the median of 21 columns: its quantile bins are predicted from the row's sorted values, a bound clearly above the probe's trusted estimates; about 0 for an independent y", () => {
  const { x, y } = medianOfColumns(1000, 0);
  const bound = strongestLowerBound(x, y, 1);
  assert.ok(bound.estimate > 0.9 && bound.estimate < 1.706, `${bound.estimate} ± ${bound.standardError}: ${bound.description}`);
  assert.match(bound.description, /20 quantile bins .* the quantiles of the row's sorted values/);
  // unseen23's trusted call stubbed: MINE on the median, seed 0, 0.514 [0.073, 1.296]
  const check = consistentEstimatorDisagreement({ bound }, 0.514, (0.514 - 0.073) / 1.96);
  assert.match(check.reason ?? "", /y is predicted from x's columns far better than this estimate allows \(a value set by the row's order, such as its median/);
  // the same columns beside an independent continuous y: not clearly above 0
  for (const seed of [0, 1, 2]) {
    const draw = new Rng(30 + seed);
    const independent = regressionLowerBound(x, matrix(Array.from({ length: 1000 }, () => [draw.normal()])), seed);
    assert.ok(independent.estimate < 1.645 * independent.standardError, `seed ${seed}: ${independent.estimate} ± ${independent.standardError}`);
  }
});

test("y the rank of one column among 20 (0–19): predicted from each column's rank within the row, a bound clearly above the probe's trusted estimate", () => {
  const rng = new Rng(5);
  const x = [];
  const y = [];
  for (let i = 0; i < 1000; i++) {
    const row = Array.from({ length: 20 }, () => rng.normal());
    x.push(row);
    y.push([row.filter((v) => v < row[0]).length]);
  }
  const bound = strongestLowerBound(matrix(x), matrix(y), 1);
  assert.ok(bound.estimate > 2.5 && bound.estimate < Math.log(20), `${bound.estimate} ± ${bound.standardError}: ${bound.description}`);
  assert.match(bound.description, /its rank within the row/);
  // unseen23's trusted call stubbed: MINE on the rank, seed 0, 1.293 [0.061, 2.225]
  const check = consistentEstimatorDisagreement({ bound }, 1.293, (1.293 - 0.061) / 1.96);
  assert.match(check.reason ?? "", /one column's rank among the others/);
});

/** x: twenty 0/1 gates and twenty normals, y = Σ g_k z_k + 0.3 noise; I = 2.359 nats (unseen23's check-truths). */
function gatedNormals(n, seed) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const gates = Array.from({ length: 20 }, () => (rng.uniform() < 0.5 ? 1 : 0));
    const normals = Array.from({ length: 20 }, () => rng.normal());
    x.push([...gates, ...normals]);
    y.push([gates.reduce((sum, g, k) => sum + g * normals[k], 0) + 0.3 * rng.normal()]);
  }
  return { x: matrix(x), y: matrix(y) };
}

test("twenty gates on twenty normals (y = Σ g·z): the products of two that the fitting half picks see the gates, a bound above the probe's trusted upper ends and below the truth", () => {
  const { x, y } = gatedNormals(1000, 0);
  const bound = regressionLowerBound(x, y, 1);
  // the probe's trusted calls ended at 1.18–1.43 (MINE-f, seed 0: 0.414 [0.275, 1.426])
  assert.ok(bound.estimate > 1.43 && bound.estimate < 2.359, `${bound.estimate} ± ${bound.standardError}: ${bound.description}`);
  assert.match(bound.description, /the normal scores of x's columns and the products of two of them that the fitting half picks/);
  const check = consistentEstimatorDisagreement({ bound }, 0.414, (0.414 - 0.275) / 1.96);
  assert.match(check.reason ?? "", /columns acting together, such as a product of columns or a column another one switches on/);
});

test("a sign gate (y = z·Π of five ±1 columns): the all-subsets kernel sees the product, a bound clearly above the probe's trusted SMILE calls and below the truth", () => {
  const rng = new Rng(6);
  const x = [];
  const y = [];
  for (let i = 0; i < 1000; i++) {
    const signs = Array.from({ length: 5 }, () => (rng.uniform() < 0.5 ? -1 : 1));
    const z = rng.normal();
    x.push([...signs, z]);
    y.push([z * signs.reduce((product, s) => product * s, 1) + 0.1 * rng.normal()]);
  }
  const bound = regressionLowerBound(matrix(x), matrix(y), 1);
  // I(X∧Y) = ½ log(1.01/0.01) = 2.308; 20 quantile bins of y carry at most 2.07 of it
  assert.ok(bound.estimate > 1.7 && bound.estimate < 2.308, `${bound.estimate} ± ${bound.standardError}: ${bound.description}`);
  assert.match(bound.description, /the normal scores of x's columns by kernel ridge regression/);
  // SMILE's trusted calls, seeds 0 and 1: 1.584 [1.453, 2.248] and 1.443 [1.309, 2.133]
  for (const [estimate, lowerEnd] of [[1.584, 1.453], [1.443, 1.309]]) {
    const check = consistentEstimatorDisagreement({ bound }, estimate, (estimate - lowerEnd) / 1.96);
    assert.match(check.reason ?? "", /y is predicted from x's columns far better than this estimate allows \(a value set by columns acting together/);
  }
});

/** x: 4 columns H·(10⁻⁴·v₀, v₁, v₂, v₃) for a symmetric orthogonal H, so a direction holds 1e-8 of their variance; y = |v₀| + ½v₁ + 0.3 noise (I = 1.017, unseen24's check-truths). */
function thinDirection(n, seed, dependent = true) {
  const rng = new Rng(seed);
  const h = [[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]].map((row) => row.map((v) => v / 2));
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const v = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const squashed = [1e-4 * v[0], v[1], v[2], v[3]];
    x.push(h.map((row) => row.reduce((sum, w, k) => sum + w * squashed[k], 0)));
    y.push([dependent ? Math.abs(v[0]) + 0.5 * v[1] + 0.3 * rng.normal() : rng.normal()]);
  }
  return { x: matrix(x), y: matrix(y) };
}

test("x of 4 nearly collinear columns, y reading their thin direction through |·|: the regression on x's principal components is clearly above the probe's trusted estimate and names the columns; about 0 for an independent y", () => {
  const { x, y } = thinDirection(1000, 0);
  const bound = strongestLowerBound(x, y, 1);
  assert.ok(bound.estimate - 2 * bound.standardError > 0.3 && bound.estimate < 1.017, `${bound.estimate} ± ${bound.standardError}: ${bound.description}`);
  assert.match(bound.description, /each principal component of x/);
  // unseen24's trusted call stubbed: MINE on the thin direction, seed 0, 0.239 [0.161, 0.851]
  const check = consistentEstimatorDisagreement({ bound }, 0.239, (0.239 - 0.161) / 1.96);
  assert.match(check.reason ?? "", /x's 4 columns are nearly collinear \(a direction of them holds (9e-9|1e-8) of their variance\)/);
  assert.match(check.reason, /give x as its principal components, each scaled to unit variance/);
  for (const seed of [0, 1, 2]) {
    const { x: columns, y: independent } = thinDirection(1000, 40 + seed, false);
    const none = regressionLowerBound(columns, independent, seed);
    assert.ok(none.estimate < 1.645 * none.standardError, `seed ${seed}: ${none.estimate} ± ${none.standardError}`);
  }
});

test("principal components are taken only for nearly collinear columns: not for independent ones, nor for an exact copy (its direction is rounding)", () => {
  const rng = new Rng(7);
  const rows = Array.from({ length: 500 }, () => [rng.normal(), rng.normal(), rng.normal()]);
  assert.equal(nearlyCollinearComponents(matrix(rows)), undefined);
  assert.equal(nearlyCollinearComponents(matrix(rows.map(([a, b]) => [a, b, 3 * a - b]))), undefined);
  const thin = nearlyCollinearComponents(thinDirection(500, 8).x);
  assert.equal(thin.components.cols, 4);
  assert.ok(thin.leastShare > 0.5e-8 && thin.leastShare < 2e-8, `${thin.leastShare}`);
});
