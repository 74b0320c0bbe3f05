import type { Matrix64 } from "../data/matrix";
import { logGamma } from "../tasks/special-functions";
import { affineCopy, nearLine } from "./affine-copies";
import { curveRows } from "./curve-rows";
import { planeRows } from "./plane-rows";
import { surfaceRows } from "./surface-rows";
import { columnsOf } from "./rank-statistics";
import { binomialUpperTail, evenlySpaced } from "./row-sampling";
import { spread } from "./statistics";

/** The most column pairs compared (the first ones, x's columns then y's). */
const MAX_PAIRS = 400;
/** The most column pairs searched for rows on one line (each search reads up to 1000 rows). */
const MAX_AFFINE_PAIRS = 16;
/** The anchor rows of those searches together (256 for one pair, 64 each for 16): about 10 ms each 64. */
const AFFINE_ANCHORS = 1024;
/** The rows of a search for rows on a curve (about 1.3 ms at 2000, with neighbours sought along u), divided by √pairs up to 16 pairs… */
const CURVE_ROWS = 2000;
/**
 * …and beyond 16 pairs (up to MAX_PAIRS: 20 + 20 columns) each pair's search reads 1000 rows (about 1 ms) while the pairs
 * read 50 000 rows together, down to 500 each (400 pairs: about 0.2 s). At 1000 rows y = eˣ in a tenth of the rows was found
 * in 20 draws of 20, at 500 in 7.
 */
const WIDE_CURVE_ROWS = 1000;
const LEAST_WIDE_CURVE_ROWS = 500;
const WIDE_CURVE_BUDGET = 50000;
/** The most rows read (evenly spaced beyond). */
const MAX_ROWS = 20000;
/** The most columns on one side searched together for rows where a column of the other is exactly their affine function. */
const MAX_PLANE_COLUMNS = 4;
/** The most such searches (each column of the other side), and their rows together (quadratic: about 10 ms at 1000 rows for one). */
const MAX_PLANE_SEARCHES = 8;
const PLANE_ROWS = 1000;
/** The rows of a search for rows on a smooth surface (about 15 ms at 1000 rows for two columns, 40 ms at 2000), divided by √searches… */
const SURFACE_ROWS = 2000;
/**
 * …and the fewest rows it is run on: below, a tenth of the rows on the surface are too sparse on it (e^((x₁ + x₂)/√2) in 10 % of
 * 1000 rows was found in 2 draws of 8, of 1500 in 6), and the search would cost every call on 2–4 columns for little.
 */
const SURFACE_LEAST_ROWS = 1500;
/** A row is a match when its relative gap |x_i − y_j| / (|x_i| + |y_j|) is below one of these fractions of the median gap (copies within σ match at the scale of σ). */
const MATCH_FRACTIONS = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6];
/**
 * Absolute gaps from 10⁻³ of their median down: within 10⁻² a share of rows where y = x plus a noise of that size is a strong
 * dependence, not a copy (y = frac(x) + 0.05ε for x on [0, 8): its first tooth alarmed on 1 draw of 2).
 */
const ABSOLUTE_FRACTIONS = MATCH_FRACTIONS.slice(1);
/** And the rows are compared with those below this many times that gap. */
const WIDER = 10;
/**
 * Where the gap has a density near 0, about a tenth of the rows within a gap of 10t are within t;
 * where that density is singular (x's own density unbounded at 0 with a relative error, a noise
 * that vanishes at some x) a larger share, up to a third for a square-root singularity and about
 * 0.15 for a logarithmic one, 0.46 for the cube of a Gaussian noise. Copies make most of the rows
 * near 0 copies: at least this share.
 */
const COPY_SHARE = 0.6;
/**
 * A copy's rows stay within the gap over three decades too: tested against the rows within WIDER³ times it, with the
 * one-decade rule's chance (COPY_SHARE / 2) cubed and the same share asked (a smooth dependence keeps about 10⁻³ there,
 * the cube of a Gaussian noise about 0.1). Near-exact copies in a handful of rows (y = x + 10⁻⁶ε in 1 % of 1000 rows: 4–18
 * rows) had to be ten within one decade (0.3⁹ did not pass), and every method was trusted at 0.00 for 0.13 nats.
 */
