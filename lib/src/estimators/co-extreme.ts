import type { Matrix64 } from "../data/matrix";
import { Rng } from "../random/rng";
import type { NeighbourBound } from "./neighbour-bound";
import { logGamma } from "../tasks/special-functions";
import { kthSmallest, mean, variance } from "./statistics";

/** The fewest rows the bound is measured on: at 1 % a rare event holds 5 of them (at n = 200 a Gaussian pair ρ = 0.6 lost trust by chance). */
const MIN_ROWS = 500;
/** The most samples the bound takes; beyond, a seeded random subset (as the grid bound). */
const MAX_SAMPLES = 4000;
/**
 * The most coordinates a side whose pairs are tried: every column up to 128 (the pairs' corner counts then take 7 · 128² · 4
 * integers); beyond, the 128 with the most values past 4 robust standard deviations (a function of that side alone).
 */
const MAX_COLUMNS = 128;
/**
 * The rows-extreme-in-both bound, and how unlikely its rows beyond a cut in both are under independence: `coincidence` is
 * the number of corners tried times the smallest Chernoff bound on one corner's count (rows beyond cut t in both, on one
 * side each), an upper bound of the chance that any corner holds so many when x and y are independent.
 */
export interface CoExtremeBound extends NeighbourBound {
  coincidence: number;
  /** that count: its rows, what independence gives it (a·b/m), its columns (named as in the description) and cut */
  corner: { count: number; expected: number; which: string; t: number };
}

/**
 * A side of at most this many columns has each column's nearness to its median, −log |v − median|, read beside it (a
 * function of that column alone, so its tables stay below the MI): rows extreme in x where y sits at its median.
 */
const NEAR_COLUMNS = 8;

/** How far from the median, in robust standard deviations (1.4826·MAD), a value counts as extreme. */
const THRESHOLDS = [2.5, 3, 3.5, 4, 5, 6, 8];
/** Permutations of y's rows behind the largest table's bias and null spread. */
const PERMUTATIONS = 20;
const ROBUST_SD = 1.4826;
const Z95 = 1.96;
/** As the cross-check: an estimate clearly above the bound passes its one-sided 95 % point. */
const ONE_SIDED_95 = 1.645;
/** A count of rows beyond a cut in both whose chance under independence (all counts tried included) is below this shows dependence. */
const RARE_COUNT = 0.001;

/**
 * The median and the robust standard deviation (1.4826·MAD) of `values`. When half or more of them are the median (a
 * reading 0 in most rows: spend, rainfall, whole numbers of a small spread) the MAD is 0, and the scale is that of the
 * values apart from the median (1.4826 times their median distance to it); undefined when there are none. Why: with
 * readings 0 in 60 % of the rows and a shock shared by 1 % (0.055 nats) the bound was undefined in every draw, and MINE was
 * trusted at about 0 with upper ends 0.029–0.054 (bench/accuracy/unseen36). Either scale is a function of the column alone,
 * so the tables stay below the MI.
 */
function robustScale(values: Float64Array): { centre: number; scale: number } | undefined {
  const centre = middle(Float64Array.from(values));
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs(values[i] - centre);
  let scale = ROBUST_SD * middle(Float64Array.from(deviations));
  if (!(scale > 0)) {
    const apart = deviations.filter((d) => d > 0);
    scale = apart.length > 0 ? ROBUST_SD * middle(apart) : 0;
  }
  return scale > 0 && Number.isFinite(scale) ? { centre, scale } : undefined;
}

/** The median of `values`, which it reorders (by selection, not a sort: 128 + 128 columns sorted twice took 0.2 s a call); with a NaN, that of the sorted values, NaN last. */
function middle(values: Float64Array): number {
  const h = values.length >> 1;
  let nan = false;
  for (let i = 0; i < values.length && !nan; i++) nan = values[i] !== values[i];
  if (nan) {
    values.sort();
    return values.length % 2 === 1 ? values[h] : 0.5 * (values[h - 1] + values[h]);
  }
  if (values.length % 2 === 1) return kthSmallest(values, h + 1);
  const upper = kthSmallest(values, h + 1);
  return 0.5 * (kthSmallest(values, h) + upper);
}

