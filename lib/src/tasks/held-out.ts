import { checkFinite, checkGrid, checkWeights } from "./arguments";
import { fail } from "../data/checks";
import { correlatedPairs, gaussianMI } from "./gaussian";
import { entropyOnGrid } from "./adversarial";
import { bernoulliEntropy, LOG_TWO_PI_E, normalDensity } from "./special-functions";
import { pairSampler, taskFromSpec, type Task, type TaskSpec } from "./task";
import type { Rng } from "../random/rng";
import { refuseTruthWhileTested } from "../estimators/reference-guard";

/*
 * The held-out battery: data sets of known MI written after the estimators and their
 * adversarial battery, and unlike both, to check the library's promise (right within the
 * interval, or untrusted with a reason) on data it was not tuned on. Negative and extreme
 * correlations, uniform densities on shapes, uniform noise, categorical and integer data,
 * an unequal mixture with shifted means, x and y of different dimensions, n from 8 to 50 000,
 * independence with bimodal marginals, MI near 7 nats, units of 1e±9 and beyond float32's
 * range, rows sorted by x. Each truth is a closed form or a quadrature in this file;
 * tests/lib/held-out.test.mjs checks the quadratures by Monte Carlo.
 */

function heldOutTask(spec: Omit<TaskSpec, "family">): Task {
  return taskFromSpec({ ...spec, family: "held-out" });
}

/** I of a discrete pair from its joint probability table p[i][j]. */
export function discreteMI(joint: readonly (readonly number[])[]): number {
  refuseTruthWhileTested();
  const what = "discreteMI(joint)";
  const table: unknown = joint;
  if (!Array.isArray(table) || table.length === 0 || !Array.isArray(table[0]) || table[0].length === 0) {
    fail(`${what}: joint must be a non-empty table of probabilities, joint[i][j] = P(X = i, Y = j).`);
  }
  const width = (table[0] as unknown[]).length;
  (table as unknown[]).forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width) fail(`${what}: row ${i} has ${Array.isArray(row) ? row.length : "no"} entries but row 0 has ${width}; the table must be rectangular.`);
  });
  checkWeights((table as unknown[][]).flat(), `${what}: the entries`);
  const rows = joint.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = joint[0].map((_, j) => joint.reduce((a, row) => a + row[j], 0));
  let mi = 0;
  joint.forEach((row, i) => row.forEach((p, j) => { if (p > 0) mi += p * Math.log(p / (rows[i] * cols[j])); }));
  return mi;
}

/**
 * X categorical with P(X = k) = w_k, Y = μ_k + N(0, 1) given X = k: I = h(Y) − h(N(0, 1)),
 * h(Y) of the mixture density by the trapezoidal rule (step 0.001 over the means ± 12).
 */
export function categoricalGaussianMI(weights: readonly number[], means: readonly number[]): number {
  refuseTruthWhileTested();
  const what = "categoricalGaussianMI(weights, means)";
  checkWeights(weights, `${what}: weights`);
  if (!Array.isArray(means) || means.length !== weights.length) fail(`${what}: means must be an array of one mean per weight (${weights.length}).`);
  means.forEach((m, k) => checkFinite(m, `${what}: means[${k}]`));
  const h = 0.001;
  checkGrid((Math.max(...means) - Math.min(...means) + 24) / h, what, `means spread over ${Math.max(...means) - Math.min(...means)}`);
  const lo = Math.min(...means) - 12;
  const count = Math.ceil((Math.max(...means) + 12 - lo) / h) + 1;
  const density = Float64Array.from({ length: count }, (_, j) => {
    const y = lo + j * h;
    return weights.reduce((s, w, k) => s + w * normalDensity(y - means[k]), 0);
  });
  return entropyOnGrid(density, h) - 0.5 * LOG_TWO_PI_E;
}

/** The unequal mixture below: weight, mean and correlation of each bivariate Gaussian component (unit variances). */
export const UNEQUAL_MIXTURE = [
  { weight: 0.75, mean: [0, 0], rho: 0.6 },
  { weight: 0.25, mean: [3, -3], rho: -0.6 },
] as const;

function mixtureDensity(x: number, y: number): number {
  let p = 0;
  for (const { weight, mean, rho } of UNEQUAL_MIXTURE) {
    const s = 1 - rho * rho;
    const u = x - mean[0];
    const v = y - mean[1];
    p += (weight * Math.exp(-(u * u - 2 * rho * u * v + v * v) / (2 * s))) / (2 * Math.PI * Math.sqrt(s));
  }
  return p;
}

/**
 * I = h(X) + h(Y) − h(X, Y) for {@link UNEQUAL_MIXTURE}: the marginals are 1-D normal
 * mixtures, all three entropies by the trapezoidal rule (step 0.02 on the means ± 10; the
 * 2-D sum has 1.3 million points).
 */
