// The nineteenth unseen probe's sets: families no earlier probe used, as a practitioner meets them, drawn by the fifth probe's
// generator (mulberry32 and Box–Muller), not the library's Rng. Truths are closed forms, exact sums, invariance under injective
// maps, or 1-D quadratures (check-truths.mjs checks them by Monte Carlo).
import { rng, probit } from "../unseen5/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";

const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const oneHot = (k, K) => Array.from({ length: K }, (_, j) => (j === k ? 1 : 0));
// K labels copied with probability q, else a uniform label: I = log K − H of the channel's row
export const labelChannelI = (q, K) => { const same = q + (1 - q) / K, other = (1 - q) / K; return Math.log(K) + same * Math.log(same) + (K - 1) * other * Math.log(other); };

// a label c of K (uniform) and y = MEANS[c] + N(0, 1): I = h(Y) − ½ log 2πe, h(Y) of the mixture on a grid
export const CLASS_MEANS = [2.4, 0, 4.8, 1.2, 3.6];
export function classMeansTruth(means = CLASS_MEANS) {
  const lo = Math.min(...means) - 9, hi = Math.max(...means) + 9, m = 40000, d = (hi - lo) / m;
  let h = 0;
  for (let i = 0; i < m; i++) { const y = lo + (i + 0.5) * d, p = means.reduce((a, mu) => a + phi(y - mu), 0) / means.length; if (p > 0) h -= p * Math.log(p) * d; }
  return h - 0.5 * Math.log(2 * Math.PI * Math.E);
}
// X uniform on the integers 0..N−1, Z uniform on 0..M−1, Y = X + Z: I = H(Y) − log M, H(Y) by exact sums over the trapezoid's ramps
export function uniformIntegersTruth(N, M) {
  let h = 0;
  for (let s = 1; s < M; s++) { const p = s / (N * M); h -= 2 * p * Math.log(p); } // the two ramps of M − 1 values each
  const flat = N - M + 1, p = 1 / N; h -= flat * p * Math.log(p);
  return h - Math.log(M);
}
// quantile maps of the marginals (all injective, so a Gaussian copula keeps the Gaussians' MI)
const arcsine = (u) => Math.sin((Math.PI * u) / 2) ** 2; // Beta(½, ½)
const laplace = (u) => (u < 0.5 ? Math.log(2 * u) : -Math.log(2 * (1 - u)));
const gumbel = (u) => -Math.log(-Math.log(u));
const EULER = 0.5772156649015329;

/** Rows drawn with replacement from `base` rows (a bootstrap resample), as many as `base` has or n (random oversampling). */
const bootstrap = (r, { x, y }, n = x.length) => { const bx = [], by = []; for (let i = 0; i < n; i++) { const j = r.int(x.length); bx.push(x[j]); by.push(y[j]); } return { x: bx, y: by }; };
const cluster = (r, centres, sd) => { const c = centres[r.int(centres.length)]; return c.map((v) => v + sd * r.normal()); };
const ring = (r) => { const rad = r.u() < 0.5 ? 1 : 3, t = 2 * Math.PI * r.u(); return [rad * Math.cos(t) + 0.05 * r.normal(), rad * Math.sin(t) + 0.05 * r.normal()]; };

