// node bench/accuracy/unseen31/check-truths.mjs: the quadrature truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3199 on), the densities closed forms or 1-D quadratures per draw, and
// the compass readings by the plug-in entropy of 400 000 differences.
import {
  rng, SETS, AT_WRAP, vonMises, vonMisesDensity, wrap, COMPASS_KAPPA, MERGE, REGIME_SCALES, normalDensity, quadrature, LOADINGS, SCALE_READ_COLUMNS, halfLogChiSquareDensity,
} from "./sets.mjs";
import { monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe, plugInEntropy } = monteCarlo(rng);
const mc = (n) => `Monte Carlo (${n})`;

// angles at the wrap: log VM(y − x; κn) − log p(y), p(y) a quadrature over x
report("angles-at-the-wrap", truthOf("angles-at-the-wrap"), meanSe(20000, 3199001, (r) => {
  const x = wrap(Math.PI + vonMises(r, AT_WRAP.kx)), y = wrap(x + vonMises(r, AT_WRAP.kn));
  const py = quadrature(-Math.PI, Math.PI, 1000, (p) => vonMisesDensity(p - Math.PI, AT_WRAP.kx) * vonMisesDensity(y - p, AT_WRAP.kn));
  return Math.log(vonMisesDensity(y - x, AT_WRAP.kn) / py);
}), mc(20000));

// compass: log 360 − the plug-in entropy of the rounded readings' difference
{
  const DEG = Math.PI / 180, h = plugInEntropy(400000, 3199002, (r) => { const a = 360 * r.u(), b = a + vonMises(r, COMPASS_KAPPA) / DEG; return (((Math.round(b) - Math.round(a)) % 360) + 360) % 360; });
  console.log(`${"compass".padEnd(34)} truth ${truthOf("compass").toFixed(4)}  plug-in (400 000) ${(Math.log(360) - h).toFixed(4)}`);
}

// the off-by-one merge: draws of the mixture, log((1 − s) p/(p_x p_y) + s)
report("off-by-one-merge", truthOf("off-by-one-merge"), meanSe(400000, 3199003, (r) => {
  const a = r.normal(), b = r.u() < MERGE.shifted ? r.normal() : MERGE.rho * a + Math.sqrt(1 - MERGE.rho ** 2) * r.normal();
  return Math.log((1 - MERGE.shifted) * normalDensity(b - MERGE.rho * a, Math.sqrt(1 - MERGE.rho ** 2)) / normalDensity(b) + MERGE.shifted);
}), mc(400000));

// signed data under multiplicative noise: log 2φ(…)/σ − log f_{L+σε}(log|y|), the convolution a quadrature per draw
for (const sigma of [0.5, 0.01]) {
  const fL = (l) => 2 * normalDensity(Math.exp(l)) * Math.exp(l);
  report(`signed-multiplicative-${sigma}`, truthOf(`signed-x-times-lognormal-noise-sigma${sigma}`), meanSe(40000, 3199004, (r) => {
    const lx = Math.log(Math.abs(r.normal())), ly = lx + sigma * r.normal();
    const conv = quadrature(ly - 9 * sigma, ly + 9 * sigma, 600, (l) => fL(l) * normalDensity(ly - l, sigma));
    return Math.log((2 * normalDensity(ly - lx, sigma)) / conv);
  }), mc(40000));
}

// the shared volatility regime: closed-form mixture densities
for (const d of [1, 3]) {
  const mix = (vs) => REGIME_SCALES.reduce((p, s) => p + 0.5 * vs.reduce((q, v) => q * normalDensity(v, s), 1), 0);
  report(`shared-volatility-${d}x${d}`, truthOf(d === 1 ? "shared-volatility-regime-scales-0.3-or-3-zero" : "shared-volatility-regime-scales-0.3-or-3-3x3"), meanSe(400000, 3199005 + d, (r) => {
    const s = REGIME_SCALES[r.u() < 0.5 ? 0 : 1], x = Array.from({ length: d }, () => s * r.normal()), y = Array.from({ length: d }, () => s * r.normal());
    return Math.log(mix([...x, ...y]) / (mix(x) * mix(y)));
  }), mc(400000));
}

// a binary shift under Cauchy noise: closed-form densities
{
  const c = (v) => 1 / (Math.PI * (1 + v * v));
  report("binary-x-shifts-cauchy", truthOf("binary-x-shifts-cauchy"), meanSe(400000, 3199008, (r) => {
    const b = r.u() < 0.5 ? 1 : 0, y = 3 * b + Math.tan(Math.PI * (r.u() - 0.5));
    return Math.log(c(y - 3 * b) / (0.5 * (c(y) + c(y - 3))));
  }), mc(400000));
}

// a noise growing with |x|: log p(y | x) − log p(y), p(y) a quadrature in u = log|x|
report("y-x-plus-abs-x-times-noise", truthOf("y-x-plus-abs-x-times-noise"), meanSe(20000, 3199009, (r) => {
  const x = r.normal(), y = x + Math.abs(x) * r.normal();
  const py = quadrature(-30, 4, 3400, (u) => { const a = Math.exp(u); return normalDensity(a) * (normalDensity((y - a) / a) + normalDensity((y + a) / a)); });
  return Math.log(normalDensity(y - x, Math.abs(x)) / py);
}), mc(20000));

// the scale of 50 y columns set by x: log f_W(log‖y‖ − log|x|) − log p(log‖y‖), p a quadrature over W per draw
{
  const fL = (l) => 2 * normalDensity(Math.exp(l)) * Math.exp(l);
  report("scale-of-50-y-columns", truthOf("scale-of-50-y-columns"), meanSe(20000, 3199010, (r) => {
    const x = r.normal();
    let q = 0;
    for (let j = 0; j < SCALE_READ_COLUMNS; j++) q += (x * r.normal()) ** 2;
    const v = 0.5 * Math.log(q), l = Math.log(Math.abs(x));
    const p = quadrature(0.5, 3.5, 1500, (w) => halfLogChiSquareDensity(w) * fL(v - w));
    return Math.log(halfLogChiSquareDensity(v - l) / p);
  }), mc(20000));
}

// 5 latent columns read by 50: ½ log det(I₅₀ + AAᵀ) (Sylvester's identity) against ½ log det(I₅ + AᵀA)
{
  const n = LOADINGS.length, g = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) + LOADINGS[i].reduce((s, w, k) => s + w * LOADINGS[j][k], 0)));
  const l = g.map((row) => row.map(() => 0));
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let v = g[i][j];
    for (let k = 0; k < j; k++) v -= l[i][k] * l[j][k];
    if (i === j) { l[i][i] = Math.sqrt(v); s += 2 * Math.log(l[i][i]); } else l[i][j] = v / l[j][j];
  }
  console.log(`${"five-latent-read-by-50".padEnd(34)} truth ${truthOf("five-latent").toFixed(4)}  det(I + AAᵀ) ${(0.5 * s).toFixed(4)}`);
}
