// The eighteenth unseen probe's sets: families no earlier probe used, as a practitioner meets them, drawn by the fifth probe's
// generator (mulberry32 and Box–Muller), not the library's Rng. Truths are closed forms, exact sums, invariance under injective
// maps, or quadratures (check-truths.mjs checks the quadratures and sums by Monte Carlo).
import { rng, probit } from "../unseen5/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";

const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const lgamma = (z) => { // Lanczos, g = 7
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lgamma(1 - z);
  z -= 1; let s = c[0]; for (let i = 1; i < 9; i++) s += c[i] / (z + i); const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
};

// x ~ U(−2, 2), y = f(x) + s(x)·noise, a nonmonotone f and a spread growing with |x|: I = h(Y) − E log(s(X)√(2πe)), h(Y) on a grid
export const HETERO_F = (x) => x * x - 1, HETERO_S = (x) => 0.1 + 0.3 * Math.abs(x);
export function heteroTruth(f = HETERO_F, s = HETERO_S) {
  const X = 4000, xs = Array.from({ length: X }, (_, i) => -2 + (i + 0.5) * (4 / X));
  const lo = -1 - 6 * s(2) - 0.5, hi = 3 + 6 * s(2), Y = 12000, dy = (hi - lo) / Y;
  let hY = 0;
  for (let j = 0; j < Y; j++) {
    const y = lo + (j + 0.5) * dy; let p = 0;
    for (const x of xs) { const sd = s(x); p += phi((y - f(x)) / sd) / sd; }
    p /= X; if (p > 0) hY -= p * Math.log(p) * dy;
  }
  const hNoise = xs.reduce((a, x) => a + Math.log(s(x) * Math.sqrt(2 * Math.PI * Math.E)), 0) / X;
  return hY - hNoise;
}

// counts sharing a rate: λ ~ Gamma(k, θ), X, Y ~ Poisson(λ) independently given λ; p(x, y) in closed form, I by exact sums
export function sharedRateTruth(k, theta, top = 400) {
  const lpx = (x) => lgamma(k + x) - lgamma(k) - lgamma(x + 1) + x * Math.log(theta) - (k + x) * Math.log(1 + theta);
  const lpxy = (x, y) => lgamma(k + x + y) - lgamma(k) - lgamma(x + 1) - lgamma(y + 1) + (x + y) * Math.log(theta) - (k + x + y) * Math.log(1 + 2 * theta);
  const m = Array.from({ length: top }, (_, x) => lpx(x));
  let s = 0; for (let x = 0; x < top; x++) for (let y = 0; y < top; y++) { const l = lpxy(x, y); s += Math.exp(l) * (l - m[x] - m[y]); }
  return s;
}
const gamma = (r, k) => { // Marsaglia–Tsang, k ≥ 1
  const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) { let z, v; do { z = r.normal(); v = 1 + c * z; } while (v <= 0); v = v * v * v; const u = r.u(); if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v; }
};
/** Gamma(k) for k < 1: Gamma(k + 1)·U^(1/k). */
const gammaSmall = (r, k) => gamma(r, k + 1) * r.u() ** (1 / k);
const poisson = (r, lam) => { let k = 0, t = -Math.log(r.u()); while (t < lam) { k++; t -= Math.log(r.u()); } return k; };

// a point on the sphere, injective in (a₁, a₂): longitude 2πΦ(a₁), latitude asin(2Φ(a₂) − 1)
const sphere = (a1, a2) => { const lon = 2 * Math.PI * Phi(a1), z = 2 * Phi(a2) - 1, rr = Math.sqrt(1 - z * z); return [rr * Math.cos(lon), rr * Math.sin(lon), z]; };
// a point on a torus of radii 2 and 1 in 3-D, injective in (a₁, a₂)
const torus = (a1, a2) => { const u = 2 * Math.PI * Phi(a1), v = 2 * Math.PI * Phi(a2); return [(2 + Math.cos(v)) * Math.cos(u), (2 + Math.cos(v)) * Math.sin(u), Math.sin(v)]; };

