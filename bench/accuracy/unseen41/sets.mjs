// The forty-first unseen probe's sets: data built against the trust verdict, so that the estimators could agree with each
// other and be wrong together. All the information in 1 % of the rows (a thin band of x, a thin shell of a 2-D x, a far
// cluster), dependence at a fine scale (y = x + a small fast wiggle, still invertible), 8.5 and 11.5 nats behind a
// monotone map that is nearly flat in the tails, pooled data sets of different MIs (±0.9, a 30 % dependent share, two
// scales), a spike of 40 % at 0 that alone carries the information, a 1-D dependence carried by a curve in 30 columns,
// and x a copy of y's three columns in an order shuffled row by row.
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms, 1-D and 2-D rules, and Monte
// Carlo means of the log density ratio written from the generating model (check-truths.mjs checks each a second way).
import { rng, probit } from "../unseen5/sets.mjs";
import { normalDensity, quadrature } from "../unseen31/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";
import { mcMean } from "../unseen40/sets.mjs";

export { rng, normalDensity, quadrature, Phi, mcMean };
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const sampleOf = (base, n, draw) => (seed) => { const r = rng(base + seed); return rows(n, () => draw(r)); };
const logSumExp = (v) => { const m = Math.max(...v); return m + Math.log(v.reduce((s, t) => s + Math.exp(t - m), 0)); };
const h2 = (p) => -p * Math.log(p) - (1 - p) * Math.log(1 - p);
const noiseEntropy = (s) => 0.5 * Math.log(2 * Math.PI * Math.E * s * s);

// --- all the information in a thin band: a base variable r (density f), and y = r + s·e when r falls in the band
// [b0, b1] (mass 1 %; or y = a + b·r + s·e, an echo in other units), else y an independent draw of the base.
// p(y) = (1 − m) f(y) + g(y), g(y) = ∫_B f(r) φ_s(y − a − b·r) dr.
// I = (1 − m) ∫ f log(f/p) dy + m·(−h(s·e)) − ∫_B f(r) E_e log p(a + b·r + s e) dr, by rules (g itself by a rule in r)
export const BAND_NOISE = 1e-4, BAND_MASS = 0.01;
const rayleigh = { f: (r) => (r > 0 ? r * Math.exp(-r * r / 2) : 0), F: (r) => (r > 0 ? 1 - Math.exp(-r * r / 2) : 0), draw: (r) => Math.sqrt(-2 * Math.log(r.u())), lo: 0, hi: 9 };
const gauss = { f: (v) => normalDensity(v), F: Phi, draw: (r) => r.normal(), lo: -9, hi: 9 };
export const BANDS = {
  // 1-D: x ~ N(0, 1), the band starting at 0.5
  line: { base: gauss, b0: 0.5, b1: probit(Phi(0.5) + BAND_MASS) },
  // 2-D: x ~ N(0, I₂), the band a shell of its radius starting at the median radius √(2 log 2)
  shell: { base: rayleigh, b0: Math.sqrt(2 * Math.log(2)), b1: Math.sqrt(-2 * Math.log(0.5 - BAND_MASS)) },
};
export const bandMass = ({ base, b0, b1 }) => base.F(b1) - base.F(b0);
/** In the band y = a + b·r + s·e (the copy: a = 0, b = 1) */
const COPY = { a: 0, b: 1 };
export const bandG = ({ base, b0, b1 }, y, s = BAND_NOISE, map = COPY, m = 200) => {
  const r1 = (y - map.a - 9 * s) / map.b, r2 = (y - map.a + 9 * s) / map.b, lo = Math.max(b0, Math.min(r1, r2)), hi = Math.min(b1, Math.max(r1, r2));
  return hi > lo ? quadrature(lo, hi, m, (r) => base.f(r) * normalDensity(y - map.a - map.b * r, s)) : 0;
};
export const bandDensity = (band, y, s = BAND_NOISE, map = COPY) => (1 - bandMass(band)) * band.base.f(y) + bandG(band, y, s, map);
export function bandTruth(band, s = BAND_NOISE, map = COPY, cells = 20000) {
  const { base, b0, b1 } = band, m = bandMass(band), e = 9 * s, ends = [map.a + map.b * b0, map.a + map.b * b1], t0 = Math.min(...ends) - e, t1 = Math.max(...ends) + e;
  const outer = (y) => { const f = base.f(y); if (f <= 0) return 0; return f * Math.log(f / bandDensity(band, y, s, map)); };
  const first = quadrature(base.lo, t0, 20000, outer) + quadrature(t0, t1, cells, outer) + quadrature(t1, base.hi, 20000, outer);
  const inner = quadrature(b0, b1, 2000, (r) => base.f(r) * quadrature(-8, 8, 80, (z) => normalDensity(z) * Math.log(bandDensity(band, map.a + map.b * r + s * z, s, map))));
  return (1 - m) * first - m * noiseEntropy(s) - inner;
}
/** an echo in other units: y = 1 − 2r in the band (values −0.05 to 0, among the independent rows' densest) */
export const ECHO = { a: 1, b: -2 };
/** [r, y]: the base draw and y */
export const bandDraw = (r, { base, b0, b1 }, s = BAND_NOISE, map = COPY) => { const v = base.draw(r); return [v, v >= b0 && v < b1 ? map.a + map.b * v + s * r.normal() : base.draw(r)]; };
const shellDraw = (r) => { const [rad, y] = bandDraw(r, BANDS.shell), t = 2 * Math.PI * r.u(); return [[rad * Math.cos(t), rad * Math.sin(t)], y]; };

