// The thirty-third unseen probe's sets: consecutive pairs of a 3-state Markov chain, two independent sticky chains side by
// side, a linear trend in the row index (shared by both sides, or in x only), a Plackett copula, a Gaussian copula with
// Student-t (ν = 3) margins, a point pair given in polar coordinates, U-shaped Beta(0.2, 0.2) x, y = x·U with x exponential,
// ten batches of unequal size with offsets in unordered order, a noise column copied twenty times beside the informative one,
// a discrete label column shared exactly by both sides (a finite MI), a discrete joint with structural zeros (y ≥ x), x and
// y swapped in 10 % of rows, the same data given five ways (as is, y against x, rows permuted, columns permuted, x scaled by
// 10⁶), and an independent pair of the odd margins. Drawn by the fifth probe's generator (mulberry32 and Box–Muller).
// Truths: closed forms, exact sums and 1-D/2-D quadratures (check-truths.mjs checks each a second way).
import { rng, probit } from "../unseen5/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";
import { gaussPairMI, normalDensity, quadrature } from "../unseen31/sets.mjs";

export { rng, probit, Phi, gaussPairMI, normalDensity, quadrature };
const LN2PIE = Math.log(2 * Math.PI * Math.E);
export const gaussEntropy = (sd) => 0.5 * LN2PIE + Math.log(sd);
const plogp = (p) => (p > 0 ? p * Math.log(p) : 0);
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
/** the entropy of a discrete distribution */
export const entropy = (p) => -p.reduce((s, v) => s + plogp(v), 0);
/** a 2-D midpoint rule on [x0, x1] × [y0, y1] */
export function quadrature2(x0, x1, y0, y1, m, f) {
  const hx = (x1 - x0) / m, hy = (y1 - y0) / m;
  let s = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) s += f(x0 + (i + 0.5) * hx, y0 + (j + 0.5) * hy);
  return s * hx * hy;
}
/** ∫_lo^hi φ_s1(t − m1) φ_s2(t − m2) dt in closed form */
export function gaussProductIntegral(m1, s1, m2, s2, lo, hi) {
  const v = s1 * s1 + s2 * s2, m = (m1 * s2 * s2 + m2 * s1 * s1) / v, s = (s1 * s2) / Math.sqrt(v);
  return normalDensity(m1 - m2, Math.sqrt(v)) * (Phi((hi - m) / s) - Phi((lo - m) / s));
}
/** I from a joint density and its two margins by a 2-D midpoint rule */
export const miOf = (pxy, px, py, [x0, x1, y0, y1], m = 800) => quadrature2(x0, x1, y0, y1, m, (x, y) => { const p = pxy(x, y); return p > 1e-300 ? p * Math.log(p / (px(x) * py(y))) : 0; });

// --- consecutive pairs (x_t, x_{t+1}) of a 3-state Markov chain, the rows in time order (overlapping): the stationary joint
// π_i P_ij is the truth, I = Σ π_i P_ij log(P_ij / π_j)
export const CHAIN = [[0.8, 0.15, 0.05], [0.1, 0.7, 0.2], [0.2, 0.2, 0.6]];
export const stationary = (P) => { let p = P.map(() => 1 / P.length); for (let k = 0; k < 5000; k++) p = P.map((_, j) => p.reduce((s, v, i) => s + v * P[i][j], 0)); return p; };
export const chainTruth = () => { const pi = stationary(CHAIN); let s = 0; for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += pi[i] * CHAIN[i][j] * Math.log(CHAIN[i][j] / pi[j]); return s; };
const pick = (r, p) => { let u = r.u(), k = 0; while (k < p.length - 1 && u >= p[k]) { u -= p[k]; k++; } return k; };
export const chainPath = (r, P, n) => { const path = [pick(r, stationary(P))]; for (let t = 0; t < n; t++) path.push(pick(r, P[path[t]])); return path; };
/** a sticky chain on 3 states: stays with chance `stay`, else moves to one of the two others */
export const sticky = (stay) => [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? stay : (1 - stay) / 2)));