const DECADES = 3;
/** The fewest matching rows that can raise the alarm. */
const MIN_MATCHES = 5;
/** The chance that independent data raise it at all (all pairs together). */
const FALSE_ALARM = 1e-4;
/** A column with fewer distinct values than this share of its rows is not continuous: skipped. */
const DISTINCT_SHARE = 0.99;
/** Values nearer than this fraction of their size and of the column's spread are one value (`distinctShare`). */
const SAME_VALUE = 1e-8;

/**
 * A warning when, in a share of the rows, a coordinate of y equals one of x exactly or nearly
 * (a common shock, x = y in the rows where it struck first, as in Marshall and Olkin's bivariate
 * exponential; a sensor that echoes x into y now and then), else undefined. Such a component has
 * an MI that is infinite (exact copies) or very large (copies within σ: about p·log(1/σ)), and no
 * estimator here resolves it: the copied rows lie 0.1 apart along the diagonal, their neighbours
 * in KSG's sense are ordinary rows, and the critics never left 0 (2 % of 1000 rows copied: every
 * method 0.00 [−0.08, 0.02], trusted, for 0.18 nats or an infinite MI).
 *
 * For each pair of continuous columns, in their own units (a copy is a copy of the value): rows
 * where x_i = y_j exactly, at a value that occurs once in each column, far more often than the
 * values the columns share make by chance (Poisson); and rows whose relative gap
 * |x_i − y_j| / (|x_i| + |y_j|) is below 10⁻², …, 10⁻⁶ of its median (or absolute gap, 10⁻³ on), when they are at least
 * COPY_SHARE of those below ten times that (a smooth dependence, however strong, puts about a tenth
 * there, and a singular one, x·e^ε on a chi-square x, a third: absolute gaps and a tenth asked
 * alarmed on 20 of 20 such data sets). Each beyond what independent data pass once in 10⁴ data sets.
 * Last, rows where a coordinate of y is an exact affine function of one of x (`affine-copies.ts`): y = −x
 * or 2x + 1 in 5 % of 1000 rows, an infinite MI, was trusted at 0.00–0.03 nats (y = −x by every method);
 * and rows on an exact smooth curve (`curve-rows.ts`): y = eˣ in 5 % of 2000 rows, trusted by KSG in 9 of 20 samples.
 */
