// The seventh unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the library's Rng.
// Truths: closed forms, exact sums (Poisson), 1-D quadrature (product, wide sine, binary shift) and 2-D quadrature (16-component mixture).
import { rng } from "../unseen5/sets.mjs";
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z, s) => Math.exp(-0.5 * (z / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const row = (v) => (Array.isArray(v) ? v : [v]);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(row(a)); y.push(row(b)); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
function normalCdf(z) { const t = 1 / (1 + 0.2316419 * Math.abs(z)); const d = 0.3989422804014327 * Math.exp(-z * z / 2); const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429)))); return z > 0 ? 1 - p : p; }
function poisson(r, lam) { if (lam > 30) { // normal-free exact sampler: count by inversion from the mode
  let k = Math.floor(lam), p0 = Math.exp(-lam + k * Math.log(lam) - lgamma(k + 1)); const u = r.u(); let lo = k, hi = k + 1, plo = p0, phi_ = p0 * lam / (k + 1), s = 0;
  // walk outward alternately, accumulating probability until u is covered (order fixed, so exact in law)
  while (true) { if (plo >= phi_ && lo >= 0) { s += plo; if (u <= s) return lo; plo *= lo / lam; lo--; if (lo < 0) plo = 0; } else { s += phi_; if (u <= s) return hi; hi++; phi_ *= lam / hi; } } }
  let k = 0, p = Math.exp(-lam), s = p; const u = r.u(); while (u > s) { k++; p *= lam / k; s += p; } return k; }
