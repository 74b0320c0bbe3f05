import type { Matrix64 } from "../data/matrix";
import { selectRows64 } from "../data/matrix";
import { Rng } from "../random/rng";
import { normalQuantile } from "../tasks/special-functions";
import { cellCodes, jointCellCount, midRanks, permutationCorrectedPlugIn } from "./coarsened";
import type { NeighbourBound } from "./neighbour-bound";

/** The most samples the bound takes, as the other lower bounds. */
const MAX_SAMPLES = 4000;
/** Fewer distinct values than this on a side leave nothing to group: the plug-in MI and the coarsened bound see them whole. */
const MIN_LABELS = 8;
/** The most groups a side's labels are merged into, and the largest modulus tried on integer labels. */
const MAX_GROUPS = 6;
const MAX_MODULUS = 12;
/** The most bins a continuous side is cut into. */
const CONTINUOUS_BINS = 8;
const POWER_STEPS = 60;
const KMEANS_STEPS = 25;
const ONE_SIDED_95 = 1.645;

/** A side as codes 0..count−1 per row: its distinct rows (labels) or, for a continuous side, equal-frequency bins. */
interface Coded {
  codes: Int32Array;
  count: number;
  /** The labels' integer values, when the side is one column of integers (for residues). */
  integers?: Float64Array;
  labels: boolean;
}

/** A gap between sorted values this many times their median gap separates two clusters. */
const CLUSTER_GAP = 6;

/**
 * One column's values as the clusters they sit in, when they sit in well-separated ones (labels
 * stored as reals with a jitter, values of a few instruments): the sorted values cut where a gap is
 * CLUSTER_GAP times the median gap, kept when at least MIN_LABELS clusters hold two values or more,
 * together at least 80 % of them, and none over a quarter. Clusters on a lattice (their centres' spacings
 * whole multiples of one step) are numbered by their place on it, so that residues apply.
 */
