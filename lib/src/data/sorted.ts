/** The first index of ascending `sorted` whose value is not below v (its length if none): a value's rank among them. */
export function firstAtLeast(sorted: Float64Array, v: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
