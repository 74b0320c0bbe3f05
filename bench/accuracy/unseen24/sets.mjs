// The twenty-fourth unseen probe's sets: kinds no earlier probe used (the sum and the difference of two exponentials, a
// gamma channel whose noise is gamma too, the sum and the share of two gammas (independent by Lukacs' theorem), two
// binomial counts sharing a beta rate, an erasure channel, the minimum and the maximum of two uniforms, the
// Farlie–Gumbel–Morgenstern copula under log-normal margins, a linear channel whose informative direction is the one the
// nearly singular x hides, three near-copies through sinh (10.5 nats), a Student-t with ν = 2 under a little noise, two
// columns spread over twenty of units 1e-6 to 1e6, the number of trials to a first success at a uniform rate, a strongly
// wiggly invertible map, and a nearly singular x whose thin direction y reads through |·|). Drawn by the fifth probe's
// generator (mulberry32 and Box–Muller), not the library's Rng. Every truth is exact: a closed form, an injective map's
// invariance, an exact sum, or a 1-D quadrature (check-truths.mjs checks each against Monte Carlo).
import { rng, probit } from "../unseen5/sets.mjs";
import { phi, Phi } from "../unseen21/sets.mjs";
import { lgamma, digamma, logDet } from "../unseen16/sets.mjs";

export { rng, phi, lgamma };
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const normals = (r, d) => Array.from({ length: d }, () => r.normal());
const exponential = (r) => -Math.log(r.u());
const LN2PIE = Math.log(2 * Math.PI * Math.E);
export const normalEntropy = (sd) => 0.5 * (LN2PIE + 2 * Math.log(sd));
export const EULER_GAMMA = 0.5772156649015329;

/** differential entropy of Gamma(k, 1): k + lgΓ(k) + (1 − k)ψ(k) */
export const gammaEntropy = (k) => k + lgamma(k) + (1 - k) * digamma(k);
export const gammaLogDensity = (v, k) => (k - 1) * Math.log(v) - v - lgamma(k);

/** Beta–binomial pair: p ~ Beta(a, b), x and y ~ Bin(m, p) apart given p; the log of the joint and of the marginal pmf */
const logChoose = (m, k) => lgamma(m + 1) - lgamma(k + 1) - lgamma(m - k + 1);
const logBeta = (a, b) => lgamma(a) + lgamma(b) - lgamma(a + b);
export const betaBinomial = (m, a, b) => ({
  logJoint: (i, j) => logChoose(m, i) + logChoose(m, j) + logBeta(i + j + a, 2 * m - i - j + b) - logBeta(a, b),
  logMarginal: (i) => logChoose(m, i) + logBeta(i + a, m - i + b) - logBeta(a, b),
});
export function betaBinomialTruth(m, a, b) {
  const { logJoint, logMarginal } = betaBinomial(m, a, b);
  let I = 0;
  for (let i = 0; i <= m; i++) for (let j = 0; j <= m; j++) { const l = logJoint(i, j); I += Math.exp(l) * (l - logMarginal(i) - logMarginal(j)); }
  return I;
}

/** Farlie–Gumbel–Morgenstern copula c(u, v) = 1 + θ(1 − 2u)(1 − 2v); s = (1 − 2u)(1 − 2v), a product of two U(−1, 1),
 * has density −½ log|s| on (−1, 1), so I = ∫ −½ log|s| (1 + θs) log(1 + θs) ds, a 1-D quadrature */
export function fgmTruth(theta, m = 2000000) {
  const h = 2 / m;
  let I = 0;
  for (let i = 0; i < m; i++) { const s = -1 + (i + 0.5) * h, c = 1 + theta * s; if (c > 0) I += -0.5 * Math.log(Math.abs(s)) * c * Math.log(c) * h; }
  return I;
}
/** (u, v) from the FGM copula: v by inverting the conditional C(v | u) = v + A v(1 − v), A = θ(1 − 2u) */
export const fgmDraw = (r, theta) => { const u = r.u(), w = r.u(), A = theta * (1 - 2 * u); return [u, (2 * w) / (1 + A + Math.sqrt((1 + A) ** 2 - 4 * A * w))]; };

