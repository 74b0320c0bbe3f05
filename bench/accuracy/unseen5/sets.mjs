// The fifth unseen probe's sets, drawn by a generator of their own (mulberry32, Box–Muller), not the library's Rng; truths in closed form, by 1-D/2-D quadrature, or (Clayton) Monte Carlo over 2·10⁶ draws.
// own seeded generator, independent of the library's Rng
export function rng(seed) {
  let a = (seed * 2654435761 + 0x9e3779b9) >>> 0;
  const u = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296; };
  let spare;
  const normal = () => { if (spare !== undefined) { const s = spare; spare = undefined; return s; } const r = Math.sqrt(-2 * Math.log(u())), th = 2 * Math.PI * u(); spare = r * Math.sin(th); return r * Math.cos(th); };
  return { u, normal, int: (k) => Math.floor(u() * k) };
}
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z, s) => Math.exp(-0.5 * (z / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
function entropyOnGrid(p, lo, hi, m) { const h = (hi - lo) / m; let s = 0; for (let i = 0; i <= m; i++) { const v = p(lo + i * h); if (v > 0) s -= v * Math.log(v) * h; } return s; }
function sinTruth(sigma) {
  const U = 2000; const pY = (y) => { let s = 0; for (let j = 0; j < U; j++) s += phi(y - Math.sin(2 * Math.PI * (j + 0.5) / U), sigma); return s / U; };
  return entropyOnGrid(pY, -1 - 10 * sigma, 1 + 10 * sigma, 4000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
}
function scaleOnlyTruth(sig) {
  const pY = (y) => sig.reduce((a, s) => a + phi(y, s), 0) / sig.length;
  // piecewise grid: fine near 0
  let h = 0; const seg = [[-120, -2, 200000], [-2, 2, 400000], [2, 120, 200000]];
  for (const [lo, hi, m] of seg) { const d = (hi - lo) / m; for (let i = 0; i < m; i++) { const v = pY(lo + (i + 0.5) * d); if (v > 0) h -= v * Math.log(v) * d; } }
  return h - sig.reduce((a, s) => a + 0.5 * Math.log(2 * Math.PI * Math.E * s * s), 0) / sig.length;
}
function claytonSample(r, theta) { const u = r.u(), w = r.u(); const v = Math.pow(Math.pow(u, -theta) * (Math.pow(w, -theta / (1 + theta)) - 1) + 1, -1 / theta); return [u, v]; }
function claytonLogC(u, v, t) { return Math.log(1 + t) + (-1 - t) * (Math.log(u) + Math.log(v)) + (-1 / t - 2) * Math.log(Math.pow(u, -t) + Math.pow(v, -t) - 1); }
function claytonTruth(theta) { const r = rng(999); let s = 0, s2 = 0; const N = 2_000_000; for (let i = 0; i < N; i++) { const [u, v] = claytonSample(r, theta); const l = claytonLogC(u, v, theta); s += l; s2 += l * l; } return { mean: s / N, se: Math.sqrt((s2 / N - (s / N) ** 2) / N) }; }
// inverse normal CDF (Acklam)
export function probit(p) { const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239], b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155211439], c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783], d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]; const pl = 0.02425; let q, r; if (p < pl) { q = Math.sqrt(-2 * Math.log(p)); return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1); } if (p <= 1 - pl) { q = p - 0.5; r = q * q; return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1); } q = Math.sqrt(-2 * Math.log(1 - p)); return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1); }
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const rhoSmall = Math.sqrt(1 - Math.exp(-0.01));
let clay;
export const SETS = [
  { name: "smallmi-n20000", truth: () => 0.005, sample: (s) => { const r = rng(100 + s); return many(20000, () => gpair(r, rhoSmall)); } },
  { name: "clayton3-normal", truth: () => (clay ??= claytonTruth(3)).mean, sample: (s) => { const r = rng(200 + s); return many(2000, () => claytonSample(r, 3).map(probit)); } },
  { name: "sin-k20", truth: () => sinTruth(0.1), sample: (s) => { const r = rng(300 + s); return many(2000, () => { const x = r.u(); return [x, Math.sin(2 * Math.PI * 20 * x) + 0.1 * r.normal()]; }); } },
  { name: "sin-k60", truth: () => sinTruth(0.1), sample: (s) => { const r = rng(400 + s); return many(2000, () => { const x = r.u(); return [x, Math.sin(2 * Math.PI * 60 * x) + 0.1 * r.normal()]; }); } },
  { name: "scale-only-3class", truth: () => scaleOnlyTruth([0.1, 1, 10]), sample: (s) => { const r = rng(500 + s); const sg = [0.1, 1, 10]; return many(1000, () => { const c = r.int(3); return [c, sg[c] * r.normal()]; }); } },
  { name: "copy-n60", truth: () => 0.5 * Math.log(1 + 1e6), sample: (s) => { const r = rng(600 + s); return many(60, () => { const a = r.normal(); return [a, a + 1e-3 * r.normal()]; }); } },
  { name: "far-clusters", truth: () => Math.log(2) + gaussI(0.9), sample: (s) => { const r = rng(700 + s); return many(1000, () => { const b = r.int(2); const [a, c] = gpair(r, b ? -0.9 : 0.9); return [a + 1e4 * b, c + 1e4 * b]; }); } },
  { name: "scales-1e200", truth: () => gaussI(0.8), sample: (s) => { const r = rng(800 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [1e-200 * a, 1e200 * b]; }); } },
  { name: "labels500-n400", truth: () => Math.log(500), sample: (s) => { const r = rng(900 + s); return many(400, () => { const c = r.int(500); return [c, c + 0.01 * r.normal()]; }); } },
];
const sinSet = (k, sigma, n, base) => ({ name: `sin-k${k}-s${sigma}-n${n}`, truth: () => sinTruth(sigma), sample: (s) => { const r = rng(base + s); return many(n, () => { const x = r.u(); return [x, Math.sin(2 * Math.PI * k * x) + sigma * r.normal()]; }); } });
function xShapeTruth(sigma) {
  // Y = S·X + σZ: Y ~ N(0, 1 + σ²); h(Y|X=x) of ½N(x,σ²) + ½N(−x,σ²), averaged over x ~ N(0,1)
  const hY = 0.5 * Math.log(2 * Math.PI * Math.E * (1 + sigma * sigma));
  let hc = 0; const m = 2000, dx = 12 / m;
  for (let i = 0; i < m; i++) { const x = -6 + (i + 0.5) * dx; const w = phi(x, 1) * dx; const p = (y) => 0.5 * (phi(y - x, sigma) + phi(y + x, sigma)); hc += w * entropyOnGrid(p, -Math.abs(x) - 10 * sigma, Math.abs(x) + 10 * sigma, 2000); }
  return hY - hc;
}
export const SETS2 = [
  sinSet(3, 0.1, 1000, 1100), sinSet(5, 0.1, 1000, 1200), sinSet(8, 0.1, 1000, 1300), sinSet(12, 0.1, 2000, 1400),
  sinSet(3, 0.03, 1000, 1500), sinSet(5, 0.03, 2000, 1600),
  { name: "x-shape-0.05", truth: () => xShapeTruth(0.05), sample: (s) => { const r = rng(1700 + s); return many(2000, () => { const a = r.normal(); return [a, (r.u() < 0.5 ? -a : a) + 0.05 * r.normal()]; }); } },
  { name: "clayton3-n200", truth: () => (clay ??= claytonTruth(3)).mean, sample: (s) => { const r = rng(1800 + s); return many(200, () => claytonSample(r, 3).map(probit)); } },
  ...[25, 40, 60, 100].flatMap((n) => [0.6, 0.95].map((rho) => ({ name: `gauss-n${n}-rho${rho}`, truth: () => gaussI(rho), sample: (s) => { const r = rng(1900 + n * 10 + s); return many(n, () => gpair(r, rho)); } }))),
];
function radialTruth(d, sigma) {
  // y = |x| + σz, x ~ N(0, I_d): |x| is chi with d degrees of freedom
  const logGammaHalf = (k) => { let v = k / 2, r = 0; while (v > 1.5) { v -= 1; r += Math.log(v); } return r + (v === 1 ? 0 : 0.5 * Math.log(Math.PI)); };
  const chi = (r) => (r <= 0 ? 0 : Math.exp((d - 1) * Math.log(r) - r * r / 2 - (d / 2 - 1) * Math.log(2) - logGammaHalf(d)));
  const m = 3000, lo = 0, hi = Math.sqrt(d) + 8; const dr = (hi - lo) / m;
  const pY = (y) => { let s = 0; for (let i = 0; i < m; i++) { const r = lo + (i + 0.5) * dr; s += chi(r) * phi(y - r, sigma) * dr; } return s; };
  return entropyOnGrid(pY, -10 * sigma, hi + 10 * sigma, 3000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
}
const radial = (d, sigma, n, base) => ({ name: `radial-${d}x1-s${sigma}`, truth: () => radialTruth(d, sigma), sample: (s) => { const r = rng(base + s); return many(n, () => { const x = Array.from({ length: d }, () => r.normal()); return [x, Math.hypot(...x) + sigma * r.normal()]; }); } });
export const SETS3 = [
  radial(2, 0.1, 2000, 2100), radial(3, 0.1, 2000, 2200), radial(2, 0.5, 1000, 2300), radial(5, 0.2, 2000, 2400),
  { name: "huge-1e305", truth: () => gaussI(0.8), sample: (s) => { const r = rng(2500 + s); return many(1000, () => gpair(r, 0.8).map((v) => 1e305 * v)); } },
  { name: "subnormal-1e-315", truth: () => gaussI(0.8), sample: (s) => { const r = rng(2600 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [1e-315 * a, b]; }); } },
  { name: "outlier-rows-1e8", truth: () => 0.99 * gaussI(0.8), sample: (s) => { const r = rng(2700 + s); return many(2000, () => { const [a, b] = gpair(r, 0.8); return r.u() < 0.01 ? [1e8 * (1 + r.normal()), r.normal()] : [a, b]; }); } },
];
export const SETS4 = [
  { name: "clayton3-n500", truth: () => (clay ??= claytonTruth(3)).mean, sample: (s) => { const r = rng(3100 + s); return many(500, () => claytonSample(r, 3).map(probit)); } },
  { name: "clayton3-uniform-n1000", truth: () => (clay ??= claytonTruth(3)).mean, sample: (s) => { const r = rng(3200 + s); return many(1000, () => claytonSample(r, 3)); } },
  { ...radial(2, 0.5, 1000, 3300), name: "radial-2x1-s0.5-b" },
];
// Y = f(A) + σZ with A ~ N(0, I): I = h(Y) − h(σZ); p_Y by Gauss–Hermite-free grid quadrature over A
function additiveTruth(f, dims, sigma, lo, hi) {
  const m = dims === 1 ? 20000 : 500, w = 16 / m; const pts = []; 
  if (dims === 1) for (let i = 0; i < m; i++) { const a = -8 + (i + 0.5) * w; pts.push([f([a]), phi(a, 1) * w]); }
  else for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) { const a = -8 + (i + 0.5) * w, b = -8 + (j + 0.5) * w; const wt = phi(a, 1) * phi(b, 1) * w * w; if (wt > 1e-14) pts.push([f([a, b]), wt]); }
  // histogram the values of f finely, then convolve with the noise
  const bins = 4000, fl = lo - 0.01, fh = hi + 0.01, bw = (fh - fl) / bins; const hist = new Float64Array(bins);
  for (const [v, wt] of pts) hist[Math.min(bins - 1, Math.max(0, Math.floor((v - fl) / bw)))] += wt;
  const pY = (y) => { let s = 0; for (let k = 0; k < bins; k++) if (hist[k] > 0) s += hist[k] * phi(y - (fl + (k + 0.5) * bw), sigma); return s; };
  return entropyOnGrid(pY, lo - 10 * sigma, hi + 10 * sigma, 3000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
}
export const SETS5 = [
  { name: "sincos3-2x1-s0.2", truth: () => additiveTruth(([a, b]) => Math.sin(3 * a) + Math.cos(3 * b), 2, 0.2, -2, 2), sample: (s) => { const r = rng(4100 + s); return many(2000, () => { const a = r.normal(), b = r.normal(); return [[a, b], Math.sin(3 * a) + Math.cos(3 * b) + 0.2 * r.normal()]; }); } },
  { name: "sincos2-2x1-s0.2", truth: () => additiveTruth(([a, b]) => Math.sin(2 * a) + Math.cos(2 * b), 2, 0.2, -2, 2), sample: (s) => { const r = rng(4200 + s); return many(2000, () => { const a = r.normal(), b = r.normal(); return [[a, b], Math.sin(2 * a) + Math.cos(2 * b) + 0.2 * r.normal()]; }); } },
  { name: "sin2-among-4noise-5x1", truth: () => additiveTruth(([a]) => Math.sin(2 * a), 1, 0.2, -1, 1), sample: (s) => { const r = rng(4300 + s); return many(2000, () => { const a = r.normal(); return [[a, r.normal(), r.normal(), r.normal(), r.normal()], Math.sin(2 * a) + 0.2 * r.normal()]; }); } },
  { name: "sin2-1x1-s0.2", truth: () => additiveTruth(([a]) => Math.sin(2 * a), 1, 0.2, -1, 1), sample: (s) => { const r = rng(4400 + s); return many(2000, () => { const a = r.normal(); return [a, Math.sin(2 * a) + 0.2 * r.normal()]; }); } },
];
const Phi = (z) => 0.5 * (1 + erf(z / Math.SQRT2));
function erf(x) { const t = 1 / (1 + 0.3275911 * Math.abs(x)); const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x); return x >= 0 ? y : -y; }
function uniformPlusNoiseTruth(sigma) { const pY = (y) => Phi(y / sigma) - Phi((y - 1) / sigma); return entropyOnGrid(pY, -10 * sigma, 1 + 10 * sigma, 200000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma); }
const upn = (sigma, n, base) => ({ name: `uniform-plus-${sigma}-n${n}`, truth: () => uniformPlusNoiseTruth(sigma), sample: (s) => { const r = rng(base + s); return many(n, () => { const a = r.u(); return [a, a + sigma * r.normal()]; }); } });
export const SETS6 = [upn(0.01, 1000, 6100), upn(0.001, 3000, 6200), upn(0.003, 1000, 6300),
  { name: "two-pairs-rho0.999-n100", truth: () => 2 * gaussI(0.999), sample: (s) => { const r = rng(6400 + s); return many(100, () => { const [a, b] = gpair(r, 0.999), [c, d] = gpair(r, 0.999); return [[a, c], [b, d]]; }); } },
];
