// The twelfth unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the
// library's Rng. Truths: closed forms, or 1-D quadratures (checked against Monte Carlo in check-truths.mjs).
import { rng } from "../unseen5/sets.mjs";

const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
// Φ by erfc (Numerical Recipes' Chebyshev fit, 1.2e-7)
function erfc(x) { const z = Math.abs(x), t = 1 / (1 + 0.5 * z); const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))); return x >= 0 ? r : 2 - r; }
const Phi = (z) => 0.5 * erfc(-z / Math.SQRT2);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const noiseEntropy = (s) => 0.5 * Math.log(2 * Math.PI * Math.E * s * s);

// y = |x| + σn: a skew normal, density (2/ω) φ(y/ω) Φ(y/(σω)), ω = √(1 + σ²); I = h(Y) − h(σN)
export const absDensity = (y, s) => { const w = Math.sqrt(1 + s * s); return (2 / w) * phi(y / w) * Phi(y / (s * w)); };
export function absTruth(s) {
  const lo = -12 * s - 1e-9, hi = 9, G = 400000, d = (hi - lo) / G; let h = 0;
  for (let g = 0; g < G; g++) { const p = absDensity(lo + (g + 0.5) * d, s); if (p > 0) h -= p * Math.log(p) * d; }
  return h - noiseEntropy(s);
}
// y = x² + σn: p(y) = ∫₀^∞ 2φ(t) φ_σ(y − t²) dt (s = t² removes χ²₁'s singularity); I = h(Y) − h(σN)
export function squareDensity(y, s, T = 8, G = 16000) { const d = T / G; let p = 0; for (let g = 0; g < G; g++) { const t = (g + 0.5) * d; p += 2 * phi(t) * phi((y - t * t) / s) / s * d; } return p; }
export function squareTruth(s) {
  const lo = -8 * s, hi = 40, G = 40000, d = (hi - lo) / G; let h = 0;
  for (let g = 0; g < G; g++) { const p = squareDensity(lo + (g + 0.5) * d, s); if (p > 0) h -= p * Math.log(p) * d; }
  return h - noiseEntropy(s);
}
// bivariate Cauchy (Student t, ν = 1, identity scale): uncorrelated, dependent; I = 2·h(Cauchy) − h(bivariate) = 2 log 4π − (log 2π + 3) = log 8π − 3
export const cauchyTruth = Math.log(8 * Math.PI) - 3;

