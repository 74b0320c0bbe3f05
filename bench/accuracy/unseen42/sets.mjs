// The forty-second unseen probe's sets: what a careful statistician would try against a trust verdict. Exact ties in x
// (10 %, 50 %, 90 % of the rows at one value) beside a continuous y; a low MI spread thinly, each of 10 + 10 or 40 + 40
// columns the same latent plus a large noise of its own; dependence only through the variance, y = σ(x)·ε with σ from 1
// to 100 (or 1 to 3); the Gumbel extreme-value copula (θ = 1.2 and 3, dependence mostly in the upper tail) on Gumbel
// margins; a label of 2, 10 or 50 classes whose means in x differ slightly; repeated measures, rows in blocks of 10 with
// the same x and their own y (dependent, and independent; in blocks and shuffled); and some of these at n = 200 and two at n = 20 000.
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms and 1-D and 2-D rules
// (check-truths.mjs checks each a second way).
import { rng } from "../unseen5/sets.mjs";
import { normalDensity, quadrature } from "../unseen31/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";
import { mcMean } from "../unseen40/sets.mjs";
import { gaussI, gaussMI } from "../unseen16/sets.mjs";
import { gumbelLogC, gumbelPair, gumbelTruth } from "../unseen14/sets.mjs";

export { rng, normalDensity, quadrature, Phi, mcMean, gaussI, gaussMI, gumbelLogC, gumbelPair };
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const sampleOf = (base, n, draw) => (seed) => { const r = rng(base + seed); return rows(n, () => draw(r)); };
const LN2PIE = Math.log(2 * Math.PI * Math.E);
/** −∫ p log p by a midpoint rule on [lo, hi] with m cells */
export const entropyByRule = (p, lo, hi, m) => -quadrature(lo, hi, m, (v) => { const d = p(v); return d > 0 ? d * Math.log(d) : 0; });

// --- exact ties in x: x = 0 in a share t of the rows, else x ~ N(0, 1); y = x + 0.5·e. I = h(y) − h(0.5·e), y a mixture
// t·N(0, 0.25) + (1 − t)·N(0, 1.25): a 1-D rule
export const TIE_NOISE = 0.5;
export const tieDraw = (t) => (r) => { const x = r.u() < t ? 0 : r.normal(); return [x, x + TIE_NOISE * r.normal()]; };
export const tieDensityY = (t, y) => t * normalDensity(y, TIE_NOISE) + (1 - t) * normalDensity(y, Math.hypot(1, TIE_NOISE));
export const tieTruth = (t) => entropyByRule((y) => tieDensityY(t, y), -12, 12, 48000) - 0.5 * LN2PIE - Math.log(TIE_NOISE);

// --- a low MI spread thinly: z ~ N(0, 1); xⱼ = z + σ·eⱼ (d columns), yₖ = z + σ·e'ₖ (d columns). The column means are
// sufficient: x̄ = z + σ/√d·e, ȳ likewise, correlation ρ = 1/(1 + σ²/d), I = −½ log(1 − ρ²). σ²/d = 0.9: ρ = 0.526,
// I = 0.163 nats, one column's correlation with another's 1/(1 + σ²) (0.1 at d = 10, 0.027 at d = 40)
export const thinLatentTruth = (d, s) => gaussI(1 / (1 + (s * s) / d));
export const thinLatentDraw = (d, s) => (r) => { const z = r.normal(); return [Array.from({ length: d }, () => z + s * r.normal()), Array.from({ length: d }, () => z + s * r.normal())]; };

// --- dependence only through the variance: x ~ N(0, 1), y = σ(x)·ε, σ(x) = top^Φ(x) (1 to top). With u = Φ(x) uniform,
// p(y) = ∫₀¹ φ(y/σ(u))/σ(u) du and I = h(y) − ½ log 2πe − E log σ, E log σ = ½ log top. h(y) by a rule in t = log |y|
export const varianceDensity = (top, y, m = 400) => { const a = Math.log(top); return quadrature(0, 1, m, (u) => { const s = Math.exp(a * u); return normalDensity(y / s) / s; }); };
export function varianceTruth(top, m = 400) {
  const hy = -2 * quadrature(-30, Math.log(top) + 3, 6000, (t) => { const y = Math.exp(t), p = varianceDensity(top, y, m); return p > 0 ? p * Math.log(p) * y : 0; });
  return hy - 0.5 * LN2PIE - 0.5 * Math.log(top);
}
export const varianceDraw = (top) => (r) => { const x = r.normal(); return [x, top ** Phi(x) * r.normal()]; };

// --- the Gumbel extreme-value copula (θ), upper-tail dependence 2 − 2^(1/θ); margins standard Gumbel: x = −log p,
// y = −log q with (p, q) the exponential pair of ../unseen14 (Marshall–Olkin). I = E log c by the 2-D rule of ../unseen14
export const gumbelDraw = (th) => (r) => { const [p, q] = gumbelPair(r, th); return [-Math.log(p), -Math.log(q)]; };
export { gumbelTruth };

// --- a label of K classes with slightly different means: y uniform on 0..K−1, x = μ_y + e, μ_k = S·(k/(K − 1) − ½),
// S = 0.6. I = h(x) − h(e), x an equal mixture of N(μ_k, 1): a 1-D rule
export const LABEL_SPREAD = 0.6;
export const labelMeans = (K) => Array.from({ length: K }, (_, k) => LABEL_SPREAD * (k / (K - 1) - 0.5));
export const labelDensityX = (K, x) => labelMeans(K).reduce((s, m) => s + normalDensity(x - m), 0) / K;
export const labelTruth = (K) => entropyByRule((x) => labelDensityX(K, x), -12, 12, 48000) - 0.5 * LN2PIE;
export const labelDraw = (K) => (r) => { const k = r.int(K); return [labelMeans(K)[k] + r.normal(), k]; };

