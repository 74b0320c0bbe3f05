// The twenty-second unseen probe's sets: kinds no earlier probe used (a count written as a fraction with decimals, a label
// of half units rounded from a noisy reading, both sides of a Gaussian pair rounded to a grid coarse against the spread,
// thirty weak pairs, the maximum of 40 columns, the argmax of 10, raw angles wrapped to [0, 2π), an hour of day through a
// daily cycle, rows from a sticky two-state regime, a sum of 40 weak effects). Drawn by the fifth probe's generator
// (mulberry32 and Box–Muller), not the library's Rng. Every truth is exact: a closed form, an injective map's invariance,
// an exact sum, or a 1-D quadrature (check-truths.mjs checks each against Monte Carlo).
import { rng } from "../unseen5/sets.mjs";
import { gaussI, phi, Phi, countAboveZeroTruth } from "../unseen21/sets.mjs";

export { rng, gaussI, phi, Phi };
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const TWO_PI = 2 * Math.PI;
const wrap = (v) => v - TWO_PI * Math.floor(v / TWO_PI);
const normalEntropy = (sd) => 0.5 * (LN2PIE + 2 * Math.log(sd));
/** −∫ p log p on a grid of midpoints */
const gridEntropy = (p, lo, hi, m = 200000) => { const h = (hi - lo) / m; let H = 0; for (let i = 0; i < m; i++) { const v = p(lo + (i + 0.5) * h); if (v > 0) H -= v * Math.log(v) * h; } return H; };
const entropyOf = (probs) => -probs.reduce((a, p) => a + (p > 0 ? p * Math.log(p) : 0), 0);

/** y = step·round((x + σN)/step), x ~ N(0, 1): I = H(Y) − E_x H(Y | x), a 1-D quadrature over x of an exact sum over cells. */
export function roundedReadingTruth(step, sigma, m = 20000) {
  const K = Math.ceil(10 / step), dx = 16 / m, pY = new Array(2 * K + 1).fill(0);
  let Hcond = 0;
  for (let i = 0; i < m; i++) {
    const x = -8 + (i + 0.5) * dx, w = phi(x) * dx, cond = [];
    for (let k = -K; k <= K; k++) { const c = k * step, p = Phi((c + step / 2 - x) / sigma) - Phi((c - step / 2 - x) / sigma); cond.push(p); pY[k + K] += w * p; }
    Hcond += w * entropyOf(cond);
  }
  return entropyOf(pY) - Hcond;
}
export const roundedReadingDraw = (r, step, sigma) => { const x = r.normal(); return [x, step * Math.round((x + sigma * r.normal()) / step)]; };

/** A Gaussian pair ρ with both sides rounded to a grid of width w (cells centred on multiples of w): the MI of the rounded pair,
 * an exact sum over cells whose probabilities are 1-D quadratures, P(a < X < b, c < Y < d) = ∫_a^b φ(x)[Φ((d − ρx)/s) − Φ((c − ρx)/s)] dx. */
export function roundedPairTruth(rho, w, perCell = 400) {
  const K = Math.ceil(8 / w), s = Math.sqrt(1 - rho * rho), cells = 2 * K + 1, P = Array.from({ length: cells }, () => new Array(cells).fill(0));
  for (let i = 0; i < cells; i++) {
    const a = (i - K - 0.5) * w, h = w / perCell;
    for (let t = 0; t < perCell; t++) {
      const x = a + (t + 0.5) * h, wx = phi(x) * h;
      for (let j = 0; j < cells; j++) { const c = (j - K - 0.5) * w; P[i][j] += wx * (Phi((c + w - rho * x) / s) - Phi((c - rho * x) / s)); }
    }
  }
  const px = P.map((row) => row.reduce((u, v) => u + v, 0)), py = P[0].map((_, j) => P.reduce((u, row) => u + row[j], 0));
  let I = 0;
  for (let i = 0; i < cells; i++) for (let j = 0; j < cells; j++) if (P[i][j] > 0) I += P[i][j] * Math.log(P[i][j] / (px[i] * py[j]));
  return I;
}
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };

/** y = max of d standard normal columns + σN: y depends on x only through the maximum M, so I = h(M + σN) − h(σN), with
 * p_M(m) = d φ(m) Φ(m)^(d−1) and p_y its convolution with the noise (1-D quadratures on a grid). */