const rho8 = gaussI(0.8);
export const SETS = [
  // x and y share only a sign: y = sign(x)·|e|; Y's sign is X's, |Y| is independent of X: I = log 2
  { name: "sign-shared-n1000", truth: Math.log(2), sample: (seed) => { const r = rng(120000 + seed); return many(1000, () => { const a = r.normal(); return [a, Math.sign(a) * Math.abs(r.normal())]; }); } },
  // deterministic, non-invertible maps with a little noise
  { name: "abs-x-plus-0.01-noise-n1000", truth: () => absTruth(0.01), sample: (seed) => { const r = rng(121000 + seed); return many(1000, () => { const a = r.normal(); return [a, Math.abs(a) + 0.01 * r.normal()]; }); } },
  { name: "x-squared-plus-0.1-noise-n1000", truth: () => squareTruth(0.1), sample: (seed) => { const r = rng(122000 + seed); return many(1000, () => { const a = r.normal(); return [a, a * a + 0.1 * r.normal()]; }); } },
  // heavy tails, uncorrelated: the bivariate Cauchy z/|w|
  { name: "bivariate-cauchy-uncorrelated-n1000", truth: cauchyTruth, sample: (seed) => { const r = rng(123000 + seed); return many(1000, () => { const w = Math.abs(r.normal()); return [r.normal() / w, r.normal() / w]; }); } },
  // columns of wildly different scales (x at 1e-8, y at 1e8, and a second x column at 1e8)
  { name: "scales-1e-8-and-1e8-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(124000 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [[1e-8 * a, 1e8 * r.normal()], 1e8 * b]; }); } },
  // constant columns mixed in on both sides
  { name: "constant-columns-mixed-rho0.7-n500", truth: gaussI(0.7), sample: (seed) => { const r = rng(125000 + seed); return many(500, () => { const [a, b] = gpair(r, 0.7); return [[0, a, 1e6, -2], [b, 7]]; }); } },
  // very few rows
  { name: "gauss-rho0.9-n20", truth: gaussI(0.9), sample: (seed) => { const r = rng(126000 + seed); return many(20, () => gpair(r, 0.9)); } },
  { name: "gauss-rho0.9-n40", truth: gaussI(0.9), sample: (seed) => { const r = rng(126500 + seed); return many(40, () => gpair(r, 0.9)); } },
  // 200 dimensions at n = 500
  { name: "d200-x-one-informative-rho0.8-n500", truth: rho8, sample: (seed) => { const r = rng(127000 + seed); return many(500, () => { const [a, b] = gpair(r, 0.8); return [[a, ...Array.from({ length: 199 }, () => r.normal())], b]; }); } },
  { name: "d200-x-independent-y-n500", truth: 0, sample: (seed) => { const r = rng(127500 + seed); return many(500, () => [Array.from({ length: 200 }, () => r.normal()), r.normal()]); } },
  // y: x's rows in a random order (independent rows, the same values)
  { name: "y-rows-permuted-from-x-2d-n1000", truth: 0, sample: (seed) => { const r = rng(128000 + seed); const x = Array.from({ length: 1000 }, () => [r.normal(), r.normal()]); const p = x.map((_, i) => i); for (let i = p.length - 1; i > 0; i--) { const j = r.int(i + 1); [p[i], p[j]] = [p[j], p[i]]; } return { x, y: p.map((i) => [...x[i]]) }; } },
  // integer counts near 10^12 (distinct; rounding to 1 is 10^-12 of the spread)
  { name: "integer-counts-near-1e12-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(129000 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [Math.round(1e12 * (5 + a)), Math.round(3e12 + 1e11 * b)]; }); } },
  // float64 near the top of the range
  { name: "scale-1e300-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(130000 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [1e300 * a, 1e300 * b]; }); } },
  { name: "scale-1e307-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(130500 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [1e307 * a, -1e307 * b]; }); } },
  { name: "near-max-value-offsets-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(131000 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [1.5e308 + 1e306 * a, 1e306 * b]; }); } },
  // NaN in one row: must be refused, naming the row
  { name: "nan-in-row-17-rho0.8-n500", truth: rho8, sample: (seed) => { const r = rng(132000 + seed); const d = many(500, () => gpair(r, 0.8)); d.y[17][0] = NaN; return d; } },
  // mixed input forms: x a Float32Array (1-D), y an array of arrays; x an array of Float32Array rows, y a plain number[]
  { name: "x-float32array-y-arrays-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(133000 + seed); const d = many(1000, () => gpair(r, 0.8)); return { x: Float32Array.from(d.x.map(([v]) => v)), y: d.y }; } },
  { name: "x-float32-rows-y-number-list-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(133500 + seed); const d = many(1000, () => { const [a, b] = gpair(r, 0.8); return [[a, r.normal()], b]; }); return { x: d.x.map((row) => Float32Array.from(row)), y: d.y.map(([v]) => v) }; } },
];

// a second batch: zero-inflation with dependence, counts scaled by 10^12, subnormal and overflowing-sum scales,
// y a permutation of x's rows in one dimension, every column of x constant
const mixtureEntropy = (weights, sds, lo = -30, hi = 30, G = 600000) => { const d = (hi - lo) / G; let h = 0; for (let g = 0; g < G; g++) { const y = lo + (g + 0.5) * d; let p = 0; for (let k = 0; k < weights.length; k++) p += weights[k] * Math.exp(-0.5 * (y / sds[k]) ** 2) / (sds[k] * Math.sqrt(2 * Math.PI)); if (p > 0) h -= p * Math.log(p) * d; } return h; };
// X = 0 in 40 % of rows, else N(0, 1); Y = X + 0.5·N: I = h(Y) − h(0.5 N), Y a two-Gaussian mixture at 0
export const zeroInflatedTruth = () => mixtureEntropy([0.4, 0.6], [0.5, Math.sqrt(1.25)]) - noiseEntropy(0.5);
// K ~ Poisson(3) (x = 10^12·K), Y = K + N(0, 1): I = h(Y) − h(N), Y a Poisson mixture of unit Gaussians
export function poissonChannelTruth(lam = 3, K = 40) {
  const pk = [Math.exp(-lam)]; for (let k = 1; k < K; k++) pk.push((pk[k - 1] * lam) / k);
  const lo = -10, hi = 50, G = 600000, d = (hi - lo) / G; let h = 0;
  for (let g = 0; g < G; g++) { const y = lo + (g + 0.5) * d; let p = 0; for (let k = 0; k < K; k++) p += pk[k] * phi(y - k); if (p > 0) h -= p * Math.log(p) * d; }
  return h - noiseEntropy(1);
}
const poisson = (r, lam) => { const L = Math.exp(-lam); let k = 0, p = 1; do { k++; p *= r.u(); } while (p > L); return k - 1; };
export const SETS2 = [
  { name: "zero-inflated-x0.4-plus-noise-y-n1000", truth: zeroInflatedTruth, sample: (seed) => { const r = rng(134000 + seed); return many(1000, () => { const a = r.u() < 0.4 ? 0 : r.normal(); return [a, a + 0.5 * r.normal()]; }); } },
  { name: "poisson3-times-1e12-x-gauss-channel-y-n1000", truth: () => poissonChannelTruth(3), sample: (seed) => { const r = rng(135000 + seed); return many(1000, () => { const k = poisson(r, 3); return [k * 1e12, k + r.normal()]; }); } },
  { name: "subnormal-scale-1e-315-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(136000 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [1e-315 * a, b]; }); } },
  { name: "plus-minus-1.7e308-tanh-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(137000 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [1.7e308 * Math.tanh(a), b]; }); } },
  { name: "y-rows-permuted-from-x-1d-n1000", truth: 0, sample: (seed) => { const r = rng(138000 + seed); const x = Array.from({ length: 1000 }, () => [r.normal()]); const p = x.map((_, i) => i); for (let i = p.length - 1; i > 0; i--) { const j = r.int(i + 1); [p[i], p[j]] = [p[j], p[i]]; } return { x, y: p.map((i) => [x[i][0]]) }; } },
  { name: "every-x-column-constant-n500", truth: 0, sample: (seed) => { const r = rng(139000 + seed); return many(500, () => [[3, 3], r.normal()]); } },
];

// a third batch: 200 + 200 columns, a near copy (I ≈ 27.6 nats), a sign set by a fast oscillation of x
// P(sin(fX) > 0) for X ~ N(0, 1), by the midpoint rule on [−9, 9]; I = H(that)
const signOfSinTruth = (f, G = 2000000) => { const d = 18 / G; let p = 0; for (let g = 0; g < G; g++) { const t = -9 + (g + 0.5) * d; if (Math.sin(f * t) > 0) p += phi(t) * d; } return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)); };
export const SETS3 = [
  { name: "d200-both-sides-5-pairs-rho0.8-n500", truth: 5 * rho8, sample: (seed) => { const r = rng(140000 + seed); return many(500, () => { const x = Array.from({ length: 200 }, () => r.normal()); const y = Array.from({ length: 200 }, () => r.normal()); for (let k = 0; k < 5; k++) y[k] = 0.8 * x[k] + 0.6 * y[k]; return [x, y]; }); } },
  { name: "near-copy-1e-12-noise-n1000", truth: 0.5 * Math.log1p(1e24), sample: (seed) => { const r = rng(141000 + seed); return many(1000, () => { const a = r.normal(); return [a, a + 1e-12 * r.normal()]; }); } },
  { name: "sign-of-sin-20x-times-abs-noise-n1000", truth: () => signOfSinTruth(20), sample: (seed) => { const r = rng(142000 + seed); return many(1000, () => { const a = r.normal(); return [a, Math.sign(Math.sin(20 * a)) * Math.abs(r.normal())]; }); } },
  { name: "sign-of-sin-60x-times-abs-noise-n1000", truth: () => signOfSinTruth(60), sample: (seed) => { const r = rng(142500 + seed); return many(1000, () => { const a = r.normal(); return [a, Math.sign(Math.sin(60 * a)) * Math.abs(r.normal())]; }); } },
];

// a fourth batch: the first batch's hardest kinds at n = 5000, where more calls may be trusted
export const LARGE = [
  { name: "sign-shared-n5000", truth: Math.log(2), sample: (seed) => { const r = rng(150000 + seed); return many(5000, () => { const a = r.normal(); return [a, Math.sign(a) * Math.abs(r.normal())]; }); } },
  { name: "x-squared-plus-0.1-noise-n5000", truth: () => squareTruth(0.1), sample: (seed) => { const r = rng(151000 + seed); return many(5000, () => { const a = r.normal(); return [a, a * a + 0.1 * r.normal()]; }); } },
  { name: "bivariate-cauchy-uncorrelated-n5000", truth: cauchyTruth, sample: (seed) => { const r = rng(152000 + seed); return many(5000, () => { const w = Math.abs(r.normal()); return [r.normal() / w, r.normal() / w]; }); } },
  { name: "zero-inflated-x0.4-plus-noise-y-n5000", truth: zeroInflatedTruth, sample: (seed) => { const r = rng(153000 + seed); return many(5000, () => { const a = r.u() < 0.4 ? 0 : r.normal(); return [a, a + 0.5 * r.normal()]; }); } },
];
