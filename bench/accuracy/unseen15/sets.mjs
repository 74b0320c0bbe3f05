// The fifteenth unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the
// library's Rng. Truths: closed forms, Infinity (y an exact function of x on a share of the rows, or y the same
// array as x), or 1-D quadratures (checked against Monte Carlo in check-truths.mjs).
import { rng } from "../unseen5/sets.mjs";
import { mixtureEntropy } from "../unseen14/sets.mjs";

const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const noiseEntropy = (s) => 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
const h2 = (p) => -p * Math.log(p) - (1 - p) * Math.log(1 - p);
function erfc(x) { const z = Math.abs(x), t = 1 / (1 + 0.5 * z); const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))); return x >= 0 ? r : 2 - r; }
export const Phi = (z) => 0.5 * erfc(-z / Math.SQRT2);
const midpoint = (f, lo, hi, G) => { const d = (hi - lo) / G; let s = 0; for (let g = 0; g < G; g++) s += f(lo + (g + 0.5) * d); return s * d; };
const entropyOf = (p, lo, hi, G = 200000) => -midpoint((t) => { const v = p(t); return v > 0 ? v * Math.log(v) : 0; }, lo, hi, G);
const shuffle = (r, a) => { for (let i = a.length - 1; i > 0; i--) { const j = r.int(i + 1); [a[i], a[j]] = [a[j], a[i]]; } return a; };

// x = θ + 0.3E, θ ~ U(0, 2π), y = (cos θ, sin θ) on the unit circle: I = I(X; θ) = h(X) − h(0.3E)
export const ringDensity = (s) => (t) => (Phi(t / s) - Phi((t - 2 * Math.PI) / s)) / (2 * Math.PI);
export const ringTruth = (s) => entropyOf(ringDensity(s), -10 * s, 2 * Math.PI + 10 * s) - noiseEntropy(s);
// y = 1[sin(kx) > 0], x ~ N(0, 1): I = H(Y)
export const sinLabelP = (k) => { let p = 0; for (let j = -200; j <= 200; j++) p += Phi(((2 * j + 1) * Math.PI) / k) - Phi((2 * j * Math.PI) / k); return p; };
// T ~ Exp(1), S = T + 0.5E: the exponentially modified Gaussian; log of a Pareto(1) times a log-normal factor
export const emgDensity = (s) => 0.5 * Math.exp(0.5 * (0.25 - 2 * s)) * erfc((0.25 - s) / (Math.SQRT2 * 0.5));
export const paretoTruth = () => entropyOf(emgDensity, -6, 60) - noiseEntropy(0.5);
// x continuous, y = 1[x + 0.5E > 0]: I = H(Y) − E h2(Φ(2x)), H(Y) = log 2
export const thresholdTruth = () => Math.log(2) - midpoint((t) => { const q = Phi(2 * t); return q > 0 && q < 1 ? (Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI)) * h2(q) : 0; }, -10, 10, 20000);
// Poisson entropies by summation
const poissonEntropy = (l) => { let h = 0, p = Math.exp(-l); for (let k = 0; k < 200; k++) { if (p > 0) h -= p * Math.log(p); p *= l / (k + 1); } return h; };
const poisson = (r, l) => { let k = 0, p = Math.exp(-l), s = r.u(); while (s > p) { s -= p; k++; p *= l / k; } return k; };
// the spiral: x rotated by the angle |x|² (invertible, so the MI is unchanged)
const spiral = ([a, b]) => { const t = a * a + b * b, c = Math.cos(t), s = Math.sin(t); return [c * a - s * b, s * a + c * b]; };
const fixedPerm = (() => { const r = rng(9150); return shuffle(r, Array.from({ length: 10 }, (_, i) => i)); })();

