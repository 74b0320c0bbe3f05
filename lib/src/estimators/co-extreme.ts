import type { Matrix64 } from "../data/matrix";
import { Rng } from "../random/rng";
import type { NeighbourBound } from "./neighbour-bound";
import { mean, variance } from "./statistics";

/** The fewest rows the bound is measured on: at 1 % a rare event holds 5 of them (at n = 200 a Gaussian pair ρ = 0.6 lost trust by chance). */
const MIN_ROWS = 500;
/** The most samples the bound takes; beyond, a seeded random subset (as the grid bound). */
const MAX_SAMPLES = 4000;
/** The most coordinates a side whose pairs are tried (the first ones). */
const MAX_COLUMNS = 5;
/** How far from the median, in robust standard deviations (1.4826·MAD), a value counts as extreme. */
const THRESHOLDS = [2.5, 3, 3.5, 4, 5, 6, 8];
/** Permutations of y's rows behind the largest table's bias and null spread. */
const PERMUTATIONS = 20;
const ROBUST_SD = 1.4826;
const Z95 = 1.96;
/** As the cross-check: an estimate clearly above the bound passes its one-sided 95 % point. */
const ONE_SIDED_95 = 1.645;

/**
 * The median and the robust standard deviation (1.4826·MAD) of `values`. When half or more of them are the median (a
 * reading 0 in most rows: spend, rainfall, whole numbers of a small spread) the MAD is 0, and the scale is that of the
 * values apart from the median (1.4826 times their median distance to it); undefined when there are none. Why: with
 * readings 0 in 60 % of the rows and a shock shared by 1 % (0.055 nats) the bound was undefined in every draw, and MINE was
 * trusted at about 0 with upper ends 0.029–0.054 (bench/accuracy/unseen36). Either scale is a function of the column alone,
 * so the tables stay below the MI.
 */
function robustScale(values: Float64Array): { centre: number; scale: number } | undefined {
  const sorted = Float64Array.from(values).sort();
  const middle = (s: Float64Array) => (s.length % 2 === 1 ? s[s.length >> 1] : 0.5 * (s[(s.length >> 1) - 1] + s[s.length >> 1]));
  const centre = middle(sorted);
  const deviations = Float64Array.from(values, (v) => Math.abs(v - centre)).sort();
  let scale = ROBUST_SD * middle(deviations);
  if (!(scale > 0)) {
    const apart = deviations.filter((d) => d > 0);
    scale = apart.length > 0 ? ROBUST_SD * middle(apart) : 0;
  }
  return scale > 0 && Number.isFinite(scale) ? { centre, scale } : undefined;
}

/** Each value's code: −1 below centre − t·scale, +1 above centre + t·scale, else 0 (stored as 0, 1, 2). */
function codes(values: Float64Array, cut: { centre: number; scale: number }, t: number): Int32Array {
  return Int32Array.from(values, (v) => {
    const z = (v - cut.centre) / cut.scale;
    return z < -t ? 0 : z > t ? 2 : 1;
  });
}

/** The plug-in MI of 3 × 3 codes, b's rows taken in `order` when given, and its per-sample log-ratios. */
function tablePlugIn(a: Int32Array, b: Int32Array, order?: readonly number[]) {
  const m = a.length;
  const ca = new Int32Array(3);
  const cb = new Int32Array(3);
  const cab = new Int32Array(9);
  for (let i = 0; i < m; i++) {
    const bi = b[order === undefined ? i : order[i]];
    ca[a[i]]++;
    cb[bi]++;
    cab[a[i] * 3 + bi]++;
  }
  let estimate = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (cab[i * 3 + j] > 0) estimate += (cab[i * 3 + j] / m) * Math.log((m * cab[i * 3 + j]) / (ca[i] * cb[j]));
  const terms = () => Float64Array.from(a, (code, i) => Math.log((m * cab[code * 3 + b[i]]) / (ca[code] * cb[b[i]])));
  return { estimate, terms };
}

/**
 * A lower bound of I(X∧Y) from the rows extreme in both x and y. Each coordinate (the first MAX_COLUMNS a side) is cut at
 * t robust standard deviations (1.4826·MAD; when that is 0, of the values apart from the median) either side of its
 * median into below, between and above, for t from 2.5 to 8; the bound is the largest plug-in MI of the 3 × 3 tables over every pair of coordinates and every t, less the
 * mean of that largest value over 20 permutations of y's rows (its bias, the choice of pair and t included), with the
 * standard error of the chosen table's per-sample log-ratios and of the permutations' spread. The cuts are functions of
 * x and of y alone (median and MAD move little with the dependence), so each table's information is at most the MI
 * (data processing).
 *
 * Why: a dependence held by a few rows — a shock shared by 1 % of them, x = a + S·B, y = b + S·B with S ~ N(0, 10²),
 * 0.055 nats — sits in about ten rows of a thousand, which the critics and KSG's neighbours average away: MINE and SMILE
 * gave ≈ 0, trusted, with upper ends 0.034–0.044 (KSG's own), and the columns' tails (Hill index about 3) are too light
 * for the heavy-tail checks. Those rows are extreme in both columns at once, about a hundred times more often than
 * independence allows, and a table of three cells a side counts them (0.041 on average for 0.055, in 40 draws). Every
 * row of all n is read: a half chosen and a half measured, as the grid bound does, left the choice undecided in a fifth
 * of the draws.
 */
