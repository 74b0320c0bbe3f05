// The ninth unseen probe's sets, drawn by the fifth probe's own generator (mulberry32, Box–Muller), not the library's Rng.
// Truths: closed forms (rare offsets, tiny samples), 1-D quadratures (heaped values, a selected sample, a compositional x,
// a log-uniform x, a random sign, a Poisson count with a log link) and a 2-D quadrature (values clipped at both ends).
// `check.mjs` compares every quadrature with a Monte Carlo average of log p(y | x) − log p(y) on the set's own draws.
import { rng } from "../unseen5/sets.mjs";
import { Phi } from "../unseen8/sets.mjs";

const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z, s = 1) => Math.exp(-0.5 * (z / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const xlogx = (p) => (p > 0 ? p * Math.log(p) : 0);
const row = (v) => (Array.isArray(v) ? v : [v]);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(row(a)); y.push(row(b)); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
function hOnGrid(p, lo, hi, m) { const d = (hi - lo) / m; let s = 0; for (let i = 0; i < m; i++) s -= xlogx(p(lo + (i + 0.5) * d)) * d; return s; }
const cache = {};
const once = (k, f) => () => (cache[k] ??= f());

// --- heaped values: in a share p of the rows (independent of everything) y is rounded to the nearest multiple of h.
// The rounded rows are told apart by their values (a multiple of h has probability 0 otherwise), so
// I = (1 − p)·I(X; Y) + p·I(X; round(Y)), and I(X; round(Y)) = H(C) − E_x H(C | x) over the cells.
export function roundedYInfo(rho, h) {
  const s = Math.sqrt(1 - rho * rho), K = Math.ceil(9 / h);
  const edges = []; for (let k = -K; k <= K + 1; k++) edges.push((k - 0.5) * h);
  const pc = edges.slice(0, -1).map((a, i) => Phi(edges[i + 1]) - Phi(a));
  const G = 8000, lo = -9, d = 18 / G; let hc = 0;
  for (let i = 0; i < G; i++) {
    const x = lo + (i + 0.5) * d; let prev = Phi((edges[0] - rho * x) / s), e = 0;
    for (let j = 1; j < edges.length; j++) { const c = Phi((edges[j] - rho * x) / s); e -= xlogx(c - prev); prev = c; }
    hc += phi(x) * d * e;
  }
  return -pc.reduce((a, p) => a + xlogx(p), 0) - hc;
}
const heapedTruth = (rho, h, p) => (1 - p) * gaussI(rho) + p * roundedYInfo(rho, h);
const roundTo = (v, h) => h * Math.round(v / h);

// --- y = clip(ρx + sN, −c, c): atoms at ±c, the Gaussian density between. I = E_x D(P_{Y|x} ‖ P_Y).
export function clippedTruth(rho, c) {
  const s = Math.sqrt(1 - rho * rho), pTop = 1 - Phi(c);
  const G = 3000, lo = -9, d = 18 / G, M = 3000, dy = (2 * c) / M; let I = 0;
  for (let i = 0; i < G; i++) {
    const x = lo + (i + 0.5) * d; const up = 1 - Phi((c - rho * x) / s), down = Phi((-c - rho * x) / s);
    let D = xlogx(up) - up * Math.log(pTop) + xlogx(down) - down * Math.log(pTop);
    for (let k = 0; k < M; k++) { const y = -c + (k + 0.5) * dy; const q = phi(y - rho * x, s); if (q > 0) D += q * Math.log(q / phi(y)) * dy; }
    I += phi(x) * d * D;
  }
  return I;
}

// --- only the rows with x > t kept (a selected sample): Y | X is still N(ρx, s²), so I = h(Y | X > t) − ½ log(2πe s²),
// p(y) = φ(y)·P(X > t | y) / P(X > t).
export function selectedTruth(rho, t) {
  const s = Math.sqrt(1 - rho * rho), pt = 1 - Phi(t);
  return hOnGrid((y) => (phi(y) * (1 - Phi((t - rho * y) / s))) / pt, -8, 12, 200000) - 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
}

// --- compositional x = (E1, E2, E3)/ΣE, y = log(E1/E3) + σN. log(E1/E3) is standard logistic and y depends on x only
// through it: I = h(L + σN) − h(σN).
export function compositionalTruth(sigma) {
  const f = (l) => Math.exp(-Math.abs(l)) / (1 + Math.exp(-Math.abs(l))) ** 2;
  const G = 6000, lo = -40, d = 80 / G; const ls = [], ws = [];
  for (let i = 0; i < G; i++) { const l = lo + (i + 0.5) * d; ls.push(l); ws.push(f(l) * d); }
  const p = (y) => { let t = 0; for (let i = 0; i < G; i++) if (Math.abs(y - ls[i]) < 12 * sigma) t += ws[i] * phi(y - ls[i], sigma); return t; };
  return hOnGrid(p, -45, 45, 30000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
}
const expo = (r) => -Math.log(r.u());

// --- x = 10^U, U ~ U(−a, a) (12 decades for a = 6), y = U + N: I = h(U + N) − h(N), p(y) = (Φ(y + a) − Φ(y − a))/2a.
export const logUniformTruth = (a) => hOnGrid((y) => (Phi(y + a) - Phi(y - a)) / (2 * a), -a - 10, a + 10, 200000) - 0.5 * LN2PIE;

// --- y = S·x + σN with S = ±1 a fair sign: Y ~ N(0, 1 + σ²); Y | x is ½N(x, σ²) + ½N(−x, σ²).
export function randomSignTruth(sigma) {
  const G = 2000, d = 9 / G; let hc = 0;
  for (let i = 0; i < G; i++) {
    const x = (i + 0.5) * d;
    const p = (y) => 0.5 * (phi(y - x, sigma) + phi(y + x, sigma));
    hc += 2 * phi(x) * d * hOnGrid(p, -x - 10 * sigma, x + 10 * sigma, 2000);
  }
  return 0.5 * Math.log(2 * Math.PI * Math.E * (1 + sigma * sigma)) - hc;
}

// --- y ~ Poisson(e^{βx}), x ~ N(0, 1): H(Y) − E_x H(Poisson(e^{βx})).
function lfact(k) { let s = 0; for (let i = 2; i <= k; i++) s += Math.log(i); return s; }
export function poissonLogLinkTruth(beta) {
  const K = 3000, lf = []; for (let k = 0; k <= K; k++) lf.push(lfact(k));
  const G = 6000, lo = -9, d = 15 / G; const py = new Float64Array(K + 1); let hc = 0;
  for (let i = 0; i < G; i++) {
    const x = lo + (i + 0.5) * d, lam = Math.exp(beta * x), w = phi(x) * d; let e = 0;
    for (let k = 0; k <= K; k++) { const q = Math.exp(k * Math.log(lam) - lam - lf[k]); if (q > 0) { e -= q * Math.log(q); py[k] += w * q; } }
    hc += w * e;
  }
  return -Array.from(py).reduce((a, p) => a + xlogx(p), 0) - hc;
}
function poisson(r, lam) { // inversion for small λ, a normal-free sum of exponentials beyond
  if (lam < 30) { let k = 0, p = Math.exp(-lam), c = p; const u = r.u(); while (u > c && k < 1000) { k++; p *= lam / k; c += p; } return k; }
  let k = 0, t = 0; for (;;) { t += expo(r); if (t > lam) return k; k++; }
}

export const SETS = [
  // heaped: 40 % of y rounded to 0.5 (a reader rounding some readings), ρ = 0.9; and 60 % rounded to 1
  { name: "heaped-y-40pct-to-0.5-rho0.9", truth: once("h1", () => heapedTruth(0.9, 0.5, 0.4)), sample: (s) => { const r = rng(9100 + s); return many(1000, () => { const [a, b] = gpair(r, 0.9); return [a, r.u() < 0.4 ? roundTo(b, 0.5) : b]; }); } },
  { name: "heaped-y-60pct-to-1-rho0.8", truth: once("h2", () => heapedTruth(0.8, 1, 0.6)), sample: (s) => { const r = rng(9200 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [a, r.u() < 0.6 ? roundTo(b, 1) : b]; }); } },
  // a sensor saturating at both ends
  { name: "clipped-y-at-0.5-rho0.9", truth: once("c1", () => clippedTruth(0.9, 0.5)), sample: (s) => { const r = rng(9300 + s); return many(1000, () => { const [a, b] = gpair(r, 0.9); return [a, Math.max(-0.5, Math.min(0.5, b))]; }); } },
  { name: "clipped-y-at-1.5-rho0.7", truth: once("c2", () => clippedTruth(0.7, 1.5)), sample: (s) => { const r = rng(9400 + s); return many(1000, () => { const [a, b] = gpair(r, 0.7); return [a, Math.max(-1.5, Math.min(1.5, b))]; }); } },
  // a selected sample: only rows with x above 1.5 kept (a hard edge, a skewed x)
  { name: "selected-x-above-1.5-rho0.8", truth: once("sel", () => selectedTruth(0.8, 1.5)), sample: (s) => { const r = rng(9500 + s); return many(1000, () => { for (;;) { const p = gpair(r, 0.8); if (p[0] > 1.5) return p; } }); } },
  // compositional x (three shares summing to 1)
  { name: "compositional-x-3parts", truth: once("comp", () => compositionalTruth(0.5)), sample: (s) => { const r = rng(9600 + s); return many(1000, () => { const e = [expo(r), expo(r), expo(r)]; const t = e[0] + e[1] + e[2]; return [e.map((v) => v / t), Math.log(e[0] / e[2]) + 0.5 * r.normal()]; }); } },
  // x spread over 12 decades (log-uniform), y its exponent in noise
  { name: "log-uniform-x-12-decades", truth: once("lu", () => logUniformTruth(6)), sample: (s) => { const r = rng(9700 + s); return many(1000, () => { const u = 12 * r.u() - 6; return [10 ** u, u + r.normal()]; }); } },
  // 1 % of x's and, independently, of y's values shifted by 10⁴ (a unit error): the shift is recovered from the value, so I = I(X; Y)
  { name: "rare-offsets-1pct-rho0.8", truth: gaussI(0.8), sample: (s) => { const r = rng(9800 + s); return many(1000, () => { const [a, b] = gpair(r, 0.8); return [r.u() < 0.01 ? a + 1e4 : a, r.u() < 0.01 ? b + 1e4 : b]; }); } },
  { name: "rare-offsets-0.3pct-both-rho0.9-n2000", truth: gaussI(0.9), sample: (s) => { const r = rng(9900 + s); return many(2000, () => { const [a, b] = gpair(r, 0.9); return [r.u() < 0.003 ? a - 1e5 : a, r.u() < 0.003 ? b + 1e5 : b]; }); } },
  // a random sign: y = ±x + 0.3N (no correlation)
  { name: "random-sign-x-plus-0.3noise", truth: once("rs", () => randomSignTruth(0.3)), sample: (s) => { const r = rng(10000 + s); return many(1000, () => { const a = r.normal(); return [a, (r.u() < 0.5 ? -1 : 1) * a + 0.3 * r.normal()]; }); } },
  // counts with a log link: y ~ Poisson(e^{βx})
  { name: "poisson-log-link-beta1", truth: once("p1", () => poissonLogLinkTruth(1)), sample: (s) => { const r = rng(10100 + s); return many(1000, () => { const a = r.normal(); return [a, poisson(r, Math.exp(a))]; }); } },
  { name: "poisson-log-link-beta1.5", truth: once("p2", () => poissonLogLinkTruth(1.5)), sample: (s) => { const r = rng(10200 + s); return many(1000, () => { const a = r.normal(); return [a, poisson(r, Math.exp(1.5 * a))]; }); } },
  // tiny samples
  { name: "tiny-n5-rho0.9", truth: gaussI(0.9), sample: (s) => { const r = rng(10300 + s); return many(5, () => gpair(r, 0.9)); } },
  { name: "tiny-n12-rho0.9", truth: gaussI(0.9), sample: (s) => { const r = rng(10400 + s); return many(12, () => gpair(r, 0.9)); } },
  { name: "tiny-n20-independent", truth: 0, sample: (s) => { const r = rng(10500 + s); return many(20, () => [r.normal(), r.normal()]); } },
];

// --- y = sin x + σN with x uniform over whole periods: sin x has the arcsine law, p(y) = (1/2π)∫ φ(y − sin t; σ) dt.
export function sinePeriodsTruth(sigma) {
  const T = 20000, ss = Array.from({ length: T }, (_, i) => Math.sin((2 * Math.PI * (i + 0.5)) / T));
  const p = (y) => { let t = 0; for (const v of ss) if (Math.abs(y - v) < 10 * sigma) t += phi(y - v, sigma); return t / T; };
  return hOnGrid(p, -1 - 10 * sigma, 1 + 10 * sigma, 20000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
}
// --- y = x² + σN for small σ: p(y) integrates over the two short x intervals where |y − x²| < 10σ
export function squareSmallNoiseTruth(sigma) {
  const p = (y) => {
    const a = Math.sqrt(Math.max(0, y - 10 * sigma)), b = Math.sqrt(Math.max(0, y + 10 * sigma)); if (b === 0) return 0;
    const m = 400, d = (b - a) / m; let t = 0;
    for (let i = 0; i < m; i++) { const x = a + (i + 0.5) * d; t += 2 * phi(x) * phi(y - x * x, sigma) * d; }
    return t;
  };
  return hOnGrid(p, -10 * sigma, 60, 600000) - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
}
// --- x stored as float32 at an offset of 10⁶ (its spacing there is 1/16): I(round_{1/16}(X); Y), the cells of roundedYInfo
export const SETS2 = [
  { name: "sine-10-periods-0.05noise", truth: once("sin", () => sinePeriodsTruth(0.05)), sample: (s) => { const r = rng(11100 + s); return many(1000, () => { const a = 20 * Math.PI * r.u(); return [a, Math.sin(a) + 0.05 * r.normal()]; }); } },
  { name: "x-squared-plus-0.01noise", truth: once("sq", () => squareSmallNoiseTruth(0.01)), sample: (s) => { const r = rng(11200 + s); return many(1000, () => { const a = r.normal(); return [a, a * a + 0.01 * r.normal()]; }); } },
  { name: "float32-x-at-offset-1e6-rho0.9", truth: once("f32", () => roundedYInfo(0.9, 1 / 16)), sample: (s) => { const r = rng(11300 + s); const x = new Float32Array(1000), y = []; for (let i = 0; i < 1000; i++) { const [b, a] = gpair(r, 0.9); x[i] = 1e6 + a; y.push([b]); } return { x, y }; } },
  // independence (truth 0) with heaped, clipped and 12-decade columns
  { name: "independent-heaped-y-50pct", truth: 0, sample: (s) => { const r = rng(11400 + s); return many(1000, () => [r.normal(), r.u() < 0.5 ? roundTo(r.normal(), 0.5) : r.normal()]); } },
  { name: "independent-clipped-y-at-0.3", truth: 0, sample: (s) => { const r = rng(11500 + s); return many(1000, () => [r.normal(), Math.max(-0.3, Math.min(0.3, r.normal()))]); } },
  { name: "independent-log-uniform-x", truth: 0, sample: (s) => { const r = rng(11600 + s); return many(1000, () => [10 ** (12 * r.u() - 6), r.normal()]); } },
  { name: "independent-rare-offsets-1pct", truth: 0, sample: (s) => { const r = rng(11700 + s); return many(1000, () => [r.u() < 0.01 ? r.normal() + 1e4 : r.normal(), r.u() < 0.01 ? r.normal() + 1e4 : r.normal()]); } },
];
// stronger and rarer versions of the first sets' kinds, written after their first results
export const SETS3 = [
  { name: "heaped-y-40pct-to-0.5-rho0.99", truth: once("h3", () => heapedTruth(0.99, 0.5, 0.4)), sample: (s) => { const r = rng(12100 + s); return many(1000, () => { const [a, b] = gpair(r, 0.99); return [a, r.u() < 0.4 ? roundTo(b, 0.5) : b]; }); } },
  { name: "clipped-y-at-0.1-rho0.99", truth: once("c3", () => clippedTruth(0.99, 0.1)), sample: (s) => { const r = rng(12200 + s); return many(1000, () => { const [a, b] = gpair(r, 0.99); return [a, Math.max(-0.1, Math.min(0.1, b))]; }); } },
  { name: "selected-x-above-3-rho0.8", truth: once("sel3", () => selectedTruth(0.8, 3)), sample: (s) => { const r = rng(12300 + s); return many(1000, () => { for (;;) { const a = r.normal(); if (a > 3) return [a, 0.8 * a + 0.6 * r.normal()]; } }); } },
  { name: "poisson-log-link-beta0.3", truth: once("p03", () => poissonLogLinkTruth(0.3)), sample: (s) => { const r = rng(12400 + s); return many(1000, () => { const a = r.normal(); return [a, poisson(r, Math.exp(0.3 * a))]; }); } },
  { name: "random-sign-x-plus-0.05noise", truth: once("rs05", () => randomSignTruth(0.05)), sample: (s) => { const r = rng(12500 + s); return many(1000, () => { const a = r.normal(); return [a, (r.u() < 0.5 ? -1 : 1) * a + 0.05 * r.normal()]; }); } },
  // x = 10^U over 300 decades (U ∈ (−150, 150)), y = U/25 + N: the truth of the 12-decade set
  { name: "log-uniform-x-300-decades", truth: once("lu", () => logUniformTruth(6)), sample: (s) => { const r = rng(12600 + s); return many(1000, () => { const u = 300 * r.u() - 150; return [10 ** u, u / 25 + r.normal()]; }); } },
  { name: "log-uniform-both-300-decades", truth: once("lu", () => logUniformTruth(6)), sample: (s) => { const r = rng(12700 + s); return many(1000, () => { const u = 300 * r.u() - 150; return [10 ** u, 10 ** (u + 25 * r.normal())]; }); } },
];
// blocks side by side (independent pairs, the truth the sum), and sharp edges in several coordinates:
// x ~ U(0, 1)^d, y = x + U(0, a)^d, a/2 − log a per coordinate (a ≤ 1)
const blocks = (r, draws) => { const x = [], y = []; for (const d of draws) { const [a, b] = d(r); x.push(a); y.push(b); } return [x, y]; };
const heapedPair = (rho, h, p) => (r) => { const [a, b] = gpair(r, rho); return [a, r.u() < p ? roundTo(b, h) : b]; };
const clippedPair = (rho, c) => (r) => { const [a, b] = gpair(r, rho); return [a, Math.max(-c, Math.min(c, b))]; };
const signPair = (sigma) => (r) => { const a = r.normal(); return [a, (r.u() < 0.5 ? -1 : 1) * a + sigma * r.normal()]; };
const uniformEdge = (a) => (r) => { const v = r.u(); return [v, v + a * r.u()]; };
export const SETS4 = [
  { name: "heaped-pairs-3x3", truth: once("hb", () => 3 * heapedTruth(0.9, 0.5, 0.4)), sample: (s) => { const r = rng(13100 + s); return many(1000, () => blocks(r, [heapedPair(0.9, 0.5, 0.4), heapedPair(0.9, 0.5, 0.4), heapedPair(0.9, 0.5, 0.4)])); } },
  { name: "clipped-pairs-2x2", truth: once("cb", () => clippedTruth(0.9, 0.5) + clippedTruth(0.7, 1.5)), sample: (s) => { const r = rng(13200 + s); return many(1000, () => blocks(r, [clippedPair(0.9, 0.5), clippedPair(0.7, 1.5)])); } },
  { name: "random-sign-pairs-2x2", truth: once("sb", () => 2 * randomSignTruth(0.3)), sample: (s) => { const r = rng(13300 + s); return many(1000, () => blocks(r, [signPair(0.3), signPair(0.3)])); } },
  { name: "uniform-edges-3x3-a0.5", truth: 3 * (0.25 - Math.log(0.5)), sample: (s) => { const r = rng(13400 + s); return many(1000, () => blocks(r, [uniformEdge(0.5), uniformEdge(0.5), uniformEdge(0.5)])); } },
  { name: "uniform-edges-2x2-a0.2", truth: 2 * (0.1 - Math.log(0.2)), sample: (s) => { const r = rng(13500 + s); return many(1000, () => blocks(r, [uniformEdge(0.2), uniformEdge(0.2)])); } },
  { name: "uniform-edges-5x5-a0.5-n2000", truth: 5 * (0.25 - Math.log(0.5)), sample: (s) => { const r = rng(13600 + s); return many(2000, () => blocks(r, Array(5).fill(uniformEdge(0.5)))); } },
];
// daily rows in date order: a weekday or month column cycling in row order beside y set by it (or independent of it)
// y = μ[c] + N(0, 1) with label c of weights w: h(Y) − h(N)
const labelChannelTruth = (mu, w) => hOnGrid((y) => mu.reduce((a, m, i) => a + w[i] * phi(y - m), 0), Math.min(...mu) - 12, Math.max(...mu) + 12, 200000) - 0.5 * LN2PIE;
const WEEKDAY = [0, 0.3, 0.5, 0.2, 1.5, 2.5, -1];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_EFFECT = MONTH_DAYS.map((_, m) => 1.5 * Math.sin((2 * Math.PI * m) / 12));
const monthOf = (day) => { let d = day % 365, m = 0; while (d >= MONTH_DAYS[m]) d -= MONTH_DAYS[m++]; return m; };
export const SETS5 = [
  { name: "daily-weekday-in-order-effect", truth: once("wd", () => labelChannelTruth(WEEKDAY, WEEKDAY.map(() => 1 / 7))), sample: (s) => { const r = rng(14100 + s); return many(728, (i) => [i % 7, WEEKDAY[i % 7] + r.normal()]); } },
  { name: "daily-weekday-in-order-independent", truth: 0, sample: (s) => { const r = rng(14200 + s); return many(728, (i) => [i % 7, r.normal()]); } },
  { name: "daily-month-in-order-3-years", truth: once("mo", () => labelChannelTruth(MONTH_EFFECT, MONTH_DAYS.map((d) => d / 365))), sample: (s) => { const r = rng(14300 + s); return many(1095, (i) => [monthOf(i), MONTH_EFFECT[monthOf(i)] + r.normal()]); } },
  { name: "daily-weekday-and-trendless-noise-2x1", truth: once("wd", () => labelChannelTruth(WEEKDAY, WEEKDAY.map(() => 1 / 7))), sample: (s) => { const r = rng(14400 + s); return many(728, (i) => [[i % 7, r.normal()], WEEKDAY[i % 7] + r.normal()]); } },
];
