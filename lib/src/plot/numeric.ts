/** `count` evenly spaced values from `low` to `high`, both included (numpy's linspace). */
export function linspace(low: number, high: number, count: number): number[] {
  if (count === 1) return [low];
  const step = (high - low) / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? high : low + i * step));
}

export function extent(values: ArrayLike<number>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < low) low = values[i];
    if (values[i] > high) high = values[i];
  }
  return [low, high];
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Sample covariance (divisor n − 1) of two equally long sequences; 0 for a single value. */
export function covariance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n < 2) return 0;
  const ma = mean(a);
  const mb = mean(b);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (a[i] - ma) * (b[i] - mb);
  return sum / (n - 1);
}

export function column(rows: number[][], index: number): number[] {
  return rows.map((row) => row[index]);
}

/** Widens a degenerate range (low = high) so that it can be drawn. */
export function padRange([low, high]: [number, number], fraction = 0.05): [number, number] {
  const span = high - low;
  const pad = span > 0 ? span * fraction : Math.max(Math.abs(low), 1) * 0.5;
  return [low - pad, high + pad];
}
