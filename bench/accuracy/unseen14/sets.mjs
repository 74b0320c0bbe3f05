// The fourteenth unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the
// library's Rng. Truths: closed forms, Infinity (y an exact function of continuous x on a share of the rows), or
// 1-D and 2-D quadratures (checked against Monte Carlo in check-truths.mjs).
import { rng } from "../unseen5/sets.mjs";

const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z, s = 1) => Math.exp(-0.5 * (z / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const noiseEntropy = (s) => 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
// Φ by erfc (Numerical Recipes' Chebyshev fit, 1.2e-7)
function erfc(x) { const z = Math.abs(x), t = 1 / (1 + 0.5 * z); const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))); return x >= 0 ? r : 2 - r; }
const Phi = (z) => 0.5 * erfc(-z / Math.SQRT2);
const h2 = (p) => -p * Math.log(p) - (1 - p) * Math.log(1 - p);

// h of a mixture Σ w_k N(m_k, s_k²) by the midpoint rule
export function mixtureEntropy(ws, ms, ss, lo, hi, G = 200000) {
  const d = (hi - lo) / G; let h = 0;
  for (let g = 0; g < G; g++) { const y = lo + (g + 0.5) * d; let p = 0; for (let k = 0; k < ws.length; k++) p += ws[k] * phi(y - ms[k], ss[k]); if (p > 0) h -= p * Math.log(p) * d; }
  return h;
}
// p(y) of Y = sin(kX) + σE, X ~ N(0, 1), by the midpoint rule over x
export function sinDensity(k, sigma, M = 16000) {
  const lo = -8, d = 16 / M, xs = [], wx = [];
  for (let j = 0; j < M; j++) { const x = lo + (j + 0.5) * d; xs.push(Math.sin(k * x)); wx.push(phi(x) * d); }
  return (y) => { let p = 0; for (let j = 0; j < M; j++) p += wx[j] * phi(y - xs[j], sigma); return p; };
}
// I = h(Y) − h(σE)
export function sinTruth(k, sigma, G = 1500) {
  const p = sinDensity(k, sigma), lo = -1 - 8 * sigma, d = (2 + 16 * sigma) / G; let h = 0;
  for (let g = 0; g < G; g++) { const v = p(lo + (g + 0.5) * d); if (v > 0) h -= v * Math.log(v) * d; }
  return h - noiseEntropy(sigma);
}
// with probability w a pair of correlation ρ, else independent N(0, 1) pairs; the marginals stay N(0, 1):
// I = E log(1 − w + w·r), r = φ₂(x, y; ρ)/(φ(x)φ(y)), by a 2-D midpoint rule
export const ratioRho = (x, y, rho) => Math.exp(-(rho * rho * (x * x + y * y) - 2 * rho * x * y) / (2 * (1 - rho * rho))) / Math.sqrt(1 - rho * rho);
export function sparseMixtureTruth(w, rho, G = 1600, L = 8) {
  const d = (2 * L) / G; let s = 0;
  for (let i = 0; i < G; i++) { const x = -L + (i + 0.5) * d, px = phi(x); for (let j = 0; j < G; j++) { const y = -L + (j + 0.5) * d, g = 1 - w + w * ratioRho(x, y, rho); s += px * phi(y) * g * Math.log(g); } }
  return s * d * d;
}
// the Gumbel copula (θ) in p = −log u, q = −log v (so the margins are Exp(1)): log c(u, v)
export function gumbelLogC(p, q, th) { const A = p ** th + q ** th, a = A ** (1 / th); return -a + p + q + (th - 1) * Math.log(p * q) + (1 / th - 2) * Math.log(A) + Math.log(a + th - 1); }
// I = E log c, by a 2-D midpoint rule in log p, log q
export function gumbelTruth(th, G = 1500, lo = -25, hi = 4) {
  const d = (hi - lo) / G; let s = 0;
  for (let i = 0; i < G; i++) { const p = Math.exp(lo + (i + 0.5) * d); for (let j = 0; j < G; j++) { const q = Math.exp(lo + (j + 0.5) * d), lc = gumbelLogC(p, q, th); s += Math.exp(lc - p - q) * p * q * lc; } }
  return s * d * d;
}
// Marshall–Olkin: S positive α-stable (Laplace transform e^{−s^α}, α = 1/θ, Chambers–Mallows–Stuck), p = (E/S)^α
export function gumbelPair(r, th) {
  const al = 1 / th, W = Math.PI * r.u(), E = -Math.log(r.u());
  const S = (Math.sin(al * W) / Math.sin(W) ** (1 / al)) * (Math.sin((1 - al) * W) / E) ** ((1 - al) / al);
  return [(-Math.log(r.u()) / S) ** al, (-Math.log(r.u()) / S) ** al];
}
// log det of a symmetric positive definite matrix (Cholesky)
function logDet(A) {
  const n = A.length, L = A.map((row) => row.map(() => 0)); let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { let v = A[i][j]; for (let k = 0; k < j; k++) v -= L[i][k] * L[j][k]; if (i === j) { L[i][i] = Math.sqrt(v); s += 2 * Math.log(L[i][i]); } else L[i][j] = v / L[j][j]; }
  return s;
}
// x = A z + σ e_x, y = B z + σ e_y, z ∈ R^k: I = ½(log det Σx + log det Σy − log det Σ)
const loadings = (seed, rows, k) => { const r = rng(seed); return Array.from({ length: rows }, () => Array.from({ length: k }, () => r.normal())); };
const lowRankA = loadings(7001, 10, 2), lowRankB = loadings(7002, 10, 2);
export function lowRankTruth(A, B, sigma) {
  const M = [...A, ...B], n = M.length, S = M.map((a, i) => M.map((b, j) => a.reduce((t, v, k) => t + v * b[k], 0) + (i === j ? sigma * sigma : 0)));
  const nx = A.length, sub = (lo, hi) => S.slice(lo, hi).map((row) => row.slice(lo, hi));
  return 0.5 * (logDet(sub(0, nx)) + logDet(sub(nx, n)) - logDet(S));
}
const times = (M, z) => M.map((row) => row.reduce((t, v, k) => t + v * z[k], 0));
// x: an atom at one of −2, −1, 0, 1, 2 (8 % each), else N(0, 1); y = x + 0.5E: I = h(Y) − h(0.5E)
export const atomsTruth = () => mixtureEntropy([0.08, 0.08, 0.08, 0.08, 0.08, 0.6], [-2, -1, 0, 1, 2, 0], [0.5, 0.5, 0.5, 0.5, 0.5, Math.sqrt(1.25)], -12, 12) - noiseEntropy(0.5);
// the ranks 1..n of a column
const ranks = (v) => { const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]), r = new Array(v.length); order.forEach((i, k) => { r[i] = k + 1; }); return r; };

