// The cycle of one column that a target follows most closely, and that cycle's phase as features: what the regression
// bound (regression-bound.ts) reads where one continuous column follows a cycle of another, such as a daily cycle of a
// time written in seconds, too many periods over the column's range for a critic or KSG's neighbours to resolve.

/** Frequencies are tried in steps of a quarter of a cycle over the column's range. */
const STEPS_PER_CYCLE = 4;
/**
 * The fewest cycles over the column's range tried: fewer are a trend, or a bend, that the other bounds read (the
 * projection's and the neighbours'), and a cycle's message would misname it.
 */
const FEWEST_CYCLES = 10;
/** The most cycles over the range tried: one per fitting row, at most this many. */
const MOST_CYCLES = 500;
/** Harmonics of the picked cycle taken as features (the cycle itself and twice it). */
const HARMONICS = 2;

/** A cycle of a column: its frequency (cycles per unit of the column) and the value its phase is counted from. */
export interface Cycle {
  frequency: number;
  origin: number;
}

/**
 * The cycle of `column` (one value per row) whose cosine and sine together follow `target` most closely over `rows`
 * (the largest |Σ (t − t̄) e^{2πi f (v − origin)}|, a periodogram of unevenly spaced values), from FEWEST_CYCLES over the
 * column's range to as many as there are rows; undefined where the column does not vary or the rows are too few. The column's range is taken
 * over all rows, the target over `rows` only, so a cycle picked on a fitting half uses nothing of the rows it is scored on.
 * A few far values (one record dated decades away) stretch the range, and the cycle of the rest then has more periods over
 * it than are tried (a daily cycle of a year of times, with one time in 2100: 27,800): where the central 95 % of the values
 * span less than half the range, the same cycles are tried over that span too, and the stronger is kept.
 */
export function strongestCycle(column: Float64Array, target: Float64Array, rows: readonly number[]): Cycle | undefined {
  let origin = Infinity;
  let highest = -Infinity;
  for (const v of column) {
    origin = Math.min(origin, v);
    highest = Math.max(highest, v);
  }
  const range = highest - origin;
  if (!(range > 0) || !Number.isFinite(range)) return undefined;
  const cycles = Math.min(MOST_CYCLES, rows.length);
  if (cycles < FEWEST_CYCLES) return undefined;
  const central = centralSpan(column);
  const spans = central > 0 && central < range / 2 ? [range, central] : [range];
  let best: { frequency: number; power: number } | undefined;
  for (const span of spans) {
    const peak = periodogramPeak(column, target, rows, origin, span, cycles);
    if (best === undefined || peak.power > best.power) best = peak;
  }
  return best === undefined ? undefined : { frequency: best.frequency, origin };
}

/** The span of the central 95 % of a column's values. */
function centralSpan(column: Float64Array): number {
  const sorted = Float64Array.from(column).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return at(0.975) - at(0.025);
}

/** The strongest of the frequencies 10/span, 10.25/span, … cycles/span over `rows` (STEPS_PER_CYCLE steps a cycle), with its power. */
function periodogramPeak(
  column: Float64Array,
  target: Float64Array,
  rows: readonly number[],
  origin: number,
  span: number,
  cycles: number,
): { frequency: number; power: number } {
  const count = cycles * STEPS_PER_CYCLE;
  const centre = rows.reduce((sum, i) => sum + target[i], 0) / rows.length;
  const cosines = new Float64Array(count);
  const sines = new Float64Array(count);
  for (const i of rows) {
    const t = target[i] - centre;
    const position = (column[i] - origin) / span;
    // e^{2πi·position·f} for f = 1/STEPS_PER_CYCLE, 2/STEPS_PER_CYCLE, …: a rotation by the first step each time
    const stepCos = Math.cos((2 * Math.PI * position) / STEPS_PER_CYCLE);
    const stepSin = Math.sin((2 * Math.PI * position) / STEPS_PER_CYCLE);
    let c = stepCos;
    let s = stepSin;
    for (let k = 0; k < count; k++) {
      cosines[k] += t * c;
      sines[k] += t * s;
      const next = c * stepCos - s * stepSin;
      s = s * stepCos + c * stepSin;
      c = next;
    }
  }
  let best = FEWEST_CYCLES * STEPS_PER_CYCLE - 1;
  let bestPower = -Infinity;
  for (let k = best; k < count; k++) {
    const power = cosines[k] ** 2 + sines[k] ** 2;
    if (power > bestPower) {
      bestPower = power;
      best = k;
    }
  }
  return { frequency: (best + 1) / STEPS_PER_CYCLE / span, power: bestPower };
}

/** The cosine and sine of the cycle's phase and of its harmonics, per row (row-major, 2·HARMONICS a row), not standardised. */
export function cycleFeatures(column: Float64Array, cycle: Cycle): { values: Float64Array; count: number } {
  const count = 2 * HARMONICS;
  const values = new Float64Array(column.length * count);
  for (let i = 0; i < column.length; i++) {
    const phase = 2 * Math.PI * cycle.frequency * (column[i] - cycle.origin);
    for (let h = 1; h <= HARMONICS; h++) {
      values[i * count + 2 * (h - 1)] = Math.cos(h * phase);
      values[i * count + 2 * (h - 1) + 1] = Math.sin(h * phase);
    }
  }
  return { values, count };
}
