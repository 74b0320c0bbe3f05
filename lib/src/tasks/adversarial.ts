import { correlatedPairs, gaussianChannel } from "./gaussian";
import { multivariateStudentT } from "./student-t";
import { bernoulliEntropy, LOG_TWO_PI_E, normalCdf, normalDensity } from "./special-functions";
import { pairSampler, taskFromSpec, type Task, type TaskSpec } from "./task";
import { offsetSeed, type Rng } from "../random/rng";
import { refuseTruthWhileTested } from "../estimators/reference-guard";
import { checkCorrelation, checkFinite, checkGrid, checkPositive } from "./arguments";
import { fail } from "../data/checks";

/*
 * Data sets of known MI that the estimators were not tuned on: high and infinite MI, heavy
 * tails, discrete and mixed data, extreme offsets and scales, copied and irrelevant columns,
 * tiny and large n, independence in many dimensions, non-monotone dependence. Each knows its
 * truth from a closed form or a quadrature in this file; tests/lib/honesty.test.mjs checks the
 * quadratures by Monte Carlo and that every estimator is right within its interval or says
 * it is not to be trusted.
 */

/** An adversarial task from its truth and a function drawing one pair. */
function makeTask(spec: Omit<TaskSpec, "family" | "sample"> & { drawPair: (rng: Rng) => [number[], number[]] }): Task {
  const { drawPair, ...rest } = spec;
  return taskFromSpec({ ...rest, family: "adversarial", sample: pairSampler(drawPair) });
}

/** A task whose samples are another task's, mapped; the truth is the base's (the maps are injective). */
function mapped(base: Task, spec: { name: string; description: string; n?: number; dimX?: number; map: (x: number[], y: number[]) => [number[], number[]] }): Task {
  return {
    ...base,
    name: spec.name,
    family: "adversarial",
    description: spec.description,
    dimX: spec.dimX ?? base.dimX,
    defaultSampleSize: spec.n ?? base.defaultSampleSize,
    sample: (n, seed) => {
      const drawn = base.sample(n, seed);
      const pairs = drawn.x.map((x, i) => spec.map(x, drawn.y[i]));
      return { x: pairs.map((p) => p[0]), y: pairs.map((p) => p[1]) };
    },
  };
}

/** The Gaussian channel Y = X + N(0, σ²), X ~ N(0, 1), with σ chosen so that I = `nats`. */
export function channelWithMI(nats: number): Task {
  refuseTruthWhileTested();
  checkPositive(nats, "channelWithMI(nats): nats");
  return { ...gaussianChannel({ dim: 1, power: 1, noise: 1 / Math.expm1(2 * nats) }), name: `channel-1x1-mi${nats}`, family: "adversarial" };
}

/** −∫ p log p on a grid of step h (the trapezoidal rule; p vanishing at both ends). */
export function entropyOnGrid(density: Float64Array, h: number): number {
  refuseTruthWhileTested();
  let sum = 0;
  for (const p of density) if (p > 0) sum -= p * Math.log(p);
  return sum * h;
}

/**
 * I(X∧Y) for Y = f(X) + σ·N, X and N standard normal: h(Y) − h(σN), with the density of Y,
 * ∫ φ(x) φ_σ(y − f(x)) dx, and its entropy both by the trapezoidal rule (x on [−9, 9] in
 * steps of σ/40, y over f's range ± 12σ in steps of σ/20). `fRange` bounds f on [−9, 9].
 */
export function additiveNoiseMI(f: (x: number) => number, sigma: number, fRange: [number, number]): number {
  refuseTruthWhileTested();
  const what = "additiveNoiseMI(f, sigma, fRange)";
  if (typeof f !== "function") fail(`${what}: f must be a function of x, got ${typeof f}.`);
  checkPositive(sigma, `${what}: sigma`);
  if (!Array.isArray(fRange) || fRange.length !== 2) fail(`${what}: fRange must be [lowest, highest] of f on [−9, 9].`);
  const [low, high] = [checkFinite(fRange[0], `${what}: fRange[0]`), checkFinite(fRange[1], `${what}: fRange[1]`)];
  if (low > high) fail(`${what}: fRange is [${low}, ${high}]; give [lowest, highest].`);
  const hx = Math.min(0.01, sigma / 40);
  checkGrid(18 / hx, what, `σ = ${sigma}`);
  checkGrid((high - low + 24 * sigma) / (sigma / 20), what, `σ = ${sigma} against f's range [${low}, ${high}]`);
  const xs: number[] = [];
  for (let x = -9; x <= 9 + 1e-12; x += hx) xs.push(x);
  const weights = xs.map((x) => normalDensity(x) * hx);
  const fx = xs.map(f);
  fx.forEach((v, i) => {
    if (!Number.isFinite(v) || v < low - 1e-9 * Math.max(1, Math.abs(low)) || v > high + 1e-9 * Math.max(1, Math.abs(high))) {
      fail(`${what}: f(${xs[i].toPrecision(4)}) is ${v}, outside fRange [${low}, ${high}] (fRange must bound f on [−9, 9]).`);
    }
  });
  const hy = sigma / 20;
  const lo = fRange[0] - 12 * sigma;
  const count = Math.ceil((fRange[1] + 12 * sigma - lo) / hy) + 1;
  const density = new Float64Array(count);
  for (let i = 0; i < xs.length; i++) {
    if (weights[i] < 1e-300) continue;
    // only the y within 12σ of f(x) get mass
    const first = Math.max(0, Math.floor((fx[i] - 12 * sigma - lo) / hy));
    const last = Math.min(count - 1, Math.ceil((fx[i] + 12 * sigma - lo) / hy));
    for (let j = first; j <= last; j++) density[j] += (weights[i] * normalDensity((lo + j * hy - fx[i]) / sigma)) / sigma;
  }
  return entropyOnGrid(density, hy) - 0.5 * LOG_TWO_PI_E - Math.log(sigma);
}

