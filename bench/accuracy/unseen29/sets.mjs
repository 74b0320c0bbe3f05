// The twenty-ninth unseen probe's sets: data as a practitioner or a benchmark scorer brings them, in shapes no earlier probe
// had: Float32Array sides at 1e30 and 1e-30 (and both magnitudes side by side in one row), one Gaussian data set given as
// number[][], as Float64Array rows and as Float32Array rows (the three calls must agree), 1 x-column against 15 informative
// y-columns and 15 against 1, two easy pairs at n = 20, 40 and 80, 5 and 8 nats in one column, Poisson counts on both sides
// sharing a log-normal rate, a hurdle reading (a point mass at 0 whose chance falls with x beside a log-normal part), 200
// Zipf-distributed categories on both sides, and a whole data set given twice in order (Gaussian and 5 levels). Drawn by the
// fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms, exact sums or 1-D quadratures
// (check-truths.mjs checks each a second way).
import { rng } from "../unseen5/sets.mjs";

export { rng };
const LOG_2PI = Math.log(2 * Math.PI);
export const gaussPairMI = (rho) => -0.5 * Math.log(1 - rho * rho);
export const normalDensity = (v, sd = 1) => Math.exp(-0.5 * (v / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
/** midpoint rule on [lo, hi] with m cells */
export function quadrature(lo, hi, m, f) { const h = (hi - lo) / m; let s = 0; for (let i = 0; i < m; i++) s += f(lo + (i + 0.5) * h); return s * h; }
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
/** a pair of standard normals with correlation rho */
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };

// --- float32's range: x at 1e30, y at 1e-30 (flat Float32Array columns); then 1e30 beside 1e-30 in one row, crossed
function float32Scales(seed) {
  const r = rng(2910000 + seed), n = 1000, x = new Float32Array(n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) { const [a, b] = pair(r, 0.8); x[i] = 1e30 * a; y[i] = 1e-30 * b; }
  return { x, y };
}
function float32Crossed(seed) {
  const r = rng(2911000 + seed);
  return rows(1000, () => { const [a1, b1] = pair(r, 0.8), [a2, b2] = pair(r, 0.8); return [Float32Array.of(1e30 * a1, 1e-30 * a2), Float32Array.of(1e-30 * b1, 1e30 * b2)]; });
}

// --- one data set in three containers: values rounded to float32 first, so that all three hold the same numbers
export const CONTAINERS = ["number-arrays", "float64array-rows", "float32array-rows"];
function sameData(seed, container) {
  const r = rng(2912000 + seed);
  const { x, y } = rows(500, () => { const [a1, b1] = pair(r, 0.7), [a2, b2] = pair(r, 0.7); return [[a1, a2].map(Math.fround), [b1, b2].map(Math.fround)]; });
  const as = { "number-arrays": (v) => v, "float64array-rows": (v) => Float64Array.from(v), "float32array-rows": (v) => Float32Array.from(v) }[container];
  return { x: x.map(as), y: y.map(as) };
}

// --- asymmetric shapes: y_j = x + s_j·ε_j for 15 noise levels s_j from 0.5 to 8; y = Σ w_j x_j + ε over 15 columns
export const FAN_OUT_NOISE = Array.from({ length: 15 }, (_, j) => 0.5 * 16 ** (j / 14));
export const FAN_IN_WEIGHTS = Array.from({ length: 15 }, (_, j) => (j % 2 === 0 ? 1 : -1) * 0.05 * (j + 1));
export const fanOutTruth = () => 0.5 * Math.log(1 + FAN_OUT_NOISE.reduce((s, v) => s + 1 / (v * v), 0));
export const fanInTruth = () => 0.5 * Math.log(1 + FAN_IN_WEIGHTS.reduce((s, w) => s + w * w, 0));

// --- 5 and 8 nats in one column: y = x + σε with ½ log(1 + 1/σ²) = I
export const noiseForNats = (nats) => 1 / Math.sqrt(Math.expm1(2 * nats));

// --- Poisson counts on both sides sharing a log-normal rate: x, y ~ Poisson(e^z), z ~ N(1.5, 1)
export const SHARED_RATE = { mean: 1.5, sd: 1 };
const logFactorial = (() => { const t = [0]; return (k) => { for (let i = t.length; i <= k; i++) t.push(t[i - 1] + Math.log(i)); return t[k]; }; })();
const logPoisson = (k, lambda) => k * Math.log(lambda) - lambda - logFactorial(k);
function poissonDraw(r, lambda) {
  // Poisson(λ) is the sum of Poisson parts of λ: inversion on parts of at most 25 keeps e^−λ far from underflow
  if (lambda > 25) { let k = 0; for (let rest = lambda; rest > 0; rest -= 25) k += poissonDraw(r, Math.min(rest, 25)); return k; }
  let k = 0, p = Math.exp(-lambda), c = p;
  const u = r.u();
  while (u > c && k < 1000) { k += 1; p *= lambda / k; c += p; }
  return k;
}
/**
 * The joint table p(x, y) = ∫ φ(z) Pois(x; e^z) Pois(y; e^z) dz on counts 0..K, by the midpoint rule over z from 9 sd below
 * the mean to 5 above (the rest holds 3·10⁻⁷ of the mass), each cell's counts within 12√λ + 20 of λ
 */
export function sharedRateTable(K = 800, cells = 3000) {
  const { mean, sd } = SHARED_RATE, lo = mean - 9 * sd, hi = mean + 5 * sd, h = (hi - lo) / cells;
  const p = new Float64Array((K + 1) * (K + 1));
  const col = new Float64Array(K + 1);
  for (let c = 0; c < cells; c++) {
    const z = lo + (c + 0.5) * h, lambda = Math.exp(z), w = normalDensity(z - mean, sd) * h;
    const from = Math.max(0, Math.floor(lambda - 12 * Math.sqrt(lambda) - 10)), to = Math.min(K, Math.ceil(lambda + 12 * Math.sqrt(lambda) + 20));
    for (let k = from; k <= to; k++) col[k] = Math.exp(logPoisson(k, lambda));
    for (let a = from; a <= to; a++) { const pa = w * col[a]; for (let b = from; b <= to; b++) p[a * (K + 1) + b] += pa * col[b]; }
  }
  return { p, K };
}
export function sharedRateTruth() {
  const { p, K } = sharedRateTable(), m = new Float64Array(K + 1);
  for (let a = 0; a <= K; a++) for (let b = 0; b <= K; b++) m[a] += p[a * (K + 1) + b];
  let s = 0;
  for (let a = 0; a <= K; a++) for (let b = 0; b <= K; b++) { const v = p[a * (K + 1) + b]; if (v > 0) s += v * Math.log(v / (m[a] * m[b])); }
  return s;
}
export function drawSharedRate(r) { const lambda = Math.exp(SHARED_RATE.mean + SHARED_RATE.sd * r.normal()); return [poissonDraw(r, lambda), poissonDraw(r, lambda)]; }

// --- a hurdle reading: y = 0 with chance σ(−2x), else y = e^{x + 0.5ε} (a point mass at 0 beside a log-normal part)
export const HURDLE = { slope: 2, logSd: 0.5 };
export const positiveChance = (x) => 1 / (1 + Math.exp(-HURDLE.slope * x));
export function drawHurdle(r) { const x = r.normal(), e = r.normal(); return [x, r.u() < positiveChance(x) ? Math.exp(x + HURDLE.logSd * e) : 0]; }
const binaryEntropy = (p) => (p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p));
/**
 * I(x; y) = I(x; B) + P(B = 1)·I(x; log y | B = 1), B = [y > 0]: I(x; B) = H(P(B)) − E H(σ(2x)); given B = 1, log y = x + 0.5ε
 * with x of density φ(x)σ(2x)/q, so the second is h(log y | B = 1) − h(0.5ε), all 1-D quadratures.
 */
