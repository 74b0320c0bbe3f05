// The twenty-seventh unseen probe's sets: the families a published benchmark scores a library on that no earlier probe
// had (a low-dimensional Gaussian latent pair embedded into 16, 32 and 64 observed columns a side by a random linear map
// plus small independent noise, the same latent through a fixed random invertible 2-layer leaky network, one task at
// n = 100, 300, 3000 and 10 000, 9.3 nats over eight strongly correlated pairs, features against one of 10 class labels in
// 2 and 10 dimensions, a point uniform on a disk against its noisy angle, a mixture of 12 Gaussian components in 3 × 3,
// a Gaussian against its noisy reading quantised to 3 levels). Drawn by the fifth probe's generator (mulberry32 and
// Box–Muller). Truths: a Gaussian log-determinant, an injective map's invariance, 1-D quadratures, or a Monte Carlo mean
// of log p(y | x)/p(y) on 400 000 draws of a seed of its own (check-truths.mjs checks each a second way).
import { rng } from "../unseen5/sets.mjs";

export { rng };
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
export const gaussI = (rho) => -0.5 * Math.log(1 - rho * rho);
export const normalDensity = (v, sd) => Math.exp(-0.5 * (v / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
const normalEntropy = (sd) => 0.5 * Math.log(2 * Math.PI * Math.E * sd * sd);

/** a matrix of independent N(0, scale²) entries, rows × cols, from its own seed */
export const randomMatrix = (seed, rows, cols, scale) => { const r = rng(seed); return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * r.normal())); };
const times = (m, v) => m.map((row) => row.reduce((a, w, j) => a + w * v[j], 0));

/** k pairs (u_i, v_i) of correlation ρ */
const latentPairs = (r, k, rho) => { const u = [], v = []; for (let i = 0; i < k; i++) { const a = r.normal(); u.push(a); v.push(rho * a + Math.sqrt(1 - rho * rho) * r.normal()); } return [u, v]; };

/** log det of a symmetric positive definite matrix (Cholesky) */
export function logDet(m) {
  const n = m.length, L = m.map((row) => row.slice());
  let s = 0;
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < j; k++) L[j][j] -= L[j][k] * L[j][k];
    if (!(L[j][j] > 0)) throw new Error("logDet: not positive definite");
    L[j][j] = Math.sqrt(L[j][j]);
    s += 2 * Math.log(L[j][j]);
    for (let i = j + 1; i < n; i++) { for (let k = 0; k < j; k++) L[i][j] -= L[i][k] * L[j][k]; L[i][j] /= L[j][j]; }
  }
  return s;
}

/**
 * x = A u + σe, y = B v + σe' with k latent pairs of correlation ρ, A and B D × k: I = ½(log det Σx + log det Σy − log det Σ),
 * the covariances of the observed columns written out in full.
 */
export function embeddedTruth({ k, rho, dims, noise, seedA, seedB }) {
  const A = randomMatrix(seedA, dims, k, 1 / Math.sqrt(k)), B = randomMatrix(seedB, dims, k, 1 / Math.sqrt(k));
  const cov = (P, Q, c) => P.map((p) => Q.map((q) => p.reduce((a, w, i) => a + w * q[i] * c, 0)));
  const sx = cov(A, A, 1), sy = cov(B, B, 1), sxy = cov(A, B, rho);
  for (let i = 0; i < dims; i++) { sx[i][i] += noise * noise; sy[i][i] += noise * noise; }
  const joint = [...sx.map((row, i) => [...row, ...sxy[i]]), ...sy.map((row, i) => [...sxy.map((r) => r[i]), ...row])];
  return 0.5 * (logDet(sx) + logDet(sy) - logDet(joint));
}
export const EMBEDDINGS = [16, 32, 64].map((dims) => ({ k: 2, rho: 0.8, dims, noise: 0.1, seedA: 2700 + dims, seedB: 2750 + dims }));
/** the 64-column embedding with noise 3 on every column: each column's signal is an sd of about 0.7 under noise of 3 */
export const THIN = { ...EMBEDDINGS[2], noise: 3 };
/** two latent pairs embedded into 64 columns, then a fixed random leaky network of 64 × 64 weights */
export const WIDE_LEAKY = { k: 2, rho: 0.8, dims: 64 };
function embeddedSample(e, seed) {
  const r = rng(2710000 + 1000 * e.dims + (e.noise > 1 ? 500 : 0) + seed);
  const A = randomMatrix(e.seedA, e.dims, e.k, 1 / Math.sqrt(e.k)), B = randomMatrix(e.seedB, e.dims, e.k, 1 / Math.sqrt(e.k));
  return many(1000, () => { const [u, v] = latentPairs(r, e.k, e.rho); return [times(A, u).map((t) => t + e.noise * r.normal()), times(B, v).map((t) => t + e.noise * r.normal())]; });
}

