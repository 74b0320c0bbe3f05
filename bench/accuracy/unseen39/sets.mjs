// The thirty-ninth unseen probe's sets: kinds of data no earlier probe used, each with a known truth. Shares of a
// Dirichlet(0.3) (values down to 1e-30), a composition against its multinomial counts (rows summing to 1 and to 10), a
// composition made by a softmax, the running maximum of a Brownian path beside its end, a point on the perimeter of a
// square (atoms at 0 and 1 beside a continuous part), 1/(x + noise), the Joe and Ali–Mikhail–Haq copulas, genotypes 0/1/2
// (a polygenic score, an allele frequency), a first-passage time, a Poisson window's count and first event, the total and
// the longer of two exponential waits, a gamma rate read through 20 waits, a hypergeometric draw (Int32Array), and three
// independent controls from theorems (Basu: a normal sample's mean and its residuals; the minimum of exponentials and the
// excesses over it; the first of two exponential clocks and which one rang).
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms, exact sums, 1-D and 2-D
// midpoint rules (check-truths.mjs checks each by Monte Carlo).
import { rng } from "../unseen5/sets.mjs";
import { normalDensity, quadrature } from "../unseen31/sets.mjs";
import { lgamma, digamma } from "../unseen16/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";
import { gammaEntropy, EULER_GAMMA } from "../unseen24/sets.mjs";

export { rng, lgamma, digamma, Phi, normalDensity };
const plogp = (p) => (p > 0 ? p * Math.log(p) : 0);
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };

/** Gamma(k, 1) by Marsaglia and Tsang (k ≥ 1), and for k < 1 a Gamma(k + 1) times U^(1/k) */
export function gammaDraw(r, k) {
  if (k < 1) return gammaDraw(r, k + 1) * r.u() ** (1 / k);
  const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = r.normal(), v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(r.u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}
const expo = (r) => -Math.log(r.u());

// --- Dirichlet(a, a, a): x the first share, y the second. The 2-D density of (x, y) is the Dirichlet's own, the margins
// Beta(a, 2a): I = 2 h(Beta(a, 2a)) − h(Dir(a, a, a)), h(Dir(α)) = log B(α) + (α₀ − K)ψ(α₀) − Σ(αⱼ − 1)ψ(αⱼ)
export const dirichletEntropy = (al) => { const a0 = al.reduce((s, a) => s + a, 0); return al.reduce((s, a) => s + lgamma(a) - (a - 1) * digamma(a), 0) - lgamma(a0) + (a0 - al.length) * digamma(a0); };
export const dirichletLogDensity = (al, p) => { const a0 = al.reduce((s, a) => s + a, 0); return lgamma(a0) + al.reduce((s, a, j) => s - lgamma(a) + (a - 1) * Math.log(p[j]), 0); };
export const DIRICHLET_A = 0.3;
export const dirichletSharesTruth = (a = DIRICHLET_A) => 2 * dirichletEntropy([a, 2 * a]) - dirichletEntropy([a, a, a]);
export const dirichletDraw = (r, al) => { const g = al.map((a) => gammaDraw(r, a)), t = g.reduce((s, v) => s + v, 0); return g.map((v) => v / t); };

// --- p uniform on the simplex (Dirichlet(1, 1, 1)), y ~ Multinomial(10, p): y is uniform on the 66 compositions of 10
// (Dirichlet-multinomial), so I = log 66 − E H(Multinomial(10, p)) (a 2-D rule on p1 = u, p2 = (1 − u)v)
export const TRIALS = 10;
export const compositionsOf = (m) => { const out = []; for (let a = 0; a <= m; a++) for (let b = 0; a + b <= m; b++) out.push([a, b, m - a - b]); return out; };
const logFactorial = (k) => lgamma(k + 1);
export const multinomialLogP = (c, p) => logFactorial(c[0] + c[1] + c[2]) - c.reduce((s, k) => s + logFactorial(k), 0) + c.reduce((s, k, j) => s + (k ? k * Math.log(p[j]) : 0), 0);
export function multinomialTruth(m = 300) {
  const outcomes = compositionsOf(TRIALS);
  let s = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    const u = (i + 0.5) / m, v = (j + 0.5) / m, p = [u, (1 - u) * v, (1 - u) * (1 - v)];
    let h = 0;
    for (const c of outcomes) { const l = multinomialLogP(c, p); h -= Math.exp(l) * l; }
    s += 2 * (1 - u) * h;
  }
  return Math.log(outcomes.length) - s / (m * m);
}
export function multinomialDraw(r, p) { const c = [0, 0, 0]; for (let t = 0; t < TRIALS; t++) { const u = r.u(); c[u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2]++; } return c; }

