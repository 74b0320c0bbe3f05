// The thirty-second unseen probe's sets: an image-like bump in 64 pixels, one-hot rows of 100 and 200 classes, rare counts
// sharing a shock, a ratio beside its numerator, rows sorted within themselves, random-walk paths, smooth curves (a
// Gaussian process at 30 points), classifier scores saturated at exactly 1 in float64, a −999 sentinel in any cell of
// 3 × 3 and 5 × 5, y coded −999 when x is high, ties from rounding 8 + 8 columns to whole numbers, n = 200 in 20 + 20 and
// n = 40 / 16 in 5 + 5 / 3 + 3, doses on a log scale, softmax probability rows against their label, three column types side
// by side, the columns of a row in random order, and independent sides of the same kinds. Drawn by the fifth probe's
// generator (mulberry32 and Box–Muller). Truths: closed forms, exact sums, 1-D/2-D quadratures and one Monte Carlo mean
// (check-truths.mjs checks each a second way).
import { rng } from "../unseen5/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";
import { gaussPairMI, normalDensity, quadrature } from "../unseen31/sets.mjs";

export { rng, Phi, gaussPairMI, normalDensity, quadrature };
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const gaussEntropy = (sd) => 0.5 * LN2PIE + Math.log(sd);
const plogp = (p) => (p > 0 ? p * Math.log(p) : 0);
/** the entropy of a 1-D density on [lo, hi] by the midpoint rule */
export const entropyOn = (p, lo, hi, m = 40000) => -quadrature(lo, hi, m, (t) => plogp(p(t)));
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const pairs = (r, d, rho) => { const p = Array.from({ length: d }, () => pair(r, rho)); return [p.map((v) => v[0]), p.map((v) => v[1])]; };
export function poisson(r, lambda) { const l = Math.exp(-lambda); let k = 0, p = r.u(); while (p > l) { k++; p *= r.u(); } return k; }
export const poissonPmf = (k, lambda) => { let p = Math.exp(-lambda); for (let i = 1; i <= k; i++) p *= lambda / i; return p; };
const poissonEntropy = (lambda) => { let h = 0; for (let k = 0; k < 60; k++) h -= plogp(poissonPmf(k, lambda)); return h; };
/** the entropy of the mixture of N(μ_k, sd²) with weights w_k, minus that of N(0, sd²): I(label; μ_label + sd·ε) */
export const mixtureMI = (means, weights, sd) => {
  const lo = Math.min(...means) - 10 * sd, hi = Math.max(...means) + 10 * sd;
  return entropyOn((t) => means.reduce((s, m, k) => s + weights[k] * normalDensity(t - m, sd), 0), lo, hi, 80000) - gaussEntropy(sd);
};

// --- an image-like row: a Gaussian bump (width 3 pixels) centred at s ~ U(8, 56) in 64 pixels (Float64Array), y = s + 2ε.
// The image is a smooth injective function of s, so I = I(s; y) = h(y) − h(2ε), p(y) = (Φ((y − 8)/2) − Φ((y − 56)/2))/48.
export const BUMP = { pixels: 64, width: 3, lo: 8, hi: 56, noise: 2 };
export const bumpImage = (s) => Float64Array.from({ length: BUMP.pixels }, (_, i) => Math.exp(-0.5 * ((i - s) / BUMP.width) ** 2));
export const bumpDensity = (y) => (Phi((y - BUMP.lo) / BUMP.noise) - Phi((y - BUMP.hi) / BUMP.noise)) / (BUMP.hi - BUMP.lo);
export const bumpTruth = () => entropyOn(bumpDensity, BUMP.lo - 12 * BUMP.noise, BUMP.hi + 12 * BUMP.noise) - gaussEntropy(BUMP.noise);

// --- one-hot rows of 100 equally likely classes (about 10 rows a class at n = 1000), y = μ_class + ε, μ fixed N(0, 3²)
export const CLASS_MEANS = (() => { const r = rng(3200999); return Array.from({ length: 100 }, () => 3 * r.normal()); })();
const oneHot = (k, c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0));
export const oneHotTruth = () => mixtureMI(CLASS_MEANS, CLASS_MEANS.map(() => 0.01), 1);