export function maxPlusNoiseTruth(d, sigma) {
  const lo = -3, hi = 7, m = 5000, h = (hi - lo) / m, ms = [], pm = [];
  for (let i = 0; i < m; i++) { const v = lo + (i + 0.5) * h; ms.push(v); pm.push(d * phi(v) * Phi(v) ** (d - 1) * h); }
  const pY = (y) => { let p = 0; for (let i = 0; i < m; i++) { const z = (y - ms[i]) / sigma; if (z > -9 && z < 9) p += pm[i] * phi(z) / sigma; } return p; };
  return gridEntropy(pY, lo, hi, 20000) - normalEntropy(sigma);
}

/** the wrapped normal's entropy on the circle, its density Σ_k φ_σ(t + 2πk) on [0, 2π) */
export function wrappedNormalEntropy(sigma) { const f = (t) => { let p = 0; for (let k = -4; k <= 4; k++) p += phi((t + TWO_PI * k) / sigma) / sigma; return p; }; return gridEntropy(f, 0, TWO_PI); }

/** y = A·sin(2π h/24) + σN for a uniform hour h ∈ {0, …, 23}: I = h(y) − h(σN), y a mixture of 24 normals (hours with the same
 * sine share a mean, so the map from hour to mean is not injective). */
export function hourOfDayTruth(A, sigma) {
  const means = Array.from({ length: 24 }, (_, k) => A * Math.sin(TWO_PI * k / 24));
  return gridEntropy((y) => means.reduce((p, mu) => p + phi((y - mu) / sigma) / sigma / 24, 0), -A - 10 * sigma, A + 10 * sigma) - normalEntropy(sigma);
}

/** I(s; shift·s + N) for a fair bit s ∈ {0, 1}: h of the two-normal mixture less h(N) */
export const shiftedBitTruth = (shift) => gridEntropy((y) => 0.5 * (phi(y) + phi(y - shift)), -10, shift + 10) - normalEntropy(1);

export const REGIME = { stay: 0.995, shift: 2 };
export const WEAK = { d: 40, b: 0.15 };