// --- a composition by a softmax: z ~ N(0, 2² I₂), y = softmax(z₁ + e₁, z₂ + e₂, 0), e ~ N(0, I): the map is invertible
// (log yⱼ/y₃ = zⱼ + eⱼ), so I = 2 · ½ log(1 + 4) = log 5
export const SOFTMAX = { sd: 2, noise: 1 };
export const softmaxTruth = ({ sd, noise } = SOFTMAX) => Math.log(1 + (sd / noise) ** 2);
export const softmax3 = (a, b) => { const m = Math.max(a, b, 0), ea = Math.exp(a - m), eb = Math.exp(b - m), e0 = Math.exp(-m), t = ea + eb + e0; return [ea / t, eb / t, e0 / t]; };

// --- a Brownian path on [0, 1]: x its running maximum M, y its end B. f(m, b) = 2(2m − b)φ(2m − b) on m ≥ max(0, b);
// M half-normal, B normal. Drawn exactly: given B = b, P(M ≥ m) = exp(−2m(m − b)) (the reflection principle)
export const brownianLogJoint = (m, b) => Math.log(2 * (2 * m - b) * normalDensity(2 * m - b));
export const brownianLogRatio = (m, b) => brownianLogJoint(m, b) - Math.log(2 * normalDensity(m)) - Math.log(normalDensity(b));
export function brownianTruth(k = 1500) {
  // m in (0, 9), the gap d = m − b in (0, 12)
  const hm = 9 / k, hd = 12 / k;
  let s = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { const m = (i + 0.5) * hm, b = m - (j + 0.5) * hd; const l = brownianLogJoint(m, b); s += Math.exp(l) * (l - Math.log(2 * normalDensity(m)) - Math.log(normalDensity(b))); }
  return s * hm * hd;
}
export const brownianDraw = (r) => { const b = r.normal(); return [(b + Math.sqrt(b * b - 2 * Math.log(r.u()))) / 2, b]; };

// --- a point uniform on the perimeter of the unit square, x and y its coordinates: each is 0 or 1 (a quarter each) or
// uniform on (0, 1) (a half), and on every edge the pointwise MI is log 2 (e.g. the top edge: (1/4)/((1/2)(1/4))): I = log 2
export const perimeterDraw = (r) => { const t = 4 * r.u(), side = Math.floor(t), s = t - side; return [[s, 0], [1, s], [1 - s, 1], [0, 1 - s]][side]; };

// --- y = 1/(x + σe): 1/· is one-to-one, so I = I(x; x + σe) = ½ log(1 + 1/σ²)
export const RECIPROCAL_NOISE = 0.5;

