// The eleventh unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the
// library's Rng. Truths: closed forms (checked in check-truths.mjs), exact sums over discrete cells, 1-D and 2-D
// quadratures, or (the noisy 30-bit code) a Monte Carlo mean with its standard error.
import { tf } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";

const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const xlogx = (p) => (p > 0 ? p * Math.log(p) : 0);
const H = (ps) => -ps.reduce((a, p) => a + xlogx(p), 0);
const asRow = (v) => (Array.isArray(v) ? v : [v]);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(asRow(a)); y.push(asRow(b)); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const poisson = (r, lam) => { const L = Math.exp(-lam); let k = 0, p = 1; do { k++; p *= r.u(); } while (p > L); return k - 1; };
const gammaInt = (r, shape) => { let s = 0; for (let i = 0; i < shape; i++) s -= Math.log(r.u()); return s; }; // integer shape: a sum of exponentials

// y = b + σn beside x that holds b: ½ log(1 + 1/σ²)
const channelI = (sigma) => 0.5 * Math.log(1 + 1 / (sigma * sigma));

// Benford's law: the leading digit of 10^{kU} over whole decades has P(d) = log10(1 + 1/d)
export const benfordTruth = H(Array.from({ length: 9 }, (_, i) => Math.log10(1 + 1 / (i + 1))));
const leadingDigit = (v) => Math.floor(v / 10 ** Math.floor(Math.log10(v)));

// X ~ Poisson(λ), Y | X = k ~ Gamma(k + 1, 1): Σ_k p_k ∫ f_k log(f_k / p) dy on a grid
export function poissonGammaTruth(lam, K = 40, top = 90, G = 180000) {
  const pk = [Math.exp(-lam)]; for (let k = 1; k < K; k++) pk.push((pk[k - 1] * lam) / k);
  const lf = [0]; for (let k = 1; k < K; k++) lf.push(lf[k - 1] + Math.log(k));
  const d = top / G; let I = 0;
  for (let g = 0; g < G; g++) {
    const y = (g + 0.5) * d, ly = Math.log(y);
    const fk = pk.map((_, k) => Math.exp(k * ly - y - lf[k]));
    const p = fk.reduce((a, f, k) => a + pk[k] * f, 0);
    for (let k = 0; k < K; k++) if (fk[k] > 0 && pk[k] > 0) I += pk[k] * fk[k] * Math.log(fk[k] / p) * d;
  }
  return I;
}

// Frank copula: density, conditional-inversion sampler, and ∫∫ c log c on a midpoint grid
const frankDensity = (u, v, t) => { const a = 1 - Math.exp(-t); const den = a - (1 - Math.exp(-t * u)) * (1 - Math.exp(-t * v)); return (t * a * Math.exp(-t * (u + v))) / (den * den); };
export function frankSample(r, t) { const u = r.u(), w = r.u(); const eu = Math.exp(-t * u); const v = -Math.log(1 + (w * (1 - Math.exp(-t))) / (w * (eu - 1) - eu)) / t; return [u, v]; }
export function frankTruth(t, G = 2000) { let I = 0; for (let i = 0; i < G; i++) for (let j = 0; j < G; j++) { const c = frankDensity((i + 0.5) / G, (j + 0.5) / G, t); I += c * Math.log(c); } return I / (G * G); }
export const frankLogDensity = (u, v, t) => Math.log(frankDensity(u, v, t));

// 8 labels sent as 30-bit code words (fixed, drawn once), each bit flipped with probability q:
// I = E[log p(y|x) − log mean_k p(y|k)], a Monte Carlo mean over M draws (its standard error returned too)
const CODE = (() => { const r = rng(31000); return Array.from({ length: 8 }, () => Array.from({ length: 30 }, () => r.int(2))); })();
const sendCode = (r, label, q) => CODE[label].map((bit) => (r.u() < q ? 1 - bit : bit));
export function codeTruth(q, M = 200000) {
  const r = rng(31001); let s = 0, s2 = 0;
  for (let m = 0; m < M; m++) {
    const label = r.int(8), y = sendCode(r, label, q);
    const logp = CODE.map((w) => { const d = w.reduce((a, bit, j) => a + (bit !== y[j] ? 1 : 0), 0); return d * Math.log(q) + (30 - d) * Math.log(1 - q); });
    const top = Math.max(...logp); const logMean = top + Math.log(logp.reduce((a, l) => a + Math.exp(l - top), 0) / 8);
    const term = logp[label] - logMean; s += term; s2 += term * term;
  }
  return { mean: s / M, se: Math.sqrt((s2 / M - (s / M) ** 2) / M) };
}