// --- a far cluster: 99 % of rows (x, y) independent N(0, 1); 1 % at x ~ N(50, 1), y = x + 0.01·e. The clusters do not
// overlap (50 sd apart), so I = H(1 %) + 1 % · ½ log(1 + 1/0.01²)
export const FAR = { share: 0.01, at: 50, noise: 0.01 };
export const farTruth = ({ share, noise } = FAR) => h2(share) + share * 0.5 * Math.log(1 + 1 / (noise * noise));
export const farDraw = (r) => { if (r.u() < FAR.share) { const x = FAR.at + r.normal(); return [x, x + FAR.noise * r.normal()]; } return [r.normal(), r.normal()]; };
export const farLogRatio = (x, y) => { const { share, at, noise } = FAR; const joint = (1 - share) * normalDensity(x) * normalDensity(y) + share * normalDensity(x - at) * normalDensity(y - x, noise); const px = (1 - share) * normalDensity(x) + share * normalDensity(x - at), py = (1 - share) * normalDensity(y) + share * normalDensity(y - at, Math.hypot(1, noise)); return Math.log(joint / (px * py)); };

// --- a fine wiggle: x ~ N(0, 1), y = x + a sin(ωx) + σe, aω < 1 so x ↦ x + a sin(ωx) is increasing. I = h(y) − h(σe),
// p(y) = ∫ φ(x) φ_σ(y − g(x)) dx by a rule in x restricted (g increasing) to where g(x) is within 9σ of y
export const WIGGLES = { fine: { a: 0.02, w: 47.5, s: 0.005 }, medium: { a: 0.2, w: 4.5, s: 0.05 } };
export function wiggleDensity({ a, w, s }, step = s / 20) {
  const xs = [], gs = [], ws = [];
  for (let x = -8.5; x <= 8.5; x += step) { xs.push(x); gs.push(x + a * Math.sin(w * x)); ws.push(normalDensity(x) * step); }
  const first = (v) => { let lo = 0, hi = gs.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (gs[mid] < v) lo = mid + 1; else hi = mid; } return lo; };
  return (y) => { let p = 0; for (let i = first(y - 9 * s); i < gs.length && gs[i] <= y + 9 * s; i++) p += ws[i] * normalDensity(y - gs[i], s); return p; };
}
export const wiggleTruth = (k) => { const c = WIGGLES[k], p = wiggleDensity(c); return -quadrature(-9, 9, Math.round(18 / (c.s / 10)), (y) => { const v = p(y); return v > 0 ? v * Math.log(v) : 0; }) - noiseEntropy(c.s); };
export const wiggleDraw = (k) => (r) => { const { a, w, s } = WIGGLES[k], x = r.normal(); return [x, x + a * Math.sin(w * x) + s * r.normal()]; };