export function partialCopyWarning(x: Matrix64, y: Matrix64): string | undefined {
  const rows = evenlySpaced(x.rows, MAX_ROWS);
  const continuous = (values: Float64Array) => (distinctShare(values) >= DISTINCT_SHARE ? values : undefined);
  const xs = columnsOf(x, rows).map(continuous);
  const ys = columnsOf(y, rows).map(continuous);
  const pairs: [number, number][] = [];
  for (let i = 0; i < x.cols && pairs.length < MAX_PAIRS; i++) for (let j = 0; j < y.cols && pairs.length < MAX_PAIRS; j++) if (xs[i] && ys[j]) pairs.push([i, j]);
  if (pairs.length === 0) return undefined;
  // tests a pair: exact equality, and equality within each tolerance
  // each tolerance is tested against the rows within WIDER times it and within WIDER^DECADES times it
  const level = FALSE_ALARM / ((1 + 2 * (MATCH_FRACTIONS.length + ABSOLUTE_FRACTIONS.length)) * pairs.length);
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
    const matches = [...nearMatches(a, b, relativeGap, MATCH_FRACTIONS), ...nearMatches(a, b, absoluteGap, ABSOLUTE_FRACTIONS)];
    const found = matches.find((at) => at.close >= MIN_MATCHES && (oneDecade(at, level) || overDecades(at, level)));
    if (found === undefined) continue;
    const [wider, among, share] = oneDecade(found, level) ? [`${WIDER} times`, found.near, "about a tenth"] : [`${WIDER ** DECADES} times`, found.wide, "at most a tenth"];
    return (
      `in ${found.close} of ${rows.length} rows, column ${j} of y equals column ${i} of x to within ${found.tolerance.toPrecision(2)}${found.gap === relativeGap ? " of their size" : " in their units"}, ` +
      `${found.close} of the ${among} rows within ${wider} that, where a smooth dependence puts ${share}: ${COPY_CONSEQUENCE}`
    );
  }
  // an echo in other units: y = a·x + b exactly in a share of the rows (y = −x, a change of units)
  const searched = pairs.slice(0, MAX_AFFINE_PAIRS);
  for (const [i, j] of searched) {
    const line = affineCopy(xs[i] as Float64Array, ys[j] as Float64Array, Math.max(64, Math.floor(AFFINE_ANCHORS / searched.length)));
    if (line === undefined) continue;
    return (
      `in ${line.rows} of ${line.of} rows, column ${j} of y is exactly ${line.slope.toPrecision(4)}·x + ${line.intercept.toPrecision(4)} of column ${i} of x ` +
      `(an affine copy), where the same values paired at random put at most ${line.byChance} rows on one line: ${COPY_CONSEQUENCE}`
    );
  }
  // the same within a small noise: the gaps of all rows to the line through the most rows of nearly one slope, judged as
  // copies' gaps are, over one decade and three (y = 1 − 2x + 10⁻⁶ε in the 1 % of 1000 rows where x falls in a thin band: every method
  // trusted at 0.00 for 0.13 nats; no exact line, and no value of y near one of x)
  for (const [i, j] of searched) {
    const line = nearLine(xs[i] as Float64Array, ys[j] as Float64Array, Math.max(64, Math.floor(AFFINE_ANCHORS / searched.length)));
    if (line === undefined) continue;
    const image = Float64Array.from(xs[i] as Float64Array, (value) => line.intercept + line.slope * value);
    // the gaps' scale at most y's spread: a line fitted to a far group of rows (1 % of the rows offset by 10⁴) leaves the
    // others' gaps 10⁴ wide, and the group's own within 10⁻⁴ of that
    const found = nearMatches(image, ys[j] as Float64Array, absoluteGap, ABSOLUTE_FRACTIONS, spread(ys[j] as Float64Array)).find((at) => at.close >= MIN_MATCHES && (oneDecade(at, level) || overDecades(at, level)));
    if (found === undefined) continue;
    const [wider, among, share] = oneDecade(found, level) ? [`${WIDER} times`, found.near, "about a tenth"] : [`${WIDER ** DECADES} times`, found.wide, "at most a tenth"];
    return (
      `in ${found.close} of ${rows.length} rows, column ${j} of y is within ${found.tolerance.toPrecision(2)} of ${line.slope.toPrecision(4)}·x + ${line.intercept.toPrecision(4)} of column ${i} of x ` +
      `(a near affine copy), ${found.close} of the ${among} rows within ${wider} that, where a smooth dependence puts ${share}: ${COPY_CONSEQUENCE}`
    );
  }
  // an exact smooth nonlinear function in a share of the rows (y = eˣ, x³): a curve, not a line
  // every pair (before, only the first 16: y₄ = x₃³ in a tenth of 1000 rows of 5 + 5 columns, pair 19, went unseen), 500–1000 rows each beyond 16 pairs;
  // a line in a share of the rows is a curve too (at 1000 rows y = −2x + 1 in 10 % was found in 20 draws of 20)
  for (const [i, j] of pairs) {
    const rows = pairs.length <= MAX_AFFINE_PAIRS ? Math.floor(CURVE_ROWS / Math.sqrt(pairs.length)) : Math.max(LEAST_WIDE_CURVE_ROWS, Math.min(WIDE_CURVE_ROWS, Math.floor(WIDE_CURVE_BUDGET / pairs.length)));
    const curve = curveRows(xs[i] as Float64Array, ys[j] as Float64Array, FALSE_ALARM / pairs.length, rows);
    if (curve === undefined) continue;
    return (
      `in ${curve.inLine} of ${curve.of} rows, the two nearest neighbours in (column ${i} of x, column ${j} of y) lie in line with the row (the sine of their angle at most 0.01), ` +
      `of ${curve.near} with a sine at most 0.1, where a smooth density puts about a tenth: a share of the rows lies on a thin curve y = f(x) (an exact or near-exact function), ` +
      "whose dependence is not resolved at this sample size; the MI may be far higher, even infinite, and the estimate rises with the sample size: look at those rows."
    );
  }
  // an exact affine function of several columns together in a share of the rows (y = x₁ + x₂): on no pair a line
  const continuousX = xs.filter((c): c is Float64Array => c !== undefined);
  const continuousY = ys.filter((c): c is Float64Array => c !== undefined);
  const planes: { side: Float64Array[]; other: Float64Array; name: string }[] = [];
  const sides = [
    { own: continuousX, others: ys, ownName: "x", otherName: "y" },
    { own: continuousY, others: xs, ownName: "y", otherName: "x" },
  ];
  for (const { own, others, ownName, otherName } of sides) {
    if (own.length < 2 || own.length > MAX_PLANE_COLUMNS) continue;
    others.forEach((other, k) => {
      if (other !== undefined && planes.length < MAX_PLANE_SEARCHES) planes.push({ side: own, other, name: `column ${k} of ${otherName} is exactly an affine function of the columns of ${ownName} together` });
    });
  }
  for (const { side, other, name } of planes) {
    const plane = planeRows(side, other, Math.floor(PLANE_ROWS / Math.sqrt(planes.length)));
    if (plane === undefined) continue;
    return (
      `in ${plane.flat} of ${plane.of} rows, ${name} (each lies exactly in one plane with some of its nearest neighbours, ` +
      "which continuous data do not do by chance), while on no single column is it a line: " +
      COPY_CONSEQUENCE
    );
  }
  // an exact smooth nonlinear function of several columns together (y = e^((x₁ + x₂)/√2), a square of x₁ − x₂): a surface
  for (const { side, other, name } of rows.length >= SURFACE_LEAST_ROWS ? planes : []) {
    const surface = surfaceRows(side, other, FALSE_ALARM / planes.length, Math.floor(SURFACE_ROWS / Math.sqrt(planes.length)));
    if (surface === undefined) continue;
    return (
      `in ${surface.flat} of ${surface.of} rows, three or more of the nearest neighbours lie with the row in one plane (the sine of their angle with it at most 0.01), ` +
      `of ${surface.near} rows where they do within 0.03 (and ${surface.wider} within 0.09), more than a density keeps at the finer scale: a share of the rows lies on a thin smooth surface where ` +
      `${name.replace("exactly an affine function", "a function")} (an exact or near-exact function, linear or not), whose dependence is not resolved at this sample size; ` +
      "the MI may be far higher, even infinite, and the estimate rises with the sample size: look at those rows."
    );
  }
  return undefined;
}

