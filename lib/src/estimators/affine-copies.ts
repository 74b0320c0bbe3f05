import { Rng } from "../random/rng";
import { evenlySpaced } from "./row-sampling";

/** The most rows read (evenly spaced beyond). */
const MAX_ROWS = 1000;
/** The most anchor rows tried: with 3 % of the rows on a line, the chance that none is on it is 0.97^256 ≈ 0.04 % (2 %: 0.6 %). */
export const MAX_ANCHORS = 256;
/** Slopes equal to within this relative difference are one slope (an exact affine map computed in float64 is exact to about 10⁻¹⁵). */
const SAME_SLOPE = 1e-9;
/** The fewest rows on one line that can raise the alarm. */
const MIN_ROWS = 5;
/** The random pairings of the rows whose lines measure what chance puts on one line (grids, rounded values). */
const PAIRINGS = 2;

export interface AffineCopy {
  /** Rows (of those read) on the line. */
  rows: number;
  /** Rows read. */
  of: number;
  slope: number;
  intercept: number;
  /** The most rows on a line parallel to it, or that a random pairing of the same values put on one line. */
  byChance: number;
}

/**
 * The largest set of rows (u_k, v_k) lying exactly on one line v = a·u + b, a ≠ 0, when it is larger
 * than chance makes: rows where y is an exact affine function of x (an echo of x in other units,
 * y = −x or 2x + 1 in a share of the rows), else undefined. Continuous data put no three rows on one
 * line; values on a grid do, and the lines parallel to the fullest one and the same values paired at
 * random measure how many.
 *
 * Each anchor row's slopes to the other rows are sorted; a run of equal slopes is a line through it.
 * Rows equal in u or in v (a horizontal or vertical line, repeated values) are not counted.
 */
export function affineCopy(u: Float64Array, v: Float64Array, anchors = MAX_ANCHORS): AffineCopy | undefined {
  const rows = evenlySpaced(u.length, MAX_ROWS);
  const a = Float64Array.from(rows, (k) => u[k]);
  const b = Float64Array.from(rows, (k) => v[k]);
  const found = longestLine(a, b, anchors);
  if (found.rows < MIN_ROWS) return undefined;
  // the lines parallel to it: a grid with a smooth dependence (y − x rounded to 0.01 on 1000 rows)
  // fills each about as much as the one found, a copy fills one
  let byChance = parallelRows(a, b, found.slope);
  if (found.rows <= 2 * byChance) return undefined;
  const rng = new Rng(a.length);
  for (let p = 0; p < PAIRINGS; p++) {
    const order = rng.permutation(a.length);
    byChance = Math.max(byChance, longestLine(a, Float64Array.from(order, (k) => b[k]), anchors).rows);
  }
  if (found.rows <= 2 * byChance) return undefined;
  return { rows: found.rows, of: a.length, slope: found.slope, intercept: found.intercept, byChance };
}

/**
 * Slopes within this relative difference gather the rows of a near line: rows of y = 1 − 2x + 10⁻⁶ε at least 10⁻³ apart in
 * x have slopes within 3·10⁻³ of −2, most within 10⁻³; continuous data put about one row in 10⁴ in such a window.
 */
const NEAR_SLOPE = 1e-3;
/** The most of those rows a least-median fit reads (pairs of them: 780 at 40). */
const MAX_NEAR_MEMBERS = 40;

/**
 * The line through an anchor row and the most rows whose slopes to it lie within NEAR_SLOPE of one another, refitted by
 * least squares on those rows: the candidate for rows where y is an affine function of x up to a small noise (an echo in
 * other units, y = 1 − 2x + 10⁻⁶ε in the 1 % of the rows where x falls in a thin band), whose gaps to it the caller
 * judges; undefined when it holds fewer than MIN_ROWS rows.
 */