// --- a linear trend in the row index: u_i = (i + ½)/n, x_i = T·u_i + ε, y_i = T·u_i + ε' (the rows in time order). As rows of
// a data set (the index a uniform draw) the sides share u: p(x, y) = (1/T)∫_0^T φ(x − t)φ(y − t) dt, p(x) = (Φ(x) − Φ(x − T))/T
export const TREND = 3;
export const trendTruth = (T = TREND) => miOf(
  (x, y) => gaussProductIntegral(x, 1, y, 1, 0, T) / T,
  (x) => (Phi(x) - Phi(x - T)) / T, (y) => (Phi(y) - Phi(y - T)) / T, [-7, T + 7, -7, T + 7], 900);
// --- a trend in x only: x_i = 5u_i + e, y_i = e + 0.5f: p(x, y) = (1/5)∫_0^5 φ(x − t) φ_0.5(y − x + t) dt, y ~ N(0, 1.25)
export const TREND_X = { slope: 5, noise: 0.5 };
export const trendXTruth = () => {
  const { slope: T, noise: s } = TREND_X;
  return miOf((x, y) => gaussProductIntegral(x, 1, x - y, s, 0, T) / T, (x) => (Phi(x) - Phi(x - T)) / T, (y) => normalDensity(y, Math.sqrt(1 + s * s)), [-7, T + 7, -7, 7], 900);
};

// --- a Plackett copula, θ = 20 (u drawn, v by the inverse of the conditional distribution), x = −log(1 − u) (exponential),
// y = Φ⁻¹(v): I = ∫∫ c log c over the unit square
export const PLACKETT = 20;
export const plackettDensity = (u, v, t = PLACKETT) => (t * (1 + (t - 1) * (u - 2 * u * v + v))) / ((1 + (t - 1) * (u + v)) ** 2 - 4 * u * v * t * (t - 1)) ** 1.5;
export function plackettDraw(r, t = PLACKETT) {
  const u = r.u(), w = r.u(), a = w * (1 - w), b = t + a * (t - 1) ** 2, c = 2 * a * (u * t * t + 1 - u) + t * (1 - 2 * a);
  const d = Math.sqrt(t) * Math.sqrt(t + 4 * a * u * (1 - u) * (1 - t) ** 2);
  return [u, (c - (1 - 2 * w) * d) / (2 * b)];
}
export const plackettTruth = () => quadrature2(0, 1, 0, 1, 2000, (u, v) => { const c = plackettDensity(u, v); return c * Math.log(c); });

// --- a Gaussian copula (ρ = 0.8) with Student-t margins of ν = 3: x = F₃⁻¹(Φ(a)) (bisection on the closed-form CDF)
export const t3Cdf = (t) => 0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
export const t3Quantile = (p) => { let lo = -1e6, hi = 1e6; for (let i = 0; i < 120; i++) { const m = (lo + hi) / 2; if (t3Cdf(m) < p) lo = m; else hi = m; } return (lo + hi) / 2; };
const toT3 = (a) => (a < 0 ? -t3Quantile(Phi(-a)) : t3Quantile(Phi(a)));

// --- U-shaped Beta(a, a), a = 0.2 (Jöhnk's sampler), y = x + 0.1ε: I = h(y) − h(0.1ε), p(y) = ∫ B(x)φ₀.₁(y − x) dx with x = s^(1/a)
// on each half (the density's x^(a − 1) poles taken out)
export const UBETA = { a: 0.2, noise: 0.1 };
export function lgamma(z) {
  const g = 7, c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lgamma(1 - z);
  z -= 1; let x = c[0]; for (let i = 1; i < g + 2; i++) x += c[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}
export const betaFunction = (a, b) => Math.exp(lgamma(a) + lgamma(b) - lgamma(a + b));
export function betaDraw(r, a = UBETA.a) { for (;;) { const p = r.u() ** (1 / a), q = r.u() ** (1 / a); if (p + q <= 1 && p + q > 0) return p / (p + q); } }
/** ∫_0^1 Beta(a, a)(x) g(x) dx, each half by x = s^(1/a) (x^(a−1) dx = ds/a) */
export function betaExpect(g, a = UBETA.a, m = 400) {
  const top = 0.5 ** a, half = (h) => quadrature(0, top, m, (s) => { const x = s ** (1 / a); return ((1 - x) ** (a - 1) / a) * h(x); });
  return (half(g) + half((x) => g(1 - x))) / betaFunction(a, a);
}
export const uBetaDensityY = (y) => betaExpect((x) => normalDensity(y - x, UBETA.noise));
export const uBetaTruth = () => -quadrature(-0.8, 1.8, 4000, (y) => plogp(uBetaDensityY(y))) - gaussEntropy(UBETA.noise);

// --- y = x·U, x ~ Exp(1), U ~ U(0, 1): p(y) = E₁(y), h(y | x) = E log x = −γ: I = h(y) + γ, h(y) on y = e^w
export const EULER_GAMMA = 0.5772156649015329;
/** the exponential integral E₁ (series below 1, continued fraction above) */
export function expIntegral(y) {
  if (y < 1) { let s = 0, term = 1; for (let k = 1; k < 60; k++) { term *= -y / k; s += term / k; } return -EULER_GAMMA - Math.log(y) - s; }
  let b = y + 1, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 300; i++) { const an = -i * i; b += 2; d = 1 / (an * d + b); c = b + an / c; const del = c * d; h *= del; if (Math.abs(del - 1) < 1e-15) break; }
  return h * Math.exp(-y);
}
export const scaledUniformTruth = () => -quadrature(-40, 4, 20000, (w) => { const y = Math.exp(w); return plogp(expIntegral(y)) * y; }) + EULER_GAMMA;

