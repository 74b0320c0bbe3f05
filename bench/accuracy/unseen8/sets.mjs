// The eighth unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the library's Rng.
// Truths: closed forms (missing values coded 0, von Mises angles, exponential waiting times, linear combinations),
// exact sums over cells (values rounded to significant digits), 1-D quadrature (counts and labels beside a Gaussian,
// rectified values, y = x² + noise, Laplace channel) and 2-D quadrature (both sides rectified).
import { rng } from "../unseen5/sets.mjs";
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z, s = 1) => Math.exp(-0.5 * (z / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const row = (v) => (Array.isArray(v) ? v : [v]);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(row(a)); y.push(row(b)); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
// erfc to ~1e-15 relative (continued fraction / series), for Φ
function erfc(x) {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) { // series for erf
    let s = x, t = x; for (let n = 1; n < 200; n++) { t *= -x * x / n; const d = t / (2 * n + 1); s += d; if (Math.abs(d) < 1e-17 * Math.abs(s)) break; } return 1 - (2 / Math.sqrt(Math.PI)) * s;
  }
  // Lentz continued fraction
  let f = x, C = x, D = 0; const tiny = 1e-300;
  for (let n = 1; n < 500; n++) { const a = n / 2; D = x + a * D; C = x + a / C; if (Math.abs(D) < tiny) D = tiny; D = 1 / D; const del = C * D; f *= del; if (Math.abs(del - 1) < 1e-16) break; }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}
export const Phi = (z) => 0.5 * erfc(-z / Math.SQRT2);
const xlogx = (p) => (p > 0 ? p * Math.log(p) : 0);
const entropy = (ps) => -ps.reduce((a, p) => a + xlogx(p), 0);
// ∫ p log p on a uniform grid (midpoints)
function hOnGrid(p, lo, hi, m) { const d = (hi - lo) / m; let s = 0; for (let i = 0; i < m; i++) s -= xlogx(p(lo + (i + 0.5) * d)) * d; return s; }
function lfact(k) { let s = 0; for (let i = 2; i <= k; i++) s += Math.log(i); return s; }
const binomPmf = (n, p, k) => Math.exp(lfact(n) - lfact(k) - lfact(n - k) + (k ? k * Math.log(p) : 0) + (n - k ? (n - k) * Math.log1p(-p) : 0));
// Bessel I0, I1 by series
const besselI = (nu, x) => { let s = 0, t = Math.pow(x / 2, nu) / (nu === 0 ? 1 : 1); for (let k = 0; k < 200; k++) { s += t; t *= (x / 2) ** 2 / ((k + 1) * (k + 1 + nu)); } return s; };
const vonMisesI = (k) => (k * besselI(1, k)) / besselI(0, k) - Math.log(besselI(0, k));
function vonMises(r, kappa) { // Best & Fisher (1979)
  const tau = 1 + Math.sqrt(1 + 4 * kappa * kappa), rho = (tau - Math.sqrt(2 * tau)) / (2 * kappa), rr = (1 + rho * rho) / (2 * rho);
  for (;;) { const z = Math.cos(Math.PI * r.u()), f = (1 + rr * z) / (rr + z), c = kappa * (rr - f), u2 = r.u();
    if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) return (r.u() < 0.5 ? -1 : 1) * Math.acos(Math.min(1, Math.max(-1, f))); }
}
const wrap = (a) => { let v = a % (2 * Math.PI); if (v > Math.PI) v -= 2 * Math.PI; if (v <= -Math.PI) v += 2 * Math.PI; return v; };
// values rounded to `digits` significant digits: cells of every value between 10^lo and 10^hi, one cell about 0
function sigCells(digits, lo = -5, hi = 3) {
  const b = []; for (let e = lo; e < hi; e++) { const step = 10 ** (e - digits + 1); const m0 = 10 ** (digits - 1); for (let m = m0; m < 10 * m0; m++) b.push((m + 0.5) * step); }
  const edges = [-Infinity, ...b.slice().reverse().map((v) => -v), ...b, Infinity];
  return edges;
}
const roundSig = (v, digits) => (v === 0 ? 0 : Number(v.toPrecision(digits)));
// I of the rounded pair, ρ: Σ P log P/(PxPy) with P by Gauss–Legendre over each x cell of Φ differences in y
function roundedGaussTruth(rho, digits) {
  const E = sigCells(digits); const s = Math.sqrt(1 - rho * rho);
  const gl = [[-0.9324695142, 0.1713244924], [-0.6612093865, 0.3607615730], [-0.2386191861, 0.4679139346], [0.2386191861, 0.4679139346], [0.6612093865, 0.3607615730], [0.9324695142, 0.1713244924]];
  const px = []; for (let i = 0; i + 1 < E.length; i++) px.push(Phi(E[i + 1]) - Phi(E[i]));
  let I = 0;
  for (let i = 0; i + 1 < E.length; i++) {
    if (px[i] < 1e-14) continue;
    let a = E[i], b = E[i + 1]; if (!Number.isFinite(a)) a = Math.min(b - 1, -9); if (!Number.isFinite(b)) b = Math.max(a + 1, 9);
    const row = new Float64Array(E.length - 1);
    for (const [t, w] of gl) { const xv = (a + b) / 2 + ((b - a) / 2) * t; const wx = w * ((b - a) / 2) * phi(xv); let prev = 0;
      for (let j = 0; j + 1 < E.length; j++) { const c = j + 2 === E.length ? 1 : Phi((E[j + 1] - rho * xv) / s); row[j] += wx * (c - prev); prev = c; } }
    // renormalise the row to px[i] (the quadrature's small error)
    const tot = row.reduce((u, v) => u + v, 0);
    for (let j = 0; j < row.length; j++) { const p = (row[j] * px[i]) / tot; if (p > 0 && px[j] > 0) I += p * Math.log(p / (px[i] * px[j])); }
  }
  return I;
}
// rectified x = max(0, z), y ~ N(0,1), corr(z, y) = ρ: h(Y) − ½h(Y | z < 0) − ½·½log(2πe(1 − ρ²))
function rectifiedXTruth(rho) {
  const s = Math.sqrt(1 - rho * rho); const p = (y) => 2 * phi(y) * Phi((-rho * y) / s);
  return 0.5 * LN2PIE - 0.5 * hOnGrid(p, -12, 12, 200000) - 0.25 * Math.log(2 * Math.PI * Math.E * s * s);
}
// both rectified: the (0,0) atom, two half-lines, the positive quadrant
function rectifiedBothTruth(rho) {
  const s = Math.sqrt(1 - rho * rho); const P00 = 0.25 + Math.asin(rho) / (2 * Math.PI);
  let I = P00 * Math.log(P00 / 0.25);
  // x = 0, y > 0: density φ(y)Φ(−ρy/s) against 0.5·φ(y)
  const m = 200000, d = 12 / m; let edge = 0; for (let i = 0; i < m; i++) { const y = (i + 0.5) * d; const q = Phi((-rho * y) / s); edge += phi(y) * q * Math.log(q / 0.5) * d; }
  I += 2 * edge;
  const g = 2000, h = 10 / g; let quad = 0;
  for (let i = 0; i < g; i++) { const x = (i + 0.5) * h; for (let k = 0; k < g; k++) { const y = (k + 0.5) * h;
    const lr = -0.5 * Math.log(1 - rho * rho) - (rho * rho * x * x - 2 * rho * x * y + rho * rho * y * y) / (2 * (1 - rho * rho));
    const f = Math.exp(-(x * x - 2 * rho * x * y + y * y) / (2 * (1 - rho * rho))) / (2 * Math.PI * s); quad += f * lr * h * h; } }
  return I + quad;
}
// Y = X + σN with X discrete (values v, weights w): h(Y) − h(σN)
function discretePlusNoiseTruth(v, w, sigma) {
  const lo = Math.min(...v) - 12 * sigma, hi = Math.max(...v) + 12 * sigma;
  const p = (y) => { let t = 0; for (let i = 0; i < v.length; i++) t += w[i] * phi(y - v[i], sigma); return t; };
  return hOnGrid(p, lo, hi, 400000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
}
// y | x ~ Binomial(m, Φ(x)), x ~ N(0, 1): H(Y) − E H(Y | x)
function binomialProbitTruth(m) {
  const G = 20000, lo = -9, d = 18 / G; const py = new Array(m + 1).fill(0); let hc = 0;
  for (let i = 0; i < G; i++) { const x = lo + (i + 0.5) * d; const w = phi(x) * d; const p = Phi(x); const c = []; for (let k = 0; k <= m; k++) c.push(binomPmf(m, p, k)); hc += w * entropy(c); c.forEach((q, k) => (py[k] += w * q)); }
  return entropy(py) - hc;
}
// y = x² + σN: h(Y) − h(σN), p(y) by quadrature over x
function squareTruth(sigma) {
  const G = 4000, xs = []; for (let i = 0; i < G; i++) xs.push(-8 + (i + 0.5) * (16 / G));
  const p = (y) => { let t = 0; for (const x of xs) t += phi(x) * phi(y - x * x, sigma) * (16 / G); return t; };
  return hOnGrid(p, -10 * sigma, 70, 20000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
}
// X, N ~ Laplace(1): Y = X + N has density (1 + |y|)e^{−|y|}/4; h(Laplace(1)) = 1 + log 2
const laplaceTruth = () => hOnGrid((y) => ((1 + Math.abs(y)) * Math.exp(-Math.abs(y))) / 4, -60, 60, 600000) - (1 + Math.log(2));
const laplace = (r) => (r.u() < 0.5 ? -1 : 1) * -Math.log(r.u());
const geometric = (r, p) => Math.floor(Math.log(r.u()) / Math.log1p(-p));
const binomial = (r, m, p) => { let k = 0; for (let i = 0; i < m; i++) k += r.u() < p; return k; };
const cache = {};
const once = (k, f) => () => (cache[k] ??= f());
const shuffleRows = (r, d) => { for (let i = d.x.length - 1; i > 0; i--) { const j = r.int(i + 1); [d.x[i], d.x[j]] = [d.x[j], d.x[i]]; [d.y[i], d.y[j]] = [d.y[j], d.y[i]]; } return d; };
const sortByX = (d) => { const idx = d.x.map((_, i) => i).sort((a, b) => d.x[a][0] - d.x[b][0]); return { x: idx.map((i) => d.x[i]), y: idx.map((i) => d.y[i]) }; };
const GEO = 0.25, GEO_V = Array.from({ length: 200 }, (_, k) => k), GEO_W = GEO_V.map((k) => GEO * (1 - GEO) ** k);
export const SETS = [
  // missing values coded 0 inside the bulk: X' = X or 0, independent of everything: I = P(observed) · I(X; Y)
  { name: "zero-coded-missing-x10pct", truth: () => 0.9 * gaussI(0.8), sample: (s) => { const r = rng(8100 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [r.u() < 0.1 ? 0 : a, b]; }); } },
  { name: "zero-coded-missing-both20pct", truth: () => 0.64 * gaussI(0.8), sample: (s) => { const r = rng(8200 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [r.u() < 0.2 ? 0 : a, r.u() < 0.2 ? 0 : b]; }); } },
  { name: "zero-coded-missing-x30pct-n20000", truth: () => 0.7 * gaussI(0.6), sample: (s) => { const r = rng(8300 + s); return many(20000, () => { const [a, b] = gpair(r, 0.6); return [r.u() < 0.3 ? 0 : a, b]; }); } },
  // rectified (ReLU, censored at 0)
  { name: "rectified-x-rho0.8", truth: once("rx", () => rectifiedXTruth(0.8)), sample: (s) => { const r = rng(8400 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [Math.max(0, a), b]; }); } },
  { name: "rectified-both-rho0.8", truth: once("rb", () => rectifiedBothTruth(0.8)), sample: (s) => { const r = rng(8500 + s); return many(1000, () => gpair(r, 0.8).map((v) => Math.max(0, v))); } },
  { name: "rectified-x-rho0.8-n30", truth: once("rx", () => rectifiedXTruth(0.8)), sample: (s) => { const r = rng(8600 + s); return many(30, () => { const [a, b] = gpair(r, 0.8); return [Math.max(0, a), b]; }); } },
  // values rounded to significant digits (cells of every width at once)
  { name: "sig2-rounded-rho0.9", truth: once("s2", () => roundedGaussTruth(0.9, 2)), sample: (s) => { const r = rng(8700 + s); return many(2000, () => gpair(r, 0.9).map((v) => roundSig(v, 2))); } },
  { name: "sig1-rounded-rho0.9", truth: once("s1", () => roundedGaussTruth(0.9, 1)), sample: (s) => { const r = rng(8800 + s); return many(2000, () => gpair(r, 0.9).map((v) => roundSig(v, 1))); } },
  // angles: x on the unit circle (2 columns), on an annulus, y an angle with von Mises noise; both on circles
  { name: "circle-x-vonmises-y-k4", truth: () => vonMisesI(4), sample: (s) => { const r = rng(8900 + s); return many(1000, () => { const t = 2 * Math.PI * r.u() - Math.PI; return [[Math.cos(t), Math.sin(t)], wrap(t + vonMises(r, 4))]; }); } },
  { name: "annulus-x-vonmises-y-k8", truth: () => vonMisesI(8), sample: (s) => { const r = rng(9000 + s); return many(1000, () => { const t = 2 * Math.PI * r.u() - Math.PI; const rad = 1 + r.u(); return [[rad * Math.cos(t), rad * Math.sin(t)], wrap(t + vonMises(r, 8))]; }); } },
  { name: "circle-both-k2", truth: () => vonMisesI(2), sample: (s) => { const r = rng(9100 + s); return many(1000, () => { const t = 2 * Math.PI * r.u(); const u = t + vonMises(r, 2); return [[Math.cos(t), Math.sin(t)], [Math.cos(u), Math.sin(u)]]; }); } },
  // counts against a Gaussian
  { name: "binomial20-plus-gauss", truth: once("b20", () => { const v = Array.from({ length: 21 }, (_, k) => k); return discretePlusNoiseTruth(v, v.map((k) => binomPmf(20, 0.3, k)), 1); }), sample: (s) => { const r = rng(9200 + s); return many(1000, () => { const a = binomial(r, 20, 0.3); return [a, a + r.normal()]; }); } },
  { name: "geometric-plus-gauss", truth: once("geo", () => discretePlusNoiseTruth(GEO_V, GEO_W, 1)), sample: (s) => { const r = rng(9300 + s); return many(1000, () => { const a = geometric(r, GEO); return [a, a + r.normal()]; }); } },
  { name: "gauss-x-binomial10-probit-y", truth: once("bp", () => binomialProbitTruth(10)), sample: (s) => { const r = rng(9400 + s); return many(1000, () => { const a = r.normal(); return [a, binomial(r, 10, Phi(a))]; }); } },
  // labels of unequal weights, and the reverse
  { name: "labels3-unequal-x-gauss-y", truth: once("l3", () => discretePlusNoiseTruth([0, 1.5, 3], [0.7, 0.2, 0.1], 1)), sample: (s) => { const r = rng(9500 + s); return many(1000, () => { const u = r.u(); const c = u < 0.7 ? 0 : u < 0.9 ? 1 : 2; return [c, 1.5 * c + r.normal()]; }); } },
  { name: "gauss-x-labels3-unequal-y", truth: once("l3", () => discretePlusNoiseTruth([0, 1.5, 3], [0.7, 0.2, 0.1], 1)), sample: (s) => { const r = rng(9600 + s); return many(1000, () => { const u = r.u(); const c = u < 0.7 ? 0 : u < 0.9 ? 1 : 2; return [1.5 * c + r.normal(), c]; }); } },
  // no correlation, positive MI
  { name: "x-squared-plus-0.5noise", truth: once("sq", () => squareTruth(0.5)), sample: (s) => { const r = rng(9700 + s); return many(1000, () => { const a = r.normal(); return [a, a * a + 0.5 * r.normal()]; }); } },
  { name: "laplace-channel", truth: once("lap", laplaceTruth), sample: (s) => { const r = rng(9800 + s); return many(1000, () => { const a = laplace(r); return [a, a + laplace(r)]; }); } },
  // waiting times: x ~ Exp(1), y ~ Exp(rate x); p(y) = 1/(1+y)², I = 2 − (1 + γ) = 1 − γ
  { name: "exponential-rate-of-x", truth: () => 1 - 0.5772156649015329, sample: (s) => { const r = rng(9900 + s); return many(1000, () => { const a = -Math.log(r.u()); return [a, -Math.log(r.u()) / a]; }); } },
  // a column that is a sum of two others at scales 1e-6 and 1e6; y = a + b + 0.5N: ½ log(1 + 2/0.25)
  { name: "scales-1e-6-1e6-with-sum-column", truth: () => 0.5 * Math.log(9), sample: (s) => { const r = rng(10000 + s); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[1e-6 * a, 1e6 * b, 1e-6 * a + 1e6 * b], a + b + 0.5 * r.normal()]; }); } },
  // independent, many columns: truth 0
  { name: "independent-20x20-n500", truth: () => 0, sample: (s) => { const r = rng(10100 + s); return many(500, () => [Array.from({ length: 20 }, () => r.normal()), Array.from({ length: 20 }, () => r.normal())]); } },
  { name: "independent-20x20-n2000", truth: () => 0, sample: (s) => { const r = rng(10200 + s); return many(2000, () => [Array.from({ length: 20 }, () => r.normal()), Array.from({ length: 20 }, () => r.normal())]); } },
  // ordered rows
  { name: "sorted-by-x-independent", truth: () => 0, sample: (s) => { const r = rng(10300 + s); return sortByX(many(1000, () => [r.normal(), r.normal()])); } },
  { name: "sorted-by-x-squared-channel", truth: once("sq", () => squareTruth(0.5)), sample: (s) => { const r = rng(10400 + s); return sortByX(many(1000, () => { const a = r.normal(); return [a, a * a + 0.5 * r.normal()]; })); } },
];
export { shuffleRows };
// second batch: independent labels (a plug-in count's bias is (K−1)²/(2n)), higher MI in 4–6 coordinates,
// columns sorted apart (x and y then comonotone: MI infinite), many labels with random means, extreme magnitudes in several columns
const LABEL_MEANS = (() => { const r = rng(777); return Array.from({ length: 200 }, () => r.normal()); })();
const gaussPairsRow = (r, k, rho) => { const a = [], b = []; for (let i = 0; i < k; i++) { const [u, v] = gpair(r, rho); a.push(u); b.push(v); } return [a, b]; };
export const SETS2 = [
  { name: "independent-labels-20x20-n500", truth: () => 0, sample: (s) => { const r = rng(11100 + s); return many(500, () => [r.int(20), r.int(20)]); } },
  { name: "independent-labels-5x5-n200", truth: () => 0, sample: (s) => { const r = rng(11200 + s); return many(200, () => [r.int(5), r.int(5)]); } },
  { name: "independent-gauss-x-labels50-y-n500", truth: () => 0, sample: (s) => { const r = rng(11300 + s); return many(500, () => [r.normal(), r.int(50)]); } },
  { name: "independent-row-index-x", truth: () => 0, sample: (s) => { const r = rng(11400 + s); return many(1000, (i) => [i, r.normal()]); } },
  { name: "pairs2-rho0.95-n2000", truth: () => 2 * gaussI(0.95), sample: (s) => { const r = rng(11500 + s); return many(2000, () => gaussPairsRow(r, 2, 0.95)); } },
  { name: "pairs3-rho0.9-n2000", truth: () => 3 * gaussI(0.9), sample: (s) => { const r = rng(11600 + s); return many(2000, () => gaussPairsRow(r, 3, 0.9)); } },
  { name: "columns-sorted-apart", truth: () => Infinity, sample: (s) => { const r = rng(11700 + s); const d = many(1000, () => [r.normal(), r.normal()]); const xs = d.x.map((v) => v[0]).sort((a, b) => a - b), ys = d.y.map((v) => v[0]).sort((a, b) => a - b); return { x: xs.map((v) => [v]), y: ys.map((v) => [v]) }; } },
  { name: "labels200-random-means-n1000", truth: once("l200", () => discretePlusNoiseTruth(LABEL_MEANS, LABEL_MEANS.map(() => 1 / 200), 0.5)), sample: (s) => { const r = rng(11800 + s); return many(1000, () => { const c = r.int(200); return [c, LABEL_MEANS[c] + 0.5 * r.normal()]; }); } },
  { name: "huge-1e250-3x3-rho0.8", truth: () => 3 * gaussI(0.8), sample: (s) => { const r = rng(11900 + s); return many(1000, () => gaussPairsRow(r, 3, 0.8).map((v) => v.map((w) => 1e250 * w))); } },
  { name: "tiny-1e-250-3x3-rho0.8", truth: () => 3 * gaussI(0.8), sample: (s) => { const r = rng(12000 + s); return many(1000, () => gaussPairsRow(r, 3, 0.8).map((v) => v.map((w) => 1e-250 * w))); } },
  { name: "x-constant-only", truth: () => 0, sample: (s) => { const r = rng(12100 + s); return many(500, () => [3.5, r.normal()]); } },
];
// third batch: supports with edges (uniform on a triangle, a disk, a ball: zero correlation, MI from the support alone),
// a 90 % point mass inside the bulk, independent labels beside continuous values
const hDisk = () => hOnGrid((x) => (Math.abs(x) < 1 ? (2 / Math.PI) * Math.sqrt(1 - x * x) : 0), -1, 1, 400000);
function ballTruth() {
  const hx = hOnGrid((x) => (Math.abs(x) < 1 ? 0.75 * (1 - x * x) : 0), -1, 1, 400000);
  const m = 400000, d = 1 / m; let hy = 0; for (let i = 0; i < m; i++) { const r = (i + 0.5) * d; const p = (3 / (2 * Math.PI)) * Math.sqrt(1 - r * r); hy -= 2 * Math.PI * r * p * Math.log(p) * d; }
  return hx + hy - Math.log((4 * Math.PI) / 3);
}
const inBall = (r, k) => { for (;;) { const v = Array.from({ length: k }, () => 2 * r.u() - 1); if (v.reduce((a, b) => a + b * b, 0) < 1) return v; } };
export const SETS3 = [
  { name: "uniform-triangle", truth: () => 1 - Math.log(2), sample: (s) => { const r = rng(12200 + s); return many(1000, () => { const a = r.u(), b = r.u(); return [Math.min(a, b), Math.max(a, b)]; }); } },
  { name: "uniform-disk", truth: once("disk", () => 2 * hDisk() - Math.log(Math.PI)), sample: (s) => { const r = rng(12300 + s); return many(1000, () => inBall(r, 2)); } },
  { name: "uniform-ball-1x2", truth: once("ball", ballTruth), sample: (s) => { const r = rng(12400 + s); return many(1500, () => { const v = inBall(r, 3); return [v[0], [v[1], v[2]]]; }); } },
  { name: "zero-inflated-90pct-rho0.95-n2000", truth: () => 0.1 * gaussI(0.95), sample: (s) => { const r = rng(12500 + s); return many(2000, () => { const [a, b] = gpair(r, 0.95); return [r.u() < 0.9 ? 0 : a, b]; }); } },
  { name: "independent-binary-x-gauss-y-n300", truth: () => 0, sample: (s) => { const r = rng(12600 + s); return many(300, () => [r.int(2), r.normal()]); } },
  { name: "independent-3labels-x-exponential-y", truth: () => 0, sample: (s) => { const r = rng(12700 + s); return many(500, () => [r.int(3), -Math.log(r.u())]); } },
];
// fourth batch: independent blocks of the kinds above side by side (the truth is the sum of the blocks'), in 2–3 coordinates a side,
// where the trained methods meet the checks for several coordinates (the second run on half the samples)
const blocks = (r, makers) => { const a = [], b = []; for (const f of makers) { const [u, v] = f(r); a.push(...row(u)); b.push(...row(v)); } return [a, b]; };
const sq = (r) => { const a = r.normal(); return [a, a * a + 0.5 * r.normal()]; };
const rect = (r) => { const [a, b] = gpair(r, 0.8); return [Math.max(0, a), b]; };
const lap = (r) => { const a = laplace(r); return [a, a + laplace(r)]; };
const circ = (r) => { const t = 2 * Math.PI * r.u() - Math.PI; return [[Math.cos(t), Math.sin(t)], wrap(t + vonMises(r, 4))]; };
const binom = (r) => { const a = binomial(r, 20, 0.3); return [a, a + r.normal()]; };
const zc = (r) => { const [a, b] = gpair(r, 0.8); return [r.u() < 0.1 ? 0 : a, b]; };
const sig2 = (r) => gpair(r, 0.9).map((v) => roundSig(v, 2));
export const SETS4 = [
  { name: "squares-3x3", truth: once("sq3", () => 3 * squareTruth(0.5)), sample: (s) => { const r = rng(13100 + s); return many(2000, () => blocks(r, [sq, sq, sq])); } },
  { name: "rectified-and-laplace-2x2", truth: once("rl", () => rectifiedXTruth(0.8) + laplaceTruth()), sample: (s) => { const r = rng(13200 + s); return many(2000, () => blocks(r, [rect, lap])); } },
  { name: "circle-and-gauss-3x2", truth: () => vonMisesI(4) + gaussI(0.8), sample: (s) => { const r = rng(13300 + s); return many(2000, () => blocks(r, [circ, (q) => gpair(q, 0.8)])); } },
  { name: "binomial-channels-3x3", truth: once("b3", () => { const v = Array.from({ length: 21 }, (_, k) => k); return 3 * discretePlusNoiseTruth(v, v.map((k) => binomPmf(20, 0.3, k)), 1); }), sample: (s) => { const r = rng(13400 + s); return many(2000, () => blocks(r, [binom, binom, binom])); } },
  { name: "zero-coded-pairs-2x2", truth: () => 2 * 0.9 * gaussI(0.8), sample: (s) => { const r = rng(13500 + s); return many(2000, () => blocks(r, [zc, zc])); } },
  { name: "independent-labels-3x3-n1000", truth: () => 0, sample: (s) => { const r = rng(13600 + s); return many(1000, () => [[r.int(4), r.int(4), r.int(4)], [r.int(4), r.int(4), r.int(4)]]); } },
  { name: "sig2-rounded-pairs-3x3", truth: once("s2x3", () => 3 * roundedGaussTruth(0.9, 2)), sample: (s) => { const r = rng(13700 + s); return many(2000, () => blocks(r, [sig2, sig2, sig2])); } },
];
// fifth batch: very high MI at small n (ρ = ±0.9999: 4.26 nats a pair)
export const SETS5 = [
  ...[50, 100, 300, 1000].map((n) => ({ name: `rho0.9999-n${n}`, truth: () => gaussI(0.9999), sample: (s) => { const r = rng(14000 + n + s); return many(n, () => gpair(r, 0.9999)); } })),
  { name: "rho-0.9999-n200", truth: () => gaussI(0.9999), sample: (s) => { const r = rng(14500 + s); return many(200, () => gpair(r, -0.9999)); } },
  { name: "pairs2-rho0.9999-n200", truth: () => 2 * gaussI(0.9999), sample: (s) => { const r = rng(14600 + s); return many(200, () => gaussPairsRow(r, 2, 0.9999)); } },
];
// sixth batch: rows grouped as exports often are (sorted by a class label, or by y)
const sortByY = (d) => { const idx = d.y.map((_, i) => i).sort((a, b) => d.y[a][0] - d.y[b][0]); return { x: idx.map((i) => d.x[i]), y: idx.map((i) => d.y[i]) }; };
export const SETS6 = [
  { name: "labels3-unequal-grouped-by-label", truth: once("l3", () => discretePlusNoiseTruth([0, 1.5, 3], [0.7, 0.2, 0.1], 1)), sample: (s) => { const r = rng(15100 + s); return sortByX(many(1000, () => { const u = r.u(); const c = u < 0.7 ? 0 : u < 0.9 ? 1 : 2; return [c, 1.5 * c + r.normal()]; })); } },
  { name: "gauss-rho0.8-sorted-by-y", truth: () => gaussI(0.8), sample: (s) => { const r = rng(15200 + s); return sortByY(many(1000, () => gpair(r, 0.8))); } },
];
