// The twenty-first unseen probe's sets: kinds no earlier probe used (a sawtooth and a continuous modular sum, dependence only
// in the joint tails, right-censored survival times with their event flag, a measurement scale cut into shuffled pieces,
// overlapping windows of a time series as 40 columns, a hidden bit spread thinly over 40 columns, a count of 40 correlated
// signs, a count made continuous by uniform jitter, a multiplexer whose selector is a column). Drawn by the fifth probe's
// generator (mulberry32 and Box–Muller), not the library's Rng. Every truth is exact: a closed form, an injective map's
// invariance, an exact sum, or a 1-D or 2-D quadrature (check-truths.mjs checks each against Monte Carlo).
import { rng } from "../unseen5/sets.mjs";
import { lgamma } from "../unseen16/sets.mjs";

const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
export const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const frac = (v) => v - Math.floor(v);
const LN2PIE = Math.log(2 * Math.PI * Math.E);
export const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
/** erfc with fractional error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes' erfcc), so Φ is accurate in the tails */
function erfc(v) {
  const z = Math.abs(v), t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return v >= 0 ? r : 2 - r;
}
export const Phi = (z) => 0.5 * erfc(-z / Math.SQRT2);
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };

/** I(W; W + σN), W ~ U(0, 1): h(W + σN) − h(σN), the first by quadrature of p(y) = Φ(y/σ) − Φ((y − 1)/σ). */
export function uniformPlusNoiseTruth(sigma, m = 200000) {
  const lo = -10 * sigma, hi = 1 + 10 * sigma, h = (hi - lo) / m;
  let H = 0;
  for (let i = 0; i < m; i++) { const y = lo + (i + 0.5) * h, p = Phi(y / sigma) - Phi((y - 1) / sigma); if (p > 0) H -= p * Math.log(p) * h; }
  return H - 0.5 * (LN2PIE + 2 * Math.log(sigma));
}

/** Tail blocks: (u, v) independent uniform except inside the corner blocks of side a, where a Gaussian copula of ρ is put
 * (the margins stay uniform). The copula density is 1 outside and c_ρ inside, so I = (blocks)·a²·(−½ log(1 − ρ²)).
 * Works on the tail probabilities t = 1 − u, s = 1 − v for the upper block so that the far tail keeps its precision. */
export const tailBlockTruth = (a, rho, blocks) => blocks * a * a * gaussI(rho);
function tailBlockDraw(r, a, rho, both) {
  let u = r.u(), v = r.u(); // upper-tail probabilities
  let upper = u < a && v < a, lower = false, lu = 0, lv = 0;
  if (upper) { const [z1, z2] = pair(r, rho); u = a * Phi(z1); v = a * Phi(z2); }
  else if (both) {
    // the lower block in terms of the lower-tail probabilities 1 − u
    lu = 1 - u; lv = 1 - v;
    if (lu < a && lv < a) { lower = true; const [z1, z2] = pair(r, rho); lu = a * Phi(z1); lv = a * Phi(z2); }
  }
  return { u, v, lower, lu, lv };
}
/** upper-tail probability t to a standard exponential (−log t), and to a standard logistic, given t and 1 − t */
const logistic = (t, oneMinusT) => Math.log(oneMinusT) - Math.log(t);

/** Right-censored survival: x ~ N(0, 1), T ~ Exp(rate e^(βx)), C ~ Exp(rate λ), y = (min(T, C), δ = [T ≤ C]).
 * Given x, min(T, C) ~ Exp(r + λ) and δ ~ Bernoulli(r/(r + λ)) independently, so H(y | x) is closed; H(y) by quadrature over
 * x (1600 midpoints of [−8, 8]) inside a quadrature over log time (4000 midpoints). */