// --- ten batches of unequal size (chance ∝ 1..10), x offset 50·k, y offset 50·π(k) for a fixed permutation π, within a batch
// a pair ρ = 0.5: both sides tell the batch (offsets 50 sd apart), I = H(batch) + I(0.5)
export const BATCH = { weights: Array.from({ length: 10 }, (_, k) => (k + 1) / 55), yOrder: [3, 7, 0, 9, 5, 1, 8, 2, 6, 4], rho: 0.5, gap: 50 };
export const batchTruth = entropy(BATCH.weights) + gaussPairMI(BATCH.rho);

// --- structural zeros: x uniform on 0..5, y uniform on x..5 (a triangle of 21 cells): an exact sum
export const triangleJoint = () => { const p = []; for (let i = 0; i < 6; i++) for (let j = i; j < 6; j++) p.push([i, j, 1 / 6 / (6 - i)]); return p; };
export const triangleTruth = () => { const p = triangleJoint(), px = [0, 1, 2, 3, 4, 5].map((i) => p.filter((c) => c[0] === i).reduce((s, c) => s + c[2], 0)), py = [0, 1, 2, 3, 4, 5].map((j) => p.filter((c) => c[1] === j).reduce((s, c) => s + c[2], 0)); return p.reduce((s, [i, j, v]) => s + v * Math.log(v / (px[i] * py[j])), 0); };

// --- x ~ N(0, 1), y = 3 + x + 0.5ε, stored swapped in 10 % of rows (a data-entry error): p = 0.9 f(x, y) + 0.1 f(y, x)
export const SWAP = { shift: 3, noise: 0.5, swapped: 0.1 };
const swapF = (x, y) => normalDensity(x) * normalDensity(y - SWAP.shift - x, SWAP.noise);
const swapFy = (y) => normalDensity(y - SWAP.shift, Math.sqrt(1 + SWAP.noise ** 2));
export const swapJoint = (x, y) => (1 - SWAP.swapped) * swapF(x, y) + SWAP.swapped * swapF(y, x);
export const swapMarginX = (x) => (1 - SWAP.swapped) * normalDensity(x) + SWAP.swapped * swapFy(x);
export const swapMarginY = (y) => (1 - SWAP.swapped) * swapFy(y) + SWAP.swapped * normalDensity(y);
export const swapTruth = () => miOf(swapJoint, swapMarginX, swapMarginY, [-6, 10, -6, 10], 1200);

// --- the same data five ways: pairs (a₁, b₁) ρ = 0.8 and (a₂, b₂) ρ = 0.5, x = [e^(a₁), a₂³], y = [b₁, tanh(b₂)]
export const SAME_TRUTH = gaussPairMI(0.8) + gaussPairMI(0.5);
function sameData(seed, how) {
  const r = rng(3316000 + seed);
  const d = rows(1000, () => { const [a1, b1] = pair(r, 0.8), [a2, b2] = pair(r, 0.5); return [[Math.exp(a1), a2 ** 3], [b1, Math.tanh(b2)]]; });
  if (how === "as-is") return d;
  if (how === "y-against-x") return { x: d.y, y: d.x };
  if (how === "rows-permuted") { const p = rng(3316500 + seed), idx = d.x.map((_, i) => i); for (let i = idx.length - 1; i > 0; i--) { const j = p.int(i + 1); [idx[i], idx[j]] = [idx[j], idx[i]]; } return { x: idx.map((i) => d.x[i]), y: idx.map((i) => d.y[i]) }; }
  if (how === "columns-permuted") return { x: d.x.map((v) => [v[1], v[0]]), y: d.y.map((v) => [v[1], v[0]]) };
  if (how === "x-times-1e6") return { x: d.x.map((v) => v.map((e) => e * 1e6)), y: d.y };
  throw new Error(how);
}
export const SAME_WAYS = ["as-is", "y-against-x", "rows-permuted", "columns-permuted", "x-times-1e6"];

