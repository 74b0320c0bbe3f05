/** Rank statistics the coordinate screens share (coordinate-screen.ts, coordinate-bounds.ts). */

/** Columns of `m` on `rows`, each as its own array. */
export function columnsOf(m: { readonly values: ArrayLike<number>; readonly cols: number }, rows: readonly number[]): Float64Array[] {
  return Array.from({ length: m.cols }, (_, c) => Float64Array.from(rows, (r) => m.values[r * m.cols + c]));
}

/** Every column of m as its own array (a loop: copying through Float64Array.from's callback cost seconds at a million rows). */
export function everyColumnOf(m: { readonly values: ArrayLike<number>; readonly rows: number; readonly cols: number }): Float64Array[] {
  return Array.from({ length: m.cols }, (_, c) => {
    const column = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) column[i] = m.values[i * m.cols + c];
    return column;
  });
}

/** The indices of `values` in increasing order of value. */
export function sortedBy(values: Float64Array): Int32Array {
  return Int32Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
}

/** Each value's rank (ties in order of appearance: the screens only rank pairs). */
export function ranksOf(values: Float64Array): Float64Array {
  const ranks = new Float64Array(values.length);
  sortedBy(values).forEach((row, rank) => (ranks[row] = rank));
  return ranks;
}

/** Pearson's correlation of two columns (0 when either is constant). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let k = 0; k < n; k++) {
    ma += a[k];
    mb += b[k];
  }
  ma /= n;
  mb /= n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let k = 0; k < n; k++) {
    cov += (a[k] - ma) * (b[k] - mb);
    va += (a[k] - ma) ** 2;
    vb += (b[k] - mb) ** 2;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/**
 * The correlation of `ranks` between the samples 2k and 2k + 1 of `order` (each next to its
 * nearest neighbour in the coordinate `order` sorts by, in disjoint pairs): near 0 when the
 * other coordinate is independent of that one, whatever the shape of a dependence.
 */
export function neighbourRankCorrelation(order: Int32Array, ranks: Float64Array): number {
  const pairs = order.length >> 1;
  return correlation(
    Float64Array.from({ length: pairs }, (_, k) => ranks[order[2 * k]]),
    Float64Array.from({ length: pairs }, (_, k) => ranks[order[2 * k + 1]]),
  );
}