export function survivalTruth(beta, lambda) {
  const mx = 1600, dx = 16 / mx, xs = [], w = [];
  for (let i = 0; i < mx; i++) { const x = -8 + (i + 0.5) * dx; xs.push(x); w.push(phi(x) * dx); }
  const total = w.reduce((a, b) => a + b, 0), ws = w.map((v) => v / total), rs = xs.map((x) => Math.exp(beta * x));
  let Hcond = 0;
  for (let i = 0; i < mx; i++) { const q = rs[i] / (rs[i] + lambda); Hcond += ws[i] * (1 - Math.log(rs[i] + lambda) - q * Math.log(q) - (1 - q) * Math.log(1 - q)); }
  const ms = 4000, slo = -25, shi = Math.log(100 / lambda), ds = (shi - slo) / ms;
  let H = 0;
  for (let j = 0; j < ms; j++) {
    const y = Math.exp(slo + (j + 0.5) * ds);
    let p1 = 0, p0 = 0;
    for (let i = 0; i < mx; i++) { const e = ws[i] * Math.exp(-(rs[i] + lambda) * y); p1 += rs[i] * e; p0 += e; }
    p0 *= lambda;
    if (p1 > 0) H -= p1 * Math.log(p1) * y * ds;
    if (p0 > 0) H -= p0 * Math.log(p0) * y * ds;
  }
  return H - Hcond;
}
export const survivalDraw = (r, beta, lambda) => { const x = r.normal(), t = -Math.log(r.u()) / Math.exp(beta * x), c = -Math.log(r.u()) / lambda; return [x, [Math.min(t, c), t <= c ? 1 : 0]]; };

/** An interval exchange: [−6, 6) cut into cells of width 0.5, the cells put in a shuffled order and every other one reversed;
 * identity outside. Injective (up to the cells' end points, a null set), so the MI is kept. */
export function intervalExchange(seed) {
  const r = rng(seed), cells = 24, order = Array.from({ length: cells }, (_, k) => k);
  for (let k = cells - 1; k > 0; k--) { const j = r.int(k + 1); [order[k], order[j]] = [order[j], order[k]]; }
  const map = (v) => { if (v < -6 || v >= 6) return v; const c = Math.floor((v + 6) / 0.5), f = (v + 6) / 0.5 - c; return -6 + 0.5 * (order[c] + (c % 2 ? 1 - f : f)); };
  const inverse = (w) => { if (w < -6 || w >= 6) return w; const t = Math.floor((w + 6) / 0.5), g = (w + 6) / 0.5 - t, c = order.indexOf(t); return -6 + 0.5 * (c + (c % 2 ? 1 - g : g)); };
  return { map, inverse };
}
export const EXCHANGE_X = intervalExchange(2121), EXCHANGE_Y = intervalExchange(2122);

/** A hidden bit b = ±1 moves each of the 40 x columns by 0.15·b (unit noise) and y by b (unit noise). The mean of x is sufficient
 * for b, and y depends on x only through b, so I(x; y) = I(mean x; y): a 2-D quadrature of a two-component mixture. */
export const HIDDEN = { d: 40, shift: 0.15, yShift: 1 };
export function hiddenBitTruth({ d, shift, yShift } = HIDDEN, m = 1500) {
  const ss = 1 / Math.sqrt(d), slo = -shift - 9 * ss, shi = shift + 9 * ss, ylo = -yShift - 9, yhi = yShift + 9, ds = (shi - slo) / m, dy = (yhi - ylo) / m;
  const n = (v, mu, sd) => phi((v - mu) / sd) / sd;
  let I = 0;
  for (let i = 0; i < m; i++) {
    const s = slo + (i + 0.5) * ds, a1 = n(s, shift, ss), a0 = n(s, -shift, ss), ps = 0.5 * (a1 + a0);
    for (let j = 0; j < m; j++) {
      const y = ylo + (j + 0.5) * dy, b1 = n(y, yShift, 1), b0 = n(y, -yShift, 1), p = 0.5 * (a1 * b1 + a0 * b0), py = 0.5 * (b1 + b0);
      if (p > 0) I += p * Math.log(p / (ps * py)) * ds * dy;
    }
  }
  return I;
}

/** y = how many of 40 columns are positive, the columns sharing a factor (x_i = √0.3 z + √0.7 e_i): y is a function of x,
 * so I = H(y), with P(y = k) = ∫ Binomial(k; 40, Φ(√(0.3/0.7) z)) φ(z) dz (1-D quadrature). */
