import type { Matrix64 } from "../data/matrix";
import { Rng } from "../random/rng";
import { ksgEstimate } from "./ksg";

/** The most samples the cross-check gives KSG (O(n²)): a fraction of a second at this size. */
const CROSS_CHECK_SAMPLES = 4000;
const Z95 = 1.96;

/**
 * A trained bound is below the MI by however far its network is from the optimal critic, and
 * a run can settle on a flat held-out curve well below it (the uniform disk: MINE 0.05 with a
 * trusted interval [0.02, 0.08] for 0.145, at every n from 500 to 4000). KSG has no critic to
 * train: it errs by a bias of its own, which is downward where the dependence is strong. So
 * when KSG on the same samples (at most CROSS_CHECK_SAMPLES of them) is clearly above the
 * trained estimate, by more than 1.96 standard errors of the difference, the network has
 * missed part of the dependence, and this returns why; else undefined. Only meaningful
 * where KSG is (continuous data in few coordinates); the caller checks that.
 */
export function nearestNeighbourDisagreement(x: Matrix64, y: Matrix64, estimate: number, standardError: number, seed: number): string | undefined {
  const rows = x.rows <= CROSS_CHECK_SAMPLES ? undefined : new Rng(seed).choice(x.rows, CROSS_CHECK_SAMPLES);
  const pick = (m: Matrix64) =>
    (rows ?? Array.from({ length: m.rows }, (_, i) => i)).map((i) => Array.from(m.values.subarray(i * m.cols, (i + 1) * m.cols)));
  const ksg = ksgEstimate(pick(x), pick(y), { seed });
  const ksgError = ksg.diagnostics.standardError as number;
  const gap = ksg.estimate - estimate;
  if (gap <= Z95 * Math.hypot(ksgError, standardError)) return undefined;
  return (
    `KSG on the same samples gives ${ksg.estimate.toFixed(3)} nats, clearly above this estimate (${estimate.toFixed(3)}): the network ` +
    "has not found the optimal critic, and a bound stops below the MI by an amount its training curve does not show; read the " +
    'estimate as a lower bound, or use method "ksg" (its own interval says how far to trust it).'
  );
}