// 30 × 2 matrix of rank 2 (fixed): x = A z spans a plane in 30 coordinates
const RANK2 = (() => { const r = rng(31100); return Array.from({ length: 30 }, () => [r.normal(), r.normal()]); })();

// x² mod 7 for x uniform on 0..9: I = H(x² mod 7)
export const squareMod7Truth = (() => { const c = new Map(); for (let v = 0; v < 10; v++) { const k = (v * v) % 7; c.set(k, (c.get(k) ?? 0) + 0.1); } return H([...c.values()]); })();

export const SETS = [
  // near-singular covariance: the information sits in a direction of tiny variance
  { name: "collinear-x-diff-1e-3", truth: channelI(0.5), sample: (s) => { const r = rng(31200 + s); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, a + 1e-3 * b], b + 0.5 * r.normal()]; }); } },
  { name: "collinear-x-diff-1e-2", truth: channelI(0.5), sample: (s) => { const r = rng(31300 + s); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, a + 1e-2 * b], b + 0.5 * r.normal()]; }); } },
  { name: "collinear-x-independent-y", truth: 0, sample: (s) => { const r = rng(31400 + s); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, a + 1e-3 * b], r.normal()]; }); } },
  { name: "rank2-x-in-30-columns", truth: channelI(0.5), sample: (s) => { const r = rng(31500 + s); return many(1000, () => { const z = [r.normal(), r.normal()]; return [RANK2.map(([p, q]) => p * z[0] + q * z[1]), z[0] + 0.5 * r.normal()]; }); } },
  // a point mass shared by both sides, continuous and independent elsewhere: I = H(p)
  { name: "joint-atom-p0.3-independent-rest", truth: H([0.3, 0.7]), sample: (s) => { const r = rng(31600 + s); return many(1000, () => (r.u() < 0.3 ? [0, 0] : [r.normal(), r.normal()])); } },
  // deterministic, non-invertible maps onto few values: I = H(y)
  { name: "leading-digit-of-log-uniform", truth: benfordTruth, sample: (s) => { const r = rng(31700 + s); return many(1000, () => { const v = 10 ** (4 * r.u()); return [v, leadingDigit(v)]; }); } },
  { name: "argmax-label-of-3-gaussians", truth: Math.log(3), sample: (s) => { const r = rng(31800 + s); return many(1000, () => { const z = [r.normal(), r.normal(), r.normal()]; return [z, z.indexOf(Math.max(...z))]; }); } },
  { name: "square-mod-7-of-digit", truth: squareMod7Truth, sample: (s) => { const r = rng(31900 + s); return many(1000, () => { const v = r.int(10); return [v, (v * v) % 7]; }); } },
  { name: "cyclic-4-integers-plus-coin", truth: Math.log(2), sample: (s) => { const r = rng(32000 + s); return many(1000, () => { const v = r.int(4); return [v, (v + r.int(2)) % 4]; }); } },
  // discrete × continuous
  { name: "poisson3-x-gamma-y", truth: () => poissonGammaTruth(3), sample: (s) => { const r = rng(32100 + s); return many(1000, () => { const k = poisson(r, 3); return [k, gammaInt(r, k + 1)]; }); } },
  { name: "binary-x-overlapping-uniforms-y", truth: 0.5 * Math.log(2), sample: (s) => { const r = rng(32200 + s); return many(1000, () => { const a = r.int(2); return [a, a + 2 * r.u()]; }); } },
  { name: "label8-x-30-noisy-code-bits-y", truth: () => codeTruth(0.1).mean, sample: (s) => { const r = rng(32300 + s); return many(1000, () => { const a = r.int(8); return [a, sendCode(r, a, 0.1)]; }); } },
  // wrap-around: y = (x + U(0, a)) mod 1 on the circle: I = −log a
  { name: "torus-band-a0.2", truth: -Math.log(0.2), sample: (s) => { const r = rng(32400 + s); return many(1000, () => { const v = r.u(); return [v, (v + 0.2 * r.u()) % 1]; }); } },
  // a copula not tried before, with exponential margins
  { name: "frank8-exponential-margins", truth: () => frankTruth(8), sample: (s) => { const r = rng(32500 + s); return many(1000, () => frankSample(r, 8).map((u) => -Math.log(1 - u))); } },
  // independent, with strong structure inside y (a scale set by its first column)
  { name: "independent-y-heteroscedastic-within", truth: 0, sample: (s) => { const r = rng(32600 + s); return many(1000, () => { const u = r.normal(); return [r.normal(), [u, Math.abs(u) * r.normal()]]; }); } },
  // input forms
  { name: "tensor2d-rows-rho0.8", truth: gaussI(0.8), sample: (s) => { const r = rng(32700 + s); const { x, y } = many(1000, () => gpair(r, 0.8)); return { x: tf.tensor2d(x), y: tf.tensor2d(y) }; } },
  { name: "float64array-rows-2x2-rho0.6", truth: 2 * gaussI(0.6), sample: (s) => { const r = rng(32800 + s); const x = [], y = []; for (let i = 0; i < 1000; i++) { const [a, b] = gpair(r, 0.6), [c, d] = gpair(r, 0.6); x.push(Float64Array.of(a, c)); y.push(Float64Array.of(b, d)); } return { x, y }; } },
  { name: "int32-x-uint8-y-flip0.1", truth: Math.log(2) - H([0.1, 0.9]), sample: (s) => { const r = rng(32900 + s); const x = new Int32Array(1000), y = new Uint8Array(1000); for (let i = 0; i < 1000; i++) { x[i] = r.int(2); y[i] = r.u() < 0.1 ? 1 - x[i] : x[i]; } return { x, y }; } },
  // sample sizes
  { name: "five-labels-copied-n60", truth: Math.log(5), sample: (s) => { const r = rng(33000 + s); return many(60, () => { const a = r.int(5); return [a, a]; }); } },
];
// the same kinds at n = 5000 (seeds 0–2) and 50 000 (seed 0), where intervals are narrow and a small bias shows
const frankSet = (n, base) => ({ name: `frank8-exponential-margins-n${n}`, truth: () => frankTruth(8), sample: (s) => { const r = rng(base + s); return many(n, () => frankSample(r, 8).map((u) => -Math.log(1 - u))); } });
const poissonGammaSet = (n, base) => ({ name: `poisson3-x-gamma-y-n${n}`, truth: () => poissonGammaTruth(3), sample: (s) => { const r = rng(base + s); return many(n, () => { const k = poisson(r, 3); return [k, gammaInt(r, k + 1)]; }); } });
export const SETS2 = [
  frankSet(5000, 33200), poissonGammaSet(5000, 33300),
  { name: "torus-band-a0.2-n5000", truth: -Math.log(0.2), sample: (s) => { const r = rng(33400 + s); return many(5000, () => { const v = r.u(); return [v, (v + 0.2 * r.u()) % 1]; }); } },
  { name: "binary-x-overlapping-uniforms-y-n5000", truth: 0.5 * Math.log(2), sample: (s) => { const r = rng(33500 + s); return many(5000, () => { const a = r.int(2); return [a, a + 2 * r.u()]; }); } },
];
export const LARGE = [
  frankSet(50000, 33600), poissonGammaSet(50000, 33700),
  { name: "binary-channel-flip0.1-n50000", truth: Math.log(2) - H([0.1, 0.9]), sample: (s) => { const r = rng(33100 + s); return many(50000, () => { const a = r.int(2); return [a, r.u() < 0.1 ? 1 - a : a]; }); } },
];

