// The thirty-first unseen probe's sets: angles near their wrap, compass readings in whole degrees, axial directions,
// rows recorded in mixed units, an off-by-one merge, signed data under multiplicative noise (σ = 0.5 and 0.01), a shared
// volatility regime (1 × 1 and 3 × 3), a shared-shock reliability pair, a binary shift under Cauchy noise, a noise that
// grows with |x|, a detection flag as the only dependence, one factor over 50 + 50 columns, 5 latent columns read by 50,
// three pairs holding 6 nats unequally, a data frame of mixed scales with a constant and a duplicated column (Float32Array
// rows), and independent sides with strong structure (heavy tails, curves in 10 columns, a factor over 50 columns, two
// censored columns). Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms, exact sums
// or 1-D/2-D quadratures (check-truths.mjs checks each a second way).
import { rng } from "../unseen5/sets.mjs";

export { rng };
const TWO_PI = 2 * Math.PI;
export const gaussPairMI = (rho) => -0.5 * Math.log(1 - rho * rho);
export const normalDensity = (v, sd = 1) => Math.exp(-0.5 * (v / sd) ** 2) / (sd * Math.sqrt(TWO_PI));
/** midpoint rule on [lo, hi] with m cells */
export function quadrature(lo, hi, m, f) { const h = (hi - lo) / m; let s = 0; for (let i = 0; i < m; i++) s += f(lo + (i + 0.5) * h); return s * h; }
const plogp = (p) => (p > 0 ? p * Math.log(p) : 0);
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
/** an angle in (−π, π] */
export const wrap = (t) => { const v = t - TWO_PI * Math.floor((t + Math.PI) / TWO_PI); return v <= -Math.PI ? v + TWO_PI : v; };

// --- von Mises: Bessel functions by quadrature, the density, the entropy, and Best & Fisher's (1979) sampler
const bessel = new Map();
export const besselI = (order, k) => {
  const key = `${order}:${k}`;
  if (!bessel.has(key)) bessel.set(key, quadrature(0, Math.PI, 4000, (t) => Math.exp(k * Math.cos(t)) * Math.cos(order * t)) / Math.PI);
  return bessel.get(key);
};
export const vonMisesDensity = (t, k) => Math.exp(k * Math.cos(t)) / (TWO_PI * besselI(0, k));
/** h(VM(κ)) = log(2π I₀(κ)) − κ I₁(κ)/I₀(κ) */
export const vonMisesEntropy = (k) => Math.log(TWO_PI * besselI(0, k)) - (k * besselI(1, k)) / besselI(0, k);
export function vonMises(r, k) {
  const tau = 1 + Math.sqrt(1 + 4 * k * k), rho = (tau - Math.sqrt(2 * tau)) / (2 * k), s = (1 + rho * rho) / (2 * rho);
  for (;;) {
    const z = Math.cos(Math.PI * r.u()), f = (1 + s * z) / (s + z), c = k * (s - f), u2 = r.u();
    if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) return (r.u() < 0.5 ? -1 : 1) * Math.acos(Math.min(1, Math.max(-1, f)));
  }
}

// --- angles at the wrap: x ~ VM(π, 2) as raw radians in (−π, π] (its mass split at ±π), y = wrap(x + VM(0, 6))
export const AT_WRAP = { kx: 2, kn: 6 };
const atWrapDraw = (r) => { const a = wrap(Math.PI + vonMises(r, AT_WRAP.kx)); return [a, wrap(a + vonMises(r, AT_WRAP.kn))]; };
/** h(y) − h(VM(κn)), p(y) = ∫ VM(φ; π, κx) VM(y − φ; 0, κn) dφ on a grid of the circle */
export function atWrapTruth(m = 2000) {
  const h = TWO_PI / m, px = [], pn = [];
  for (let i = 0; i < m; i++) { px.push(vonMisesDensity(-Math.PI + (i + 0.5) * h - Math.PI, AT_WRAP.kx)); pn.push(vonMisesDensity(i * h, AT_WRAP.kn)); }
  let hy = 0;
  for (let j = 0; j < m; j++) { let p = 0; for (let i = 0; i < m; i++) p += px[i] * pn[(j - i + m) % m]; hy -= plogp(p * h) * h; }
  return hy - vonMisesEntropy(AT_WRAP.kn);
}