export function hurdleTruth() {
  const q = quadrature(-12, 12, 24000, (x) => normalDensity(x) * positiveChance(x));
  const iB = binaryEntropy(q) - quadrature(-12, 12, 24000, (x) => normalDensity(x) * binaryEntropy(positiveChance(x)));
  const g = (u) => quadrature(-12, 12, 2400, (x) => (normalDensity(x) * positiveChance(x) / q) * normalDensity(u - x, HURDLE.logSd));
  const hU = -quadrature(-14, 14, 2800, (u) => { const v = g(u); return v > 0 ? v * Math.log(v) : 0; });
  return iB + q * (hU - 0.5 * (LOG_2PI + 1) - Math.log(HURDLE.logSd));
}

// --- 200 categories on both sides: x Zipf (p_k ∝ 1/(k + 1)^1.1), y = x with chance 0.7, else uniform over the 200
export const ZIPF = { levels: 200, power: 1.1, keep: 0.7 };
export const zipfProbabilities = () => { const w = Array.from({ length: ZIPF.levels }, (_, k) => (k + 1) ** -ZIPF.power), s = w.reduce((a, b) => a + b, 0); return w.map((v) => v / s); };
const zipfCumulative = (() => { let c; return () => { if (!c) { let s = 0; c = zipfProbabilities().map((p) => (s += p)); } return c; }; })();
export function drawZipf(r) { const c = zipfCumulative(), u = r.u(); let k = 0; while (k < ZIPF.levels - 1 && c[k] < u) k += 1; return [k, r.u() < ZIPF.keep ? k : r.int(ZIPF.levels)]; }
/** I = Σ_x p(x) Σ_y p(y | x) log p(y | x)/p(y), exactly: p(y | x) = keep·[y = x] + (1 − keep)/L, p(y) = keep·p_y + (1 − keep)/L */
export function zipfTruth() {
  const p = zipfProbabilities(), L = ZIPF.levels, k = ZIPF.keep, off = (1 - k) / L;
  let s = 0;
  for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) { const c = (a === b ? k : 0) + off; s += p[a] * c * Math.log(c / (k * p[b] + off)); }
  return s;
}