export const SETS = [
  { name: "onehot6-both-sides-label-copied-0.6-6x6-n1000", truth: labelChannelI(0.6, 6), sample: (seed) => { const r = rng(1901000 + seed); return many(1000, () => { const k = r.int(6), l = r.u() < 0.6 ? k : r.int(6); return [oneHot(k, 6), oneHot(l, 6)]; }); } },
  { name: "onehot5-x-gauss-y-unordered-class-means-5x1-n1000", truth: () => classMeansTruth(), sample: (seed) => { const r = rng(1902000 + seed); return many(1000, () => { const c = r.int(5); return [oneHot(c, 5), CLASS_MEANS[c] + r.normal()]; }); } },
  { name: "bootstrap-resample-of-500-rows-rho0.8-n500", truth: gaussI(0.8), sample: (seed) => { const r = rng(1903000 + seed); return bootstrap(r, many(500, () => pair(r, 0.8))); } },
  { name: "bootstrap-resample-of-2000-rows-pairs-rho0.7-2x2-n2000", truth: 2 * gaussI(0.7), sample: (seed) => { const r = rng(1904000 + seed); return bootstrap(r, many(2000, () => { const [a, b] = pair(r, 0.7), [c, d] = pair(r, 0.7); return [[a, c], [b, d]]; })); } },
  // random oversampling: n rows drawn with replacement from fewer records, each present about n/records times (some 10 or more)
  { name: "oversampled-500-records-to-2500-rows-rho0.8-n2500", truth: gaussI(0.8), sample: (seed) => { const r = rng(1916000 + seed); return bootstrap(r, many(500, () => pair(r, 0.8)), 2500); } },
  { name: "oversampled-300-records-to-3000-rows-pairs-rho0.7-2x2-n3000", truth: 2 * gaussI(0.7), sample: (seed) => { const r = rng(1917000 + seed); return bootstrap(r, many(300, () => { const [a, b] = pair(r, 0.7), [c, d] = pair(r, 0.7); return [[a, c], [b, d]]; }), 3000); } },
  { name: "oversampled-400-independent-records-to-1600-rows-n1600", truth: 0, sample: (seed) => { const r = rng(1918000 + seed); return bootstrap(r, many(400, () => [r.normal(), r.normal()]), 1600); } },
  { name: "x12-y12-one-pair-rho0.95-rest-nuisance-n300", truth: gaussI(0.95), sample: (seed) => { const r = rng(1905000 + seed); return many(300, () => { const [a, b] = pair(r, 0.95), x = [a], y = [b]; for (let j = 1; j < 12; j++) { x.push(r.normal()); y.push(r.normal()); } return [x, y]; }); } },
  { name: "x30-y-depends-on-sum-of-columns-4-and-19-rho0.9-30x1-n2000", truth: gaussI(0.9), sample: (seed) => { const r = rng(1906000 + seed); return many(2000, () => { const x = Array.from({ length: 30 }, () => r.normal()), s = (x[4] + x[19]) / Math.SQRT2; return [x, 0.9 * s + Math.sqrt(1 - 0.81) * r.normal()]; }); } },
  { name: "x8-units-1e-6-to-1e6-dependence-in-1e-6-column-y-in-1e6-8x1-n1000", truth: gaussI(0.8), sample: (seed) => { const r = rng(1907000 + seed); return many(1000, () => { const [a, b] = pair(r, 0.8), x = [1e-6 * a]; for (let j = 1; j < 8; j++) x.push(10 ** (-6 + (12 * j) / 7) * r.normal()); return [x, 1e6 * b]; }); } },
  { name: "integers-uniform-below-1e9-plus-uniform-integer-noise-below-1e8-n1000", truth: () => uniformIntegersTruth(1e9, 1e8), sample: (seed) => { const r = rng(1908000 + seed); return many(1000, () => { const x = Math.floor(r.u() * 1e9); return [x, x + Math.floor(r.u() * 1e8)]; }); } },
  { name: "gauss-copula-arcsine-and-laplace-x-gumbel-y-pairs-rho0.8-0.5-2x2-n1000", truth: gaussI(0.8) + gaussI(0.5), sample: (seed) => { const r = rng(1909000 + seed); return many(1000, () => { const [a1, b1] = pair(r, 0.8), [a2, b2] = pair(r, 0.5); return [[arcsine(Phi(a1)), laplace(Phi(a2))], [gumbel(Phi(b1)), gumbel(Phi(b2))]]; }); } },
  { name: "independent-two-rings-x-three-tight-clusters-y-2x2-n1000", truth: 0, sample: (seed) => { const r = rng(1910000 + seed); const centres = [[0, 0], [5, 1], [2, 6]]; return many(1000, () => [ring(r), cluster(r, centres, 0.02)]); } },
  { name: "independent-tight-clusters-both-sides-4-and-3-2x2-n500", truth: 0, sample: (seed) => { const r = rng(1911000 + seed); const cx = [[0, 0], [1, 0], [0, 1], [1, 1]], cy = [[0, 0], [10, 0], [0, 10]]; return many(500, () => [cluster(r, cx, 0.01), cluster(r, cy, 0.01)]); } },
  // Y = X + Z with X, Z ~ Exp(1): Y ~ Gamma(2, 1), h(Y) = 1 + γ, h(Z) = 1, so I = γ (Euler's constant)
  { name: "exponential-x-plus-exponential-noise-n20000", truth: EULER, sample: (seed) => { const r = rng(1912000 + seed); return many(20000, () => { const x = -Math.log(r.u()); return [x, x - Math.log(r.u())]; }); } },
  { name: "gauss-3x3-one-pair-rho0.9-n30", truth: gaussI(0.9), sample: (seed) => { const r = rng(1913000 + seed); return many(30, () => { const [a, b] = pair(r, 0.9); return [[r.normal(), a, r.normal()], [r.normal(), r.normal(), b]]; }); } },
  // calling conventions: 1-D sides as Float64Array and number[]; columns passed as separate arrays (x = [column, column])
  { name: "x-float64array-1d-y-number-list-gauss-copula-laplace-rho0.9-n1000", truth: gaussI(0.9), sample: (seed) => { const r = rng(1914000 + seed); const x = new Float64Array(1000), y = []; for (let i = 0; i < 1000; i++) { const [a, b] = pair(r, 0.9); x[i] = laplace(Phi(a)); y.push(b); } return { x, y }; } },
  { name: "x-as-two-separate-column-arrays-y-two-column-arrays-rho0.8-n1000", truth: 2 * gaussI(0.8), sample: (seed) => { const r = rng(1915000 + seed); const x = [[], []], y = [[], []]; for (let i = 0; i < 1000; i++) for (let j = 0; j < 2; j++) { const [a, b] = pair(r, 0.8); x[j].push(a); y[j].push(b); } return { x, y }; } },
];
export { probit };
