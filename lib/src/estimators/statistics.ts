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
  return { scaled: Float64Array.from(values, (v) => Math.exp(v - shift)), shift };
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
