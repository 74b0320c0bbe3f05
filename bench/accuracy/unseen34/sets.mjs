// The thirty-fourth unseen probe's sets: an adversary's data for two rules, codes for missing values (detached-atoms.ts)
// and heavy tails that cost trust only when their tail rows depart from a Gaussian copula (standardise.ts).
// Codes: a point mass at 1000 whose occurrence is informative about y (y shifted in its rows), codes on both sides whose
// co-occurrence is the only dependence, codes on 2.5 % of rows (at the split's threshold), a code inside a Cauchy column,
// a code in a five-valued column, 10 + 10 columns each with its own code, rows sorted so the codes cluster at the end, and
// n = 200–300. Heavy tails: Student-t copulas (ν = 1, 3) under Pareto and log-normal margins, a Gumbel copula (upper tail
// dependence) under Pareto margins, Cauchy channels in 2 + 2 and 5 + 5, a Cauchy channel beside two Gaussian pairs, and 1 %
// of rows sharing a huge shock (sd 100) that carries all the MI; n = 300, 1000 and 5000.
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms and 1-D/2-D quadratures
// (check-truths.mjs checks each a second way).
import { rng, probit } from "../unseen5/sets.mjs";
import { gaussPairMI, normalDensity, quadrature } from "../unseen31/sets.mjs";
import { studentPairsTruth } from "../unseen20/sets.mjs";
import { gumbelTruth, gumbelPair } from "../unseen14/sets.mjs";

export { rng, probit, gaussPairMI, normalDensity, quadrature, studentPairsTruth, gumbelTruth, gumbelPair };
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const gaussEntropy = (sd) => 0.5 * LN2PIE + Math.log(sd);
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const cauchy = (r) => Math.tan(Math.PI * (r.u() - 0.5));
const plogp = (p) => (p > 0 ? p * Math.log(p) : 0);

// --- an informative code: D ~ Bernoulli(share); D = 1: x = code, y ~ N(shift, sd); D = 0: (x, y) a pair at ρ.
// x determines D, so I = I(D; Y) + (1 − share)·I_ρ, I(D; Y) = H(Y) − (1 − share)H(N(0, 1)) − share·H(N(shift, sd))
export const codeTruth = ({ share, shift, sd, rho }) => {
  const py = (y) => (1 - share) * normalDensity(y) + share * normalDensity(y - shift, sd);
  const hy = -quadrature(-12, shift + 12 * sd + 12, 20000, (y) => plogp(py(y)));
  return hy - (1 - share) * gaussEntropy(1) - share * gaussEntropy(sd) + (1 - share) * gaussPairMI(rho);
};
export const CODE_1000 = { code: 1000, share: 0.1, shift: 2, sd: 0.5, rho: 0.8 };
export const CODE_EDGE = { code: -999, share: 0.025, shift: 3, sd: 0.5, rho: 0.8 };
const codeRow = (r, c) => { if (r.u() < c.share) return [c.code, c.shift + c.sd * r.normal()]; return pair(r, c.rho); };
const sortedByCode = (d, code) => { const idx = d.x.map((_, i) => i).sort((a, b) => (d.x[a] === code) - (d.x[b] === code) || a - b); return { x: idx.map((i) => d.x[i]), y: idx.map((i) => d.y[i]) }; };

// --- codes on both sides (x: −999, y: 9999), the values independent N(0, 1): only the codes' co-occurrence is shared
export const COOCCUR = [[0.86, 0.04], [0.04, 0.06]]; // P(Dx = i, Dy = j)
export const cooccurTruth = () => { const px = COOCCUR.map((r) => r[0] + r[1]), py = [0, 1].map((j) => COOCCUR[0][j] + COOCCUR[1][j]); let s = 0; for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) s += COOCCUR[i][j] * Math.log(COOCCUR[i][j] / (px[i] * py[j])); return s; };
const cooccurRow = (r) => { const u = r.u(), [dx, dy] = u < 0.86 ? [0, 0] : u < 0.9 ? [1, 0] : u < 0.94 ? [0, 1] : [1, 1]; return [dx ? -999 : r.normal(), dy ? 9999 : r.normal()]; };