export const SETS = [
  { name: "markov-chain-3-states-consecutive-pairs-x-t-y-t-plus-1-in-time-order-n1000", truth: chainTruth, sample: (seed) => { const r = rng(3301000 + seed), p = chainPath(r, CHAIN, 1000); return rows(1000, (t) => [p[t], p[t + 1]]); } },
  { name: "independent-sticky-3-state-chains-stay0.97-side-by-side-in-time-order-n1000", truth: 0, sample: (seed) => { const r = rng(3302000 + seed), P = sticky(0.97), a = chainPath(r, P, 1000), b = chainPath(r, P, 1000); return rows(1000, (t) => [a[t], b[t]]); } },
  { name: "linear-trend-3sd-in-row-index-shared-by-both-sides-rows-in-order-n1000", truth: () => trendTruth(), sample: (seed) => { const r = rng(3303000 + seed); return rows(1000, (i) => { const u = (i + 0.5) / 1000; return [TREND * u + r.normal(), TREND * u + r.normal()]; }); } },
  { name: "linear-trend-5sd-in-x-only-y-the-detrended-part-plus-0.5noise-rows-in-order-n1000", truth: trendXTruth, sample: (seed) => { const r = rng(3304000 + seed); return rows(1000, (i) => { const e = r.normal(); return [TREND_X.slope * (i + 0.5) / 1000 + e, e + TREND_X.noise * r.normal()]; }); } },
  { name: "plackett-copula-theta20-exponential-x-normal-y-n1000", truth: plackettTruth, sample: (seed) => { const r = rng(3305000 + seed); return rows(1000, () => { const [u, v] = plackettDraw(r); return [-Math.log(1 - u), probit(v)]; }); } },
  { name: "gauss-copula-rho0.8-student-t-nu3-margins-both-sides-n1000", truth: gaussPairMI(0.8), sample: (seed) => { const r = rng(3306000 + seed); return rows(1000, () => pair(r, 0.8).map(toT3)); } },
  { name: "x-point-in-polar-coordinates-r-theta-y-cartesian-two-pairs-rho0.8-2x2-n1000", truth: 2 * gaussPairMI(0.8), sample: (seed) => { const r = rng(3307000 + seed); return rows(1000, () => { const [a1, b1] = pair(r, 0.8), [a2, b2] = pair(r, 0.8); return [[Math.hypot(a1, a2), Math.atan2(a2, a1)], [b1, b2]]; }); } },
  { name: "u-shaped-beta0.2-x-y-x-plus-0.1noise-n1000", truth: uBetaTruth, sample: (seed) => { const r = rng(3308000 + seed); return rows(1000, () => { const x = betaDraw(r); return [x, x + UBETA.noise * r.normal()]; }); } },
  { name: "exponential-x-y-uniform-share-of-x-n1000", truth: scaledUniformTruth, sample: (seed) => { const r = rng(3309000 + seed); return rows(1000, () => { const x = -Math.log(r.u()); return [x, x * r.u()]; }); } },
  { name: "ten-batches-unequal-sizes-offsets-50sd-unordered-on-y-within-rho0.5-n1000", truth: batchTruth, sample: (seed) => { const r = rng(3310000 + seed); return rows(1000, () => { const k = pick(r, BATCH.weights), [a, b] = pair(r, BATCH.rho); return [BATCH.gap * k + a, BATCH.gap * BATCH.yOrder[k] + b]; }); } },
  { name: "noise-column-copied-20-times-beside-one-informative-rho0.8-21x1-n1000", truth: gaussPairMI(0.8), sample: (seed) => { const r = rng(3311000 + seed); return rows(1000, () => { const g = r.normal(), [a, b] = pair(r, 0.8); return [[...Array(20).fill(g), a], [b]]; }); } },
  { name: "label-5-levels-shared-exactly-by-both-sides-beside-independent-noise-2x2-n1000", truth: Math.log(5), sample: (seed) => { const r = rng(3312000 + seed); return rows(1000, () => { const c = r.int(5); return [[c, r.normal()], [c, r.normal()]]; }); } },
  { name: "label-5-levels-shared-exactly-beside-a-pair-rho0.8-2x2-n1000", truth: Math.log(5) + gaussPairMI(0.8), sample: (seed) => { const r = rng(3313000 + seed); return rows(1000, () => { const c = r.int(5), [a, b] = pair(r, 0.8); return [[c, a], [c, b]]; }); } },
  { name: "structural-zeros-x-uniform-0-5-y-uniform-x-to-5-discrete-n1000", truth: triangleTruth, sample: (seed) => { const r = rng(3314000 + seed); return rows(1000, () => { const x = r.int(6); return [x, x + r.int(6 - x)]; }); } },
  { name: "x-and-y-swapped-in-10pct-of-rows-y-3-plus-x-plus-0.5noise-n1000", truth: swapTruth, sample: (seed) => { const r = rng(3315000 + seed); return rows(1000, () => { const x = r.normal(), y = SWAP.shift + x + SWAP.noise * r.normal(); return r.u() < SWAP.swapped ? [y, x] : [x, y]; }); } },
  ...SAME_WAYS.map((how) => ({ name: `same-data-${how}-exp-and-cube-x-tanh-y-pairs-rho0.8-0.5-2x2-n1000`, truth: SAME_TRUTH, sample: (seed) => sameData(seed, how) })),
  { name: "independent-u-shaped-beta0.2-x-and-exponential-times-uniform-y-2x2-n1000", truth: 0, sample: (seed) => { const r = rng(3317000 + seed); return rows(1000, () => [[betaDraw(r), betaDraw(r)], [-Math.log(r.u()) * r.u(), -Math.log(r.u()) * r.u()]]); } },
];