/** a fixed random 2-layer network of square weights and leaky units (slope 0.2): invertible, so the MI is unchanged */
export const LEAKY = { k: 4, rho: 0.8, dims: 16, slope: 0.2 };
const leaky = (t) => (t > 0 ? t : LEAKY.slope * t);
export function leakyNetwork(seed, { k, dims } = LEAKY) {
  const E = randomMatrix(seed, dims, k, 1 / Math.sqrt(k)), W1 = randomMatrix(seed + 1, dims, dims, 1 / Math.sqrt(dims)), W2 = randomMatrix(seed + 2, dims, dims, 1 / Math.sqrt(dims));
  const b = randomMatrix(seed + 3, 2, dims, 0.5);
  return (u) => times(W2, times(W1, times(E, u)).map((t, i) => leaky(t + b[0][i]))).map((t, i) => leaky(t + b[1][i]));
}

/** x a class-conditional N(μ_c, I) in `dims` dimensions, y the class of 10 equally likely: I = log 10 + E log p(c | x) */
export const CLASSES = 10;
export const classMeans = (dims) => (dims === 2 ? Array.from({ length: CLASSES }, (_, c) => [2 * Math.cos((2 * Math.PI * c) / CLASSES), 2 * Math.sin((2 * Math.PI * c) / CLASSES)]) : randomMatrix(2790 + dims, CLASSES, dims, 1));
export function classPosteriorLog(means, x, c) {
  const logs = means.map((m) => -0.5 * m.reduce((a, mu, j) => a + (x[j] - mu) ** 2, 0)), top = Math.max(...logs);
  return logs[c] - top - Math.log(logs.reduce((a, l) => a + Math.exp(l - top), 0));
}
export const drawClass = (r, means) => { const c = r.int(CLASSES); return [means[c].map((mu) => mu + r.normal()), c]; };
export function labelsTruth(dims, n = 400000, seed = 2791) {
  const means = classMeans(dims), r = rng(seed + dims);
  let s = 0;
  for (let i = 0; i < n; i++) { const [x, c] = drawClass(r, means); s += classPosteriorLog(means, x, c); }
  return Math.log(CLASSES) + s / n;
}

/** x uniform on the unit disk, y = its angle θ ∈ (−π, π] + σN (not wrapped): I = h(θ + σN) − h(σN) */
export const DISK_NOISE = 0.3;
export function diskAngleTruth(sigma = DISK_NOISE, m = 20000) {
  const erf = erfApprox, lo = -Math.PI - 10 * sigma, h = (2 * Math.PI + 20 * sigma) / m;
  const p = (y) => (0.5 * (erf((y + Math.PI) / (sigma * Math.SQRT2)) - erf((y - Math.PI) / (sigma * Math.SQRT2)))) / (2 * Math.PI);
  let H = 0;
  for (let i = 0; i < m; i++) { const v = p(lo + (i + 0.5) * h); if (v > 0) H -= v * Math.log(v) * h; }
  return H - normalEntropy(sigma);
}
/** erf to about 1e-15: its Maclaurin series below |z| = 3, erfc's continued fraction beyond */
export function erfApprox(z) {
  const a = Math.abs(z);
  if (a < 3) { let term = a, sum = a; for (let n = 1; n < 200; n++) { term *= (-a * a) / n; const add = term / (2 * n + 1); sum += add; if (Math.abs(add) < 1e-17) break; } return Math.sign(z) * (2 / Math.sqrt(Math.PI)) * sum; }
  let f = 0; for (let n = 60; n >= 1; n--) f = (n / 2) / (a + f);
  return Math.sign(z) * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f));
}
export const normalCdf = (z) => 0.5 * (1 + erfApprox(z / Math.SQRT2));

