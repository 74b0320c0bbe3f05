// The thirty-sixth unseen probe's sets: rows extreme in both x and y where the estimators are right (tail-dependent
// copulas on normal margins, a bivariate Laplace, a shared scale in 1 + 1 and 3 + 3), rare-row dependence the
// rows-extreme-in-both rule cannot read (a shock in x's and y's sixth columns, four expected shock rows), and data as a
// practitioner exports it (an epoch-millisecond column beside a value, long-tailed counts with many zeros in 3 + 3, a feature
// and its lag in a slowly mixing series, the maximum of five readings, an interval-censored reading as [lower, upper], a
// dependent population in a fifth of the rows).
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms, exact sums, and 1-D and 2-D
// midpoint rules (check-truths.mjs checks each by Monte Carlo).
import { rng, probit } from "../unseen5/sets.mjs";
import { normalDensity, quadrature, gaussPairMI } from "../unseen31/sets.mjs";
import { gumbelTruth, gumbelPair } from "../unseen14/sets.mjs";
import { studentPairsTruth } from "../unseen20/sets.mjs";
import { lgamma } from "../unseen16/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";
import { asinhTruth, mixtureJoint, mixtureTruth, sharedShock } from "../unseen35/sets.mjs";

export { rng, probit, Phi };
const plogp = (p) => (p > 0 ? p * Math.log(p) : 0);
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const normalPair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
/** Φ⁻¹(1 − t) for an upper-tail probability t, without forming 1 − t */
const upperProbit = (t) => -probit(t);

// --- Gumbel copula θ on normal margins: gumbelPair gives p = −log u, q = −log v; x = Φ⁻¹(u) = Φ⁻¹(1 − (−expm1(−p)))
export const gumbelNormal = (r, th) => gumbelPair(r, th).map((p) => upperProbit(-Math.expm1(-p)));