// --- missing completely at random: a code in a share of x's cells keeps (1 − share) of the MI
export const MCAR = 0.1;
// a five-valued x (c uniform on 0–4), y = c + 0.5·noise: I(c; y) = H(y) − H(N(0, 0.5))
export const labelTruth = () => { const py = (y) => [0, 1, 2, 3, 4].reduce((s, c) => s + normalDensity(y - c, 0.5) / 5, 0); return -quadrature(-6, 10, 20000, (y) => plogp(py(y))) - gaussEntropy(0.5); };
// Cauchy values of a Gaussian pair's x (x = tan(π(Φ(a) − ½)), monotone: the MI is the pair's)
const toCauchy = (a) => Math.tan(Math.PI * (0.5 * erfcHalf(a)));
function erfcHalf(a) { return Phi(a) - 0.5; }
import { Phi } from "../unseen15/sets.mjs";

// --- heavy tails. Student-t pairs (ν, ρ) through margins: the t's CDF (closed for ν = 1, 3), then a Pareto (α) or
// log-normal (σ) quantile; the MI is the t's (studentPairsTruth), margins being monotone maps
const tSurvival = (t, nu) => (nu === 1 ? Math.atan2(1, t) / Math.PI : (() => { const s = t / Math.sqrt(3); return 0.5 - (Math.atan(s) + s / (1 + s * s)) / Math.PI; })());
const tDraw = (r, nu, rho) => { let w = 0; for (let k = 0; k < nu; k++) w += r.normal() ** 2; const s = Math.sqrt(w / nu), [a, b] = pair(r, rho); return [a / s, b / s]; };
const pareto = (survival, alpha) => survival ** (-1 / alpha);
const logNormal = (survival, sigma) => Math.exp(-sigma * probit(survival));
// the Cauchy channel y = x + C, x and C standard Cauchy: y ~ Cauchy(0, 2), I = log 2 per coordinate
const cauchyChannel = (r) => { const x = cauchy(r); return [x, x + cauchy(r)]; };
// --- 1 % of rows sharing a shock S ~ N(0, 100²): x = a + S, y = b + S (a, b independent N(0, 1)), else x = a, y = b
export const SHOCK = { share: 0.01, sd: 100 };
export const shockJoint = (x, y, { share, sd } = SHOCK) => {
  const v = sd ** 2, det = (1 + v) ** 2 - v * v, q = ((1 + v) * (x * x + y * y) - 2 * v * x * y) / det;
  return (1 - share) * normalDensity(x) * normalDensity(y) + share * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
};
export const shockMargin = (x, { share, sd } = SHOCK) => (1 - share) * normalDensity(x) + share * normalDensity(x, Math.sqrt(1 + sd ** 2));
/** I by a 2-D midpoint rule in s = asinh(x), t = asinh(y) (fine near 0, wide in the shock's range) */
export const shockTruth = (shock = SHOCK, m = 2400, L = Math.asinh(14 * Math.sqrt(1 + shock.sd ** 2))) => {
  const h = (2 * L) / m; let s = 0;
  for (let i = 0; i < m; i++) { const x = Math.sinh(-L + (i + 0.5) * h), jx = Math.cosh(-L + (i + 0.5) * h), px = shockMargin(x, shock);
    for (let j = 0; j < m; j++) { const y = Math.sinh(-L + (j + 0.5) * h), p = shockJoint(x, y, shock); if (p > 1e-300) s += p * Math.log(p / (px * shockMargin(y, shock))) * jx * Math.cosh(-L + (j + 0.5) * h); } }
  return s * h * h;
};
/** milder shocks, whose tails may pass for light */
export const SHOCKS_MILD = [{ share: 0.01, sd: 10 }, { share: 0.03, sd: 10 }, { share: 0.05, sd: 3 }];
const shockRow = (r, { share, sd } = SHOCK) => { const a = r.normal(), b = r.normal(); if (r.u() < share) { const S = sd * r.normal(); return [a + S, b + S]; } return [a, b]; };

