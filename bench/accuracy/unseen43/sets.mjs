// The forty-third unseen probe's sets: GARCH(1, 1) returns with the volatility hidden, x the return of one day and y the
// next's (rows independent, each from a path of its own; dependence only through the variance, carried partly by a state
// neither side shows), at n = 1000 and n = 100; and Dirichlet shares with one singular edge
// split into more coordinates than earlier probes took (3 + 3 at n = 1000; 2 + 2 at n = 1000, 2000 and 5000), where KSG's bias
// falls at the slow rate of an edge. Drawn by the fifth probe's generator (mulberry32 and Box–Muller); the Dirichlet
// draws by a gamma sampler of its own (Marsaglia–Tsang). Truths: the GARCH pairs by Monte Carlo, the hidden volatility's
// law a histogram, the shares in closed form (check-truths.mjs checks each by Monte Carlo).
import { rng } from "../unseen5/sets.mjs";
import { normalDensity } from "../unseen31/sets.mjs";
import { digamma, logGamma } from "neural-mi";

export { rng, normalDensity };

// --- GARCH(1, 1) with its volatility hidden: r_t = σ_t·e_t, σ_t² = ω + α·r_{t−1}² + β·σ_{t−1}². Each row is a path of its
// own started at the stationary variance, run BURN steps ((α + β)^BURN below 1e-6: the start is forgotten), x = r_{t−1},
// y = r_t: rows independent. Given σ_{t−1} = s, x ~ N(0, s²) and y ~ N(0, ω + αx² + βs²), so with s drawn from its
// stationary law p(x, y) = E_s φ(x; s)·φ(y; √(ω + αx² + βs²)), and p(x) = p(y) = E_s φ(·; s) (y's σ_t is as stationary as
// x's). The truth is the Monte Carlo mean of log p(x, y)/p(x)p(y), E_s over a histogram of σ along one long path.
export const GARCH = { omega: 0.1, alpha: 0.1, beta: 0.85 };
export const GARCH_STRONG = { omega: 0.1, alpha: 0.3, beta: 0.6 };
const BURN = 400;
/** One path's last two returns and the hidden σ_{t−1}. */
export function garchPath(r, { omega, alpha, beta }) {
  let v = omega / (1 - alpha - beta), prev = 0, sPrev = 0;
  for (let t = 0; t < BURN; t++) { const s = Math.sqrt(v); const ret = s * r.normal(); if (t === BURN - 1) return { x: prev, y: ret, s: sPrev }; prev = ret; sPrev = s; v = omega + alpha * ret * ret + beta * v; }
}
export const garchDraw = (p) => (r) => { const { x, y } = garchPath(r, p); return [x, y]; };
/**
 * The stationary law of the hidden σ_{t−1} as weights on a grid: a histogram of `bins` cells in log σ of one long path's
 * `draws` values (seeded), each cell at its centre.
 */
export function garchSigmaGrid(p, draws = 1_000_000, bins = 400, seed = 4306000) {
  const r = rng(seed);
  const logs = new Float64Array(draws);
  let v = p.omega / (1 - p.alpha - p.beta);
  for (let t = -BURN; t < draws; t++) { const ret = Math.sqrt(v) * r.normal(); if (t >= 0) logs[t] = 0.5 * Math.log(v); v = p.omega + p.alpha * ret * ret + p.beta * v; }
  let lo = Infinity, hi = -Infinity;
  for (const l of logs) { lo = Math.min(lo, l); hi = Math.max(hi, l); }
  const width = (hi - lo) / bins || 1;
  const weights = new Float64Array(bins);
  for (const l of logs) weights[Math.min(bins - 1, Math.floor((l - lo) / width))] += 1 / draws;
  const sigmas = Float64Array.from({ length: bins }, (_, b) => Math.exp(lo + (b + 0.5) * width));
  return { sigmas, weights };
}
/** log p(x, y)/p(x)p(y), E over σ_{t−1} as the weighted grid */
export function garchLogRatio(p, { sigmas, weights }) {
  return (x, y) => {
    let joint = 0, px = 0, py = 0;
    for (let b = 0; b < sigmas.length; b++) {
      const w = weights[b];
      if (w === 0) continue;
      const s = sigmas[b], fx = w * normalDensity(x, s);
      px += fx; py += w * normalDensity(y, s); joint += fx * normalDensity(y, Math.sqrt(p.omega + p.alpha * x * x + p.beta * s * s));
    }
    return Math.log(joint / (px * py));
  };
}
/** The truth: mean and standard error of the log ratio over `draws` rows (seed + 1), σ's law from `garchSigmaGrid`. */
export function garchTruth(p, draws = 100000, bins = 400, seed = 4306000) {
  const ratio = garchLogRatio(p, garchSigmaGrid(p, 1_000_000, bins, seed));
  const r = rng(seed + 1);
  let s = 0, s2 = 0;
  for (let i = 0; i < draws; i++) { const { x, y } = garchPath(r, p); const v = ratio(x, y); s += v; s2 += v * v; }
  const m = s / draws;
  return [m, Math.sqrt((s2 / draws - m * m) / draws)];
}
const memo = new Map();
const truthOfGarch = (p) => () => { const k = JSON.stringify(p); if (!memo.has(k)) memo.set(k, garchTruth(p)[0]); return memo.get(k); };

