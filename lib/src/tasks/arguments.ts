import { checkFinite, checkInRange, checkPositive, checkPositiveInteger, fail } from "../data/checks";

/*
 * Checks of the arguments of the exported truths (closed forms and quadratures of known MI).
 * Without them an argument outside a formula's domain came back as a number all the same:
 * discreteMI of an unnormalised table gave 0 for log 2, categoricalGaussianMI with weights
 * [1, 1] gave 1.09 nats for two classes, binaryInputMI of a negative μ a wrong value, uniformSumMI
 * of 0 uniforms −1.42 nats, symmetricChannelMI(2, 1) NaN for log 2, frankCopulaMI(200) Infinity,
 * and additiveNoiseMI with σ = 0 crashed the process allocating its grid.
 */

/** The most points a truth's quadrature grid may have (memory and minutes beyond it). */
export const LARGEST_GRID = 2e7;

export { checkFinite, checkPositive, checkPositiveInteger };

/** A correlation strictly inside (−1, 1) (at ±1 the truth is infinite or the formula divides by 0). */
export function checkCorrelation(rho: unknown, what: string): number {
  return checkInRange(rho, what, -1, 1, { lo: true, hi: true });
}

/** A probability in [0, 1]. */
export function checkProbability(p: unknown, what: string): number {
  return checkInRange(p, what, 0, 1);
}

/** Refuses a quadrature grid of more than LARGEST_GRID points, saying which argument made it so. */
export function checkGrid(points: number, what: string, why: string): void {
  if (!(points <= LARGEST_GRID)) {
    fail(`${what}: ${why} needs a grid of ${points.toPrecision(3)} points, more than the ${LARGEST_GRID.toPrecision(1)} this quadrature allows; choose arguments nearer the ones documented.`);
  }
}

/** Weights of a distribution: a non-empty array of finite numbers ≥ 0 summing to 1 (to 1e−9). */
export function checkWeights(weights: unknown, what: string): number[] {
  if (!Array.isArray(weights) || weights.length === 0) fail(`${what} must be a non-empty array of probabilities, got ${Array.isArray(weights) ? "[]" : typeof weights}.`);
  const values = (weights as unknown[]).map((w, i) => {
    const v = checkFinite(w, `${what}[${i}]`);
    if (v < 0) fail(`${what}[${i}] is ${v}; a probability is ≥ 0.`);
    return v;
  });
  const total = values.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) fail(`${what} sum to ${total}, not 1: divide each by their sum first (a distribution's probabilities sum to 1).`);
  return values;
}
