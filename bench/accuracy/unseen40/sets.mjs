// The fortieth unseen probe's sets: data a practitioner of another field would bring, each with a known truth. Spike
// counts of four tuned neurons beside a stimulus angle in degrees, a calcium trace with a slow decay beside the spike
// count at its onset, two genes' expression counts (many zeros, log1p), ten genes' log1p counts beside a cell type, a SNP beside
// a trait, ARCH(1) returns beside the day before's (in time order; also squared), 20 species' presence beside a temperature, a thermal
// oscillator's position and velocity beside its noisy energy (and its energy beside its phase, independent), two 8 × 8
// patches beside the shift between them, bag-of-words counts of 50 words beside a topic, ten Likert answers beside an age
// in whole years, and two sensors at different rates with 30 % of the rows dropped.
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms, exact sums, 1-D rules, and
// Monte Carlo means of the log density ratio written from the generating model (check-truths.mjs checks each a second way).
import { rng } from "../unseen5/sets.mjs";
import { normalDensity, quadrature } from "../unseen31/sets.mjs";
import { lgamma } from "../unseen16/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";

export { rng, normalDensity, Phi, lgamma };
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const sampleOf = (base, n, draw) => (seed) => { const r = rng(base + seed); return rows(n, () => draw(r)); };
const logSumExp = (v) => { const m = Math.max(...v); return m + Math.log(v.reduce((s, t) => s + Math.exp(t - m), 0)); };
/** Poisson(λ) by counting exponential gaps (λ small) */
export const poissonDraw = (r, lam) => { let k = 0, t = -Math.log(r.u()); while (t < lam) { k++; t -= Math.log(r.u()); } return k; };
const logPoisson = (k, lam) => k * Math.log(lam) - lam - lgamma(k + 1);
/** E[f(r)] over n draws of a generator seeded `seed`: [mean, standard error] */
export function mcMean(n, seed, f) { const r = rng(seed); let s = 0, s2 = 0; for (let i = 0; i < n; i++) { const v = f(r); s += v; s2 += v * v; } const m = s / n; return [m, Math.sqrt((s2 / n - m * m) / n)]; }
/** I(label; x) = E log p(x | label)/p(x) for a label of prior `prior`, from the log-likelihoods of every label */
export const labelLogRatio = (prior, ll, k) => ll[k] - logSumExp(ll.map((l, j) => l + Math.log(prior[j])));
/** H(label) − E H(label | x), the same quantity a second way */
export const labelEntropyDrop = (prior, ll) => { const lp = ll.map((l, j) => l + Math.log(prior[j])), z = logSumExp(lp); return -prior.reduce((s, p) => s + p * Math.log(p), 0) + lp.reduce((s, l) => s + Math.exp(l - z) * (l - z), 0); };

// --- four neurons tuned to 0°, 90°, 180°, 270°: counts in a bin Poisson(0.5 + 4 exp(2(cos(θ − θⱼ) − 1))), θ uniform in
// degrees. I by an exact sum over counts 0..20 each and a 360-point midpoint rule in θ (periodic and smooth)
export const TUNING = { base: 0.5, gain: 4, kappa: 2, prefs: [0, 90, 180, 270] };
export const tuningRate = (deg, j) => TUNING.base + TUNING.gain * Math.exp(TUNING.kappa * (Math.cos(((deg - TUNING.prefs[j]) * Math.PI) / 180) - 1));
export function spikesTruth(K = 360, top = 20) {
  const J = TUNING.prefs.length, c = top + 1;
  const p = Array.from({ length: J }, (_, j) => Array.from({ length: K }, (_, k) => Array.from({ length: c }, (_, m) => Math.exp(logPoisson(m, tuningRate(((k + 0.5) * 360) / K, j))))));
  let s = 0;
  const cond = new Float64Array(K);
  for (let a = 0; a < c ** J; a++) {
    let mix = 0;
    for (let k = 0; k < K; k++) { let v = 1, rest = a; for (let j = 0; j < J; j++) { v *= p[j][k][rest % c]; rest = Math.floor(rest / c); } cond[k] = v; mix += v; }
    mix /= K;
    if (mix > 0) for (let k = 0; k < K; k++) if (cond[k] > 0) s += cond[k] * Math.log(cond[k] / mix);
  }
  return s / K;
}
export const spikesDraw = (r) => { const deg = 360 * r.u(); return [deg, TUNING.prefs.map((_, j) => poissonDraw(r, tuningRate(deg, j)))]; };

