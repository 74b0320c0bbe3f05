import type { Matrix64 } from "../data/matrix";
import { selectColumns64, selectRows64 } from "../data/matrix";
import { offsetSeed, Rng } from "../random/rng";
import { coarsenedPlugInLowerBound } from "./coarsened";
import { neighbourLowerBound, type NeighbourBound } from "./neighbour-bound";
import { columnsOf, neighbourRankCorrelation, ranksOf, sortedBy } from "./rank-statistics";
import { varyingColumnIndices } from "./standardise";

/** The most samples the bounds take (the neighbour bound's matching is O(n²)). */
const MAX_SAMPLES = 4000;
/** The most coordinate pairs screened (a seeded choice of them beyond this). */
const MAX_PAIRS_SCREENED = 2500;
/** The fewest samples the screen and the bound each need. */
const MIN_ROWS = 150;

/**
 * A lower bound of I(X∧Y) from one coordinate of each side: the neighbour bound
 * (`neighbourLowerBound`) of the pair (x_i, y_j) that a screen on a third of the samples finds
 * most dependent, measured on the other two thirds. I(X∧Y) ≥ I(X_i∧Y_j) (data processing), and
 * the pair is chosen on samples the bound does not use, so the choice lifts it by no more than
 * the spread of the few pairs bounded.
 *
 * The neighbour bound on the whole of x and y sees a dependence finer than the estimators
 * resolve only where a side has at most two coordinates and the other's nearest sample is near
 * in the coordinate that matters: y = (frac(5x) + 0.02·noise, two noise coordinates), 2.53 nats,
 * gave every method 0.00 with a trusted interval ending at 0.11–0.22, and so did x = (u, two
 * noise coordinates), y = frac(10u) + 0.02·noise, while the same data without the noise
 * coordinates were untrusted by every method.
 *
 * The screen: the samples sorted by one coordinate, each next to the one after it (its nearest
 * neighbour in that coordinate, in disjoint pairs), and the rank correlation of the other
 * coordinate over those pairs, both ways round; the largest is bounded. Undefined for fewer
 * than three coordinates in all (the neighbour bound on the whole data covers them) or too few
 * samples.
 */
export function coordinatePairBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  if (x.cols + y.cols < 3) return undefined;
  const rng = new Rng(seed);
  const n = Math.min(x.rows, MAX_SAMPLES);
  const order = x.rows <= MAX_SAMPLES ? rng.permutation(x.rows) : rng.choice(x.rows, MAX_SAMPLES);
  const screenRows = order.slice(0, Math.floor(n / 3));
  const boundRows = order.slice(Math.floor(n / 3));
  if (screenRows.length < MIN_ROWS || boundRows.length < MIN_ROWS) return undefined;
  const xColumns = varyingColumnIndices(x);
  const yColumns = varyingColumnIndices(y);
  let pairs = xColumns.flatMap((i) => yColumns.map((j) => [i, j] as const));
  if (pairs.length === 0) return undefined;
  if (pairs.length > MAX_PAIRS_SCREENED) pairs = rng.choice(pairs.length, MAX_PAIRS_SCREENED).map((k) => pairs[k]);
  const xScreen = columnsOf(x, screenRows);
  const yScreen = columnsOf(y, screenRows);
  const xOrder = new Map(xColumns.map((i) => [i, sortedBy(xScreen[i])]));
  const yOrder = new Map(yColumns.map((j) => [j, sortedBy(yScreen[j])]));
  const xRanks = new Map(xColumns.map((i) => [i, ranksOf(xScreen[i])]));
  const yRanks = new Map(yColumns.map((j) => [j, ranksOf(yScreen[j])]));
  // the one pair the screen finds most dependent is bounded: the best of several would lift the
  // bound by their spread
  let top = { i: pairs[0][0], j: pairs[0][1], score: -1 };
  for (const [i, j] of pairs) {
    const score = Math.max(
      Math.abs(neighbourRankCorrelation(xOrder.get(i) as Int32Array, yRanks.get(j) as Float64Array)),
      Math.abs(neighbourRankCorrelation(yOrder.get(j) as Int32Array, xRanks.get(i) as Float64Array)),
    );
    if (score > top.score) top = { i, j, score };
  }
  const { i, j } = top;
  const found = neighbourLowerBound(selectColumns64(selectRows64(x, boundRows), [i]), selectColumns64(selectRows64(y, boundRows), [j]), offsetSeed(seed, 1));
  if (found === undefined) return undefined;
  return {
    estimate: found.estimate,
    standardError: found.standardError,
    description:
      `a lower bound of the MI (the information between coordinate ${i + 1} of x and coordinate ${j + 1} of y, which cannot exceed the MI, ` +
      `bounded by each sample's nearest neighbour in one of them, on ${boundRows.length} samples the pair was not chosen on)`,
  };
}

/**
 * A lower bound of I(X∧Y) from the orthants: every coordinate cut at its median, and the
 * plug-in MI of the two cells with its bias measured on permutations (`coarsenedPlugInLowerBound`,
 * two bins per coordinate, allowing up to n/4 occupied joint cells). It sees what no single
 * coordinate or linear combination carries: y whose sign is the product of the signs of six or
 * seven standard normal coordinates of x (log 2 = 0.693 nats) gave the trained methods 0.00 with a
 * trusted interval in most seeds at n = 1000. Undefined for fewer than three coordinates in all.
 */
export function orthantBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  if (x.cols + y.cols < 3) return undefined;
  const kept = x.rows <= MAX_SAMPLES ? undefined : new Rng(seed).choice(x.rows, MAX_SAMPLES);
  const xs = kept === undefined ? x : selectRows64(x, kept);
  const ys = kept === undefined ? y : selectRows64(y, kept);
  const found = coarsenedPlugInLowerBound(xs, ys, seed, { maxBins: 2, maxJointCellsPerSample: 1 / 4 });
  if (found === undefined) return undefined;
  return {
    estimate: found.estimate,
    standardError: found.standardError,
    description: `a lower bound of the MI (the plug-in information of the orthants, each coordinate cut at its median, less its bias on permutations; ${xs.rows} samples)`,
    cause: "the dependence is in how the coordinates' signs go together (a parity), which neither one coordinate nor a smooth function shows",
  };
}