// a third batch: labels through a fixed permutation (kept in 70 % of rows, else a fresh label), a Z-channel at
// n = 20 000, and 20 labels beside an independent Gaussian at n = 50 000
const PERMUTATION = (() => { const r = rng(34000); const p = Array.from({ length: 20 }, (_, i) => i); for (let i = 19; i > 0; i--) { const j = r.int(i + 1); [p[i], p[j]] = [p[j], p[i]]; } return p; })();
const keptShare = 0.7 + 0.3 / 20, otherShare = 0.3 / 20;
const hb = (p) => H([p, 1 - p]);
export const SETS3 = [
  { name: "permuted-labels-20-kept-0.7-n5000", truth: Math.log(20) - H([keptShare, ...new Array(19).fill(otherShare)]), sample: (s) => { const r = rng(34100 + s); return many(5000, () => { const a = r.int(20); return [a, r.u() < 0.7 ? PERMUTATION[a] : r.int(20)]; }); } },
  { name: "z-channel-0.3-n20000", truth: hb(0.65) - 0.5 * hb(0.3), sample: (s) => { const r = rng(34200 + s); return many(20000, () => { const a = r.int(2); return [a, a === 1 || r.u() < 0.3 ? 1 : 0]; }); } },
];
export const LARGE3 = [
  { name: "independent-labels20-gauss-n50000", truth: 0, sample: (s) => { const r = rng(34300 + s); return many(50000, () => [r.int(20), r.normal()]); } },
];

