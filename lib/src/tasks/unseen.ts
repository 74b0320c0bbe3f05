import { correlatedPairs, gaussianMI } from "./gaussian";
import { entropyOnGrid } from "./adversarial";
import { discreteMI } from "./held-out";
import { multivariateGaussian, sparseCovariance } from "./multivariate-gaussian";
import { bernoulliEntropy, LOG_TWO_PI_E, normalCdf, normalDensity } from "./special-functions";
import { copiedRowsSampler, pairSampler, taskFromSpec, type Task, type TaskSpec } from "./task";
import { spiral, transformedTask } from "./transformed";
import type { Rng } from "../random/rng";
import { refuseTruthWhileTested } from "../estimators/reference-guard";
import { checkCorrelation, checkFinite, checkGrid, checkPositive, checkPositiveInteger, checkProbability } from "./arguments";
import { checkInRange } from "../data/checks";

/*
 * The unseen battery: data sets of known MI written after the adversarial, held-out and fresh
 * batteries and unlike them, as a careless practitioner's data: both coordinates rounded (to
 * 0.1 and to integers of a doubled scale), 90 % of the rows one identical point, columns of
 * scales 10⁻⁸ and 10⁸ beside a constant column and an exact copy, a binary y beside a 3-D
 * class-conditional Gaussian x, x of 1 coordinate and y of 30, an angle shared through noise
 * (as values in [0, 2π) and as points on the unit circle), multiplicative log-normal noise,
 * y = (x mod 1) + noise over ten teeth, an exponential rate channel, a 0.95/0.05 mixture whose
 * rare component carries the dependence, 3 nats in one dimension, 60 samples in 2 + 2, zero-
 * inflated independent data, a shared sign, bmi's own spiral task, and (added after the first
 * results) every draw stored five times, a binary x whose classes differ in y's shape alone, and
 * uniform noise of width 0.2 on a uniform x. Each truth is a closed
 * form or a quadrature in this file; tests/lib/unseen.test.mjs checks them by Monte Carlo on
 * the tasks' own samples with densities written out there.
 */

function unseenTask(spec: Omit<TaskSpec, "family">): Task {
  return taskFromSpec({ ...spec, family: "unseen" });
}

/** The binary entropy of p, in nats. */
export function binaryEntropy(p: number): number {
  refuseTruthWhileTested();
  checkProbability(p, "binaryEntropy(p): p");
  return bernoulliEntropy(p);
}

/**
 * I(⌊X/step⌉∧⌊Y/step⌉) for the standard bivariate Gaussian of correlation ρ, each coordinate
 * rounded to the nearest multiple of `step`: the discrete MI of the cell probabilities
 * P(i, j) = ∫_{cell i} φ(x)·[Φ((b_j − ρx)/s) − Φ((a_j − ρx)/s)] dx, s = √(1 − ρ²), by
 * Simpson's rule (16 intervals per cell) over the cells within 9 standard deviations.
 */
export function roundedPairMI(rho: number, step: number): number {
  refuseTruthWhileTested();
  checkCorrelation(rho, "roundedPairMI(rho, step): rho");
  checkPositive(step, "roundedPairMI(rho, step): step");
  checkGrid((2 * Math.ceil(9 / step) + 1) ** 2, "roundedPairMI(rho, step)", `step ${step}`);
  const s = Math.sqrt(1 - rho * rho);
  const reach = Math.ceil(9 / step);
  const size = 2 * reach + 1;
  const joint = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const intervals = 16;
  for (let i = 0; i < size; i++) {
    const a = (i - reach - 0.5) * step;
    const h = step / intervals;
    for (let k = 0; k <= intervals; k++) {
      const x = a + k * h;
      const weight = ((k === 0 || k === intervals ? 1 : k % 2 === 1 ? 4 : 2) * h) / 3;
      const px = normalDensity(x) * weight;
      if (px < 1e-300) continue;
      // only the cells of y within 9 conditional deviations of ρx get mass worth counting
      const centre = Math.round((rho * x) / step) + reach;
      const spread = Math.ceil((9 * s) / step) + 1;
      for (let j = Math.max(0, centre - spread); j <= Math.min(size - 1, centre + spread); j++) {
        const lo = (j - reach - 0.5) * step;
        joint[i][j] += px * (normalCdf((lo + step - rho * x) / s) - normalCdf((lo - rho * x) / s));
      }
    }
  }
  return discreteMI(joint);
}