// --- Dirichlet shares: the parts `xs` and `ys` of a Dirichlet(alphas) draw; by aggregation
// I = h(Dir(α_x, rest)) + h(Dir(α_y, rest)) − h(Dir(α_x, α_y, rest)), h(Dir(α)) = log B(α) + (α₀ − K)ψ(α₀) − Σ(αⱼ − 1)ψ(αⱼ)
export function gammaDraw(r, k) {
  if (k < 1) return gammaDraw(r, k + 1) * r.u() ** (1 / k);
  const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) { const z = r.normal(), v = (1 + c * z) ** 3; if (v > 0 && Math.log(r.u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v; }
}
const sum = (v) => v.reduce((a, b) => a + b, 0);
export function dirichletEntropy(a) {
  const a0 = sum(a);
  return sum(a.map(logGamma)) - logGamma(a0) + (a0 - a.length) * digamma(a0) - sum(a.map((v) => (v - 1) * digamma(v)));
}
const aggregated = (alphas, taken) => [...taken.map((j) => alphas[j]), sum(alphas) - sum(taken.map((j) => alphas[j]))];
export const sharesTruth = (alphas, xs, ys) => dirichletEntropy(aggregated(alphas, xs)) + dirichletEntropy(aggregated(alphas, ys)) - dirichletEntropy(aggregated(alphas, [...xs, ...ys]));
export const sharesDraw = (alphas, xs, ys) => (r) => { const g = alphas.map((a) => gammaDraw(r, a)); const t = sum(g); return [xs.map((j) => g[j] / t), ys.map((j) => g[j] / t)]; };

const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(); x.push(a); y.push(b); } return { x, y }; };
const sampleOf = (base, n, draw) => (seed) => { const r = rng(base + seed); return rows(n, () => draw(r)); };
const EDGE5 = [1, 1, 1, 1, 0.2];
const EDGE7 = [1, 1, 1, 1, 1, 1, 0.2];
export const SETS = [
  { name: "garch-0.1-0.85-hidden-volatility-consecutive-returns-n1000", truth: truthOfGarch(GARCH), sample: sampleOf(4301000, 1000, garchDraw(GARCH)) },
  { name: "garch-0.3-0.6-hidden-volatility-consecutive-returns-n1000", truth: truthOfGarch(GARCH_STRONG), sample: sampleOf(4302000, 1000, garchDraw(GARCH_STRONG)) },
  { name: "garch-0.3-0.6-hidden-volatility-consecutive-returns-n100", truth: truthOfGarch(GARCH_STRONG), sample: sampleOf(4307000, 100, garchDraw(GARCH_STRONG)) },
  { name: "dirichlet-edge-0.2-shares-3x3-n1000", truth: sharesTruth(EDGE7, [0, 1, 2], [3, 4, 5]), sample: sampleOf(4303000, 1000, sharesDraw(EDGE7, [0, 1, 2], [3, 4, 5])) },
  { name: "dirichlet-edge-0.2-shares-2x2-n1000", truth: sharesTruth(EDGE5, [0, 1], [2, 3]), sample: sampleOf(4308000, 1000, sharesDraw(EDGE5, [0, 1], [2, 3])) },
  { name: "dirichlet-edge-0.2-shares-2x2-n2000", truth: sharesTruth(EDGE5, [0, 1], [2, 3]), sample: sampleOf(4304000, 2000, sharesDraw(EDGE5, [0, 1], [2, 3])) },
  { name: "dirichlet-edge-0.2-shares-2x2-n5000", truth: sharesTruth(EDGE5, [0, 1], [2, 3]), sample: sampleOf(4305000, 5000, sharesDraw(EDGE5, [0, 1], [2, 3])) },
];