// --- compass readings: a direction uniform on the circle, y = x + VM(0, 4), both rounded to whole degrees 0..359 (Int32Array)
export const COMPASS_KAPPA = 4;
const DEG = Math.PI / 180;
const compassDraw = (r) => { const a = 360 * r.u(), b = a + vonMises(r, COMPASS_KAPPA) / DEG; return [Math.round(a) % 360, ((Math.round(b) % 360) + 360) % 360]; };
/** log 360 − H(q), q(d) the chance that the rounded readings differ by d degrees: the noise over a triangle of width 2° */
export function compassTruth() {
  const f = (deg) => vonMisesDensity(deg * DEG, COMPASS_KAPPA) * DEG;
  let hq = 0;
  for (let d = 0; d < 360; d++) {
    // q(d) = ∫ f(d + v) (1 − |v|) dv over v in (−1, 1), as the difference of two uniform roundings is triangular
    hq -= plogp(quadrature(-1, 1, 400, (v) => f(d + v) * (1 - Math.abs(v))));
  }
  return Math.log(360) - hq;
}

// --- axial directions: x uniform in degrees [0, 360), y = 2x + VM(0, 3) in degrees [0, 360) (a line's direction doubled)
export const AXIAL_KAPPA = 3;
const axialDraw = (r) => { const a = 360 * r.u(), b = 2 * a + vonMises(r, AXIAL_KAPPA) / DEG; return [a, ((b % 360) + 360) % 360]; };
/** y depends on x through 2x mod 360, uniform: I = log 2π − h(VM(κ)) */
export const axialTruth = () => Math.log(TWO_PI) - vonMisesEntropy(AXIAL_KAPPA);

// --- mixed units: heights x = 170 + 10a cm, y = x + 5ε in cm, 30 % of the y rows written in inches (÷ 2.54)
const mixedUnitsDraw = (r) => { const x = 170 + 10 * r.normal(), y = x + 5 * r.normal(); return [x, r.u() < 0.3 ? y / 2.54 : y]; };
// the two clusters (170 ± 11 and 67 ± 4.4) are 9 sd apart, so the unit is read off y and I(x; y') = I(x; y) to 1e-12
export const mixedUnitsTruth = gaussPairMI(10 / Math.sqrt(125));

// --- an off-by-one merge: Gaussian pairs ρ = 0.9 in time order, 10 % of the rows taking the next row's y
export const MERGE = { rho: 0.9, shifted: 0.1 };
function mergeSample(seed, n) {
  const r = rng(3104000 + seed), { x, y } = rows(n + 1, () => pair(r, MERGE.rho));
  const yMerged = y.slice(0, n).map((v, i) => (r.u() < MERGE.shifted ? y[i + 1] : v));
  return { x: x.slice(0, n), y: yMerged };
}
/** each row is (1 − s) p(x, y) + s p(x)p(y): I = E log((1 − s) p/(p_x p_y) + s), a 2-D quadrature on [−9, 9]² */
export function mergeTruth(m = 1200) {
  const { rho, shifted: s } = MERGE, c = 1 - rho * rho, lo = -9, h = 18 / m;
  let total = 0;
  for (let i = 0; i < m; i++) {
    const a = lo + (i + 0.5) * h, pa = normalDensity(a);
    for (let j = 0; j < m; j++) {
      const b = lo + (j + 0.5) * h, pb = normalDensity(b), ratio = normalDensity(b - rho * a, Math.sqrt(c)) / pb;
      const mix = (1 - s) * ratio + s;
      total += pa * pb * mix * Math.log(mix);
    }
  }
  return total * h * h;
}