/** The atom task: a row is (0, 0) with this probability, else a bivariate Gaussian of correlation ATOM.rho. */
export const ATOM = { weight: 0.9, rho: 0.9 } as const;

/**
 * (X, Y) = (0, 0) with probability w, else the standard bivariate Gaussian ρ: whether a row is
 * the atom is a function of X and of Y alike (a Gaussian draw is 0 with probability 0), so
 * I = H(atom) + (1 − w)·I_ρ = h₂(w) − ½(1 − w)·log(1 − ρ²).
 */
export function atomMixtureMI(weight: number, rho: number): number {
  refuseTruthWhileTested();
  checkProbability(weight, "atomMixtureMI(weight, rho): weight");
  return binaryEntropy(weight) + (1 - weight) * gaussianMI(rho);
}

/** The class-conditional task: Y ~ Bernoulli(p), X | Y ~ N(Y·Δ·u, I₃) with u = (1, 1, 0)/√2. */
export const TWO_CLASS = { p: 0.2, separation: 2 } as const;

/**
 * I(X∧Y) for a binary Y ~ Bernoulli(p) and X | Y ~ N(Y·Δ·u, I) (u a unit vector): only the
 * projection T = u·X depends on Y, so I = Σ_y P(y) ∫ φ(t − Δy) log[φ(t − Δy)/p(t)] dt, by the
 * trapezoidal rule (step 0.001 on [−12, Δ + 12]).
 */
export function twoClassGaussianMI(p: number, separation: number): number {
  refuseTruthWhileTested();
  checkProbability(p, "twoClassGaussianMI(p, separation): p");
  // −Δ gives the same (t → −t)
  separation = Math.abs(checkFinite(separation, "twoClassGaussianMI(p, separation): separation"));
  checkGrid((separation + 24) / 0.001, "twoClassGaussianMI(p, separation)", `a separation of ${separation}`);
  const h = 0.001;
  let sum = 0;
  for (let t = -12; t <= separation + 12; t += h) {
    const q0 = normalDensity(t);
    const q1 = normalDensity(t - separation);
    const mixture = (1 - p) * q0 + p * q1;
    if (q0 > 0) sum += (1 - p) * q0 * Math.log(q0 / mixture);
    if (q1 > 0) sum += p * q1 * Math.log(q1 / mixture);
  }
  return sum * h;
}

/** The wide-y task: Y_k = X + σ·N_k for k < count. */
export const WIDE_Y = { count: 30, sigma: 3 } as const;

/** I for X ~ N(0, 1) seen through `count` independent Gaussian noises of deviation σ: ½·log(1 + count/σ²) (the mean of the Y's is sufficient). */
export function repeatedObservationMI(count: number, sigma: number): number {
  refuseTruthWhileTested();
  checkPositiveInteger(count, "repeatedObservationMI(count, sigma): count");
  checkPositive(sigma, "repeatedObservationMI(count, sigma): sigma");
  return 0.5 * Math.log1p(count / (sigma * sigma));
}

/** The angle tasks: θ ~ U(0, 2π), X = θ + σN₁ and Y = θ + σN₂, wrapped to [0, 2π). */
export const ANGLE_NOISE = 0.3;

/**
 * I = log 2π − h(wrapped N(0, 2σ²)): Y is uniform on the circle, and given X the angle θ is a
 * wrapped N(X, σ²) (uniform prior), so Y − X wrapped is a wrapped N(0, 2σ²); its entropy by the
 * midpoint rule on the circle (20 000 points; the density is periodic, so this converges fast).
 */
export function wrappedAngleMI(sigma: number): number {
  refuseTruthWhileTested();
  // the sum over ±6 turns holds the wrapped density to 6.7 of its deviations up to σ = 4 (the MI is then 1e−9 nats);
  // below σ = 0.01 the 20 000 points no longer resolve it
  checkInRange(sigma, "wrappedAngleMI(sigma): sigma", 0.01, 4);
  const sd = Math.SQRT2 * sigma;
  const count = 20_000;
  const h = (2 * Math.PI) / count;
  const density = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const u = (i + 0.5) * h;
    for (let k = -6; k <= 6; k++) density[i] += normalDensity((u + 2 * Math.PI * k) / sd) / sd;
  }
  return Math.log(2 * Math.PI) - entropyOnGrid(density, h);
}