// --- a population of 30 neurons with preferred angles 12° apart, rates 0.2 + 1.5 exp(2(cos(θ − θⱼ) − 1)), beside θ in
// degrees: I = E log p(n | θ)/p(n), a Monte Carlo mean, p(n) by a 360-point rule in θ
export const POPULATION = { base: 0.2, gain: 1.5, kappa: 2, size: 30 };
export const populationRate = (deg, j, { base, gain, kappa, size } = POPULATION) => base + gain * Math.exp(kappa * (Math.cos(((deg - (360 * j) / size) * Math.PI) / 180) - 1));
const POP_GRID = Array.from({ length: 360 }, (_, k) => k + 0.5);
export const populationLogLik = (n, deg) => n.reduce((s, k, j) => { const l = populationRate(deg, j); return s + k * Math.log(l) - l; }, 0);
export const populationDraw = (r) => { const deg = 360 * r.u(); return [deg, Array.from({ length: POPULATION.size }, (_, j) => poissonDraw(r, populationRate(deg, j)))]; };
export const populationLogMargin = (n, grid = POP_GRID) => logSumExp(grid.map((g) => populationLogLik(n, g))) - Math.log(grid.length);
export const populationTruthMc = () => mcMean(20000, 4000010, (r) => { const [deg, n] = populationDraw(r); return populationLogLik(n, deg) - populationLogMargin(n); });
export const populationTruth = () => populationTruthMc()[0];

// --- a calcium trace: K ~ Poisson(1.5) spikes at the onset, y_t = a K γᵗ + AR(1) noise (φ = 0.7, sd 1), t = 0..19, γ = 0.9.
// t = kᵀΣ⁻¹y is sufficient for K (t ~ N(qK, q), q = kᵀΣ⁻¹k), so I = I(K; K + e/√q): a 1-D rule
export const CALCIUM = { rate: 1.5, amp: 1, decay: 0.9, phi: 0.7, len: 20 };
export const calciumKernel = () => Array.from({ length: CALCIUM.len }, (_, t) => CALCIUM.amp * CALCIUM.decay ** t);
/** vᵀΣ⁻¹w for the stationary AR(1) of sd 1 (Σ⁻¹ tridiagonal) */
export const ar1Form = (v, w, phi = CALCIUM.phi) => { let s = 0; const L = v.length; for (let t = 0; t < L; t++) { const d = t === 0 || t === L - 1 ? 1 : 1 + phi * phi; s += d * v[t] * w[t]; if (t > 0) s -= phi * (v[t] * w[t - 1] + v[t - 1] * w[t]); } return s / (1 - phi * phi); };
export const calciumQ = () => { const k = calciumKernel(); return ar1Form(k, k); };
const poissonP = (k, lam) => Math.exp(logPoisson(k, lam));
export function calciumTruth() {
  const sd = 1 / Math.sqrt(calciumQ()), P = Array.from({ length: 30 }, (_, k) => poissonP(k, CALCIUM.rate));
  const dens = (t) => P.reduce((s, p, k) => s + p * normalDensity(t - k, sd), 0);
  return -quadrature(-8, 40, 200000, (t) => { const v = dens(t); return v > 0 ? v * Math.log(v) : 0; }) - 0.5 * Math.log(2 * Math.PI * Math.E * sd * sd);
}
export const calciumDraw = (r) => { const k = poissonDraw(r, CALCIUM.rate), ker = calciumKernel(); let e = r.normal(); const y = []; for (let t = 0; t < CALCIUM.len; t++) { if (t) e = CALCIUM.phi * e + Math.sqrt(1 - CALCIUM.phi ** 2) * r.normal(); y.push(ker[t] * k + e); } return [k, y]; };