export function unequalMixtureMI(step = 0.02): number {
  refuseTruthWhileTested();
  const marginal = (axis: 0 | 1) => {
    const lo = Math.min(...UNEQUAL_MIXTURE.map((c) => c.mean[axis])) - 10;
    const count = Math.ceil((Math.max(...UNEQUAL_MIXTURE.map((c) => c.mean[axis])) + 10 - lo) / step) + 1;
    const density = Float64Array.from({ length: count }, (_, j) =>
      UNEQUAL_MIXTURE.reduce((s, c) => s + c.weight * normalDensity(lo + j * step - c.mean[axis]), 0),
    );
    return { entropy: entropyOnGrid(density, step), lo, count };
  };
  const mx = marginal(0);
  const my = marginal(1);
  let joint = 0;
  for (let i = 0; i < mx.count; i++) {
    for (let j = 0; j < my.count; j++) {
      const p = mixtureDensity(mx.lo + i * step, my.lo + j * step);
      if (p > 0) joint -= p * Math.log(p);
    }
  }
  return mx.entropy + my.entropy - joint * step * step;
}


/** The bivariate Gaussian with correlation ρ, renamed, at sample size n, its samples passed through `map`. */
function gaussianVariant(name: string, description: string, rho: number, n: number, map?: (x: number, y: number) => [number, number]): Task {
  const base = correlatedPairs(1, rho);
  return heldOutTask({
    name, description, dimX: 1, dimY: 1, n,
    nats: () => gaussianMI(rho),
    sample: (count, seed) => {
      const drawn = base.sample(count, seed);
      if (map === undefined) return drawn;
      const pairs = drawn.x.map((x, i) => map(x[0], drawn.y[i][0]));
      return { x: pairs.map((p) => [p[0]]), y: pairs.map((p) => [p[1]]) };
    },
  });
}

/** X ~ N(0, 1), Y_k = c·X + √(1 − c²)·N_k for k < dimY: I = ½·log(1 + dimY·c²/(1 − c²)). */
function oneToMany(dimY: number, c: number): Task {
  const noise = Math.sqrt(1 - c * c);
  return heldOutTask({
    name: `gaussian-1x${dimY}-shared`,
    description: `X ~ N(0, 1) seen through ${dimY} noisy copies Y_k = ${c}·X + ${noise.toFixed(3)}·N_k.`,
    dimX: 1, dimY, n: 1000,
    nats: () => 0.5 * Math.log1p((dimY * c * c) / (1 - c * c)),
    sample: pairSampler((rng) => {
      const x = rng.normal();
      return [[x], Array.from({ length: dimY }, () => c * x + noise * rng.normal())];
    }),
  });
}

function bimodal(rng: Rng): number {
  return (rng.uniform() < 0.5 ? -2 : 2) + 0.5 * rng.normal();
}

function categorical(rng: Rng, weights: readonly number[]): number {
  let u = rng.uniform();
  for (let k = 0; k < weights.length - 1; k++) {
    if (u < weights[k]) return k;
    u -= weights[k];
  }
  return weights.length - 1;
}

const CATEGORY_WEIGHTS = [0.4, 0.3, 0.2, 0.1];
const CATEGORY_MEANS = [0, 1.5, 3, 4.5];