// --- a whole data set given twice, in order (rows 0..m−1, then the same m rows again)
const twice = ({ x, y }) => ({ x: [...x, ...x.map((row) => [...row])], y: [...y, ...y.map((row) => [...row])] });
export const FIVE_LEVELS = { levels: 5, keep: 0.6 };
export const fiveLevelTruth = () => { const L = FIVE_LEVELS.levels, k = FIVE_LEVELS.keep, same = k + (1 - k) / L, other = (1 - k) / L; return Math.log(L) + same * Math.log(same) + (L - 1) * other * Math.log(other); };

export const SETS = [
  { name: "float32array-x-at-1e30-y-at-1e-30-flat-columns-rho0.8-n1000", truth: gaussPairMI(0.8), sample: float32Scales },
  { name: "float32array-rows-1e30-beside-1e-30-crossed-pairs-rho0.8-2x2-n1000", truth: 2 * gaussPairMI(0.8), sample: float32Crossed },
  ...CONTAINERS.map((c) => ({ name: `same-data-as-${c}-two-pairs-rho0.7-2x2-n500`, truth: 2 * gaussPairMI(0.7), sample: (seed) => sameData(seed, c) })),
  { name: "one-x-vs-15-noisy-copies-noise-0.5-to-8-1x15-n1000", truth: fanOutTruth, sample: (seed) => { const r = rng(2913000 + seed); return rows(1000, () => { const v = r.normal(); return [[v], FAN_OUT_NOISE.map((s) => v + s * r.normal())]; }); } },
  { name: "15-x-vs-one-y-weighted-sum-alternating-weights-15x1-n1000", truth: fanInTruth, sample: (seed) => { const r = rng(2914000 + seed); return rows(1000, () => { const v = FAN_IN_WEIGHTS.map(() => r.normal()); return [v, [v.reduce((s, a, j) => s + FAN_IN_WEIGHTS[j] * a, 0) + r.normal()]]; }); } },
  ...[20, 40, 80].map((n) => ({ name: `small-n-two-pairs-rho0.9-2x2-n${n}`, truth: 2 * gaussPairMI(0.9), sample: (seed) => { const r = rng(2915000 + 100 * n + seed); return rows(n, () => { const [a1, b1] = pair(r, 0.9), [a2, b2] = pair(r, 0.9); return [[a1, a2], [b1, b2]]; }); } })),
  ...[5, 8].map((nats) => ({ name: `y-x-plus-noise-${nats}-nats-one-column-n1000`, truth: nats, sample: (seed) => { const r = rng(2916000 + 100 * nats + seed), s = noiseForNats(nats); return rows(1000, () => { const v = r.normal(); return [[v], [v + s * r.normal()]]; }); } })),
  { name: "poisson-counts-both-sides-shared-lognormal-rate-mean1.5-sd1-n1000", truth: sharedRateTruth, sample: (seed) => { const r = rng(2917000 + seed); return rows(1000, () => drawSharedRate(r).map((k) => [k])); } },
  { name: "hurdle-y-zero-with-chance-logistic-minus-2x-else-lognormal-x-0.5-n1000", truth: hurdleTruth, sample: (seed) => { const r = rng(2918000 + seed); return rows(1000, () => drawHurdle(r).map((v) => [v])); } },
  { name: "zipf-200-categories-x-copied-to-y-0.7-else-uniform-both-discrete-n1000", truth: zipfTruth, sample: (seed) => { const r = rng(2919000 + seed); return rows(1000, () => drawZipf(r).map((v) => [v])); } },
  { name: "whole-data-set-given-twice-in-order-gauss-rho0.8-2x500", truth: gaussPairMI(0.8), sample: (seed) => { const r = rng(2920000 + seed); return twice(rows(500, () => pair(r, 0.8).map((v) => [v]))); } },
  { name: "whole-data-set-given-twice-in-order-5-levels-kept-0.6-2x500", truth: fiveLevelTruth, sample: (seed) => { const r = rng(2921000 + seed); return twice(rows(500, () => { const a = r.int(5); return [[a], [r.u() < FIVE_LEVELS.keep ? a : r.int(5)]]; })); } },
];