function wrap(angle: number): number {
  const turn = 2 * Math.PI;
  return ((angle % turn) + turn) % turn;
}

function noisyAngles(rng: Rng): [number, number] {
  const theta = 2 * Math.PI * rng.uniform();
  return [wrap(theta + ANGLE_NOISE * rng.normal()), wrap(theta + ANGLE_NOISE * rng.normal())];
}

/** The multiplicative task: Y = X·e^{σN}. */
export const MULTIPLICATIVE_SIGMA = 0.5;

/**
 * I for X ~ N(0, 1) and Y = X·e^{σN}: X is (sign, A = log|X|) and Y is (the same sign,
 * A + σN), so I = log 2 + h(A + σN) − h(σN); A has the density 2φ(e^a)e^a, convolved with
 * N(0, σ²) and integrated by the trapezoidal rule (step 0.004 on [−40, 6]).
 */
export function multiplicativeNoiseMI(sigma: number): number {
  refuseTruthWhileTested();
  // the grid's step (0.004) resolves σ from 0.04, and its top (log|x| = 6) holds A + σN up to σ = 1
  checkInRange(sigma, "multiplicativeNoiseMI(sigma): sigma", 0.04, 1);
  const h = 0.004;
  const lo = -40;
  const count = Math.round(46 / h) + 1;
  const logAbs = Float64Array.from({ length: count }, (_, j) => {
    const a = lo + j * h;
    return 2 * normalDensity(Math.exp(a)) * Math.exp(a);
  });
  const reach = Math.ceil((10 * sigma) / h);
  const kernel = Float64Array.from({ length: 2 * reach + 1 }, (_, k) => (normalDensity(((k - reach) * h) / sigma) / sigma) * h);
  const sum = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    if (logAbs[j] < 1e-300) continue;
    for (let k = -reach; k <= reach; k++) if (j + k >= 0 && j + k < count) sum[j + k] += logAbs[j] * kernel[k + reach];
  }
  return Math.LN2 + entropyOnGrid(sum, h) - (0.5 * LOG_TWO_PI_E + Math.log(sigma));
}

/** The sawtooth task: X ~ U(0, teeth), Y = (X mod 1) + σ·N. */
export const SAWTOOTH = { teeth: 10, sigma: 0.05 } as const;

/**
 * I for Y = (X mod 1) + σN with X uniform on (0, teeth): X mod 1 is U(0, 1), so
 * I = h(U + σN) − h(σN), with U + σN of density Φ(y/σ) − Φ((y − 1)/σ); h by the trapezoidal
 * rule (step σ/100 on [−12σ, 1 + 12σ]). (The number of teeth does not matter.)
 */
export function sawtoothMI(sigma: number): number {
  refuseTruthWhileTested();
  checkPositive(sigma, "sawtoothMI(sigma): sigma");
  checkGrid((1 + 24 * sigma) / (sigma / 100), "sawtoothMI(sigma)", `σ = ${sigma}`);
  const h = sigma / 100;
  const lo = -12 * sigma;
  const count = Math.round((1 + 24 * sigma) / h) + 1;
  const density = Float64Array.from({ length: count }, (_, j) => {
    const y = lo + j * h;
    return normalCdf(y / sigma) - normalCdf((y - 1) / sigma);
  });
  return entropyOnGrid(density, h) - (0.5 * LOG_TWO_PI_E + Math.log(sigma));
}

/** The rate channel: X ~ Exp(1), Y | X ~ Exp(rate c + X). */
export const RATE_OFFSET = 0.1;

/**
 * I for X ~ Exp(1) and Y | X ~ Exp(rate c + X): h(Y|X = x) = 1 − log(c + x), and Y's density is
 * ∫ e^{−x}(c + x)e^{−(c + x)y} dx = e^{−cy}[c/(1 + y) + 1/(1 + y)²]; I = h(Y) − 1 + E log(c + X),
 * both integrals by the trapezoidal rule (step 10⁻³, on [0, 60/c] and [0, 60]).
 */