const COPY_CONSEQUENCE =
  "part of the rows holds an exact or near-exact copy of x in y (a common shock, an echoed value), a dependence no estimator here resolves; " +
  "the MI may be far higher, even infinite (exact copies in a share of the rows make it infinite): look at those rows.";

/**
 * Rows where u equals v exactly, at a value that occurs once in each column (a copy of a continuous
 * value; a value shared by several rows, as a censoring limit, is an atom of each, whose
 * coincidences are discrete data's own), and how many chance gives: the pairs (k, l) of rows with
 * u_k = v_l at such values, divided by the row count (rounded data sharing a grid), or half the
 * rows one grid step apart, whichever is more.
 */
function exactMatches(u: Float64Array, v: Float64Array): { same: number; byChance: number } {
  const counts = (values: Float64Array) => {
    const found = new Map<number, number>();
    for (const value of values) found.set(value, (found.get(value) ?? 0) + 1);
    return found;
  };
  const inU = counts(u);
  const inV = counts(v);
  const single = (value: number) => inU.get(value) === 1 && inV.get(value) === 1;
  let same = 0;
  let smallest = Infinity;
  for (let k = 0; k < u.length; k++) {
    const gap = Math.abs(u[k] - v[k]);
    if (gap === 0 && single(u[k])) same += 1;
    else if (gap > 0) smallest = Math.min(smallest, gap);
  }
  if (same === 0) return { same, byChance: 0 };
  let cross = 0;
  for (const value of u) if (single(value)) cross += 1;
  // on a grid (rounded data), a gap of 0 is one grid step rounded down: a dependence that brings y
  // within a step of x makes about half as many as the rows one step apart
  let oneStep = 0;
  for (let k = 0; k < u.length; k++) {
    const gap = Math.abs(u[k] - v[k]);
    if (gap > 0 && gap <= 1.5 * smallest) oneStep += 1;
  }
  return { same, byChance: Math.max(cross / u.length, oneStep / 2) };
}

