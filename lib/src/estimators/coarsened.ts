import type { Matrix64 } from "../data/matrix";
import { Rng } from "../random/rng";
import { mean, variance } from "./statistics";

/** Permutations of y behind the coarsened plug-in's bias and null spread. */
const PERMUTATIONS = 20;

/**
 * Each value's mid-rank in its column (ties share one), so that equal-frequency bins by rank
 * never split repeated values: an atom holding most of the samples falls in one bin, the
 * values on either side of it in others.
 */
export function midRanks(m: Matrix64): Float64Array {
  const ranks = new Float64Array(m.values.length);
  const at = (row: number, c: number) => m.values[row * m.cols + c];
  for (let c = 0; c < m.cols; c++) {
    const order = Array.from({ length: m.rows }, (_, i) => i).sort((a, b) => at(a, c) - at(b, c));
    for (let start = 0; start < m.rows; ) {
      let end = start + 1;
      while (end < m.rows && at(order[end], c) === at(order[start], c)) end++;
      for (let k = start; k < end; k++) ranks[order[k] * m.cols + c] = (start + end - 1) / 2;
      start = end;
    }
  }
  return ranks;
}

/** One integer per row: the row's cell when each column is cut into `bins` equal-frequency bins by mid-rank. */
export function cellCodes(ranks: Float64Array, rows: number, cols: number, bins: number): Int32Array {
  const keys = new Map<string, number>();
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let key = "";
    for (let c = 0; c < cols; c++) key += `${Math.floor((ranks[i * cols + c] * bins) / rows)},`;
    let code = keys.get(key);
    if (code === undefined) keys.set(key, (code = keys.size));
    codes[i] = code;
  }
  return codes;
}

function counts(codes: ArrayLike<number>): Map<number, number> {
  const found = new Map<number, number>();
  for (let i = 0; i < codes.length; i++) found.set(codes[i], (found.get(codes[i]) ?? 0) + 1);
  return found;
}

/** The plug-in MI's per-sample log-ratios log(n·c_xy/(c_x·c_y)) of paired cell codes, and the number of joint cells. */
function plugInTerms(a: Int32Array, b: Int32Array, width: number): { terms: Float64Array; jointCells: number } {
  return everyCodeBelow(a, width) && everyCodeBelow(b, width) ? plugInTermsOfSmallCodes(a, b, width) : plugInTermsByKeys(a, b, width);
}

function everyCodeBelow(codes: Int32Array, width: number): boolean {
  for (let i = 0; i < codes.length; i++) if (codes[i] < 0 || codes[i] >= width) return false;
  return true;
}

/** plugInTerms with the joint cell of a row keyed as a·width + b (codes past width may share keys). */
function plugInTermsByKeys(a: Int32Array, b: Int32Array, width: number): { terms: Float64Array; jointCells: number } {
  const n = a.length;
  const ca = counts(a);
  const cb = counts(b);
  const joint = Float64Array.from(a, (code, i) => code * width + b[i]);
  const cab = counts(joint);
  const terms = Float64Array.from(joint, (key, i) => Math.log((n * (cab.get(key) as number)) / ((ca.get(a[i]) as number) * (cb.get(b[i]) as number))));
  return { terms, jointCells: cab.size };
}

/**
 * plugInTerms for codes in [0, width), where every key a·width + b is its own pair: counted in
 * arrays, the joint cells within each code of a (rows grouped by it), where maps of the keys
 * took most of the time of the bounds that permute codes.
 */