// --- rare counts sharing a shock: x = A + C, y = B + C, A, B ~ Poisson(0.2), C ~ Poisson(0.1) (74 % of x are 0): an exact sum
export const SHOCK = { own: 0.2, shared: 0.1 };
export function shockTruth(own = SHOCK.own, shared = SHOCK.shared) {
  const m = own + shared;
  let s = 0;
  for (let x = 0; x < 25; x++) for (let y = 0; y < 25; y++) {
    let p = 0;
    for (let c = 0; c <= Math.min(x, y); c++) p += poissonPmf(c, shared) * poissonPmf(x - c, own) * poissonPmf(y - c, own);
    if (p > 0) s += p * Math.log(p / (poissonPmf(x, m) * poissonPmf(y, m)));
  }
  return s;
}

// --- a ratio beside its numerator: a, b log-normal (σ = 1.5), x = a/b, y = a: log x = log a − log b, ρ = 1/√2, I = ½ log 2
export const RATIO_SIGMA = 1.5;

// --- each row's 5 columns sorted (iid N(0, 1) before), y = the row's mean + 0.2ε: I = ½ log(1 + 0.2/0.04)
export const sortedRowTruth = 0.5 * Math.log(1 + 0.2 / 0.04);

// --- random-walk paths: x = cumulative sums of 20 N(0, 1) steps, y = the tenth step (x₁₀ − x₉) + 0.5ε: I = ½ log(1 + 1/0.25)
export const WALK = { steps: 20, step: 10, noise: 0.5 };
const walk = (r, k) => { let s = 0; return Array.from({ length: k }, () => (s += r.normal())); };
export const walkTruth = 0.5 * Math.log(1 + 1 / WALK.noise ** 2);

// --- smooth curves: a Gaussian process on 30 points of [0, 1] (squared-exponential kernel, length 0.3, jitter 1e-8: the
// covariance singular but for the jitter), y = the curve's mean + 0.3ε: I = ½ log(1 + 1ᵀK1/(30² · 0.09))
export const GP = { points: 30, length: 0.3, jitter: 1e-8, noise: 0.3 };
export const GP_K = Array.from({ length: GP.points }, (_, i) => Array.from({ length: GP.points }, (_, j) => Math.exp(-0.5 * ((i - j) / (GP.points - 1) / GP.length) ** 2) + (i === j ? GP.jitter : 0)));
export const GP_CHOL = (() => {
  const k = GP_K, n = k.length, l = k.map((row) => row.map(() => 0));
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let v = k[i][j];
    for (let m = 0; m < j; m++) v -= l[i][m] * l[j][m];
    l[i][j] = i === j ? Math.sqrt(v) : v / l[j][j];
  }
  return l;
})();
export const gpCurve = (r) => { const z = Array.from({ length: GP.points }, () => r.normal()); return GP_CHOL.map((row) => row.reduce((s, v, j) => s + v * z[j], 0)); };
export const gpMeanVariance = () => GP_K.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0) / GP.points ** 2;
export const gpTruth = () => 0.5 * Math.log(1 + gpMeanVariance() / GP.noise ** 2);

// --- classifier scores saturated in float64: x = 1/(1 + e^(−40z)), exactly 1 for z ≥ c (about 18 % of rows), y = z + 0.3ε.
// I = h(y) − Φ(c)·h(0.3ε) − (1 − Φ(c))·h(y | z ≥ c), p(y | z ≥ c) = ∫_c^∞ φ(z) φ_0.3(y − z) dz / (1 − Φ(c)) in closed form.
export const SCORE = { slope: 40, noise: 0.3 };
export const score = (z, slope = SCORE.slope) => 1 / (1 + Math.exp(-slope * z));
/** the least z whose score is exactly 1 (bisection on doubles) */
export const saturationPoint = (slope = SCORE.slope) => { let lo = 0, hi = 5; for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (score(mid, slope) === 1) hi = mid; else lo = mid; } return hi; };
export function scoreTruth(slope = SCORE.slope, s = SCORE.noise) {
  const c = saturationPoint(slope), t = Math.sqrt(1 + s * s), tail = 1 - Phi(c);
  // z | y ~ N(y/t², s²/t²): p(y, z ≥ c) = φ_t(y)·(1 − Φ((c − y/t²)·t/s))
  const pTop = (y) => (normalDensity(y, t) * (1 - Phi(((c - y / (t * t)) * t) / s))) / tail;
  return gaussEntropy(t) - Phi(c) * gaussEntropy(s) - tail * entropyOn(pTop, c - 10 * s - 2, c + 12, 40000);
}