function lgamma(m) { let s = 0; for (let i = 2; i < m; i++) s += Math.log(i); return s; }
const entropy = (ps) => ps.reduce((a, p) => (p > 0 ? a - p * Math.log(p) : a), 0);
// X ~ Poisson(L), Y | X ~ Poisson(X): H(Y) − Σ p(x) H(Poisson(x))
function poissonChainTruth(L) {
  const xs = []; for (let x = Math.max(1, Math.floor(L - 12 * Math.sqrt(L))); x <= L + 12 * Math.sqrt(L); x++) xs.push(x);
  const pmf = (lam, k) => Math.exp(-lam + k * Math.log(lam) - lgamma(k + 1));
  const ymax = Math.ceil(2 * L + 60); const py = new Array(ymax + 1).fill(0); let hyx = 0;
  for (const x of xs) { const px = pmf(L, x); const c = []; for (let k = 0; k <= ymax; k++) c.push(pmf(x, k)); hyx += px * entropy(c); c.forEach((p, k) => (py[k] += px * p)); }
  return entropy(py) - hyx;
}
// y = x·e, x, e ~ N(0, 1): h(Y) − E[½ log(2πe x²)], h(Y) with p(y) = K0(|y|)/π
function productTruth() {
  const K0 = (z) => { let s = 0; const d = 0.001; for (let t = 0.0005; t < 20; t += d) { const v = Math.exp(-z * Math.cosh(t)); if (v < 1e-300) break; s += v * d; } return s; };
  let h = 0; const du = 0.005; for (let u = -30; u < 4.5; u += du) { const y = Math.exp(u + du / 2); const p = K0(y) / Math.PI; if (p > 0) h -= 2 * p * Math.log(p) * y * du; }
  const eLogAbs = -(0.5772156649015329 + Math.log(2)) / 2;
  return h - (0.5 * LN2PIE + eLogAbs);
}
// 16 components, means drawn once, σ = 0.35: 2-D quadrature of p log p/(p_x p_y)
const MIX = (() => { const r = rng(77); return Array.from({ length: 16 }, () => [6 * r.u() - 3, 6 * r.u() - 3]); })();
function mixtureTruth(s = 0.35) {
  const m = 500, lo = -5, hi = 5, d = (hi - lo) / m; const g = Array.from({ length: m }, (_, i) => lo + (i + 0.5) * d);
  const fx = g.map((v) => MIX.map(([a]) => phi(v - a, s))), fy = g.map((v) => MIX.map(([, b]) => phi(v - b, s)));
  const px = fx.map((f) => f.reduce((a, b) => a + b, 0) / MIX.length), py = fy.map((f) => f.reduce((a, b) => a + b, 0) / MIX.length);
  let I = 0; for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) { let p = 0; for (let j = 0; j < MIX.length; j++) p += fx[i][j] * fy[k][j]; p /= MIX.length; if (p > 0) I += p * Math.log(p / (px[i] * py[k])) * d * d; }
  return I;
}
// y = sin x + s·N, x ~ N(0, w²): h(Y) − h(N)
function wideSinTruth(w, s) {
  const xs = [], wx = []; const dx = 0.01; for (let x = -8 * w; x <= 8 * w; x += dx) { xs.push(Math.sin(x)); wx.push(phi(x, w) * dx); }
  let h = 0; const lo = -1 - 8 * s, hi = 1 + 8 * s, m = 1500, d = (hi - lo) / m;
  for (let i = 0; i < m; i++) { const y = lo + (i + 0.5) * d; let p = 0; for (let j = 0; j < xs.length; j++) p += wx[j] * phi(y - xs[j], s); if (p > 0) h -= p * Math.log(p) * d; }
  return h - 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
}
// x = (b, a), b ~ Bernoulli(½), a ~ N(0, 1); y = 0.8a + b + 0.6N: Y ~ ½N(0,1) + ½N(1,1), I = h(Y) − ½ log(2πe·0.36)
function mixedTruth() { let h = 0; const d = 0.0005; for (let y = -12; y < 13; y += d) { const p = 0.5 * (phi(y, 1) + phi(y - 1, 1)); if (p > 0) h -= p * Math.log(p) * d; } return h - 0.5 * Math.log(2 * Math.PI * Math.E * 0.36); }
const cache = {};
const once = (k, f) => () => (cache[k] ??= f());
const swap = (d) => ({ x: d.y, y: d.x });
const sparse37 = (s, n) => { const r = rng(7100 + s); return many(n, () => { const x = [r.normal(), r.normal(), r.normal()], y = Array.from({ length: 7 }, () => r.normal()); y[4] = 0.8 * x[1] + 0.6 * y[4]; return [x, y]; }); };
const pairs = (seed, n, d, rho) => { const r = rng(seed); return many(n, () => { const a = [], b = []; for (let j = 0; j < d; j++) { const [u, v] = gpair(r, rho); a.push(u); b.push(v); } return [a, b]; }); };
const mixedSample = (s) => { const r = rng(7500 + s); return many(1000, () => { const b = r.u() < 0.5 ? 1 : 0, a = r.normal(); return [[b, a], 0.8 * a + b + 0.6 * r.normal()]; }); };
const weakRho = Math.sqrt(1 - Math.exp(-0.002)); // MI 1e-3
export const SETS = [
  { name: "sparse-3x7-one-pair", truth: gaussI(0.8), sample: (s) => sparse37(s, 1000) },
  { name: "sparse-7x3-swapped", truth: gaussI(0.8), sample: (s) => swap(sparse37(s, 1000)) },
  { name: "sparse-3x7-n60", truth: gaussI(0.8), sample: (s) => sparse37(s, 60) },
  { name: "weak-mi-1e-3", truth: 1e-3, sample: (s) => pairs(7200 + s, 1000, 1, weakRho) },
  { name: "weak-mi-1e-3-n10000", truth: 1e-3, sample: (s) => pairs(7250 + s, 10000, 1, weakRho) },
  { name: "pairs10-rho0.99", truth: 10 * gaussI(0.99), sample: (s) => pairs(7300 + s, 1000, 10, 0.99) },
  { name: "product-x-times-noise", truth: once("prod", productTruth), sample: (s) => { const r = rng(7400 + s); return many(1000, () => { const a = r.normal(); return [a, a * r.normal()]; }); } },
  { name: "mixed-binary-gauss-x", truth: once("mixed", mixedTruth), sample: mixedSample },
  { name: "mixed-swapped", truth: once("mixed", mixedTruth), sample: (s) => swap(mixedSample(s)) },
  { name: "mixture-16", truth: once("mix16", mixtureTruth), sample: (s) => { const r = rng(7600 + s); return many(1000, () => { const [a, b] = MIX[r.int(16)]; return [a + 0.35 * r.normal(), b + 0.35 * r.normal()]; }); } },
  { name: "wide-sin-w10-s0.1", truth: once("wsin", () => wideSinTruth(10, 0.1)), sample: (s) => { const r = rng(7700 + s); return many(1000, () => { const a = 10 * r.normal(); return [a, Math.sin(a) + 0.1 * r.normal()]; }); } },
  { name: "poisson-200-chain", truth: once("pch", () => poissonChainTruth(200)), sample: (s) => { const r = rng(7800 + s); return many(1000, () => { const a = poisson(r, 200); return [a, poisson(r, a)]; }); } },
  { name: "uniform-copula-rho0.8", truth: gaussI(0.8), sample: (s) => { const r = rng(7900 + s); return many(1000, () => gpair(r, 0.8).map(normalCdf)); } },
  { name: "offset-1e8", truth: gaussI(0.8), sample: (s) => { const r = rng(8000 + s); return many(1000, () => gpair(r, 0.8).map((v) => 1e8 + v)); } },
  { name: "offset-1e12", truth: gaussI(0.8), sample: (s) => { const r = rng(8050 + s); return many(1000, () => gpair(r, 0.8).map((v) => 1e12 + v)); } },
  { name: "y-is-x1-times-x2", truth: Infinity, sample: (s) => { const r = rng(8100 + s); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, b], a * b]; }); } },
  { name: "y-is-norm-of-x3", truth: Infinity, sample: (s) => { const r = rng(8200 + s); return many(1000, () => { const a = [r.normal(), r.normal(), r.normal()]; return [a, Math.hypot(...a)]; }); } },
  { name: "ar1-pairs-phi0.95", truth: gaussI(0.6), sample: (s) => { const r = rng(8300 + s); let a = r.normal(), e = r.normal(); const f = 0.95, sd = Math.sqrt(1 - f * f); return many(1000, () => { a = f * a + sd * r.normal(); e = f * e + sd * r.normal(); return [a, 0.6 * a + 0.8 * e]; }); } },
];