function plugInTermsOfSmallCodes(a: Int32Array, b: Int32Array, width: number): { terms: Float64Array; jointCells: number } {
  const n = a.length;
  const [ca, cb] = [new Int32Array(width), new Int32Array(width)];
  for (let i = 0; i < n; i++) {
    ca[a[i]] += 1;
    cb[b[i]] += 1;
  }
  const groupStart = new Int32Array(width + 1);
  for (let code = 0; code < width; code++) groupStart[code + 1] = groupStart[code] + ca[code];
  const filledTo = groupStart.slice(0, width);
  const grouped = new Int32Array(n);
  for (let i = 0; i < n; i++) grouped[filledTo[a[i]]++] = i;
  const inCell = new Int32Array(width);
  const cab = new Int32Array(n);
  let jointCells = 0;
  for (let code = 0; code < width; code++) {
    const [first, end] = [groupStart[code], groupStart[code + 1]];
    for (let k = first; k < end; k++) if (inCell[b[grouped[k]]]++ === 0) jointCells += 1;
    for (let k = first; k < end; k++) cab[grouped[k]] = inCell[b[grouped[k]]];
    for (let k = first; k < end; k++) inCell[b[grouped[k]]] = 0;
  }
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) terms[i] = Math.log((n * cab[i]) / (ca[a[i]] * cb[b[i]]));
  return { terms, jointCells };
}

/**
 * A lower bound of I(X∧Y) that holds whatever the data (continuous, discrete, or mixtures with
 * atoms): the plug-in MI of x and y coarsened into equal-frequency bins by rank, with repeated
 * values never split. I(f(X)∧g(Y)) ≤ I(X∧Y) for any f and g (data processing), so the coarsened
 * MI is below the MI, and its plug-in estimate is too, once the plug-in's upward bias is removed:
 * that bias is measured as the mean of the same estimate with y's rows permuted (which is at
 * least the bias under dependence, whose joint cells are fewer), and the permutations' spread
 * joins the per-sample standard error (near independence the log-ratios barely vary and
 * understate it). The bins per column are the most that keep the occupied joint cells
 * at most n/10 (`maxJointCellsPerSample`·n), so that every cell's frequency rests on many samples;
 * `maxBins` caps them. Undefined when not even two bins fit.
 */
export function coarsenedPlugInLowerBound(
  x: Matrix64, y: Matrix64, seed: number, { maxBins = Infinity, maxJointCellsPerSample = 1 / 10 }: { maxBins?: number; maxJointCellsPerSample?: number } = {},
): { estimate: number; standardError: number; bins: number } | undefined {
  const n = x.rows;
  const ranksX = midRanks(x);
  const ranksY = midRanks(y);
  let chosen: { a: Int32Array; b: Int32Array; bins: number; terms: Float64Array } | undefined;
  for (let bins = 2; bins <= Math.min(maxBins, n / 10); bins++) {
    const a = cellCodes(ranksX, n, x.cols, bins);
    const b = cellCodes(ranksY, n, y.cols, bins);
    const { terms, jointCells } = plugInTerms(a, b, n);
    if (jointCells > n * maxJointCellsPerSample) break;
    chosen = { a, b, bins, terms };
  }
  if (chosen === undefined) return undefined;
  return { ...permutationCorrectedPlugIn(chosen.a, chosen.b, new Rng(seed), chosen.terms), bins: chosen.bins };
}

/**
 * The plug-in MI of paired codes (integers below a.length) less its bias under independence,
 * measured as the mean of the same estimate with b's rows permuted, with a standard error that
 * joins the per-sample log-ratios' to the permutations' spread: a lower bound estimate of the
 * codes' MI, since the bias under dependence is at most that under independence (see
 * `coarsenedPlugInLowerBound`).
 */
export function permutationCorrectedPlugIn(
  a: Int32Array, b: Int32Array, rng: Rng, terms: Float64Array = plugInTerms(a, b, a.length).terms,
): { estimate: number; standardError: number } {
  const n = a.length;
  const nullEstimates = Array.from({ length: PERMUTATIONS }, () => {
    const permuted = Int32Array.from(rng.permutation(n), (i) => b[i]);
    return mean(plugInTerms(a, permuted, n).terms);
  });
  return { estimate: mean(terms) - mean(nullEstimates), standardError: Math.sqrt(variance(terms) / n + variance(nullEstimates)) };
}

/** The number of distinct pairs of paired codes. */
export function jointCellCount(a: Int32Array, b: Int32Array): number {
  const seen = new Set<number>();
  for (let i = 0; i < a.length; i++) seen.add(a[i] * a.length + b[i]);
  return seen.size;
}
