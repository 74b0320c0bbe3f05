import type { Matrix } from "../data/matrix";
import { Rng } from "../random/rng";
import { normalQuantile } from "../tasks/special-functions";
import { columnsOf, correlation, neighbourRankCorrelation, ranksOf, sortedBy } from "./rank-statistics";

/** The most coordinate pairs screened (a seeded choice of them beyond this). */
const MAX_PAIRS_SCREENED = 4000;
/** The fewest rows the screen reads. */
const MIN_ROWS = 100;
/** The chance that the screen keeps a coordinate of independent data at all (Bonferroni over every statistic). */
const FALSE_KEEP = 0.01;

/**
 * The coordinates of x and of y that a screen on `rows` finds dependent on some coordinate of the
 * other side, or undefined when it keeps every coordinate, finds none on a side, or has too few
 * rows. Each pair (x_i, y_j) is scored by three statistics, each normal with mean 0 and standard
 * deviation 1 about when the pair is independent: the correlation of the columns (normal scores:
 * Spearman's, about), and the correlation of one's ranks between neighbours in the other, both
 * ways round (sorted by x_i, the samples 2k and 2k + 1 side by side), which sees a dependence that
 * is not monotone (y = sin 3x, y = |x|). A coordinate is kept when one of its pairs is beyond the
 * threshold at which all the statistics together pass it by chance once in 100 data sets.
 *
 * What the screen keeps carries at most the MI: I(X∧Y) ≥ I(X_S∧Y_T). A network trained on those
 * coordinates only sees the two that carry 1.02 nats among 25 + 25 (0.92–1.04 on three draws of
 * n = 1000; on all 50, 0.59–0.72). A dependence of several coordinates at once that no pair shows
 * (a parity) is not kept; the caller trains on every coordinate too.
 * `x` and `y` hold normal scores (standardise.ts).
 */
export function screenedColumns(x: Matrix, y: Matrix, rows: readonly number[], seed: number): { x: number[]; y: number[] } | undefined {
  if (rows.length < MIN_ROWS) return undefined;
  const rng = new Rng(seed);
  let pairs = Array.from({ length: x.cols * y.cols }, (_, k) => [Math.floor(k / y.cols), k % y.cols] as const);
  if (pairs.length > MAX_PAIRS_SCREENED) pairs = rng.choice(pairs.length, MAX_PAIRS_SCREENED).map((k) => pairs[k]);
  const xColumns = columnsOf(x, rows);
  const yColumns = columnsOf(y, rows);
  const xOrder = xColumns.map(sortedBy);
  const yOrder = yColumns.map(sortedBy);
  const xRanks = xColumns.map(ranksOf);
  const yRanks = yColumns.map(ranksOf);
  const neighbourPairs = rows.length >> 1;
  const threshold = normalQuantile(1 - FALSE_KEEP / (2 * 3 * pairs.length));
  const keptX = new Set<number>();
  const keptY = new Set<number>();
  for (const [i, j] of pairs) {
    const z = Math.max(
      Math.abs(correlation(xColumns[i], yColumns[j])) * Math.sqrt(rows.length - 3),
      Math.abs(neighbourRankCorrelation(xOrder[i], yRanks[j])) * Math.sqrt(neighbourPairs - 3),
      Math.abs(neighbourRankCorrelation(yOrder[j], xRanks[i])) * Math.sqrt(neighbourPairs - 3),
    );
    if (z > threshold) {
      keptX.add(i);
      keptY.add(j);
    }
  }
  if (keptX.size === 0 || keptY.size === 0 || (keptX.size === x.cols && keptY.size === y.cols)) return undefined;
  return { x: [...keptX].sort((a, b) => a - b), y: [...keptY].sort((a, b) => a - b) };
}
