/**
 * Bound values and their standard errors from network outputs, in float64.
 *
 * The standard error is the delta-method approximation for a fixed network: the joint
 * average and the reference average are treated as independent sample means. It measures
 * how much the estimate would move with other samples of the same size, not how far
 * training is from the optimum.
 */
export interface Evaluation {
  estimate: number;
  standardError: number;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Unbiased sample variance (0 for a single value). */
export function variance(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - m) ** 2;
  return sum / (values.length - 1);
}

export interface DivergenceOutputs {
  joint: ArrayLike<number>;
  reference: ArrayLike<number>;
}

/** e^{t − shift} for each t, with the shift that keeps the largest at 1. */
export function scaledExp(values: ArrayLike<number>): { scaled: Float64Array; shift: number } {
  let shift = -Infinity;
  for (let i = 0; i < values.length; i++) shift = Math.max(shift, values[i]);
  const scaled = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) scaled[i] = Math.exp(values[i] - shift);
  return { scaled, shift };
}

/** The k-th smallest value (1-based) of `values`, which it reorders. */
export function kthSmallest(values: Float64Array, k: number): number {
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

/** Every subset of `size` of 0..n−1, in increasing order. */
export function subsetsOf(n: number, size: number): number[][] {
  const out: number[][] = [];
  const grow = (from: number, chosen: number[]) => {
    if (chosen.length === size) out.push([...chosen]);
    else for (let k = from; k < n; k++) grow(k + 1, [...chosen, k]);
  };
  grow(0, []);
  return out;
}

/** The interquartile range, or the range where most values are one (a tail can be what matters). */
export function spread(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
  const iqr = at(0.75) - at(0.25);
  return iqr > 0 ? iqr : at(1) - at(0);
}

/**
 * Keeps `distances` (ascending, Infinity where empty) and `nearest` the closest rows seen so far:
 * row `j` at squared distance `dist` goes in its place when it is nearer than the last one kept.
 */
export function keepNearest(distances: Float64Array, nearest: Int32Array, dist: number, j: number): void {
  const last = distances.length - 1;
  if (dist === 0 || dist >= distances[last]) return;
  let slot = last;
  while (slot > 0 && distances[slot - 1] > dist) {
    distances[slot] = distances[slot - 1];
    nearest[slot] = nearest[slot - 1];
    slot--;
  }
  distances[slot] = dist;
  nearest[slot] = j;
}

/**
 * The rows `rows` of `columns`, one after another, each column divided by its spread; undefined when a
 * column has no spread (constant) or an infinite one.
 */
export function scaledRows(columns: ArrayLike<number>[], rows: readonly number[]): Float64Array | undefined {
  const dims = columns.length;
  const n = rows.length;
  const point = new Float64Array(n * dims);
  for (let c = 0; c < dims; c++) {
    const values = Float64Array.from(rows, (k) => columns[c][k]);
    const s = spread(values);
    if (!(s > 0 && Number.isFinite(s))) return undefined;
    for (let r = 0; r < n; r++) point[r * dims + c] = values[r] / s;
  }
  return point;
}