export function exponentialRateMI(c: number): number {
  refuseTruthWhileTested();
  // the step 10⁻³ resolves Y's decay, e^{−cy}, up to c = 10
  checkInRange(c, "exponentialRateMI(c): c", 0, 10, { lo: true });
  checkGrid(60 / c / 1e-3, "exponentialRateMI(c)", `c = ${c}`);
  const h = 1e-3;
  const count = Math.round(60 / c / h) + 1;
  const density = Float64Array.from({ length: count }, (_, j) => {
    const y = j * h;
    return Math.exp(-c * y) * (c / (1 + y) + 1 / (1 + y) ** 2);
  });
  let logMean = 0;
  const xCount = Math.round(60 / h) + 1;
  for (let j = 0; j < xCount; j++) logMean += (j === 0 || j === xCount - 1 ? 0.5 : 1) * Math.exp(-j * h) * Math.log(c + j * h) * h;
  return entropyOnGrid(density, h) - 1 + logMean;
}

/** The needle mixture: with probability `weight` a standard bivariate Gaussian of correlation ρ, else independent standard normals. */
export const NEEDLE = { weight: 0.05, rho: 0.9999 } as const;

/**
 * I for p = (1 − w)·φ(x)φ(y) + w·φ_ρ(x, y): both marginals are N(0, 1), so
 * I = E log[(1 − w) + w·r(x, y)], r = φ_ρ/(φφ). In the rotated coordinates u = (x + y)/√2,
 * v = (x − y)/√2, φφ = φ(u)φ(v) and φ_ρ = φ_{√(1+ρ)}(u)·φ_{√(1−ρ)}(v), with s_v = √(1 − ρ). Beyond
 * |v| = 12·s_v the needle's density is below e^{−72} of its peak and the integrand is
 * (1 − w)·log(1 − w)·φφ, integrated in closed form; inside by the trapezoidal rule (u step 0.01
 * on [−12, 12], v step s_v/40).
 */
export function needleMixtureMI(weight: number, rho: number): number {
  refuseTruthWhileTested();
  checkProbability(weight, "needleMixtureMI(weight, rho): weight");
  // −ρ gives the same (y → −y); the rotated grid below is laid out for ρ ≥ 0
  rho = Math.abs(checkCorrelation(rho, "needleMixtureMI(weight, rho): rho"));
  const su = Math.sqrt(1 + rho);
  const sv = Math.sqrt(1 - rho);
  const hu = 0.01;
  const hv = sv / 40;
  const vCount = 960; // 24·s_v in steps of s_v/40
  const vBase = new Float64Array(vCount + 1);
  const vNeedle = new Float64Array(vCount + 1);
  for (let k = 0; k <= vCount; k++) {
    const v = -12 * sv + k * hv;
    vBase[k] = normalDensity(v);
    vNeedle[k] = normalDensity(v / sv) / sv;
  }
  let inside = 0;
  for (let u = -12; u <= 12 + 1e-12; u += hu) {
    const base = normalDensity(u);
    const needle = normalDensity(u / su) / su;
    for (let k = 0; k <= vCount; k++) {
      const independent = base * vBase[k];
      const p = (1 - weight) * independent + weight * needle * vNeedle[k];
      if (p > 0 && independent > 0) inside += (k === 0 || k === vCount ? 0.5 : 1) * p * Math.log(p / independent);
    }
  }
  const outsideMass = 2 * normalCdf(-12 * sv);
  return inside * hu * hv + (1 - weight) * Math.log(1 - weight) * outsideMass;
}

/** The class-shape task: X ~ Bernoulli(p); Y | X = 0 ~ N(0, 1), Y | X = 1 an equal mixture of N(±a, 1 − a²). */
export const CLASS_SHAPE = { p: 0.5, a: 0.98 } as const;

/**
 * I(X∧Y) of the class-shape task: both classes give Y mean 0 and variance 1, so only the shape
 * (one mode against two) carries the class. I = Σ_c P(c)·∫ p(y | c)·log(p(y | c)/p(y)) dy, by
 * Simpson's rule on [−12, 12] in steps of 10⁻³ (the modes' width √(1 − a²) is 0.2 at a = 0.98).
 */
