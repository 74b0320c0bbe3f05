import { correlatedPairs, gaussianMI } from "./gaussian";
import { entropyOnGrid } from "./adversarial";
import { categoricalGaussianMI } from "./held-out";
import { LOG_TWO_PI_E, normalCdf, normalDensity } from "./special-functions";
import { copiedRowsSampler, pairSampler, taskFromSpec, type Task, type TaskSpec } from "./task";
import type { Rng } from "../random/rng";
import { refuseTruthWhileTested } from "../estimators/reference-guard";
import { checkCorrelation, checkFinite, checkGrid, checkPositive, checkPositiveInteger, checkProbability, checkWeights } from "./arguments";
import { checkInRange, fail } from "../data/checks";

/*
 * The fresh battery: data sets of known MI written after the adversarial and held-out
 * batteries and unlike both, to check the library's promise (right within the interval, or
 * untrusted with a reason) on data it was never tuned on. Uniform on an annulus, a Frank
 * copula with exponential marginals of scales 1 and 100, a Poisson X beside a continuous Y,
 * outliers of 25 standard deviations in both coordinates, y = tanh(x) + 0.01·noise (3.9 nats),
 * a sum of ten uniforms observed in noise (10 + 1 coordinates), log-normal columns mixed by
 * invertible matrices, n = 30, rank-deficient columns of scales 10⁻⁶ to 10⁶, a 40-class
 * channel, duplicated rows, a constant column beside an informative one, a censored y that is
 * exactly 0 half the time, a one-hot x of 12 classes, and independence in 2 + 8 skewed
 * columns. Each truth is a closed form or a quadrature in this file; tests/lib/fresh.test.mjs
 * checks them by Monte Carlo on the tasks' own samples with densities written out there.
 */

function freshTask(spec: Omit<TaskSpec, "family">): Task {
  return taskFromSpec({ ...spec, family: "fresh" });
}

/** The inner and outer radii of the annulus task. */
export const ANNULUS = { inner: 0.5, outer: 1 } as const;

/**
 * (X, Y) uniform on the annulus inner ≤ r ≤ outer: I = 2·h(X) − log(area), X's density being
 * the length of the vertical chord at x over the area; h(X) by the midpoint rule (400 000
 * points; the square-root edges make its error O(h^1.5), below 1e-7).
 */
export function annulusMI(): number {
  refuseTruthWhileTested();
  const { inner, outer } = ANNULUS;
  const area = Math.PI * (outer * outer - inner * inner);
  const count = 400_000;
  const h = (2 * outer) / count;
  let entropy = 0;
  for (let i = 0; i < count; i++) {
    const x = -outer + (i + 0.5) * h;
    const chord = 2 * (Math.sqrt(outer * outer - x * x) - Math.sqrt(Math.max(0, inner * inner - x * x)));
    const p = chord / area;
    if (p > 0) entropy -= p * Math.log(p) * h;
  }
  return 2 * entropy - Math.log(area);
}

/** The largest |θ| of the Frank copula whose MI the 1500 × 1500 grid resolves (its ridge is about 1/θ wide). */
const FRANK_LARGEST_THETA = 100;

/**
 * The Frank copula's density c(u, v) with parameter θ ≠ 0 (θ < 0: negative dependence; θ → 0:
 * independence, c = 1). For θ > 1 the denominator 1 − e^{−θ} − (1 − e^{−θu})(1 − e^{−θv}) is
 * computed as e^{−θu} + e^{−θv} − e^{−θ(u+v)} − e^{−θ}, without the cancellation that made it 0,
 * and c infinite, near u = v = 1 at θ = 200.
 */
export function frankCopulaDensity(theta: number, u: number, v: number): number {
  checkFinite(theta, "frankCopulaDensity(theta, u, v): theta");
  checkInRange(u, "frankCopulaDensity(theta, u, v): u", 0, 1);
  checkInRange(v, "frankCopulaDensity(theta, u, v): v", 0, 1);
  if (theta === 0) return 1;
  const e = -Math.expm1(-theta); // 1 − e^{−θ}
  const denominator =
    theta > 1 ? Math.exp(-theta * u) + Math.exp(-theta * v) - Math.exp(-theta * (u + v)) - Math.exp(-theta) : e - -Math.expm1(-theta * u) * -Math.expm1(-theta * v);
  return (theta * e * Math.exp(-theta * (u + v))) / (denominator * denominator);
}