const curveShare = (n, p, make) => (seed, base) => { const r = rng(base + seed); return many(n, () => make(r, r.u() < p)); };
export const CURVES = [
  // y an exact function of a combination of the x columns in a share of the rows (I = ∞)
  { name: "y-exp-of-x1-plus-x2-in-10pct-2x1-n2000", truth: Infinity, sample: (seed) => curveShare(2000, 0.1, (r, on) => { const a = r.normal(), b = r.normal(); return [[a, b], on ? Math.exp((a + b) / Math.SQRT2) : r.normal()]; })(seed, 300000) },
  { name: "y-x1-plus-x2-in-10pct-2x1-n2000", truth: Infinity, sample: (seed) => curveShare(2000, 0.1, (r, on) => { const a = r.normal(), b = r.normal(); return [[a, b], on ? (a + b) / Math.SQRT2 : r.normal()]; })(seed, 301000) },
  { name: "y-x1-minus-x2-plus-half-x3-in-10pct-3x1-n2000", truth: Infinity, sample: (seed) => curveShare(2000, 0.1, (r, on) => { const x = [r.normal(), r.normal(), r.normal()]; return [x, on ? x[0] - x[1] + 0.5 * x[2] : r.normal()]; })(seed, 324000) },
  { name: "y-product-x1-x2-in-10pct-2x1-n2000", truth: Infinity, sample: (seed) => curveShare(2000, 0.1, (r, on) => { const a = r.normal(), b = r.normal(); return [[a, b], on ? a * b : r.normal()]; })(seed, 325000) },
  // a curve between x column 4 and y column 4 of 5 + 5 (the 25th pair)
  { name: "y5-cube-of-x5-in-10pct-5x5-n2000", truth: Infinity, sample: (seed) => curveShare(2000, 0.1, (r, on) => { const x = Array.from({ length: 5 }, () => r.normal()), y = Array.from({ length: 5 }, () => r.normal()); if (on) y[4] = x[4] ** 3; return [x, y]; })(seed, 302000) },
  // x and y the very same array
  { name: "y-the-same-array-as-x-n1000", truth: Infinity, sample: (seed) => { const r = rng(303000 + seed); const x = Array.from({ length: 1000 }, () => [r.normal()]); return { x, y: x }; } },
];

