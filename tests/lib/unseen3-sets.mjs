// The third unseen probe (bench/accuracy/unseen3/README.md): data sets written after the four
// batteries and the second probe and unlike them, each { name, n, truth, sample(seed), logRatio? }
// with its truth by a closed form or a quadrature written here, independent of the library's tasks.
// `logRatio(xRow, yRow)`, where given, is log p(x, y)/(p(x)p(y)) written out from the same
// densities, so that the mean over the set's own samples checks the truth (and the sampler) by
// Monte Carlo (tests/lib/unseen3.test.mjs, and `node bench/accuracy/unseen3/check-truths.mjs`).
import { Rng, normalCdf, normalQuantile } from "neural-mi";

const LOG_2PI_E = Math.log(2 * Math.PI * Math.E);
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const normalPdf = (z, variance) => Math.exp((-0.5 * z * z) / variance) / Math.sqrt(2 * Math.PI * variance);
const gMI = (rho) => -0.5 * Math.log(1 - rho * rho);
const h2 = (p) => (p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p));
/** P(a < Z < b) for Z ~ N(0, 1), accurate in both tails. */
const mass = (a, b) => (a >= 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a));

/** ∫ f over [a, b] by Simpson's rule with m (even) intervals. */
export function simpson(f, a, b, m = 20000) {
  const h = (b - a) / m;
  let s = 0;
  for (let k = 0; k <= m; k++) s += (k === 0 || k === m ? 1 : k % 2 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}
const xlogx = (v) => (v > 0 ? v * Math.log(v) : 0);
/** Differential entropy of a 1-D density on [a, b]. */
const entropy1 = (p, a, b, m) => -simpson((y) => xlogx(p(y)), a, b, m);
const discreteEntropy = (p) => -p.reduce((s, v) => s + xlogx(v), 0);
function logFactorial(k) {
  let s = 0;
  for (let j = 2; j <= k; j++) s += Math.log(j);
  return s;
}
function poisson(rng, lambda) {
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rng.uniform(); p > limit; p *= rng.uniform()) k++;
  return k;
}
/** n rows of the standard bivariate Gaussian ρ, as latent pairs [a, b]. */
function latentPairs(rng, n, rho) {
  const s = Math.sqrt(1 - rho * rho);
  return Array.from({ length: n }, () => {
    const a = rng.normal();
    return [a, rho * a + s * rng.normal()];
  });
}
/** d independent pairs (x_k, y_k) of correlation ρ: rows of x and of y. */
function pairsBlock(rng, n, d, rho) {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const p = latentPairs(rng, d, rho);
    x.push(p.map(([a]) => a));
    y.push(p.map(([, b]) => b));
  }
  return { x, y };
}

const sets = [];
const add = (name, n, truth, draw, extra = {}) => sets.push({ name, n, truth, note: "", ...extra, sample: (seed, size = n) => draw(new Rng(3000 + seed), size) });

