import { requireBackend } from "../backend";
import { checkInteger, checkKnownOptions, checkOneOf, checkOptionsObject, checkPositiveInteger, fail } from "../data/checks";
import { checkSameRows, toMatrix, type Samples } from "../data/matrix";
import { inUnit, INFORMATION_UNITS, type InformationUnit } from "../tasks/task";
import type { MIEstimateResult, MIEstimator } from "./interface";
import { standardiseColumns } from "./standardise";
import { mean, variance } from "./statistics";
import { digamma } from "../tasks/special-functions";

export interface KSGOptions {
  /** Neighbours k (default 10, as bmi's KSG). */
  neighbors?: number;
  unit?: InformationUnit;
  /** Accepted for the common interface; KSG draws nothing at random. */
  seed?: number;
}

const KSG_OPTION_NAMES = ["neighbors", "unit", "seed"];
/** Above this many coordinates in all, KSG's downward bias on strong dependence can exceed its spread. */
const TRUSTED_DIMENSIONS = 6;
const Z95 = 1.96;

/**
 * The Kraskov–Stögbauer–Grassberger estimator (their first, with the max-norm) on
 * standardised columns: with ε_i the distance from point i to its k-th neighbour in (x, y),
 * I ≈ ψ(k) + ψ(n) − mean over i of [ψ(n_x,i + 1) + ψ(n_y,i + 1)], where n_x,i counts the
 * other points closer than ε_i in x alone (n_y,i in y). Exact pairwise distances, O(n²·d).
 */
export function ksgEstimate(x: Samples, y: Samples, options: KSGOptions = {}): MIEstimateResult {
  requireBackend();
  const started = Date.now();
  const what = 'estimateMI(x, y, { method: "ksg" })';
  checkKnownOptions(checkOptionsObject(options, what), KSG_OPTION_NAMES, what);
  const { neighbors = 10, unit = "nats", seed = 0 } = options;
  checkInteger(seed, `${what}: seed`);
  checkOneOf(unit, `${what}: unit`, INFORMATION_UNITS);
  const xm = toMatrix(x, `${what}: x`);
  const ym = toMatrix(y, `${what}: y`);
  checkSameRows(xm, "x", ym, "y");
  const n = xm.rows;
  checkPositiveInteger(neighbors, `${what}: neighbors`);
  if (neighbors >= n) fail(`${what}: neighbors = ${neighbors} needs more than ${neighbors} samples, got ${n}; lower neighbors.`);
  const all = Array.from({ length: n }, (_, i) => i);
  const xs = standardiseColumns(xm, all, `${what}: x`).values;
  const ys = standardiseColumns(ym, all, `${what}: y`).values;
  const dx = xm.cols;
  const dy = ym.cols;

  const distX = new Float64Array(n);
  const distY = new Float64Array(n);
  const joint = new Float64Array(n);
  const terms = new Float64Array(n);
  const constant = digamma(neighbors) + digamma(n);
  let tied = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      distX[j] = maxNorm(xs, dx, i, j);
      distY[j] = maxNorm(ys, dy, i, j);
      joint[j] = Math.max(distX[j], distY[j]);
    }
    joint[i] = Infinity;
    const epsilon = kthSmallest(joint, neighbors);
    if (epsilon === 0) tied += 1;
    let nx = 0;
    let ny = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (distX[j] < epsilon) nx += 1;
      if (distY[j] < epsilon) ny += 1;
    }
    terms[i] = constant - digamma(nx + 1) - digamma(ny + 1);
  }
  const estimate = mean(terms);
  // the per-point terms' standard error; it ignores the terms' mutual dependence and KSG's bias
  const standardError = Math.sqrt(variance(terms) / n);
  const warnings: string[] = [];
  const dimensions = dx + dy;
  if (dimensions > TRUSTED_DIMENSIONS) {
    warnings.push(
      `KSG in ${dimensions} dimensions: its downward bias on strongly dependent data grows with the dimension ` +
        "and is not in the interval; compare with a neural method (\"mine\").",
    );
  }
  // KSG assumes continuous data: repeated values put neighbours at distance 0, where it counts
  // nothing and its estimate grows without meaning (log 3 nats of a three-valued copy came out as 9.8)
  if (tied > 0) {
    warnings.push(
      `${tied} of ${n} points have their ${neighbors}th neighbour at distance 0 (repeated values): KSG assumes continuous ` +
        "data and its estimate means nothing there; use a neural method (\"mine\") for discrete or rounded data.",
    );
  }
  // every point contributing the same term means x and y determine each other exactly: for
  // continuous data the MI is then unbounded, and a zero-width interval would claim certainty
  const sameTerm = terms.every((term) => term === terms[0]);
  if (sameTerm) {
    warnings.push(
      "every point contributes the same term, so x and y determine each other exactly; for continuous data the MI is then " +
        "unbounded and no finite estimate is right.",
    );
  }
  const trusted = dimensions <= TRUSTED_DIMENSIONS && tied === 0 && !sameTerm;
  const toUnit = (v: number) => inUnit(v, unit);
  return {
    estimate: toUnit(estimate),
    interval: trusted ? [toUnit(estimate - Z95 * standardError), toUnit(estimate + Z95 * standardError)] : [toUnit(estimate - Z95 * standardError), Infinity],
    unit,
    method: "ksg",
    trusted,
    warnings,
    diagnostics: { neighbors, samples: n, standardError: toUnit(standardError), tiedPoints: tied },
    history: { loss: [], estimate: [], heldOut: [] },
    seconds: (Date.now() - started) / 1000,
  };
}

export const KSG_ESTIMATOR: MIEstimator = {
  name: "ksg",
  description: "KSG: k-nearest-neighbour estimator (Kraskov et al. 2004), no training; strong in few dimensions",
  optionNames: KSG_OPTION_NAMES,
  estimate: async (x, y, options) => ksgEstimate(x, y, options as KSGOptions),
};

function maxNorm(values: Float32Array, d: number, i: number, j: number): number {
  let largest = 0;
  for (let c = 0; c < d; c++) largest = Math.max(largest, Math.abs(values[i * d + c] - values[j * d + c]));
  return largest;
}

/** The k-th smallest value (1-based) of `values`, which it reorders. */
function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target];
  }
  return values[target];
}