/** I of the Frank copula: ∫∫ c log c over the unit square, by the midpoint rule on 1500 × 1500 cells (c is smooth and bounded). */
export function frankCopulaMI(theta: number): number {
  refuseTruthWhileTested();
  checkInRange(theta, "frankCopulaMI(theta): theta", -FRANK_LARGEST_THETA, FRANK_LARGEST_THETA);
  if (theta === 0) return 0;
  const m = 1500;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const c = frankCopulaDensity(theta, (i + 0.5) / m, (j + 0.5) / m);
      sum += c * Math.log(c);
    }
  }
  return sum / (m * m);
}

/** A draw (u, v) of the Frank copula by inverting v's distribution given u. */
function frankPair(rng: Rng, theta: number): [number, number] {
  const u = rng.uniform();
  const w = rng.uniform();
  const a = Math.exp(-theta * u);
  const t = 1 + (w * Math.expm1(-theta)) / (w + (1 - w) * a);
  return [u, -Math.log(t) / theta];
}

/** A Gaussian mixture component (weight, mean, standard deviation). */
interface Component {
  weight: number;
  mean: number;
  sd: number;
}

/** h of a 1-D Gaussian mixture by the trapezoidal rule (step: the smallest sd / 20, over the means ± 12 of the largest sd). */
export function gaussianMixtureEntropy(components: readonly Component[]): number {
  refuseTruthWhileTested();
  checkComponents(components, "gaussianMixtureEntropy(components)");
  const widest = Math.max(...components.map((c) => c.sd));
  const h = Math.min(...components.map((c) => c.sd)) / 20;
  const lo = Math.min(...components.map((c) => c.mean)) - 12 * widest;
  const count = Math.ceil((Math.max(...components.map((c) => c.mean)) + 12 * widest - lo) / h) + 1;
  checkGrid(count, "gaussianMixtureEntropy(components)", "the components' spread against the narrowest sd");
  const density = Float64Array.from({ length: count }, (_, j) =>
    components.reduce((s, c) => s + (c.weight * normalDensity((lo + j * h - c.mean) / c.sd)) / c.sd, 0),
  );
  return entropyOnGrid(density, h);
}

/** Mixture components: a non-empty array of { weight, mean, sd } with weights summing to 1, sd > 0. */
function checkComponents(components: readonly Component[], what: string): void {
  if (!Array.isArray(components) || components.length === 0) fail(`${what} must be a non-empty array of { weight, mean, sd }.`);
  checkWeights(components.map((c) => c?.weight), `${what}: the weights`);
  components.forEach((c, k) => {
    checkFinite(c.mean, `${what}[${k}].mean`);
    checkPositive(c.sd, `${what}[${k}].sd`);
  });
}

/**
 * The Irwin–Hall density's alternating sum loses its digits to cancellation as the count grows
 * (the MI of 40 uniforms still agrees with the Gaussian limit to 1e−4): at most this many.
 */
const LARGEST_UNIFORM_COUNT = 40;

function checkUniformCount(count: number, what: string): void {
  checkPositiveInteger(count, what);
  if (count > LARGEST_UNIFORM_COUNT) fail(`${what} is ${count}; the Irwin–Hall sum here is accurate for at most ${LARGEST_UNIFORM_COUNT} uniforms (beyond, their standardised sum is Gaussian to within what estimators resolve).`);
}

/** The outlier task's X and noise E, each a mixture of a bulk and a wide component of outliers. */
export const OUTLIERS = {
  x: [{ weight: 0.97, mean: 0, sd: 1 }, { weight: 0.03, mean: 0, sd: 25 }],
  noise: [{ weight: 0.95, mean: 0, sd: 0.5 }, { weight: 0.05, mean: 0, sd: 25 }],
} as const;

/** I for Y = X + E with X and E independent Gaussian mixtures: h(Y) − h(E), Y's components the pairwise sums. */
export function mixtureChannelMI(x: readonly Component[], noise: readonly Component[]): number {
  refuseTruthWhileTested();
  checkComponents(x, "mixtureChannelMI(x, noise): x");
  checkComponents(noise, "mixtureChannelMI(x, noise): noise");
  const sums = x.flatMap((a) => noise.map((b) => ({ weight: a.weight * b.weight, mean: a.mean + b.mean, sd: Math.hypot(a.sd, b.sd) })));
  return gaussianMixtureEntropy(sums) - gaussianMixtureEntropy(noise);
}

function drawComponent(rng: Rng, components: readonly Component[]): number {
  let u = rng.uniform();
  for (const c of components) {
    if (u < c.weight) return c.mean + c.sd * rng.normal();
    u -= c.weight;
  }
  const last = components[components.length - 1];
  return last.mean + last.sd * rng.normal();
}