function naturalClusters(values: Float64Array): Coded | undefined {
  const sorted = Float64Array.from(values).sort();
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (sorted[i] > sorted[i - 1]) gaps.push(sorted[i] - sorted[i - 1]);
  if (gaps.length < 2) return undefined;
  const typical = Float64Array.from(gaps).sort()[gaps.length >> 1];
  const cuts: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (sorted[i] - sorted[i - 1] > CLUSTER_GAP * typical) cuts.push((sorted[i] + sorted[i - 1]) / 2);
  const clusterOf = (v: number) => {
    let [lo, hi] = [0, cuts.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const codes = Int32Array.from(values, clusterOf);
  const members: number[][] = Array.from({ length: cuts.length + 1 }, () => []);
  for (let i = 0; i < values.length; i++) members[codes[i]].push(values[i]);
  const held = members.filter((group) => group.length >= 2);
  const inHeld = held.reduce((sum, group) => sum + group.length, 0);
  // none over a quarter: a continuous density's gaps grow in its tails and cut them off its bulk
  if (held.length < MIN_LABELS || inHeld < 0.8 * values.length || Math.max(...members.map((g) => g.length)) > values.length / 4) return undefined;
  const centres = held.map((group) => group.sort((a, b) => a - b)[group.length >> 1]);
  const spacings = centres.slice(1).map((c, k) => c - centres[k]);
  const step = Float64Array.from(spacings).sort()[0];
  const onLattice = step > 0 && spacings.every((d) => Math.abs(d / step - Math.round(d / step)) < 0.1);
  const integers = onLattice ? Float64Array.from(values, (v) => Math.round((v - centres[0]) / step)) : undefined;
  return { codes, count: cuts.length + 1, integers, labels: true };
}

/** A lattice whose phase concentration (the mean resultant length of the values' phases on it) reaches this is taken. */
const LATTICE_CONCENTRATION = 0.15;
/** The most steps tried, and the most values they are tried on. */
const LATTICE_STEPS = 3000;
const LATTICE_SEARCH_VALUES = 1000;

/**
 * One column's values as their places on a lattice v ≈ offset + k·step, when they sit about one:
 * labels stored as reals with a Gaussian jitter of up to about a quarter of their spacing, whose
 * clusters touch (a gap between them is no wider than the gaps inside), so `naturalClusters` sees
 * none. The step is the one (between 4/n of the range and a quarter of the interquartile range,
 * so at least MIN_LABELS places) whose phases 2π·v/step concentrate most, when their mean resultant
 * length reaches LATTICE_CONCENTRATION: a jitter of σ on step s gives e^{−2π²σ²/s²} (0.29 at σ = s/4),
 * independent draws of a smooth density about n^−½ plus its characteristic function at 2π/step
 * (under 0.05 for a uniform or an exponential column at these steps). Chosen from x's values alone
 * (or y's), the places are a fixed function of each value for the held-out pairs, so their grouping
 * is a lower bound like the others; a lattice read into continuous data costs only width.
 * Before, 100 labels a side sharing their parity, each value with a jitter of 0.2 or 0.25 of the
 * spacing (0.63 and 0.48 nats), gave KSG, MINE and SMILE about 0 with trusted intervals.
 */
function latticePlaces(values: Float64Array, rng: Rng): Coded | undefined {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const range = sorted[n - 1] - sorted[0];
  const spread = sorted[Math.floor((3 * n) / 4)] - sorted[Math.floor(n / 4)];
  const [smallest, largest] = [(4 * range) / n, spread / 4];
  if (!(range > 0) || !(largest > smallest)) return undefined;
  const search = n <= LATTICE_SEARCH_VALUES ? values : Float64Array.from(rng.choice(n, LATTICE_SEARCH_VALUES), (i) => values[i]);
  const centre = sorted[n >> 1];
  const concentration = (step: number, of: Float64Array) => {
    let [c, s] = [0, 0];
    for (const v of of) {
      const phase = (2 * Math.PI * (v - centre)) / step;
      c += Math.cos(phase);
      s += Math.sin(phase);
    }
    return { length: Math.hypot(c, s) / of.length, angle: Math.atan2(s, c) };
  };
  // frequencies 1/step evenly spaced, a quarter of a cycle over the range apart (the peak is about
  // a cycle wide), each value's phasor advanced by one complex product per frequency
  const [lowest, highest] = [1 / largest, 1 / smallest];
  const stride = 1 / (4 * range);
  const count = Math.min(LATTICE_STEPS, Math.ceil((highest - lowest) / stride));
  const df = (highest - lowest) / count;
  const m = search.length;
  const [re, im, stepRe, stepIm] = [new Float64Array(m), new Float64Array(m), new Float64Array(m), new Float64Array(m)];
  for (let j = 0; j < m; j++) {
    const d = 2 * Math.PI * (search[j] - centre);
    [re[j], im[j], stepRe[j], stepIm[j]] = [Math.cos(d * lowest), Math.sin(d * lowest), Math.cos(d * df), Math.sin(d * df)];
  }
  let best = { step: 0, length: 0 };
  for (let k = 0; k <= count; k++) {
    let [c, s] = [0, 0];
    for (let j = 0; j < m; j++) {
      c += re[j];
      s += im[j];
      const r = re[j] * stepRe[j] - im[j] * stepIm[j];
      im[j] = re[j] * stepIm[j] + im[j] * stepRe[j];
      re[j] = r;
    }
    const length = Math.hypot(c, s) / m;
    if (length > best.length) best = { step: 1 / (lowest + k * df), length };
  }
  const { length, angle } = concentration(best.step, values);
  if (length < LATTICE_CONCENTRATION) return undefined;
  const offset = centre + (angle * best.step) / (2 * Math.PI);
  const integers = Float64Array.from(values, (v) => Math.round((v - offset) / best.step));
  const keys = new Map<number, number>();
  const codes = Int32Array.from(integers, (k) => {
    let code = keys.get(k);
    if (code === undefined) keys.set(k, (code = keys.size));
    return code;
  });
  return keys.size >= MIN_LABELS ? { codes, count: keys.size, integers, labels: true } : undefined;
}

function coded(m: Matrix64, rng: Rng): Coded | undefined {
  const keys = new Map<string, number>();
  const codes = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const key = Array.from(m.values.subarray(i * m.cols, (i + 1) * m.cols)).join(",");
    let code = keys.get(key);
    if (code === undefined) keys.set(key, (code = keys.size));
    codes[i] = code;
  }
  // one column of whole numbers (labels, identifiers, counts, days), repeated or not, has residues
  const integers = m.cols === 1 && m.values.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 53) ? m.values : undefined;
  if (keys.size <= m.rows / 2) return { codes, count: keys.size, integers, labels: true };
  if (m.cols === 1 && integers === undefined) {
    // clusters that touch are cut apart unevenly, off their lattice: its places, where one is found, come first
    const clusters = naturalClusters(m.values);
    const places = clusters?.integers === undefined ? latticePlaces(m.values, rng) : undefined;
    if (places !== undefined || clusters !== undefined) return places ?? clusters;
  }
  if (m.cols > 2) return undefined;
  const bins = m.cols === 1 ? CONTINUOUS_BINS : 3;
  const cells = cellCodes(midRanks(m), m.rows, m.cols, bins);
  return { codes: cells, count: Math.max(...cells) + 1, integers, labels: false };
}