// --- signed data under multiplicative noise: y = x·e^{σε}: sign(y) = sign(x), log|y| = log|x| + σε
/** I = log 2 + h(L + σε) − h(σε), L = log|Z| with density 2φ(e^l)e^l, h by quadrature of the convolution */
export function signedMultiplicativeTruth(sigma) {
  const fL = (l) => 2 * normalDensity(Math.exp(l)) * Math.exp(l);
  const lo = -25, hi = 4, m = sigma < 0.05 ? 60000 : 6000, h = (hi - lo) / m, grid = [];
  for (let i = 0; i < m; i++) grid.push(fL(lo + (i + 0.5) * h));
  const reach = Math.ceil((9 * sigma) / h);
  let hs = 0;
  for (let j = -reach; j < m + reach; j++) {
    const v = lo + (j + 0.5) * h;
    let p = 0;
    for (let i = Math.max(0, j - reach); i < Math.min(m, j + reach + 1); i++) p += grid[i] * normalDensity(v - (lo + (i + 0.5) * h), sigma) * h;
    hs -= plogp(p) * h;
  }
  return Math.log(2) + hs - 0.5 * Math.log(TWO_PI * Math.E * sigma * sigma);
}
const signedMultiplicativeDraw = (r, sigma) => { const x = r.normal(); return [x, x * Math.exp(sigma * r.normal())]; };

// --- a shared volatility regime: S = 0 or 1 at ½, x = σ_S·ε (d columns), y = σ_S·ε' (d columns), σ = 0.3 or 3
export const REGIME_SCALES = [0.3, 3];
const regimeDraw = (r, d) => { const s = REGIME_SCALES[r.u() < 0.5 ? 0 : 1]; return [Array.from({ length: d }, () => s * r.normal()), Array.from({ length: d }, () => s * r.normal())]; };
/** radial density of ½ N(0, σ₀²I_d) + ½ N(0, σ₁²I_d) at radius ρ */
const regimeDensity = (rad, d) => REGIME_SCALES.reduce((p, s) => p + 0.5 * Math.exp(-0.5 * (rad / s) ** 2) / (s * Math.sqrt(TWO_PI)) ** d, 0);
/** h of the d-dimensional mixture, − ∫ S_d ρ^{d−1} p log p dρ, S_d the surface of the unit sphere */
function regimeEntropy(d) {
  const surface = (2 * Math.PI ** (d / 2)) / gamma(d / 2);
  return -quadrature(0, 40, 400000, (rad) => surface * rad ** (d - 1) * plogp(regimeDensity(rad, d)));
}
function gamma(z) { return z === 0.5 ? Math.sqrt(Math.PI) : z === 1 ? 1 : (z - 1) * gamma(z - 1); }
/** I = 2h(x) − h(x, y), x in d and (x, y) in 2d dimensions */
export const regimeTruth = (d) => 2 * regimeEntropy(d) - regimeEntropy(2 * d);

// --- the scale of 50 y columns set by x: y_j = x·ε_j (zero correlation): ‖y‖ is sufficient, log‖y‖ = log|x| + W, W = ½ log χ²₅₀
export const SCALE_READ_COLUMNS = 50;
const logGamma = (k) => { let s = 0; for (let i = 2; i < k; i++) s += Math.log(i); return s; }; // log Γ(k) for a whole k
/** density of W = ½ log Q, Q ~ χ²_k (k even) */
export function halfLogChiSquareDensity(w, k = SCALE_READ_COLUMNS) {
  const q = Math.exp(2 * w);
  return Math.exp((k / 2 - 1) * Math.log(q) - q / 2 - (k / 2) * Math.log(2) - logGamma(k / 2) + Math.log(2) + 2 * w);
}
/** I = I(log|x|; log|x| + W) = h(L + W) − h(W), L = log|Z|, both by quadrature */
export function scaleReadTruth() {
  const fL = (l) => 2 * normalDensity(Math.exp(l)) * Math.exp(l);
  const h = 0.002, ws = [];
  for (let w = 0.5; w < 3.5; w += h) ws.push([w, halfLogChiSquareDensity(w)]);
  const hW = -ws.reduce((a, [, p]) => a + plogp(p) * h, 0);
  let hV = 0;
  for (let v = -24; v < 8; v += h) { let p = 0; for (const [w, pw] of ws) p += pw * fL(v - w) * h; hV -= plogp(p) * h; }
  return hV - hW;
}

