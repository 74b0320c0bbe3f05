// The thirteenth unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the
// library's Rng. Truths: closed forms, Infinity (y an exact function of continuous x), or 1-D quadratures
// (checked against Monte Carlo in check-truths.mjs).
import { rng } from "../unseen5/sets.mjs";

const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const shuffle = (r, rows) => { for (let i = rows.length - 1; i > 0; i--) { const j = r.int(i + 1); [rows[i], rows[j]] = [rows[j], rows[i]]; } return rows; };
const noiseEntropy = (s) => 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
// h of a mixture of Gaussians Σ w_k N(m_k, s²), by the midpoint rule
export function mixtureEntropy(weights, means, s, lo, hi, G = 400000) {
  const d = (hi - lo) / G; let h = 0;
  for (let g = 0; g < G; g++) { const y = lo + (g + 0.5) * d; let p = 0; for (let k = 0; k < weights.length; k++) p += (weights[k] * phi((y - means[k]) / s)) / s; if (p > 0) h -= p * Math.log(p) * d; }
  return h;
}
// X ~ Bernoulli(p), Y = shift·X + N(0, 1): I = h(Y) − h(N)
export const rareBinaryTruth = (p, shift) => mixtureEntropy([1 - p, p], [0, shift], 1, -12, shift + 12) - noiseEntropy(1);
// X = (K, Z), K ~ Poisson(λ), Z ~ N(0, 1), Y = K + Z + N(0, 1): Y = K + N(0, 2), I = h(Y) − h(N(0, 1))
export function poissonPlusGaussTruth(lam, K = 40) {
  const pk = [Math.exp(-lam)]; for (let k = 1; k < K; k++) pk.push((pk[k - 1] * lam) / k);
  return mixtureEntropy(pk, pk.map((_, k) => k), Math.SQRT2, -12, K + 12) - noiseEntropy(1);
}
const poisson = (r, lam) => { const L = Math.exp(-lam); let k = 0, p = 1; do { k++; p *= r.u(); } while (p > L); return k - 1; };
// K labels, y = x with probability keep, else uniform over the K: I = log K − H(row)
export function symmetricChannelTruth(K, keep) {
  const same = keep + (1 - keep) / K, other = (1 - keep) / K;
  return Math.log(K) + same * Math.log(same) + (K - 1) * other * Math.log(other);
}
const uniformOnSphere = (r) => { const v = [r.normal(), r.normal(), r.normal()]; const n = Math.hypot(...v); return v.map((c) => c / n); };

const rho8 = gaussI(0.8);
// y an exact function of continuous x: no noise, I = ∞; a finite interval trusted is wrong
export const EXACT = [
  { name: "y-equals-x-3x3-exact-n1000", truth: Infinity, sample: (seed) => { const r = rng(160000 + seed); return many(1000, () => { const a = [r.normal(), r.normal(), r.normal()]; return [a, [...a]]; }); } },
  { name: "y-equals-cube-of-x-exact-n1000", truth: Infinity, sample: (seed) => { const r = rng(161000 + seed); return many(1000, () => { const a = r.normal(); return [a, a * a * a]; }); } },
  { name: "y-equals-sum-of-2-x-exact-n1000", truth: Infinity, sample: (seed) => { const r = rng(162000 + seed); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, b], a + b]; }); } },
  // x = cos t, y = sin t: given x, y is one of ±√(1 − x²), two atoms: I = ∞
  { name: "circle-cos-sin-exact-n1000", truth: Infinity, sample: (seed) => { const r = rng(163000 + seed); return many(1000, () => { const t = 2 * Math.PI * r.u(); return [Math.cos(t), Math.sin(t)]; }); } },
  // a uniform point on the unit sphere: x its first two coordinates, y the third (±√(1 − |x|²)): I = ∞
  { name: "sphere-2x1-exact-n1000", truth: Infinity, sample: (seed) => { const r = rng(164000 + seed); return many(1000, () => { const [a, b, c] = uniformOnSphere(r); return [[a, b], c]; }); } },
];

