// The twenty-third unseen probe's sets: kinds no earlier probe used, aimed at strong dependences that are not additive in
// many columns (a selector column choosing one of 40, a sign gate of five ±1 columns, a sum of ten pairwise products, a
// sum of 40 squares, the median of 21 columns, the distance between two points in 5-D, a parity of six signs, the sign
// pattern of six columns as a code 0–63, the rank of one column among 20, the decile of a sum of squares, twenty binary
// gates on twenty normals) and a dependence only in the tails. Drawn by the fifth probe's generator (mulberry32 and
// Box–Muller), not the library's Rng. Every truth is exact: a closed form, an exact label entropy, or a 1-D quadrature
// (check-truths.mjs checks each against Monte Carlo).
import { rng } from "../unseen5/sets.mjs";
import { phi, Phi } from "../unseen21/sets.mjs";

export { rng, phi, Phi };
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const LN2PIE = Math.log(2 * Math.PI * Math.E);
export const normalEntropy = (sd) => 0.5 * (LN2PIE + 2 * Math.log(sd));
const normals = (r, d) => Array.from({ length: d }, () => r.normal());
const logFactorial = (k) => { let s = 0; for (let i = 2; i <= k; i++) s += Math.log(i); return s; };

/** −∫ p log p on a grid of midpoints */
export const gridEntropy = (p, lo, hi, m = 20000) => { const h = (hi - lo) / m; let H = 0; for (let i = 0; i < m; i++) { const v = p(lo + (i + 0.5) * h); if (v > 0) H -= v * Math.log(v) * h; } return H; };

/** The density of G + σN tabulated on [lo, hi] (G's density pG tabulated on m midpoints and convolved with the noise), as a
 * function interpolating linearly: y = G(x) + σN has I = h(G + σN) − h(σN). */
export function convolvedDensity(pG, lo, hi, sigma, m = 4000, grid = 4000) {
  const h = (hi - lo) / m, gs = [], ws = [];
  for (let i = 0; i < m; i++) { const v = lo + (i + 0.5) * h; gs.push(v); ws.push(pG(v) * h); }
  const ylo = lo - 10 * sigma, yhi = hi + 10 * sigma, gh = (yhi - ylo) / grid;
  const table = Array.from({ length: grid + 1 }, (_, j) => { const y = ylo + j * gh; let p = 0; for (let i = 0; i < m; i++) { const z = (y - gs[i]) / sigma; if (z > -10 && z < 10) p += ws[i] * phi(z) / sigma; } return p; });
  const p = (y) => { const t = (y - ylo) / gh, j = Math.floor(t); if (j < 0 || j >= grid) return 0; const f = t - j; return table[j] * (1 - f) + table[j + 1] * f; };
  return { p, lo: ylo, hi: yhi };
}
const noisyFunctionTruth = (pG, lo, hi, sigma) => { const d = convolvedDensity(pG, lo, hi, sigma); return gridEntropy(d.p, d.lo, d.hi, 40000) - normalEntropy(sigma); };

/** the sum of ten products of independent normal pairs plus σN: its characteristic function is (1 + t²)^−10/2 e^(−σ²t²/2),
 * inverted by a 1-D quadrature for the density on a grid */
export function sumOfProductsDensity(pairs, sigma, lo = -40, hi = 40, grid = 4000) {
  const T = 25, m = 12500, dt = T / m, cf = [];
  for (let k = 0; k < m; k++) { const t = (k + 0.5) * dt; cf.push((1 + t * t) ** (-pairs / 2) * Math.exp(-0.5 * sigma * sigma * t * t) * dt / Math.PI); }
  const gh = (hi - lo) / grid;
  const table = Array.from({ length: grid + 1 }, (_, j) => { const y = lo + j * gh; let p = 0; for (let k = 0; k < m; k++) p += cf[k] * Math.cos((k + 0.5) * dt * y); return Math.max(p, 0); });
  const p = (y) => { const t = (y - lo) / gh, j = Math.floor(t); if (j < 0 || j >= grid) return 0; const f = t - j; return table[j] * (1 - f) + table[j + 1] * f; };
  return { p, lo, hi };
}
export const sumOfProductsTruth = (pairs, sigma) => { const d = sumOfProductsDensity(pairs, sigma); return gridEntropy(d.p, d.lo, d.hi, 40000) - normalEntropy(sigma); };