// --- two genes: nᵢ ~ Poisson(exp(μ + zᵢ)), (z₁, z₂) normal with sd 1 and correlation 0.9, μ = 0 (38 % zeros each),
// given as log1p(n) (one-to-one). I by exact sums over n ≤ 100 (mass 1 − 4e-6) with p(n₁, n₂) a 2-D midpoint rule in z
export const GENES = { mu: 0, rho: 0.9, top: 100, grid: 240, reach: 7 };
export function genePairTable({ mu, rho, top, grid, reach } = GENES) {
  const h = (2 * reach) / grid, z = Array.from({ length: grid }, (_, i) => -reach + (i + 0.5) * h);
  const P = z.map((v) => Array.from({ length: top + 1 }, (_, n) => poissonP(n, Math.exp(mu + v))));
  const s = Math.sqrt(1 - rho * rho), W = z.map((a) => z.map((b) => (normalDensity(a) * normalDensity((b - rho * a) / s)) / s * h * h));
  const joint = Array.from({ length: top + 1 }, (_, n1) => { const v = new Float64Array(grid); for (let i = 0; i < grid; i++) { const p = P[i][n1]; if (p < 1e-300) continue; for (let j = 0; j < grid; j++) v[j] += p * W[i][j]; } return Array.from({ length: top + 1 }, (_, n2) => v.reduce((acc, t, j) => acc + t * P[j][n2], 0)); });
  const margin = joint.map((row) => row.reduce((a, b) => a + b, 0));
  return { joint, margin };
}
export function genePairTruth() { const { joint, margin } = genePairTable(); let s = 0; joint.forEach((row, a) => row.forEach((p, b) => { if (p > 0) s += p * Math.log(p / (margin[a] * margin[b])); })); return s; }
export const genePairDraw = (r) => { const a = r.normal(), b = GENES.rho * a + Math.sqrt(1 - GENES.rho ** 2) * r.normal(); return [poissonDraw(r, Math.exp(GENES.mu + a)), poissonDraw(r, Math.exp(GENES.mu + b))]; };

// --- three cell types (0.5, 0.3, 0.2), ten genes' counts Poisson with a type's means (fixed draws, many zeros), given as
// log1p. I = E log p(n | type)/p(n), a Monte Carlo mean of the exact posterior
export const CELL_PRIOR = [0.5, 0.3, 0.2];
export const CELL_MEANS = (() => { const r = rng(4000001); return CELL_PRIOR.map(() => Array.from({ length: 10 }, () => Math.exp(-1.2 + 1.1 * r.normal()))); })();
export const cellLogLik = (n) => CELL_MEANS.map((m) => n.reduce((s, k, g) => s + logPoisson(k, m[g]), 0));
export const cellDraw = (r) => { const u = r.u(), k = u < CELL_PRIOR[0] ? 0 : u < CELL_PRIOR[0] + CELL_PRIOR[1] ? 1 : 2; return [k, CELL_MEANS[k].map((m) => poissonDraw(r, m))]; };
export const cellTruthMc = () => mcMean(400000, 4000002, (r) => { const [k, n] = cellDraw(r); return labelLogRatio(CELL_PRIOR, cellLogLik(n), k); });
export const cellTruth = () => cellTruthMc()[0];

// --- one SNP (allele frequency 0.2, genotypes 0/1/2 in Hardy–Weinberg proportions) beside a trait 0.5 g + N(0, 1):
// I = h(y) − h(N(0, 1)), h(y) of a mixture of three normals by a 1-D rule
export const ONE_SNP = { p: 0.2, beta: 0.5 }, RARE_SNP = { p: 0.05, beta: 1 };
export const snpWeights = (q) => [(1 - q) ** 2, 2 * q * (1 - q), q * q];
export const snpTraitDensity = (y, { p, beta } = ONE_SNP) => snpWeights(p).reduce((s, w, g) => s + w * normalDensity(y - beta * g), 0);
export const snpTruth = (snp = ONE_SNP) => -quadrature(-12, 14, 200000, (y) => { const v = snpTraitDensity(y, snp); return v > 0 ? v * Math.log(v) : 0; }) - 0.5 * Math.log(2 * Math.PI * Math.E);
export const snpDraw = (r, { p, beta } = ONE_SNP) => { const g = (r.u() < p ? 1 : 0) + (r.u() < p ? 1 : 0); return [g, beta * g + r.normal()]; };