function buildHeldOutTasks(): Task[] {
  return [
    gaussianVariant("gaussian-rho-0.7", "Standard bivariate Gaussian with a negative correlation, −0.7.", -0.7, 1000),
    gaussianVariant("gaussian-rho0.99", "Standard bivariate Gaussian, correlation 0.99 (1.96 nats).", 0.99, 1000),
    gaussianVariant("gaussian-rho-0.999", "Standard bivariate Gaussian, correlation −0.999 (3.11 nats).", -0.999, 1000),
    heldOutTask({
      name: "uniform-disk",
      description: "(X, Y) uniform on the unit disk: the semicircle marginals give I = 2(log π − ½) − log π = log π − 1.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => Math.log(Math.PI) - 1,
      sample: pairSampler((rng) => {
        for (;;) {
          const x = 2 * rng.uniform() - 1;
          const y = 2 * rng.uniform() - 1;
          if (x * x + y * y < 1) return [[x], [y]];
        }
      }),
    }),
    heldOutTask({
      name: "uniform-diamond",
      description: "(X, Y) uniform on the square |x| + |y| ≤ 1 (the unit square turned 45°): triangular marginals, I = 1 − log 2.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => 1 - Math.LN2,
      sample: pairSampler((rng) => {
        const u = rng.uniform();
        const v = rng.uniform();
        return [[u - v], [u + v - 1]];
      }),
    }),
    heldOutTask({
      name: "uniform-plus-uniform-noise",
      description: "X ~ U(0, 1), Y = X + U(0, ½): Y's density is a trapezoid, I = h(Y) − h(noise) = ¼ + log 2.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => 0.5 / 2 - Math.log(0.5),
      sample: pairSampler((rng) => {
        const x = rng.uniform();
        return [[x], [x + 0.5 * rng.uniform()]];
      }),
    }),
    heldOutTask({
      name: "categorical4-gaussian-y",
      description: "X in {0, 1, 2, 3} with probabilities 0.4, 0.3, 0.2, 0.1; Y = 1.5·X + N(0, 1).",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => categoricalGaussianMI(CATEGORY_WEIGHTS, CATEGORY_MEANS),
      sample: pairSampler((rng) => {
        const k = categorical(rng, CATEGORY_WEIGHTS);
        return [[k], [CATEGORY_MEANS[k] + rng.normal()]];
      }),
    }),
    heldOutTask({
      name: "binary-channel-p0.3-flip0.2",
      description: "X ~ Bernoulli(0.3), Y = X flipped with probability 0.2: I = H(0.38) − H(0.2).",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => bernoulliEntropy(0.3 * 0.8 + 0.7 * 0.2) - bernoulliEntropy(0.2),
      sample: pairSampler((rng) => {
        const x = rng.uniform() < 0.3 ? 1 : 0;
        return [[x], [rng.uniform() < 0.2 ? 1 - x : x]];
      }),
    }),
    heldOutTask({
      name: "integer-levels-3x4",
      description: "X uniform on {0, 1, 2}, Y = X + B with B uniform on {0, 1}: four integer levels, I = H(Y) − log 2.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => discreteMI([0, 1, 2].map((x) => [0, 1, 2, 3].map((y) => (y === x || y === x + 1 ? 1 / 6 : 0)))),
      sample: pairSampler((rng) => {
        const x = rng.integer(0, 3);
        return [[x], [x + rng.integer(0, 2)]];
      }),
    }),
    heldOutTask({
      name: "mixture-unequal-shifted",
      description: "0.75·N((0, 0), ρ = 0.6) + 0.25·N((3, −3), ρ = −0.6), unit variances: bimodal, unequal marginals.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => unequalMixtureMI(),
      sample: pairSampler((rng) => {
        const c = rng.uniform() < UNEQUAL_MIXTURE[0].weight ? UNEQUAL_MIXTURE[0] : UNEQUAL_MIXTURE[1];
        const z = rng.normal();
        return [[c.mean[0] + z], [c.mean[1] + c.rho * z + Math.sqrt(1 - c.rho * c.rho) * rng.normal()]];
      }),
    }),
    oneToMany(3, 0.5),
    oneToMany(10, 0.5),
    gaussianVariant("gaussian-rho0.8-n8", "Standard bivariate Gaussian, correlation 0.8, eight samples.", 0.8, 8),
    gaussianVariant("gaussian-rho0.8-n16", "Standard bivariate Gaussian, correlation 0.8, sixteen samples.", 0.8, 16),
    gaussianVariant("gaussian-rho0.8-n50", "Standard bivariate Gaussian, correlation 0.8, fifty samples.", 0.8, 50),
    gaussianVariant("gaussian-rho0.6-n50000", "Standard bivariate Gaussian, correlation 0.6, 50 000 samples.", 0.6, 50000),
    heldOutTask({
      name: "independent-bimodal",
      description: "X and Y independent, each ±2 with equal odds plus 0.5·N(0, 1): clustered marginals, I = 0.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => 0,
      sample: pairSampler((rng) => [[bimodal(rng)], [bimodal(rng)]]),
    }),
    heldOutTask({
      name: "near-copy-noise1e-3",
      description: "X ~ N(0, 1), Y = X + 10⁻³·N: I = ½·log(1 + 10⁶) = 6.9 nats.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => 0.5 * Math.log1p(1e6),
      sample: pairSampler((rng) => {
        const x = rng.normal();
        return [[x], [x + 1e-3 * rng.normal()]];
      }),
    }),
    gaussianVariant("units-1e-9-and-1e9", "The bivariate Gaussian ρ = 0.8 with X in units of 10⁻⁹ and Y of 10⁹.", 0.8, 1000, (x, y) => [1e-9 * x, 1e9 * y]),
    gaussianVariant("beyond-float32-1e39", "The bivariate Gaussian ρ = 0.8 with X·10³⁹ (beyond float32) and Y·10⁻⁴⁰ (below float32's normal range).", 0.8, 1000, (x, y) => [1e39 * x, 1e-40 * y]),
    heldOutTask({
      name: "sorted-by-x",
      description: "The bivariate Gaussian ρ = 0.8 with the rows sorted by x (pairs kept): any split by position sees one end only.",
      dimX: 1, dimY: 1, n: 1000,
      nats: () => gaussianMI(0.8),
      sample: (count, seed) => {
        const drawn = correlatedPairs(1, 0.8).sample(count, seed);
        const order = drawn.x.map((_, i) => i).sort((a, b) => drawn.x[a][0] - drawn.x[b][0]);
        return { x: order.map((i) => drawn.x[i]), y: order.map((i) => drawn.y[i]) };
      },
    }),
  ];
}

/** The held-out battery (see the file's head). */
export const HELD_OUT_TASKS: readonly Task[] = Object.freeze(buildHeldOutTasks());