// --- large MI behind a nearly flat monotone map: x ~ N(0, 1), y = logistic(4(x + s·e)); MI is unchanged by a one-to-one
// map of y, so I = ½ log(1 + 1/s²) (s = 2·10⁻⁴: 8.517 nats; s = 10⁻⁵: 11.513)
export const logisticDraw = (s) => (r) => { const x = r.normal(); return [x, 1 / (1 + Math.exp(-4 * (x + s * r.normal())))]; };
export const logisticTruth = (s) => 0.5 * Math.log(1 + 1 / (s * s));

// --- pooled data sets: a mixture of bivariate normals, component k of weight w, sds sx, sy and correlation ρ.
// I = ∫∫ p log(p / pₓ p_y) by a trapezoid rule on a grid fine at every component's scale
export const POOLS = {
  plusMinus: [{ w: 0.5, sx: 1, sy: 1, rho: 0.9 }, { w: 0.5, sx: 1, sy: 1, rho: -0.9 }],
  share30: [{ w: 0.3, sx: 1, sy: 1, rho: 0.95 }, { w: 0.7, sx: 1, sy: 1, rho: 0 }],
  twoScales: [{ w: 0.7, sx: 1, sy: 1, rho: 0.5 }, { w: 0.3, sx: 100, sy: 100, rho: 0.99 }],
};
const bivariate = (x, y, { sx, sy, rho }) => { const u = x / sx, v = y / sy, q = 1 - rho * rho; return Math.exp(-(u * u - 2 * rho * u * v + v * v) / (2 * q)) / (2 * Math.PI * sx * sy * Math.sqrt(q)); };
export const poolJoint = (comps, x, y) => comps.reduce((t, c) => t + c.w * bivariate(x, y, c), 0);
export const poolMargins = (comps, x, y) => [comps.reduce((t, c) => t + c.w * normalDensity(x, c.sx), 0), comps.reduce((t, c) => t + c.w * normalDensity(y, c.sy), 0)];
export const poolLogRatio = (comps, x, y) => { const [px, py] = poolMargins(comps, x, y); return Math.log(poolJoint(comps, x, y) / (px * py)); };
export function poolTruth(comps, step = 0.02) {
  const scales = [...new Set(comps.flatMap((c) => [c.sx, c.sy]))], nodes = [...new Set(scales.flatMap((sc) => Array.from({ length: Math.round(18 / step) + 1 }, (_, i) => sc * (-9 + i * step))))].sort((a, b) => a - b);
  const wt = nodes.map((_, i) => ((nodes[Math.min(i + 1, nodes.length - 1)] - nodes[Math.max(i - 1, 0)]) / 2));
  const mx = nodes.map((v) => poolMargins(comps, v, 0)[0]), my = nodes.map((v) => poolMargins(comps, 0, v)[1]);
  let s = 0;
  for (let i = 0; i < nodes.length; i++) for (let j = 0; j < nodes.length; j++) { const p = poolJoint(comps, nodes[i], nodes[j]); if (p > 0) s += wt[i] * wt[j] * p * Math.log(p / (mx[i] * my[j])); }
  return s;
}
export const poolDraw = (comps) => (r) => { let u = r.u(), k = 0; while (k < comps.length - 1 && u >= comps[k].w) { u -= comps[k].w; k++; } const { sx, sy, rho } = comps[k], a = r.normal(); return [sx * a, sy * (rho * a + Math.sqrt(1 - rho * rho) * r.normal())]; };

// --- a spike that alone carries the information: x ~ N(0, 1), y = 0 exactly when x is below its 40 % point, else
// y ~ N(2, 1) independent of x. y's spike is a function of x and its continuous part tells nothing more: I = H(0.4)
export const SPIKE = { mass: 0.4, at: probit(0.4) };
export const spikeDraw = (r) => { const x = r.normal(); return [x, x < SPIKE.at ? 0 : 2 + r.normal()]; };
export const spikeTruth = () => h2(SPIKE.mass);

