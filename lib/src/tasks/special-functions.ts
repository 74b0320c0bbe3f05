/** Special functions the tasks' ground truths and transforms need, in double precision. */

import { describeValue, fail } from "../data/checks";

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** log(2πe): twice the entropy of N(0, 1), in nats. */
export const LOG_TWO_PI_E = Math.log(2 * Math.PI * Math.E);

/** The density of N(0, 1) at z. */
export const normalDensity = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** The entropy of a coin of probability p, in nats (0 at p ≤ 0 or p ≥ 1); the tasks' quadratures call it unchecked. */
export function bernoulliEntropy(p: number): number {
  return p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p);
}

/**
 * Refuses an argument that is not a number. A string was coerced part of the way: normalCdf("1")
 * summed its series by string concatenation until the process ran out of memory, and
 * logGamma("5") said it needed x > 0, "got 5".
 */
function checkNumber(x: unknown, what: string): void {
  if (typeof x !== "number") fail(`${what} needs a number, got ${describeValue(x)}${typeof x === "string" ? "; convert it with Number()" : ""}.`);
}

/**
 * log Γ(x) for x > 0: Stirling's series after shifting x above 10 with Γ(x + 1) = x·Γ(x).
 * The series' first omitted term is below 1e-15 there.
 */
export function logGamma(x: number): number {
  checkNumber(x, "logGamma(x)");
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`neural-mi: logGamma(x) needs a finite x > 0, got ${x}.`);
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shift;
}

/** ψ(x) = d/dx log Γ(x) for x > 0: the asymptotic series after shifting x above 10 with ψ(x + 1) = ψ(x) + 1/x. */
export function digamma(x: number): number {
  checkNumber(x, "digamma(x)");
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`neural-mi: digamma(x) needs a finite x > 0, got ${x}.`);
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
  return Math.log(x) - 0.5 / x - series + shift;
}

/**
 * Φ(x), the standard normal distribution function, with full relative precision in the lower
 * tail: Φ(x) = Q(−x) for x < 0 and 1 − Q(x) otherwise, Q the upper tail.
 */
export function normalCdf(x: number): number {
  checkNumber(x, "normalCdf(x)");
  if (Number.isNaN(x)) return NaN;
  return x < 0 ? upperTail(-x) : 1 - upperTail(x);
}

/**
 * Q(t) = 1 − Φ(t) for t ≥ 0. Below 3 by the Taylor series of Φ(t) − ½ around 0 (Q ≥ 1.3e-3
 * there, so its absolute error near 1e-16 is small relative to Q); from 3 on by the continued
 * fraction Q(t) = φ(t) / (t + 1/(t + 2/(t + 3/(t + …)))), evaluated from 200 levels down.
 */
function upperTail(t: number): number {
  const density = Math.exp(-0.5 * t * t - HALF_LOG_TWO_PI);
  if (t >= 3) {
    let fraction = t;
    for (let k = 200; k >= 1; k--) fraction = t + k / fraction;
    return density / fraction;
  }
  const q = t * t;
  let term = t;
  let sum = t;
  let previous = 0;
  for (let k = 3; sum !== previous; k += 2) {
    previous = sum;
    term *= q / k;
    sum += term;
  }
  return 0.5 - sum * density;
}

/**
 * Φ⁻¹(p) for p in (0, 1): the rational starting point of Abramowitz & Stegun 26.2.23 (error
 * below 4.5e-4) refined by Halley steps on Φ(x) − p, which converge cubically from there.
 */
export function normalQuantile(p: number): number {
  checkNumber(p, "normalQuantile(p)");
  if (!(p > 0 && p < 1)) throw new Error(`neural-mi: normalQuantile(p) needs 0 < p < 1, got ${p}.`);
  const lower = p < 0.5;
  const tail = lower ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(tail));
  let x = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  if (lower) x = -x;
  for (let step = 0; step < 3; step++) {
    const error = normalCdf(x) - p;
    const density = Math.exp(-0.5 * x * x - HALF_LOG_TWO_PI);
    if (density === 0) break;
    const u = error / density;
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}