/** P(K ≥ k) for K ~ Poisson(λ). */
function poissonUpperTail(k: number, lambda: number): number {
  if (lambda <= 0) return k > 0 ? 0 : 1;
  let below = 0;
  for (let j = 0; j < k; j++) below += Math.exp(j * Math.log(lambda) - lambda - logGamma(j + 1));
  return Math.max(0, 1 - below);
}

/** At each tolerance (a fraction of the median relative gap), the rows whose gap is within it, within WIDER times it and within WIDER^DECADES times it; none if that median is not positive and finite. */
type Gap = (a: number, b: number) => number;
/** A relative error on values near 0 (x·e^ε) has absolute gaps crowding at 0, copies or not: relative gaps… */
const relativeGap: Gap = (a, b) => {
  const size = Math.abs(a) + Math.abs(b);
  return size > 0 ? Math.abs(a - b) / size : 0;
};
/**
 * …but a copy within a noise of fixed size (y = x + 10⁻⁴ε in 1 % of 5000 rows) has relative gaps spread over decades with
 * |x|, and there missed the share in 1 of 4 draws (0.55 of the rows within ten times the gap): absolute gaps too.
 */
const absoluteGap: Gap = (a, b) => Math.abs(a - b);

type NearMatch = { close: number; near: number; wide: number; tolerance: number; gap: Gap };

/** Rows within a gap that are most of those within WIDER times it, beyond chance at `level`. */
const oneDecade = (at: NearMatch, level: number) => at.close >= COPY_SHARE * at.near && binomialUpperTail(at.close, at.near, COPY_SHARE / 2) < level;
/** Rows within a gap that stay within it over three decades, beyond the one-decade chance cubed at `level`. */
const overDecades = (at: NearMatch, level: number) => at.close >= COPY_SHARE * at.wide && binomialUpperTail(at.close, at.wide, (COPY_SHARE / 2) ** DECADES) < level;

function nearMatches(u: Float64Array, v: Float64Array, gap: Gap, fractions: number[], most = Infinity): NearMatch[] {
  // equal values are the exact test's (copies) or an atom of both columns (a censoring limit): left out
  const gaps = Float64Array.from(Array.from(u, (value, k) => gap(value, v[k])).filter((g) => g > 0)).sort();
  if (gaps.length === 0) return [];
  const median = Math.min(gaps[gaps.length >> 1], most);
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
  return fractions.map((fraction) => {
    const tolerance = fraction * median;
    return { close: within(tolerance), near: within(WIDER * tolerance), wide: within(WIDER ** DECADES * tolerance), tolerance, gap };
  });
}

/**
 * The share of the values that stand apart from their sorted neighbour by more than SAME_VALUE of both their own size and
 * the column's spread (or differ at all where one of those is 0): values that float rounding or a jitter of 10⁻⁹ sets apart
 * are one value. Labels each side jittered by its own 10⁻⁹ noise (c + 10⁻⁹ε, c + 10⁻⁹ε′) were read as continuous, and
 * from any row the rows of the other labels lie on slopes 1 ± 10⁻⁹, which passed for an affine copy in half the rows (the
 * MI is log k, finite; every call untrusted with that reason). A continuous column keeps its values apart at that scale:
 * 20 000 normal values put about one pair within 10⁻⁸ of their spread.
 */
function distinctShare(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const scale = spread(sorted);
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let k = 1; k < sorted.length; k++) {
    const gap = sorted[k] - sorted[k - 1];
    const size = Math.min(scale, Math.max(Math.abs(sorted[k]), Math.abs(sorted[k - 1])));
    if (gap > SAME_VALUE * size || (gap > 0 && !(size > 0))) distinct += 1;
  }
  return sorted.length > 0 ? distinct / sorted.length : 0;
}