export const SETS = [
  { name: "ring-angle-noise0.3-y-on-circle-1x2-n1000", truth: () => ringTruth(0.3), sample: (seed) => { const r = rng(304000 + seed); return many(1000, () => { const t = 2 * Math.PI * r.u(); return [t + 0.3 * r.normal(), [Math.cos(t), Math.sin(t)]]; }); } },
  { name: "checkerboard-4x4-n1000", truth: Math.log(2), sample: (seed) => { const r = rng(305000 + seed); return many(1000, () => { const i = r.int(4), j = 2 * r.int(2) + (i % 2); return [i + r.u(), j + r.u()]; }); } },
  { name: "spiral-of-gauss-2x2-rho0.8-n1000", truth: 2 * gaussI(0.8), sample: (seed) => { const r = rng(306000 + seed); return many(1000, () => { const p = gpair(r, 0.8), q = gpair(r, 0.8); return [spiral([p[0], q[0]]), [p[1], q[1]]]; }); } },
  { name: "label-sign-of-sin-10x-n1000", truth: h2(sinLabelP(10)), sample: (seed) => { const r = rng(307000 + seed); return many(1000, () => { const a = r.normal(); return [a, Math.sin(10 * a) > 0 ? 1 : 0]; }); } },
  { name: "40-class-label-y-x-class-plus-0.3noise-n700", truth: () => mixtureEntropy(Array(40).fill(1 / 40), Array.from({ length: 40 }, (_, c) => c), Array(40).fill(0.3), -5, 45) - noiseEntropy(0.3), sample: (seed) => { const r = rng(308000 + seed); return many(700, () => { const c = r.int(40); return [c + 0.3 * r.normal(), c]; }); } },
  { name: "permuted-decile-labels-flip20pct-n1000", truth: Math.log(10) + 0.82 * Math.log(0.82) + 9 * 0.02 * Math.log(0.02), sample: (seed) => { const r = rng(309000 + seed); return many(1000, () => { const a = r.normal(); let c = Math.min(9, Math.floor(10 * Phi(a))); if (r.u() < 0.2) c = r.int(10); return [a, fixedPerm[c]]; }); } },
  { name: "threshold-label-of-x-plus-0.5noise-n1000", truth: thresholdTruth, sample: (seed) => { const r = rng(310000 + seed); return many(1000, () => { const a = r.normal(); return [a, a + 0.5 * r.normal() > 0 ? 1 : 0]; }); } },
  { name: "zero-inflated-both-70pct-zero-n1000", truth: h2(0.3) + 0.15 * Math.log(5), sample: (seed) => { const r = rng(311000 + seed); return many(1000, () => { const z = r.normal(), e = r.normal(); return r.u() < 0.3 ? [z, z + 0.5 * e] : [0, 0]; }); } },
  { name: "cauchy-x-plus-cauchy0.5-n1000", truth: Math.log(3), sample: (seed) => { const r = rng(312000 + seed); return many(1000, () => { const a = Math.tan(Math.PI * (r.u() - 0.5)); return [a, a + 0.5 * Math.tan(Math.PI * (r.u() - 0.5))]; }); } },
  { name: "pareto1-x-times-lognormal0.5-n1000", truth: paretoTruth, sample: (seed) => { const r = rng(313000 + seed); return many(1000, () => { const a = 1 / r.u(); return [a, a * Math.exp(0.5 * r.normal())]; }); } },
  { name: "gauss-rho0.9-n20", truth: gaussI(0.9), sample: (seed) => { const r = rng(314000 + seed); return many(20, () => gpair(r, 0.9)); } },
  { name: "gauss-rho0.9-n50", truth: gaussI(0.9), sample: (seed) => { const r = rng(315000 + seed); return many(50, () => gpair(r, 0.9)); } },
  { name: "gauss-rho0.5-n20000", truth: gaussI(0.5), sample: (seed) => { const r = rng(316000 + seed); return many(20000, () => gpair(r, 0.5)); } },
  { name: "gauss-5x5-rho0.5-pairs-n1000", truth: 5 * gaussI(0.5), sample: (seed) => { const r = rng(317000 + seed); return many(1000, () => { const ps = Array.from({ length: 5 }, () => gpair(r, 0.5)); return [ps.map(([a]) => a), ps.map(([, b]) => b)]; }); } },
  { name: "50x50-three-pairs-rho0.8-n1000", truth: 3 * gaussI(0.8), sample: (seed) => { const r = rng(318000 + seed); return many(1000, () => { const x = Array.from({ length: 50 }, () => r.normal()), y = Array.from({ length: 50 }, () => r.normal()); for (const [i, j] of [[5, 41], [30, 2], [49, 49]]) { const [a, b] = gpair(r, 0.8); x[i] = a; y[j] = b; } return [x, y]; }); } },
  { name: "every-row-twice-shuffled-rho0.8-n1000", truth: gaussI(0.8), sample: (seed) => { const r = rng(319000 + seed); const d = many(500, () => gpair(r, 0.8)); const order = shuffle(r, Array.from({ length: 1000 }, (_, i) => i % 500)); return { x: order.map((i) => [...d.x[i]]), y: order.map((i) => [...d.y[i]]) }; } },
  { name: "poisson5-x-y-x-plus-poisson3-n1000", truth: poissonEntropy(8) - poissonEntropy(3), sample: (seed) => { const r = rng(320000 + seed); return many(1000, () => { const a = poisson(r, 5); return [a, a + poisson(r, 3)]; }); } },
  { name: "sorted-by-x-rho0.7-n1000", truth: gaussI(0.7), sample: (seed) => { const r = rng(321000 + seed); const d = many(1000, () => gpair(r, 0.7)); const o = d.x.map((_, i) => i).sort((i, j) => d.x[i][0] - d.x[j][0]); return { x: o.map((i) => d.x[i]), y: o.map((i) => d.y[i]) }; } },
  { name: "pair-members-swapped-across-2x2-n1000", truth: gaussI(0.9) + gaussI(0.6), sample: (seed) => { const r = rng(322000 + seed); return many(1000, () => { const [a1, b1] = gpair(r, 0.9), [a2, b2] = gpair(r, 0.6); return [[a1, b2], [b1, a2]]; }); } },
  { name: "constant-columns-beside-rho0.8-2x2-n1000", truth: gaussI(0.8), sample: (seed) => { const r = rng(323000 + seed); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [[a, 5], [-2, b]]; }); } },
];