// --- repeated measures: rows in blocks of 10 sharing x ~ N(0, 1), each row its own y = ρx + √(1 − ρ²)·e. Each row's
// (x, y) is bivariate normal of correlation ρ: I = −½ log(1 − ρ²) (the rows are not independent, the pair's MI is this)
export const BLOCK = 10;
export const blockSample = (base, n, rho, shuffle = false) => (seed) => {
  const r = rng(base + seed), x = [], y = [];
  for (let b = 0; b < n / BLOCK; b++) { const v = r.normal(); for (let i = 0; i < BLOCK; i++) { x.push(v); y.push(rho * v + Math.sqrt(1 - rho * rho) * r.normal()); } }
  if (shuffle) for (let i = n - 1; i > 0; i--) { const j = r.int(i + 1); [x[i], x[j]] = [x[j], x[i]]; [y[i], y[j]] = [y[j], y[i]]; }
  return { x, y };
};

const SPREAD_NOISE = { 10: 3, 40: 6 };
export const SETS = [
  // ties in x
  ...[0.1, 0.5, 0.9].map((t, i) => ({ name: `x-exactly-0-in-${t * 100}pct-of-rows-else-gauss-y-x-plus-0.5noise-n1000`, truth: () => tieTruth(t), sample: sampleOf(4201000 + 1000 * i, 1000, tieDraw(t)) })),
  // a low MI spread thinly
  ...[10, 40].map((d, i) => ({ name: `same-latent-plus-noise${SPREAD_NOISE[d]}-in-each-of-${d}x${d}-columns-0.163-nats-n1000`, truth: () => thinLatentTruth(d, SPREAD_NOISE[d]), sample: sampleOf(4205000 + 1000 * i, 1000, thinLatentDraw(d, SPREAD_NOISE[d])) })),
  // the variance only
  ...[100, 3].map((top, i) => ({ name: `y-sigma-of-x-times-noise-sigma-1-to-${top}-via-Phi-x-n1000`, truth: () => varianceTruth(top), sample: sampleOf(4208000 + 1000 * i, 1000, varianceDraw(top)) })),
  // the upper tail
  ...[1.2, 3].map((th, i) => ({ name: `gumbel-extreme-value-copula-theta${th}-gumbel-margins-n1000`, truth: () => gumbelTruth(th), sample: sampleOf(4211000 + 1000 * i, 1000, gumbelDraw(th)) })),
  // a label with slightly different means
  ...[2, 10, 50].map((K, i) => ({ name: `label-${K}-classes-x-means-spread-0.6-plus-unit-noise-n1000`, truth: () => labelTruth(K), sample: sampleOf(4214000 + 1000 * i, 1000, labelDraw(K)) })),
  // repeated measures
  { name: "blocks-of-10-rows-same-x-own-y-rho0.8-n1000", truth: gaussI(0.8), sample: blockSample(4218000, 1000, 0.8) },
  { name: "blocks-of-10-rows-same-x-independent-y-n1000", truth: 0, sample: blockSample(4219000, 1000, 0) },
  // the same with the rows shuffled (no serial dependence left to see; x's values each 10 times)
  { name: "repeated-x-10-times-rows-shuffled-own-y-rho0.8-n1000", truth: gaussI(0.8), sample: blockSample(4227000, 1000, 0.8, true) },
  { name: "repeated-x-10-times-rows-shuffled-independent-y-n1000", truth: 0, sample: blockSample(4228000, 1000, 0, true) },
  // small and large n
  { name: "x-exactly-0-in-50pct-of-rows-else-gauss-y-x-plus-0.5noise-n200", truth: () => tieTruth(0.5), sample: sampleOf(4220000, 200, tieDraw(0.5)) },
  { name: "same-latent-plus-noise3-in-each-of-10x10-columns-0.163-nats-n200", truth: () => thinLatentTruth(10, 3), sample: sampleOf(4221000, 200, thinLatentDraw(10, 3)) },
  { name: "y-sigma-of-x-times-noise-sigma-1-to-100-via-Phi-x-n200", truth: () => varianceTruth(100), sample: sampleOf(4222000, 200, varianceDraw(100)) },
  { name: "gumbel-extreme-value-copula-theta3-gumbel-margins-n200", truth: () => gumbelTruth(3), sample: sampleOf(4223000, 200, gumbelDraw(3)) },
  { name: "label-10-classes-x-means-spread-0.6-plus-unit-noise-n200", truth: () => labelTruth(10), sample: sampleOf(4224000, 200, labelDraw(10)) },
  { name: "blocks-of-10-rows-same-x-own-y-rho0.8-n200", truth: gaussI(0.8), sample: blockSample(4225000, 200, 0.8) },
  { name: "x-exactly-0-in-90pct-of-rows-else-gauss-y-x-plus-0.5noise-n20000", truth: () => tieTruth(0.9), sample: sampleOf(4226000, 20000, tieDraw(0.9)) },
  { name: "label-2-classes-x-means-spread-0.6-plus-unit-noise-n20000", truth: () => labelTruth(2), sample: sampleOf(4229000, 20000, labelDraw(2)) },
];