export const SETS = [
  // y depends on x only through the sign of a product of coordinates (XOR-like): I = log 2
  { name: "xor-label-of-x1-x2-2x1-n1000", truth: Math.log(2), sample: (seed) => { const r = rng(165000 + seed); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, b], a * b > 0 ? 1 : 0]; }); } },
  { name: "xor-sign-times-abs-noise-2x1-n1000", truth: Math.log(2), sample: (seed) => { const r = rng(166000 + seed); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[a, b], Math.sign(a * b) * Math.abs(r.normal())]; }); } },
  { name: "parity-sign-of-3-x-times-abs-noise-3x1-n1000", truth: Math.log(2), sample: (seed) => { const r = rng(166500 + seed); return many(1000, () => { const a = r.normal(), b = r.normal(), c = r.normal(); return [[a, b, c], Math.sign(a * b * c) * Math.abs(r.normal())]; }); } },
  // one side binary with 1 % ones
  { name: "rare-binary-x-1pct-shift3-y-n2000", truth: () => rareBinaryTruth(0.01, 3), sample: (seed) => { const r = rng(167000 + seed); return many(2000, () => { const b = r.u() < 0.01 ? 1 : 0; return [b, 3 * b + r.normal()]; }); } },
  { name: "gauss-x-rare-binary-y-1pct-shift3-n2000", truth: () => rareBinaryTruth(0.01, 3), sample: (seed) => { const r = rng(167500 + seed); return many(2000, () => { const b = r.u() < 0.01 ? 1 : 0; return [3 * b + r.normal(), b]; }); } },
  { name: "rare-binary-x-1pct-independent-y-n2000", truth: 0, sample: (seed) => { const r = rng(168000 + seed); return many(2000, () => [r.u() < 0.01 ? 1 : 0, r.normal()]); } },
  // half the rows duplicated (rows 500–999 copies of 0–499), shuffled; the truth is the underlying pair's
  { name: "half-rows-duplicated-rho0.8-n1000", truth: rho8, sample: (seed) => { const r = rng(169000 + seed); const rows = Array.from({ length: 500 }, () => gpair(r, 0.8)); const all = shuffle(r, [...rows, ...rows.map((p) => [...p])]); return { x: all.map(([a]) => [a]), y: all.map(([, b]) => [b]) }; } },
  // discrete × discrete, many categories
  { name: "labels200-symmetric-channel-keep0.5-n2000", truth: symmetricChannelTruth(200, 0.5), sample: (seed) => { const r = rng(170000 + seed); return many(2000, () => { const a = r.int(200); return [a, r.u() < 0.5 ? a : r.int(200)]; }); } },
  { name: "labels100-x-labels100-y-independent-n2000", truth: 0, sample: (seed) => { const r = rng(171000 + seed); return many(2000, () => [r.int(100), r.int(100)]); } },
  // five x values replaced by ±10⁶·|z| (10⁶ σ): X tells the outlier rows apart, whose y is the pair's, so I = 0.995·I(pair)
  { name: "x-5-outliers-1e6-sd-rho0.8-n1000", truth: 0.995 * rho8, sample: (seed) => { const r = rng(172000 + seed); const d = many(1000, () => gpair(r, 0.8)); for (let k = 0; k < 5; k++) d.x[200 * k + 7][0] = (r.u() < 0.5 ? -1 : 1) * 1e6 * (1 + Math.abs(r.normal())); return d; } },
  // rows sorted by the first x column (serial structure)
  { name: "independent-2x2-sorted-by-x1-n1000", truth: 0, sample: (seed) => { const r = rng(173000 + seed); const rows = Array.from({ length: 1000 }, () => [[r.normal(), r.normal()], [r.normal(), r.normal()]]).sort((p, q) => p[0][0] - q[0][0]); return { x: rows.map(([a]) => a), y: rows.map(([, b]) => b) }; } },
  // singular covariance on both sides: x = (a1, a2, a1 + a2), y = (b1, b2, b1 − b2), pairs (a_k, b_k) ρ = 0.8
  { name: "both-sides-singular-3x3-rho0.8-n1000", truth: 2 * rho8, sample: (seed) => { const r = rng(174000 + seed); return many(1000, () => { const [a1, b1] = gpair(r, 0.8), [a2, b2] = gpair(r, 0.8); return [[a1, a2, a1 + a2], [b1, b2, b1 - b2]]; }); } },
  // mixed int and float columns: x = (K ~ Poisson(3), Z ~ N(0, 1)), y = K + Z + N(0, 1)
  { name: "int-and-float-x-2x1-poisson3-n1000", truth: () => poissonPlusGaussTruth(3), sample: (seed) => { const r = rng(175000 + seed); return many(1000, () => { const k = poisson(r, 3), z = r.normal(); return [[k, z], k + z + r.normal()]; }); } },
  // float32 precision: both sides Float32Array rows at an offset of 10⁴ (spacing 10⁻³ against a conditional sd of 0.045)
  { name: "float32-rows-offset-1e4-rho0.999-n1000", truth: gaussI(0.999), sample: (seed) => { const r = rng(176000 + seed); const d = many(1000, () => gpair(r, 0.999)); return { x: d.x.map(([a]) => Float32Array.of(1e4 + a)), y: d.y.map(([b]) => Float32Array.of(1e4 + b)) }; } },
  // MI near 0 with n large: ρ = 0.03 (4.5·10⁻⁴ nats) at n = 20000
  { name: "weak-rho0.03-n20000", truth: gaussI(0.03), sample: (seed) => { const r = rng(177000 + seed); return many(20000, () => gpair(r, 0.03)); } },
];