/**
 * The standard coordinates of the labels of a and of b (their first `dims` correspondence-analysis
 * axes) from the paired codes on the fitting rows: the singular vectors of the table of standardised
 * residuals (n_ab/n − r_a c_b)/√(r_a c_b), found by subspace iteration on the sparse table.
 */
function correspondenceAxes(a: Coded, b: Coded, rows: readonly number[], dims: number, rng: Rng): { rowsAt: Float64Array[]; colsAt: Float64Array[] } {
  const n = rows.length;
  const r = new Float64Array(a.count);
  const c = new Float64Array(b.count);
  for (const i of rows) {
    r[a.codes[i]] += 1 / n;
    c[b.codes[i]] += 1 / n;
  }
  // S v, for v over b's labels; S' u, for u over a's
  const times = (v: Float64Array, from: Float64Array, to: Float64Array, fromCodes: Int32Array, toCodes: Int32Array): Float64Array => {
    const out = new Float64Array(to.length);
    let centre = 0;
    for (let k = 0; k < from.length; k++) centre += Math.sqrt(from[k]) * v[k];
    for (const i of rows) out[toCodes[i]] += v[fromCodes[i]] / (n * Math.sqrt(from[fromCodes[i]]));
    for (let k = 0; k < to.length; k++) out[k] = to[k] > 0 ? out[k] / Math.sqrt(to[k]) - Math.sqrt(to[k]) * centre : 0;
    return out;
  };
  let basis: Float64Array[] = Array.from({ length: dims }, () => Float64Array.from({ length: b.count }, () => rng.normal()));
  let left: Float64Array[] = [];
  for (let step = 0; step < POWER_STEPS; step++) {
    left = orthonormal(basis.map((v) => times(v, c, r, b.codes, a.codes)));
    basis = orthonormal(left.map((u) => times(u, r, c, a.codes, b.codes)));
  }
  const scale = (vectors: Float64Array[], weights: Float64Array) =>
    Array.from(weights, (w, k) => Float64Array.from(vectors, (v) => (w > 0 ? v[k] / Math.sqrt(w) : 0)));
  return { rowsAt: scale(left, r), colsAt: scale(basis, c) };
}

function orthonormal(vectors: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v of vectors) {
    const w = Float64Array.from(v);
    for (const u of out) {
      let dot = 0;
      for (let k = 0; k < w.length; k++) dot += w[k] * u[k];
      for (let k = 0; k < w.length; k++) w[k] -= dot * u[k];
    }
    const norm = Math.hypot(...w);
    out.push(norm > 0 ? w.map((value) => value / norm) : w);
  }
  return out;
}

