import { fail } from "../data/checks";
import type { Matrix } from "../data/matrix";
import { everyColumnOf } from "./rank-statistics";

/**
 * The scales of a column the trainers take. Their networks start with weights of σ = 0.02 and learn at
 * Adam's pace, so inputs far from unit scale give estimates that are wrong without any sign: on a
 * Gaussian pair with x scaled by 1e4, 15 epochs gave MINE −0.25 and MI-NEE −0.17 nats, at 1e5
 * MINE −340 and DV −294 (at 1e6), and at 1e30 the first step diverged, advising a lower learning
 * rate; at 1e−4 DV learned a twentieth of what it learned at scale 1, at 1e−30 nothing. Scales of
 * 1e−2 to 1e3 trained as at 1.
 */
const SMALLEST_SPREAD = 1e-3;
const LARGEST_SPREAD = 1e3;

/**
 * Refuses a column whose bulk is spread too wide (median absolute deviation above LARGEST_SPREAD:
 * robust to heavy tails) or whose values are all too close together (standard deviation below
 * SMALLEST_SPREAD, so a tight cluster with a spread-out rest passes): values in other units,
 * millimetres, dollars, 1e30·z. A column mostly of one value has a median absolute deviation of 0
 * whatever its other values, so its spread is read from those (their median distance from that
 * value): 990 zeros and ten values near 1e30 were taken and trained to "diverged, lower the
 * learning rate". Columns standardised to sd 1, as estimateMI's, always pass (a few values far
 * out with an sd of 1 are the column's scale, not a wrong unit). A constant column is left to the trainer.
 */
export function checkColumnScales(m: Matrix, name: string, what: string): void {
  everyColumnOf(m).forEach((column, c) => {
    const { bulk, ofOthers } = spreadOfBulk(column);
    const centre = column.reduce((a, v) => a + v, 0) / column.length;
    const sd = Math.sqrt(column.reduce((a, v) => a + (v - centre) ** 2, 0) / column.length);
    const tooWide = bulk > LARGEST_SPREAD && (!ofOthers || sd > 2);
    if (!tooWide && !(sd > 0 && sd < SMALLEST_SPREAD)) return;
    fail(
      `${what}: column ${c} of ${name} has ` +
        (tooWide && ofOthers
          ? `most values equal to ${median(column)} and the others a median ${bulk.toPrecision(3)} away from it, above ${LARGEST_SPREAD}`
          : tooWide
            ? `a median absolute deviation of ${bulk.toPrecision(3)}, above ${LARGEST_SPREAD}`
            : `a standard deviation of ${sd.toPrecision(3)}, below ${SMALLEST_SPREAD}`) +
        `, outside the scales the network learns from at its initial weights: the estimate would come out ` +
        `${tooWide ? "far below 0 or diverge" : "near 0 whatever the dependence"}. Scale each column to a spread near 1 ` +
        "first, (v − mean) / sd (mutual information does not change), or use estimateMI(x, y), which does it itself.",
    );
  });
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/** The median absolute deviation, or when most values equal the median (ofOthers), the median distance of the others from it. */
function spreadOfBulk(values: Float64Array): { bulk: number; ofOthers: boolean } {
  const centre = median(values);
  const deviations = values.map((v) => Math.abs(v - centre));
  const bulk = median(deviations);
  if (bulk > 0) return { bulk, ofOthers: false };
  const others = deviations.filter((d) => d > 0);
  return { bulk: others.length === 0 ? 0 : median(others), ofOthers: others.length > 0 };
}