// ---- dimensions: x of 20 with the dependence in one coordinate; 15 weak pairs; n = 100 in 10 + 10;
// ---- independence with strong correlation inside x and inside y
add("signal-in-1-of-20-x", 1000, gMI(0.7), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const v = Array.from({ length: 20 }, () => r.normal());
    x.push(v);
    y.push([0.7 * v[7] + Math.sqrt(1 - 0.49) * r.normal()]);
  }
  return { x, y };
});
add("thin-15-pairs-rho0.2-n2000", 2000, 15 * gMI(0.2), (r, n) => pairsBlock(r, n, 15, 0.2));
add("n100-10x10-pairs-rho0.6", 100, 10 * gMI(0.6), (r, n) => pairsBlock(r, n, 10, 0.6));
/** Equicorrelated d-vector with correlation c: √c·common + √(1 − c)·own. */
const equicorrelated = (r, d, c) => {
  const common = r.normal();
  return Array.from({ length: d }, () => Math.sqrt(c) * common + Math.sqrt(1 - c) * r.normal());
};
add("independent-12x12-correlated-within", 1000, 0, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { x.push(equicorrelated(r, 12, 0.9)); y.push(equicorrelated(r, 12, 0.9)); }
  return { x, y };
});
// ---- large MI in low dimension: two pairs of 5 nats each (10 nats in 2 + 2)
const RHO_5NATS = Math.sqrt(-Math.expm1(-10));
add("two-pairs-5nats-each-2x2", 2000, 2 * gMI(RHO_5NATS), (r, n) => pairsBlock(r, n, 2, RHO_5NATS));
// ---- a mixture of three bivariate Gaussians with different means and correlations (2-D quadrature)
const MIX = [
  { w: 0.5, mx: 0, my: 0, rho: 0.8 },
  { w: 0.3, mx: 3, my: 3, rho: -0.8 },
  { w: 0.2, mx: -3, my: 2, rho: 0 },
];
const mixJoint = (x, y) => MIX.reduce((s, c) => {
  const a = x - c.mx, b = y - c.my, q = 1 - c.rho * c.rho;
  return s + (c.w * Math.exp(-(a * a - 2 * c.rho * a * b + b * b) / (2 * q))) / (2 * Math.PI * Math.sqrt(q));
}, 0);
const mixX = (x) => MIX.reduce((s, c) => s + c.w * phi(x - c.mx), 0);
const mixY = (y) => MIX.reduce((s, c) => s + c.w * phi(y - c.my), 0);
const mixtureMI = (() => {
  const hx = entropy1(mixX, -12, 12, 4800);
  const hy = entropy1(mixY, -12, 12, 4800);
  const hxy = -simpson((x) => simpson((y) => xlogx(mixJoint(x, y)), -11, 12, 920), -12, 12, 960);
  return hx + hy - hxy;
})();
add("mixture-3-gaussians-unequal", 1000, mixtureMI, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    const c = u < MIX[0].w ? MIX[0] : u < MIX[0].w + MIX[1].w ? MIX[1] : MIX[2];
    const a = r.normal();
    x.push([c.mx + a]);
    y.push([c.my + c.rho * a + Math.sqrt(1 - c.rho * c.rho) * r.normal()]);
  }
  return { x, y };
}, { logRatio: ([x], [y]) => Math.log(mixJoint(x, y) / (mixX(x) * mixY(y))) });
// ---- a Gaussian copula (ρ = 0.8) with discrete margins on both sides: Poisson(3) and geometric(0.3)
const poissonCdf = (lambda, k) => { let p = Math.exp(-lambda), s = p; for (let j = 1; j <= k; j++) { p *= lambda / j; s += p; } return s; };
const thresholds = (cdf, kmax) => Array.from({ length: kmax }, (_, k) => { const F = cdf(k); return F >= 1 - 1e-15 ? Infinity : normalQuantile(F); });
const TX = thresholds((k) => poissonCdf(3, k), 30);
const TY = thresholds((k) => 1 - 0.7 ** (k + 1), 100);
const levelOf = (t, z) => { let k = 0; while (k < t.length && t[k] < z) k++; return k; };
const copulaTable = (() => {
  const rho = 0.8, s = Math.sqrt(1 - rho * rho);
  const ex = [-Infinity, ...TX.filter(Number.isFinite), Infinity].map((v) => Math.max(-9, Math.min(9, v)));
  const ey = [-Infinity, ...TY.filter(Number.isFinite), Infinity];
  const P = ex.slice(0, -1).map((a, k) => ey.slice(0, -1).map((c, j) => {
    const b = ex[k + 1], d = ey[j + 1];
    if (!(b > a)) return 0;
    return simpson((z) => phi(z) * mass((c - rho * z) / s, (d - rho * z) / s), a, b, 400);
  }));
  const px = P.map((row) => row.reduce((a, v) => a + v, 0));
  const py = P[0].map((_, j) => P.reduce((a, row) => a + row[j], 0));
  let mi = 0;
  P.forEach((row, k) => row.forEach((v, j) => { if (v > 0) mi += v * Math.log(v / (px[k] * py[j])); }));
  return { P, px, py, mi };
})();
add("copula-poisson3-geometric0.3-rho0.8", 1000, copulaTable.mi, (r, n) => {
  const x = [], y = [];
  for (const [a, b] of latentPairs(r, n, 0.8)) { x.push([levelOf(TX, a)]); y.push([levelOf(TY, b)]); }
  return { x, y };
}, { logRatio: ([k], [j]) => Math.log(copulaTable.P[k][j] / (copulaTable.px[k] * copulaTable.py[j])) });
// ---- heavy-tailed margins on both sides through a Gaussian copula: Cauchy x and y (ρ = 0.8)
const cauchyOf = (z) => Math.tan(Math.PI * (normalCdf(z) - 0.5));
add("copula-cauchy-both-rho0.8", 1000, gMI(0.8), (r, n) => {
  const p = latentPairs(r, n, 0.8);
  return { x: p.map(([a]) => [cauchyOf(a)]), y: p.map(([, b]) => [cauchyOf(b)]) };
});
// ---- bounded data at the edges: x = Φ(a)^20 (piled near 0), y = Φ(−b)^30 (decreasing in b)
add("powered-uniforms-near-0-rho0.8", 1000, gMI(0.8), (r, n) => {
  const p = latentPairs(r, n, 0.8);
  return { x: p.map(([a]) => [normalCdf(a) ** 20]), y: p.map(([, b]) => [normalCdf(-b) ** 30]) };
});
// ---- circular: θ uniform, φ = θ + von Mises(κ = 4) noise, both as angles in (−π, π]
const KAPPA = 4;
const besselI = (order, x) => { let s = 0, term = (x / 2) ** order / (order === 0 ? 1 : 1); for (let m = 0; m < 60; m++) { s += term; term *= (x / 2) ** 2 / ((m + 1) * (m + 1 + order)); } return s; };
const I0 = besselI(0, KAPPA);
const wrap = (t) => { let v = t % (2 * Math.PI); if (v > Math.PI) v -= 2 * Math.PI; if (v <= -Math.PI) v += 2 * Math.PI; return v; };
function vonMises(r, kappa) {
  const tau = 1 + Math.sqrt(1 + 4 * kappa * kappa);
  const rho = (tau - Math.sqrt(2 * tau)) / (2 * kappa);
  const s = (1 + rho * rho) / (2 * rho);
  for (;;) {
    const z = Math.cos(Math.PI * r.uniform());
    const f = (1 + s * z) / (s + z);
    const c = kappa * (s - f);
    const u2 = r.uniform();
    if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) return (r.uniform() < 0.5 ? -1 : 1) * Math.acos(f);
  }
}
add("von-mises-k4-angles", 1000, (KAPPA * besselI(1, KAPPA)) / I0 - Math.log(I0), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const t = wrap(2 * Math.PI * r.uniform()); x.push([t]); y.push([wrap(t + vonMises(r, KAPPA))]); }
  return { x, y };
}, { logRatio: ([t], [f]) => KAPPA * Math.cos(f - t) - Math.log(I0) });
// ---- hour of day (24 labels, periodic): y = 3·cos(2πh/24) + N(0, 1); hours h and 24 − h give y the same law
const hourMean = (h) => 3 * Math.cos((2 * Math.PI * h) / 24);
const hourY = (y) => Array.from({ length: 24 }, (_, h) => phi(y - hourMean(h))).reduce((a, b) => a + b, 0) / 24;
add("hour-of-day-cosine-y", 1000, entropy1(hourY, -12, 12, 4800) - 0.5 * LOG_2PI_E, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const h = r.integer(0, 24); x.push([h]); y.push([hourMean(h) + r.normal()]); }
  return { x, y };
}, { logRatio: ([h], [y]) => Math.log(phi(y - hourMean(h)) / hourY(y)) });
// ---- counts: X ~ Gamma(2, 1) (a rate), Y | X ~ Poisson(3X), a negative binomial: I = H(Y) − E H(Poisson(3X))
const nbPmf = (k) => ((k + 1) / 16) * 0.75 ** k;
const poissonEntropy = (lambda) => {
  if (lambda <= 0) return 0;
  let h = 0;
  const top = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 30);
  for (let k = 0; k <= top; k++) { const lp = -lambda + k * Math.log(lambda) - logFactorial(k); h -= Math.exp(lp) * lp; }
  return h;
};
const gammaPoissonMI = discreteEntropy(Array.from({ length: 400 }, (_, k) => nbPmf(k))) - simpson((x) => x * Math.exp(-x) * poissonEntropy(3 * x), 0, 45, 3000);
add("gamma-rate-poisson-counts", 1000, gammaPoissonMI, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const rate = -Math.log(1 - r.uniform()) - Math.log(1 - r.uniform());
    x.push([rate]);
    y.push([poisson(r, 3 * rate)]);
  }
  return { x, y };
}, { logRatio: ([x], [k]) => -3 * x + k * Math.log(3 * x) - logFactorial(k) - Math.log(nbPmf(k)) });
// ---- a one-hot of 5 classes plus N(0, 0.1²) noise in each coordinate; y = μ_class + N(0, 1)
const MU5 = [0, 1.5, -1.5, 3, -3];
const y5 = (y) => MU5.reduce((s, m) => s + phi(y - m), 0) / 5;
const argmax = (v) => v.reduce((best, value, k) => (value > v[best] ? k : best), 0);
add("noisy-onehot5-gaussian-y", 1000, entropy1(y5, -12, 12, 4800) - 0.5 * LOG_2PI_E, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const c = r.integer(0, 5);
    x.push(Array.from({ length: 5 }, (_, k) => (k === c ? 1 : 0) + 0.1 * r.normal()));
    y.push([MU5[c] + r.normal()]);
  }
  return { x, y };
}, { logRatio: (x, [y]) => Math.log(phi(y - MU5[argmax(x)]) / y5(y)), note: "the class is recovered from x but for odds of about 1e-12" });
// ---- mismatched rows: a fraction q of the rows has its y moved to another of those rows (a cyclic
// shift among them): the pair is then independent; I of 0.95·(Gaussian ρ) + 0.05·(independent) etc.
/** I of (1 − q)·N₂(ρ) + q·N(0,1)⊗N(0,1): ∫∫ φ(u)φ(v)·r log r in the rotated coordinates u, v. */
function contaminatedMI(rho, q) {
  const su = 1 + rho, sv = 1 - rho;
  const g = (u) => normalPdf(u, su) / phi(u);
  const hv = (v) => normalPdf(v, sv) / phi(v);
  const inner = (u) => {
    const gu = g(u);
    const f = (v) => { const r = (1 - q) * gu * hv(v) + q; return phi(v) * r * Math.log(r); };
    const w = 12 * Math.sqrt(sv);
    return simpson(f, -10, -w, 400) + simpson(f, -w, w, 4000) + simpson(f, w, 10, 400);
  };
  return simpson((u) => phi(u) * inner(u), -10, 10, 800);
}
const contaminatedLogRatio = (rho, q) => ([x], [y]) => {
  const u = (x + y) / Math.SQRT2, v = (x - y) / Math.SQRT2;
  return Math.log((1 - q) * (normalPdf(u, 1 + rho) / phi(u)) * (normalPdf(v, 1 - rho) / phi(v)) + q);
};
const mismatched = (rho, q) => (r, n) => {
  const p = latentPairs(r, n, rho);
  const marked = [];
  for (let i = 0; i < n; i++) if (r.uniform() < q) marked.push(i);
  const ys = p.map(([, b]) => b);
  const moved = marked.map((i, k) => ys[marked[(k + 1) % marked.length]]);
  marked.forEach((i, k) => (ys[i] = moved[k]));
  return { x: p.map(([a]) => [a]), y: ys.map((b) => [b]) };
};
add("mismatched-5pct-rows-rho0.9", 1000, contaminatedMI(0.9, 0.05), mismatched(0.9, 0.05), { logRatio: contaminatedLogRatio(0.9, 0.05) });
add("mismatched-2pct-rows-rho0.999", 1000, contaminatedMI(0.999, 0.02), mismatched(0.999, 0.02), { logRatio: contaminatedLogRatio(0.999, 0.02) });
// ---- a trend in row order: row i at time t ~ U(i/n, (i+1)/n), x = a + 3t, y = 0.6a + 0.8e + 3t; the
// pooled law over t ~ U(0, 1) (the rows are independent given their times; their order is the time's)
const TREND = 3, TR = 0.6;
const trendX = (x) => (normalCdf(x) - normalCdf(x - TREND)) / TREND;
const trendU = (u) => { const su = Math.sqrt(1 + TR); return (normalCdf(u / su) - normalCdf((u - TREND * Math.SQRT2) / su)) / (TREND * Math.SQRT2); };
const trendMI = 2 * entropy1(trendX, -10, 14, 4800) - entropy1(trendU, -10, 16, 5200) - 0.5 * Math.log(2 * Math.PI * Math.E * (1 - TR));
add("trend-in-row-order", 1000, trendMI, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const t = (i + r.uniform()) / n;
    const a = r.normal();
    x.push([a + TREND * t]);
    y.push([TR * a + Math.sqrt(1 - TR * TR) * r.normal() + TREND * t]);
  }
  return { x, y };
}, { logRatio: ([x], [y]) => Math.log((normalPdf((x - y) / Math.SQRT2, 1 - TR) * trendU((x + y) / Math.SQRT2)) / (trendX(x) * trendX(y))) });
// ---- y = x + 0.3·noise + rare huge jumps (±20, each with probability 0.005)
const JUMP = 20, PJ = 0.005;
const jumpNoise = (e) => ((1 - 2 * PJ) * phi(e / 0.3) + PJ * (phi((e - JUMP) / 0.3) + phi((e + JUMP) / 0.3))) / 0.3;
const jumpY = (y) => (1 - 2 * PJ) * normalPdf(y, 1.09) + PJ * (normalPdf(y - JUMP, 1.09) + normalPdf(y + JUMP, 1.09));
add("rare-jumps-1pct-channel", 1000, entropy1(jumpY, -30, 30, 12000) - entropy1(jumpNoise, -26, 26, 104000), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const a = r.normal(), u = r.uniform();
    x.push([a]);
    y.push([a + 0.3 * r.normal() + (u < PJ ? JUMP : u < 2 * PJ ? -JUMP : 0)]);
  }
  return { x, y };
}, { logRatio: ([x], [y]) => Math.log(jumpNoise(y - x) / jumpY(y)) });
// ---- x as two columns, sign and magnitude (an invertible map of a): I = I(a; y)
add("sign-and-magnitude-columns", 1000, gMI(0.8), (r, n) => {
  const p = latentPairs(r, n, 0.8);
  return { x: p.map(([a]) => [Math.sign(a), Math.abs(a)]), y: p.map(([, b]) => [b]) };
});
// ---- XOR: x = (a, b) Gaussian, y = [ab > 0] flipped with probability 0.1: I = log 2 − h₂(0.1)
add("xor-sign-product-2x1-flip0.1", 1000, Math.log(2) - h2(0.1), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const a = r.normal(), b = r.normal();
    const target = a * b > 0 ? 1 : 0;
    x.push([a, b]);
    y.push([r.uniform() < 0.1 ? 1 - target : target]);
  }
  return { x, y };
}, { logRatio: ([a, b], [c]) => Math.log(((a * b > 0 ? 1 : 0) === c ? 0.9 : 0.1) / 0.5) });
// ---- a binary class that changes only the spread of a 10-D y: N(0, I) against N(0, 1.3²·I)
const SPREAD = 1.3, DIM = 10;
const chi2 = (r, k) => (r <= 0 ? 0 : Math.exp((k / 2 - 1) * Math.log(r) - r / 2 - (k / 2) * Math.log(2) - logFactorial(k / 2 - 1)));
const classVarMI = (() => {
  const f0 = (r) => chi2(r, DIM), f1 = (r) => chi2(r / SPREAD ** 2, DIM) / SPREAD ** 2;
  return Math.log(2) - simpson((r) => { const a = f0(r), b = f1(r); return a + b > 0 ? 0.5 * (a + b) * h2(b / (a + b)) : 0; }, 0, 200, 40000);
})();
add("class-changes-spread-1x10", 1000, classVarMI, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const c = r.integer(0, 2); x.push([c]); y.push(Array.from({ length: DIM }, () => (c ? SPREAD : 1) * r.normal())); }
  return { x, y };
}, { logRatio: ([c], y) => {
  const r2 = y.reduce((s, v) => s + v * v, 0);
  const l0 = -r2 / 2, l1 = -DIM * Math.log(SPREAD) - r2 / (2 * SPREAD ** 2);
  const top = Math.max(l0, l1);
  return Math.log(2) + (c ? l1 : l0) - top - Math.log(Math.exp(l0 - top) + Math.exp(l1 - top));
} });
// ---- x stored as 8-bit values: clamp(round(128 + 40a), 0, 255), y = 0.9a + noise
const U8_EDGES = Array.from({ length: 255 }, (_, k) => (k + 0.5 - 128) / 40);
function quantisedMI(rho, edges) {
  const s = Math.sqrt(1 - rho * rho);
  const bounds = [-Infinity, ...edges, Infinity];
  const P = bounds.slice(0, -1).map((a, k) => mass(a, bounds[k + 1]));
  return simpson((y) => {
    let t = 0;
    for (let k = 0; k < P.length; k++) { const p = mass((bounds[k] - rho * y) / s, (bounds[k + 1] - rho * y) / s); if (p > 0 && P[k] > 0) t += p * Math.log(p / P[k]); }
    return phi(y) * t;
  }, -10, 10, 2000);
}
const u8Bounds = [-Infinity, ...U8_EDGES, Infinity];
add("uint8-quantised-x-rho0.9", 1000, quantisedMI(0.9, U8_EDGES), (r, n) => {
  const p = latentPairs(r, n, 0.9);
  return { x: p.map(([a]) => [Math.min(255, Math.max(0, Math.round(128 + 40 * a)))]), y: p.map(([, b]) => [b]) };
}, { logRatio: ([k], [y]) => { const s = Math.sqrt(1 - 0.81); return Math.log(mass((u8Bounds[k] - 0.9 * y) / s, (u8Bounds[k + 1] - 0.9 * y) / s) / mass(u8Bounds[k], u8Bounds[k + 1])); } });
// ---- 50 labels (more than √n) whose means are not in label order, y | k ~ N(μ_k, 0.5²)
const MU50 = (() => { const r = new Rng(7); const order = r.permutation(50); return order.map((k) => -2.45 + 0.1 * k); })();
const y50 = (y) => MU50.reduce((s, m) => s + phi((y - m) / 0.5) / 0.5, 0) / 50;
add("labels-50-unordered-means", 1000, entropy1(y50, -9, 9, 7200) - 0.5 * Math.log(2 * Math.PI * Math.E * 0.25), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const k = r.integer(0, 50); x.push([k]); y.push([MU50[k] + 0.5 * r.normal()]); }
  return { x, y };
}, { logRatio: ([k], [y]) => Math.log(phi((y - MU50[k]) / 0.5) / 0.5 / y50(y)) });
// ---- a rare class (2 %) that shifts y by 4
const rareY = (y) => 0.98 * phi(y) + 0.02 * phi(y - 4);
add("rare-class-2pct-shift4", 1000, entropy1(rareY, -12, 16, 5600) - 0.5 * LOG_2PI_E, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const c = r.uniform() < 0.02 ? 1 : 0; x.push([c]); y.push([4 * c + r.normal()]); }
  return { x, y };
}, { logRatio: ([c], [y]) => Math.log(phi(y - 4 * c) / rareY(y)) });
// ---- an ordinal x, 0 in 90 % of rows and 1..4 otherwise, y = x + N(0, 1)
const ZI = [0.9, 0.04, 0.03, 0.02, 0.01];
const ziY = (y) => ZI.reduce((s, p, k) => s + p * phi(y - k), 0);
add("zero-inflated-ordinal-x", 1000, entropy1(ziY, -12, 16, 5600) - 0.5 * LOG_2PI_E, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    let u = r.uniform(), k = 0;
    while (k < 4 && u >= ZI[k]) u -= ZI[k++];
    x.push([k]);
    y.push([k + r.normal()]);
  }
  return { x, y };
}, { logRatio: ([k], [y]) => Math.log(phi(y - k) / ziY(y)) });
// ---- the variance of y depends on x, its mean does not: y | x ~ N(0, 0.1 + x²)
const heteroY = (y) => simpson((x) => phi(x) * normalPdf(y, 0.1 + x * x), -9, 9, 600);
const heteroMI = entropy1(heteroY, -40, 40, 4000) - simpson((x) => phi(x) * 0.5 * Math.log(2 * Math.PI * Math.E * (0.1 + x * x)), -10, 10, 2000);
add("variance-only-heteroscedastic", 1000, heteroMI, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = r.normal(); x.push([a]); y.push([Math.sqrt(0.1 + a * a) * r.normal()]); }
  return { x, y };
}, { logRatio: ([x], [y]) => Math.log(normalPdf(y, 0.1 + x * x) / heteroY(y)) });
// ---- copies and scales of columns
add("copied-columns-x6", 1000, gMI(0.8), (r, n) => {
  const p = latentPairs(r, n, 0.8);
  return { x: p.map(([a]) => [a, a, a, -a, r.normal(), r.normal()]), y: p.map(([, b]) => [b]) };
});
add("monotone-copies-2x2", 1000, gMI(0.8), (r, n) => {
  const p = latentPairs(r, n, 0.8);
  return { x: p.map(([a]) => [a, Math.exp(3 * a)]), y: p.map(([, b]) => [b ** 3, Math.atan(b)]) };
});
add("column-scales-1e-9-to-1e9-3x2", 1000, gMI(0.8) + gMI(0.6), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = latentPairs(r, 1, 0.8)[0];
    const [c, d] = latentPairs(r, 1, 0.6)[0];
    x.push([1e-9 * a, r.normal(), 1e9 * c]);
    y.push([-1e7 * d + 5e8, 1e-6 * b]);
  }
  return { x, y };
});
// ---- large n: two pairs of ρ = 0.5 at n = 40 000
add("n40000-2x2-pairs-rho0.5", 40000, 2 * gMI(0.5), (r, n) => pairsBlock(r, n, 2, 0.5));
// ---- x on a curve in the plane: x = (a, sin 4a), an injective map of a: I = I(a; y)
add("x-on-a-sine-curve-2x1", 1000, gMI(0.8), (r, n) => {
  const p = latentPairs(r, n, 0.8);
  return { x: p.map(([a]) => [a, Math.sin(4 * a)]), y: p.map(([, b]) => [b]) };
});
// ---- an interaction only: y = x₁·x₂ + 0.3·noise (each coordinate alone is independent of y); y | x₁ ~ N(0, x₁² + 0.09)
const productY = (y) => simpson((a) => phi(a) * normalPdf(y, a * a + 0.09), -9, 9, 600);
add("product-x1x2-plus-noise-2x1", 1000, entropy1(productY, -40, 40, 4000) - 0.5 * Math.log(2 * Math.PI * Math.E * 0.09), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = r.normal(), b = r.normal(); x.push([a, b]); y.push([a * b + 0.3 * r.normal()]); }
  return { x, y };
}, { logRatio: ([a, b], [y]) => Math.log(phi((y - a * b) / 0.3) / 0.3 / productY(y)) });
// ---- 30 labels with Zipf frequencies (P(k) ∝ 1/(k + 1)), y | k ~ N(μ_k, 1), μ_k spread over ±3 in shuffled order
const ZIPF = (() => { const w = Array.from({ length: 30 }, (_, k) => 1 / (k + 1)); const t = w.reduce((a, b) => a + b, 0); return w.map((v) => v / t); })();
const MU30 = (() => { const r = new Rng(11); return r.permutation(30).map((k) => -3 + (6 * k) / 29); })();
const zipfY = (y) => ZIPF.reduce((s, p, k) => s + p * phi(y - MU30[k]), 0);
add("zipf-30-labels-gaussian-y", 1000, entropy1(zipfY, -12, 12, 4800) - 0.5 * LOG_2PI_E, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    let u = r.uniform(), k = 0;
    while (k < 29 && u >= ZIPF[k]) u -= ZIPF[k++];
    x.push([k]);
    y.push([MU30[k] + r.normal()]);
  }
  return { x, y };
}, { logRatio: ([k], [y]) => Math.log(phi(y - MU30[k]) / zipfY(y)) });
// ---- oversampled records: 200 Gaussian pairs (ρ = 0.5) each stored 5 times with a jitter of 1e-6·N(0, 1) on
// every value, rows shuffled (no two rows equal, so exact de-duplication does not see them): the truth is
// the MI of the records' pair, as for exact copies (an untrusted result with a reason is honest either way)
add("jittered-copies-5x-shuffled-rho0.5", 1000, gMI(0.5), (r, n) => {
  const p = latentPairs(r, n / 5, 0.5);
  const rows = p.flatMap(([a, b]) => Array.from({ length: 5 }, () => [a + 1e-6 * r.normal(), b + 1e-6 * r.normal()]));
  const order = r.permutation(n);
  return { x: order.map((i) => [rows[i][0]]), y: order.map((i) => [rows[i][1]]) };
}, { note: "200 records, 5 jittered copies each" });
// ---- labels whose only information is their parity: 100 labels (more than √n), y = ±2 + 0.5·N by parity
const parityPost = (y) => 1 / (1 + Math.exp(-16 * y)); // P(even | y): φ((y − 2)/0.5) / (φ((y − 2)/0.5) + φ((y + 2)/0.5))
const parityY = (y) => 0.5 * (phi((y - 2) / 0.5) + phi((y + 2) / 0.5)) / 0.5;
add("parity-of-100-labels", 1000, Math.log(2) - simpson((y) => parityY(y) * h2(parityPost(y)), -8, 8, 8000), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const k = r.integer(0, 100); x.push([k]); y.push([(k % 2 === 0 ? 2 : -2) + 0.5 * r.normal()]); }
  return { x, y };
}, { logRatio: ([k], [y]) => Math.log((k % 2 === 0 ? parityPost(y) : 1 - parityPost(y)) / 0.5) });
// ---- a sawtooth of 30 teeth: x ~ U(0, 1), y = frac(30x) + 0.02·N: Y has density Φ(y/σ) − Φ((y − 1)/σ)
const SAW = 0.02;
const sawY = (y) => normalCdf(y / SAW) - normalCdf((y - 1) / SAW);
add("sawtooth-30-teeth-noise0.02", 1000, entropy1(sawY, -0.3, 1.3, 16000) - 0.5 * Math.log(2 * Math.PI * Math.E * SAW * SAW), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = r.uniform(); x.push([a]); y.push([((30 * a) % 1) + SAW * r.normal()]); }
  return { x, y };
}, { logRatio: ([a], [y]) => Math.log(phi((y - ((30 * a) % 1)) / SAW) / SAW / sawY(y)) });
// ---- a checkerboard: x = (a, b) Gaussian, y = [sin 3a · sin 3b > 0] flipped with probability 0.05: I = log 2 − h₂(0.05)
add("checkerboard-2x1-freq3-flip0.05", 1000, Math.log(2) - h2(0.05), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const a = r.normal(), b = r.normal();
    const target = Math.sin(3 * a) * Math.sin(3 * b) > 0 ? 1 : 0;
    x.push([a, b]);
    y.push([r.uniform() < 0.05 ? 1 - target : target]);
  }
  return { x, y };
}, { logRatio: ([a, b], [c]) => Math.log(((Math.sin(3 * a) * Math.sin(3 * b) > 0 ? 1 : 0) === c ? 0.95 : 0.05) / 0.5) });
// ---- a flag column set in one row of 9000 (the cross-check takes blocks of 4000 rows, most without it)
add("one-row-flag-column-n9000", 9000, gMI(0.8), (r, n) => {
  const p = latentPairs(r, n, 0.8);
  const flagged = r.integer(0, n);
  return { x: p.map(([a], i) => [a, i === flagged ? 1 : 0]), y: p.map(([, b]) => [b]) };
});

export const SETS = sets;
