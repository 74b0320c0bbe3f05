import type { Matrix64 } from "../data/matrix";
import { offsetSeed, Rng } from "../random/rng";
import { firstAtLeast } from "../data/sorted";
import { normalQuantile } from "../tasks/special-functions";
import { coordinatePairBound, orthantBound } from "./coordinate-bounds";
import { gridLowerBound } from "./grid-bound";
import { labelGroupingBound } from "./label-bound";
import { frequentLabelsBound } from "./rare-labels";
import { neighbourLowerBound, type NeighbourBound } from "./neighbour-bound";
import { normLowerBound } from "./norm-bound";
import { regressionLowerBound } from "./regression-bound";
import { cholesky, solve } from "./cholesky-solve";
import { standardisedColumnsOn, type StandardisedColumns } from "./standardised-columns";

/** The fewest held-out pairs the bound is measured on. */
const MIN_HELD_OUT = 50;
/** Rows per fitted coefficient below which the directions are left unfitted (they would fit noise). */
const ROWS_PER_COORDINATE = 4;
const POWER_STEPS = 200;

/**
 * A lower bound of I(X∧Y) from one linear projection of each side: u = a·x and v = b·y, with a and b
 * the first canonical pair fitted on a random half of the samples, and on the other half the
 * Gaussian-copula information −½ log(1 − r²) of (u, v), r the correlation of their normal scores.
 *
 * I(X∧Y) ≥ I(U∧V) (data processing: a and b are fixed given the fitting half), and for continuous
 * U and V, whose normal-score transforms make both marginals Gaussian, the Gaussian has the largest
 * joint entropy for its covariance, so I(U∧V) ≥ −½ log(1 − ρ²) with ρ the correlation of the
 * transforms, and it claims at most log m for m held-out pairs (what m pairs can show). Where x is
 * (close to) a linear function of y's coordinates — y = (x + n, n), whose information is infinite —
 * every trained critic and KSG stopped near 2.5 nats with intervals ending below the truth, while
 * this bound is at its cap. Elsewhere it is loose (one pair of
 * directions of many), which costs nothing: it only speaks when it is clearly above an estimate.
 * Undefined when a projection repeats a value (discrete data: the argument needs continuous U and
 * V) or there are too few samples for the directions.
 */
export function projectionLowerBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  const n = x.rows;
  if (n < 2 * MIN_HELD_OUT || (x.cols + y.cols) * ROWS_PER_COORDINATE > n / 2) return undefined;
  const order = new Rng(seed).permutation(n);
  const fit = order.slice(0, n >> 1);
  const held = order.slice(n >> 1);
  const sx = standardised(x, fit);
  const sy = standardised(y, fit);
  if (sx === undefined || sy === undefined) return undefined;
  const pair = firstCanonicalPair(sx, sy, fit);
  if (pair === undefined) return undefined;
  const u = normalScores(held.map((i) => projected(sx, i, pair.a)));
  const v = normalScores(held.map((i) => projected(sy, i, pair.b)));
  if (u === undefined || v === undefined) return undefined;
  const r = correlation(u, v);
  const r2 = Math.min(r * r, 1);
  // m pairs in exactly the same order give r = 1 whatever the information, and a Gaussian pair puts
  // 50, 200, 500 or 2000 pairs in the same order 1 time in 100 only from about log m + 0.8, + 2.1,
  // + 2.9 and + 4.2 nats on: the bound claims at most log m
  const cap = Math.log(held.length);
  return {
    estimate: Math.min(-0.5 * Math.log1p(-r2), cap),
    // the delta method on Fisher's z = atanh r, of standard error 1/√(m − 3): d(log cosh z)/dz = |r|
    standardError: Math.sqrt(r2) / Math.sqrt(held.length - 3),
    description:
      `a lower bound of the MI (the Gaussian-copula information of one linear combination of x's coordinates and one of y's, ` +
      `fitted on half the samples and measured on the other ${held.length})`,
    cause: "a linear combination of the coordinates of one side follows the other closely, and the MI may be far higher, even infinite",
  };
}

/**
 * The strongest of the lower bounds that need no critic: the neighbour bound, the projection
 * bound, with three coordinates or more in all the bound of the most dependent coordinate pair
 * and the orthants' (coordinate-bounds.ts), the label-grouping bound and, in one + one
 * coordinates, the fine grid's (grid-bound.ts), the most frequent labels' beside a continuous
 * side (rare-labels.ts), and a regression's where a side is one column of whole numbers, values on a grid or, beside
 * three columns or more, quantile bins of a continuous one (regression-bound.ts), and with three coordinates or more the rows'
 * norms' (norm-bound.ts): the one with the higher lower end.
 */