// a fourth batch: x Zipf(1.2) on 50 labels with y = x mod 5 in 80 % of rows (else uniform on 0..4), and the parity of a
// rounded N(0, 3²) flipped in 10 % of rows: I = H(Y) − H(Y | X), exact sums
const ZIPF = (() => { const w = Array.from({ length: 50 }, (_, i) => (i + 1) ** -1.2); const t = w.reduce((a, v) => a + v, 0); return w.map((v) => v / t); })();
const drawZipf = (r) => { let u = r.u(), i = 0; while (i < 49 && u > ZIPF[i]) { u -= ZIPF[i]; i++; } return i; };
const zipfModTruth = (() => { const py = new Array(5).fill(0.2 * 0.2); ZIPF.forEach((p, i) => (py[i % 5] += 0.8 * p)); return H(py) - H([0.84, 0.04, 0.04, 0.04, 0.04]); })();
const normalCdf = (z) => { let s = 0; const G = 4000, lo = -12; const d = (z - lo) / G; for (let g = 0; g < G; g++) { const v = lo + (g + 0.5) * d; s += Math.exp(-0.5 * v * v) * d; } return s / Math.sqrt(2 * Math.PI); };
const parityTruth = (() => { let odd = 0; for (let k = -40; k <= 40; k++) if (Math.abs(k) % 2 === 1) odd += normalCdf((k + 0.5) / 3) - normalCdf((k - 0.5) / 3); const p1 = 0.9 * odd + 0.1 * (1 - odd); return H([p1, 1 - p1]) - H([0.1, 0.9]); })();
export const SETS4 = [
  { name: "zipf50-x-mod5-y-n2000", truth: zipfModTruth, sample: (s) => { const r = rng(35100 + s); return many(2000, () => { const a = drawZipf(r); return [a, r.u() < 0.8 ? a % 5 : r.int(5)]; }); } },
  { name: "parity-of-rounded-gauss-sd3-flip0.1-n2000", truth: parityTruth, sample: (s) => { const r = rng(35200 + s); return many(2000, () => { const v = 3 * r.normal(); const par = Math.abs(Math.round(v)) % 2; return [v, r.u() < 0.1 ? 1 - par : par]; }); } },
];

// a fifth batch: the Frank copula stronger (θ = 20, n = 5000) and negative (θ = −8, n = 2000), uniform margins
const frankTheta = (theta, n, base) => ({ name: `frank${theta}-uniform-margins-n${n}`, truth: () => frankTruth(theta), sample: (s) => { const r = rng(base + s); return many(n, () => frankSample(r, theta)); } });
export const SETS5 = [frankTheta(20, 5000, 35300), frankTheta(-8, 2000, 35400)];