// --- shared shock (Marshall–Olkin): x = min(E₁, E₃), y = min(E₂, E₃), rates 1, 1, 0.5: x = y exactly with chance 0.2
const sharedShockDraw = (r) => { const e = (rate) => -Math.log(r.u()) / rate, e3 = e(0.5); return [Math.min(e(1), e3), Math.min(e(1), e3)]; };

// --- a binary shift under Cauchy noise: y = 3b + C, b ~ Bernoulli(½), C standard Cauchy
const cauchy = (r) => Math.tan(Math.PI * (r.u() - 0.5));
/** I = h(y) − log 4π, h(y) by quadrature in y = 1.5 + tan t */
export function cauchyShiftTruth() {
  const c = (v) => 1 / (Math.PI * (1 + v * v));
  const hy = -quadrature(-Math.PI / 2, Math.PI / 2, 200000, (t) => { const v = 1.5 + Math.tan(t), p = 0.5 * (c(v) + c(v - 3)); return plogp(p) / Math.cos(t) ** 2; });
  return hy - Math.log(4 * Math.PI);
}

// --- a noise that grows with |x|: y = x + |x|·ε
/** I = h(y) − ½ log 2πe − E log|x|, E log|Z| = −(γ + log 2)/2; p(y) = Σ± ∫ φ(±e^u) φ((y ∓ e^u)/e^u) du, h(y) in y = ±e^v */
export function growingNoiseTruth() {
  const pY = (v) => quadrature(-30, 4, 3400, (u) => { const a = Math.exp(u); return normalDensity(a) * (normalDensity((v - a) / a) + normalDensity((v + a) / a)); });
  const hy = -2 * quadrature(-40, 5, 9000, (w) => { const v = Math.exp(w); return plogp(pY(v)) * v; });
  const eulerGamma = 0.5772156649015329;
  return hy - 0.5 * Math.log(TWO_PI * Math.E) + (eulerGamma + Math.log(2)) / 2;
}
const growingNoiseDraw = (r) => { const x = r.normal(); return [x, x + Math.abs(x) * r.normal()]; };

// --- a detection flag as the only dependence: z ~ N(0, 1) shared; x = 0 when z < 0 (below the limit), else e^{ε};
// y the same with its own ε': given the flags the values are independent, so I = H(flag) = log 2
const detectionFlagDraw = (r) => { const below = r.normal() < 0; return [below ? 0 : Math.exp(r.normal()), below ? 0 : Math.exp(r.normal())]; };

// --- one factor over 50 + 50 columns: x_j = z + ε_j, y_j = z + ε'_j: the means are sufficient, ρ = 50/51
const factorDraw = (r, d, z = r.normal()) => [Array.from({ length: d }, () => z + r.normal()), Array.from({ length: d }, () => z + r.normal())];

// --- 5 latent columns read by 50: y = A x + ε, A 50 × 5 with N(0, 0.15²) entries (fixed), I = ½ log det(I + AᵀA)
export const LOADINGS = (() => { const r = rng(3100999); return Array.from({ length: 50 }, () => Array.from({ length: 5 }, () => 0.15 * r.normal())); })();
export function loadingsTruth() {
  const g = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => (i === j ? 1 : 0) + LOADINGS.reduce((s, row) => s + row[i] * row[j], 0)));
  // log det by Cholesky
  let s = 0;
  const l = g.map((row) => row.map(() => 0));
  for (let i = 0; i < 5; i++) for (let j = 0; j <= i; j++) {
    let v = g[i][j];
    for (let k = 0; k < j; k++) v -= l[i][k] * l[j][k];
    if (i === j) { l[i][i] = Math.sqrt(v); s += 2 * Math.log(l[i][i]); } else l[i][j] = v / l[j][j];
  }
  return 0.5 * s;
}

// --- three pairs holding 3.5, 2 and 0.5 nats (6 in all)
export const UNEQUAL_NATS = [3.5, 2, 0.5];
const rhoFor = (nats) => Math.sqrt(-Math.expm1(-2 * nats));

