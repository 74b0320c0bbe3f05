// The Dirichlet shares' family extended (family2-run.mjs, scan.mjs --family=2): n = 300, 500 and 1000; Dirichlet draws of
// 3–5 parts with α = 0.1–1 split into x and y of 1–2 shares each (at least one part left out of both, else y would be a
// function of x and the rest), some after a logit of every share; and Beta(α, α) margins, α < 1, joined by a Gaussian
// copula. Truths in closed form: a Dirichlet's shares A and the rest summed are Dirichlet(α_A, α₀ − Σα_A) (aggregation), so
// I = h(Dir(α_A, α₀ − Σα_A)) + h(Dir(α_B, α₀ − Σα_B)) − h(Dir(α_A, α_B, α₀ − Σα_A − Σα_B)) (the densities of the free
// shares); a logit of each share changes nothing; the copula's MI is −½ log(1 − ρ²) whatever the margins
// (check-family2-truths.mjs checks the Dirichlet truths by Monte Carlo). Controls: α = 1 (bounded densities).
import { rng, dirichletEntropy, dirichletDraw } from "./sets.mjs";
import { logGamma as lgammaOf, normalCdf } from "neural-mi";

const sum = (a) => a.reduce((s, v) => s + v, 0);
const logit = (p) => Math.log(p) - Math.log1p(-p);
/** The parts of `alphas` taken (indices), with the rest summed as one more part. */
const aggregated = (alphas, parts) => [...parts.map((j) => alphas[j]), sum(alphas) - sum(parts.map((j) => alphas[j]))];
export const splitTruth = (alphas, xs, ys) =>
  dirichletEntropy(aggregated(alphas, xs)) + dirichletEntropy(aggregated(alphas, ys)) - dirichletEntropy(aggregated(alphas, [...xs, ...ys]));

const row = (values, map) => (values.length === 1 ? map(values[0]) : values.map(map));
const splitSet = (alphas, xs, ys, n, base, logits = false) => ({
  name: `dirichlet-${alphas.join("-")}-x${xs.join("")}-y${ys.join("")}${logits ? "-logit" : ""}-n${n}`,
  alphas,
  xs,
  ys,
  n,
  truth: splitTruth(alphas, xs, ys),
  sample: (seed) => {
    const r = rng(base + seed), x = [], y = [];
    const map = logits ? logit : (v) => v;
    for (let i = 0; i < n; i++) {
      const p = dirichletDraw(r, alphas);
      x.push(row(xs.map((j) => p[j]), map));
      y.push(row(ys.map((j) => p[j]), map));
    }
    return { x, y };
  },
});

/** The regularised incomplete beta I_x(a, b) by its continued fraction (modified Lentz), for the copula's margins. */
function incompleteBeta(x, a, b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const lbeta = lgammaOf(a) + lgammaOf(b) - lgammaOf(a + b);
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lbeta) / a;
  const tiny = 1e-300;
  let f = 1, c = 1, d = 0;
  for (let i = 0; i <= 400; i++) {
    const m = i >> 1;
    const numerator = i === 0 ? 1 : i % 2 === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + numerator * d;
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    c = 1 + numerator / c;
    c = Math.abs(c) < tiny ? tiny : c;
    const cd = c * d;
    f *= cd;
    if (Math.abs(1 - cd) < 1e-14) break;
  }
  return front * (f - 1);
}
/** The Beta(a, a) quantile of u ≤ ½, by bisection on log x (α < 1 piles the values at every scale near 0). */
export function betaQuantile(u, a) {
  let lo = -745, hi = Math.log(0.5);
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (incompleteBeta(Math.exp(mid), a, a) < u) lo = mid; else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
const copulaSet = (a, rho, n, base, logits = false) => ({
  name: `beta-${a}-margins-gaussian-copula-${rho}${logits ? "-logit" : ""}-n${n}`,
  n,
  truth: -0.5 * Math.log(1 - rho * rho),
  sample: (seed) => {
    const r = rng(base + seed), x = [], y = [];
    for (let i = 0; i < n; i++) {
      const z = r.normal(), w = rho * z + Math.sqrt(1 - rho * rho) * r.normal();
      // by symmetry of Beta(a, a), the quantile of a lower tail mirrored, so both edges keep their precision
      // (after a logit, −logit(q) for the mirrored one: 1 − q would round to 1 below q = 1e-16, which α = 0.1 reaches in 1 % of draws)
      const q = (t) => {
        const lower = t <= 0, p = betaQuantile(normalCdf(lower ? t : -t), a);
        return logits ? (lower ? 1 : -1) * logit(p) : lower ? p : 1 - p;
      };
      x.push(q(z));
      y.push(q(w));
    }
    return { x, y };
  },
});

export const FAMILY2 = [
  // 1 + 1 shares of three parts at the small n the rate from quarters does not reach
  splitSet([0.3, 0.3, 0.3], [0], [1], 300, 3999000),
  splitSet([0.1, 0.1, 0.1], [0], [1], 500, 3999100),
  splitSet([0.5, 0.5, 0.5], [0], [1], 300, 3999200),
  splitSet([0.3, 0.3, 0.3], [0], [1], 300, 3999000, true),
  // 1 + 1 shares of four and five parts (two or three parts left out)
  splitSet([0.3, 0.3, 0.3, 0.3], [0], [1], 1000, 3999300),
  splitSet([0.3, 0.3, 0.3, 0.3, 0.3], [0], [1], 500, 3999400),
  splitSet([0.5, 0.5, 0.5, 0.1], [0], [1], 1000, 3999500),
  // 2 + 1, 1 + 2 and 2 + 2
  splitSet([0.3, 0.3, 0.3, 0.3], [0, 1], [2], 1000, 3999600),
  splitSet([0.5, 0.5, 0.5, 0.5], [0], [1, 2], 500, 3999700),
  splitSet([0.5, 0.5, 0.5, 0.5], [0, 1], [2], 300, 3999800),
  splitSet([0.3, 0.3, 0.3, 0.3, 0.3], [0, 1], [2, 3], 1000, 3999900),
  splitSet([0.1, 0.1, 0.1, 0.1, 0.1], [0, 1], [2, 3], 500, 4000000),
  splitSet([0.3, 0.3, 0.3, 0.3, 0.3], [0, 1], [2, 3], 1000, 3999900, true),
  splitSet([1, 1, 1, 1, 0.2], [0, 1], [2, 3], 1000, 4000100),
  // margins near uniform, only the edge x + y = 1 singular, at n = 500
  splitSet([1, 1, 0.2], [0], [1], 500, 4000800),
  splitSet([2, 2, 0.3], [0], [1], 500, 4000900),
  // controls: bounded densities
  splitSet([1, 1, 1, 1], [0], [1, 2], 300, 4000200),
  splitSet([1, 1, 1, 1, 1], [0, 1], [2, 3], 1000, 4000300),
  // Beta(α, α) margins by a Gaussian copula (normal scores: a Gaussian pair for KSG; the piled values for the networks)
  copulaSet(0.3, 0.9, 500, 4000400),
  copulaSet(0.1, 0.7, 1000, 4000500, true),
  copulaSet(0.2, 0.7, 1000, 4000700),
  copulaSet(0.5, 0.95, 300, 4000600),
];