// --- a −999 sentinel in 10 % of the cells of a 3 × 3 pair set (ρ = 0.8 pairs), each cell missing on its own: the pairs and the
// masks independent, a pair's information survives when both its cells are there: I = 3 · 0.9² · I(ρ = 0.8)
export const SENTINEL = { d: 3, rho: 0.8, missing: 0.1, code: -999 };
export const sentinelTruth = SENTINEL.d * (1 - SENTINEL.missing) ** 2 * gaussPairMI(SENTINEL.rho);

// --- ties from rounding: 8 + 8 columns, pairs ρ = 0.9, every value rounded to a whole number (about 7 levels a column)
export const ROUNDED = { d: 8, rho: 0.9 };
/** I of one rounded pair: p(i, j) = ∫_{i−½}^{i+½} φ(a)(Φ((j + ½ − ρa)/s) − Φ((j − ½ − ρa)/s)) da */
export function roundedPairMI(rho = ROUNDED.rho) {
  const s = Math.sqrt(1 - rho * rho), cell = (k) => Phi(k + 0.5) - Phi(k - 0.5);
  let mi = 0;
  for (let i = -8; i <= 8; i++) for (let j = -8; j <= 8; j++) {
    const p = quadrature(i - 0.5, i + 0.5, 400, (a) => normalDensity(a) * (Phi((j + 0.5 - rho * a) / s) - Phi((j - 0.5 - rho * a) / s)));
    if (p > 1e-300) mi += p * Math.log(p / (cell(i) * cell(j)));
  }
  return mi;
}

// --- doses on a log scale: 8 doses 10^(−3 + 5k/7) given as raw numbers (10⁻³ to 10²), each equally likely, the response
// y = 1/(1 + 0.1/dose) + 0.1ε (a Hill curve, the top doses all but saturated): I = h(mixture of 8) − h(0.1ε)
export const DOSES = Array.from({ length: 8 }, (_, k) => 10 ** (-3 + (5 * k) / 7));
export const response = (dose) => 1 / (1 + 0.1 / dose);
export const doseTruth = () => mixtureMI(DOSES.map(response), DOSES.map(() => 1 / 8), 0.1);

// --- softmax rows: label c of 10, logits 2.5·e_c + N(0, I), x = softmax(logits) (10 columns summing to 1), y = c.
// p(c | x) ∝ x_c^2.5, so I = log 10 − E H(p(· | x)): a Monte Carlo mean (check-truths.mjs has a second, on x as stored).
export const SOFTMAX = { classes: 10, gap: 2.5 };
export const softmaxDraw = (r) => {
  const c = r.int(SOFTMAX.classes), l = Array.from({ length: SOFTMAX.classes }, (_, j) => (j === c ? SOFTMAX.gap : 0) + r.normal());
  const m = Math.max(...l), e = l.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0);
  return { c, logits: l, x: e.map((v) => v / s) };
};
/** H of the posterior p(j) ∝ exp(w_j) */
export const posteriorEntropy = (w) => { const m = Math.max(...w), e = w.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0); return -e.reduce((h, v) => h + plogp(v / s), 0); };
export const SOFTMAX_TRUTH = { draws: 400000, seed: 3299100 };
export const softmaxTruth = () => {
  const r = rng(SOFTMAX_TRUTH.seed);
  let h = 0;
  for (let i = 0; i < SOFTMAX_TRUTH.draws; i++) h += posteriorEntropy(softmaxDraw(r).logits.map((v) => SOFTMAX.gap * v));
  return Math.log(SOFTMAX.classes) - h / SOFTMAX_TRUTH.draws;
};