// --- Student-t copula (ν, ρ) on normal margins: x = Φ⁻¹(T_ν(t)); the copula's MI is the bivariate t's
const tUpper = { 1: (t) => Math.atan2(1, t) / Math.PI, 3: (t) => 0.5 - (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI };
export const tPair = (r, nu, rho) => { let w = 0; for (let k = 0; k < nu; k++) w += r.normal() ** 2; const s = Math.sqrt(w / nu), [a, b] = normalPair(r, rho); return [a / s, b / s]; };
const tToNormal = (t, nu) => Math.sign(t) * upperProbit(tUpper[nu](Math.abs(t)));
export const tCopulaNormal = (r, nu, rho) => tPair(r, nu, rho).map((t) => tToNormal(t, nu));

// --- bivariate (symmetric) Laplace: (x, y) = √W·(a, b), W ~ Exp(1), (a, b) N(0, 1) at ρ: p(x, y) = K₀(√(2Q))/(π√(1 − ρ²)),
// Q = (x² − 2ρxy + y²)/(1 − ρ²); margins Laplace of variance 1
/** log K₀(z), z > 0 (Abramowitz & Stegun 9.8.5–9.8.6, relative error below 10⁻⁶) */
export function logK0(z) {
  if (z <= 2) {
    const t = z / 3.75, t2 = t * t, i0 = 1 + t2 * (3.5156229 + t2 * (3.0899424 + t2 * (1.2067492 + t2 * (0.2659732 + t2 * (0.0360768 + t2 * 0.0045813)))));
    const h = (z * z) / 4;
    return Math.log(-Math.log(z / 2) * i0 + (-0.57721566 + h * (0.4227842 + h * (0.23069756 + h * (0.0348859 + h * (0.00262698 + h * (0.0001075 + h * 0.0000074)))))));
  }
  const u = 2 / z;
  return -z - 0.5 * Math.log(z) + Math.log(1.25331414 + u * (-0.07832358 + u * (0.02189568 + u * (-0.01062446 + u * (0.00587872 + u * (-0.0025154 + u * 0.00053208))))));
}
export const laplace2LogJoint = (x, y, rho) => { const q = (x * x - 2 * rho * x * y + y * y) / (1 - rho * rho); return logK0(Math.sqrt(2 * Math.max(q, 1e-300))) - Math.log(Math.PI * Math.sqrt(1 - rho * rho)); };
export const laplace1LogMargin = (x) => -Math.SQRT2 * Math.abs(x) - 0.5 * Math.log(2);
export const laplace2Truth = (rho, m = 1600) => asinhTruth((x, y) => Math.exp(laplace2LogJoint(x, y, rho)), (x) => Math.exp(laplace1LogMargin(x)), (y) => Math.exp(laplace1LogMargin(y)), 40, m, 0.05);
export const laplace2Pair = (r, rho) => { const w = Math.sqrt(-Math.log(r.u())), [a, b] = normalPair(r, rho); return [w * a, w * b]; };

// --- a shared scale: x = s·a (d columns), y = s·b (d columns), s = e^(σz), a, b, z independent normals. The direction of x is
// uniform and independent of the rest, so I(x; y) = I(log|x|; log|y|) = I(σz + e₁; σz + e₂) with e = log χ_d
export const logChiDensity = (e, d) => Math.exp(d * e - Math.exp(2 * e) / 2 - ((d / 2 - 1) * Math.log(2) + lgamma(d / 2)));
export function scaleMixture({ sigma, d }, K = 120) {
  const nodes = Array.from({ length: K }, (_, k) => -6 + (12 * (k + 0.5)) / K), w = nodes.map((z) => (normalDensity(z) * 12) / K);
  return {
    joint: (u, v) => nodes.reduce((a, z, k) => a + w[k] * logChiDensity(u - sigma * z, d) * logChiDensity(v - sigma * z, d), 0),
    margin: (u) => nodes.reduce((a, z, k) => a + w[k] * logChiDensity(u - sigma * z, d), 0),
  };
}
export function scaleTruth(sm, m = 500) {
  const s = scaleMixture(sm), lo = -22 - 6 * sm.sigma, hi = 3 + 6 * sm.sigma, h = (hi - lo) / m, g = Array.from({ length: m }, (_, i) => lo + (i + 0.5) * h), pm = g.map(s.margin);
  let t = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) { const p = s.joint(g[i], g[j]); if (p > 1e-300) t += p * Math.log(p / (pm[i] * pm[j])); }
  return t * h * h;
}
export const SCALE = { sigma: 0.7 };
export const scaleRow = (r, sigma, d, shared = true) => { const s = Math.exp(sigma * r.normal()), s2 = shared ? s : Math.exp(sigma * r.normal()); const x = Array.from({ length: d }, () => s * r.normal()), y = Array.from({ length: d }, () => s2 * r.normal()); return d === 1 ? [x[0], y[0]] : [x, y]; };

// --- counts with a long tail and many zeros: G ~ Gamma(k, rate β), x_j, y_j ~ Poisson(λG), three columns a side. The sums
// are sufficient for G, so I(x; y) = I(Σx; Σy), an exact double sum of negative-multinomial probabilities
export const COUNTS = { k: 0.5, beta: 0.5, lambda: 0.5, d: 3 };
/** log P(Σx = s, Σy = t) and log P(Σx = s) */
export function countsLogs({ k, beta, lambda, d } = COUNTS) {
  const L = d * lambda;
  return {
    logJoint: (s, t) => (s + t) * Math.log(L) + k * Math.log(beta) + lgamma(s + t + k) - lgamma(s + 1) - lgamma(t + 1) - lgamma(k) - (s + t + k) * Math.log(2 * L + beta),
    logMargin: (s) => s * Math.log(L) + k * Math.log(beta) + lgamma(s + k) - lgamma(s + 1) - lgamma(k) - (s + k) * Math.log(L + beta),
  };
}
export function countsTruth(c = COUNTS, S = 400) {
  const { logJoint, logMargin } = countsLogs(c);
  const lm = Array.from({ length: S }, (_, s) => logMargin(s));
  let t = 0;
  for (let s = 0; s < S; s++) for (let u = 0; u < S; u++) { const lj = logJoint(s, u); t += Math.exp(lj) * (lj - lm[s] - lm[u]); }
  return t;
}
const poisson = (r, mean) => { const L = Math.exp(-mean); let k = 0, p = r.u(); while (p > L) { k += 1; p *= r.u(); } return k; };
export const countsRow = (r, { k, beta, lambda, d } = COUNTS) => { const g = (r.normal() ** 2) / (2 * beta); return [Array.from({ length: d }, () => poisson(r, lambda * g)), Array.from({ length: d }, () => poisson(r, lambda * g))]; };
// (Gamma(½, rate β) is Z²/(2β); the sets use k = ½ only)