// y an exact (not affine) function of x in a share of the rows, an independent normal elsewhere: I = ∞
const curveShare = (base, n, p, f) => (seed) => { const r = rng(base + seed); return many(n, () => { const a = r.normal(); return [a, r.u() < p ? f(a) : r.normal()]; }); };
export const CURVES = [
  { name: "y-cube-of-x-in-10pct-of-rows-n1000", truth: Infinity, sample: curveShare(200000, 1000, 0.1, (a) => a * a * a) },
  { name: "y-sin-of-x-in-20pct-of-rows-n1000", truth: Infinity, sample: curveShare(201000, 1000, 0.2, (a) => Math.sin(a)) },
  { name: "y-exp-of-x-in-5pct-of-rows-n2000", truth: Infinity, sample: curveShare(202000, 2000, 0.05, (a) => Math.exp(a)) },
];

export const SETS = [
  // very high but finite MI: an affine map plus noise of sd 10⁻⁶
  { name: "y-minus-3x-plus-7-noise-1e-6-n1000", truth: 0.5 * Math.log(1 + 9e12), sample: (seed) => { const r = rng(203000 + seed); return many(1000, () => { const a = r.normal(); return [a, -3 * a + 7 + 1e-6 * r.normal()]; }); } },
  { name: "two-affine-columns-noise-1e-6-2x2-n1000", truth: 0.5 * Math.log(1 + 4e12) + 0.5 * Math.log(1 + 0.25e12), sample: (seed) => { const r = rng(204000 + seed); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, b], [2 * a - 1 + 1e-6 * r.normal(), -0.5 * b + 3 + 1e-6 * r.normal()]]; }); } },
  // monotone margins of a Gaussian copula: the Gaussian's MI
  { name: "lognormal-x-pareto-y-gauss-copula-rho0.7-n1000", truth: gaussI(0.7), sample: (seed) => { const r = rng(205000 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.7); return [Math.exp(2 * a), (1 - Phi(b)) ** (-1 / 1.5)]; }); } },
  { name: "gumbel2-copula-exponential-margins-n1000", truth: () => gumbelTruth(2), sample: (seed) => { const r = rng(206000 + seed); return many(1000, () => gumbelPair(r, 2)); } },
  // integer ranks 1..n of each column (uniform margins)
  { name: "integer-ranks-of-gauss-rho0.9-n1000", truth: gaussI(0.9), sample: (seed) => { const r = rng(207000 + seed); const d = many(1000, () => gpair(r, 0.9)); const rx = ranks(d.x.map(([a]) => a)), ry = ranks(d.y.map(([b]) => b)); return { x: rx.map((v) => [v]), y: ry.map((v) => [v]) }; } },
  // periodic dependence, x ~ N(0, 1), y = sin(kx) + 0.3E
  ...[1, 5, 20].map((k) => ({ name: `sin-${k}x-of-gauss-plus-0.3noise-n1000`, truth: () => sinTruth(k, 0.3), sample: (seed) => { const r = rng(208000 + 100 * k + seed); return many(1000, () => { const a = r.normal(); return [a, Math.sin(k * a) + 0.3 * r.normal()]; }); } })),
  // dependence in 5 % of rows only (ρ = 0.95 there), independent N(0, 1) elsewhere
  { name: "dependent-in-5pct-of-rows-rho0.95-n2000", truth: () => sparseMixtureTruth(0.05, 0.95), sample: (seed) => { const r = rng(209000 + seed); return many(2000, () => (r.u() < 0.05 ? gpair(r, 0.95) : [r.normal(), r.normal()])); } },
  // a binary symmetric channel flipping 45 %: I = log 2 − H(0.45)
  { name: "binary-channel-flip0.45-n2000", truth: Math.log(2) - h2(0.45), sample: (seed) => { const r = rng(210000 + seed); return many(2000, () => { const b = r.int(2); return [b, r.u() < 0.45 ? 1 - b : b]; }); } },
  // typed-array rows: x Float64Array(2), y Float32Array(1), y = x₁ + x₂ + E: I = ½ log 3
  { name: "float64-x-float32-y-rows-sum-2x1-n1000", truth: 0.5 * Math.log(3), sample: (seed) => { const r = rng(211000 + seed); const d = many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, b], a + b + r.normal()]; }); return { x: d.x.map((row) => Float64Array.from(row)), y: d.y.map((row) => Float32Array.from(row)) }; } },
  // one x against 50 y columns of which column 17 alone depends on x (ρ = 0.8)
  { name: "x1-vs-y50-column17-rho0.8-n500", truth: gaussI(0.8), sample: (seed) => { const r = rng(212000 + seed); return many(500, () => { const [a, b] = gpair(r, 0.8); const y = Array.from({ length: 50 }, () => r.normal()); y[17] = b; return [a, y]; }); } },
  // a shared 2-D latent behind 10 + 10 columns
  { name: "low-rank-2-latent-10x10-noise0.5-n1000", truth: lowRankTruth(lowRankA, lowRankB, 0.5), sample: (seed) => { const r = rng(213000 + seed); return many(1000, () => { const z = [r.normal(), r.normal()]; return [times(lowRankA, z).map((v) => v + 0.5 * r.normal()), times(lowRankB, z).map((v) => v + 0.5 * r.normal())]; }); } },
  // mixed discrete-continuous x: 40 % of rows on five atoms
  { name: "x-five-atoms-40pct-plus-gauss-y-x-plus-0.5noise-n1000", truth: atomsTruth, sample: (seed) => { const r = rng(214000 + seed); return many(1000, () => { const a = r.u() < 0.4 ? r.int(5) - 2 : r.normal(); return [a, a + 0.5 * r.normal()]; }); } },
  // the whole data set 10 copies of 50 rows, in blocks (not shuffled)
  { name: "50-rows-tiled-10-times-in-blocks-rho0.9-n500", truth: gaussI(0.9), sample: (seed) => { const r = rng(215000 + seed); const d = many(50, () => gpair(r, 0.9)); const x = [], y = []; for (let t = 0; t < 10; t++) for (let i = 0; i < 50; i++) { x.push([...d.x[i]]); y.push([...d.y[i]]); } return { x, y }; } },
  // x column k paired with y column 2 − k (ρ = 0.9, 0.6, 0.3)
  { name: "pairs-in-reversed-column-order-3x3-n1000", truth: gaussI(0.9) + gaussI(0.6) + gaussI(0.3), sample: (seed) => { const r = rng(216000 + seed); return many(1000, () => { const ps = [0.9, 0.6, 0.3].map((rho) => gpair(r, rho)); return [ps.map(([a]) => a), ps.map(([, b]) => b).reverse()]; }); } },
  // columns at 10⁻¹² beside columns at 10¹², the tiny x column paired with the huge y column
  { name: "scales-1e-12-beside-1e12-crossed-2x2-n1000", truth: gaussI(0.9) + gaussI(0.6), sample: (seed) => { const r = rng(217000 + seed); return many(1000, () => { const [a1, b1] = gpair(r, 0.9), [a2, b2] = gpair(r, 0.6); return [[1e-12 * a1, 1e12 * a2], [1e12 * b1, 1e-12 * b2]]; }); } },
];