// Student-t copulas with uniform margins: the shared scale ties x to y (tail dependence) while each margin is
// uniform, so no heavy tail shows. Truth: the bivariate t's MI (margins do not change it), by Monte Carlo of
// log p(x, y)/(p(x)p(y)) over 4·10⁶ draws of the t itself (standard error below 0.001).
const tCdf = (nu, v) => (nu === 1 ? 0.5 + Math.atan(v) / Math.PI : 0.5 + v / (2 * Math.sqrt(2 + v * v)));
function tDraw(r, nu, rho) { const w = nu === 1 ? r.normal() ** 2 : -2 * Math.log(r.u()); const s = Math.sqrt(w / nu); const a = r.normal(), b = rho * a + Math.sqrt(1 - rho * rho) * r.normal(); return [a / s, b / s]; }
function tTruth(nu, rho) {
  const r = rng(4242); const N = 4_000_000; let s = 0, s2 = 0;
  // log densities up to the constants that cancel between the joint and the product of margins
  const lg = (z) => { let v = 0; // log Γ by Lanczos-free recurrences for half-integers
    if (z === 0.5) return 0.5 * Math.log(Math.PI); if (z === 1) return 0; if (z === 1.5) return Math.log(0.5 * Math.sqrt(Math.PI)); if (z === 2) return 0; throw new Error(String(z)); };
  const c1 = lg((nu + 1) / 2) - lg(nu / 2) - 0.5 * Math.log(nu * Math.PI), c2 = lg((nu + 2) / 2) - lg(nu / 2) - Math.log(nu * Math.PI) - 0.5 * Math.log(1 - rho * rho);
  for (let i = 0; i < N; i++) {
    const [x, y] = tDraw(r, nu, rho);
    const q = (x * x - 2 * rho * x * y + y * y) / (1 - rho * rho);
    const lj = c2 - ((nu + 2) / 2) * Math.log(1 + q / nu);
    const lm = (v) => c1 - ((nu + 1) / 2) * Math.log(1 + (v * v) / nu);
    const l = lj - lm(x) - lm(y); s += l; s2 += l * l;
  }
  const mean = s / N; return { mean, se: Math.sqrt((s2 / N - mean * mean) / N) };
}
export const T_COPULA_SETS = [[1, 0], [2, 0], [1, 0.5], [2, 0.7]].map(([nu, rho]) => ({
  name: `t-copula-dof${nu}-rho${rho}-uniform`,
  truth: once(`t${nu}-${rho}`, () => tTruth(nu, rho).mean),
  sample: (s) => { const r = rng(8400 + 10 * nu + s + Math.round(100 * rho)); return many(1000, () => tDraw(r, nu, rho).map((v) => tCdf(nu, v))); },
}));
export { tTruth };

// Series with negative autocorrelation (AR(1), φ < 0): each column alternates in sign from row to row, so its lag-1
// correlation is far below 0, while products and squares of the columns (what a dependence estimate is made of)
// are positively autocorrelated (φ²): the rows are far from independent draws. Per-row MI: 0, or the Gaussian pair's.
const arSeries = (r, n, phi, rho) => { const sd = Math.sqrt(1 - phi * phi); let a = r.normal(), e = r.normal(); return many(n, () => { a = phi * a + sd * r.normal(); e = phi * e + sd * r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * e]; }); };
export const SERIES_SETS = [
  { name: "ar1-neg0.95-independent", truth: 0, sample: (s) => arSeries(rng(8500 + s), 1000, -0.95, 0) },
  { name: "ar1-neg0.95-rho0.6", truth: gaussI(0.6), sample: (s) => arSeries(rng(8600 + s), 1000, -0.95, 0.6) },
  { name: "ar1-neg0.99-independent", truth: 0, sample: (s) => arSeries(rng(8700 + s), 1000, -0.99, 0) },
];

// Many Gaussian pairs at once (bmi's "pairs" in 5 + 5 and 10 + 10), where MI-NEE gave 222 nats (untrusted) for 19.6.
export const PAIRS_SETS = [[5, 0.5], [5, 0.9], [10, 0.5], [10, 0.9]].map(([d, rho]) => ({ name: `pairs${d}-rho${rho}`, truth: d * gaussI(rho), sample: (s) => pairs(7350 + s + d, 1000, d, rho) }));