// AR(2) series s_t = φ₁s_{t−1} + φ₂s_{t−2} + e_t: rows x = (s_{t−1}, s_{t−2}), y = s_t, consecutive rows overlap; I = ½ log(Var s / Var e)
export const AR2 = [0.6, 0.3];
export const ar2Truth = ([p1, p2] = AR2) => { const rho1 = p1 / (1 - p2), varS = 1 / (1 - p1 * rho1 - p2 * (p1 * rho1 + p2)); return 0.5 * Math.log(varS); };

// directions on the sphere: x uniform, y von Mises–Fisher about x with concentration κ (y uniform too):
// I = log 4π − h(vMF) = log(κ/sinh κ) + κ·coth κ − 1
export const vmfTruth = (k) => Math.log(k) - (k + Math.log1p(-Math.exp(-2 * k)) - Math.log(2)) + k / Math.tanh(k) - 1;
const unitVector = (r) => { const z = 2 * r.u() - 1, t = 2 * Math.PI * r.u(), s = Math.sqrt(1 - z * z); return [s * Math.cos(t), s * Math.sin(t), z]; };
/** A draw of vMF(mean m, κ) on S²: the cosine w to m by inversion of its law, the direction about m uniform. */
const vonMisesFisher = (r, m, k) => {
  const u = r.u(), w = 1 + Math.log(u + (1 - u) * Math.exp(-2 * k)) / k;
  let v;
  do { const g = [r.normal(), r.normal(), r.normal()], along = g[0] * m[0] + g[1] * m[1] + g[2] * m[2]; v = g.map((c, i) => c - along * m[i]); } while (Math.hypot(...v) < 1e-9);
  const len = Math.hypot(...v), s = Math.sqrt(Math.max(0, 1 - w * w));
  return m.map((c, i) => w * c + (s * v[i]) / len);
};
// three labels copied with probability q (else a uniform label): I = log 3 − H of the channel's row
const labelChannelI = (q, K = 3) => { const same = q + (1 - q) / K, other = (1 - q) / K; return Math.log(K) + same * Math.log(same) + (K - 1) * other * Math.log(other); };

