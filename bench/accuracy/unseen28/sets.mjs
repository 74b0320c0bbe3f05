// The twenty-eighth unseen probe's sets: dependence the mean does not carry (y = σ(x)·ε with zero correlation for
// σ = e^x, |x| and 0.1 + x², in 1 and 5 dimensions and in one of 20 y columns; a rare event, 1 % of rows where y copies x
// up to 0.0001 noise; x choosing y's shape, bimodal or skewed, at equal mean and variance; y's direction or only its axis
// following x with its length independent). Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths:
// quadratures of h(y) with p(y) itself a quadrature over x, a Monte Carlo mean of log p(y | x)/p(y), or 1-D quadratures
// (check-truths.mjs checks each a second way).
import { rng } from "../unseen5/sets.mjs";

export { rng };
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
export const normalDensity = (v, sd = 1) => Math.exp(-0.5 * (v / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** the three scales of y = σ(x)·ε, each with the density of y (a quadrature over x, in a variable that keeps it smooth) */
export const SCALES = {
  exp: { sigma: (x) => Math.exp(x), density: (y) => quadrature(-9, 9, 1800, (x) => normalDensity(x) * normalDensity(y * Math.exp(-x)) * Math.exp(-x)) },
  // x = ±e^t: φ(e^t)·φ(y e^−t), twice, smooth at y = 0 where p(y) has its log singularity
  abs: { sigma: (x) => Math.abs(x), density: (y) => 2 * quadrature(-40, 2.5, 2500, (t) => normalDensity(Math.exp(t)) * normalDensity(y * Math.exp(-t))) },
  quad: { sigma: (x) => 0.1 + x * x, density: (y) => quadrature(-9, 9, 1800, (x) => { const s = 0.1 + x * x; return normalDensity(x) * normalDensity(y / s) / s; }) },
};
/** midpoint rule on [lo, hi] with m cells */
export function quadrature(lo, hi, m, f) { const h = (hi - lo) / m; let s = 0; for (let i = 0; i < m; i++) s += f(lo + (i + 0.5) * h); return s * h; }
/** I(x; σ(x)ε) for x, ε ~ N(0, 1): a Monte Carlo mean of log p(y | x) − log p(y) on draws of a seed of its own */
export function scaleTruthByMonteCarlo(kind, n, seed) {
  const { sigma, density } = SCALES[kind], r = rng(seed);
  let s = 0;
  for (let i = 0; i < n; i++) { const x = r.normal(), e = r.normal(), sd = sigma(x), y = sd * e; s += -0.5 * e * e - LOG_SQRT_2PI - Math.log(sd) - Math.log(density(y)); }
  return s / n;
}
/**
 * The same by quadrature: I = h(y) − h(ε) − E log σ(x), h(y) = −2∫ p(e^u) log p(e^u) e^u du (y symmetric, written as ±e^u
 * so that both the peak at 0 and the heavy tails are on the grid), E log σ(x) over x (for |x|, −(γ + log 2)/2).
 */
export function scaleTruth(kind) {
  const { sigma, density } = SCALES[kind];
  const hy = -2 * quadrature(-25, 8, 3300, (u) => { const y = Math.exp(u), p = density(y); return p > 0 ? p * Math.log(p) * y : 0; });
  const meanLogSigma = kind === "abs" ? -(0.5772156649015329 + Math.log(2)) / 2 : quadrature(-9, 9, 18000, (x) => normalDensity(x) * Math.log(sigma(x)));
  return hy - 0.5 * Math.log(2 * Math.PI * Math.E) - meanLogSigma;
}
const scaleTruths = new Map();
export const scaleTruthOnce = (kind) => { if (!scaleTruths.has(kind)) scaleTruths.set(kind, scaleTruth(kind)); return scaleTruths.get(kind); };

/** the rare event: in 1 % of rows y = x + 0.0001 noise, otherwise y independent; x, y ~ N(0, 1) (y's sd √1.0001 in the rare rows) */
export const RARE = { p: 0.01, noise: 1e-4 };
export const rareLogRatio = (x, y) => Math.log(RARE.p * normalDensity(y - x, RARE.noise) + (1 - RARE.p) * normalDensity(y)) - Math.log(RARE.p * normalDensity(y, Math.sqrt(1 + RARE.noise ** 2)) + (1 - RARE.p) * normalDensity(y));
export function drawRare(r) { const x = r.normal(); return [x, r.u() < RARE.p ? x + RARE.noise * r.normal() : r.normal()]; }
export function rareTruth(n = 400000, seed = 2899100) { const r = rng(seed); let s = 0; for (let i = 0; i < n; i++) { const [x, y] = drawRare(r); s += rareLogRatio(x, y); } return s / n; }

/** x > 0: y bimodal, ±a + bN with a² + b² = 1; x < 0: y = E − 1 with E exponential (skewed); both mean 0, variance 1 */
export const SHAPE = { b: 0.3 };
const bimodal = (y) => { const b = SHAPE.b, a = Math.sqrt(1 - b * b); return 0.5 * (normalDensity(y - a, b) + normalDensity(y + a, b)); };
const skewed = (y) => (y > -1 ? Math.exp(-(y + 1)) : 0);
const entropyOf = (p, lo, hi, m) => -quadrature(lo, hi, m, (y) => { const v = p(y); return v > 0 ? v * Math.log(v) : 0; });
/** I(x; y) = I(sign x; y) = h(½ p_b + ½ p_e) − ½ h(p_b) − ½ h(p_e), by quadrature (the exponential's entropy is 1) */
export function shapeTruth(m = 200000) { return entropyOf((y) => 0.5 * bimodal(y) + 0.5 * skewed(y), -1, 40, m) + entropyOf((y) => 0.5 * bimodal(y), -8, -1, m / 10) - 0.5 * entropyOf(bimodal, -8, 8, m) - 0.5; }
export function drawShape(r) { const x = r.normal(); if (x > 0) { const b = SHAPE.b, a = Math.sqrt(1 - b * b); return [x, (r.u() < 0.5 ? -a : a) + b * r.normal()]; } return [x, -Math.log(r.u()) - 1]; }

/** y's direction θ = 3x + 0.5N (mod 2π), its length e^{0.3N} independent; the axis set flips y's sign at random (only θ mod π is seen) */
export const ANGLE = { gain: 3, noise: 0.5, lengthSd: 0.3 };
const wrappedEntropy = (sd, period) => entropyOf((t) => { let s = 0; for (let k = -30; k <= 30; k++) s += normalDensity(t + k * period, sd); return s; }, 0, period, 20000);
/** I(x; θ mod period) = h(wrapped N(0, g² + σ²)) − h(wrapped N(0, σ²)), both wrapped at the period */
export const angleTruth = (period) => wrappedEntropy(Math.hypot(ANGLE.gain, ANGLE.noise), period) - wrappedEntropy(ANGLE.noise, period);
function drawAngle(r, flip) { const x = r.normal(), th = ANGLE.gain * x + ANGLE.noise * r.normal(), len = Math.exp(ANGLE.lengthSd * r.normal()) * (flip && r.u() < 0.5 ? -1 : 1); return [x, [len * Math.cos(th), len * Math.sin(th)]]; }

const scaleSet = (kind, label) => ({ name: `y-${label}-times-noise-zero-correlation-n1000`, truth: () => scaleTruthOnce(kind), sample: (seed) => { const r = rng(2810000 + 1000 * Object.keys(SCALES).indexOf(kind) + seed); return many(1000, () => { const x = r.normal(); return [x, SCALES[kind].sigma(x) * r.normal()]; }); } });
const scaleSet5 = (kind, label) => ({ name: `five-pairs-y-${label}-times-noise-5x5-n1000`, truth: () => 5 * scaleTruthOnce(kind), sample: (seed) => { const r = rng(2820000 + 1000 * Object.keys(SCALES).indexOf(kind) + seed); return many(1000, () => { const x = [], y = []; for (let j = 0; j < 5; j++) { const v = r.normal(); x.push(v); y.push(SCALES[kind].sigma(v) * r.normal()); } return [x, y]; }); } });

export const SETS = [
  // y = σ(x)·ε, ε ~ N(0, 1): E[y | x] = 0 for every x
  scaleSet("exp", "exp-x"), scaleSet("abs", "abs-x"), scaleSet("quad", "0.1-plus-x2"),
  // five such pairs side by side
  scaleSet5("exp", "exp-x"), scaleSet5("quad", "0.1-plus-x2"),
  // one of 20 independent N(0, 1) y columns (the 8th) is e^x·ε
  { name: "variance-of-y8-of-20-columns-exp-x-times-noise-1x20-n1000", truth: () => scaleTruthOnce("exp"), sample: (seed) => { const r = rng(2830000 + seed); return many(1000, () => { const x = r.normal(), y = Array.from({ length: 20 }, () => r.normal()); y[7] = Math.exp(x) * r.normal(); return [x, y]; }); } },
  // a rare event: 1 % of rows where y = x + 0.0001 noise, the rest independent
  { name: "rare-event-1pct-rows-y-copies-x-plus-0.0001noise-n1000", truth: () => rareTruth(), sample: (seed) => { const r = rng(2840000 + seed); return many(1000, () => drawRare(r)); } },
  { name: "rare-event-1pct-rows-y-copies-x-plus-0.0001noise-n5000", truth: () => rareTruth(), sample: (seed) => { const r = rng(2845000 + seed); return many(5000, () => drawRare(r)); } },
  // x's sign chooses y's shape: bimodal or skewed, both mean 0 and variance 1
  { name: "x-sign-chooses-y-shape-bimodal-or-skewed-equal-mean-variance-n1000", truth: () => shapeTruth(), sample: (seed) => { const r = rng(2850000 + seed); return many(1000, () => drawShape(r)); } },
  // y's direction follows x, its length independent; then the same with y's sign flipped at random (zero mean)
  { name: "y-direction-3x-plus-0.5noise-length-independent-1x2-n1000", truth: () => angleTruth(2 * Math.PI), sample: (seed) => { const r = rng(2860000 + seed); return many(1000, () => drawAngle(r, false)); } },
  { name: "y-axis-3x-plus-0.5noise-random-sign-length-independent-1x2-n1000", truth: () => angleTruth(Math.PI), sample: (seed) => { const r = rng(2870000 + seed); return many(1000, () => drawAngle(r, true)); } },
];