// --- y = max of five N(0, 1) readings + σε: I = h(y) − h(σε), p(y) = ∫ 5φ(m)Φ(m)⁴ φ_σ(y − m) dm
export const MAX5 = { k: 5, sigma: 0.3 };
export const maxDensity = (y, { k, sigma } = MAX5) => quadrature(-7, 7, 1400, (m) => k * normalDensity(m) * Phi(m) ** (k - 1) * normalDensity(y - m, sigma));
export const maxTruth = (mx = MAX5) => -quadrature(-5, 7, 3000, (y) => plogp(maxDensity(y, mx))) - 0.5 * Math.log(2 * Math.PI * Math.E * mx.sigma ** 2);

// --- an interval-censored reading: y* = x + σε is known only as [L, L + 1] on a unit grid of random origin U: L = y* − V with
// V = frac(y* − U) ~ U(0, 1) independent of y*, so I = h(x + σε − V) − h(σε − V), each a normal convolved with U(−1, 0):
// density Φ((t + 1)/s) − Φ(t/s)
export const CENSOR = { sigma: 0.5 };
const boxNormalEntropy = (s) => -quadrature(-1 - 12 * s, 12 * s, 20000, (t) => plogp(Phi((t + 1) / s) - Phi(t / s)));
export const censorTruth = ({ sigma } = CENSOR) => boxNormalEntropy(Math.sqrt(1 + sigma * sigma)) - boxNormalEntropy(sigma);

// --- a dependent population in a share of the rows (ρ = 0.95), the rest independent; both margins N(0, 1)
export const POPULATIONS = [{ w: 0.8, vx: 1, vy: 1, c: 0 }, { w: 0.2, vx: 1, vy: 1, c: 0.95 }];

// --- whole-number readings mostly 0 (round(u), u ~ N(0, 0.4²): 0 in 79 % of rows, so the median absolute deviation is 0)
// with a shared shock: x = round(u + S·B), y = round(v + S·B), B ~ Bernoulli(share), S ~ N(0, sd²). Exact but for a 1-D rule
// over S: P(k | S) = Φ((k + ½ − S)/0.4) − Φ((k − ½ − S)/0.4)
export const ROUNDED_SHOCK = { share: 0.01, sd: 10, noise: 0.4 };
export function roundedShockTables({ share, sd, noise } = ROUNDED_SHOCK, K = 1200) {
  const R = Math.ceil(9 * sd), ks = Array.from({ length: 2 * R + 1 }, (_, i) => i - R), cell = (k, S) => Phi((k + 0.5 - S) / noise) - Phi((k - 0.5 - S) / noise);
  const h = (18 * sd) / K, nodes = Array.from({ length: K }, (_, j) => -9 * sd + (j + 0.5) * h), w = nodes.map((S) => normalDensity(S, sd) * h);
  const quiet = ks.map((k) => cell(k, 0)), given = nodes.map((S) => ks.map((k) => cell(k, S)));
  const margin = ks.map((_, i) => (1 - share) * quiet[i] + share * nodes.reduce((a, _, j) => a + w[j] * given[j][i], 0));
  const joint = (i, l) => (1 - share) * quiet[i] * quiet[l] + share * nodes.reduce((a, _, j) => a + w[j] * given[j][i] * given[j][l], 0);
  return { ks, margin, joint };
}
export function roundedShockTruth(rs = ROUNDED_SHOCK) {
  const { ks, margin, joint } = roundedShockTables(rs);
  let t = 0;
  for (let i = 0; i < ks.length; i++) { if (!(margin[i] > 1e-14)) continue; for (let l = 0; l < ks.length; l++) { if (!(margin[l] > 1e-14)) continue; const p = joint(i, l); if (p > 0) t += p * Math.log(p / (margin[i] * margin[l])); } }
  return t;
}
export const roundedShockRow = (r, { share, sd, noise } = ROUNDED_SHOCK) => { const S = r.u() < share ? sd * r.normal() : 0; return [Math.round(noise * r.normal() + S), Math.round(noise * r.normal() + S)]; };