/** The Irwin–Hall density: the sum of `count` independent U(0, 1), at t (mirrored about count/2 to avoid cancellation). */
export function irwinHallDensity(count: number, t: number): number {
  checkUniformCount(count, "irwinHallDensity(count, t): count");
  checkFinite(t, "irwinHallDensity(count, t): t");
  if (t <= 0 || t >= count) return 0;
  const s = Math.min(t, count - t);
  let sum = 0;
  let binomial = 1;
  for (let k = 0; k <= Math.floor(s); k++) {
    sum += (k % 2 === 0 ? 1 : -1) * binomial * (s - k) ** (count - 1);
    binomial = (binomial * (count - k)) / (k + 1);
  }
  let factorial = 1;
  for (let k = 2; k < count; k++) factorial *= k;
  return sum / factorial;
}

/**
 * I for Y = tanh(X) + σN, X and N standard normal: h(Y) − h(σN), Y's density
 * ∫ p_T(t) φ_σ(y − t) dt with p_T(t) = φ(atanh t)/(1 − t²) the density of T = tanh X, by the
 * midpoint rule in t (step σ/20 on (−1, 1)); h(Y) by the trapezoidal rule (step σ/20).
 */
export function tanhNoiseMI(sigma: number): number {
  refuseTruthWhileTested();
  checkPositive(sigma, "tanhNoiseMI(sigma): sigma");
  const h = sigma / 20;
  checkGrid((2 + 20 * sigma) / h, "tanhNoiseMI(sigma)", `σ = ${sigma}`);
  const tCount = Math.round(2 / h);
  const lo = -1 - 10 * sigma;
  const yCount = Math.ceil((2 + 20 * sigma) / h) + 1;
  const density = new Float64Array(yCount);
  const reach = Math.ceil((10 * sigma) / h);
  for (let i = 0; i < tCount; i++) {
    const t = -1 + (i + 0.5) * h;
    const weight = (normalDensity(Math.atanh(t)) / (1 - t * t)) * h;
    if (weight < 1e-300) continue;
    const centre = Math.round((t - lo) / h);
    for (let j = Math.max(0, centre - reach); j <= Math.min(yCount - 1, centre + reach); j++) {
      density[j] += (weight * normalDensity((lo + j * h - t) / sigma)) / sigma;
    }
  }
  return entropyOnGrid(density, h) - 0.5 * LOG_TWO_PI_E - Math.log(sigma);
}

/** The uniform-sum task: X_k ~ U(−√3, √3) for k < COUNT, S = ΣX_k/√COUNT, Y = S + σ·N. */
export const UNIFORM_SUM = { count: 10, sigma: 0.3 } as const;

/**
 * I = h(Y) − h(σN) for Y = S + σN, S the standardised sum of `count` uniforms: S's density
 * from the Irwin–Hall closed form, Y's by the trapezoidal rule over s (step σ/100), h(Y) by
 * the trapezoidal rule (step σ/20).
 */
export function uniformSumMI(count: number, sigma: number): number {
  refuseTruthWhileTested();
  checkUniformCount(count, "uniformSumMI(count, sigma): count");
  checkPositive(sigma, "uniformSumMI(count, sigma): sigma");
  checkGrid((2 * Math.sqrt(3 * count) + 20 * sigma) / (sigma / 100), "uniformSumMI(count, sigma)", `σ = ${sigma}`);
  const scale = Math.sqrt(12 / count); // S = scale·(IH − count/2)
  const half = (scale * count) / 2;
  const hs = sigma / 100;
  const ss: number[] = [];
  for (let s = -half; s <= half + 1e-12; s += hs) ss.push(s);
  const ps = ss.map((s) => irwinHallDensity(count, s / scale + count / 2) / scale);
  const hy = sigma / 20;
  const lo = -half - 10 * sigma;
  const yCount = Math.ceil((2 * half + 20 * sigma) / hy) + 1;
  const density = new Float64Array(yCount);
  for (let i = 0; i < ss.length; i++) {
    const first = Math.max(0, Math.floor((ss[i] - 10 * sigma - lo) / hy));
    const last = Math.min(yCount - 1, Math.ceil((ss[i] + 10 * sigma - lo) / hy));
    for (let j = first; j <= last; j++) density[j] += (ps[i] * hs * normalDensity((lo + j * hy - ss[i]) / sigma)) / sigma;
  }
  return entropyOnGrid(density, hy) - 0.5 * LOG_TWO_PI_E - Math.log(sigma);
}

