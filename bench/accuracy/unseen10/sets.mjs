// The tenth unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the library's Rng.
// Truths: exact sums over discrete cells (dice, a binary channel, a common-shock Poisson pair, integers plus integer noise,
// a discrete copy), closed forms (Cauchy plus Cauchy: log 2; Gaussian pairs behind monotone maps, duplicated, constant or
// padded columns: −½ log(1 − ρ²)), or ∞ (y an exact function of a continuous x).
import { rng } from "../unseen5/sets.mjs";

const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const xlogx = (p) => (p > 0 ? p * Math.log(p) : 0);
const H = (ps) => -ps.reduce((a, p) => a + xlogx(p), 0);
const row = (v) => (Array.isArray(v) ? v : [v]);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(row(a)); y.push(row(b)); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const poisson = (r, lam) => { const L = Math.exp(-lam); let k = 0, p = 1; do { k++; p *= r.u(); } while (p > L); return k - 1; };
const cauchy = (r) => Math.tan(Math.PI * (r.u() - 0.5));

// Y = X + E with X uniform on m integers and E uniform on k integers: I = H(Y) − log k (H(Y) by convolution).
export function uniformPlusUniformTruth(m, k) {
  const p = new Array(m + k - 1).fill(0);
  for (let a = 0; a < m; a++) for (let b = 0; b < k; b++) p[a + b] += 1 / (m * k);
  return H(p) - Math.log(k);
}
// binary symmetric channel, flip probability q: log 2 − H(q)
export const bscTruth = (q) => Math.log(2) - H([q, 1 - q]);
// X = A + C, Y = B + C, A ~ Poisson(a), B ~ Poisson(b), C ~ Poisson(c): an exact sum over the joint's cells
export function commonShockTruth(a, b, c, K = 60) {
  const pois = (l) => { const p = [Math.exp(-l)]; for (let k = 1; k < K; k++) p.push((p[k - 1] * l) / k); return p; };
  const pa = pois(a), pb = pois(b), pc = pois(c), px = pois(a + c), py = pois(b + c);
  let I = 0;
  for (let x = 0; x < K; x++) for (let y = 0; y < K; y++) {
    let pxy = 0; for (let z = 0; z <= Math.min(x, y); z++) pxy += pc[z] * pa[x - z] * pb[y - z];
    if (pxy > 0) I += pxy * Math.log(pxy / (px[x] * py[y]));
  }
  return I;
}
// X uniform on 1..6 and Y = X + another die: H(sum) − log 6
const diceTruth = uniformPlusUniformTruth(6, 6);

export const SETS = [
  // discrete, many ties
  { name: "dice-x-sum-of-two-dice-y", truth: diceTruth, sample: (s) => { const r = rng(20100 + s); return many(1000, () => { const a = 1 + r.int(6); return [a, a + 1 + r.int(6)]; }); } },
  { name: "dice-independent", truth: 0, sample: (s) => { const r = rng(20200 + s); return many(1000, () => [1 + r.int(6), 1 + r.int(6)]); } },
  { name: "binary-channel-flip0.1", truth: bscTruth(0.1), sample: (s) => { const r = rng(20300 + s); return many(1000, () => { const a = r.int(2); return [a, r.u() < 0.1 ? 1 - a : a]; }); } },
  { name: "binary-independent-p0.2", truth: 0, sample: (s) => { const r = rng(20400 + s); return many(1000, () => [r.u() < 0.2 ? 1 : 0, r.u() < 0.2 ? 1 : 0]); } },
  { name: "poisson-common-shock-1-1-2", truth: commonShockTruth(1, 1, 2), sample: (s) => { const r = rng(20500 + s); return many(1000, () => { const c = poisson(r, 2); return [poisson(r, 1) + c, poisson(r, 1) + c]; }); } },
  { name: "int-uniform-50-plus-int-noise-7", truth: uniformPlusUniformTruth(50, 7), sample: (s) => { const r = rng(20600 + s); return many(1000, () => { const a = r.int(50); return [a, a + r.int(7) - 3]; }); } },
  { name: "discrete-copy-10-labels", truth: Math.log(10), sample: (s) => { const r = rng(20700 + s); return many(1000, () => { const a = r.int(10); return [a, a]; }); } },
  // exact functions of a continuous x: infinite MI
  { name: "y-equals-exp-x", truth: Infinity, sample: (s) => { const r = rng(20800 + s); return many(1000, () => { const a = r.normal(); return [a, Math.exp(a)]; }); } },
  { name: "y-equals-2x-plus-1", truth: Infinity, sample: (s) => { const r = rng(20900 + s); return many(1000, () => { const a = r.normal(); return [a, 2 * a + 1]; }); } },
  // duplicated, constant and padded columns
  { name: "x-column-duplicated-rho0.8", truth: gaussI(0.8), sample: (s) => { const r = rng(21000 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [[a, a], b]; }); } },
  { name: "x-with-constant-column-rho0.8", truth: gaussI(0.8), sample: (s) => { const r = rng(21100 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [[a, 5], b]; }); } },
  { name: "one-x-vs-20-y-one-informative", truth: gaussI(0.8), sample: (s) => { const r = rng(21200 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); const y = [b]; for (let j = 0; j < 19; j++) y.push(r.normal()); return [a, y]; }); } },
  { name: "20-x-vs-one-y-one-informative", truth: gaussI(0.8), sample: (s) => { const r = rng(21300 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); const x = []; for (let j = 0; j < 19; j++) x.push(r.normal()); x.push(a); return [x, b]; }); } },
  // heavy tails
  { name: "lognormal-sigma3-both-rho0.8", truth: gaussI(0.8), sample: (s) => { const r = rng(21400 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [Math.exp(3 * a), Math.exp(3 * b)]; }); } },
  { name: "cauchy-plus-cauchy", truth: Math.log(2), sample: (s) => { const r = rng(21500 + s); return many(1000, () => { const a = cauchy(r); return [a, a + cauchy(r)]; }); } },
  // small n, tiny spread at a huge offset
  { name: "small-n60-rho0.8", truth: gaussI(0.8), sample: (s) => { const r = rng(21600 + s); return many(60, () => gpair(r, 0.8)); } },
  { name: "small-n100-rho0.5", truth: gaussI(0.5), sample: (s) => { const r = rng(21700 + s); return many(100, () => gpair(r, 0.5)); } },
  { name: "offset-1e6-spread-1e-6-rho0.9", truth: gaussI(0.9), sample: (s) => { const r = rng(21800 + s); return many(1000, () => { const [a, b] = gpair(r, 0.9); return [1e6 + 1e-6 * a, -1e6 + 1e-6 * b]; }); } },
];