export const SETS = [
  { name: "y-x2-minus-1-heteroscedastic-noise-x-uniform-n1000", truth: () => heteroTruth(), sample: (seed) => { const r = rng(1801000 + seed); return many(1000, () => { const x = -2 + 4 * r.u(); return [x, HETERO_F(x) + HETERO_S(x) * r.normal()]; }); } },
  { name: "y-x2-minus-1-heteroscedastic-noise-x-uniform-n200", truth: () => heteroTruth(), sample: (seed) => { const r = rng(1802000 + seed); return many(200, () => { const x = -2 + 4 * r.u(); return [x, HETERO_F(x) + HETERO_S(x) * r.normal()]; }); } },
  { name: "sphere-3col-of-gauss-pairs-rho0.8-3x2-n1000", truth: 2 * gaussI(0.8), sample: (seed) => { const r = rng(1803000 + seed); return many(1000, () => { const [a1, b1] = pair(r, 0.8), [a2, b2] = pair(r, 0.8); return [sphere(a1, a2), [b1, b2]]; }); } },
  { name: "torus-3col-both-sides-rho0.7-3x3-n1000", truth: 2 * gaussI(0.7), sample: (seed) => { const r = rng(1804000 + seed); return many(1000, () => { const [a1, b1] = pair(r, 0.7), [a2, b2] = pair(r, 0.7); return [torus(a1, a2), torus(b1, b2)]; }); } },
  { name: "mixed-label3-and-gauss-both-sides-copy0.7-rho0.8-n1000", truth: labelChannelI(0.7) + gaussI(0.8), sample: (seed) => { const r = rng(1805000 + seed); return many(1000, () => { const k = r.int(3), l = r.u() < 0.7 ? k : r.int(3), [a, b] = pair(r, 0.8); return [[k, a], [b, l]]; }); } },
  { name: "rank2-x-of-4-columns-y-2-rho0.8-n120", truth: 2 * gaussI(0.8), sample: (seed) => { const r = rng(1806000 + seed); return many(120, () => { const [a, c] = pair(r, 0.8), [b, d] = pair(r, 0.8); return [[a, b, a + b, a - 2 * b], [c, d]]; }); } },
  { name: "poisson-counts-shared-gamma-rate-k2-theta3-n1000", truth: () => sharedRateTruth(2, 3), sample: (seed) => { const r = rng(1807000 + seed); return many(1000, () => { const lam = 3 * gamma(r, 2); return [poisson(r, lam), poisson(r, lam)]; }); } },
  { name: "poisson-counts-shared-gamma-rate-k2-theta3-n80", truth: () => sharedRateTruth(2, 3), sample: (seed) => { const r = rng(1808000 + seed); return many(80, () => { const lam = 3 * gamma(r, 2); return [poisson(r, lam), poisson(r, lam)]; }); } },
  { name: "lognormal-skew-both-sides-sigma1.5-rho0.7-n150", truth: gaussI(0.7), sample: (seed) => { const r = rng(1809000 + seed); return many(150, () => { const [a, b] = pair(r, 0.7); return [Math.exp(1.5 * a), Math.exp(1.5 * b)]; }); } },
  { name: "ar2-lagged-rows-x-two-lags-y-next-n1000", truth: ar2Truth(), sample: (seed) => { const r = rng(1810000 + seed); const s = [0, 0]; for (let t = 0; t < 1200; t++) s.push(AR2[0] * s[s.length - 1] + AR2[1] * s[s.length - 2] + r.normal()); const t0 = s.length - 1000; return many(1000, (i) => [[s[t0 + i - 1], s[t0 + i - 2]], s[t0 + i]]); } },
  // sentinel 9999 for a missing value in 4 % of x's first column, independent of everything: I = 0.96·I(x; y) + 0.04·I(x₂; y)
  { name: "sentinel-9999-in-4pct-of-x1-2x1-n1000", truth: 0.96 * gaussI(Math.sqrt(0.8)) + 0.04 * gaussI(Math.sqrt(0.4)), sample: (seed) => { const r = rng(1811000 + seed); return many(1000, () => { const a = r.normal(), b = r.normal(), y = Math.sqrt(0.4) * (a + b) + Math.sqrt(0.2) * r.normal(); return [[r.u() < 0.04 ? 9999 : a, b], y]; }); } },
  { name: "multiplicative-noise-lognormal-x-times-lognormal-n1000", truth: gaussI(1 / Math.sqrt(1 + 0.25)), sample: (seed) => { const r = rng(1812000 + seed); return many(1000, () => { const x = Math.exp(r.normal()); return [x, x * Math.exp(0.5 * r.normal())]; }); } },
  { name: "angles-wrapped-gauss-pair-rho0.85-to-circle-2x2-n50", truth: gaussI(0.85), sample: (seed) => { const r = rng(1813000 + seed); return many(50, () => { const [a, b] = pair(r, 0.85), u = 2 * Math.PI * Phi(a), v = 2 * Math.PI * Phi(b); return [[Math.cos(u), Math.sin(u)], [Math.cos(v), Math.sin(v)]]; }); } },
  { name: "sphere-both-sides-von-mises-fisher-kappa10-3x3-n1000", truth: vmfTruth(10), sample: (seed) => { const r = rng(1814000 + seed); return many(1000, () => { const m = unitVector(r); return [m, vonMisesFisher(r, m, 10)]; }); } },
  { name: "sphere-both-sides-von-mises-fisher-kappa3-3x3-n300", truth: vmfTruth(3), sample: (seed) => { const r = rng(1815000 + seed); return many(300, () => { const m = unitVector(r); return [m, vonMisesFisher(r, m, 3)]; }); } },
  { name: "poisson-counts-shared-gamma-rate-k0.5-theta4-many-zeros-n500", truth: () => sharedRateTruth(0.5, 4), sample: (seed) => { const r = rng(1816000 + seed); return many(500, () => { const lam = 4 * gammaSmall(r, 0.5); return [poisson(r, lam), poisson(r, lam)]; }); } },
];
export { probit };
