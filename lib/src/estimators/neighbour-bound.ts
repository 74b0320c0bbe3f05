import type { Matrix64 } from "../data/matrix";
import { selectColumns64, selectRows64 } from "../data/matrix";
import { Rng } from "../random/rng";
import { coarsenedPlugInLowerBound } from "./coarsened";
import { plugInMI } from "./cross-check";
import { ksgPointEstimate } from "./ksg";
import { hasRepeatedValues, normalScoreColumns, varyingColumnIndices } from "./standardise";

/** The most samples the bound takes (its neighbour search is O(n²)), as the cross-check's KSG. */
const MAX_SAMPLES = 4000;
/** The most coordinates of the side whose information with its neighbour's is estimated (KSG in twice as many). */
const MAX_PAIRED_COORDINATES = 2;
const Z95 = 1.96;

/** m without its constant columns, or undefined when every column is constant. */
function varyingColumns(m: Matrix64): Matrix64 | undefined {
  const varying = varyingColumnIndices(m);
  if (varying.length === 0) return undefined;
  return varying.length === m.cols ? m : selectColumns64(m, varying);
}

/** A lower bound of the MI: its estimate, standard error and what it is, for messages. */
export interface NeighbourBound {
  estimate: number;
  standardError: number;
  description: string;
  /** What a bound clearly above an estimate says of the data, when not the neighbour bound's (dependence at a fine scale). */
  cause?: string;
}

/**
 * A lower bound of I(X∧Y) that needs no critic and no bandwidth: the information between each
 * sample's y and the y of the sample nearest to it in x (and the same with x and y swapped).
 *
 * The samples are split at random into halves A and B; each sample i of A is matched to the
 * sample j of B nearest to it in x (normal scores, max-norm; each j used once, ties to the first),
 * and W_i = y_j. Given all the x's and B, W_i is fixed by x_i, and y_i depends on x_i alone
 * (independent samples), so y_i — x_i — W_i is a Markov chain and I(Y∧W) ≤ I(X∧Y) (data
 * processing); the pairs (y_i, W_i) are independent given B, so any consistent estimate of
 * I(Y∧W) on them estimates a lower bound (KSG for continuous pairs, the plug-in MI for few values,
 * else the coarsened plug-in bound, a lower bound of it).
 *
 * Where the dependence sits at a scale finer than the estimators resolve, the nearest sample in
 * x still carries it: with y = frac(30x) + 0.02·noise (2.53 nats) KSG and every trained critic
 * gave 0.00–0.03, trusted, while y and its neighbour's y share most of a tooth; with 100 labels
 * whose parity alone sets y (0.69 nats) the trained critics gave 0.00 [−0.01, 0.02], trusted,
 * where a sample's nearest neighbour in x has its label. Elsewhere it is loose (for a Gaussian pair
 * it is about the information of two noisy views, ρ² in place of ρ), which costs nothing: it only
 * speaks when it is clearly above an estimate. Undefined when neither side has at most
 * MAX_PAIRED_COORDINATES coordinates or too few samples match.
 */
export function neighbourLowerBound(x: Matrix64, y: Matrix64, seed: number): NeighbourBound | undefined {
  const rng = new Rng(seed);
  const kept = x.rows <= MAX_SAMPLES ? undefined : rng.choice(x.rows, MAX_SAMPLES);
  // a column that varies in few rows (a flag) can be constant on the subset: left out there
  const xs = varyingColumns(kept === undefined ? x : selectRows64(x, kept));
  const ys = varyingColumns(kept === undefined ? y : selectRows64(y, kept));
  if (xs === undefined || ys === undefined) return undefined;
  const n = xs.rows;
  const order = rng.permutation(n);
  const half = n >> 1;
  const a = order.slice(0, half);
  const b = order.slice(half);
  const all = Array.from({ length: n }, (_, i) => i);
  let best: NeighbourBound | undefined;
  for (const [near, other, nearName, otherName] of [[xs, ys, "x", "y"], [ys, xs, "y", "x"]] as const) {
    if (other.cols > MAX_PAIRED_COORDINATES) continue;
    const scores = normalScoreColumns(near, all, nearName).values;
    const d = near.cols;
    const used = new Set<number>();
    const from: number[] = [];
    const to: number[] = [];
    for (const i of a) {
      let nearest = -1;
      let distance = Infinity;
      for (const j of b) {
        let largest = 0;
        for (let c = 0; c < d && largest < distance; c++) largest = Math.max(largest, Math.abs(scores[i * d + c] - scores[j * d + c]));
        if (largest < distance) {
          distance = largest;
          nearest = j;
        }
      }
      if (used.has(nearest)) continue;
      used.add(nearest);
      from.push(i);
      to.push(nearest);
    }
    if (from.length < 50) continue;
    const p = varyingColumns(selectRows64(other, from));
    const q = varyingColumns(selectRows64(other, to));
    if (p === undefined || q === undefined) continue;
    const found = pairedInformation(p, q, seed);
    if (found === undefined) continue;
    const bound = {
      ...found,
      description:
        `a lower bound of the MI (the information between each sample's ${otherName} and the ${otherName} of the sample nearest to it in ${nearName}, ` +
        `which cannot exceed the MI: ${nearName} separates them; ${from.length} pairs)`,
    };
    if (best === undefined || bound.estimate - bound.standardError > best.estimate - best.standardError) best = bound;
  }
  return best;
}

/** A consistent estimate, or a lower bound, of I(P∧Q) for paired samples of one kind, with its standard error. */
export function pairedInformation(p: Matrix64, q: Matrix64, seed: number): { estimate: number; standardError: number } | undefined {
  const plugIn = plugInMI(p, q, seed);
  if (plugIn !== undefined) return plugIn;
  if (hasRepeatedValues(p) || hasRepeatedValues(q)) {
    const coarse = coarsenedPlugInLowerBound(p, q, seed);
    return coarse === undefined ? undefined : { estimate: coarse.estimate, standardError: coarse.standardError };
  }
  const ksg = ksgPointEstimate(p, q, { seed });
  // KSG's own lower 95 % end: its inflated error and the bias still to come downward
  return { estimate: ksg.estimate, standardError: (ksg.estimate - ksg.lowerEnd) / Z95 };
}