// --- readings 0 in 60 % of the rows (spend, rainfall: the median and the median absolute deviation are 0), N(0, 1) in the
// rest, with a shock shared by 1 %: x = u + B·(S + e), y = v + B·(S + e′), S ~ N(0, sd²), e, e′ ~ N(0, 1). I is the sum over
// x and y each 0 or not: the both-0 mass, twice a 1-D integral (one 0), and a 2-D rule over the Gaussian components
export const ZERO_SHOCK = { zero: 0.6, share: 0.01, sd: 10 };
export function zeroShockParts({ zero, share, sd } = ZERO_SHOCK) {
  const v = sd * sd, q = 1 - zero;
  const comps = [{ w: (1 - share) * q * q, vx: 1, vy: 1, c: 0 }];
  for (const [wx, ax] of [[zero, 0], [q, 1]]) for (const [wy, ay] of [[zero, 0], [q, 1]]) comps.push({ w: share * wx * wy, vx: v + 1 + ax, vy: v + 1 + ay, c: v });
  const f = (t) => (1 - share) * q * normalDensity(t) + share * (zero * normalDensity(t, Math.sqrt(v + 1)) + q * normalDensity(t, Math.sqrt(v + 2)));
  return { comps, f, atom: (1 - share) * zero, bothAtoms: (1 - share) * zero * zero, oneAtom: (t) => (1 - share) * zero * q * normalDensity(t) };
}
export function zeroShockTruth(z = ZERO_SHOCK) {
  const { comps, f, atom, bothAtoms, oneAtom } = zeroShockParts(z);
  const i00 = bothAtoms * Math.log(bothAtoms / (atom * atom));
  const i0c = quadrature(-12, 12, 24000, (t) => oneAtom(t) * Math.log(oneAtom(t) / (atom * f(t))));
  return i00 + 2 * i0c + asinhTruth(mixtureJoint(comps), f, f, 14 * Math.sqrt(z.sd * z.sd + 2));
}
export const zeroShockRow = (r, { zero, share, sd } = ZERO_SHOCK) => { const u = r.u() < zero ? 0 : r.normal(), v = r.u() < zero ? 0 : r.normal(); if (r.u() < share) { const S = sd * r.normal(); return [u + S + r.normal(), v + S + r.normal()]; } return [u, v]; };

export const AR = 0.99;
export const SHOCK6 = { share: 0.01, sd: 10 };
export const FEW_SHOCKS = { share: 0.004, sd: 20 };
const shockRow = (r, { share, sd }) => { const [a, b] = [r.normal(), r.normal()]; if (r.u() < share) { const S = sd * r.normal(); return [a + S, b + S]; } return [a, b]; };