export function strongestLowerBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  const bounds = [neighbourLowerBound(x, y, seed), projectionLowerBound(x, y, seed), coordinatePairBound(x, y, offsetSeed(seed, 2)), orthantBound(x, y, offsetSeed(seed, 3)), labelGroupingBound(x, y, offsetSeed(seed, 4)), gridLowerBound(x, y, offsetSeed(seed, 5)), frequentLabelsBound(x, y, offsetSeed(seed, 6)), regressionLowerBound(x, y, offsetSeed(seed, 7)), normLowerBound(x, y, offsetSeed(seed, 8))].filter(
    (b): b is NeighbourBound => b !== undefined,
  );
  return bounds.reduce<NeighbourBound | undefined>((best, b) => (best === undefined || b.estimate - b.standardError > best.estimate - best.standardError ? b : best), undefined);
}

type Standardised = Pick<StandardisedColumns, "values" | "cols">;

/** The columns centred and scaled on the fitting rows (a column constant there: all zeros), or undefined if all are constant. */
function standardised(m: Matrix64, fit: readonly number[]): Standardised | undefined {
  const columns = standardisedColumnsOn(m, fit);
  return columns.varying === 0 ? undefined : columns;
}

function projected(m: Standardised, row: number, direction: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < m.cols; c++) sum += m.values[row * m.cols + c] * direction[c];
  return sum;
}

/** Σ_ab = A'B / n over the fitting rows, with a small ridge on the diagonal when a = b. */
function crossProduct(a: Standardised, b: Standardised, rows: readonly number[], ridge: number): Float64Array {
  const out = new Float64Array(a.cols * b.cols);
  for (const i of rows) {
    for (let p = 0; p < a.cols; p++) {
      const ap = a.values[i * a.cols + p];
      if (ap === 0) continue;
      for (let q = 0; q < b.cols; q++) out[p * b.cols + q] += ap * b.values[i * b.cols + q];
    }
  }
  for (let k = 0; k < out.length; k++) out[k] /= rows.length;
  if (ridge > 0) for (let p = 0; p < a.cols; p++) out[p * a.cols + p] += ridge;
  return out;
}

/** Σ v for a rows × cols matrix Σ (row-major). */
function times(s: Float64Array, rows: number, cols: number, v: Float64Array): Float64Array {
  const out = new Float64Array(rows);
  for (let p = 0; p < rows; p++) for (let q = 0; q < cols; q++) out[p] += s[p * cols + q] * v[q];
  return out;
}

/**
 * The first canonical pair: a maximising corr(a·x, b·y), by power iteration on Σxx⁻¹ Σxy Σyy⁻¹ Σyx,
 * and b = Σyy⁻¹ Σyx a. Any vector of a repeated top eigenvalue does as well.
 */
function firstCanonicalPair(x: Standardised, y: Standardised, fit: readonly number[]): { a: Float64Array; b: Float64Array } | undefined {
  const ridge = 1e-9;
  const lx = cholesky(crossProduct(x, x, fit, ridge), x.cols);
  const ly = cholesky(crossProduct(y, y, fit, ridge), y.cols);
  if (lx === undefined || ly === undefined) return undefined;
  const sxy = crossProduct(x, y, fit, 0);
  const syx = new Float64Array(y.cols * x.cols);
  for (let p = 0; p < x.cols; p++) for (let q = 0; q < y.cols; q++) syx[q * x.cols + p] = sxy[p * y.cols + q];
  let a: Float64Array = new Float64Array(x.cols).fill(1);
  let b: Float64Array = new Float64Array(y.cols);
  for (let step = 0; step < POWER_STEPS; step++) {
    b = solve(ly, y.cols, times(syx, y.cols, x.cols, a));
    const next = solve(lx, x.cols, times(sxy, x.cols, y.cols, b));
    const norm = Math.hypot(...next);
    if (!(norm > 0) || !Number.isFinite(norm)) return undefined;
    a = next.map((value) => value / norm);
  }
  b = solve(ly, y.cols, times(syx, y.cols, x.cols, a));
  return Math.hypot(...b) > 0 ? { a, b } : undefined;
}

/** Normal scores Φ⁻¹((rank + ½)/m), or undefined when a value repeats. */
function normalScores(values: number[]): Float64Array | undefined {
  const given = Float64Array.from(values);
  const sorted = given.slice().sort();
  for (let rank = 1; rank < sorted.length; rank++) if (sorted[rank] === sorted[rank - 1]) return undefined;
  const scores = new Float64Array(values.length);
  for (let i = 0; i < given.length; i++) scores[i] = normalQuantile((firstAtLeast(sorted, given[i]) + 0.5) / values.length);
  return scores;
}

function correlation(u: Float64Array, v: Float64Array): number {
  let uu = 0;
  let vv = 0;
  let uv = 0;
  // normal scores are centred: Σ Φ⁻¹((k + ½)/m) = 0
  for (let i = 0; i < u.length; i++) {
    uu += u[i] * u[i];
    vv += v[i] * v[i];
    uv += u[i] * v[i];
  }
  return uv / Math.sqrt(uu * vv);
}