/** a mixture of 12 Gaussian components in 3 × 3 (random means of sd 1.5, shared sd 0.5): I by Monte Carlo */
export const MIXTURE = { components: 12, spread: 1.5, sd: 0.5 };
export const mixtureMeans = () => randomMatrix(2795, MIXTURE.components, 6, MIXTURE.spread);
const logMean = (logs) => { const top = Math.max(...logs); return top + Math.log(logs.reduce((a, l) => a + Math.exp(l - top), 0) / logs.length); };
const logIso = (v, mu) => -0.5 * v.reduce((a, t, j) => a + ((t - mu[j]) / MIXTURE.sd) ** 2, 0);
export function mixtureLogRatio(means, x, y) {
  const joint = logMean(means.map((m) => logIso([...x, ...y], m))), px = logMean(means.map((m) => logIso(x, m.slice(0, 3)))), py = logMean(means.map((m) => logIso(y, m.slice(3))));
  return joint - px - py; // the normalising constants cancel: 6 dims against 3 + 3
}
export const drawMixture = (r, means) => { const m = means[r.int(MIXTURE.components)], v = m.map((mu) => mu + MIXTURE.sd * r.normal()); return [v.slice(0, 3), v.slice(3)]; };
export function mixtureTruth(n = 400000, seed = 2796) {
  const means = mixtureMeans(), r = rng(seed);
  let s = 0;
  for (let i = 0; i < n; i++) { const [x, y] = drawMixture(r, means); s += mixtureLogRatio(means, x, y); }
  return s / n;
}

/** x ~ N(0, 1), y = −1, 0, 1 as x + σN is below −t, between, above t: I = H(Y) − E H(Y | x), a quadrature over x */
export const QUANTISED = { noise: 0.5, threshold: 0.5 };
export function quantisedLevels(x, { noise, threshold } = QUANTISED) { const lo = normalCdf((-threshold - x) / noise), hi = 1 - normalCdf((threshold - x) / noise); return [lo, 1 - lo - hi, hi]; }
export function quantisedTruth(m = 40000) {
  const h = 20 / m, marginal = [0, 0, 0];
  let conditional = 0;
  for (let i = 0; i < m; i++) { const x = -10 + (i + 0.5) * h, w = normalDensity(x, 1) * h, p = quantisedLevels(x); p.forEach((q, j) => { marginal[j] += w * q; if (q > 0) conditional -= w * q * Math.log(q); }); }
  return -marginal.reduce((a, q) => a + q * Math.log(q), 0) - conditional;
}

export const SWEEP = { pairs: 3, rho: 0.75, sizes: [100, 300, 3000, 10000] };
export const LARGE = { pairs: 8, rho: 0.95 };