// --- ARCH(1) returns: r_t = σ_t e_t, σ_t² = ω + α r²_(t−1) (ω = α = 0.5, variance 1). I(r_(t−1); r_t) = h(r) − E ½ log(2πe σ²),
// the stationary density p(r) = E φ(r; ω + α s²) over the stationary s, read from a long run of the chain (a 1-D rule in r)
export const ARCH = { omega: 0.5, alpha: 0.5 };
export const archChain = (seed, m, burn = 1000) => { const r = rng(seed), out = new Float64Array(m); let v = 0; for (let i = -burn; i < m; i++) { v = Math.sqrt(ARCH.omega + ARCH.alpha * v * v) * r.normal(); if (i >= 0) out[i] = v; } return out; };
export const archDensity = (chain) => { const sd = Array.from(chain, (s) => Math.sqrt(ARCH.omega + ARCH.alpha * s * s)); return (x) => { let t = 0; for (const s of sd) t += normalDensity(x, s); return t / sd.length; }; };
export function archTruth(seed = 4000003, m = 40000) {
  const chain = archChain(seed, m), p = archDensity(chain);
  const h = -2 * quadrature(0, 60, 6000, (x) => { const v = p(x); return v > 0 ? v * Math.log(v) : 0; });
  const condH = chain.reduce((s, v) => s + 0.5 * Math.log(2 * Math.PI * Math.E * (ARCH.omega + ARCH.alpha * v * v)), 0) / m;
  return h - condH;
}
export const archSample = (base, n, squared) => (seed) => { const c = archChain(base + seed, n + 1), x = [], y = []; for (let i = 0; i < n; i++) { x.push(squared ? c[i] * c[i] : c[i]); y.push(c[i + 1]); } return { x, y }; };

// --- 20 species' presence (0/1) beside a site's temperature T ~ N(15, 5²) °C: P(present) = sigmoid(aⱼ + bⱼ (T − 15)/5),
// aⱼ, bⱼ fixed draws. I = E log p(y | T)/p(y), p(y) by a 1-D rule in T
export const SPECIES = (() => { const r = rng(4000004); return Array.from({ length: 20 }, () => ({ a: -0.5 + r.normal(), b: 1.5 * r.normal() })); })();
const logSigmoid = (v) => (v > 0 ? -Math.log1p(Math.exp(-v)) : v - Math.log1p(Math.exp(v)));
export const presenceLogLik = (y, z) => SPECIES.reduce((s, { a, b }, j) => s + (y[j] ? logSigmoid(a + b * z) : logSigmoid(-(a + b * z))), 0);
export const Z_GRID = Array.from({ length: 200 }, (_, i) => -7 + (i + 0.5) * 0.07);
export const presenceLogMargin = (y) => logSumExp(Z_GRID.map((z) => presenceLogLik(y, z) + Math.log(normalDensity(z) * 0.07)));
export const presenceDraw = (r) => { const z = r.normal(); return [15 + 5 * z, SPECIES.map(({ a, b }) => (r.u() < 1 / (1 + Math.exp(-(a + b * z))) ? 1 : 0))]; };
export const presenceTruthMc = () => mcMean(50000, 4000005, (r) => { const [t, y] = presenceDraw(r); return presenceLogLik(y, (t - 15) / 5) - presenceLogMargin(y); });
export const presenceTruth = () => presenceTruthMc()[0];

// --- a thermal oscillator: (q, p) ~ N(0, I), x = (q, p), y its energy (q² + p²)/2 ~ Exp(1) read with noise sd 0.3:
// I = h(E + 0.3e) − h(0.3e), the exponentially modified normal density exp(σ²/2 − y)Φ(y/σ − σ) by a 1-D rule
export const ENERGY_NOISE = 0.3;
export const emgDensity = (y, s = ENERGY_NOISE) => Math.exp(s * s / 2 - y + Math.log(Phi(y / s - s)));
export const energyTruth = (s = ENERGY_NOISE) => -quadrature(-4, 40, 400000, (y) => { const v = emgDensity(y); return v > 0 ? v * Math.log(v) : 0; }) - 0.5 * Math.log(2 * Math.PI * Math.E * s * s);