export function coExtremeBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  if (x.rows < MIN_ROWS) return undefined;
  const rng = new Rng(seed);
  const rows = x.rows > MAX_SAMPLES ? rng.choice(x.rows, MAX_SAMPLES) : Array.from({ length: x.rows }, (_, i) => i);
  const side = (m: Matrix64) =>
    Array.from({ length: Math.min(m.cols, MAX_COLUMNS) }, (_, c) => {
      const values = Float64Array.from(rows, (i) => m.values[i * m.cols + c]);
      const cut = robustScale(values);
      return cut === undefined ? undefined : { c, codes: THRESHOLDS.map((t) => codes(values, cut, t)) };
    }).flatMap((s) => (s === undefined ? [] : [s]));
  const [sx, sy] = [side(x), side(y)];
  if (sx.length === 0 || sy.length === 0) return undefined;
  /** the largest table's MI over pairs and thresholds, y's rows taken in `order` (undefined: as they are) */
  const largest = (order?: readonly number[]) => {
    let best = { estimate: -Infinity, cx: 0, cy: 0, k: 0 };
    for (const cx of sx) {
      for (const cy of sy) {
        for (let k = 0; k < THRESHOLDS.length; k++) {
          const { estimate } = tablePlugIn(cx.codes[k], cy.codes[k], order);
          if (estimate > best.estimate) best = { estimate, cx: cx.c, cy: cy.c, k };
        }
      }
    }
    return best;
  };
  const observed = largest();
  if (!(observed.estimate > 0)) return undefined;
  const nullEstimates = Array.from({ length: PERMUTATIONS }, () => largest(rng.permutation(rows.length)).estimate);
  const a = sx.find((s) => s.c === observed.cx)!.codes[observed.k];
  const b = sy.find((s) => s.c === observed.cy)!.codes[observed.k];
  const t = THRESHOLDS[observed.k];
  // columns counted from 0, as the other warnings and diagnostics.screenedColumns count them
  const which = x.cols === 1 && y.cols === 1 ? "x and y" : `column ${observed.cx} of x and column ${observed.cy} of y`;
  return {
    estimate: observed.estimate - mean(nullEstimates),
    standardError: Math.sqrt(variance(tablePlugIn(a, b).terms()) / rows.length + variance(nullEstimates)),
    description:
      `a lower bound of the MI (the information of whether ${which} are each beyond ${t} robust standard deviations of their median, ` +
      `the largest such table over ${THRESHOLDS.length} cuts${x.cols * y.cols > 1 ? " and the coordinates' pairs" : ""}, less its bias on permutations of y)`,
    cause:
      "the dependence is held by a few rows extreme in both x and y at once (a shock or event shared by a small share of the rows), " +
      "which the critics and KSG's neighbours average away with the rest",
  };
}

/**
 * What the rows extreme in both x and y say of an estimate (nats): the interval's upper end must reach the bound's own
 * upper 95 % end; and when the bound is clearly above 0 (by 1.645 of its standard errors, one-sided: those rows
 * demonstrably carry dependence; on 100 draws each of independent normals at n = 1000 and 5000, Student-t(3) pairs and
 * independent shocks in x and in y, none was) while the estimate is below it, the estimate has missed even what a table of
 * three cells a side reads in those rows, and what they carry beyond the table is unknown: not to be trusted. On the 1 %
 * shock of sd 10 (0.055 nats) the table holds 0.041 of it on average; MINE's trusted ≈ 0 there had upper ends
 * 0.034–0.044. An estimate above the bound keeps its trust, its upper end raised to the bound's: asking it to be clearly
 * above (1.645 standard errors of the difference) untrusted 45 of the earlier probes' 2165 trusted-and-right calls, most
 * of them right estimates of shocks in 3–5 % of the rows, where the table holds about 70 % of the MI.
 */
export function rareRowsDisagreement(bound: NeighbourBound | undefined, estimate: number): { upperEnd?: number; reason?: string } {
  if (bound === undefined) return {};
  const upperEnd = bound.estimate + Z95 * bound.standardError;
  const shown = bound.estimate > ONE_SIDED_95 * bound.standardError;
  if (!shown || estimate >= bound.estimate) return { upperEnd };
  return {
    upperEnd,
    reason:
      `${bound.description} is ${bound.estimate.toFixed(3)} ± ${bound.standardError.toFixed(3)} nats, clearly above 0, and this estimate ` +
      `(${estimate.toFixed(3)}) is below it: ${bound.cause}; what those rows carry beyond the table is unknown, so the MI may be ` +
      "well above the estimate. Model those rows apart (flag them as a label of their own, or estimate on them and on the rest separately), " +
      "or give more samples.",
  };
}