// --- copulas: the Joe (θ = 3, upper-tail dependence; exponential margins) and Ali–Mikhail–Haq (θ = 0.9, weak; uniform
// margins) copulas: I = ∫∫ c log c, a 2-D rule (Joe's in normal scores, written in ū = 1 − u to keep its upper corner)
export const JOE_THETA = 3, AMH_THETA = 0.9;
export const joeLogDensity = (ub, vb, t = JOE_THETA) => { const a = ub ** t, b = vb ** t, A = a + b - a * b; return (1 / t - 2) * Math.log(A) + (t - 1) * (Math.log(ub) + Math.log(vb)) + Math.log(t - 1 + A); };
/** ∂C/∂u of the Joe copula in ū and v̄ (increasing in v, so decreasing in v̄) */
const joeConditional = (ub, vb, t = JOE_THETA) => { const a = ub ** t, b = vb ** t, A = a + b - a * b; return A ** (1 / t - 1) * ub ** (t - 1) * (1 - b); };
export function joeTruth(k = 1600, reach = 8.5) {
  const h = (2 * reach) / k;
  let s = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { const a = -reach + (i + 0.5) * h, b = -reach + (j + 0.5) * h; const l = joeLogDensity(Phi(-a), Phi(-b)); s += normalDensity(a) * normalDensity(b) * Math.exp(l) * l; }
  return s * h * h;
}
const bisect = (f, target, lo, hi) => { for (let i = 0; i < 80; i++) { const mid = 0.5 * (lo + hi); if (f(mid) < target) lo = mid; else hi = mid; } return 0.5 * (lo + hi); };
/** a Joe pair as (ū, v̄): v̄ solves ∂C/∂u = w (conditional inversion) */
export const joeDraw = (r) => { const ub = r.u(), w = r.u(); return [ub, bisect((vb) => -joeConditional(ub, vb), -w, 0, 1)]; };
export const amhDensity = (u, v, t = AMH_THETA) => (1 + t * ((1 + u) * (1 + v) - 3) + t * t * (1 - u) * (1 - v)) / (1 - t * (1 - u) * (1 - v)) ** 3;
export const amhTruth = (k = 1000) => { let s = 0; for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { const c = amhDensity((i + 0.5) / k, (j + 0.5) / k); s += c * Math.log(c); } return s / (k * k); };
export const amhDraw = (r, t = AMH_THETA) => { const u = r.u(), w = r.u(); return [u, bisect((v) => (v * (1 - t * (1 - v))) / (1 - t * (1 - u) * (1 - v)) ** 2, w, 0, 1)]; };

// --- genotypes: x five SNPs, each Binomial(2, pⱼ) (0/1/2), y = Σ βⱼ gⱼ + N(0, 1): I = h(y) − h(N(0, 1)), h(y) of a mixture
// of 3⁵ normals by a 1-D rule
export const SNP = { p: [0.05, 0.15, 0.3, 0.45, 0.5], beta: [1.2, -0.8, 0.6, 0.5, -0.4] };
export function polygenicComponents({ p, beta } = SNP) {
  let comps = [{ w: 1, mean: 0 }];
  p.forEach((q, j) => { const pg = [(1 - q) ** 2, 2 * q * (1 - q), q * q]; comps = comps.flatMap((c) => pg.map((w, g) => ({ w: c.w * w, mean: c.mean + beta[j] * g }))); });
  return comps;
}
export const polygenicDensity = (comps) => (y) => comps.reduce((s, c) => s + c.w * normalDensity(y - c.mean), 0);
export const polygenicTruth = () => { const d = polygenicDensity(polygenicComponents()); return -quadrature(-12, 12, 48000, (y) => plogp(d(y))) - 0.5 * LN2PIE; };
export const genotypeDraw = (r, q) => (r.u() < q ? 1 : 0) + (r.u() < q ? 1 : 0);

// --- an allele frequency p ~ Beta(½, ½) (p = sin²(πU/2)) and a genotype y ~ Binomial(2, p): P(y) = (3/8, 1/4, 3/8),
// I = Σ E[q_y(p) log(q_y(p)/P(y))] by a 1-D rule in U
export const genotypeProbs = (p) => [(1 - p) ** 2, 2 * p * (1 - p), p * p];
export const GENOTYPE_MARGIN = [3 / 8, 1 / 4, 3 / 8];
export const alleleTruth = () => quadrature(0, 1, 200000, (u) => { const q = genotypeProbs(Math.sin((Math.PI * u) / 2) ** 2); return q.reduce((s, v, k) => s + plogp(v) - v * Math.log(GENOTYPE_MARGIN[k]), 0); });