// --- three column types side by side: a flag (y's copy flipped 10 %), a rare count (x ~ Poisson(0.3), y = x + Poisson(0.2))
// and a Gaussian pair ρ = 0.8: I = (log 2 − H₂(0.1)) + (H(Poisson 0.5) − H(Poisson 0.2)) + I(ρ = 0.8)
export const threeTypesTruth = () => Math.log(2) + plogp(0.1) + plogp(0.9) + poissonEntropy(0.5) - poissonEntropy(0.2) + gaussPairMI(0.8);

// --- a row's columns in random order: a, b ~ N(0, 1), x = (a, b) or (b, a) at random, y = a + 0.3ε.
// h(y | x) depends on d = x₁ − x₂ ~ N(0, 2) only: I = h(N(0, 1.09)) − ∫ H(½φ_0.3(·) + ½φ_0.3(· − d)) N(d; 0, 2) dd
export const SHUFFLED_NOISE = 0.3;
export function shuffledTruth() {
  const s = SHUFFLED_NOISE;
  const hGiven = (d) => entropyOn((t) => 0.5 * normalDensity(t, s) + 0.5 * normalDensity(t - d, s), -10 * s, Math.abs(d) + 10 * s, 3000);
  const hCond = 2 * quadrature(0, 12, 1200, (d) => hGiven(d) * normalDensity(d, Math.SQRT2));
  return gaussEntropy(Math.sqrt(1 + s * s)) - hCond;
}

const withSentinel = (r, v) => v.map((a) => (r.u() < SENTINEL.missing ? SENTINEL.code : a));