export function countAboveZeroTruth(d = 40, load = 0.3, m = 20000) {
  const probs = new Array(d + 1).fill(0), dz = 16 / m, c = Math.sqrt(load / (1 - load));
  const logChoose = (k) => lgamma(d + 1) - lgamma(k + 1) - lgamma(d - k + 1);
  for (let i = 0; i < m; i++) {
    const z = -8 + (i + 0.5) * dz, p = Phi(c * z), q = Phi(-c * z), wz = phi(z) * dz;
    if (p <= 0 || q <= 0) continue;
    for (let k = 0; k <= d; k++) probs[k] += wz * Math.exp(logChoose(k) + k * Math.log(p) + (d - k) * Math.log(q));
  }
  const total = probs.reduce((a, b) => a + b, 0);
  return -probs.reduce((a, p) => a + (p > 0 ? (p / total) * Math.log(p / total) : 0), 0);
}

/** H(Poisson(μ)), an exact sum */
export function poissonEntropy(mu) { let H = 0; for (let k = 0; k < 200; k++) { const lp = -mu + k * Math.log(mu) - lgamma(k + 1); H -= Math.exp(lp) * lp; } return H; }
export const poisson = (r, mu) => { let k = 0, p = Math.exp(-mu), s = p; const u = r.u(); while (u > s && k < 200) { k++; p *= mu / k; s += p; } return k; };

const AR_PHI = 0.9, WINDOW = 40;