/**
 * X standard normal, Y = round(ρX + √(1 − ρ²)·N) an integer: I = H(Y) − E_X[H(Y | X)], with
 * P(Y = k | x) from Φ and E_X by the trapezoidal rule on [−9, 9] (step 0.002).
 */
export function roundedGaussianMI(rho: number): number {
  refuseTruthWhileTested();
  checkCorrelation(rho, "roundedGaussianMI(rho): rho");
  const s = Math.sqrt(1 - rho * rho);
  const h = 0.002;
  const kMax = 12;
  const marginal = new Float64Array(2 * kMax + 1);
  let conditionalEntropy = 0;
  for (let x = -9; x <= 9 + 1e-12; x += h) {
    const w = normalDensity(x) * h;
    for (let k = -kMax; k <= kMax; k++) {
      const p = normalCdf((k + 0.5 - rho * x) / s) - normalCdf((k - 0.5 - rho * x) / s);
      marginal[k + kMax] += w * p;
      if (p > 0) conditionalEntropy -= w * p * Math.log(p);
    }
  }
  let entropy = 0;
  for (const p of marginal) if (p > 0) entropy -= p * Math.log(p);
  return entropy - conditionalEntropy;
}

/**
 * X uniform on {0, 1}, Y = μX + N: h(Y) − h(N) with the two-component density on a grid of step
 * 0.001 (μ and −μ give the same; beyond |μ| = 40 the components' overlap, e^{−μ²/8}, is below
 * float64's resolution of log 2).
 */
export function binaryInputMI(mu: number): number {
  refuseTruthWhileTested();
  mu = Math.abs(checkFinite(mu, "binaryInputMI(mu): mu"));
  if (mu > 40) return Math.LN2;
  const h = 0.001;
  const lo = -12;
  const count = Math.ceil((mu + 24) / h) + 1;
  const density = Float64Array.from({ length: count }, (_, j) => {
    const y = lo + j * h;
    return 0.5 * normalDensity(y) + 0.5 * normalDensity(y - mu);
  });
  return entropyOnGrid(density, h) - 0.5 * LOG_TWO_PI_E;
}

function gaussianPair(rng: Rng, rho: number): [number, number] {
  const a = rng.normal();
  return [a, rho * a + Math.sqrt(1 - rho * rho) * rng.normal()];
}

/** Cauchy draw: the ratio of two standard normals. */
function cauchy(rng: Rng): number {
  return rng.normal() / rng.normal();
}

function studentT1x1(dof: number): Task {
  return {
    ...multivariateStudentT({
      name: `student-t-dof${dof}-1x1-rho0.8`,
      description: `Bivariate Student-t, ${dof} degree${dof === 1 ? "" : "s"} of freedom, scale correlation 0.8.`,
      scale: [[1, 0.8], [0.8, 1]],
      dimX: 1,
      dof,
    }),
    family: "adversarial",
  };
}