/** chi-square density with k degrees of freedom */
export const chiSquareDensity = (k) => { const c = (k / 2) * Math.log(2) + logFactorial(k / 2 - 1); return (s) => (s <= 0 ? 0 : Math.exp((k / 2 - 1) * Math.log(s) - s / 2 - c)); };
/** chi-square CDF for an even k: 1 − e^(−s/2) Σ_{j<k/2} (s/2)^j / j! */
export const chiSquareCdfEven = (k) => (s) => { let term = 1, sum = 1; for (let j = 1; j < k / 2; j++) { term *= s / 2 / j; sum += term; } return 1 - Math.exp(-s / 2) * sum; };
/** the median of 2k + 1 standard normals: (2k + 1)!/(k!)² Φ^k (1 − Φ)^k φ */
export const medianDensity = (k) => { const c = logFactorial(2 * k + 1) - 2 * logFactorial(k); return (m) => Math.exp(c + k * Math.log(Phi(m)) + k * Math.log(1 - Phi(m))) * phi(m); };
/** |a − b| for a, b standard normal in d dimensions is √2 times a chi with d degrees of freedom */
export const distanceDensity = (d) => { const c = (d / 2 - 1) * Math.log(2) + logFactorial(d / 2 - 1); const lg = d % 2 ? lgammaHalf(d) : c; return (r) => { if (r <= 0) return 0; const u = r / Math.SQRT2; return Math.exp((d - 1) * Math.log(u) - u * u / 2 - lg) / Math.SQRT2; }; };
/** log(2^(d/2 − 1) Γ(d/2)) for an odd d */
function lgammaHalf(d) { let g = 0.5 * Math.log(Math.PI); for (let a = 0.5; a < d / 2 - 0.25; a += 1) g += Math.log(a); return (d / 2 - 1) * Math.log(2) + g; }

/** x ~ N(0, 1); y = x + σN where |x| > c and y an independent N(0, 1) elsewhere: p(y) by a 1-D quadrature, I by a quadrature
 * over x of a quadrature over y (the dependent part) plus the independent part's (1 − q)·∫ φ log(φ/p) */
export function tailOnlyDensity(c, sigma) {
  const lo = -9, hi = 9, m = 18000, h = (hi - lo) / m, q = 2 * (1 - Phi(c));
  const xs = []; for (let i = 0; i < m; i++) { const x = lo + (i + 0.5) * h; if (Math.abs(x) > c) xs.push(x); }
  const ylo = lo - 2, yhi = hi + 2, grid = 11000, gh = (yhi - ylo) / grid;
  const table = Array.from({ length: grid + 1 }, (_, j) => { const y = ylo + j * gh; let p = (1 - q) * phi(y); for (const x of xs) { const z = (y - x) / sigma; if (z > -10 && z < 10) p += phi(x) * h * phi(z) / sigma; } return p; });
  const p = (y) => { const t = (y - ylo) / gh, j = Math.floor(t); if (j < 0 || j >= grid) return 0; const f = t - j; return table[j] * (1 - f) + table[j + 1] * f; };
  return { p, q, xs, h };
}
export function tailOnlyTruth(c, sigma) {
  const { p, q, xs, h } = tailOnlyDensity(c, sigma);
  let I = 0;
  const hy = 0.0005; for (let y = -9 + hy / 2; y < 9; y += hy) I += (1 - q) * phi(y) * Math.log(phi(y) / p(y)) * hy;
  const k = 400, dz = 20 / k;
  for (const x of xs) { let inner = 0; for (let t = 0; t < k; t++) { const z = -10 + (t + 0.5) * dz, py = phi(z) / sigma; inner += phi(z) * dz * Math.log(py / p(x + sigma * z)); } I += phi(x) * h * inner; }
  return I;
}