export function nearLine(u: Float64Array, v: Float64Array, anchors = MAX_ANCHORS): { slope: number; intercept: number } | undefined {
  const rows = evenlySpaced(u.length, MAX_ROWS);
  const a = Float64Array.from(rows, (k) => u[k]);
  const b = Float64Array.from(rows, (k) => v[k]);
  const n = a.length;
  const slopes = new Float64Array(n);
  let best = { rows: 0, anchor: -1, low: NaN, high: NaN };
  for (const i of evenlySpaced(n, Math.min(anchors, MAX_ANCHORS))) {
    const sorted = slopesFrom(a, b, i, slopes);
    if (sorted === undefined) continue;
    const window = widestWindow(sorted, (low, high) => high - low <= NEAR_SLOPE * Math.max(Math.abs(low), Math.abs(high)));
    if (window.rows + 1 > best.rows) best = { rows: window.rows + 1, anchor: i, low: sorted[window.last - window.rows + 1], high: sorted[window.last] };
  }
  if (best.rows < MIN_ROWS) return undefined;
  // the rows of the window without the anchor: a tight group of rows seen from a far anchor has slopes to it within the
  // window too, and the anchor, far out along the line, would pull a fit to it (y = 1 − 2x + 10⁻⁶ε: slope −1.979)
  const members: number[] = [];
  for (let j = 0; j < n; j++) {
    const du = a[j] - a[best.anchor];
    const dv = b[j] - b[best.anchor];
    if (du === 0 || dv === 0) continue;
    const slope = dv / du;
    if (slope >= best.low && slope <= best.high) members.push(j);
  }
  // the line through two of them with the least median gap of the others (a least-median fit: chance rows among them,
  // up to half, do not pull it), then least squares on the rows within 3 times that median
  const gapsTo = (slope: number, intercept: number) => members.map((k) => Math.abs(b[k] - intercept - slope * a[k]));
  const medianOf = (values: number[]) => Float64Array.from(values).sort()[values.length >> 1];
  const most = members.slice(0, MAX_NEAR_MEMBERS);
  let robust = { slope: NaN, intercept: NaN, median: Infinity };
  for (let p = 0; p < most.length; p++) {
    for (let q = p + 1; q < most.length; q++) {
      const [k, l] = [most[p], most[q]];
      if (a[k] === a[l]) continue;
      const slope = (b[l] - b[k]) / (a[l] - a[k]);
      const intercept = b[k] - slope * a[k];
      const median = medianOf(gapsTo(slope, intercept));
      if (median < robust.median) robust = { slope, intercept, median };
    }
  }
  if (!Number.isFinite(robust.median)) return undefined;
  const gaps = gapsTo(robust.slope, robust.intercept);
  const kept = members.filter((_, m) => gaps[m] <= 3 * robust.median);
  if (kept.length < MIN_ROWS - 1) return undefined;
  let mu = 0;
  let mv = 0;
  for (const k of kept) {
    mu += a[k] / kept.length;
    mv += b[k] / kept.length;
  }
  let suv = 0;
  let suu = 0;
  for (const k of kept) {
    suv += (a[k] - mu) * (b[k] - mv);
    suu += (a[k] - mu) ** 2;
  }
  // rows of (nearly) one x make no line
  let low = Infinity;
  let high = -Infinity;
  for (const value of a) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (!(Math.sqrt(suu / kept.length) > 1e-9 * (high - low))) return undefined;
  const slope = suv / suu;
  const intercept = mv - slope * mu;
  return Number.isFinite(slope) && slope !== 0 && Number.isFinite(intercept) ? { slope, intercept } : undefined;
}

/** The finite slopes from row `anchor` to the rows that differ from it in both columns, sorted, in `into`'s memory; undefined if none. */
function slopesFrom(u: Float64Array, v: Float64Array, anchor: number, into: Float64Array): Float64Array | undefined {
  let m = 0;
  for (let j = 0; j < u.length; j++) {
    const du = u[j] - u[anchor];
    const dv = v[j] - v[anchor];
    if (du === 0 || dv === 0) continue;
    const slope = dv / du;
    if (Number.isFinite(slope)) into[m++] = slope;
  }
  return m === 0 ? undefined : into.subarray(0, m).sort();
}

function longestLine(u: Float64Array, v: Float64Array, most: number): { rows: number; slope: number; intercept: number } {
  const n = u.length;
  const anchors = evenlySpaced(n, Math.min(most, MAX_ANCHORS));
  const slopes = new Float64Array(n);
  let best = { rows: 0, slope: NaN, intercept: NaN };
  for (const i of anchors) {
    const sorted = slopesFrom(u, v, i, slopes);
    if (sorted === undefined) continue;
    const window = widestWindow(sorted, (low, high) => high - low <= SAME_SLOPE * Math.max(Math.abs(low), Math.abs(high)));
    // the window's rows and the anchor
    if (window.rows + 1 > best.rows) best = { rows: window.rows + 1, slope: sorted[window.last], intercept: v[i] - sorted[window.last] * u[i] };
  }
  return best;
}

/**
 * The most sorted values that all lie within the tolerance of one another, and the last of them. A run
 * chained by neighbours' gaps alone grows without bound where values are dense: 1000 slopes spread
 * over 10⁻⁶ (y = −3x + 7 with noise of 10⁻⁶) lie 10⁻⁹ apart, and were taken for one line.
 */
function widestWindow(sorted: Float64Array, together: (low: number, high: number) => boolean): { rows: number; last: number } {
  let best = { rows: 0, last: 0 };
  let first = 0;
  for (let k = 0; k < sorted.length; k++) {
    while (first < k && !together(sorted[first], sorted[k])) first += 1;
    if (k - first + 1 > best.rows) best = { rows: k - first + 1, last: k };
  }
  return best;
}

/** The most rows on one line of slope `slope` other than the fullest one: residuals v − slope·u equal within the tolerance. */
function parallelRows(u: Float64Array, v: Float64Array, slope: number): number {
  const residuals = Float64Array.from(u, (value, k) => v[k] - slope * value).sort();
  let scale = 0;
  for (let k = 0; k < u.length; k++) scale = Math.max(scale, Math.abs(v[k]) + Math.abs(slope * u[k]));
  const together = (low: number, high: number) => high - low <= SAME_SLOPE * scale;
  const fullest = widestWindow(residuals, together);
  // the fullest line's rows left out, the most on another
  const others = Float64Array.from([...residuals.subarray(0, fullest.last - fullest.rows + 1), ...residuals.subarray(fullest.last + 1)]);
  return widestWindow(others, together).rows;
}