/** a fixed orthogonal d × d matrix (Gram–Schmidt on normals of a fixed seed); rows are the basis vectors */
export function orthogonal(d, seed) {
  const r = rng(seed), Q = [];
  for (let i = 0; i < d; i++) {
    let v = normals(r, d);
    for (const q of Q) { const c = v.reduce((a, t, k) => a + t * q[k], 0); v = v.map((t, k) => t - c * q[k]); }
    const n = Math.hypot(...v);
    Q.push(v.map((t) => t / n));
  }
  return Q;
}
const matVec = (M, v) => M.map((row) => row.reduce((a, t, k) => a + t * v[k], 0));
const transposeVec = (M, v) => M[0].map((_, k) => M.reduce((a, row, i) => a + row[k] * v[i], 0));
// The linear channel: z ~ N(0, I₄), y = Uᵀ diag(s) V z + σε; x = Vᵀ diag(d) V z, an invertible map of z whose covariance has
// condition number 1e10, the squashed direction being the one s = 10 reads. I = Σ ½ log(1 + s²/σ²).
export const CHANNEL = { s: [10, 1, 0.1, 0.01], squash: [1e-5, 1, 1, 1], sigma: 0.1, U: orthogonal(4, 24081), V: orthogonal(4, 24082) };
export const channelTruth = ({ s, sigma } = CHANNEL) => s.reduce((a, v) => a + 0.5 * Math.log(1 + (v * v) / (sigma * sigma)), 0);
const channelDraw = (r, { s, squash, sigma, U, V } = CHANNEL) => {
  const z = normals(r, 4), vz = matVec(V, z);
  return [transposeVec(V, vz.map((t, k) => squash[k] * t)), transposeVec(U, vz.map((t, k) => s[k] * t)).map((t) => t + sigma * r.normal())];
};

/** two normal columns read by twenty columns y_k = unit_k·(b_k · x + ε_k), units 1e-6 to 1e6: I = ½ log det(I + BᵀB) */
export const SPREAD = { B: (() => { const r = rng(24111); return Array.from({ length: 20 }, () => normals(r, 2).map((t) => 0.3 * t)); })(), units: Array.from({ length: 20 }, (_, k) => 10 ** (-6 + (12 * k) / 19)) };
export const spreadTruth = ({ B } = SPREAD) => { const G = [[1, 0], [0, 1]].map((row, i) => row.map((v, j) => v + B.reduce((a, b) => a + b[i] * b[j], 0))); return 0.5 * logDet(G); };

/** Student-t with 2 degrees of freedom: density (1 + t²/2)^(−3/2) / (2√2); a draw Z / √(−log U) */
export const t2Density = (t) => (1 + (t * t) / 2) ** -1.5 / (2 * Math.SQRT2);
/** density of T₂ + σN by a quadrature over the noise */
export const t2PlusNoiseDensity = (sigma, k = 400) => (y) => { const dz = 16 / k; let p = 0; for (let i = 0; i < k; i++) { const z = -8 + (i + 0.5) * dz; p += phi(z) * dz * t2Density(y - sigma * z); } return p; };
/** −∫ p log p over the real line, on y = sinh(u), u ∈ [−14, 14] (heavy tails reach far) */
export const entropyOnSinhGrid = (p, m = 40000) => { const h = 28 / m; let H = 0; for (let i = 0; i < m; i++) { const u = -14 + (i + 0.5) * h, y = Math.sinh(u), v = p(y); if (v > 0) H -= v * Math.log(v) * Math.cosh(u) * h; } return H; };
export const t2PlusNoiseTruth = (sigma) => entropyOnSinhGrid(t2PlusNoiseDensity(sigma)) - normalEntropy(sigma);

/** x ~ U(0, 1), y the number of trials to the first success at rate x: p(y = k) = 1/(k(k + 1)); E_x H(y | x) = π²/6, so
 * I = Σ log(k(k + 1))/(k(k + 1)) − π²/6 (the sum to K, its tail beyond K about 2(log K + 1)/K) */
export function trialsTruth(K = 1000000) {
  let H = 0;
  for (let k = 1; k <= K; k++) { const w = k * (k + 1); H += Math.log(w) / w; }
  return H + (2 * (Math.log(K) + 1)) / K - (Math.PI * Math.PI) / 6;
}
export const trialsDraw = (r) => { const x = r.u(); return [x, 1 + Math.floor(Math.log(r.u()) / Math.log1p(-x))]; };