/**
 * X ~ Exp(1), Y = X + N with N ~ Exp(rate 2): Y's density is 2(e^{−y} − e^{−2y}), and
 * I = h(Y) − h(N) = h(Y) − (1 − log 2), h(Y) by the trapezoidal rule on [0, 60] (step 10⁻⁴).
 */
export function exponentialSumMI(): number {
  refuseTruthWhileTested();
  const h = 1e-4;
  const count = Math.round(60 / h) + 1;
  const density = Float64Array.from({ length: count }, (_, j) => 2 * (Math.exp(-j * h) - Math.exp(-2 * j * h)));
  return entropyOnGrid(density, h) - (1 - Math.LN2);
}

/** The censored task: Y = max(0, ρX + √(1 − ρ²)·N). */
export const CENSORED_RHO = 0.8;

/**
 * I(X∧Y) for Y = max(0, ρX + sN), s = √(1 − ρ²), X and N standard normal. Y is 0 with
 * probability ½ and otherwise has the density φ(y); given x it is 0 with probability
 * Φ(−ρx/s) and otherwise φ_s(y − ρx). The y > 0 part of E log p(y | x)/p(y) given x is a
 * closed form (truncated normal moments); the expectation over x by the trapezoidal rule on
 * [−9, 9] (step 0.002).
 */
export function censoredGaussianMI(rho: number): number {
  refuseTruthWhileTested();
  checkCorrelation(rho, "censoredGaussianMI(rho): rho");
  const s = Math.sqrt(1 - rho * rho);
  const h = 0.002;
  let total = 0;
  for (let x = -9; x <= 9 + 1e-12; x += h) {
    const m = rho * x;
    const zero = normalCdf(-m / s);
    const a = -m / s; // y > 0 is z > a, z = (y − m)/s
    const q = normalCdf(m / s);
    const tail = normalDensity(a);
    // ∫_{z>a} φ(z)·[−z²/2 − log s + (m + s z)²/2] dz with ∫φ = q, ∫zφ = φ(a), ∫z²φ = q + aφ(a)
    const positive = ((s * s - 1) / 2) * (q + a * tail) + (m * m / 2 - Math.log(s)) * q + m * s * tail;
    const atZero = zero > 0 ? zero * Math.log(zero / 0.5) : 0;
    total += normalDensity(x) * h * (atZero + positive);
  }
  return total;
}

/** The 40-class symmetric channel: X uniform on 0…39, Y = X with probability 0.7, else one of the other 39 uniformly. */
export const CLASS_CHANNEL = { classes: 40, keep: 0.7 } as const;

export function symmetricChannelMI(classes: number, keep: number): number {
  refuseTruthWhileTested();
  checkPositiveInteger(classes, "symmetricChannelMI(classes, keep): classes");
  if (classes < 2) fail(`symmetricChannelMI(classes, keep): classes must be at least 2, got ${classes}.`);
  checkProbability(keep, "symmetricChannelMI(classes, keep): keep");
  const other = (1 - keep) / (classes - 1);
  // 0·log 0 = 0: keep = 1 is a noiseless channel (log classes), keep = 0 one that never keeps
  const xlogx = (p: number) => (p > 0 ? p * Math.log(p) : 0);
  return Math.log(classes) + xlogx(keep) + (1 - keep > 0 ? (1 - keep) * Math.log(other) : 0);
}

/** The mixing matrices of the log-normal task: X = A·exp(Z_x), Y = B·exp(Z_y). */
export const LOGNORMAL_MIXING = { a: [[1, 1], [-0.5, 1]], b: [[2, -1], [1, 1]] } as const;

function mix(matrix: readonly (readonly number[])[], v: readonly number[]): number[] {
  return matrix.map((row) => row.reduce((s, m, k) => s + m * v[k], 0));
}

/** The one-hot task's class means: Y = 0.6·class + N(0, 1), 12 equally likely classes. */
const ONE_HOT_CLASSES = 12;
const ONE_HOT_MEANS = Array.from({ length: ONE_HOT_CLASSES }, (_, k) => 0.6 * k);

/** The rank-deficient task: I(Z∧Y) for Y_1 = 0.8·Z_1 + 0.6·N_1, Y_2 = 0.8·(Z_1 + Z_2)/√2 + 0.6·N_2: ½·log(det Σ_Y / 0.6⁴). */
export function rankDeficientMI(): number {
  refuseTruthWhileTested();
  const c = 0.64 / Math.SQRT2;
  return 0.5 * Math.log((1 - c * c) / 0.36 ** 2);
}