/** Each label's group (0..groups−1) by k-means on its first groups−1 coordinates, weighted by how often it was seen; unseen labels form group `groups`. */
function grouped(points: Float64Array[], seen: Float64Array, groups: number, rng: Rng): Int32Array {
  const dims = groups - 1;
  const present = points.map((_, k) => k).filter((k) => seen[k] > 0);
  const assignment = new Int32Array(points.length).fill(groups);
  if (present.length <= groups) {
    present.forEach((k, g) => (assignment[k] = g));
    return assignment;
  }
  const distance = (p: Float64Array, q: Float64Array) => {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += (p[d] - q[d]) ** 2;
    return sum;
  };
  // k-means++ seeding
  const centres: Float64Array[] = [points[present[Math.floor(rng.uniform() * present.length)]].slice(0, dims)];
  while (centres.length < groups) {
    const weights = present.map((k) => seen[k] * Math.min(...centres.map((centre) => distance(points[k], centre))));
    const total = weights.reduce((s, w) => s + w, 0);
    let pick = rng.uniform() * total;
    let chosen = present[present.length - 1];
    for (let j = 0; j < present.length; j++) if ((pick -= weights[j]) <= 0) { chosen = present[j]; break; }
    centres.push(points[chosen].slice(0, dims));
  }
  for (let step = 0; step < KMEANS_STEPS; step++) {
    for (const k of present) {
      let best = 0;
      for (let g = 1; g < groups; g++) if (distance(points[k], centres[g]) < distance(points[k], centres[best])) best = g;
      assignment[k] = best;
    }
    for (let g = 0; g < groups; g++) {
      const sum = new Float64Array(dims);
      let weight = 0;
      for (const k of present) if (assignment[k] === g) {
        weight += seen[k];
        for (let d = 0; d < dims; d++) sum[d] += seen[k] * points[k][d];
      }
      if (weight > 0) centres[g] = sum.map((s) => s / weight);
    }
  }
  return assignment;
}

/** The most decimals told apart by `precisionClasses`; more are one class. */
const MAX_DECIMALS = 6;

/**
 * Each value's number of decimals (0 to MAX_DECIMALS, or one more for more), when at least two of
 * these classes hold 5 % of the values or more: values of instruments, forms or sources of
 * different precision pooled in one column. Otherwise undefined.
 */
function precisionClasses(values: Float64Array): Int32Array | undefined {
  const classes = Int32Array.from(values, (v) => {
    for (let k = 0; k <= MAX_DECIMALS; k++) {
      const scaled = v * 10 ** k;
      if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled))) return k;
    }
    return MAX_DECIMALS + 1;
  });
  const counts = new Array<number>(MAX_DECIMALS + 2).fill(0);
  for (const k of classes) counts[k] += 1;
  return counts.filter((count) => count >= 0.05 * values.length).length >= 2 ? classes : undefined;
}

function residues(values: Float64Array, modulus: number): Int32Array {
  return Int32Array.from(values, (v) => ((v % modulus) + modulus) % modulus);
}

const ALL_MODULI = Array.from({ length: MAX_MODULUS - 1 }, (_, k) => k + 2);