export const SETS = [
  { name: "bump-image-64-pixels-float64array-rows-y-bump-position-plus-2noise-64x1-n1000", truth: bumpTruth, sample: (seed) => { const r = rng(3201000 + seed); return rows(1000, () => { const s = BUMP.lo + (BUMP.hi - BUMP.lo) * r.u(); return [bumpImage(s), s + BUMP.noise * r.normal()]; }); } },
  { name: "one-hot-100-classes-about-10-rows-each-y-class-mean-plus-noise-100x1-n1000", truth: oneHotTruth, sample: (seed) => { const r = rng(3202000 + seed); return rows(1000, () => { const c = r.int(100); return [oneHot(100, c), CLASS_MEANS[c] + r.normal()]; }); } },
  { name: "rare-counts-sharing-a-poisson-shock-0.1-own-0.2-mostly-zeros-n1000", truth: shockTruth, sample: (seed) => { const r = rng(3203000 + seed); return rows(1000, () => { const c = poisson(r, SHOCK.shared); return [poisson(r, SHOCK.own) + c, poisson(r, SHOCK.own) + c]; }); } },
  { name: "ratio-a-over-b-beside-its-numerator-a-lognormal-sigma1.5-n1000", truth: 0.5 * Math.log(2), sample: (seed) => { const r = rng(3204000 + seed); return rows(1000, () => { const a = Math.exp(RATIO_SIGMA * r.normal()), b = Math.exp(RATIO_SIGMA * r.normal()); return [a / b, a]; }); } },
  { name: "rows-sorted-within-5-columns-y-row-mean-plus-0.2noise-5x1-n1000", truth: sortedRowTruth, sample: (seed) => { const r = rng(3205000 + seed); return rows(1000, () => { const v = Array.from({ length: 5 }, () => r.normal()); return [[...v].sort((a, b) => a - b), v.reduce((s, a) => s + a, 0) / 5 + 0.2 * r.normal()]; }); } },
  { name: "random-walk-paths-20-steps-y-tenth-step-plus-0.5noise-20x1-n1000", truth: walkTruth, sample: (seed) => { const r = rng(3206000 + seed); return rows(1000, () => { const p = walk(r, WALK.steps); return [p, p[WALK.step - 1] - p[WALK.step - 2] + WALK.noise * r.normal()]; }); } },
  { name: "smooth-curves-gaussian-process-30-points-length0.3-y-curve-mean-plus-0.3noise-30x1-n1000", truth: gpTruth, sample: (seed) => { const r = rng(3207000 + seed); return rows(1000, () => { const c = gpCurve(r); return [c, c.reduce((s, v) => s + v, 0) / GP.points + GP.noise * r.normal()]; }); } },
  { name: "classifier-scores-sigmoid-40z-exactly-1-in-18pct-y-z-plus-0.3noise-n1000", truth: scoreTruth, sample: (seed) => { const r = rng(3208000 + seed); return rows(1000, () => { const z = r.normal(); return [score(z), z + SCORE.noise * r.normal()]; }); } },
  { name: "sentinel-minus-999-in-10pct-of-cells-pairs-rho0.8-3x3-n1000", truth: sentinelTruth, sample: (seed) => { const r = rng(3209000 + seed); return rows(1000, () => { const [a, b] = pairs(r, SENTINEL.d, SENTINEL.rho); return [withSentinel(r, a), withSentinel(r, b)]; }); } },
  { name: "rounded-to-whole-numbers-8-pairs-rho0.9-ties-8x8-n1000", truth: () => ROUNDED.d * roundedPairMI(), sample: (seed) => { const r = rng(3210000 + seed); return rows(1000, () => { const [a, b] = pairs(r, ROUNDED.d, ROUNDED.rho); return [a.map(Math.round), b.map(Math.round)]; }); } },
  { name: "n200-in-20x20-pairs-rho0.6", truth: 20 * gaussPairMI(0.6), sample: (seed) => { const r = rng(3211000 + seed); return rows(200, () => pairs(r, 20, 0.6)); } },
  { name: "n40-in-5x5-pairs-rho0.9", truth: 5 * gaussPairMI(0.9), sample: (seed) => { const r = rng(3212000 + seed); return rows(40, () => pairs(r, 5, 0.9)); } },
  { name: "n16-in-3x3-pairs-rho0.9", truth: 3 * gaussPairMI(0.9), sample: (seed) => { const r = rng(3213000 + seed); return rows(16, () => pairs(r, 3, 0.9)); } },
  { name: "doses-1e-3-to-1e2-log-spaced-8-levels-y-hill-response-plus-0.1noise-n1000", truth: doseTruth, sample: (seed) => { const r = rng(3214000 + seed); return rows(1000, () => { const d = DOSES[r.int(DOSES.length)]; return [d, response(d) + 0.1 * r.normal()]; }); } },
  { name: "softmax-probability-rows-10-classes-vs-label-10x1-n1000", truth: softmaxTruth, sample: (seed) => { const r = rng(3215000 + seed); return rows(1000, () => { const { c, x } = softmaxDraw(r); return [x, c]; }); } },
  { name: "three-column-types-flag-rare-count-gaussian-3x3-n1000", truth: threeTypesTruth, sample: (seed) => { const r = rng(3216000 + seed); return rows(1000, () => { const b = r.u() < 0.5 ? 1 : 0, k = poisson(r, 0.3), [u, v] = pair(r, 0.8); return [[b, k, u], [r.u() < 0.1 ? 1 - b : b, k + poisson(r, 0.2), v]]; }); } },
  { name: "columns-in-random-order-per-row-y-first-of-pair-plus-0.3noise-2x1-n1000", truth: shuffledTruth, sample: (seed) => { const r = rng(3217000 + seed); return rows(1000, () => { const a = r.normal(), b = r.normal(), y = a + SHUFFLED_NOISE * r.normal(); return [r.u() < 0.5 ? [a, b] : [b, a], y]; }); } },
  { name: "independent-one-hot-100-classes-x-gaussian-y-100x1-n1000", truth: 0, sample: (seed) => { const r = rng(3218000 + seed); return rows(1000, () => [oneHot(100, r.int(100)), r.normal()]); } },
  { name: "independent-random-walk-paths-20x20-n1000", truth: 0, sample: (seed) => { const r = rng(3219000 + seed); return rows(1000, () => [walk(r, 20), walk(r, 20)]); } },
  { name: "independent-rare-counts-poisson0.05-5x5-n1000", truth: 0, sample: (seed) => { const r = rng(3220000 + seed); return rows(1000, () => [Array.from({ length: 5 }, () => poisson(r, 0.05)), Array.from({ length: 5 }, () => poisson(r, 0.05))]); } },
  { name: "independent-smooth-curves-gaussian-process-30x30-n1000", truth: 0, sample: (seed) => { const r = rng(3221000 + seed); return rows(1000, () => [gpCurve(r), gpCurve(r)]); } },
];

