import type { Matrix64 } from "../data/matrix";
import { rossEstimate } from "./mixed";
import type { NeighbourBound } from "./neighbour-bound";
import { hasRepeatedValues } from "./standardise";

/**
 * How many rows a value must be seen in before its own dependence can be told: KSG's k, the
 * neighbours over which it averages (a value seen in fewer rows shares its neighbourhood with others).
 */
const RESOLVED_COUNT = 10;

/** The median, over rows, of how many rows hold the row's value. */
function medianValueCount(values: Float64Array): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Float64Array.from(values, (v) => counts.get(v) as number).sort()[values.length >> 1];
}

/**
 * Why an interval that reaches 0 (no dependence shown) is not trusted when one side is a column of
 * whole numbers (labels, categories, identifiers) beside a side that repeats no value, and most rows'
 * numbers are seen fewer than RESOLVED_COUNT times: dependence carried by which label a row has, not
 * by the labels' order, is then seen by no estimator or bound. 300 labels a few times each beside
 * x = μ_label + noise (μ drawn per label; 0.16–0.18 nats) gave MINE 0.00 [−0.01, 0.05] and [−0.01,
 * 0.10], trusted; the label-grouping bound needs each label on both halves, the plug-in MI and Ross's
 * estimator at most √n labels, and the neighbour bound, which pairs rows of one label, sees about a
 * third of the MI at best. Values with decimals (rounded measurements, whose order carries their
 * dependence) are left alone: on independent values rounded to 0.01 the rule fired in 2 draws of 4.
 * Undefined when no side is such.
 */
export function rareValuesReason(x: Matrix64, y: Matrix64): string | undefined {
  const sides = [["x", x, y], ["y", y, x]] as const;
  for (const [name, labels, other] of sides) {
    if (labels.cols !== 1 || !labels.values.every(Number.isInteger) || hasRepeatedValues(other)) continue;
    const median = medianValueCount(labels.values);
    if (median >= 2 && median < RESOLVED_COUNT) {
      return (
        `no dependence was found (the interval reaches 0), and ${name} is a column of whole numbers (labels, categories, identifiers) of which half of the rows ` +
        `hold one seen in at most ${median} rows: dependence carried by which label a row has, not by the labels' order, escapes every estimator and check at ` +
        `fewer than ${RESOLVED_COUNT} rows a label, so the MI may be far higher: read 0 as none found at this n, not as none; give more samples of each label.`
      );
    }
  }
  return undefined;
}

/**
 * A lower bound of I(X∧Y) where one side repeats its values but takes more than √n of them (too many
 * for the plug-in MI and Ross's estimator, which the cross-check uses up to √n) and the other repeats
 * none: its ⌊√n⌋ − 1 most frequent values kept, every other merged into one, and Ross's estimate of
 * the information between those and the continuous side. The merge is a function of the labels
 * alone, so the merged information is at most the MI (data processing).
 *
 * Why: with 100 labels of Zipf frequencies beside x = μ_label + noise (μ drawn per label; 0.14 nats),
 * SMILE gave 0.016 [−0.003, 0.086], trusted: the frequent labels carry most of the dependence, but the
 * critic sees the labels through their ranks, along which μ jumps about, and the label-grouping bound,
 * which merges labels into at most six groups, missed it too.
 */
export function frequentLabelsBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  for (const [discrete, continuous] of [[y, x], [x, y]] as const) {
    if (hasRepeatedValues(continuous) || !hasRepeatedValues(discrete)) continue;
    const kept = Math.floor(Math.sqrt(discrete.rows)) - 1;
    const counts = new Map<string, number>();
    const keys = Array.from({ length: discrete.rows }, (_, i) => Array.from(discrete.values.subarray(i * discrete.cols, (i + 1) * discrete.cols)).join(","));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts.size <= kept + 1) continue;
    const frequent = new Map([...counts].sort((a, b) => b[1] - a[1]).slice(0, kept).map(([key], rank) => [key, rank]));
    const merged: Matrix64 = { values: Float64Array.from(keys, (key) => frequent.get(key) ?? kept), rows: discrete.rows, cols: 1 };
    const ross = rossEstimate(merged, continuous, seed);
    if (ross === undefined) return undefined;
    return {
      estimate: ross.estimate,
      standardError: ross.standardError,
      description: `a lower bound of the MI (Ross's estimate of the information between the continuous side and the ${kept} most frequent values of the other, the rest merged into one)`,
      cause: "the frequent values (labels) carry a dependence on the continuous side that the estimate misses (their order, which the critics and KSG see, carries little of it)",
    };
  }
  return undefined;
}