export const SETS = [
  // codes
  ...[1000, 300].map((n) => ({ name: `code-1000-on-10pct-of-x-its-rows-y-shifted-else-pair-rho0.8-n${n}`, truth: () => codeTruth(CODE_1000), sample: (seed) => { const r = rng(3401000 + n + seed); return rows(n, () => codeRow(r, CODE_1000)); } })),
  { name: "code-1000-informative-rows-sorted-codes-last-n1000", truth: () => codeTruth(CODE_1000), sample: (seed) => { const r = rng(3402000 + seed); return sortedByCode(rows(1000, () => codeRow(r, CODE_1000)), 1000); } },
  ...[1000, 200].map((n) => ({ name: `codes-minus999-on-x-9999-on-y-co-occurring-only-values-independent-n${n}`, truth: cooccurTruth, sample: (seed) => { const r = rng(3403000 + n + seed); return rows(n, () => cooccurRow(r)); } })),
  ...[1000, 2000].map((n) => ({ name: `code-minus999-on-2.5pct-of-x-its-rows-y-shifted-3-else-pair-rho0.8-n${n}`, truth: () => codeTruth(CODE_EDGE), sample: (seed) => { const r = rng(3404000 + n + seed); return rows(n, () => codeRow(r, CODE_EDGE)); } })),
  { name: "code-minus999-on-10pct-mcar-inside-a-cauchy-x-of-a-pair-rho0.8-n1000", truth: (1 - MCAR) * gaussPairMI(0.8), sample: (seed) => { const r = rng(3405000 + seed); return rows(1000, () => { const [a, b] = pair(r, 0.8), m = r.u() < MCAR; return [m ? -999 : toCauchy(a), b]; }); } },
  { name: "code-99-on-10pct-mcar-of-a-5-valued-x-y-x-plus-0.5noise-n1000", truth: () => (1 - MCAR) * labelTruth(), sample: (seed) => { const r = rng(3406000 + seed); return rows(1000, () => { const c = r.int(5), y = c + 0.5 * r.normal(); return [r.u() < MCAR ? 99 : c, y]; }); } },
  { name: "codes-minus999-in-10pct-of-every-cell-10-pairs-rho0.5-10x10-n1000", truth: 10 * (1 - MCAR) ** 2 * gaussPairMI(0.5), sample: (seed) => { const r = rng(3407000 + seed); return rows(1000, () => { const x = [], y = []; for (let k = 0; k < 10; k++) { const [a, b] = pair(r, 0.5); x.push(r.u() < MCAR ? -999 : a); y.push(r.u() < MCAR ? -999 : b); } return [x, y]; }); } },
  { name: "code-minus999-10pct-mcar-pair-rho0.8-rows-sorted-codes-last-n1000", truth: (1 - MCAR) * gaussPairMI(0.8), sample: (seed) => { const r = rng(3408000 + seed); return sortedByCode(rows(1000, () => { const [a, b] = pair(r, 0.8); return [r.u() < MCAR ? -999 : a, b]; }), -999); } },
  // heavy tails
  ...[1000, 300, 5000].map((n) => ({ name: `t-copula-nu1-rho0.5-pareto-alpha1-margins-n${n}`, truth: studentPairsTruth(1, 1, 0.5), sample: (seed) => { const r = rng(3409000 + n + seed); return rows(n, () => tDraw(r, 1, 0.5).map((t) => pareto(tSurvival(t, 1), 1))); } })),
  { name: "t-copula-nu3-rho0.7-log-normal-sigma2-margins-n1000", truth: studentPairsTruth(3, 1, 0.7), sample: (seed) => { const r = rng(3410000 + seed); return rows(1000, () => tDraw(r, 3, 0.7).map((t) => logNormal(tSurvival(t, 3), 2))); } },
  { name: "t-copula-nu1-rho0-tail-dependence-only-pareto-alpha0.7-margins-n1000", truth: studentPairsTruth(1, 1, 0), sample: (seed) => { const r = rng(3411000 + seed); return rows(1000, () => tDraw(r, 1, 0).map((t) => pareto(tSurvival(t, 1), 0.7))); } },
  ...[1000, 5000].map((n) => ({ name: `gumbel-copula-theta2-upper-tail-pareto-alpha0.8-margins-n${n}`, truth: () => gumbelTruth(2), sample: (seed) => { const r = rng(3412000 + n + seed); return rows(n, () => gumbelPair(r, 2).map((p) => pareto(-Math.expm1(-p), 0.8))); } })),
  { name: "cauchy-channel-2x2-n1000", truth: 2 * Math.log(2), sample: (seed) => { const r = rng(3413000 + seed); return rows(1000, () => { const [a, b] = cauchyChannel(r), [c, d] = cauchyChannel(r); return [[a, c], [b, d]]; }); } },
  { name: "cauchy-channel-5x5-n1000", truth: 5 * Math.log(2), sample: (seed) => { const r = rng(3414000 + seed); return rows(1000, () => { const x = [], y = []; for (let k = 0; k < 5; k++) { const [a, b] = cauchyChannel(r); x.push(a); y.push(b); } return [x, y]; }); } },
  { name: "cauchy-channel-2x2-n5000", truth: 2 * Math.log(2), sample: (seed) => { const r = rng(3415000 + seed); return rows(5000, () => { const [a, b] = cauchyChannel(r), [c, d] = cauchyChannel(r); return [[a, c], [b, d]]; }); } },
  { name: "cauchy-channel-beside-two-gaussian-pairs-rho0.8-3x3-n1000", truth: Math.log(2) + 2 * gaussPairMI(0.8), sample: (seed) => { const r = rng(3416000 + seed); return rows(1000, () => { const [a, b] = cauchyChannel(r), [c, d] = pair(r, 0.8), [e, f] = pair(r, 0.8); return [[a, c, e], [b, d, f]]; }); } },
  ...[1000, 5000].map((n) => ({ name: `shared-shock-sd100-in-1pct-of-rows-only-dependence-n${n}`, truth: () => shockTruth(), sample: (seed) => { const r = rng(3417000 + n + seed); return rows(n, () => shockRow(r)); } })),
];
// --- the batch after seed 0: milder shocks (sd 3–10 in 1–5 % of rows) that the tail estimators may take for light tails
SETS.push(...SHOCKS_MILD.flatMap((shock, k) => [1000, 5000].map((n) => ({ name: `shared-shock-sd${shock.sd}-in-${shock.share * 100}pct-of-rows-only-dependence-n${n}`, truth: () => shockTruth(shock), sample: (seed) => { const r = rng(3418000 + 100 * k + n + seed); return rows(n, () => shockRow(r, shock)); } }))));
// --- a survival Clayton copula (θ = 3: upper tail dependence 2^(−1/θ) ≈ 0.79) under Pareto margins: (u, v) Clayton by the
// conditional inverse, x = u^(−1/α), y = v^(−1/α) (u → 0 is x's upper tail). I = E log c, by a 2-D midpoint rule in
// s = log u, t = log v
export const CLAYTON = { theta: 3, alpha: 1 };
export const claytonLogC = (s, t, th) => Math.log1p(th) - (1 + th) * (s + t) - (2 + 1 / th) * Math.log(Math.exp(-th * s) + Math.exp(-th * t) - 1);
export const claytonTruth = (th = CLAYTON.theta, G = 2000, lo = -40) => {
  const h = -lo / G; let sum = 0;
  for (let i = 0; i < G; i++) { const s = lo + (i + 0.5) * h; for (let j = 0; j < G; j++) { const t = lo + (j + 0.5) * h, lc = claytonLogC(s, t, th); sum += Math.exp(lc + s + t) * lc; } }
  return sum * h * h;
};
export const claytonPair = (r, th) => { const u = r.u(), w = r.u(); return [u, (u ** -th * (w ** (-th / (1 + th)) - 1) + 1) ** (-1 / th)]; };
SETS.push(...[1000, 5000].map((n) => ({ name: `survival-clayton-theta3-upper-tail-pareto-alpha1-margins-n${n}`, truth: () => claytonTruth(), sample: (seed) => { const r = rng(3419000 + n + seed); return rows(n, () => claytonPair(r, CLAYTON.theta).map((u) => u ** (-1 / CLAYTON.alpha))); } })));