export function classShapeMI(p: number, a: number): number {
  refuseTruthWhileTested();
  checkProbability(p, "classShapeMI(p, a): p");
  checkCorrelation(a, "classShapeMI(p, a): a");
  const s = Math.sqrt(1 - a * a);
  const given0 = (y: number) => normalDensity(y);
  const given1 = (y: number) => 0.5 * (normalDensity((y - a) / s) + normalDensity((y + a) / s)) / s;
  const steps = 24_000;
  const h = 24 / steps;
  let sum = 0;
  for (let k = 0; k <= steps; k++) {
    const y = -12 + k * h;
    const q0 = given0(y);
    const q1 = given1(y);
    const marginal = (1 - p) * q0 + p * q1;
    const term = (q0 > 0 ? (1 - p) * q0 * Math.log(q0 / marginal) : 0) + (q1 > 0 ? p * q1 * Math.log(q1 / marginal) : 0);
    sum += (k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2) * term;
  }
  return (sum * h) / 3;
}

/**
 * I(X∧Y) for X ~ U(0, 1) and Y = X + U(0, a), a ≤ 1: Y's density is a trapezoid (ramps of
 * width a, flat 1 between), whose entropy is a/2, and h(Y | X) = log a, so I = a/2 − log a.
 */
export function uniformNoiseMI(a: number): number {
  refuseTruthWhileTested();
  checkInRange(a, "uniformNoiseMI(a): a", 0, 1, { lo: true });
  return a / 2 - Math.log(a);
}

/** The stored-records task: each draw of a bivariate Gaussian of correlation `rho` is present `copies` times. */
export const RECORD_COPIES = { rho: 0.5, copies: 5 } as const;

/** The zero-inflated task: each of X and Y is 0 with this probability, else N(0, 1), independently. */
const ZERO_INFLATION = 0.8;