function buildAdversarialTasks(): Task[] {
  const rho9 = correlatedPairs(1, 0.9);
  return [
    ...[1, 2, 4, 8].map(channelWithMI),
    makeTask({
      name: "near-copy-1x1",
      description: "X ~ N(0, 1), Y = X + 0.01·N: I = ½·log(1 + 10⁴) = 4.6 nats, beyond what n = 1000 can show.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => 0.5 * Math.log1p(1e4),
      drawPair: (rng) => { const x = rng.normal(); return [[x], [x + 0.01 * rng.normal()]]; },
    }),
    makeTask({
      name: "copy-1x1",
      description: "Y = X, X ~ N(0, 1): the MI of a continuous copy is infinite.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => Infinity,
      drawPair: (rng) => { const x = rng.normal(); return [[x], [x]]; },
    }),
    makeTask({
      name: "cauchy-channel-1x1",
      description: "X ~ Cauchy(0, 1), Y = X + Cauchy(0, 1) noise: h(Y) − h(noise) = log(4π·2) − log(4π) = log 2.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => Math.LN2,
      drawPair: (rng) => { const x = cauchy(rng); return [[x], [x + cauchy(rng)]]; },
    }),
    studentT1x1(1),
    studentT1x1(2),
    studentT1x1(3),
    makeTask({
      name: "binary-symmetric-channel-p0.1",
      description: "X uniform on {0, 1}, Y = X flipped with probability 0.1: I = log 2 − H(0.1).",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => Math.LN2 - bernoulliEntropy(0.1),
      drawPair: (rng) => { const x = rng.uniform() < 0.5 ? 0 : 1; return [[x], [rng.uniform() < 0.1 ? 1 - x : x]]; },
    }),
    makeTask({
      name: "rounded-y-gaussian-rho0.9",
      description: "X ~ N(0, 1), Y = round(0.9·X + √0.19·N): an integer Y beside a continuous X (many ties).",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => roundedGaussianMI(0.9),
      drawPair: (rng) => { const [a, b] = gaussianPair(rng, 0.9); return [[a], [Math.round(b)]]; },
    }),
    makeTask({
      name: "binary-x-gaussian-y",
      description: "X uniform on {0, 1}, Y = 2X + N(0, 1): a mixed discrete/continuous pair.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => binaryInputMI(2),
      drawPair: (rng) => { const x = rng.uniform() < 0.5 ? 0 : 1; return [[x], [2 * x + rng.normal()]]; },
    }),
    mapped(rho9, {
      name: "offset-scale-gaussian-rho0.9",
      description: "The bivariate Gaussian ρ = 0.9 with X scaled by 10⁶ and Y = 5000 + 10⁻⁶·Y (exact in float64, not in float32).",
      map: (x, y) => [[x[0] * 1e6], [5e3 + 1e-6 * y[0]]],
    }),
    mapped(rho9, {
      name: "lognormal-gaussian-rho0.9",
      description: "The bivariate Gaussian ρ = 0.9 with both coordinates through exp (log-normal marginals).",
      map: (x, y) => [[Math.exp(x[0])], [Math.exp(y[0])]],
    }),
    mapped(rho9, {
      name: "duplicated-x-gaussian-rho0.9",
      description: "The bivariate Gaussian ρ = 0.9 with X given twice, x = [a, a] (a singular covariance).",
      dimX: 2,
      map: (x, y) => [[x[0], x[0]], y],
    }),
    noiseColumns(rho9, 50),
    {
      ...correlatedPairs(20, 0),
      name: "independent-20x20",
      family: "adversarial",
      description: "X and Y independent, 20 standard normals each.",
    },
    makeTask({
      name: "square-noise-1x1",
      description: "X ~ N(0, 1), Y = X² + 0.5·N: non-monotone, no correlation at all.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => additiveNoiseMI((x) => x * x, 0.5, [0, 81]),
      drawPair: (rng) => { const x = rng.normal(); return [[x], [x * x + 0.5 * rng.normal()]]; },
    }),
    makeTask({
      name: "sine-noise-1x1",
      description: "X ~ N(0, 1), Y = sin(3X) + 0.3·N: non-monotone and periodic.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => additiveNoiseMI((x) => Math.sin(3 * x), 0.3, [-1, 1]),
      drawPair: (rng) => { const x = rng.normal(); return [[x], [Math.sin(3 * x) + 0.3 * rng.normal()]]; },
    }),
    { ...rho9, name: "tiny-gaussian-rho0.9-n30", family: "adversarial", defaultSampleSize: 30 },
    { ...correlatedPairs(1, 0.5), name: "large-gaussian-rho0.5-n20000", family: "adversarial", defaultSampleSize: 20000 },
  ];
}

/** The base task with `count` independent standard normal columns appended to X. */
function noiseColumns(base: Task, count: number): Task {
  return {
    ...base,
    name: `noise-columns-gaussian-rho0.9-${count + 1}x1`,
    family: "adversarial",
    description: `The bivariate Gaussian ρ = 0.9 with ${count} independent standard normal columns appended to X.`,
    dimX: base.dimX + count,
    sample: (n, seed) => {
      const drawn = base.sample(n, seed);
      // the noise comes from a generator forked off a fixed seed, so the base's draws stay as they were
      const noise = correlatedPairs(count, 0).sample(n, typeof seed === "number" ? offsetSeed(seed, 7919) : seed.fork());
      return { x: drawn.x.map((row, i) => [...row, ...noise.x[i]]), y: drawn.y };
    },
  };
}

/** The adversarial family: data sets of known MI the estimators were not tuned on (see the file's head). */
export const ADVERSARIAL_TASKS: readonly Task[] = Object.freeze(buildAdversarialTasks());