function buildFreshTasks(): Task[] {
  const rho8 = correlatedPairs(1, 0.8);
  return [
    freshTask({
      name: "uniform-annulus",
      description: "(X, Y) uniform on the annulus 0.5 ≤ r ≤ 1: no linear correlation, dependence in the shape only.",
      dimX: 1, dimY: 1, n: 1000,
      nats: annulusMI,
      sample: pairSampler((rng) => {
        for (;;) {
          const x = 2 * rng.uniform() - 1;
          const y = 2 * rng.uniform() - 1;
          const r2 = x * x + y * y;
          if (r2 <= 1 && r2 >= 0.25) return [[x], [y]];
        }
      }),
    }),
    freshTask({
      name: "frank-copula-exponential",
      description: "A Frank copula (θ = 6) with exponential marginals of means 1 and 100: non-Gaussian dependence, skewed scales.",
      dimX: 1, dimY: 1, n: 3000,
      nats: () => frankCopulaMI(6),
      sample: pairSampler((rng) => {
        const [u, v] = frankPair(rng, 6);
        return [[-Math.log1p(-u)], [-100 * Math.log1p(-v)]];
      }),
    }),
    freshTask({
      name: "poisson-x-gaussian-y",
      description: "X ~ Poisson(4) (integer counts), Y = X + N(0, 1): a discrete X beside a continuous Y.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => {
        const weights: number[] = [];
        let p = Math.exp(-4);
        for (let k = 0; k <= 40; k++) {
          weights.push(p);
          p *= 4 / (k + 1);
        }
        return categoricalGaussianMI(weights, weights.map((_, k) => k));
      },
      sample: pairSampler((rng) => {
        // Knuth's product of uniforms
        let k = 0;
        for (let product = rng.uniform(); product > Math.exp(-4); product *= rng.uniform()) k += 1;
        return [[k], [k + rng.normal()]];
      }),
    }),
    freshTask({
      name: "outliers-25sd-channel",
      description: "Y = X + E; 3 % of X and 5 % of E are outliers of standard deviation 25 (bulk: N(0, 1) and N(0, 0.5²)).",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => mixtureChannelMI(OUTLIERS.x, OUTLIERS.noise),
      sample: pairSampler((rng) => {
        const x = drawComponent(rng, OUTLIERS.x);
        return [[x], [x + drawComponent(rng, OUTLIERS.noise)]];
      }),
    }),
    freshTask({
      name: "tanh-noise-1e-2",
      description: "X ~ N(0, 1), Y = tanh(X) + 0.01·N: nearly deterministic and saturating, about 3.8 nats.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => tanhNoiseMI(0.01),
      sample: pairSampler((rng) => {
        const x = rng.normal();
        return [[x], [Math.tanh(x) + 0.01 * rng.normal()]];
      }),
    }),
    freshTask({
      name: "uniform-sum-10x1",
      description: "X: ten U(−√3, √3); Y = ΣX_k/√10 + 0.3·N: 10 + 1 coordinates, the dependence spread over all ten.",
      dimX: UNIFORM_SUM.count, dimY: 1, n: 1000,
      nats: () => uniformSumMI(UNIFORM_SUM.count, UNIFORM_SUM.sigma),
      sample: pairSampler((rng) => {
        const x = Array.from({ length: UNIFORM_SUM.count }, () => Math.sqrt(3) * (2 * rng.uniform() - 1));
        const s = x.reduce((a, b) => a + b, 0) / Math.sqrt(UNIFORM_SUM.count);
        return [x, [s + UNIFORM_SUM.sigma * rng.normal()]];
      }),
    }),
    freshTask({
      name: "lognormal-mixed-2x2",
      description: "Two Gaussian pairs (ρ = 0.8) through exp, then mixed by invertible 2 × 2 matrices: no column is a monotone map of a Gaussian.",
      dimX: 2, dimY: 2, n: 1000,
      nats: () => 2 * gaussianMI(0.8),
      sample: (count, seed) => {
        const drawn = correlatedPairs(2, 0.8).sample(count, seed);
        return {
          x: drawn.x.map((z) => mix(LOGNORMAL_MIXING.a, z.map(Math.exp))),
          y: drawn.y.map((z) => mix(LOGNORMAL_MIXING.b, z.map(Math.exp))),
        };
      },
    }),
    freshTask({
      name: "exponential-sum-n30",
      description: "X ~ Exp(1), Y = X + Exp(rate 2), thirty samples.",
      dimX: 1, dimY: 1, n: 30,
      nats: exponentialSumMI,
      sample: pairSampler((rng) => {
        const x = -Math.log1p(-rng.uniform());
        return [[x], [x - 0.5 * Math.log1p(-rng.uniform())]];
      }),
    }),
    freshTask({
      name: "rank-deficient-3x2",
      description: "X = (10⁻⁶·Z_1, Z_2, 10⁶·(Z_1 − Z_2)), rank 2; Y_1 = 0.8·Z_1 + 0.6·N_1, Y_2 = 0.8·(Z_1 + Z_2)/√2 + 0.6·N_2.",
      dimX: 3, dimY: 2, n: 1000,
      nats: rankDeficientMI,
      sample: pairSampler((rng) => {
        const z1 = rng.normal();
        const z2 = rng.normal();
        return [
          [1e-6 * z1, z2, 1e6 * (z1 - z2)],
          [0.8 * z1 + 0.6 * rng.normal(), (0.8 * (z1 + z2)) / Math.SQRT2 + 0.6 * rng.normal()],
        ];
      }),
    }),
    freshTask({
      name: "categorical-40-channel",
      description: "X uniform on 40 classes (coded 0…39), Y = X with probability 0.7, else another class at random: 25 samples per class.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => symmetricChannelMI(CLASS_CHANNEL.classes, CLASS_CHANNEL.keep),
      sample: pairSampler((rng) => {
        const { classes, keep } = CLASS_CHANNEL;
        const x = rng.integer(0, classes);
        if (rng.uniform() < keep) return [[x], [x]];
        const other = rng.integer(0, classes - 1);
        return [[x], [other >= x ? other + 1 : other]];
      }),
    }),
    freshTask({
      name: "duplicated-rows-gaussian-rho0.8",
      description: "The bivariate Gaussian ρ = 0.8, every drawn pair present twice (rows shuffled): 500 distinct pairs in 1000 rows.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => gaussianMI(0.8),
      sample: copiedRowsSampler(rho8, 2),
    }),
    freshTask({
      name: "constant-column-gaussian-rho0.8",
      description: "The bivariate Gaussian ρ = 0.8 with a constant second column of X (7 in every row).",
      dimX: 2, dimY: 1, n: 1000,
      nats: () => gaussianMI(0.8),
      sample: (count, seed) => {
        const drawn = rho8.sample(count, seed);
        return { x: drawn.x.map((row) => [row[0], 7]), y: drawn.y };
      },
    }),
    freshTask({
      name: "censored-gaussian-rho0.8",
      description: "Y = max(0, 0.8·X + 0.6·N): exactly 0 half the time, continuous otherwise; 5000 samples.",
      dimX: 1, dimY: 1, n: 5000,
      nats: () => censoredGaussianMI(CENSORED_RHO),
      sample: pairSampler((rng) => {
        const x = rng.normal();
        const s = Math.sqrt(1 - CENSORED_RHO * CENSORED_RHO);
        return [[x], [Math.max(0, CENSORED_RHO * x + s * rng.normal())]];
      }),
    }),
    freshTask({
      name: "onehot12-gaussian-y",
      description: "X one-hot of 12 equally likely classes (12 columns of 0 and 1), Y = 0.6·class + N(0, 1).",
      dimX: ONE_HOT_CLASSES, dimY: 1, n: 1000,
      nats: () => categoricalGaussianMI(ONE_HOT_MEANS.map(() => 1 / ONE_HOT_CLASSES), ONE_HOT_MEANS),
      sample: pairSampler((rng) => {
        const k = rng.integer(0, ONE_HOT_CLASSES);
        return [ONE_HOT_MEANS.map((_, j) => (j === k ? 1 : 0)), [ONE_HOT_MEANS[k] + rng.normal()]];
      }),
    }),
    freshTask({
      name: "independent-skewed-2x8",
      description: "X: two log-normal columns; Y: eight exponential columns; all independent, I = 0.",
      dimX: 2, dimY: 8, n: 500,
      nats: () => 0,
      sample: pairSampler((rng) => [
        [Math.exp(rng.normal()), Math.exp(2 * rng.normal())],
        Array.from({ length: 8 }, (_, k) => -(k + 1) * Math.log1p(-rng.uniform())),
      ]),
    }),
  ];
}

/** The fresh battery (see the file's head). */
export const FRESH_TASKS: readonly Task[] = Object.freeze(buildFreshTasks());