/** |Z₁| + sW (Z₁, W standard normal): density (2/τ) φ(y/τ) Φ(y/(sτ)), τ = √(1 + s²) (a skew normal) */
export const foldedPlusNoiseDensity = (s) => { const tau = Math.sqrt(1 + s * s); return (y) => (2 / tau) * phi(y / tau) * Phi(y / (s * tau)); };
// x = Vᵀ diag(1e-4, 1, 1, 1) V z (covariance condition 1e8), y = |(Vz)₁| + ½(Vz)₂ + 0.3ε: y reads the squashed direction
// through |·| (no linear trace) and a visible one linearly; I = h(|Z| + sW) − h(0.3N), s² = ¼ + 0.09, a 1-D quadrature
export const FOLDED = { squash: [1e-4, 1, 1, 1], visible: 0.5, sigma: 0.3, V: orthogonal(4, 24141) };
export const foldedTruth = ({ visible, sigma } = FOLDED) => { const s = Math.sqrt(visible * visible + sigma * sigma); return entropyOnSinhGrid(foldedPlusNoiseDensity(s)) - normalEntropy(sigma); };
const foldedDraw = (r, { squash, visible, sigma, V } = FOLDED) => { const vz = matVec(V, normals(r, 4)); return [transposeVec(V, vz.map((t, k) => squash[k] * t)), Math.abs(vz[0]) + visible * vz[1] + sigma * r.normal()]; };

export const FGM_THETA = 1;
export const ERASED = -1;
const NEAR_COPY_SIGMA = 0.03;
const WIGGLE_SIGMA = 0.3;
export const wiggle = (w) => w + (0.95 / 8) * Math.sin(8 * w); // derivative 1 + 0.95 cos 8w ≥ 0.05: injective