// --- two 8 × 8 patches: A a box-blurred white-noise patch (circular), B = A shifted s ∈ {0, 1, 2, 3} pixels to the right
// (circular) plus noise sd 3; x the 128 pixels, y the shift. p(s | x) ∝ exp(−|B − shift(A, s)|²/2σ²): I a Monte Carlo mean
export const PATCH = { side: 8, shifts: 4, noise: 3 };
const shiftPatch = (A, s) => A.map((_, i) => { const row = Math.floor(i / PATCH.side), col = i % PATCH.side; return A[row * PATCH.side + ((col - s + PATCH.side) % PATCH.side)]; });
export function patchDraw(r) {
  const { side, shifts, noise } = PATCH, w = Array.from({ length: side * side }, () => r.normal());
  const A = w.map((_, i) => { const row = Math.floor(i / side), col = i % side; let t = 0; for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) t += w[((row + a + side) % side) * side + ((col + b + side) % side)]; return t / 3; });
  const s = r.int(shifts), B = shiftPatch(A, s).map((v) => v + noise * r.normal());
  return [[...A, ...B], s];
}
export const patchLogLik = (x) => { const n = PATCH.side ** 2, A = x.slice(0, n), B = x.slice(n); return Array.from({ length: PATCH.shifts }, (_, s) => -shiftPatch(A, s).reduce((acc, v, i) => acc + (B[i] - v) ** 2, 0) / (2 * PATCH.noise ** 2)); };
export const PATCH_PRIOR = Array(PATCH.shifts).fill(1 / PATCH.shifts);
export const patchTruthMc = () => mcMean(100000, 4000006, (r) => { const [x, s] = patchDraw(r); return labelLogRatio(PATCH_PRIOR, patchLogLik(x), s); });
export const patchTruth = () => patchTruthMc()[0];

// --- bag of words: a topic of 4 (uniform), a document of 30 words from 50, word probabilities 0.8 · common + 0.2 · the
// topic's own (fixed Dirichlet(0.2) draws); x the 50 counts, y the topic. The multinomial's coefficient cancels in p(topic | x)
export const TOPICS = (() => {
  const r = rng(4000007);
  const dir = (k) => { const g = Array.from({ length: 50 }, () => { let v = 1; const a = k + 1, d = a - 1 / 3, c = 1 / Math.sqrt(9 * d); for (;;) { const z = r.normal(), t = (1 + c * z) ** 3; if (t > 0 && Math.log(r.u()) < 0.5 * z * z + d - d * t + d * Math.log(t)) { v = d * t; break; } } return v * r.u() ** (1 / k); }), s = g.reduce((a, b) => a + b, 0); return g.map((v) => v / s); };
  const common = dir(2);
  return Array.from({ length: 4 }, () => { const own = dir(0.2); return common.map((c, w) => 0.8 * c + 0.2 * own[w]); });
})();
export const DOC_LENGTH = 30, TOPIC_PRIOR = [0.25, 0.25, 0.25, 0.25];
export const topicLogLik = (counts) => TOPICS.map((b) => counts.reduce((s, c, w) => s + (c ? c * Math.log(b[w]) : 0), 0));
export const topicDraw = (r) => { const k = r.int(4), b = TOPICS[k], c = Array(50).fill(0); for (let i = 0; i < DOC_LENGTH; i++) { let u = r.u(), w = 0; while (w < 49 && u >= b[w]) { u -= b[w]; w++; } c[w]++; } return [c, k]; };
export const topicTruthMc = () => mcMean(200000, 4000008, (r) => { const [c, k] = topicDraw(r); return labelLogRatio(TOPIC_PRIOR, topicLogLik(c), k); });
export const topicTruth = () => topicTruthMc()[0];