// y = c_X + σN with X a label of weights w: I = h(Y) − h(σN) (1-D quadrature of the mixture's density)
const phi = (z, s) => Math.exp(-0.5 * (z / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
function labelMixtureTruth(means, sds, w) {
  const lo = Math.min(...means.map((m, i) => m - 12 * sds[i])), hi = Math.max(...means.map((m, i) => m + 12 * sds[i])), G = 200000, d = (hi - lo) / G;
  let hY = 0, hYgivenX = 0;
  for (let g = 0; g < G; g++) { const v = lo + (g + 0.5) * d; const p = means.reduce((a, m, i) => a + w[i] * phi(v - m, sds[i]), 0); hY -= xlogx(p) * d; }
  sds.forEach((s, i) => (hYgivenX += w[i] * 0.5 * Math.log(2 * Math.PI * Math.E * s * s)));
  return hY - hYgivenX;
}
const poissonWeights = (lam, K = 30) => { const p = [Math.exp(-lam)]; for (let k = 1; k < K; k++) p.push((p[k - 1] * lam) / k); return p; };
export const SETS2 = [
  { name: "discrete-copy-50-labels", truth: Math.log(50), sample: (s) => { const r = rng(22100 + s); return many(1000, () => { const a = r.int(50); return [a, a]; }); } },
  { name: "binary-x-sets-y-spread-1-vs-3", truth: labelMixtureTruth([0, 0], [1, 3], [0.5, 0.5]), sample: (s) => { const r = rng(22200 + s); return many(1000, () => { const a = r.int(2); return [a, (a ? 3 : 1) * r.normal()]; }); } },
  { name: "rare-poisson0.05-x-plus-0.3noise-y", truth: labelMixtureTruth([0, 1, 2, 3, 4], [0.3, 0.3, 0.3, 0.3, 0.3], poissonWeights(0.05, 5)), sample: (s) => { const r = rng(22300 + s); return many(1000, () => { const a = poisson(r, 0.05); return [a, a + 0.3 * r.normal()]; }); } },
  { name: "dice-sorted-by-x", truth: diceTruth, sample: (s) => { const r = rng(22400 + s); const rows = []; for (let i = 0; i < 1000; i++) { const a = 1 + r.int(6); rows.push([a, a + 1 + r.int(6)]); } rows.sort((p, q) => p[0] - q[0]); return many(1000, (i) => rows[i]); } },
];
export const LARGE = [
  { name: "gauss-rho0.5-n50000", truth: gaussI(0.5), sample: (s) => { const r = rng(22500 + s); return many(50000, () => gpair(r, 0.5)); } },
];