/** Each value's code: −1 below centre − t·scale, +1 above centre + t·scale, else 0 (stored as 0, 1, 2). */
function codes(values: Float64Array, cut: { centre: number; scale: number }, t: number): Int32Array {
  return Int32Array.from(values, (v) => {
    const z = (v - cut.centre) / cut.scale;
    return z < -t ? 0 : z > t ? 2 : 1;
  });
}

/**
 * The plug-in MI of a 3 × 3 table of m rows from its margins (a0, m − a0 − a2, a2 and b0, m − b0 − b2, b2) and its four
 * corners (below–below, below–above, above–below, above–above), summed in tablePlugIn's order so that both give the same
 * number to the last bit.
 */
function cornersMI(m: number, a0: number, a2: number, b0: number, b2: number, c00: number, c02: number, c20: number, c22: number): number {
  const [a1, b1] = [m - a0 - a2, m - b0 - b2];
  const c01 = a0 - c00 - c02, c21 = a2 - c20 - c22, c10 = b0 - c00 - c20, c12 = b2 - c02 - c22;
  const term = (c: number, ca: number, cb: number) => (c > 0 ? (c / m) * Math.log((m * c) / (ca * cb)) : 0);
  let estimate = 0;
  estimate += term(c00, a0, b0);
  estimate += term(c01, a0, b1);
  estimate += term(c02, a0, b2);
  estimate += term(c10, a1, b0);
  estimate += term(b1 - c01 - c21, a1, b1);
  estimate += term(c12, a1, b2);
  estimate += term(c20, a2, b0);
  estimate += term(c21, a2, b1);
  estimate += term(c22, a2, b2);
  return estimate;
}

/**
 * One side's extreme values, sparse: for each kept column, its values' codes at every cut, and for each row the kept
 * columns where it is beyond the lowest cut, with the side (0 below, 1 above) and how many cuts it is beyond.
 */
interface ExtremeSide {
  /** `near`: the column's nearness to its median, −log |v − median|, not its values */
  columns: { c: number; near: boolean; cut: { centre: number; scale: number }; values: Float64Array }[];
  /** rows' entries run from start[i] to start[i + 1] */
  start: Int32Array;
  slot: Int32Array;
  above: Uint8Array;
  level: Uint8Array;
  /** margins: below[k · columns + s] and above[k · columns + s] rows beyond cut k */
  below: Int32Array;
  beyond: Int32Array;
}

function extremeSide(m: Matrix64, rows: readonly number[]): ExtremeSide | undefined {
  const own = Array.from({ length: m.cols }, (_, c) => {
    const values = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) values[r] = m.values[rows[r] * m.cols + c];
    const cut = robustScale(values);
    return cut === undefined ? undefined : { c, near: false, cut, values };
  }).flatMap((s) => (s === undefined ? [] : [s]));
  // each column's nearness to its median (a value at the median: +∞, beyond every cut); kept when its own scale is defined
  const near = m.cols > NEAR_COLUMNS ? [] : own.flatMap(({ c, cut: { centre }, values }) => {
    const closeness = Float64Array.from(values, (v) => -Math.log(Math.abs(v - centre)));
    const cut = robustScale(closeness);
    return cut === undefined ? [] : [{ c, near: true, cut, values: closeness }];
  });
  const all = [...own, ...near];
  if (all.length === 0) return undefined;
  const zOf = (col: (typeof all)[number], r: number) => (col.values[r] - col.cut.centre) / col.cut.scale;
  let columns = all;
  if (all.length > MAX_COLUMNS) {
    const far = all.map((col) => col.values.reduce((t, _, r) => t + (Math.abs(zOf(col, r)) > 4 ? 1 : 0), 0));
    const kept = all.map((_, s) => s).sort((a, b) => far[b] - far[a] || a - b).slice(0, MAX_COLUMNS).sort((a, b) => a - b);
    columns = kept.map((s) => all[s]);
  }
  const K = THRESHOLDS.length;
  const below = new Int32Array(K * columns.length);
  const beyond = new Int32Array(K * columns.length);
  const start = new Int32Array(rows.length + 1);
  const slot: number[] = [];
  const above: number[] = [];
  const level: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    for (let s = 0; s < columns.length; s++) {
      const z = zOf(columns[s], r);
      let l = 0;
      // the same comparisons as codes(): below −t, above t, NaN neither
      while (l < K && (z < -THRESHOLDS[l] || z > THRESHOLDS[l])) l++;
      if (l === 0) continue;
      slot.push(s);
      above.push(z > 0 ? 1 : 0);
      level.push(l);
      for (let k = 0; k < l; k++) (z > 0 ? beyond : below)[k * columns.length + s]++;
    }
    start[r + 1] = slot.length;
  }
  return { columns, start, slot: Int32Array.from(slot), above: Uint8Array.from(above), level: Uint8Array.from(level), below, beyond };
}

