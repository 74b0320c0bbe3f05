// Columns that cycle with the rows' order (calendar columns beside rows in date order), for the
// serial check in standardise.ts.

/** The share of rows a cycle may miss (a leap day shifts a month column by a day for a year: 11 of 1096 rows at lag 365 over 2021–2024). */
const CYCLE_MISMATCH = 0.02;
/** The fewest rows per distinct value, on average, of a column taken as a cycle. */
const CYCLE_ROWS_PER_VALUE = 10;

/**
 * The period p of a column that repeats itself in the rows' order (a weekday, an hour of the day or
 * a month beside daily rows in date order): the least lag p ≥ 2 at which all but CYCLE_MISMATCH of
 * the rows equal the row p before, when no shorter lag does and at least two whole cycles are given;
 * else undefined. A slow regime flag or a sorted label repeats at lag 1 already, so it has none.
 */
export function cyclePeriod(values: Float64Array): number | undefined {
  const n = values.length;
  // a calendar takes few values, each in many rows; a block of rows given twice (a series appended
  // to itself) repeats too, with as many values as rows in the block, and must still be tested
  if (new Set(values).size > n / CYCLE_ROWS_PER_VALUE) return undefined;
  for (let p = 1; 2 * p <= n; p++) {
    let misses = 0;
    const allowed = CYCLE_MISMATCH * (n - p);
    for (let i = p; i < n && misses <= allowed; i++) if (values[i] !== values[i - p]) misses += 1;
    if (misses <= allowed) return p >= 2 ? p : undefined;
  }
  return undefined;
}

/**
 * Each row's rank within its class (the rows sharing the values of the cyclic columns), as a share of
 * the class, spread over the ranks' own range: what the serial tests read beside a cycle. A column
 * set by the weekday (sales) repeats with the weekday in its level and its spread, which is the MI
 * measured, not a series; within their class independent rows are in random order.
 */
export function ranksWithinClasses(ranks: Float64Array, classes: string[]): Float64Array {
  const members = new Map<string, number[]>();
  classes.forEach((key, i) => {
    const list = members.get(key);
    if (list === undefined) members.set(key, [i]);
    else list.push(i);
  });
  const n = ranks.length;
  const within = new Float64Array(n);
  for (const rows of members.values()) {
    rows.sort((a, b) => ranks[a] - ranks[b]);
    for (let start = 0; start < rows.length; ) {
      let end = start + 1;
      while (end < rows.length && ranks[rows[end]] === ranks[rows[start]]) end++;
      const share = (start + end) / 2 / rows.length;
      for (let k = start; k < end; k++) within[rows[k]] = share * n - 0.5;
      start = end;
    }
  }
  return within;
}