export const SETS = [
  // a sawtooth: x uniform over 8 units, y its fractional part plus noise (non-injective: 8 x for one y); frac(x) is uniform
  { name: "sawtooth-frac-of-uniform8-x-plus-0.05noise-n1000", truth: () => uniformPlusNoiseTruth(0.05), sample: (seed, n = 1000) => { const r = rng(2101000 + seed); return many(n, () => { const x = 8 * r.u(); return [x, frac(x) + 0.05 * r.normal()]; }); } },
  // a continuous XOR: y = (x₁ + x₂) mod 1 plus noise, each x column alone independent of y; (u₁ + u₂) mod 1 is uniform
  { name: "modular-sum-of-two-uniforms-plus-0.1noise-2x1-n1000", truth: () => uniformPlusNoiseTruth(0.1), sample: (seed, n = 1000) => { const r = rng(2102000 + seed); return many(n, () => { const a = r.u(), b = r.u(); return [[a, b], frac(a + b) + 0.1 * r.normal()]; }); } },
  // dependence only where both exceed their 70 % quantiles: exponential margins, independent below, ρ = 0.99 copula above
  { name: "upper-tail-block-a0.3-rho0.99-exponential-margins-n1000", truth: tailBlockTruth(0.3, 0.99, 1), sample: (seed, n = 1000) => { const r = rng(2103000 + seed); return many(n, () => { const { u, v } = tailBlockDraw(r, 0.3, 0.99, false); return [-Math.log(u), -Math.log(v)]; }); } },
  // both joint tails (the lowest and the highest 25 % together), ρ = 0.995 in each block, logistic margins
  { name: "both-tail-blocks-a0.25-rho0.995-logistic-margins-n1000", truth: tailBlockTruth(0.25, 0.995, 2), sample: (seed, n = 1000) => { const r = rng(2104000 + seed); return many(n, () => { const d = tailBlockDraw(r, 0.25, 0.995, true); return d.lower ? [-logistic(d.lu, 1 - d.lu), -logistic(d.lv, 1 - d.lv)] : [logistic(d.u, 1 - d.u), logistic(d.v, 1 - d.v)]; }); } },
  // right-censored survival times with the event flag as a second y column (a tie-heavy 0/1 column)
  { name: "survival-time-and-event-flag-censoring-rate0.5-beta1-1x2-n1000", truth: () => survivalTruth(1, 0.5), sample: (seed, n = 1000) => { const r = rng(2105000 + seed); return many(n, () => survivalDraw(r, 1, 0.5)); } },
  { name: "survival-time-and-event-flag-heavy-censoring-rate3-beta1-1x2-n1000", truth: () => survivalTruth(1, 3), sample: (seed, n = 1000) => { const r = rng(2106000 + seed); return many(n, () => survivalDraw(r, 1, 3)); } },
  // a Gaussian pair ρ = 0.9 whose scales are cut into 24 cells of width 0.5 and shuffled (some reversed), x and y apart
  { name: "interval-exchange-24-cells-both-sides-gauss-rho0.9-n1000", truth: gaussI(0.9), sample: (seed, n = 1000) => { const r = rng(2107000 + seed); return many(n, () => { const [a, b] = pair(r, 0.9); return [EXCHANGE_X.map(a), EXCHANGE_Y.map(b)]; }); } },
  // overlapping windows of one AR(1) series (φ = 0.9): x the last 40 values, y the next; Markov, so I = I(s_{t−1}; s_t)
  { name: "ar1-phi0.9-sliding-window-40-x-next-value-y-40x1-n1000", truth: gaussI(AR_PHI), sample: (seed, n = 1000) => { const r = rng(2108000 + seed); const s = [r.normal() / Math.sqrt(1 - AR_PHI * AR_PHI)]; for (let t = 1; t < n + WINDOW; t++) s.push(AR_PHI * s[t - 1] + r.normal()); return many(n, (i) => [s.slice(i, i + WINDOW), s[i + WINDOW]]); } },
  // a hidden bit moves all 40 x columns a little (0.15 of their noise) and y by its noise: the dependence thin in each column
  { name: "hidden-bit-shifts-40-x-columns-by-0.15-and-y-by-1-40x1-n1000", truth: () => hiddenBitTruth(), sample: (seed, n = 1000) => { const r = rng(2109000 + seed); return many(n, () => { const b = r.u() < 0.5 ? 1 : -1; return [Array.from({ length: HIDDEN.d }, () => HIDDEN.shift * b + r.normal()), HIDDEN.yShift * b + r.normal()]; }); } },
  // y = the number of positive columns among 40 sharing a factor (y a function of x: I = H(y))
  { name: "count-of-positive-columns-of-40-factor0.3-x-40x1-n1000", truth: () => countAboveZeroTruth(), sample: (seed, n = 1000) => { const r = rng(2110000 + seed); return many(n, () => { const z = r.normal(), x = Array.from({ length: 40 }, () => Math.sqrt(0.3) * z + Math.sqrt(0.7) * r.normal()); return [x, x.filter((v) => v > 0).length]; }); } },
  // a Poisson(4) count made continuous by uniform jitter filling each gap: y = x + U(0, 1) tells x exactly, I = H(Poisson(4))
  { name: "poisson4-x-jittered-by-uniform-0-1-y-n1000", truth: poissonEntropy(4), sample: (seed, n = 1000) => { const r = rng(2111000 + seed); return many(n, () => { const k = poisson(r, 4); return [k, k + r.u()]; }); } },
  // a multiplexer: x = (selector k in {0, 1, 2}, v₀, v₁, v₂), y = v_k + 0.3 noise; y ~ N(0, 1.09), so I = ½ log(1 + 1/0.09)
  { name: "multiplexer-selector-column-k-of-3-y-vk-plus-0.3noise-4x1-n1000", truth: 0.5 * Math.log(1 + 1 / 0.09), sample: (seed, n = 1000) => { const r = rng(2112000 + seed); return many(n, () => { const k = r.int(3), v = [r.normal(), r.normal(), r.normal()]; return [[k, ...v], v[k] + 0.3 * r.normal()]; }); } },
];

// the same draws at n = 5000 for the sets whose n = 1000 estimates were near, or whose structure more rows should resolve
const AT_5000 = ["sawtooth", "upper-tail-block", "both-tail-blocks", "survival-time-and-event-flag-censoring-rate0.5", "interval-exchange", "poisson4", "multiplexer", "count-of-positive"];
SETS.push(...SETS.filter((s) => AT_5000.some((p) => s.name.startsWith(p))).map((s) => ({ ...s, name: s.name.replace(/n1000$/, "n5000"), sample: (seed) => s.sample(seed, 5000) })));
