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
  if (moreDistinctThan(values, n / CYCLE_ROWS_PER_VALUE)) return undefined;
  for (let p = 1; 2 * p <= n; p++) {
    let misses = 0;
    const allowed = CYCLE_MISMATCH * (n - p);
    for (let i = p; i < n && misses <= allowed; i++) if (values[i] !== values[i - p]) misses += 1;
    if (misses <= allowed) return p >= 2 ? p : undefined;
  }
  return undefined;
}

/** Whether `values` holds more than `limit` distinct values (stops counting there). */
function moreDistinctThan(values: Float64Array, limit: number): boolean {
  const seen = new Set<number>();
  for (const v of values) {
    seen.add(v);
    if (seen.size > limit) return true;
  }
  return false;
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

/** The fewest rows in a run of a calendar counter (a day of the year, an hour stamp) between two resets. */
const COUNTER_RUN_ROWS = 10;

/**
 * The classes within which the serial check tests the other columns beside a column that says how
 * the rows are ordered in time, or undefined for a column that does not: a cycle of few values
 * (`cyclePeriod`: a weekday, a month) gives its values; a calendar counter gives its values binned
 * into about n/CYCLE_ROWS_PER_VALUE classes of neighbouring values. A counter (the day of the year
 * beside three years of daily rows) rises through its values, resets, and rises again: at least two
 * resets, runs of at least COUNTER_RUN_ROWS rows, never falling within a run, each run's values
 * reaching over the first run's. It takes a value per row of each run, too many to be a cycle, and
 * with it as a class each class held 3 rows, in which a series beside it no longer shows; in bins of
 * ten or more rows a series still does (its neighbouring days fall in one bin), while a y set by the
 * season varies little within a bin. Before, such a column was itself called a series, and every
 * estimate beside it untrusted.
 */
export function calendarClasses(values: Float64Array): Float64Array | undefined {
  if (cyclePeriod(values) !== undefined) return values;
  const n = values.length;
  const starts = [0];
  for (let i = 1; i < n; i++) if (values[i] < values[i - 1]) starts.push(i);
  if (starts.length < 3) return undefined;
  const ends = [...starts.slice(1), n];
  if (starts.some((start, r) => ends[r] - start < COUNTER_RUN_ROWS)) return undefined;
  // each run spans most of the first run's values (a counter restarting, not rows sorted in groups of other ranges)
  const [low, high] = [values[0], values[ends[0] - 1]];
  if (!(high > low)) return undefined;
  const overlaps = starts.every((start, r) => {
    const [a, b] = [values[start], values[ends[r] - 1]];
    return Math.min(b, high) - Math.max(a, low) >= 0.5 * (high - low);
  });
  if (!overlaps) return undefined;
  // bins of neighbouring values holding about CYCLE_ROWS_PER_VALUE rows each
  const distinct = Float64Array.from(new Set(values)).sort();
  const bins = Math.max(1, Math.floor(n / CYCLE_ROWS_PER_VALUE));
  if (distinct.length <= bins) return values;
  const binOf = new Map<number, number>();
  distinct.forEach((v, k) => binOf.set(v, Math.floor((k * bins) / distinct.length)));
  return Float64Array.from(values, (v) => binOf.get(v) as number);
}

