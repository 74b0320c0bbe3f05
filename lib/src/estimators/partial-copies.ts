import type { Matrix64 } from "../data/matrix";
import { logGamma } from "../tasks/special-functions";

/** The most column pairs compared (the first ones, x's columns then y's). */
const MAX_PAIRS = 400;
/** The most rows read (evenly spaced beyond). */
const MAX_ROWS = 20000;
/** A row is a match when |x_i − y_j| is below one of these fractions of the median |x_i − y_j| (copies within σ match at the scale of σ). */
const MATCH_FRACTIONS = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6];
/** And the rows are compared with those below this many times that distance. */
const WIDER = 10;
/** The fewest matches that can raise the alarm. */
const MIN_MATCHES = 5;
/** The chance that independent data raise it at all (all pairs together). */
const FALSE_ALARM = 1e-4;
/** A column with fewer distinct values than this share of its rows is not continuous: skipped. */
const DISTINCT_SHARE = 0.99;

/**
 * A warning when, in a share of the rows, a coordinate of y equals one of x exactly or nearly
 * (a common shock, x = y in the rows where it struck first, as in Marshall and Olkin's bivariate
 * exponential; a sensor that echoes x into y now and then), else undefined. Such a component has
 * an MI that is infinite (exact copies) or very large (copies within σ: about p·log(1/σ)), and no
 * estimator here resolves it: the copied rows lie 0.1 apart along the diagonal, their neighbours
 * in KSG's sense are ordinary rows, and the critics never left 0 (2 % of 1000 rows copied: every
 * method 0.00 [−0.08, 0.02], trusted, for 0.18 nats or an infinite MI).
 *
 * For each pair of continuous columns, in their own units (a copy is a copy of the value), with d = x_i − y_j:
 * the rows with |d| below 1 % of the median |d| are counted, and so are those below ten times
 * that. Where d has a smooth density near 0 (independent columns, or a smooth dependence, however
 * strong), about a tenth of the second count are in the first; copies put many more there. The
 * alarm is a binomial tail beyond what independent data pass once in 10⁴ data sets.
 */
export function partialCopyWarning(x: Matrix64, y: Matrix64): string | undefined {
  const rows = evenlySpaced(x.rows, MAX_ROWS);
  const continuous = (m: Matrix64, c: number) => column(m, c, rows);
  const xs = Array.from({ length: x.cols }, (_, c) => continuous(x, c)).map((values) => (distinctShare(values) >= DISTINCT_SHARE ? values : undefined));
  const ys = Array.from({ length: y.cols }, (_, c) => continuous(y, c)).map((values) => (distinctShare(values) >= DISTINCT_SHARE ? values : undefined));
  const pairs: [number, number][] = [];
  for (let i = 0; i < x.cols && pairs.length < MAX_PAIRS; i++) for (let j = 0; j < y.cols && pairs.length < MAX_PAIRS; j++) if (xs[i] && ys[j]) pairs.push([i, j]);
  if (pairs.length === 0) return undefined;
  // tests a pair: exact equality, and equality within each tolerance
  const level = FALSE_ALARM / ((1 + MATCH_FRACTIONS.length) * pairs.length);
  for (const [i, j] of pairs) {
    const a = xs[i] as Float64Array;
    const b = ys[j] as Float64Array;
    const exact = exactMatches(a, b);
    if (exact.same >= MIN_MATCHES && poissonUpperTail(exact.same, exact.byChance) < level) {
      return (
        `in ${exact.same} of ${rows.length} rows, column ${j} of y equals column ${i} of x exactly, where the values the two columns share ` +
        `would make ${exact.byChance.toFixed(2)} such rows by chance: ${COPY_CONSEQUENCE}`
      );
    }
    const found = nearMatches(a, b).find((at) => at.close >= MIN_MATCHES && binomialUpperTail(at.close, at.near, 1 / WIDER) < level);
    if (found === undefined) continue;
    return (
      `in ${found.close} of ${rows.length} rows, column ${j} of y equals column ${i} of x to within ${found.tolerance.toPrecision(2)}, ` +
      `${(found.close / Math.max(found.near / WIDER, 1e-9)).toFixed(1)} times as often as the rows within ${WIDER} times that distance predict: ${COPY_CONSEQUENCE}`
    );
  }
  return undefined;
}

const COPY_CONSEQUENCE =
  "part of the rows holds an exact or near-exact copy of x in y (a common shock, an echoed value), a dependence no estimator here resolves; " +
  "the MI may be far higher, even infinite (exact copies in a share of the rows make it infinite): look at those rows.";

/**
 * Rows where u equals v exactly, and how many chance gives: the pairs (k, l) of all rows with
 * u_k = v_l, divided by the row count (exact coincidences of values the columns share, as in
 * rounded data; none for continuous values).
 */
function exactMatches(u: Float64Array, v: Float64Array): { same: number; byChance: number } {
  let same = 0;
  for (let k = 0; k < u.length; k++) if (u[k] === v[k]) same += 1;
  if (same === 0) return { same, byChance: 0 };
  const counts = new Map<number, number>();
  for (const value of v) counts.set(value, (counts.get(value) ?? 0) + 1);
  let cross = 0;
  for (const value of u) cross += counts.get(value) ?? 0;
  return { same, byChance: cross / u.length };
}

/** P(K ≥ k) for K ~ Poisson(λ). */
function poissonUpperTail(k: number, lambda: number): number {
  if (lambda <= 0) return k > 0 ? 0 : 1;
  let below = 0;
  for (let j = 0; j < k; j++) below += Math.exp(j * Math.log(lambda) - lambda - logGamma(j + 1));
  return Math.max(0, 1 - below);
}

/** At each tolerance (a fraction of the median |u − v|), the rows with |u − v| within it and within WIDER times it; none if that median is not positive and finite. */
function nearMatches(u: Float64Array, v: Float64Array): { close: number; near: number; tolerance: number }[] {
  const gaps = Float64Array.from(u, (value, k) => Math.abs(value - v[k])).sort();
  const median = gaps[gaps.length >> 1];
  if (!(median > 0 && Number.isFinite(median))) return [];
  // rows within a distance: a search in the sorted gaps
  const within = (distance: number) => {
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid] <= distance) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return MATCH_FRACTIONS.map((fraction) => {
    const tolerance = fraction * median;
    return { close: within(tolerance), near: within(WIDER * tolerance), tolerance };
  });
}

/** P(K ≥ k) for K ~ Binomial(n, p). */
function binomialUpperTail(k: number, n: number, p: number): number {
  if (k > n) return 0;
  let total = 0;
  for (let j = k; j <= n; j++) {
    total += Math.exp(logGamma(n + 1) - logGamma(j + 1) - logGamma(n - j + 1) + j * Math.log(p) + (n - j) * Math.log1p(-p));
  }
  return Math.min(1, total);
}

function evenlySpaced(n: number, most: number): number[] {
  if (n <= most) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: most }, (_, k) => Math.floor((k * n) / most));
}

function column(m: Matrix64, c: number, rows: readonly number[]): Float64Array {
  return Float64Array.from(rows, (r) => m.values[r * m.cols + c]);
}

function distinctShare(values: Float64Array): number {
  return new Set(values).size / values.length;
}