// --- a survey: age uniform on 18..80 whole years, a trait η = 1.2 (age − 49)/18 + N(0, 1), ten Likert answers 1..5 by an
// ordered probit (loadings 0.5–1.4, cut points −1.5, −0.5, 0.5, 1.5). p(answers | age) by a 1-D rule in η; p(answers) the
// mean over the 63 ages: I = E log p(a | age)/p(a), a Monte Carlo mean
export const AGES = Array.from({ length: 63 }, (_, i) => 18 + i);
export const LOADINGS = Array.from({ length: 10 }, (_, j) => 0.5 + 0.1 * j), CUTS = [-Infinity, -1.5, -0.5, 0.5, 1.5, Infinity];
const traitMean = (age) => (1.2 * (age - 49)) / 18;
const ETA = Array.from({ length: 130 }, (_, i) => -6.5 + (i + 0.5) * 0.1);
const likertP = (a, lam, eta) => Phi(CUTS[a] - lam * eta) - Phi(CUTS[a - 1] - lam * eta);
export const surveyLogLiks = (ans) => { const L = ETA.map((eta) => ans.reduce((s, a, j) => s + Math.log(likertP(a, LOADINGS[j], eta)), 0)); return AGES.map((age) => logSumExp(L.map((l, i) => l + Math.log(normalDensity(ETA[i] - traitMean(age)) * 0.1)))); };
export const AGE_PRIOR = AGES.map(() => 1 / AGES.length);
export const surveyDraw = (r) => { const age = AGES[r.int(AGES.length)], eta = traitMean(age) + r.normal(); return [LOADINGS.map((lam) => { const v = lam * eta + r.normal(); return 1 + CUTS.slice(1, 5).filter((c) => c < v).length; }), age]; };
export const surveyTruthMc = () => mcMean(25000, 4000009, (r) => { const [a, age] = surveyDraw(r); return labelLogRatio(AGE_PRIOR, surveyLogLiks(a), age - 18); });
export const surveyTruth = () => surveyTruthMc()[0];

// --- sensor fusion: a latent AR(1) (φ = 0.95 a step, sd 1); sensor A every step (noise sd 0.5), sensor B every 4th (sd 0.3);
// a row is A's four readings (x) and B's at the fourth (y); 30 % of the rows (at random) dropped. Gaussian: a closed form
export const FUSION = { phi: 0.95, noiseA: 0.5, noiseB: 0.3, every: 4, dropped: 0.3 };
export function fusionCov({ phi, noiseA, noiseB, every } = FUSION) {
  const Sxx = Array.from({ length: every }, (_, i) => Array.from({ length: every }, (_, j) => phi ** Math.abs(i - j) + (i === j ? noiseA ** 2 : 0)));
  const Sxy = Array.from({ length: every }, (_, i) => phi ** (every - 1 - i));
  return { Sxx, Sxy, vy: 1 + noiseB ** 2 };
}
const solve = (A, b) => { const n = b.length, M = A.map((row, i) => [...row, b[i]]); for (let c = 0; c < n; c++) { for (let r = c + 1; r < n; r++) { const f = M[r][c] / M[c][c]; for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k]; } } const x = Array(n).fill(0); for (let i = n - 1; i >= 0; i--) { let s = M[i][n]; for (let k = i + 1; k < n; k++) s -= M[i][k] * x[k]; x[i] = s / M[i][i]; } return x; };
export const logDet = (A) => { const n = A.length, M = A.map((row) => [...row]); let s = 0; for (let c = 0; c < n; c++) { for (let r = c + 1; r < n; r++) { const f = M[r][c] / M[c][c]; for (let k = c; k < n; k++) M[r][k] -= f * M[c][k]; } s += Math.log(M[c][c]); } return s; };
export const fusionTruth = () => { const { Sxx, Sxy, vy } = fusionCov(); const w = solve(Sxx, Sxy); return -0.5 * Math.log(1 - Sxy.reduce((s, v, i) => s + v * w[i], 0) / vy); };
export function fusionSample(base, n) {
  return (seed) => {
    const r = rng(base + seed), { phi, noiseA, noiseB, every, dropped } = FUSION, x = [], y = [];
    let s = r.normal();
    while (x.length < n) {
      const a = [];
      for (let t = 0; t < every; t++) { s = phi * s + Math.sqrt(1 - phi * phi) * r.normal(); a.push(s + noiseA * r.normal()); }
      const b = s + noiseB * r.normal();
      if (r.u() >= dropped) { x.push(a); y.push(b); }
    }
    return { x, y };
  };
}