export const SETS = [
  // tail dependence on light margins
  ...[1000, 5000].map((n) => ({ name: `gumbel-theta2-normal-margins-n${n}`, truth: () => gumbelTruth(2), sample: (seed) => { const r = rng(3601000 + n + seed); return rows(n, () => gumbelNormal(r, 2)); } })),
  { name: "gumbel-theta1.25-normal-margins-n5000", truth: () => gumbelTruth(1.25), sample: (seed) => { const r = rng(3602000 + seed); return rows(5000, () => gumbelNormal(r, 1.25)); } },
  ...[1000, 5000].map((n) => ({ name: `t-copula-nu1-rho0-normal-margins-n${n}`, truth: () => studentPairsTruth(1, 1, 0), sample: (seed) => { const r = rng(3603000 + n + seed); return rows(n, () => tCopulaNormal(r, 1, 0)); } })),
  { name: "t-copula-nu3-rho0.5-normal-margins-n1000", truth: () => studentPairsTruth(3, 1, 0.5), sample: (seed) => { const r = rng(3604000 + seed); return rows(1000, () => tCopulaNormal(r, 3, 0.5)); } },
  ...[0, 0.5].map((rho) => ({ name: `bivariate-laplace-rho${rho}-n1000`, truth: () => laplace2Truth(rho), sample: (seed) => { const r = rng(3605000 + 100 * rho + seed); return rows(1000, () => laplace2Pair(r, rho)); } })),
  { name: "shared-scale-lognormal0.7-1x1-n1000", truth: () => scaleTruth({ sigma: SCALE.sigma, d: 1 }), sample: (seed) => { const r = rng(3606000 + seed); return rows(1000, () => scaleRow(r, SCALE.sigma, 1)); } },
  { name: "shared-scale-lognormal0.7-3x3-n2000", truth: () => scaleTruth({ sigma: SCALE.sigma, d: 3 }), sample: (seed) => { const r = rng(3607000 + seed); return rows(2000, () => scaleRow(r, SCALE.sigma, 3)); } },
  // rare rows the rule cannot read
  { name: "shared-shock-sd10-in-1pct-in-sixth-columns-6x6-n1000", truth: () => mixtureTruth(sharedShock(SHOCK6), 14 * Math.sqrt(101)), sample: (seed) => { const r = rng(3608000 + seed); return rows(1000, () => { const x = Array.from({ length: 6 }, () => r.normal()), y = Array.from({ length: 6 }, () => r.normal()); const [a, b] = shockRow(r, SHOCK6); x[5] = a; y[5] = b; return [x, y]; }); } },
  { name: "shared-shock-sd20-in-0.4pct-n1000", truth: () => mixtureTruth(sharedShock(FEW_SHOCKS), 14 * Math.sqrt(401)), sample: (seed) => { const r = rng(3609000 + seed); return rows(1000, () => shockRow(r, FEW_SHOCKS)); } },
  { name: "whole-numbers-mostly-0-shared-shock-sd10-in-1pct-n1000", truth: () => roundedShockTruth(), sample: (seed) => { const r = rng(3618000 + seed); return rows(1000, () => roundedShockRow(r)); } },
  { name: "readings-0-in-60pct-shared-shock-sd10-in-1pct-n1000", truth: () => zeroShockTruth(), sample: (seed) => { const r = rng(3619000 + seed); return rows(1000, () => zeroShockRow(r)); } },
  // as exported
  { name: "epoch-ms-column-beside-value-rho0.8-n1000", truth: gaussPairMI(0.8), sample: (seed) => { const r = rng(3610000 + seed); return rows(1000, () => { const [a, b] = normalPair(r, 0.8); return [[Math.round(1.7e12 + r.u() * 3.1536e10), a], b]; }); } },
  { name: "counts-gamma-frailty-3x3-many-zeros-n1000", truth: () => countsTruth(), sample: (seed) => { const r = rng(3611000 + seed); return rows(1000, () => countsRow(r)); } },
  { name: "ar1-0.99-feature-and-lag-n2000", truth: gaussPairMI(AR), sample: (seed) => { const r = rng(3612000 + seed); let z = r.normal(); const sd = Math.sqrt(1 - AR * AR); return rows(2000, () => { const a = z; z = AR * z + sd * r.normal(); return [a, z]; }); } },
  { name: "max-of-5-readings-plus-0.3noise-n1000", truth: () => maxTruth(), sample: (seed) => { const r = rng(3613000 + seed); return rows(1000, () => { const x = Array.from({ length: 5 }, () => r.normal()); return [x, Math.max(...x) + MAX5.sigma * r.normal()]; }); } },
  { name: "interval-censored-y-as-lower-upper-n1000", truth: () => censorTruth(), sample: (seed) => { const r = rng(3614000 + seed); return rows(1000, () => { const x = r.normal(), ys = x + CENSOR.sigma * r.normal(), u = r.u(), L = u + Math.floor(ys - u); return [x, [L, L + 1]]; }); } },
  { name: "dependent-fifth-rho0.95-rest-independent-n2000", truth: () => mixtureTruth(POPULATIONS, 10), sample: (seed) => { const r = rng(3615000 + seed); return rows(2000, () => (r.u() < 0.2 ? normalPair(r, 0.95) : [r.normal(), r.normal()])); } },
  // controls: independent, the same margins
  { name: "independent-scales-lognormal0.7-3x3-n2000", truth: 0, sample: (seed) => { const r = rng(3616000 + seed); return rows(2000, () => scaleRow(r, SCALE.sigma, 3, false)); } },
  { name: "independent-laplace-pair-n1000", truth: 0, sample: (seed) => { const r = rng(3617000 + seed); return rows(1000, () => [laplace2Pair(r, 0)[0], laplace2Pair(r, 0)[0]]); } },
];