// --- a 1-D dependence carried by a curve in 30 columns: u ~ N(0, 1), xⱼ = cos(ωⱼ u + φⱼ) + 0.3 eⱼ (ωⱼ in 0.5–2, fixed
// draws), y = u + 0.5 e. I = E log p(x | y)/p(x), p(x | ·) by a rule in u: a Monte Carlo mean
export const CURVE = (() => { const r = rng(4100001); return Array.from({ length: 30 }, () => ({ w: 0.5 + 1.5 * r.u(), ph: 2 * Math.PI * r.u() })); })();
export const CURVE_NOISE = 0.3, CURVE_Y = 0.5;
export const curveDraw = (r) => { const u = r.normal(); return [CURVE.map(({ w, ph }) => Math.cos(w * u + ph) + CURVE_NOISE * r.normal()), u + CURVE_Y * r.normal()]; };
export const curveLogLik = (x, u) => x.reduce((s, v, j) => s - ((v - Math.cos(CURVE[j].w * u + CURVE[j].ph)) ** 2) / (2 * CURVE_NOISE ** 2), 0);
export const curveGrid = (m) => Array.from({ length: m }, (_, i) => -8 + ((i + 0.5) * 16) / m);
/** log ∫ p(x | u) q(u) du (up to the constant of p(x | u), which cancels in the ratio) on a grid, q a density in u */
export const curveLogMix = (x, grid, q) => logSumExp(grid.map((u) => curveLogLik(x, u) + Math.log(q(u) * (16 / grid.length))));
export function curveTruthMc(n = 20000, seed = 4100002, m = 800) {
  const grid = curveGrid(m), post = CURVE_Y ** 2 / (1 + CURVE_Y ** 2);
  return mcMean(n, seed, (r) => { const [x, y] = curveDraw(r); return curveLogMix(x, grid, (u) => normalDensity(u - y / (1 + CURVE_Y ** 2), Math.sqrt(post))) - curveLogMix(x, grid, (u) => normalDensity(u)); });
}
export const curveTruth = () => curveTruthMc()[0];

// --- x a copy of y's three columns in an order shuffled row by row, plus noise s: y ~ N(0, I₃), x = π(y) + s·e, π uniform
// over the 6 orders. p(x | y) = ⅙ Σ_π φ_s(x − πy) and p(x) = φ_√(1+s²)(x) (πy is distributed as y): a Monte Carlo mean
export const SHUFFLE_NOISE = 0.3;
export const ORDERS = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
export const shuffledDraw = (r) => { const y = [r.normal(), r.normal(), r.normal()], o = ORDERS[r.int(6)]; return [o.map((j) => y[j] + SHUFFLE_NOISE * r.normal()), y]; };
const logNormal3 = (d, s) => d.reduce((t, v) => t + Math.log(normalDensity(v, s)), 0);
export const shuffledLogRatio = (x, y, s = SHUFFLE_NOISE) => logSumExp(ORDERS.map((o) => logNormal3(x.map((v, i) => v - y[o[i]]), s))) - Math.log(6) - logNormal3(x, Math.hypot(1, s));
export const shuffledTruthMc = () => mcMean(400000, 4100003, (r) => { const [x, y] = shuffledDraw(r); return shuffledLogRatio(x, y); });
export const shuffledTruth = () => shuffledTruthMc()[0];

