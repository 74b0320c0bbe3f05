// x and y the first two shares of a Dirichlet(a₁, a₂, a₃) draw: where a₃ < 1 the joint density is infinite along
// x + y = 1 (the third share piled near 0 at every scale), where a₁, a₂ < 1 at the margins' edges; KSG's bias shrinks
// far more slowly there than on smooth data. The shares are Beta(a₁, a₂ + a₃) and Beta(a₂, a₁ + a₃) (stick-breaking), so
// I = h(Beta(a₁, a₂ + a₃)) + h(Beta(a₂, a₁ + a₃)) − h(Dir(a₁, a₂, a₃)), h(Dir(α)) = log B(α) + (α₀ − K)ψ(α₀) − Σ(αⱼ − 1)ψ(αⱼ).
// (The thirty-ninth probe, bench/accuracy/unseen39, checks this truth by Monte Carlo.) More parts, x and y some of them
// (`dirichletSplit`): the shares taken and the rest summed are a Dirichlet again (aggregation), so
// I = h(Dir(α_x, α₀ − Σα_x)) + h(Dir(α_y, α₀ − Σα_y)) − h(Dir(α_x, α_y, α₀ − Σα_x − Σα_y)).
import { digamma, logGamma, Rng } from "neural-mi";

/** h of a Dirichlet(α) in nats. @param {number[]} alphas */
function dirichletEntropy(alphas) {
  const total = alphas.reduce((sum, a) => sum + a, 0);
  const logBeta = alphas.reduce((sum, a) => sum + logGamma(a), 0) - logGamma(total);
  return logBeta + (total - alphas.length) * digamma(total) - alphas.reduce((sum, a) => sum + (a - 1) * digamma(a), 0);
}

/** I(x; y) of the first two shares. @param {[number, number, number]} alphas */
export function dirichletSharesMI([a1, a2, a3]) {
  return dirichletEntropy([a1, a2 + a3]) + dirichletEntropy([a2, a1 + a3]) - dirichletEntropy([a1, a2, a3]);
}

/** Gamma(k, 1): Marsaglia and Tsang for k ≥ 1; for k < 1 a Gamma(k + 1) times U^(1/k). @param {Rng} rng @param {number} k @returns {number} */
function gammaDraw(rng, k) {
  if (k < 1) return gammaDraw(rng, k + 1) * rng.uniform() ** (1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(rng.uniform()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** n draws of the first two shares, seeded. @param {[number, number, number]} alphas @param {number} n @param {number} seed */
export function dirichletShares(alphas, n, seed) {
  return dirichletSplit(alphas, [0], [1], n, seed);
}

const sum = (values) => values.reduce((total, v) => total + v, 0);
/** The parts `taken` of a Dirichlet(alphas), and the rest summed as one more part. @param {number[]} alphas @param {number[]} taken */
const aggregated = (alphas, taken) => [...taken.map((j) => alphas[j]), sum(alphas) - sum(taken.map((j) => alphas[j]))];

/**
 * I(x; y) of the shares `xs` (x) and `ys` (y) of a Dirichlet(alphas), disjoint and leaving at least one part out.
 * @param {number[]} alphas @param {number[]} xs @param {number[]} ys
 */
export function dirichletSplitMI(alphas, xs, ys) {
  return dirichletEntropy(aggregated(alphas, xs)) + dirichletEntropy(aggregated(alphas, ys)) - dirichletEntropy(aggregated(alphas, [...xs, ...ys]));
}

/**
 * n draws of the shares `xs` (x) and `ys` (y) of a Dirichlet(alphas), seeded: a number a row for one share, else an array.
 * @param {number[]} alphas @param {number[]} xs @param {number[]} ys @param {number} n @param {number} seed
 */
export function dirichletSplit(alphas, xs, ys, n, seed) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  const row = (shares, parts) => (parts.length === 1 ? shares[parts[0]] : parts.map((j) => shares[j]));
  for (let i = 0; i < n; i++) {
    const g = alphas.map((a) => gammaDraw(rng, a));
    const total = sum(g);
    const shares = g.map((v) => v / total);
    x.push(row(shares, xs));
    y.push(row(shares, ys));
  }
  return { x, y };
}