export const SETS = [
  // neuroscience
  { name: "spike-counts-of-4-tuned-neurons-x-stimulus-angle-degrees-y-4x1-n1000", truth: () => spikesTruth(), sample: sampleOf(4001000, 1000, (r) => { const [deg, n] = spikesDraw(r); return [n, deg]; }) },
  { name: "population-of-30-tuned-neurons-spike-counts-x-stimulus-angle-degrees-y-30x1-n1000", truth: () => populationTruth(), sample: sampleOf(4015000, 1000, (r) => { const [deg, n] = populationDraw(r); return [n, deg]; }) },
  { name: "calcium-trace-20-samples-decay0.9-ar1-noise-x-spike-count-at-onset-y-20x1-n1000", truth: () => calciumTruth(), sample: sampleOf(4002000, 1000, (r) => { const [k, y] = calciumDraw(r); return [y, k]; }) },
  // genomics
  { name: "two-genes-log1p-poisson-lognormal-counts-rho0.9-38pct-zeros-n1000", truth: () => genePairTruth(), sample: sampleOf(4003000, 1000, (r) => genePairDraw(r).map(Math.log1p)) },
  { name: "ten-genes-log1p-counts-x-cell-type-of-3-y-10x1-n1000", truth: () => cellTruth(), sample: sampleOf(4004000, 1000, (r) => { const [k, n] = cellDraw(r); return [n.map(Math.log1p), k]; }) },
  { name: "one-snp-genotype-0-1-2-allele-freq-0.2-x-trait-0.5g-plus-noise-y-n1000", truth: () => snpTruth(), sample: sampleOf(4013000, 1000, snpDraw) },
  { name: "rare-snp-allele-freq-0.05-x-trait-1g-plus-noise-y-n1000", truth: () => snpTruth(RARE_SNP), sample: sampleOf(4014000, 1000, (r) => snpDraw(r, RARE_SNP)) },
  { name: "rare-snp-allele-freq-0.05-x-trait-1g-plus-noise-y-n5000", truth: () => snpTruth(RARE_SNP), sample: sampleOf(4014500, 5000, (r) => snpDraw(r, RARE_SNP)) },
  // finance
  { name: "arch1-returns-in-time-order-x-yesterday-y-today-n1000", truth: () => archTruth(), sample: archSample(4005000, 1000, false) },
  { name: "arch1-returns-in-time-order-x-yesterday-squared-y-today-n1000", truth: () => archTruth(), sample: archSample(4005500, 1000, true) },
  // ecology
  { name: "presence-absence-of-20-species-x-site-temperature-celsius-y-20x1-n1000", truth: () => presenceTruth(), sample: sampleOf(4006000, 1000, (r) => { const [t, y] = presenceDraw(r); return [y, t]; }) },
  // physics
  { name: "thermal-oscillator-position-velocity-x-energy-plus-0.3noise-y-2x1-n1000", truth: () => energyTruth(), sample: sampleOf(4007000, 1000, (r) => { const q = r.normal(), p = r.normal(); return [[q, p], (q * q + p * p) / 2 + ENERGY_NOISE * r.normal()]; }) },
  { name: "thermal-oscillator-energy-x-phase-degrees-y-independent-n1000", truth: 0, sample: sampleOf(4008000, 1000, (r) => { const q = r.normal(), p = r.normal(); return [(q * q + p * p) / 2, ((Math.atan2(p, q) * 180) / Math.PI + 360) % 360]; }) },
  // images
  { name: "two-8x8-patches-flattened-x-circular-shift-0-3-between-them-y-128x1-n1000", truth: () => patchTruth(), sample: sampleOf(4009000, 1000, patchDraw) },
  // text
  { name: "bag-of-words-counts-50-words-30-a-document-x-topic-of-4-y-50x1-n1000", truth: () => topicTruth(), sample: sampleOf(4010000, 1000, topicDraw) },
  // surveys
  { name: "ten-likert-1-5-answers-x-age-in-whole-years-18-80-y-10x1-n1000", truth: () => surveyTruth(), sample: sampleOf(4011000, 1000, surveyDraw) },
  // sensor fusion
  { name: "sensor-fusion-4-fast-readings-x-slow-reading-y-30pct-rows-dropped-4x1-n1000", truth: () => fusionTruth(), sample: fusionSample(4012000, 1000) },
];