// --- the harder batch (added after the first runs held): more missing cells, more classes, missingness that depends on x,
// five rare-count pairs, twenty doses
export const SENTINEL_HARD = { d: 5, rho: 0.9, missing: 0.3 };
export const sentinelHardTruth = SENTINEL_HARD.d * (1 - SENTINEL_HARD.missing) ** 2 * gaussPairMI(SENTINEL_HARD.rho);
export const CLASS_MEANS_200 = (() => { const r = rng(3200998); return Array.from({ length: 200 }, () => 3 * r.normal()); })();
export const oneHot200Truth = () => mixtureMI(CLASS_MEANS_200, CLASS_MEANS_200.map(() => 1 / 200), 1);
// y = 0.8x + 0.6ε recorded as −999 whenever x is in its top 20 % (x > c = Φ⁻¹(0.8)): the code tells x > c, so
// I = H₂(0.2) + 0.8·(h(y | x ≤ c) − h(0.6ε)), p(y | x ≤ c) = φ(y)Φ((c − 0.8y)/0.6)/0.8
export const MNAR = { rho: 0.8, share: 0.2, cut: 0.8416212335729143 };
export const mnarTruth = () => {
  const q = Math.sqrt(1 - MNAR.rho ** 2), kept = 1 - MNAR.share;
  const p = (y) => (normalDensity(y) * Phi((MNAR.cut - MNAR.rho * y) / q)) / kept;
  return -plogp(MNAR.share) - plogp(kept) + kept * (entropyOn(p, -10, 10, 40000) - gaussEntropy(q));
};
/** the same with ρ and the share coded as given */
export const mnarTruthAt = (rho, share) => {
  const q = Math.sqrt(1 - rho ** 2), kept = 1 - share, cut = Math.SQRT2 * inverseErf(1 - 2 * share);
  const p = (y) => (normalDensity(y) * Phi((cut - rho * y) / q)) / kept;
  return -plogp(share) - plogp(kept) + kept * (entropyOn(p, -10, 10, 40000) - gaussEntropy(q));
};
/** erf⁻¹ by bisection on Phi */
function inverseErf(v) { let lo = -10, hi = 10; for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (2 * Phi(mid * Math.SQRT2) - 1 < v) lo = mid; else hi = mid; } return (lo + hi) / 2; }
export const mnarCut = (share) => Math.SQRT2 * inverseErf(1 - 2 * share);
export const DOSES_20 = Array.from({ length: 20 }, (_, k) => 10 ** (-3 + (5 * k) / 19));
export const dose20Truth = () => mixtureMI(DOSES_20.map(response), DOSES_20.map(() => 1 / 20), 0.05);

