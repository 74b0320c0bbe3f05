import { fail } from "../data/checks";
import type { Matrix } from "../data/matrix";
import { everyColumnOf } from "./rank-statistics";
import { mean } from "./statistics";

/**
 * How many standard deviations from 0 a column's mean may lie before a trainer refuses it. The
 * networks start near 0 and learn at Adam's pace, so a column far from 0 relative to its spread
 * reaches them as nearly the same input on every row: on a Gaussian pair with 0.51 nats and
 * sd 1, 40 epochs of MINE gave 0.36 at mean 3, 0.27 at 10, 0.13 at 20 and 0.01 at 50 (SMILE
 * 0.34, 0.16, 0.06, 0.001), an estimate of "independent" with no sign that anything was wrong,
 * while MINEE overshot (0.88 at 20). Scale alone does no harm (sd 1000 at mean 0 gave 0.46).
 */
const MOST_DEVIATIONS_FROM_ZERO = 10;

/**
 * Refuses a column whose mean is more than MOST_DEVIATIONS_FROM_ZERO standard deviations from 0
 * (a large offset with a small spread: temperatures in kelvin, years, 1e6 + 1e4·z). Constant
 * columns are left to the trainer (they carry no information and estimate as such).
 */
export function checkColumnsNearZero(m: Matrix, name: string, what: string): void {
  everyColumnOf(m).forEach((column, c) => {
    const centre = mean(column);
    const sd = Math.sqrt(mean(column.map((v) => (v - centre) ** 2)));
    if (sd > 0 && Math.abs(centre) > MOST_DEVIATIONS_FROM_ZERO * sd) {
      fail(
        `${what}: column ${c} of ${name} has mean ${centre.toPrecision(4)} but standard deviation ${sd.toPrecision(3)}, ` +
          `${Math.round(Math.abs(centre) / sd)} deviations from 0: the network sees almost the same input on every row and ` +
          "learns next to nothing, so the estimate would come out near 0 whatever the dependence. Centre and scale each " +
          "column first, (v − mean) / sd (mutual information does not change), or use estimateMI(x, y), which does it itself.",
      );
    }
  });
}