/** Corners whose exact chance is worked out: those of the smallest Chernoff bounds. */
const EXACT_CORNERS = 64;

/** log of the binomial coefficient C(n, k) */
const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/** P(N ≥ c) for N hypergeometric: c or more of the b rows drawn from m fall among a marked ones. */
function hypergeometricTail(m: number, a: number, b: number, c: number): number {
  let term = Math.exp(logChoose(a, c) + logChoose(m - a, b - c) - logChoose(m, b));
  let tail = 0;
  for (let k = c; k <= Math.min(a, b) && term > 0; k++) {
    tail += term;
    if (term < 1e-12 * tail) break;
    term *= ((a - k) * (b - k)) / ((k + 1) * (m - a - b + k + 1));
  }
  return Math.min(1, tail);
}

/**
 * The count of rows beyond a cut in both least likely under independence, over every table and its four corners (below
 * or above in x, below or above in y) and the four together (beyond in x and beyond in y, either side: a sign that
 * differs from row to row): given the margins a count is hypergeometric whatever the columns' law. The chance of the
 * rarest, times the number of counts tried (Bonferroni), bounds the chance that independent x and y show one so rare.
 * Each count of two or more above a·b/m is ranked by its Chernoff bound exp(−(c·log(c/μ) − c + μ)), μ = a·b/m, and the
 * EXACT_CORNERS smallest are worked out exactly (any subset gives a chance at least the smallest one's, so the product
 * still bounds it). One row beyond a cut in both is never rare enough to count: its chance is about a·b/m ≥ 1/m.
 */
function rarestCorner(sx: ExtremeSide, sy: ExtremeSide, corners: Int32Array, m: number) {
  const [nx, ny, K] = [sx.columns.length, sy.columns.length, THRESHOLDS.length];
  const candidates: { log: number; c: number; a: number; b: number; p: number }[] = [];
  const consider = (c: number, a: number, b: number, p: number) => {
    const mu = (a * b) / m;
    if (c >= 2 && c > mu) candidates.push({ log: -(c * Math.log(c / mu) - c + mu), c, a, b, p });
  };
  for (let p = 0; p < K * nx * ny; p++) {
    const q = 4 * p;
    const all = corners[q] + corners[q + 1] + corners[q + 2] + corners[q + 3];
    if (all < 2) continue;
    const k = Math.floor(p / (nx * ny));
    const [ix, iy] = [k * nx + (Math.floor(p / ny) % nx), k * ny + (p % ny)];
    const [xb, xa, yb, ya] = [sx.below[ix], sx.beyond[ix], sy.below[iy], sy.beyond[iy]];
    consider(corners[q], xb, yb, p);
    consider(corners[q + 1], xb, ya, p);
    consider(corners[q + 2], xa, yb, p);
    consider(corners[q + 3], xa, ya, p);
    consider(all, xb + xa, yb + ya, p);
  }
  candidates.sort((u, v) => u.log - v.log);
  let rarest = { chance: 1, count: 0, expected: 0, p: 0 };
  for (const { c, a, b, p } of candidates.slice(0, EXACT_CORNERS)) {
    const chance = hypergeometricTail(m, a, b, c);
    if (chance < rarest.chance) rarest = { chance, count: c, expected: (a * b) / m, p };
  }
  const [k, px, py] = [Math.floor(rarest.p / (nx * ny)), Math.floor(rarest.p / ny) % nx, rarest.p % ny];
  return {
    coincidence: Math.min(1, 5 * K * nx * ny * rarest.chance),
    corner: { count: rarest.count, expected: rarest.expected, cx: sx.columns[px], cy: sy.columns[py], t: THRESHOLDS[k] },
  };
}