// --- the harder batch
/** Beta(a, a) by Jöhnk's method in logs (a = 0.05: about 8 % of draws are exactly 1 in float64, their 1 − x below 10⁻¹⁶) */
export function betaDrawLog(r, a) { for (;;) { const lp = Math.log(r.u()) / a, lq = Math.log(r.u()) / a, m = Math.max(lp, lq), ls = m + Math.log(Math.exp(lp - m) + Math.exp(lq - m)); if (ls <= 0) return 1 / (1 + Math.exp(lq - lp)); } }
export const U_BETA_HARD = 0.05;
export const uBetaHardTruth = () => -quadrature(-0.8, 1.8, 4000, (y) => plogp(betaExpect((x) => normalDensity(y - x, UBETA.noise), U_BETA_HARD, 2000))) - gaussEntropy(UBETA.noise);
/** the 5 labels' codes on the y side: unordered, far apart */
export const LABEL_CODES = [42, -3, 1e4, 0.5, 7];
const shuffled = (r, d) => { const idx = d.x.map((_, i) => i); for (let i = idx.length - 1; i > 0; i--) { const j = r.int(i + 1); [idx[i], idx[j]] = [idx[j], idx[i]]; } return { x: idx.map((i) => d.x[i]), y: idx.map((i) => d.y[i]) }; };
SETS.push(
  ...[50, 200].map((k) => ({ name: `label-${k}-levels-shared-exactly-by-both-sides-beside-independent-noise-2x2-n1000`, truth: Math.log(k), sample: (seed) => { const r = rng(3318000 + 10 * k + seed); return rows(1000, () => { const c = r.int(k); return [[c, r.normal()], [c, r.normal()]]; }); } })),
  { name: "label-5-levels-coded-0-4-on-x-and-42-minus3-1e4-0.5-7-on-y-beside-noise-2x2-n1000", truth: Math.log(5), sample: (seed) => { const r = rng(3320000 + seed); return rows(1000, () => { const c = r.int(5); return [[c, r.normal()], [LABEL_CODES[c], r.normal()]]; }); } },
  { name: "label-5-levels-shared-each-side-jittered-by-its-own-1e-9-noise-n1000", truth: Math.log(5), sample: (seed) => { const r = rng(3321000 + seed); return rows(1000, () => { const c = r.int(5); return [c + 1e-9 * r.normal(), c + 1e-9 * r.normal()]; }); } },
  { name: "markov-chain-3-states-consecutive-pairs-rows-shuffled-n1000", truth: chainTruth, sample: (seed) => { const r = rng(3322000 + seed), p = chainPath(r, CHAIN, 1000); return shuffled(r, rows(1000, (t) => [p[t], p[t + 1]])); } },
  { name: "u-shaped-beta0.05-x-8pct-exactly-1-y-x-plus-0.1noise-n1000", truth: uBetaHardTruth, sample: (seed) => { const r = rng(3323000 + seed); return rows(1000, () => { const x = betaDrawLog(r, U_BETA_HARD); return [x, x + UBETA.noise * r.normal()]; }); } },
  { name: "noise-column-copied-100-times-beside-one-informative-rho0.8-101x1-n1000", truth: gaussPairMI(0.8), sample: (seed) => { const r = rng(3324000 + seed); return rows(1000, () => { const g = r.normal(), [a, b] = pair(r, 0.8); return [[...Array(100).fill(g), a], [b]]; }); } },
  { name: "plackett-copula-theta0.05-negative-exponential-x-normal-y-n1000", truth: () => quadrature2(0, 1, 0, 1, 2000, (u, v) => { const c = plackettDensity(u, v, 0.05); return c * Math.log(c); }), sample: (seed) => { const r = rng(3325000 + seed); return rows(1000, () => { const [u, v] = plackettDraw(r, 0.05); return [-Math.log(1 - u), probit(v)]; }); } },
);