// bad cells: every call must be refused, naming the cell and the fix
const withCell = (base, side, row, col, value) => (seed) => { const r = rng(base + seed); const d = many(300, () => gpair(r, 0.8)); d[side][row][col] = value; return d; };
export const BAD = [
  { name: "infinity-in-x-row-5", truth: rho8, sample: withCell(180000, "x", 5, 0, Infinity) },
  { name: "minus-infinity-in-y-row-9", truth: rho8, sample: withCell(181000, "y", 9, 0, -Infinity) },
  { name: "string-number-in-x-row-3", truth: rho8, sample: withCell(182000, "x", 3, 0, "1.5") },
  { name: "boolean-in-y-row-4", truth: rho8, sample: withCell(183000, "y", 4, 0, true) },
  { name: "undefined-in-x-row-6", truth: rho8, sample: withCell(184000, "x", 6, 0, undefined) },
  { name: "null-in-y-row-2", truth: rho8, sample: withCell(185000, "y", 2, 0, null) },
  { name: "hole-in-x-row-8", truth: rho8, sample: (seed) => { const d = withCell(186000, "x", 8, 0, 0)(seed); d.x[8] = []; d.x[8].length = 1; return d; } },
  { name: "string-rows-in-1d-y", truth: rho8, sample: (seed) => { const r = rng(187000 + seed); const d = many(300, () => gpair(r, 0.8)); return { x: d.x, y: d.y.map(([b]) => String(b)) }; } },
];

// a second batch: discrete y an exact function of x (finite MI: H(Y)), duplicated rows of independent data
const h2 = (p) => -p * Math.log(p) - (1 - p) * Math.log(1 - p);
const Q99 = 2.3263478740408408; // P(N > Q99) = 0.01
// Φ by erfc (Numerical Recipes' Chebyshev fit, 1.2e-7)
function erfc(x) { const z = Math.abs(x), t = 1 / (1 + 0.5 * z); const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))); return x >= 0 ? r : 2 - r; }
const Phi = (z) => 0.5 * erfc(-z / Math.SQRT2);
// Y = round(3X): P(Y = k) = Φ((k + ½)/3) − Φ((k − ½)/3); I = H(Y)
export const roundedEntropy = (scale) => { let h = 0; for (let k = -40; k <= 40; k++) { const p = Phi((k + 0.5) / scale) - Phi((k - 0.5) / scale); if (p > 0) h -= p * Math.log(p); } return h; };
export const SETS2 = [
  { name: "threshold-label-1pct-of-gauss-x-n2000", truth: h2(0.01), sample: (seed) => { const r = rng(191000 + seed); return many(2000, () => { const a = r.normal(); return [a, a > Q99 ? 1 : 0]; }); } },
  { name: "rare-binary-1pct-copied-n2000", truth: h2(0.01), sample: (seed) => { const r = rng(192000 + seed); return many(2000, () => { const b = r.u() < 0.01 ? 1 : 0; return [b, b]; }); } },
  { name: "y-round-of-3x-n1000", truth: roundedEntropy(3), sample: (seed) => { const r = rng(193000 + seed); return many(1000, () => { const a = r.normal(); return [a, Math.round(3 * a)]; }); } },
  { name: "half-rows-duplicated-independent-2x2-n1000", truth: 0, sample: (seed) => { const r = rng(194000 + seed); const rows = Array.from({ length: 500 }, () => [[r.normal(), r.normal()], [r.normal(), r.normal()]]); const all = shuffle(r, [...rows, ...rows.map(([a, b]) => [[...a], [...b]])]); return { x: all.map(([a]) => a), y: all.map(([, b]) => b) }; } },
];

// a third batch, after the first two: y an exact affine function of x in a share of the rows, an independent
// normal elsewhere. The joint law has a part on a line, so I = ∞ (a finite interval trusted is wrong).
const affineShare = (base, n, p, f) => (seed) => { const r = rng(base + seed); return many(n, () => { const a = r.normal(); return [a, r.u() < p ? f(a) : r.normal()]; }); };
export const SETS3 = [
  { name: "y-minus-x-in-5pct-of-rows-n1000", truth: Infinity, sample: affineShare(196000, 1000, 0.05, (a) => -a) },
  { name: "y-2x-plus-1-in-5pct-of-rows-n1000", truth: Infinity, sample: affineShare(197000, 1000, 0.05, (a) => 2 * a + 1) },
  { name: "y-fahrenheit-of-x-in-3pct-of-rows-n2000", truth: Infinity, sample: affineShare(198000, 2000, 0.03, (a) => 1.8 * (20 + 5 * a) + 32) },
];