/** Whole numbers read another way, whose residues (`moduli`) are tried as groupings: a unit, a date, a timestamp, the digits. */
interface IntegerReading {
  values: Float64Array;
  moduli: number[];
  what: (modulus: number) => string;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

const MS_PER_DAY = 86_400_000;
/** The days since 1970-01-01 of YYYYMMDD, or undefined when it is no calendar date of the years 1800–2199. */
function calendarDay(v: number): number | undefined {
  const [year, month, day] = [Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100];
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  const time = Date.UTC(year, month - 1, day);
  return new Date(time).getUTCDate() === day ? time / MS_PER_DAY : undefined;
}

/**
 * The readings of a column of whole numbers beyond the values themselves, each a fixed function of
 * a value (so a grouping by it is a lower bound as any other): the values over their common step
 * (amounts in cents stored as multiples of 100, dates as epoch milliseconds at midnight: the residues
 * of the day number, not of the milliseconds, hold the weekday); a calendar date written YYYYMMDD
 * (its weekday and month); a timestamp in epoch milliseconds or seconds between 1973 and 2096 (the
 * weekday of its UTC day); and the sum of the decimal digits (identifiers and check digits; its
 * residues modulo 3 and 9 are the value's own). Before, a weekend flag beside dates as YYYYMMDD and
 * a flag set by the parity of an identifier's digit sum gave every trained method about 0 with a
 * trusted interval (the value's own residues say nothing of either).
 */
function integerReadings(values: Float64Array, count: number): IntegerReading[] {
  const readings: IntegerReading[] = [];
  let lowest = Infinity;
  for (const v of values) lowest = Math.min(lowest, v);
  let step = 0;
  for (const v of values) step = greatestCommonDivisor(v - lowest, step);
  if (step > 1) {
    const steps = Float64Array.from(values, (v) => (v - lowest) / step);
    readings.push({ values: steps, moduli: ALL_MODULI, what: (m) => `the residues modulo ${m} of their values over their common step ${step}` });
  }
  const days = Array.from(values, calendarDay);
  if (days.every((d) => d !== undefined)) {
    const asDays = Float64Array.from(days as number[]);
    readings.push({ values: asDays, moduli: [7], what: () => "the weekday of the dates (YYYYMMDD) they hold" });
    readings.push({ values: Float64Array.from(values, (v) => Math.floor(v / 100) % 100), moduli: [12], what: () => "the month of the dates (YYYYMMDD) they hold" });
  } else {
    const unit = lowest >= 1e11 && values.every((v) => v <= 4e12) ? MS_PER_DAY : lowest >= 1e8 && values.every((v) => v <= 4e9) ? 86_400 : undefined;
    if (unit !== undefined) readings.push({ values: Float64Array.from(values, (v) => Math.floor(v / unit)), moduli: [7], what: () => "the weekday of the timestamps they hold" });
  }
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  if (largest >= 100) {
    const digitSum = (v: number) => {
      let sum = 0;
      for (let rest = Math.abs(v); rest > 0; rest = Math.floor(rest / 10)) sum += rest % 10;
      return sum;
    };
    readings.push({ values: Float64Array.from(values, digitSum), moduli: ALL_MODULI.filter((m) => m !== 3 && m !== 9), what: (m) => `the residues modulo ${m} of their digit sums` });
  }
  // a reading needs more distinct values than the groups it makes
  return readings.filter((r) => count > Math.min(...r.moduli));
}

/**
 * A lower bound of I(X∧Y) for labels, values that repeat and whose order need not carry the
 * dependence (categories, identifiers, days): the plug-in MI of f(x) and g(y), each side's labels
 * merged into a few groups (a continuous side cut into bins), on the samples the groups were not
 * made from. I(f(X)∧g(Y)) ≤ I(X∧Y) for any f and g fixed before the held-out samples (data
 * processing). The groups tried: residues modulo 2–12 of integer labels (a weekday among day numbers,
 * a parity), 2–6 groups of the labels by k-means on their correspondence-analysis coordinates fitted
 * on the other half (labels with alike partners), and the number of decimals of a column that pools
 * values of different precision. A continuous column whose values sit in well-separated clusters
 * (labels stored as reals with a jitter) has the clusters for labels. Every other reference orders
 * the values, and missed dependence that sits in the labels' identities: 100 labels a side sharing
 * their parity (0.69 nats), a residue mod 3 or 5, deliveries on the order's weekday weeks later, the
 * same labels with a jitter, and which of two instruments of different precision gave a value, gave
 * every method (KSG too, where it applied) about 0 with trusted intervals. Of the groupings the one
 * with the highest lower end is kept, its estimate lowered for having been chosen among many
 * (Bonferroni), so that "clearly above" still means it. Undefined unless a side has at least
 * MIN_LABELS labels (or clusters), each seen twice on average, or pools values of different precision.
 */
export function labelGroupingBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  const rng = new Rng(seed);
  const kept = x.rows <= MAX_SAMPLES ? undefined : rng.choice(x.rows, MAX_SAMPLES);
  const [xs, ys] = kept === undefined ? [x, y] : [selectRows64(x, kept), selectRows64(y, kept)];
  const a = coded(xs, rng);
  const b = coded(ys, rng);
  if (a === undefined || b === undefined) return undefined;
  const precisionX = xs.cols === 1 ? precisionClasses(xs.values) : undefined;
  const precisionY = ys.cols === 1 ? precisionClasses(ys.values) : undefined;
  const residueSide = (side: Coded) => side.integers !== undefined && side.count >= MIN_LABELS;
  if (!((a.labels && a.count >= MIN_LABELS) || (b.labels && b.count >= MIN_LABELS) || residueSide(a) || residueSide(b) || precisionX || precisionY)) return undefined;
  const n = xs.rows;
  const order = rng.permutation(n);
  const fit = order.slice(0, n >> 1);
  const held = order.slice(n >> 1);
  const candidates: { f: Int32Array; g: Int32Array; what: string }[] = [];
  const whole = (side: Coded) => (side.labels && side.count > MIN_LABELS ? undefined : side.codes);
  // beside a residue, a side of many labels (or clusters) is cut into bins by rank, as a continuous one is
  const wholeOrBinned = (side: Coded, m: Matrix64) => whole(side) ?? (m.cols <= 2 ? cellCodes(midRanks(m), m.rows, m.cols, m.cols === 1 ? CONTINUOUS_BINS : 3) : undefined);
  // once per side, not once per modulus
  const [besideA, besideB] = [b.integers !== undefined ? wholeOrBinned(a, xs) : undefined, a.integers !== undefined ? wholeOrBinned(b, ys) : undefined];
  for (let modulus = 2; modulus <= MAX_MODULUS; modulus++) {
    const residuable = (side: Coded) => side.integers !== undefined && (!side.labels || side.count > modulus);
    const f = residuable(a) ? residues(a.integers as Float64Array, modulus) : residuable(b) ? besideA : whole(a);
    const g = residuable(b) ? residues(b.integers as Float64Array, modulus) : residuable(a) ? besideB : whole(b);
    if (f !== undefined && g !== undefined && (f !== a.codes || g !== b.codes)) candidates.push({ f, g, what: `their residues modulo ${modulus}` });
  }
  // the whole numbers read as steps, dates, timestamps or digits, beside the other side's labels or bins
  for (const [side, beside, isX] of [[a, besideB, true], [b, besideA, false]] as const) {
    if (side.integers === undefined || side.count < MIN_LABELS || beside === undefined) continue;
    for (const reading of integerReadings(side.integers, side.count)) {
      for (const modulus of reading.moduli) {
        const codes = residues(reading.values, modulus);
        candidates.push({ f: isX ? codes : beside, g: isX ? beside : codes, what: `${reading.what(modulus)} (${isX ? "x" : "y"})` });
      }
    }
  }
  // the values' precision, beside the other side's few labels or bins (pooled instruments, and y says which)
  const [wholeA, wholeB] = [whole(a), whole(b)];
  if (precisionX !== undefined && wholeB !== undefined) candidates.push({ f: precisionX, g: wholeB, what: "the number of decimals of x's values" });
  if (precisionY !== undefined && wholeA !== undefined) candidates.push({ f: wholeA, g: precisionY, what: "the number of decimals of y's values" });
  const dims = Math.min(MAX_GROUPS - 1, a.count - 1, b.count - 1);
  if (dims >= 1) {
    const axes = correspondenceAxes(a, b, fit, dims, rng);
    const seenA = new Float64Array(a.count);
    const seenB = new Float64Array(b.count);
    for (const i of fit) {
      seenA[a.codes[i]] += 1;
      seenB[b.codes[i]] += 1;
    }
    for (let groups = 2; groups <= dims + 1; groups++) {
      const f = a.labels && a.count > groups ? grouped(axes.rowsAt, seenA, groups, rng) : undefined;
      const g = b.labels && b.count > groups ? grouped(axes.colsAt, seenB, groups, rng) : undefined;
      candidates.push({
        f: f === undefined ? a.codes : Int32Array.from(a.codes, (code) => f[code]),
        g: g === undefined ? b.codes : Int32Array.from(b.codes, (code) => g[code]),
        what: `${groups} groups of alike labels`,
      });
    }
  }
  const measured = candidates
    .map(({ f, g, what }) => ({ f: Int32Array.from(held, (i) => f[i]), g: Int32Array.from(held, (i) => g[i]), what }))
    .filter(({ f, g }) => jointCellCount(f, g) <= held.length / 5)
    .map(({ f, g, what }) => ({ ...permutationCorrectedPlugIn(f, g, rng), what }));
  if (measured.length === 0) return undefined;
  const z = normalQuantile(1 - 0.05 / measured.length);
  const best = measured.reduce((p, q) => (q.estimate - z * q.standardError > p.estimate - z * p.standardError ? q : p));
  return {
    estimate: best.estimate - (z - ONE_SIDED_95) * best.standardError,
    standardError: best.standardError,
    description:
      `a lower bound of the MI (the plug-in MI of x's and y's values merged by ${best.what}, on ${held.length} samples the merging was not made from, ` +
      `less its bias and lowered for being the best of ${measured.length} mergings)`,
    cause: "the dependence sits in which values occur together, not in their order (labels, categories, identifiers, days)",
  };
}
