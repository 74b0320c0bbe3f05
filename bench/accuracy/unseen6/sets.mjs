// The sixth unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the library's Rng.
// Truths: exact sums for discrete data, 1-D/2-D quadrature for continuous channels, invariance for monotone maps.
import { rng } from "../unseen5/sets.mjs";
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z, s) => Math.exp(-0.5 * (z / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
function poisson(r, lam) { let k = 0, p = Math.exp(-lam), s = p; const u = r.u(); while (u > s) { k++; p *= lam / k; s += p; } return k; }
const poissonPmf = (lam, k) => Math.exp(-lam + k * Math.log(lam) - lgammaInt(k + 1));
function lgammaInt(m) { let s = 0; for (let i = 2; i < m; i++) s += Math.log(i); return s; }
const entropy = (ps) => ps.reduce((a, p) => (p > 0 ? a - p * Math.log(p) : a), 0);
const poissonEntropy = (lam) => entropy(Array.from({ length: 200 }, (_, k) => poissonPmf(lam, k)));
function binom(n, k) { let c = 1; for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1); return c; }
// X ~ Bin(10, 1/2), Y | X ~ Bin(X + 2, 0.7): I = H(Y) − H(Y|X)
function binomialTruth() {
  const px = Array.from({ length: 11 }, (_, k) => binom(10, k) / 1024);
  const py = new Array(13).fill(0); let hyx = 0;
  for (let x = 0; x <= 10; x++) { const m = x + 2; const c = Array.from({ length: m + 1 }, (_, k) => binom(m, k) * 0.7 ** k * 0.3 ** (m - k)); hyx += px[x] * entropy(c); c.forEach((p, k) => (py[k] += px[x] * p)); }
  return entropy(py) - hyx;
}
// die X, Y = X with probability q, else another fair die
const diceTruth = (q) => { const same = q + (1 - q) / 6, other = (1 - q) / 6; return Math.log(6) - entropy([same, ...Array(5).fill(other)]); };
// binary X (p = ½), Y = ±mu + N(0, 1): h(Y) − h(N)
function binaryShiftTruth(mu) { let h = 0; const d = 0.001; for (let y = -mu - 12; y <= mu + 12; y += d) { const p = 0.5 * (phi(y - mu, 1) + phi(y + mu, 1)); if (p > 0) h -= p * Math.log(p) * d; } return h - 0.5 * Math.log(2 * Math.PI * Math.E); }
// Y = floor(2X), X ~ N(0, 1): I = H(Y)
function normalCdf(z) { const t = 1 / (1 + 0.2316419 * Math.abs(z)); const d = 0.3989422804014327 * Math.exp(-z * z / 2); const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429)))); return z > 0 ? 1 - p : p; }
function floorTruth(scale) { const ps = []; for (let k = -40; k < 40; k++) ps.push(normalCdf((k + 1) / scale) - normalCdf(k / scale)); return entropy(ps); }
// y = sin(w·x) + s·N, x ~ U(0, 1): h(Y) − h(N)
function sinTruth(w, s) { const U = 4000; const pY = (y) => { let a = 0; for (let j = 0; j < U; j++) a += phi(y - Math.sin(w * (j + 0.5) / U), s); return a / U; }; let h = 0; const lo = -1 - 10 * s, hi = 1 + 10 * s, m = 3000, d = (hi - lo) / m; for (let i = 0; i < m; i++) { const p = pY(lo + (i + 0.5) * d); if (p > 0) h -= p * Math.log(p) * d; } return h - 0.5 * Math.log(2 * Math.PI * Math.E * s * s); }
// ring: θ ~ U(0, 2π), x = cos θ + s·N, y = sin θ + s·N: 2-D quadrature of p log p/(p_x p_y)
function ringTruth(s) {
  const T = 720, m = 400, lo = -1 - 8 * s, hi = 1 + 8 * s, d = (hi - lo) / m;
  const grid = Array.from({ length: m }, (_, i) => lo + (i + 0.5) * d);
  const cs = Array.from({ length: T }, (_, j) => Math.cos(2 * Math.PI * (j + 0.5) / T)), sn = cs.map((_, j) => Math.sin(2 * Math.PI * (j + 0.5) / T));
  const px = grid.map((x) => { let a = 0; for (let j = 0; j < T; j++) a += phi(x - cs[j], s); return a / T; });
  const fx = grid.map((x) => cs.map((c) => phi(x - c, s))), fy = grid.map((y) => sn.map((c) => phi(y - c, s)));
  let I = 0;
  for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) { let p = 0; for (let j = 0; j < T; j++) p += fx[i][j] * fy[k][j]; p /= T; if (p > 0) I += p * Math.log(p / (px[i] * px[k])) * d * d; }
  return I;
}
// heteroscedastic: y = x + σ(x)·N, σ(x) = 0.1 + 0.5|x|, x ~ N(0, 1)
function heteroTruth() { const sig = (x) => 0.1 + 0.5 * Math.abs(x); const m = 4000, lo = -8, hi = 8, d = (hi - lo) / m; let hyx = 0; const xs = []; for (let i = 0; i < m; i++) { const x = lo + (i + 0.5) * d; xs.push(x); hyx += phi(x, 1) * d * 0.5 * Math.log(2 * Math.PI * Math.E * sig(x) ** 2); } let hy = 0; const my = 4000, ylo = -14, yhi = 14, dy = (yhi - ylo) / my; for (let k = 0; k < my; k++) { const y = ylo + (k + 0.5) * dy; let p = 0; for (const x of xs) p += phi(x, 1) * phi(y - x, sig(x)) * d; if (p > 0) hy -= p * Math.log(p) * dy; } return hy - hyx; }
const monotoneOutlier = (v) => (Math.abs(v) > 2.326 ? v * 1e3 : v); // the top and bottom 1 % pushed to ~1e3, injective: MI unchanged
let cache = {};
const once = (k, f) => () => (cache[k] ??= f());
export const SETS = [
  { name: "poisson-channel", truth: once("pc", () => poissonEntropy(5) - poissonEntropy(2)), sample: (s) => { const r = rng(1100 + s); return many(1000, () => { const a = poisson(r, 3); return [a, a + poisson(r, 2)]; }); } },
  { name: "binomial-thinning", truth: once("bt", binomialTruth), sample: (s) => { const r = rng(1200 + s); return many(1000, () => { let a = 0; for (let i = 0; i < 10; i++) a += r.u() < 0.5; let b = 0; for (let i = 0; i < a + 2; i++) b += r.u() < 0.7; return [a, b]; }); } },
  { name: "dice-q0.5", truth: () => diceTruth(0.5), sample: (s) => { const r = rng(1300 + s); return many(600, () => { const a = 1 + r.int(6); return [a, r.u() < 0.5 ? a : 1 + r.int(6)]; }); } },
  { name: "binary-x-shift1", truth: once("bx", () => binaryShiftTruth(1)), sample: (s) => { const r = rng(1400 + s); return many(1000, () => { const a = r.u() < 0.5 ? 1 : 0; return [a, (a ? 1 : -1) + r.normal()]; }); } },
  { name: "floor-2x-of-normal", truth: once("fl", () => floorTruth(2)), sample: (s) => { const r = rng(1500 + s); return many(1000, () => { const a = r.normal(); return [a, Math.floor(2 * a)]; }); } },
  { name: "y-equals-x", truth: () => Infinity, sample: (s) => { const r = rng(1600 + s); return many(1000, () => { const a = r.normal(); return [a, a]; }); } },
  { name: "x-plus-1e-6-noise", truth: () => 0.5 * Math.log(1 + 1e12), sample: (s) => { const r = rng(1700 + s); return many(1000, () => { const a = r.normal(); return [a, a + 1e-6 * r.normal()]; }); } },
  { name: "sin-8x-s0.1", truth: once("s8", () => sinTruth(8, 0.1)), sample: (s) => { const r = rng(1800 + s); return many(1000, () => { const a = r.u(); return [a, Math.sin(8 * a) + 0.1 * r.normal()]; }); } },
  { name: "ring-s0.1", truth: once("ring", () => ringTruth(0.1)), sample: (s) => { const r = rng(1900 + s); return many(1000, () => { const t = 2 * Math.PI * r.u(); return [Math.cos(t) + 0.1 * r.normal(), Math.sin(t) + 0.1 * r.normal()]; }); } },
  { name: "heteroscedastic", truth: once("het", heteroTruth), sample: (s) => { const r = rng(2000 + s); return many(1000, () => { const a = r.normal(); return [a, a + (0.1 + 0.5 * Math.abs(a)) * r.normal()]; }); } },
  { name: "outliers-1pct-1e3", truth: () => gaussI(0.6), sample: (s) => { const r = rng(2100 + s); return many(1000, () => gpair(r, 0.6).map(monotoneOutlier)); } },
  { name: "scales-1e-8-1e8", truth: () => gaussI(0.7), sample: (s) => { const r = rng(2200 + s); return many(1000, () => { const [a, b] = gpair(r, 0.7); return [1e-8 * a, 1e8 * b]; }); } },
  { name: "constant-column", truth: () => gaussI(0.8), sample: (s) => { const r = rng(2300 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [[a, 5], b]; }); } },
  { name: "shuffled-rows", truth: () => 0, sample: (s) => { const r = rng(2400 + s); const d = many(1000, () => gpair(r, 0.9)); for (let i = d.y.length - 1; i > 0; i--) { const j = r.int(i + 1); [d.y[i], d.y[j]] = [d.y[j], d.y[i]]; } return d; } },
  { name: "x50-n200", truth: () => gaussI(0.8), sample: (s) => { const r = rng(2500 + s); return many(200, () => { const [a, b] = gpair(r, 0.8); return [[a, ...Array.from({ length: 49 }, () => r.normal())], b]; }); } },
  { name: "n20-rho0.9", truth: () => gaussI(0.9), sample: (s) => { const r = rng(2600 + s); return many(20, () => gpair(r, 0.9)); } },
  { name: "n100000-rho0.5", truth: () => gaussI(0.5), sample: (s) => { const r = rng(2700 + s); return many(100000, () => gpair(r, 0.5)); } },
  { name: "rows-thrice-rho0.7", truth: () => gaussI(0.7), sample: (s) => { const r = rng(2800 + s); const d = many(400, () => gpair(r, 0.7)); return { x: [...d.x, ...d.x, ...d.x], y: [...d.y, ...d.y, ...d.y] }; } },
];
// labels copied into a continuous side, and copies of discrete data
const labelsEntropy = (k) => Math.log(k);
export const SETS2 = [
  { name: "labels10-plus-1e-6", truth: () => labelsEntropy(10), sample: (s) => { const r = rng(3100 + s); return many(1000, () => { const a = r.int(10); return [a, a + 1e-6 * r.normal()]; }); } },
  { name: "labels10-plus-0.05", truth: once("l10", () => { const sg = 0.05; let h = 0; const d = 0.0005; for (let y = -1; y <= 10; y += d) { let p = 0; for (let k = 0; k < 10; k++) p += phi(y - k, sg) / 10; if (p > 0) h -= p * Math.log(p) * d; } return h - 0.5 * Math.log(2 * Math.PI * Math.E * sg * sg); }), sample: (s) => { const r = rng(3200 + s); return many(1000, () => { const a = r.int(10); return [a, a + 0.05 * r.normal()]; }); } },
  { name: "labels50-copy", truth: () => labelsEntropy(50), sample: (s) => { const r = rng(3300 + s); return many(1000, () => { const a = r.int(50); return [a, a]; }); } },
  { name: "poisson10-copy", truth: once("p10", () => poissonEntropy(10)), sample: (s) => { const r = rng(3400 + s); return many(1000, () => { const a = poisson(r, 10); return [a, a]; }); } },
  { name: "binary-copy-plus-noise", truth: () => Math.log(2), sample: (s) => { const r = rng(3500 + s); return many(1000, () => { const a = r.int(2); return [a, 5 * a + 0.1 * r.normal()]; }); } },
  { name: "dice-sum-pair", truth: () => { // X = (d1, d2), Y = d1 + d2: I = H(Y)
      const ps = Array(11).fill(0); for (let a = 1; a <= 6; a++) for (let b = 1; b <= 6; b++) ps[a + b - 2] += 1 / 36; return entropy(ps); }, sample: (s) => { const r = rng(3600 + s); return many(1000, () => { const a = 1 + r.int(6), b = 1 + r.int(6); return [[a, b], a + b]; }); } },
  { name: "poisson-rate-of-x", truth: once("prx", () => { // X ~ U(0, 1), Y ~ Poisson(1 + 9X): I = H(Y) − E H(Poisson(1 + 9X))
      const m = 2000; const py = new Array(80).fill(0); let hyx = 0; for (let i = 0; i < m; i++) { const lam = 1 + 9 * (i + 0.5) / m; const c = Array.from({ length: 80 }, (_, k) => poissonPmf(lam, k)); hyx += entropy(c) / m; c.forEach((p, k) => (py[k] += p / m)); } return entropy(py) - hyx; }), sample: (s) => { const r = rng(3700 + s); return many(1000, () => { const a = r.u(); return [a, poisson(r, 1 + 9 * a)]; }); } },
];
// columns that repeat or combine others, binary and integer columns beside continuous ones
export const SETS3 = [
  { name: "x-two-equal-columns", truth: () => gaussI(0.8), sample: (s) => { const r = rng(4100 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [[a, a], b]; }); } },
  { name: "x-scaled-copy-column", truth: () => gaussI(0.8), sample: (s) => { const r = rng(4200 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [[a, -3 * a + 1], b]; }); } },
  { name: "x-sum-column-3x1", truth: () => gaussI(0.8 / Math.SQRT2), // X is (a + c, e) again: I(a + c ∧ b)
    sample: (s) => { const r = rng(4300 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); const c = r.normal(), e = r.normal(); return [[a + c, e, a + c + e], b]; }); } },
  { name: "y-copy-of-x-column-2x2", truth: () => Infinity, sample: (s) => { const r = rng(4400 + s); return many(1000, () => { const a = r.normal(), c = r.normal(); return [[a, c], [c, r.normal()]]; }); } },
  { name: "x-binary-plus-gauss-2x1", truth: () => gaussI(0.7) + Math.log(2) * 0, sample: (s) => { const r = rng(4500 + s); return many(1000, () => { const [a, b] = gpair(r, 0.7); return [[a, r.int(2)], b]; }); } },
];
// large samples of discrete and mixed data (time and memory)
export const SETS4 = [
  { name: "poisson-channel-n100000", truth: once("pc", () => poissonEntropy(5) - poissonEntropy(2)), sample: (s) => { const r = rng(5100 + s); return many(100000, () => { const a = poisson(r, 3); return [a, a + poisson(r, 2)]; }); } },
  { name: "binary-x-shift1-n100000", truth: once("bx", () => binaryShiftTruth(1)), sample: (s) => { const r = rng(5200 + s); return many(100000, () => { const a = r.u() < 0.5 ? 1 : 0; return [a, (a ? 1 : -1) + r.normal()]; }); } },
];