export const SIGMA = 0.1;
const SELECTOR_TRUTH = 0.5 * Math.log((1 + SIGMA * SIGMA) / (SIGMA * SIGMA));
const signOf = (r) => (r.u() < 0.5 ? -1 : 1);
const ssDecile = chiSquareCdfEven(10);

export const SETS = [
  // a selector column k ∈ {0, …, 39} (whole numbers) beside 40 normal columns, y = the k-th of them + 0.1 noise: y's law is
  // N(0, 1.01) whatever k, so I = ½ log(1.01/0.01) = 2.308; no single column carries it
  { name: "selector-column-k-of-40-y-column-k-plus-0.1noise-41x1-n1000", truth: SELECTOR_TRUTH, sample: (seed, n = 1000) => { const r = rng(2301000 + seed); return many(n, () => { const k = r.int(40), v = normals(r, 40); return [[k, ...v], v[k] + SIGMA * r.normal()]; }); } },
  // five ±1 sign columns and a normal z, y = z · (product of the signs) + 0.1 noise: an interaction of order six, I = 2.308
  { name: "sign-gate-of-5-plus-minus-1-columns-times-z-plus-0.1noise-6x1-n1000", truth: SELECTOR_TRUTH, sample: (seed, n = 1000) => { const r = rng(2302000 + seed); return many(n, () => { const s = Array.from({ length: 5 }, () => signOf(r)), z = r.normal(); return [[...s, z], z * s.reduce((a, v) => a * v, 1) + SIGMA * r.normal()]; }); } },
  // y = x1·x2 + x3·x4 + … + x19·x20 + 0.3 noise: ten pairwise interactions, no main effect
  { name: "sum-of-10-pairwise-products-plus-0.3noise-20x1-n1000", truth: () => sumOfProductsTruth(10, 0.3), sample: (seed, n = 1000) => { const r = rng(2303000 + seed); return many(n, () => { const v = normals(r, 20); let s = 0; for (let k = 0; k < 20; k += 2) s += v[k] * v[k + 1]; return [v, s + 0.3 * r.normal()]; }); } },
  // y = Σ of the squares of 40 columns + unit noise (chi-square 40): every column matters, none linearly
  { name: "sum-of-squares-of-40-columns-plus-noise-40x1-n1000", truth: () => noisyFunctionTruth(chiSquareDensity(40), 0, 140, 1), sample: (seed, n = 1000) => { const r = rng(2304000 + seed); return many(n, () => { const v = normals(r, 40); return [v, v.reduce((a, u) => a + u * u, 0) + r.normal()]; }); } },
  // y = the median of 21 columns + 0.05 noise: an order statistic that moves with every column a little
  { name: "median-of-21-columns-plus-0.05noise-21x1-n1000", truth: () => noisyFunctionTruth(medianDensity(10), -2.5, 2.5, 0.05), sample: (seed, n = 1000) => { const r = rng(2305000 + seed); return many(n, () => { const v = normals(r, 21); return [v, [...v].sort((a, b) => a - b)[10] + 0.05 * r.normal()]; }); } },
  // x two points a, b in 5-D (10 columns), y = their distance |a − b| + 0.1 noise (√2 times a chi with 5 degrees of freedom)
  { name: "distance-between-two-points-in-5d-plus-0.1noise-10x1-n1000", truth: () => noisyFunctionTruth(distanceDensity(5), 0, 10, 0.1), sample: (seed, n = 1000) => { const r = rng(2306000 + seed); return many(n, () => { const v = normals(r, 10); let s = 0; for (let k = 0; k < 5; k++) s += (v[k] - v[k + 5]) ** 2; return [v, Math.sqrt(s) + 0.1 * r.normal()]; }); } },
  // y = the parity of the number of negative columns among 6 (0/1): a function of x, I = log 2, invisible to any 5 columns
  { name: "parity-of-signs-of-6-columns-label-6x1-n1000", truth: Math.log(2), sample: (seed, n = 1000) => { const r = rng(2307000 + seed); return many(n, () => { const v = normals(r, 6); return [v, v.filter((u) => u < 0).length % 2]; }); } },
  // y = the sign pattern of 6 columns as a code 0–63 (Σ [x_k > 0] 2^k): a function of x, uniform, I = 6 log 2 = 4.159
  { name: "sign-pattern-of-6-columns-as-code-0-63-6x1-n1000", truth: 6 * Math.log(2), sample: (seed, n = 1000) => { const r = rng(2308000 + seed); return many(n, () => { const v = normals(r, 6); return [v, v.reduce((a, u, k) => a + (u > 0 ? 2 ** k : 0), 0)]; }); } },
  // y = the rank of column 0 among 20 (how many of the other 19 are below it, 0–19): uniform, a function of x, I = log 20
  { name: "rank-of-column-0-among-20-label-0-19-20x1-n1000", truth: Math.log(20), sample: (seed, n = 1000) => { const r = rng(2309000 + seed); return many(n, () => { const v = normals(r, 20); return [v, v.filter((u) => u < v[0]).length]; }); } },
  // y = the decile (0–9) of the sum of squares of 10 columns under its chi-square-10 law: uniform, I = log 10
  { name: "decile-of-sum-of-squares-of-10-columns-label-10x1-n1000", truth: Math.log(10), sample: (seed, n = 1000) => { const r = rng(2310000 + seed); return many(n, () => { const v = normals(r, 10); return [v, Math.min(9, Math.floor(10 * ssDecile(v.reduce((a, u) => a + u * u, 0))))]; }); } },
  // twenty 0/1 gate columns and twenty normals (mixed column types), y = Σ gate_k · z_k + 0.3 noise: given m open gates
  // y ~ N(0, m + 0.09), m ~ Bin(20, ½); I = h(that 21-normal mixture) − h(0.3 N), a 1-D quadrature
  { name: "twenty-binary-gates-times-twenty-normals-plus-0.3noise-40x1-n1000", truth: () => gatedSumTruth(20, 0.3), sample: (seed, n = 1000) => { const r = rng(2311000 + seed); return many(n, () => { const g = Array.from({ length: 20 }, () => (r.u() < 0.5 ? 1 : 0)), z = normals(r, 20); return [[...g, ...z], g.reduce((a, b, k) => a + b * z[k], 0) + 0.3 * r.normal()]; }); } },
  // dependence only in the tails: y = x + 0.1 noise where |x| > 2 (4.6 % of rows), an independent N(0, 1) elsewhere
  { name: "dependence-only-where-abs-x-above-2-y-x-plus-0.1noise-else-independent-n1000", truth: () => tailOnlyTruth(2, 0.1), sample: (seed, n = 1000) => { const r = rng(2312000 + seed); return many(n, () => { const x = r.normal(), e = r.normal(); return [x, Math.abs(x) > 2 ? x + 0.1 * e : e]; }); } },
];

export function gatedSumTruth(d, sigma) {
  const logBinom = (m) => logFactorial(d) - logFactorial(m) - logFactorial(d - m) - d * Math.log(2);
  const w = Array.from({ length: d + 1 }, (_, m) => Math.exp(logBinom(m))), sd = w.map((_, m) => Math.sqrt(m + sigma * sigma));
  const p = (y) => w.reduce((a, wm, m) => a + wm * phi(y / sd[m]) / sd[m], 0);
  return gridEntropy(p, -40, 40, 80000) - normalEntropy(sigma);
}