SETS.push(
  { name: "sentinel-minus-999-in-30pct-of-cells-pairs-rho0.9-5x5-n1000", truth: sentinelHardTruth, sample: (seed) => { const r = rng(3222000 + seed); return rows(1000, () => { const [a, b] = pairs(r, SENTINEL_HARD.d, SENTINEL_HARD.rho); const miss = (v) => v.map((e) => (r.u() < SENTINEL_HARD.missing ? SENTINEL.code : e)); return [miss(a), miss(b)]; }); } },
  { name: "one-hot-200-classes-about-5-rows-each-y-class-mean-plus-noise-200x1-n1000", truth: oneHot200Truth, sample: (seed) => { const r = rng(3223000 + seed); return rows(1000, () => { const c = r.int(200); return [oneHot(200, c), CLASS_MEANS_200[c] + r.normal()]; }); } },
  { name: "y-recorded-as-minus-999-when-x-in-its-top-20pct-rho0.8-n1000", truth: mnarTruth, sample: (seed) => { const r = rng(3224000 + seed); return rows(1000, () => { const [a, b] = pair(r, MNAR.rho); return [a, a > MNAR.cut ? SENTINEL.code : b]; }); } },
  { name: "y-recorded-as-minus-999-when-x-in-its-top-40pct-rho0.95-n1000", truth: () => mnarTruthAt(0.95, 0.4), sample: (seed) => { const r = rng(3227000 + seed), cut = mnarCut(0.4); return rows(1000, () => { const [a, b] = pair(r, 0.95); return [a, a > cut ? SENTINEL.code : b]; }); } },
  { name: "five-rare-count-pairs-sharing-poisson-shocks-5x5-n1000", truth: () => 5 * shockTruth(), sample: (seed) => { const r = rng(3225000 + seed); return rows(1000, () => { const p = Array.from({ length: 5 }, () => { const c = poisson(r, SHOCK.shared); return [poisson(r, SHOCK.own) + c, poisson(r, SHOCK.own) + c]; }); return [p.map((v) => v[0]), p.map((v) => v[1])]; }); } },
  { name: "doses-1e-3-to-1e2-log-spaced-20-levels-y-hill-response-plus-0.05noise-n1000", truth: dose20Truth, sample: (seed) => { const r = rng(3226000 + seed); return rows(1000, () => { const d = DOSES_20[r.int(DOSES_20.length)]; return [d, response(d) + 0.05 * r.normal()]; }); } },
);

// --- a last batch, seed 0 only (the CPU budget): weaker class means over 100 one-hot classes, eight doses under noise 0.2,
// scores saturated at slope 200 (43 % exactly 1) read by y = z + 0.1ε, and rare counts whose shared shock dominates
export const CLASS_MEANS_WEAK = (() => { const r = rng(3200997); return Array.from({ length: 100 }, () => r.normal()); })();
export const SCORE_STEEP = { slope: 200, noise: 0.1 };
export const SHOCK_STRONG = { own: 0.05, shared: 0.3 };
SETS.push(
  { name: "one-hot-100-classes-weak-means-sd1-y-class-mean-plus-noise-100x1-n1000", truth: () => mixtureMI(CLASS_MEANS_WEAK, CLASS_MEANS_WEAK.map(() => 0.01), 1), sample: (seed) => { const r = rng(3228000 + seed); return rows(1000, () => { const c = r.int(100); return [oneHot(100, c), CLASS_MEANS_WEAK[c] + r.normal()]; }); } },
  { name: "doses-1e-3-to-1e2-log-spaced-8-levels-y-hill-response-plus-0.2noise-n1000", truth: () => mixtureMI(DOSES.map(response), DOSES.map(() => 1 / 8), 0.2), sample: (seed) => { const r = rng(3229000 + seed); return rows(1000, () => { const d = DOSES[r.int(DOSES.length)]; return [d, response(d) + 0.2 * r.normal()]; }); } },
  { name: "classifier-scores-sigmoid-200z-exactly-1-in-43pct-y-z-plus-0.1noise-n1000", truth: () => scoreTruth(SCORE_STEEP.slope, SCORE_STEEP.noise), sample: (seed) => { const r = rng(3230000 + seed); return rows(1000, () => { const z = r.normal(); return [score(z, SCORE_STEEP.slope), z + SCORE_STEEP.noise * r.normal()]; }); } },
  { name: "rare-counts-sharing-a-poisson-shock-0.3-own-0.05-n1000", truth: () => shockTruth(SHOCK_STRONG.own, SHOCK_STRONG.shared), sample: (seed) => { const r = rng(3231000 + seed); return rows(1000, () => { const c = poisson(r, SHOCK_STRONG.shared); return [poisson(r, SHOCK_STRONG.own) + c, poisson(r, SHOCK_STRONG.own) + c]; }); } },
);