// --- first passage: x a drift ν ~ U(0.5, 2), y the time a Brownian motion with drift ν first reaches 1: inverse Gaussian
// with mean 1/ν and shape 1. A 2-D rule in (ν, log t)
export const DRIFT = [0.5, 2];
export const passageLogDensityOfLog = (s, nu) => { const t = Math.exp(s); return -0.5 * Math.log(2 * Math.PI * t) - (nu * t - 1) ** 2 / (2 * t); };
export const passageMargin = (s, k = 600) => quadrature(DRIFT[0], DRIFT[1], k, (nu) => Math.exp(passageLogDensityOfLog(s, nu))) / (DRIFT[1] - DRIFT[0]);
export function passageTruth(kn = 600, ks = 6000) {
  const lo = -7, hi = 7, h = (hi - lo) / ks, grid = Array.from({ length: ks }, (_, i) => lo + (i + 0.5) * h), marg = grid.map((s) => passageMargin(s, kn));
  return quadrature(DRIFT[0], DRIFT[1], kn, (nu) => grid.reduce((a, s, i) => { const l = passageLogDensityOfLog(s, nu); return a + Math.exp(l) * (l - Math.log(marg[i])); }, 0) * h) / (DRIFT[1] - DRIFT[0]);
}
/** inverse Gaussian (mean μ, shape λ) by Michael, Schucany and Haas */
export const inverseGaussianDraw = (r, mu, lambda = 1) => { const v = r.normal() ** 2, x = mu + (mu * mu * v) / (2 * lambda) - (mu / (2 * lambda)) * Math.sqrt(4 * mu * lambda * v + mu * mu * v * v); return r.u() <= mu / (mu + x) ? x : (mu * mu) / x; };

// --- a Poisson process of rate 3 on [0, 1]: x its count K, y its first event's time, exactly 1 when there is none.
// Given K = k ≥ 1 the first time is Beta(1, k); unconditioned (t < 1) it is λe^(−λt); K = 0 is y = 1 exactly:
// I = λe^(−λ) + Σₖ P(k) ∫ k(1 − t)^(k−1) log(k(1 − t)^(k−1)/(λe^(−λt))) dt
export const WINDOW_RATE = 3;
const poissonP = (k, l = WINDOW_RATE) => Math.exp(-l + k * Math.log(l) - lgamma(k + 1));
export const windowTruth = (l = WINDOW_RATE) => l * Math.exp(-l) + Array.from({ length: 40 }, (_, i) => i + 1).reduce((a, k) => a + poissonP(k) * quadrature(0, 1, 20000, (t) => { const f = k * (1 - t) ** (k - 1); return f > 0 ? f * Math.log(f / (l * Math.exp(-l * t))) : 0; }), 0);
export const windowDraw = (r, l = WINDOW_RATE) => { let t = expo(r) / l, k = 0; const first = t; while (t < 1) { k++; t += expo(r) / l; } return [k, k ? first : 1]; };
export const windowLogRatio = (k, t, l = WINDOW_RATE) => (k === 0 ? l : Math.log(k) + (k - 1) * Math.log(1 - t) - Math.log(l) + l * t);

// --- the total S and the longer M of two Exp(1) waits: f(s, m) = 2e^(−s) on m ≤ s ≤ 2m, S ~ Gamma(2), P(M ≤ m) = (1 − e^(−m))²:
// I = −E log S + E M − E log(1 − e^(−M)) = −ψ(2) + 3/2 + 1/2 = 1 + γ
export const totalLongerTruth = 1 + EULER_GAMMA;
export const totalLongerLogRatio = (s, m) => -Math.log(s) + m - Math.log(-Math.expm1(-m));