// --- the last batch: the trend sets with their rows shuffled (true draws of the mixture over the row's place), a weak Plackett
// copula (θ = 2), and the 21-column set given as y against x
SETS.push(
  { name: "linear-trend-3sd-shared-by-both-sides-rows-shuffled-n1000", truth: () => trendTruth(), sample: (seed) => { const r = rng(3326000 + seed); return shuffled(r, rows(1000, (i) => { const u = (i + 0.5) / 1000; return [TREND * u + r.normal(), TREND * u + r.normal()]; })); } },
  { name: "linear-trend-5sd-in-x-only-y-the-detrended-part-plus-0.5noise-rows-shuffled-n1000", truth: trendXTruth, sample: (seed) => { const r = rng(3327000 + seed); return shuffled(r, rows(1000, (i) => { const e = r.normal(); return [TREND_X.slope * (i + 0.5) / 1000 + e, e + TREND_X.noise * r.normal()]; })); } },
  { name: "plackett-copula-theta2-weak-exponential-x-normal-y-n1000", truth: () => quadrature2(0, 1, 0, 1, 2000, (u, v) => { const c = plackettDensity(u, v, 2); return c * Math.log(c); }), sample: (seed) => { const r = rng(3328000 + seed); return rows(1000, () => { const [u, v] = plackettDraw(r, 2); return [-Math.log(1 - u), probit(v)]; }); } },
  { name: "y-against-x-of-the-noise-column-copied-20-times-beside-one-informative-1x21-n1000", truth: gaussPairMI(0.8), sample: (seed) => { const d = SETS.find((s) => s.name.startsWith("noise-column-copied-20")).sample(seed); return { x: d.y, y: d.x }; } },
);
SETS.push({ name: "markov-chain-3-states-stationary-pair-drawn-afresh-each-row-n1000", truth: chainTruth, sample: (seed) => { const r = rng(3329000 + seed), pi = stationary(CHAIN); return rows(1000, () => { const a = pick(r, pi); return [a, pick(r, CHAIN[a])]; }); } });

// --- at n = 5000, where the intervals narrow: the sets whose trusted estimates were lowest against their upper ends
const at5000 = (prefix) => { const s = SETS.find((t) => t.name.startsWith(prefix)); return { name: s.name.replace(/n1000$/, "n5000"), truth: s.truth, sample: (seed) => { const parts = [0, 1, 2, 3, 4].map((k) => s.sample(1000 * (seed + 1) + k)); return { x: parts.flatMap((p) => p.x), y: parts.flatMap((p) => p.y) }; } }; };
SETS.push(at5000("exponential-x-y-uniform"), at5000("u-shaped-beta0.05"), at5000("u-shaped-beta0.2"), at5000("x-and-y-swapped"));