export const SETS = [
  // a, b ~ Exp(1), x = a + b, y = a − b: uncorrelated; p(x, y) = ½e^(−x) on |y| < x, x ~ Gamma(2), y ~ Laplace(1):
  // I = E|y| − E log x = 1 − ψ(2) = γ, Euler's constant
  { name: "sum-and-difference-of-two-exponentials-uncorrelated-n1000", truth: EULER_GAMMA, sample: (seed, n = 1000) => { const r = rng(2401000 + seed); return many(n, () => { const a = exponential(r), b = exponential(r); return [a + b, a - b]; }); } },
  // x ~ Gamma(½) (half a chi-square 1, piled at 0), y = x + Gamma(½) noise ~ Gamma(1): I = h(Gamma 1) − h(Gamma ½)
  { name: "gamma-half-x-plus-gamma-half-noise-skewed-n1000", truth: () => gammaEntropy(1) - gammaEntropy(0.5), sample: (seed, n = 1000) => { const r = rng(2402000 + seed); return many(n, () => { const x = r.normal() ** 2 / 2; return [x, x + r.normal() ** 2 / 2]; }); } },
  // a, b ~ Gamma(3): x = a + b and y = a/(a + b) are independent (Lukacs), though y's spread and x's scale look linked
  { name: "independent-sum-and-share-of-two-gamma3-lukacs-n1000", truth: 0, sample: (seed, n = 1000) => { const r = rng(2403000 + seed); return many(n, () => { const a = exponential(r) + exponential(r) + exponential(r), b = exponential(r) + exponential(r) + exponential(r); return [a + b, a / (a + b)]; }); } },
  // p ~ Beta(2, 2) (the median of three uniforms), x and y ~ Bin(20, p) apart given p: whole numbers 0–20, exact sum
  { name: "two-binomial20-counts-sharing-beta2-2-rate-n1000", truth: () => betaBinomialTruth(20, 2, 2), sample: (seed, n = 1000) => { const r = rng(2404000 + seed); const bin = (p) => { let c = 0; for (let k = 0; k < 20; k++) if (r.u() < p) c++; return c; }; return many(n, () => { const p = [r.u(), r.u(), r.u()].sort((a, b) => a - b)[1]; return [bin(p), bin(p)]; }); } },
  // x uniform on 8 labels, y = x kept with probability 0.6, else the erasure mark −1: I = 0.6 log 8
  { name: "erasure-channel-8-labels-kept-0.6-erased-as-minus-1-n1000", truth: 0.6 * Math.log(8), sample: (seed, n = 1000) => { const r = rng(2405000 + seed); return many(n, () => { const x = r.int(8); return [x, r.u() < 0.6 ? x : ERASED]; }); } },
  // x the minimum, y the maximum of two uniforms: density 2 on x < y, I = 1 − log 2, at n = 300
  { name: "min-and-max-of-two-uniforms-n300", truth: 1 - Math.log(2), sample: (seed, n = 300) => { const r = rng(2406000 + seed); return many(n, () => { const a = r.u(), b = r.u(); return [Math.min(a, b), Math.max(a, b)]; }); } },
  // the FGM copula with θ = 1 (its strongest), margins log-normal with σ = 2: a low MI (0.05) at n = 5000
  { name: "fgm-copula-theta1-lognormal-sigma2-margins-low-mi-n5000", truth: () => fgmTruth(FGM_THETA), sample: (seed, n = 5000) => { const r = rng(2407000 + seed); return many(n, () => fgmDraw(r, FGM_THETA).map((u) => Math.exp(2 * probit(u)))); } },
  // the linear channel of CHANNEL: y = Uᵀ diag(10, 1, 0.1, 0.01) V z + 0.1ε, x = z with V's first direction squashed 1e-5
  { name: "x-cov-condition-1e10-hiding-the-direction-y-reads-linear-channel-4x4-n1000", truth: () => channelTruth(), sample: (seed, n = 1000) => { const r = rng(2408000 + seed); return many(n, () => channelDraw(r)); } },
  // three pairs y_k = sinh(3(x_k + 0.03ε)): ½ log(1 + 1/0.0009) each, 10.52 nats, y's tails to about 1e5
  { name: "three-near-copies-noise-0.03-y-through-sinh3-10.5-nats-3x3-n1000", truth: 1.5 * Math.log(1 + 1 / NEAR_COPY_SIGMA ** 2), sample: (seed, n = 1000) => { const r = rng(2409000 + seed); return many(n, () => { const x = normals(r, 3); return [x, x.map((v) => Math.sinh(3 * (v + NEAR_COPY_SIGMA * r.normal())))]; }); } },
  // x ~ Student-t with ν = 2 (infinite variance), y = x + 0.1 noise: I = h(T₂ + 0.1N) − h(0.1N), a 1-D quadrature
  { name: "student-t-nu2-x-plus-0.1noise-n1000", truth: () => t2PlusNoiseTruth(0.1), sample: (seed, n = 1000) => { const r = rng(2410000 + seed); return many(n, () => { const x = r.normal() / Math.sqrt(-Math.log(r.u())); return [x, x + 0.1 * r.normal()]; }); } },
  // two normal columns read by twenty columns in units from 1e-6 to 1e6 (2 + 20): I = ½ log det(I + BᵀB)
  { name: "two-columns-read-by-twenty-in-units-1e-6-to-1e6-2x20-n1000", truth: () => spreadTruth(), sample: (seed, n = 1000) => { const r = rng(2411000 + seed); return many(n, () => { const x = normals(r, 2); return [x, SPREAD.B.map((b, k) => SPREAD.units[k] * (b[0] * x[0] + b[1] * x[1] + r.normal()))]; }); } },
  // x ~ U(0, 1) a success rate, y the number of trials to the first success: p(y = k) = 1/(k(k + 1)), no mean, many ties
  { name: "trials-to-first-success-at-uniform-rate-zipf-tail-n1000", truth: () => trialsTruth(), sample: (seed, n = 1000) => { const r = rng(2412000 + seed); return many(n, () => trialsDraw(r)); } },
  // y = w + (0.95/8) sin 8w, w = x + 0.3 noise: an injective map whose slope swings from 0.05 to 1.95 eight times a unit
  { name: "y-through-wiggly-map-w-plus-0.12sin8w-w-x-plus-0.3noise-n1000", truth: 0.5 * Math.log(1 + 1 / WIGGLE_SIGMA ** 2), sample: (seed, n = 1000) => { const r = rng(2413000 + seed); return many(n, () => { const x = r.normal(); return [x, wiggle(x + WIGGLE_SIGMA * r.normal())]; }); } },
  // FOLDED: the nearly singular x of the channel above, y = |the squashed direction| + ½ a visible one + 0.3 noise (4 + 1)
  { name: "x-cov-condition-1e8-y-abs-of-the-hidden-direction-plus-half-a-visible-one-4x1-n1000", truth: () => foldedTruth(), sample: (seed, n = 1000) => { const r = rng(2414000 + seed); return many(n, () => foldedDraw(r)); } },
];