function buildUnseenTasks(): Task[] {
  const round = (v: number, step: number) => Math.round(v / step) * step;
  const roundedTask = (name: string, description: string, rho: number, scale: number, step: number): Task =>
    unseenTask({
      name, description, dimX: 1, dimY: 1, n: 1000,
      // rounding s·Z to multiples of `step` is rounding Z to multiples of step/s
      nats: () => roundedPairMI(rho, step / scale),
      sample: (count, seed) => {
        const drawn = correlatedPairs(1, rho).sample(count, seed);
        return { x: drawn.x.map(([v]) => [round(scale * v, step)]), y: drawn.y.map(([v]) => [round(scale * v, step)]) };
      },
    });
  const bmiSpiral = transformedTask(
    multivariateGaussian({
      name: "bmi-2pair-3x3",
      family: "unseen",
      description: "bmi's task_multinormal_2pair(3, 3): two pairs of correlation 0.8 (strength 2), the third coordinates independent.",
      covariance: sparseCovariance(3, 3, 2, 0.8),
      dimX: 3,
    }),
    {
      name: "bmi-spiral-2pair-3x3",
      description: "bmi's spiral task on its 2-pair 3 + 3 Gaussian: speed 1 normalised by the dimension (1/3), X turned in the plane (0, 1), Y in (1, 2).",
      x: spiral(1 / 3, [0, 1]),
      y: spiral(1 / 3, [1, 2]),
    },
  );
  return [
    roundedTask(
      "rounded-0.1-gaussian-rho0.8",
      "The bivariate Gaussian ρ = 0.8, both coordinates rounded to one decimal: about 60 values each, every value repeated.",
      0.8, 1, 0.1,
    ),
    roundedTask(
      "integer-gaussian-sd2-rho0.9",
      "The bivariate Gaussian ρ = 0.9 scaled by 2 and rounded to integers: about 15 values each, heavy ties.",
      0.9, 2, 1,
    ),
    unseenTask({
      name: "atom-90pct-gaussian-rho0.9",
      description: "90 % of the rows are the same point (0, 0); the rest a bivariate Gaussian ρ = 0.9.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => atomMixtureMI(ATOM.weight, ATOM.rho),
      sample: pairSampler((rng) => {
        if (rng.uniform() < ATOM.weight) return [[0], [0]];
        const x = rng.normal();
        return [[x], [ATOM.rho * x + Math.sqrt(1 - ATOM.rho ** 2) * rng.normal()]];
      }),
    }),
    unseenTask({
      name: "scales-constant-copy-4x1",
      description: "X = (10⁻⁸·Z₁, 7, 10⁻⁸·Z₁ again, 10⁸·Z₂): scales 16 decades apart, a constant column and an exact copy; Y = 0.6·Z₁ + 0.6·Z₂ + 0.5·N.",
      dimX: 4, dimY: 1, n: 1000,
      nats: () => 0.5 * Math.log1p(0.72 / 0.25),
      sample: pairSampler((rng) => {
        const z1 = rng.normal();
        const z2 = rng.normal();
        return [[1e-8 * z1, 7, 1e-8 * z1, 1e8 * z2], [0.6 * z1 + 0.6 * z2 + 0.5 * rng.normal()]];
      }),
    }),
    unseenTask({
      name: "two-class-3x1-p0.2",
      description: "Y ∈ {0, 1} with P(Y = 1) = 0.2; X | Y ~ N(2·Y·(1, 1, 0)/√2, I₃): a binary y beside a continuous 3-D x.",
      dimX: 3, dimY: 1, n: 1000,
      nats: () => twoClassGaussianMI(TWO_CLASS.p, TWO_CLASS.separation),
      sample: pairSampler((rng) => {
        const label = rng.uniform() < TWO_CLASS.p ? 1 : 0;
        const shift = (label * TWO_CLASS.separation) / Math.SQRT2;
        return [[shift + rng.normal(), shift + rng.normal(), rng.normal()], [label]];
      }),
    }),
    unseenTask({
      name: "one-to-thirty-1x30",
      description: "X ~ N(0, 1); Y = 30 independent observations X + 3·N_k: x of 1 coordinate, y of 30.",
      dimX: 1, dimY: WIDE_Y.count, n: 1000,
      nats: () => repeatedObservationMI(WIDE_Y.count, WIDE_Y.sigma),
      sample: pairSampler((rng) => {
        const x = rng.normal();
        return [[x], Array.from({ length: WIDE_Y.count }, () => x + WIDE_Y.sigma * rng.normal())];
      }),
    }),
    unseenTask({
      name: "wrapped-angle-1x1",
      description: "θ ~ U(0, 2π); X and Y are θ + 0.3·noise wrapped to [0, 2π): 0 and 2π are the same angle.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => wrappedAngleMI(ANGLE_NOISE),
      sample: pairSampler((rng) => {
        const [a, b] = noisyAngles(rng);
        return [[a], [b]];
      }),
    }),
    unseenTask({
      name: "ring-angle-2x2",
      description: "The same noisy angles as points on the unit circle, (cos, sin): each of X and Y lies on a curve in the plane.",
      dimX: 2, dimY: 2, n: 1000,
      nats: () => wrappedAngleMI(ANGLE_NOISE),
      sample: pairSampler((rng) => {
        const [a, b] = noisyAngles(rng);
        return [[Math.cos(a), Math.sin(a)], [Math.cos(b), Math.sin(b)]];
      }),
    }),
    unseenTask({
      name: "multiplicative-lognormal-noise",
      description: "X ~ N(0, 1), Y = X·e^{0.5·N}: multiplicative noise; the sign is shared exactly.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => multiplicativeNoiseMI(MULTIPLICATIVE_SIGMA),
      sample: pairSampler((rng) => {
        const x = rng.normal();
        return [[x], [x * Math.exp(MULTIPLICATIVE_SIGMA * rng.normal())]];
      }),
    }),
    unseenTask({
      name: "sawtooth-mod1-10teeth",
      description: "X ~ U(0, 10), Y = (X mod 1) + 0.05·N: a sawtooth of ten teeth.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => sawtoothMI(SAWTOOTH.sigma),
      sample: pairSampler((rng) => {
        const x = SAWTOOTH.teeth * rng.uniform();
        return [[x], [(x % 1) + SAWTOOTH.sigma * rng.normal()]];
      }),
    }),
    unseenTask({
      name: "exponential-rate-channel",
      description: "X ~ Exp(1), Y | X ~ Exp(rate 0.1 + X): exponential marginals, dependence in the scale (Y's tail is heavy but of finite variance).",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => exponentialRateMI(RATE_OFFSET),
      sample: pairSampler((rng) => {
        const x = -Math.log1p(-rng.uniform());
        return [[x], [-Math.log1p(-rng.uniform()) / (RATE_OFFSET + x)]];
      }),
    }),
    unseenTask({
      name: "needle-mixture-0.95-0.05",
      description: "With probability 0.05 a bivariate Gaussian ρ = 0.9999, else independent N(0, 1): both marginals exactly N(0, 1), the dependence in 5 % of the rows.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => needleMixtureMI(NEEDLE.weight, NEEDLE.rho),
      sample: pairSampler((rng) => {
        const x = rng.normal();
        const needle = rng.uniform() < NEEDLE.weight;
        const z = rng.normal();
        return [[x], [needle ? NEEDLE.rho * x + Math.sqrt(1 - NEEDLE.rho ** 2) * z : z]];
      }),
    }),
    unseenTask({
      name: "gaussian-3nats-n5000",
      description: "X ~ N(0, 1), Y = X + 0.05·N: 3.0 nats in one dimension, 5000 samples.",
      dimX: 1, dimY: 1, n: 5000,
      nats: () => 0.5 * Math.log1p(1 / 0.05 ** 2),
      sample: pairSampler((rng) => {
        const x = rng.normal();
        return [[x], [x + 0.05 * rng.normal()]];
      }),
    }),
    { ...correlatedPairs(2, 0.8), name: "pairs-2x2-rho0.8-n60", family: "unseen", defaultSampleSize: 60 },
    unseenTask({
      name: "zero-inflated-independent",
      description: "X and Y independent, each exactly 0 with probability 0.8 and N(0, 1) otherwise: I = 0 amid heavy ties.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => 0,
      sample: pairSampler((rng) => {
        const x = rng.uniform() < ZERO_INFLATION ? 0 : rng.normal();
        const y = rng.uniform() < ZERO_INFLATION ? 0 : rng.normal();
        return [[x], [y]];
      }),
    }),
    unseenTask({
      name: "shared-sign",
      description: "X ~ N(0, 1), Y = sign(X)·|N|: only the sign is shared (log 2 nats), both marginals N(0, 1).",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => Math.LN2,
      sample: pairSampler((rng) => {
        const x = rng.normal();
        return [[x], [Math.sign(x) * Math.abs(rng.normal())]];
      }),
    }),
    { ...bmiSpiral, family: "unseen" },
    unseenTask({
      name: "class-shape-binary-x",
      description: "X ~ Bernoulli(0.5); Y | X = 0 ~ N(0, 1), Y | X = 1 two modes at ±0.98 of width 0.2: the same mean and variance in both classes, only the shape differs.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => classShapeMI(CLASS_SHAPE.p, CLASS_SHAPE.a),
      sample: pairSampler((rng) => {
        const label = rng.uniform() < CLASS_SHAPE.p ? 1 : 0;
        const z = rng.normal();
        if (label === 0) return [[0], [z]];
        const mode = rng.uniform() < 0.5 ? CLASS_SHAPE.a : -CLASS_SHAPE.a;
        return [[1], [mode + Math.sqrt(1 - CLASS_SHAPE.a ** 2) * z]];
      }),
    }),
    unseenTask({
      name: "uniform-noise-0.2",
      description: "X ~ U(0, 1), Y = X + U(0, 0.2): bounded data with sharp edges, 1.71 nats.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => uniformNoiseMI(0.2),
      sample: pairSampler((rng) => {
        const x = rng.uniform();
        return [[x], [x + 0.2 * rng.uniform()]];
      }),
    }),
    unseenTask({
      name: "records-5-copies-gaussian-rho0.5",
      description: "The bivariate Gaussian ρ = 0.5, each draw stored 5 times (oversampled records, rows shuffled): 200 distinct pairs in 1000 rows.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => gaussianMI(RECORD_COPIES.rho),
      sample: copiedRowsSampler(correlatedPairs(1, RECORD_COPIES.rho), RECORD_COPIES.copies),
    }),
  ];
}

/** The unseen battery (see the file's head). */
export const UNSEEN_TASKS: readonly Task[] = Object.freeze(buildUnseenTasks());