export const SETS = [
  // 1 % of the rows carry it all
  { name: "thin-band-1pct-of-x-from-0.5-y-copies-x-plus-1e-4noise-else-independent-n1000", truth: () => bandTruth(BANDS.line), sample: sampleOf(4101000, 1000, (r) => bandDraw(r, BANDS.line)) },
  { name: "thin-band-1pct-of-x-from-0.5-y-copies-x-plus-1e-4noise-else-independent-n5000", truth: () => bandTruth(BANDS.line), sample: sampleOf(4101500, 5000, (r) => bandDraw(r, BANDS.line)) },
  { name: "thin-band-1pct-of-x-from-0.5-y-copies-x-plus-1e-6noise-else-independent-n1000", truth: () => bandTruth(BANDS.line, 1e-6), sample: sampleOf(4114000, 1000, (r) => bandDraw(r, BANDS.line, 1e-6)) },
  { name: "thin-band-1pct-of-x-from-0.5-y-copies-x-plus-1e-8noise-else-independent-n1000", truth: () => bandTruth(BANDS.line, 1e-8), sample: sampleOf(4115000, 1000, (r) => bandDraw(r, BANDS.line, 1e-8)) },
  { name: "thin-band-1pct-of-x-from-0.5-y-1-minus-2x-plus-1e-4noise-else-independent-n1000", truth: () => bandTruth(BANDS.line, 1e-4, ECHO), sample: sampleOf(4116000, 1000, (r) => bandDraw(r, BANDS.line, 1e-4, ECHO)) },
  { name: "thin-band-1pct-of-x-from-0.5-y-1-minus-2x-plus-1e-6noise-else-independent-n1000", truth: () => bandTruth(BANDS.line, 1e-6, ECHO), sample: sampleOf(4117000, 1000, (r) => bandDraw(r, BANDS.line, 1e-6, ECHO)) },
  { name: "thin-shell-1pct-of-2d-gauss-radius-y-copies-radius-plus-1e-4noise-else-independent-2x1-n1000", truth: () => bandTruth(BANDS.shell), sample: sampleOf(4102000, 1000, shellDraw) },
  { name: "far-cluster-1pct-at-50sd-y-x-plus-0.01noise-rest-independent-n1000", truth: () => farTruth(), sample: sampleOf(4103000, 1000, farDraw) },
  // fine scale
  { name: "fine-wiggle-y-x-plus-0.02sin-47.5x-plus-0.005noise-invertible-n1000", truth: () => wiggleTruth("fine"), sample: sampleOf(4104000, 1000, wiggleDraw("fine")) },
  { name: "medium-wiggle-y-x-plus-0.2sin-4.5x-plus-0.05noise-invertible-n1000", truth: () => wiggleTruth("medium"), sample: sampleOf(4105000, 1000, wiggleDraw("medium")) },
  // large MI, nearly flat map
  { name: "logistic-4x-of-x-plus-2e-4noise-8.5-nats-flat-tails-n1000", truth: () => logisticTruth(2e-4), sample: sampleOf(4106000, 1000, logisticDraw(2e-4)) },
  { name: "logistic-4x-of-x-plus-1e-5noise-11.5-nats-flat-tails-n1000", truth: () => logisticTruth(1e-5), sample: sampleOf(4107000, 1000, logisticDraw(1e-5)) },
  // pooled data sets
  { name: "pooled-half-rho-plus0.9-half-rho-minus0.9-zero-correlation-n1000", truth: () => poolTruth(POOLS.plusMinus), sample: sampleOf(4108000, 1000, poolDraw(POOLS.plusMinus)) },
  { name: "pooled-30pct-rho0.95-70pct-independent-same-margins-n1000", truth: () => poolTruth(POOLS.share30), sample: sampleOf(4109000, 1000, poolDraw(POOLS.share30)) },
  { name: "pooled-70pct-rho0.5-scale1-30pct-rho0.99-scale100-n1000", truth: () => poolTruth(POOLS.twoScales), sample: sampleOf(4110000, 1000, poolDraw(POOLS.twoScales)) },
  // a spike at 0
  { name: "y-spike-at-0-40pct-exactly-when-x-below-its-40pct-point-else-independent-n1000", truth: () => spikeTruth(), sample: sampleOf(4111000, 1000, spikeDraw) },
  // embeddings
  { name: "curve-of-30-cosines-of-u-plus-0.3noise-x-u-plus-0.5noise-y-30x1-n1000", truth: () => curveTruth(), sample: sampleOf(4112000, 1000, curveDraw) },
  { name: "x-copies-y-3-columns-in-row-shuffled-order-plus-0.3noise-3x3-n1000", truth: () => shuffledTruth(), sample: sampleOf(4113000, 1000, shuffledDraw) },
];