/** The plug-in MI of 3 × 3 codes and its per-sample log-ratios. */
function tablePlugIn(a: Int32Array, b: Int32Array) {
  const m = a.length;
  const ca = new Int32Array(3);
  const cb = new Int32Array(3);
  const cab = new Int32Array(9);
  for (let i = 0; i < m; i++) {
    const bi = b[i];
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
 * A lower bound of I(X∧Y) from the rows extreme in both x and y. Each coordinate (every column, up to MAX_COLUMNS a side) is cut at
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
 *
 * A table's margins do not move under the permutations, and its four corners count the rows beyond a cut in both, so
 * only those are counted, from each row's few extreme values: every pair of 128 + 128 columns costs about 0.2 s at
 * n = 20 000 (reading the first 5 + 5 whole took 0.12 s). Reading only the first five columns a side missed the 1 % shock
 * in the sixth columns of 6 + 6 and the 30th of 40 + 40 in 40 of 40 draws each; now it is clearly above 0 in 38 and 33.
 * The permutations take the same maximum over every pair, so the bias and null spread grow with the pairs: on 100 draws
 * each of independent N(0, 1), t(3) and t(2) columns in 40 + 40 and 20 of N(0, 1) and t(2) in 128 + 128 at n = 5000 it
 * was never clearly above 0 (bench/accuracy/unseen36/co-extreme-columns.mjs).
 *
 * A side of at most NEAR_COLUMNS columns also has each column's nearness to its median read as a column of its own: x
 * shocked (sd 10) in 2 % of the rows where y is a spike N(0, 0.01²) or exactly 0 (0.053 and 0.069 nats) puts those rows
 * beyond the cuts in x only, and the bound was clearly above 0 in 0 of 20 draws of each while MINE was trusted at 0.001
 * [−0.052, 0.050]; with the nearness, 18 and 20 of 20 (bench/accuracy/unseen38/co-extreme-near.mjs). On 1000 draws each of
 * independent N(0, 1), t(2), t(1) pairs it showed dependence 3, 3 and 6 times (0, 8 and 13 before: the maximum over four
 * pairs raises the permutations' bias too), and it untrusts no more of the earlier probes' trusted-and-right calls.
 */
export function coExtremeBound(x: Matrix64, y: Matrix64, seed: number): CoExtremeBound | undefined {
  if (x.rows < MIN_ROWS) return undefined;
  const rng = new Rng(seed);
  const rows = x.rows > MAX_SAMPLES ? rng.choice(x.rows, MAX_SAMPLES) : Array.from({ length: x.rows }, (_, i) => i);
  const [sx, sy] = [extremeSide(x, rows), extremeSide(y, rows)];
  if (sx === undefined || sy === undefined) return undefined;
  const K = THRESHOLDS.length;
  const [nx, ny, m] = [sx.columns.length, sy.columns.length, rows.length];
  /** the four corners of every table, corners[((k · nx + px) · ny + py) · 4 + 2 · (x above) + (y above)] */
  const corners = new Int32Array(K * nx * ny * 4);
  const count = (order?: readonly number[]) => {
    corners.fill(0);
    for (let i = 0; i < m; i++) {
      const j = order === undefined ? i : order[i];
      for (let e = sx.start[i]; e < sx.start[i + 1]; e++) {
        for (let f = sy.start[j]; f < sy.start[j + 1]; f++) {
          // counted at the highest cut both are beyond, then summed down over the cuts
          const k = Math.min(sx.level[e], sy.level[f]) - 1;
          corners[((k * nx + sx.slot[e]) * ny + sy.slot[f]) * 4 + 2 * sx.above[e] + sy.above[f]]++;
        }
      }
    }
    const layer = nx * ny * 4;
    for (let k = K - 2; k >= 0; k--) for (let q = 0; q < layer; q++) corners[k * layer + q] += corners[(k + 1) * layer + q];
  };
  const tableAt = (k: number, px: number, py: number) => {
    const q = ((k * nx + px) * ny + py) * 4;
    return cornersMI(m, sx.below[k * nx + px], sx.beyond[k * nx + px], sy.below[k * ny + py], sy.beyond[k * ny + py], corners[q], corners[q + 1], corners[q + 2], corners[q + 3]);
  };
  // a table with no row beyond a cut in both is a function of the margins alone, the same on every permutation
  const empty = new Float64Array(K * nx * ny);
  for (let k = 0; k < K; k++) {
    for (let px = 0; px < nx; px++) {
      for (let py = 0; py < ny; py++) empty[(k * nx + px) * ny + py] = cornersMI(m, sx.below[k * nx + px], sx.beyond[k * nx + px], sy.below[k * ny + py], sy.beyond[k * ny + py], 0, 0, 0, 0);
    }
  }
  /** the largest table's MI over pairs and thresholds, y's rows taken in `order` (undefined: as they are) */
  const largest = (order?: readonly number[]) => {
    count(order);
    let best = -Infinity;
    for (let p = 0; p < empty.length; p++) {
      const touched = corners[4 * p] + corners[4 * p + 1] + corners[4 * p + 2] + corners[4 * p + 3] > 0;
      best = Math.max(best, touched ? tableAt(Math.floor(p / (nx * ny)), Math.floor(p / ny) % nx, p % ny) : empty[p]);
    }
    return best;
  };
  // the observed table: the first largest in the order of x's columns, y's columns and the cuts
  count();
  let observed = { estimate: -Infinity, px: 0, py: 0, k: 0 };
  for (let px = 0; px < nx; px++) {
    for (let py = 0; py < ny; py++) {
      for (let k = 0; k < K; k++) {
        const estimate = tableAt(k, px, py);
        if (estimate > observed.estimate) observed = { estimate, px, py, k };
      }
    }
  }
  if (!(observed.estimate > 0)) return undefined;
  const rarest = rarestCorner(sx, sy, corners, m);
  const nullEstimates = Array.from({ length: PERMUTATIONS }, () => largest(rng.permutation(rows.length)));
  const [cx, cy] = [sx.columns[observed.px], sy.columns[observed.py]];
  const a = codes(cx.values, cx.cut, THRESHOLDS[observed.k]);
  const b = codes(cy.values, cy.cut, THRESHOLDS[observed.k]);
  const t = THRESHOLDS[observed.k];
  // columns counted from 0, as the other warnings and diagnostics.screenedColumns count them
  const one = (col: { c: number; near: boolean }, side: string, cols: number) =>
    `${col.near ? "the nearness to its median of " : ""}${cols === 1 ? side : `column ${col.c} of ${side}`}`;
  const named = (i: { c: number; near: boolean }, j: { c: number; near: boolean }) =>
    x.cols === 1 && y.cols === 1 && !i.near && !j.near ? "x and y" : `${one(i, "x", x.cols)} and ${one(j, "y", y.cols)}`;
  const which = named(cx, cy);
  return {
    coincidence: rarest.coincidence,
    corner: { count: rarest.corner.count, expected: rarest.corner.expected, which: named(rarest.corner.cx, rarest.corner.cy), t: rarest.corner.t },
    estimate: observed.estimate - mean(nullEstimates),
    standardError: Math.sqrt(variance(tablePlugIn(a, b).terms()) / rows.length + variance(nullEstimates)),
    description:
      `a lower bound of the MI (the information of whether ${which} are each beyond ${t} robust standard deviations of their median, ` +
      `the largest such table over ${THRESHOLDS.length} cuts${x.cols * y.cols > 1 ? " and the coordinates' pairs" : ""}, less its bias on permutations of y)`,
    cause:
      (cx.near || cy.near
        ? "the dependence is held by a few rows where one of x and y is extreme or at its median and the other at its median (a shock in one beside a value pinned in the other), "
        : "the dependence is held by a few rows extreme in both x and y at once (a shock or event shared by a small share of the rows), ") +
      "which the critics and KSG's neighbours average away with the rest",
  };
}

/**
 * What the rows extreme in both x and y say of an estimate (nats): the interval's upper end must reach the bound's own
 * upper 95 % end; and when those rows demonstrably carry dependence while the estimate is below the bound, the estimate has
 * missed even what a table of three cells a side reads in those rows, and what they carry beyond the table is unknown: not
 * to be trusted. Demonstrably: the bound is clearly above 0 (by 1.645 of its standard errors, one-sided; on 100 draws each
 * of independent normals at n = 1000 and 5000, Student-t(3) pairs and independent shocks in x and in y, none was), or it
 * is above 0 and its rarest count of rows beyond a cut in both has a chance below 0.001 under independence, all the
 * counts tried included (`coincidence`). On the 1 % shock of sd 10 (0.055 nats) the table holds 0.041 of it on average;
 * MINE's trusted ≈ 0 there had upper ends 0.034–0.044. With few shock rows the table's standard error is as large as the
 * bound (two rows beyond 4 standard deviations: 0.014 ± 0.009) while the rows themselves are far beyond chance: the sd-20
 * shock in 0.4 % of the rows (four expected in 1000, 0.031 nats) had the bound clearly above 0 in 131 of 200 draws, the
 * count rare enough in 172; on 1000 draws each of independent N(0, 1), t(2), t(1), Poisson(0.5) pairs and independent
 * shocks, and on 100 draws each of 5 + 5 and 40 + 40 columns, the count was that rare once (t(2) and t(1), 1 in 1000 each).
 * An estimate above the bound keeps its trust, its upper end raised to the bound's: asking it to be clearly
 * above (1.645 standard errors of the difference) untrusted 45 of the earlier probes' 2165 trusted-and-right calls, most
 * of them right estimates of shocks in 3–5 % of the rows, where the table holds about 70 % of the MI.
 */
export function rareRowsDisagreement(bound: CoExtremeBound | undefined, estimate: number): { upperEnd?: number; reason?: string } {
  if (bound === undefined) return {};
  const upperEnd = bound.estimate + Z95 * bound.standardError;
  const clearly = bound.estimate > ONE_SIDED_95 * bound.standardError;
  const rare = bound.estimate > 0 && bound.coincidence < RARE_COUNT;
  if (!(clearly || rare) || estimate >= bound.estimate) return { upperEnd };
  const { count, expected, which, t } = bound.corner;
  const shown = clearly
    ? `clearly above 0, and this estimate (${estimate.toFixed(3)}) is below it`
    : `and this estimate (${estimate.toFixed(3)}) is below it, while ${count} rows are beyond ${t} robust standard deviations in both ` +
      `${which} where independence gives ${expected.toPrecision(2)} (a chance below ${RARE_COUNT}, every count tried included)`;
  return {
    upperEnd,
    reason:
      `${bound.description} is ${bound.estimate.toFixed(3)} ± ${bound.standardError.toFixed(3)} nats, ${shown}: ${bound.cause}; ` +
      "what those rows carry beyond the table is unknown, so the MI may be " +
      "well above the estimate. Model those rows apart (flag them as a label of their own, or estimate on them and on the rest separately), " +
      "or give more samples.",
  };
}