// --- a data frame of mixed scales: x rows [1e-6·a₁, 1e6·a₂, 42, 1e6·a₂], y rows [1e3·b₁, b₂], pairs ρ = 0.8, Float32Array rows
function kitchenSink(seed) {
  const r = rng(3113000 + seed);
  return rows(1000, () => { const [a1, b1] = pair(r, 0.8), [a2, b2] = pair(r, 0.8); return [Float32Array.of(1e-6 * a1, 1e6 * a2, 42, 1e6 * a2), Float32Array.of(1e3 * b1, b2)]; });
}

// --- independent sides with strong structure
const pareto = (r, alpha) => Math.pow(r.u(), -1 / alpha);
/** a closed curve in 10 columns: cos and sin of five frequencies of t */
const curve = (t, phase) => Array.from({ length: 10 }, (_, j) => (j % 2 ? Math.sin : Math.cos)((1 + (j >> 1)) * t + phase * j));
const censoredAt = (v, limit) => Math.max(v, limit);

export const SETS = [
  { name: "angles-at-the-wrap-x-vonmises-pi-k2-raw-radians-y-plus-vonmises-k6-n1000", truth: atWrapTruth, sample: (seed) => { const r = rng(3101000 + seed); return rows(1000, () => atWrapDraw(r)); } },
  { name: "compass-whole-degrees-int32array-y-x-plus-vonmises-k4-n2000", truth: compassTruth, sample: (seed) => { const r = rng(3102000 + seed), x = new Int32Array(2000), y = new Int32Array(2000); for (let i = 0; i < 2000; i++) [x[i], y[i]] = compassDraw(r); return { x, y }; } },
  { name: "axial-y-doubled-direction-degrees-plus-vonmises-k3-n1000", truth: axialTruth, sample: (seed) => { const r = rng(3103000 + seed); return rows(1000, () => axialDraw(r)); } },
  { name: "heights-cm-y-30pct-rows-in-inches-rho0.89-n5000", truth: mixedUnitsTruth, sample: (seed) => { const r = rng(3105000 + seed); return rows(5000, () => mixedUnitsDraw(r)); } },
  { name: "off-by-one-merge-10pct-rows-take-next-y-rho0.9-n1000", truth: mergeTruth, sample: (seed) => mergeSample(seed, 1000) },
  { name: "signed-x-times-lognormal-noise-sigma0.5-n1000", truth: () => signedMultiplicativeTruth(0.5), sample: (seed) => { const r = rng(3106000 + seed); return rows(1000, () => signedMultiplicativeDraw(r, 0.5)); } },
  { name: "signed-x-times-lognormal-noise-sigma0.01-n1000", truth: () => signedMultiplicativeTruth(0.01), sample: (seed) => { const r = rng(3107000 + seed); return rows(1000, () => signedMultiplicativeDraw(r, 0.01)); } },
  { name: "shared-volatility-regime-scales-0.3-or-3-zero-correlation-n1000", truth: () => regimeTruth(1), sample: (seed) => { const r = rng(3108000 + seed); return rows(1000, () => regimeDraw(r, 1)); } },
  { name: "shared-volatility-regime-scales-0.3-or-3-3x3-n1000", truth: () => regimeTruth(3), sample: (seed) => { const r = rng(3109000 + seed); return rows(1000, () => regimeDraw(r, 3)); } },
  { name: "shared-shock-marshall-olkin-x-equals-y-in-20pct-n1000", truth: Infinity, sample: (seed) => { const r = rng(3110000 + seed); return rows(1000, () => sharedShockDraw(r)); } },
  { name: "binary-x-shifts-cauchy-y-by-3-n1000", truth: cauchyShiftTruth, sample: (seed) => { const r = rng(3111000 + seed); return rows(1000, () => { const b = r.u() < 0.5 ? 1 : 0; return [b, 3 * b + cauchy(r)]; }); } },
  { name: "y-x-plus-abs-x-times-noise-n1000", truth: growingNoiseTruth, sample: (seed) => { const r = rng(3112000 + seed); return rows(1000, () => growingNoiseDraw(r)); } },
  { name: "detection-flag-shared-values-independent-50pct-at-limit-n1000", truth: Math.log(2), sample: (seed) => { const r = rng(3114000 + seed); return rows(1000, () => detectionFlagDraw(r)); } },
  { name: "one-factor-over-50x50-columns-noise1-n1000", truth: gaussPairMI(50 / 51), sample: (seed) => { const r = rng(3115000 + seed); return rows(1000, () => factorDraw(r, 50)); } },
  { name: "five-latent-columns-read-by-50-random-loadings-5x50-n1000", truth: loadingsTruth, sample: (seed) => { const r = rng(3116000 + seed); return rows(1000, () => { const v = Array.from({ length: 5 }, () => r.normal()); return [v, LOADINGS.map((row) => row.reduce((s, w, j) => s + w * v[j], 0) + r.normal())]; }); } },
  { name: "three-pairs-3.5-2-0.5-nats-6-in-all-3x3-n2000", truth: 6, sample: (seed) => { const r = rng(3117000 + seed); return rows(2000, () => { const p = UNEQUAL_NATS.map((nats) => pair(r, rhoFor(nats))); return [p.map((v) => v[0]), p.map((v) => v[1])]; }); } },
  { name: "data-frame-float32-rows-1e-6-1e6-constant-duplicate-columns-pairs-rho0.8-4x2-n1000", truth: 2 * gaussPairMI(0.8), sample: kitchenSink },
  { name: "angles-at-the-wrap-x-vonmises-pi-k2-raw-radians-y-plus-vonmises-k6-n30", truth: atWrapTruth, sample: (seed) => { const r = rng(3124000 + seed); return rows(30, () => atWrapDraw(r)); } },
  { name: "shared-volatility-regime-scales-0.3-or-3-3x3-n5000", truth: () => regimeTruth(3), sample: (seed) => { const r = rng(3122000 + seed); return rows(5000, () => regimeDraw(r, 3)); } },
  { name: "scale-of-50-y-columns-set-by-x-y-x-times-noise-zero-correlation-1x50-n1000", truth: scaleReadTruth, sample: (seed) => { const r = rng(3125000 + seed); return rows(1000, () => { const v = r.normal(); return [[v], Array.from({ length: SCALE_READ_COLUMNS }, () => v * r.normal())]; }); } },
  { name: "independent-volatility-regimes-each-side-0.3-or-3-3x3-n1000", truth: 0, sample: (seed) => { const r = rng(3123000 + seed); return rows(1000, () => { const s = REGIME_SCALES[r.u() < 0.5 ? 0 : 1], t = REGIME_SCALES[r.u() < 0.5 ? 0 : 1]; return [Array.from({ length: 3 }, () => s * r.normal()), Array.from({ length: 3 }, () => t * r.normal())]; }); } },
  { name: "independent-cauchy-x-pareto0.8-y-n2000", truth: 0, sample: (seed) => { const r = rng(3118000 + seed); return rows(2000, () => [cauchy(r), pareto(r, 0.8)]); } },
  { name: "independent-closed-curves-in-10-columns-each-10x10-n1000", truth: 0, sample: (seed) => { const r = rng(3119000 + seed); return rows(1000, () => [curve(TWO_PI * r.u(), 0.3).map((v) => v + 0.01 * r.normal()), curve(TWO_PI * r.u(), 1.1).map((v) => v + 0.01 * r.normal())]); } },
  { name: "independent-one-factor-each-side-50x50-noise0.1-n500", truth: 0, sample: (seed) => { const r = rng(3120000 + seed); return rows(500, () => { const zx = r.normal(), zy = r.normal(); return [Array.from({ length: 50 }, () => zx + 0.1 * r.normal()), Array.from({ length: 50 }, () => zy + 0.1 * r.normal())]; }); } },
  { name: "independent-both-censored-70pct-and-60pct-at-detection-limit-n1000", truth: 0, sample: (seed) => { const r = rng(3121000 + seed); return rows(1000, () => [censoredAt(Math.exp(r.normal()), Math.exp(0.524)), censoredAt(r.normal(), 0.253)]); } },
];