export const SETS = [
  // two latent pairs (ρ = 0.8) embedded into D columns a side by a fixed random linear map, plus noise 0.1 on every column
  ...EMBEDDINGS.map((e) => ({ name: `latent-2-pairs-rho0.8-linear-embedding-into-${e.dims}x${e.dims}-noise0.1-n1000`, truth: () => embeddedTruth(e), sample: (seed) => embeddedSample(e, seed) })),
  // four latent pairs (ρ = 0.8) embedded into 16 columns, then a fixed random 2-layer leaky network of square weights
  { name: "latent-4-pairs-rho0.8-through-random-invertible-leaky-network-16x16-n1000", truth: 4 * gaussI(LEAKY.rho), sample: (seed) => { const r = rng(2720000 + seed), f = leakyNetwork(2760), g = leakyNetwork(2770); return many(1000, () => { const [u, v] = latentPairs(r, LEAKY.k, LEAKY.rho); return [f(u), g(v)]; }); } },
  // the same 64-column embedding with noise 3 on every column: the latent spread thin over 64 noisy columns a side
  { name: "latent-2-pairs-rho0.8-spread-thin-over-64x64-noise3-n1000", truth: () => embeddedTruth(THIN), sample: (seed) => embeddedSample(THIN, seed) },
  // two latent pairs embedded into 64 columns, then a fixed random 2-layer leaky network of 64 × 64 weights
  { name: "latent-2-pairs-rho0.8-through-random-invertible-leaky-network-64x64-n1000", truth: 2 * gaussI(WIDE_LEAKY.rho), sample: (seed) => { const r = rng(2725000 + seed), f = leakyNetwork(2780, WIDE_LEAKY), g = leakyNetwork(2785, WIDE_LEAKY); return many(1000, () => { const [u, v] = latentPairs(r, WIDE_LEAKY.k, WIDE_LEAKY.rho); return [f(u), g(v)]; }); } },
  // one task, three pairs of ρ = 0.75, at four sample sizes
  ...SWEEP.sizes.map((n) => ({ name: `sweep-three-pairs-rho0.75-3x3-n${n}`, truth: SWEEP.pairs * gaussI(SWEEP.rho), sample: (seed) => { const r = rng(2730000 + 10 * n + seed); return many(n, () => latentPairs(r, SWEEP.pairs, SWEEP.rho)); } })),
  // 9.3 nats: eight pairs of ρ = 0.95 (log 1000 = 6.9, where the contrastive bounds stop)
  { name: "large-mi-eight-pairs-rho0.95-9.3-nats-8x8-n1000", truth: LARGE.pairs * gaussI(LARGE.rho), sample: (seed) => { const r = rng(2740000 + seed); return many(1000, () => latentPairs(r, LARGE.pairs, LARGE.rho)); } },
  // features against one of 10 equally likely class labels, x ~ N(μ_c, I): means on a circle of radius 2 (2-D), random (10-D)
  ...[2, 10].map((dims) => ({ name: `features-${dims}d-class-conditional-gauss-vs-10-class-labels-n1000`, truth: () => labelsTruth(dims), sample: (seed) => { const r = rng(2750000 + 100 * dims + seed), means = classMeans(dims); return many(1000, () => drawClass(r, means)); } })),
  // a point uniform on the unit disk against its angle plus 0.3 noise (the radius carries nothing)
  { name: "uniform-disk-point-vs-its-angle-plus-0.3noise-2x1-n1000", truth: () => diskAngleTruth(), sample: (seed) => { const r = rng(2760000 + seed); return many(1000, () => { const rad = Math.sqrt(r.u()), th = Math.PI * (2 * r.u() - 1); return [[rad * Math.cos(th), rad * Math.sin(th)], th + DISK_NOISE * r.normal()]; }); } },
  // a mixture of 12 Gaussian components in 3 + 3 dimensions
  { name: "mixture-of-12-gauss-components-3x3-sd0.5-n1000", truth: () => mixtureTruth(), sample: (seed) => { const r = rng(2770000 + seed), means = mixtureMeans(); return many(1000, () => drawMixture(r, means)); } },
  // x Gaussian, y its reading plus 0.5 noise quantised to −1, 0, 1 at ±0.5
  { name: "gauss-x-vs-noisy-reading-quantised-to-3-levels-n1000", truth: () => quantisedTruth(), sample: (seed) => { const r = rng(2780000 + seed); return many(1000, () => { const x = r.normal(), w = x + QUANTISED.noise * r.normal(); return [x, w < -QUANTISED.threshold ? -1 : w > QUANTISED.threshold ? 1 : 0]; }); } },
];