// Added after the fixes: classification-like and column-structure sets in 3–6 coordinates.
// logistic link: y ~ Bernoulli(σ(w·x)), x ~ N(0, I_5), |w| = 3: I = H(Y) − E h₂(σ(3z)), z ~ N(0, 1), by quadrature
function logisticTruth(scale) { const sig = (t) => 1 / (1 + Math.exp(-t)); const h2 = (p) => (p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p)); let e = 0; const d = 0.001; for (let z = -10; z < 10; z += d) e += phi(z + d / 2, 1) * h2(sig(scale * (z + d / 2))) * d; return Math.log(2) - e; }
const W5 = [1.5, -1.5, 1.5, -1.5, 0].map((v) => v * 3 / Math.sqrt(9)); // |w| = 3
export const STRUCTURE_SETS = [
  { name: "logistic-5x1-binary-y", truth: once("logit", () => logisticTruth(3)), sample: (s) => { const r = rng(8800 + s); return many(1000, () => { const x = Array.from({ length: 5 }, () => r.normal()); const t = x.reduce((a, v, k) => a + v * W5[k], 0); return [x, r.u() < 1 / (1 + Math.exp(-t)) ? 1 : 0]; }); } },
  { name: "x-duplicated-column-4x1", truth: gaussI(0.8), sample: (s) => { const r = rng(8900 + s); return many(1000, () => { const a = r.normal(); return [[a, r.normal(), a, r.normal()], 0.8 * a + 0.6 * r.normal()]; }); } },
  { name: "x-scales-1e-6-1e6-2x1", truth: 0.5 * Math.log(1 + 2 / 0.25), sample: (s) => { const r = rng(9000 + s); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[1e-6 * a, 1e6 * b], a + b + 0.5 * r.normal()]; }); } },
  { name: "rows-ten-times-3x3", truth: 3 * gaussI(0.6), sample: (s) => { const d = pairs(9050 + s, 100, 3, 0.6); const x = [], y = []; for (let k = 0; k < 10; k++) for (let i = 0; i < 100; i++) { x.push(d.x[i]); y.push(d.y[i]); } return { x, y }; } },
  { name: "scale-only-2x1", truth: once("prod", productTruth), sample: (s) => { const r = rng(9070 + s); return many(1000, () => { const a = r.normal(); return [[a, r.normal()], a * r.normal()]; }); } },
];

// Every record stored ten times, rows shuffled (no serial pattern): ten copies make each row look like an atom,
// and every value occurring exactly ten times looks like a balanced design. The MI is the 100 (or 200) records'.
const storedTimes = (seed, m, d, rho, times) => { const base = pairs(seed, m, d, rho); const r = rng(seed + 1); const idx = []; for (let k = 0; k < times; k++) for (let i = 0; i < m; i++) idx.push(i); for (let i = idx.length - 1; i > 0; i--) { const j = r.int(i + 1); [idx[i], idx[j]] = [idx[j], idx[i]]; } return { x: idx.map((i) => base.x[i]), y: idx.map((i) => base.y[i]) }; };
export const STORED_SETS = [
  { name: "stored-10x-shuffled-1x1", truth: gaussI(0.6), sample: (s) => storedTimes(9400 + 2 * s, 100, 1, 0.6, 10) },
  { name: "stored-10x-shuffled-200-1x1", truth: gaussI(0.6), sample: (s) => storedTimes(9500 + 2 * s, 200, 1, 0.6, 10) },
  { name: "stored-20x-shuffled-1x1", truth: gaussI(0.6), sample: (s) => storedTimes(9600 + 2 * s, 100, 1, 0.6, 20) },
  { name: "stored-10x-shuffled-3x3", truth: 3 * gaussI(0.6), sample: (s) => storedTimes(9700 + 2 * s, 100, 3, 0.6, 10) },
];
// each record stored a random 10–20 times (no common factor), rows shuffled
const storedVarying = (seed, m, rho) => { const base = pairs(seed, m, 1, rho); const r = rng(seed + 1); const idx = []; for (let i = 0; i < m; i++) { const t = 10 + r.int(11); for (let k = 0; k < t; k++) idx.push(i); } for (let i = idx.length - 1; i > 0; i--) { const j = r.int(i + 1); [idx[i], idx[j]] = [idx[j], idx[i]]; } return { x: idx.map((i) => base.x[i]), y: idx.map((i) => base.y[i]) }; };
STORED_SETS.push({ name: "stored-10-to-20x-shuffled-1x1", truth: gaussI(0.6), sample: (s) => storedVarying(9800 + 2 * s, 100, 0.6) });
