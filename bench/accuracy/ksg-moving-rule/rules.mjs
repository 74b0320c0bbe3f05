// The rules compared. Each takes what KSG's convergence check saw where the estimate moved significantly from n/2 to n
// (`move`: lib/src/estimators/ksg.ts's KSGMove) and says whether the result stays trusted: false, or how far the
// trusted interval's lower end is lowered ({ lowerBy }, nats). Fixed before the probes were run (README.md).
const Z95 = 1.96;
const rising = (m) => m.change > 0;
/** The bias still to come, as `biasFromHalves` bounds it, at most c times the estimate's statistical half-width. */
const smallBias = (m, c) => m.remainingBiasBound <= c * Z95 * m.standardError;

export const RULES = {
  /** The library's rule before this experiment: a significant move is never trusted. */
  current: () => false,
  /**
   * The candidate: a rising estimate is trusted when the bias bound is at most twice the statistical half-width
   * 1.96·s.e. (about 4 standard errors); its upper end, est + 1.96·s.e. + bound ≥ est + 1.5·bound, then still holds the
   * MI if the bias left is up to 1.5 times the bound (in 1 + 1, a bias shrinking as n^(−0.35) instead of n^(−1/2)). Its
   * interval reaches down by the change, to the halves' level: where the estimate rose with n by chance (the coverage
   * tasks' three misses when every move is trusted), the estimate on all samples is the high one.
   */
  candidate: (m) => rising(m) && smallBias(m, 2) && { lowerBy: m.change },
  // the variants reported beside it (not candidates for adoption)
  "bias ≤ 1×, lowered by the change": (m) => rising(m) && smallBias(m, 1) && { lowerBy: m.change },
  "bias ≤ 2×, interval as is": (m) => rising(m) && smallBias(m, 2) && { lowerBy: 0 },
  "every rising move, lowered by the change": (m) => rising(m) && { lowerBy: m.change },
  "every move, interval as is": () => ({ lowerBy: 0 }),
};

/** A line of run.mjs under a rule: "right", "WRONG" (trusted, the truth outside), "untrusted" or "error". */
export function verdict(line, rule) {
  if (line.error !== undefined) return "error";
  const decision = line.move === null ? { lowerBy: 0 } : rule(line.move);
  if (!decision || !line.trusted) return "untrusted";
  const truth = line.truth ?? Infinity;
  const lo = (line.lo ?? -Infinity) - decision.lowerBy;
  const hi = line.hi ?? Infinity;
  return lo <= truth && truth <= hi ? "right" : "WRONG";
}