export const SETS = [
  // the count of 40 positive columns sharing a factor (the twenty-first probe's) written as the fraction k/40: the same
  // information (an injective relabelling), I = H(count), but the values are not whole numbers
  { name: "fraction-of-positive-columns-of-40-factor0.3-as-k-over-40-40x1-n1000", truth: () => countAboveZeroTruth(), sample: (seed, n = 1000) => { const r = rng(2201000 + seed); return many(n, () => { const z = r.normal(), x = Array.from({ length: 40 }, () => Math.sqrt(0.3) * z + Math.sqrt(0.7) * r.normal()); return [x, x.filter((v) => v > 0).length / 40]; }); } },
  // a reading of x with noise 0.3, rounded to half units (…, −0.5, 0, 0.5, …): a label with ties written with decimals
  { name: "reading-x-plus-0.3noise-rounded-to-half-units-n1000", truth: () => roundedReadingTruth(0.5, 0.3), sample: (seed, n = 1000) => { const r = rng(2202000 + seed); return many(n, () => roundedReadingDraw(r, 0.5, 0.3)); } },
  // the same rounded to whole units, coarse against the noise (the truth is the rounded data's)
  { name: "reading-x-plus-0.3noise-rounded-to-whole-units-n1000", truth: () => roundedReadingTruth(1, 0.3), sample: (seed, n = 1000) => { const r = rng(2203000 + seed); return many(n, () => roundedReadingDraw(r, 1, 0.3)); } },
  // both sides of a Gaussian pair ρ = 0.9 rounded to a grid of 1.5 standard deviations (values −1.5, 0, 1.5, …)
  { name: "gauss-rho0.9-both-sides-rounded-to-grid-1.5sd-n1000", truth: () => roundedPairTruth(0.9, 1.5), sample: (seed, n = 1000) => { const r = rng(2204000 + seed); return many(n, () => pair(r, 0.9).map((v) => 1.5 * Math.round(v / 1.5))); } },
  // thirty weak pairs (ρ = 0.15 each) in 30 + 30 columns: the MI is the sum of thirty small ones
  { name: "thirty-weak-pairs-rho0.15-30x30-n1000", truth: 30 * gaussI(0.15), sample: (seed, n = 1000) => { const r = rng(2205000 + seed); return many(n, () => { const x = [], y = []; for (let k = 0; k < 30; k++) { const [a, b] = pair(r, 0.15); x.push(a); y.push(b); } return [x, y]; }); } },
  // y = the maximum of 40 independent columns plus 0.1 noise: an order statistic, not additive in the columns
  { name: "max-of-40-columns-plus-0.1noise-40x1-n1000", truth: () => maxPlusNoiseTruth(40, 0.1), sample: (seed, n = 1000) => { const r = rng(2206000 + seed); return many(n, () => { const x = Array.from({ length: 40 }, () => r.normal()); return [x, Math.max(...x) + 0.1 * r.normal()]; }); } },
  // y = which of 10 independent columns is largest (0–9): y a function of x, I = H(y) = log 10
  { name: "argmax-of-10-columns-label-10x1-n1000", truth: Math.log(10), sample: (seed, n = 1000) => { const r = rng(2207000 + seed); return many(n, () => { const x = Array.from({ length: 10 }, () => r.normal()); return [x, x.indexOf(Math.max(...x))]; }); } },
  // raw angles in radians on [0, 2π): x uniform, y = x + 0.3 noise wrapped; I = log 2π − h(wrapped normal)
  { name: "raw-angles-wrapped-to-0-2pi-y-x-plus-0.3noise-n1000", truth: () => Math.log(TWO_PI) - wrappedNormalEntropy(0.3), sample: (seed, n = 1000) => { const r = rng(2208000 + seed); return many(n, () => { const t = TWO_PI * r.u(); return [t, wrap(t + 0.3 * r.normal())]; }); } },
  // hour of day 0–23 (whole numbers) and a daily cycle 8·sin(2π h/24) plus unit noise
  { name: "hour-of-day-x-daily-sine-8-plus-noise-y-n1000", truth: () => hourOfDayTruth(8, 1), sample: (seed, n = 1000) => { const r = rng(2209000 + seed); return many(n, () => { const h = r.int(24); return [h, 8 * Math.sin(TWO_PI * h / 24) + r.normal()]; }); } },
  // rows in time order from a sticky two-state regime (stays with probability 0.995, so about 5 switches in 1000 rows):
  // x the state (0/1), y = 2·state + noise; each row's pair has the stationary law, I = I(s; 2s + N)
  { name: "sticky-regime-stay0.995-rows-in-time-order-x-state-y-2s-plus-noise-n1000", truth: () => shiftedBitTruth(REGIME.shift), sample: (seed, n = 1000) => { const r = rng(2210000 + seed); let s = r.u() < 0.5 ? 1 : 0; return many(n, () => { if (r.u() > REGIME.stay) s = 1 - s; return [s, REGIME.shift * s + r.normal()]; }); } },
  // the same regime with x continuous (the state plus 0.5 noise): the rows' serial dependence without ties
  { name: "sticky-regime-stay0.995-x-state-plus-0.5noise-y-state-plus-0.5noise-n1000", truth: () => regimeBothNoisyTruth(), sample: (seed, n = 1000) => { const r = rng(2211000 + seed); let s = r.u() < 0.5 ? 1 : 0; return many(n, () => { if (r.u() > REGIME.stay) s = 1 - s; return [s + 0.5 * r.normal(), s + 0.5 * r.normal()]; }); } },
  // y = a sum of 40 weak effects (0.15 each) plus unit noise: I = ½ log(1 + 40·0.15²)
  { name: "sum-of-40-weak-effects-0.15-plus-noise-40x1-n1000", truth: 0.5 * Math.log(1 + WEAK.d * WEAK.b * WEAK.b), sample: (seed, n = 1000) => { const r = rng(2212000 + seed); return many(n, () => { const x = Array.from({ length: WEAK.d }, () => r.normal()); return [x, WEAK.b * x.reduce((a, v) => a + v, 0) + r.normal()]; }); } },
];

/** x = s + 0.5N₁, y = s + 0.5N₂ for a fair bit s: I = H-form by a 1-D quadrature: I(x; y) = h(y) − h(y | x), where
 * p(s = 1 | x) is logistic in x and y | x a two-normal mixture; h(y | x) by a 1-D quadrature over x of a 1-D quadrature over y,
 * written as a 2-D midpoint sum on a moderate grid. */
export function regimeBothNoisyTruth(sd = 0.5, m = 1200) {
  const lo = -0.5 - 10 * sd, hi = 1.5 + 10 * sd, h = (hi - lo) / m, n = (v, mu) => phi((v - mu) / sd) / sd;
  let I = 0;
  for (let i = 0; i < m; i++) {
    const x = lo + (i + 0.5) * h, a0 = n(x, 0), a1 = n(x, 1), px = 0.5 * (a0 + a1);
    for (let j = 0; j < m; j++) { const y = lo + (j + 0.5) * h, b0 = n(y, 0), b1 = n(y, 1), p = 0.5 * (a0 * b0 + a1 * b1), py = 0.5 * (b0 + b1); if (p > 0) I += p * Math.log(p / (px * py)) * h * h; }
  }
  return I;
}