// --- a rate λ ~ Gamma(2, 1), y twenty Exp(λ) waits: the sum S is sufficient, S | λ ~ Gamma(20, λ), S beta-prime:
// p(s) = s^19 (1 + s)^(−22) / B(20, 2). I = h(S) − h(Gamma(20, 1)) + ψ(2) (E log λ = ψ(2)), h(S) by a 1-D rule in log s
export const WAITS = 20, RATE_SHAPE = 2;
export const waitsLogMargin = (s) => (WAITS - 1) * Math.log(s) - (WAITS + RATE_SHAPE) * Math.log1p(s) - (lgamma(WAITS) + lgamma(RATE_SHAPE) - lgamma(WAITS + RATE_SHAPE));
export const waitsTruth = () => -quadrature(-12, 14, 200000, (w) => { const l = waitsLogMargin(Math.exp(w)) + w; return Math.exp(l) * (l - w); }) - gammaEntropy(WAITS) + digamma(RATE_SHAPE);
export const waitsLogConditional = (s, lam) => WAITS * Math.log(lam) + (WAITS - 1) * Math.log(s) - lam * s - lgamma(WAITS);

// --- a hypergeometric draw: an urn of 20 balls, R ~ U{0..20} of them red, 8 drawn without replacement, Y the red drawn:
// exact sums (given as Int32Array)
export const URN = { balls: 20, drawn: 8 };
const logChoose = (a, b) => (b < 0 || b > a ? -Infinity : lgamma(a + 1) - lgamma(b + 1) - lgamma(a - b + 1));
export const urnP = (y, red, { balls, drawn } = URN) => Math.exp(logChoose(red, y) + logChoose(balls - red, drawn - y) - logChoose(balls, drawn));
export const urnMargin = (y) => Array.from({ length: URN.balls + 1 }, (_, red) => urnP(y, red)).reduce((a, v) => a + v, 0) / (URN.balls + 1);
export const urnTruth = () => { let s = 0; for (let red = 0; red <= URN.balls; red++) for (let y = 0; y <= URN.drawn; y++) { const p = urnP(y, red); if (p > 0) s += (p * Math.log(p / urnMargin(y))) / (URN.balls + 1); } return s; };
export const urnDraw = (r) => { const red = r.int(URN.balls + 1); let left = red, y = 0; for (let i = 0; i < URN.drawn; i++) { if (r.u() < left / (URN.balls - i)) { y++; left--; } } return [red, y]; };

const sampleOf = (base, n, draw) => (seed) => { const r = rng(base + seed); return rows(n, () => draw(r)); };
export const SETS = [
  // compositions
  { name: "dirichlet-0.3-shares-x-the-first-y-the-second-of-three-n1000", truth: () => dirichletSharesTruth(), sample: sampleOf(3901000, 1000, (r) => { const p = dirichletDraw(r, [DIRICHLET_A, DIRICHLET_A, DIRICHLET_A]); return [p[0], p[1]]; }) },
  { name: "composition-uniform-on-simplex-vs-its-multinomial-10-counts-rows-sum-to-1-and-10-3x3-n1000", truth: () => multinomialTruth(), sample: sampleOf(3902000, 1000, (r) => { const p = dirichletDraw(r, [1, 1, 1]); return [p, multinomialDraw(r, p)]; }) },
  { name: "softmax-composition-y-of-z-sd2-plus-noise1-2x3-n1000", truth: () => softmaxTruth(), sample: sampleOf(3903000, 1000, (r) => { const z = [SOFTMAX.sd * r.normal(), SOFTMAX.sd * r.normal()]; return [z, softmax3(z[0] + SOFTMAX.noise * r.normal(), z[1] + SOFTMAX.noise * r.normal())]; }) },
  // paths, shapes, transforms
  { name: "brownian-running-max-x-and-end-y-n1000", truth: () => brownianTruth(), sample: sampleOf(3904000, 1000, brownianDraw) },
  { name: "point-on-the-perimeter-of-the-unit-square-x-y-its-coordinates-n1000", truth: Math.log(2), sample: sampleOf(3905000, 1000, perimeterDraw) },
  { name: "point-on-the-perimeter-of-the-unit-square-x-y-its-coordinates-n30", truth: Math.log(2), sample: sampleOf(3905500, 30, perimeterDraw) },
  { name: "reciprocal-of-a-noisy-reading-y-1-over-x-plus-0.5noise-n1000", truth: 0.5 * Math.log(1 + RECIPROCAL_NOISE ** -2), sample: sampleOf(3906000, 1000, (r) => { const x = r.normal(); return [x, 1 / (x + RECIPROCAL_NOISE * r.normal())]; }) },
  // copulas
  { name: "joe-copula-theta3-exponential-margins-n1000", truth: () => joeTruth(), sample: sampleOf(3907000, 1000, (r) => joeDraw(r).map((v) => -Math.log(v))) },
  { name: "ali-mikhail-haq-copula-theta0.9-uniform-margins-n1000", truth: () => amhTruth(), sample: sampleOf(3908000, 1000, amhDraw) },
  // genotypes
  { name: "polygenic-score-five-snp-genotypes-0-1-2-y-score-plus-noise-5x1-n1000", truth: () => polygenicTruth(), sample: sampleOf(3909000, 1000, (r) => { const g = SNP.p.map((q) => genotypeDraw(r, q)); return [g, g.reduce((s, v, j) => s + SNP.beta[j] * v, 0) + r.normal()]; }) },
  { name: "allele-frequency-beta-half-x-genotype-binomial-2-y-n1000", truth: () => alleleTruth(), sample: sampleOf(3910000, 1000, (r) => { const p = Math.sin((Math.PI * r.u()) / 2) ** 2; return [p, genotypeDraw(r, p)]; }) },
  // waiting times and counts
  { name: "drift-uniform-0.5-2-x-first-passage-time-to-1-y-n1000", truth: () => passageTruth(), sample: sampleOf(3911000, 1000, (r) => { const nu = DRIFT[0] + (DRIFT[1] - DRIFT[0]) * r.u(); return [nu, inverseGaussianDraw(r, 1 / nu)]; }) },
  { name: "poisson-window-rate3-count-x-first-event-time-y-1-if-none-n1000", truth: () => windowTruth(), sample: sampleOf(3912000, 1000, windowDraw) },
  { name: "total-x-and-longer-y-of-two-exponential-waits-n1000", truth: totalLongerTruth, sample: sampleOf(3913000, 1000, (r) => { const a = expo(r), b = expo(r); return [a + b, Math.max(a, b)]; }) },
  { name: "total-x-and-longer-y-of-two-exponential-waits-n20000", truth: totalLongerTruth, sample: sampleOf(3913500, 20000, (r) => { const a = expo(r), b = expo(r); return [a + b, Math.max(a, b)]; }) },
  { name: "gamma2-rate-x-vs-20-exponential-waits-at-that-rate-1x20-n1000", truth: () => waitsTruth(), sample: sampleOf(3914000, 1000, (r) => { const lam = gammaDraw(r, RATE_SHAPE); return [lam, Array.from({ length: WAITS }, () => expo(r) / lam)]; }) },
  { name: "urn-of-20-red-uniform-0-20-x-red-in-8-drawn-y-int32array-n1000", truth: () => urnTruth(), sample: (seed) => { const r = rng(3915000 + seed), x = new Int32Array(1000), y = new Int32Array(1000); for (let i = 0; i < 1000; i++) [x[i], y[i]] = urnDraw(r); return { x, y }; } },
  // independent by theorems
  { name: "basu-mean-of-5-normals-x-its-5-residuals-y-rows-sum-to-0-1x5-n1000", truth: 0, sample: sampleOf(3916000, 1000, (r) => { const v = Array.from({ length: 5 }, () => r.normal()), m = v.reduce((s, t) => s + t, 0) / 5; return [m, v.map((t) => t - m)]; }) },
  { name: "min-of-5-exponentials-x-excesses-over-it-y-one-exact-0-a-row-1x5-n1000", truth: 0, sample: sampleOf(3917000, 1000, (r) => { const v = Array.from({ length: 5 }, () => expo(r)), m = Math.min(...v); return [m, v.map((t) => t - m)]; }) },
  { name: "first-of-two-exponential-clocks-rates-1-and-3-time-x-which-rang-y-n1000", truth: 0, sample: sampleOf(3918000, 1000, (r) => { const a = expo(r), b = expo(r) / 3; return [Math.min(a, b), a < b ? 0 : 1]; }) },
];
