// The second unseen probe (bench/accuracy/unseen2/README.md): data sets a practitioner might
// bring, written after the four batteries and unlike them, each { name, n, truth, sample(seed) }
// with its truth by a closed form or a quadrature written here, independent of the library's
// tasks (tests/lib/unseen2.test.mjs checks the ones it uses by Monte Carlo; the quadratures were
// checked by Monte Carlo on 10 000 draws each: within 1.2 standard errors).
import { Rng, normalCdf } from "neural-mi";

const LOG_2PI_E = Math.log(2 * Math.PI * Math.E);
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const gMI = (rho) => -0.5 * Math.log(1 - rho * rho);
const h2 = (p) => (p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p));

/** ∫ f over [a, b] by Simpson's rule with m (even) intervals. */
export function simpson(f, a, b, m = 20000) {
  const h = (b - a) / m;
  let s = 0;
  for (let k = 0; k <= m; k++) s += (k === 0 || k === m ? 1 : k % 2 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}
/** Differential entropy of a 1-D density on [a, b]. */
const entropy1 = (p, a, b, m) => simpson((y) => { const v = p(y); return v > 0 ? -v * Math.log(v) : 0; }, a, b, m);

function poissonPmf(lambda, kmax = 80) {
  const p = [Math.exp(-lambda)];
  for (let k = 1; k <= kmax; k++) p.push((p[k - 1] * lambda) / k);
  return p;
}
const discreteEntropy = (p) => p.reduce((s, v) => (v > 0 ? s - v * Math.log(v) : s), 0);
function poisson(rng, lambda) {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  for (;;) {
    p *= rng.uniform();
    if (p <= l) return k;
    k++;
  }
}

function gaussPairs(rng, n, rho) {
  const s = Math.sqrt(1 - rho * rho);
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    x.push([a]);
    y.push([rho * a + s * rng.normal()]);
  }
  return { x, y };
}

const sets = [];
const add = (name, n, truth, draw, note = "") => sets.push({ name, n, truth, note, sample: (seed) => draw(new Rng(1000 + seed), n) });

// sample sizes
add("gauss-rho0.8-n50", 50, gMI(0.8), (r, n) => gaussPairs(r, n, 0.8));
add("gauss-rho0.6-n150", 150, gMI(0.6), (r, n) => gaussPairs(r, n, 0.6));
add("gauss-rho0.7-n5000", 5000, gMI(0.7), (r, n) => gaussPairs(r, n, 0.7));
add("gauss-rho0.05-n200", 200, gMI(0.05), (r, n) => gaussPairs(r, n, 0.05));
add("gauss-rho0.9999", 1000, gMI(0.9999), (r, n) => gaussPairs(r, n, 0.9999));
// unequal dimensions: x scalar observed in 10 noisy copies; 20 coordinates summed into y
add("one-to-ten-noisy-copies", 1000, 0.5 * Math.log(1 + 10 / 9), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = r.normal(); x.push([a]); y.push(Array.from({ length: 10 }, () => a + 3 * r.normal())); }
  return { x, y };
});
add("twenty-to-one-sum", 1000, gMI(0.8), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const v = Array.from({ length: 20 }, () => r.normal());
    x.push(v);
    y.push([(0.8 * v.reduce((a, b) => a + b, 0)) / Math.sqrt(20) + 0.6 * r.normal()]);
  }
  return { x, y };
});
// counts: X ~ Poisson(2), Y = X + Poisson(1), I = H(Poisson(3)) − H(Poisson(1))
add("poisson-sum", 1000, discreteEntropy(poissonPmf(3)) - discreteEntropy(poissonPmf(1)), (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = poisson(r, 2); x.push([a]); y.push([a + poisson(r, 1)]); }
  return { x, y };
});
// binary y, continuous x: P(y = 1 | x) = Φ(1.5x)
const probitMI = Math.log(2) - simpson((u) => phi(u) * h2(normalCdf(1.5 * u)), -10, 10);
const probit = (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = r.normal(); x.push([a]); y.push([r.uniform() < normalCdf(1.5 * a) ? 1 : 0]); }
  return { x, y };
};
add("probit-binary-y", 1000, probitMI, probit);
add("probit-binary-y-swapped", 1000, probitMI, (r, n) => { const { x, y } = probit(r, n); return { x: y, y: x }; });
// six labels 0..5 whose means are not in label order, y | k ~ N(μ_k, 0.6²)
const MU = [2, -1, 0.5, 3, -2, 1];
const labelDensity = (y) => MU.reduce((s, m) => s + phi((y - m) / 0.6) / 0.6, 0) / 6;
const labelMI = entropy1(labelDensity, -8, 9, 40000) - 0.5 * Math.log(2 * Math.PI * Math.E * 0.36);
add("labels-0to5-unordered-means", 1000, labelMI, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const k = r.integer(0, 6); x.push([k]); y.push([MU[k] + 0.6 * r.normal()]); }
  return { x, y };
});
// Student-t ν = 2.5 noise (scale 0.5) on a Gaussian x: I = h(Y) − h(0.5·t)
const NU = 2.5;
const tDensity = (z) => Math.exp(logGammaL((NU + 1) / 2) - logGammaL(NU / 2)) / Math.sqrt(NU * Math.PI) * (1 + (z * z) / NU) ** (-(NU + 1) / 2);
function logGammaL(z) {
  const g = 7, c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGammaL(1 - z);
  z -= 1;
  let a = c[0];
  const t = z + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
const noiseT = (z) => tDensity(z / 0.5) / 0.5;
const yT = (y) => simpson((u) => phi(u) * noiseT(y - u), -9, 9, 720);
// h over a long range with the substitution y = sinh(s) to reach the tails
const hOf = (p, m) => simpson((s) => { const y = Math.sinh(s); const v = p(y); return v > 0 ? -v * Math.log(v) * Math.cosh(s) : 0; }, -12, 12, m);
const tMI = hOf(yT, 6000) - hOf(noiseT, 60000);
add("student-t2.5-noise-channel", 1000, tMI, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    const a = r.normal();
    let chi = 0; // χ²_ν with ν = 2.5 via Gamma(1.25, 2): sum of χ²₂ (= 2 Exp) and χ²_½ (= (N²)·Gamma(¼)…): use gamma sampler
    chi = 2 * gammaSample(r, NU / 2);
    x.push([a]);
    y.push([a + (0.5 * r.normal()) / Math.sqrt(chi / NU)]);
  }
  return { x, y };
});
function gammaSample(r, k) {
  // Marsaglia–Tsang, with the k < 1 boost
  if (k < 1) return gammaSample(r, k + 1) * r.uniform() ** (1 / k);
  const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z, v;
    do { z = r.normal(); v = 1 + c * z; } while (v <= 0);
    v = v * v * v;
    const u = r.uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}
// Pareto α = 1.5 x (infinite variance), y = log x + N(0, 1): I = I(E; E + N), E ~ Exp(1.5)
const expPlusNormal = (y) => simpson((e) => 1.5 * Math.exp(-1.5 * e) * phi(y - e), 0, 30, 6000);
const paretoMI = entropy1(expPlusNormal, -9, 40, 4900) - 0.5 * LOG_2PI_E;
add("pareto1.5-x-log-channel", 1000, paretoMI, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const e = -Math.log(1 - r.uniform()) / 1.5; x.push([Math.exp(e)]); y.push([e + r.normal()]); }
  return { x, y };
});
// bimodal x = ±2 + 0.5·N, y = x + N(0, 1)
const bimodalY = (y) => 0.5 * (phi((y - 2) / Math.sqrt(1.25)) + phi((y + 2) / Math.sqrt(1.25))) / Math.sqrt(1.25);
add("bimodal-x-channel", 1000, entropy1(bimodalY, -12, 12, 24000) - 0.5 * LOG_2PI_E, (r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = (r.uniform() < 0.5 ? -2 : 2) + 0.5 * r.normal(); x.push([a]); y.push([a + r.normal()]); }
  return { x, y };
});
// outliers: with probability 0.005 a row is x = 1e6 (an atom), y an independent N(0, 1): I = 0.995·I_ρ
add("outliers-x-at-1e6", 1000, 0.995 * gMI(0.8), (r, n) => {
  const { x, y } = gaussPairs(r, n, 0.8);
  for (let i = 0; i < n; i++) if (r.uniform() < 0.005) { x[i] = [1e6]; y[i] = [r.normal()]; }
  return { x, y };
});
// outliers in both: (1e6 + N, 1e6 + N) with probability 0.005: I = h₂(0.005) + 0.995·I_ρ
add("outliers-both-at-1e6", 1000, h2(0.005) + 0.995 * gMI(0.8), (r, n) => {
  const { x, y } = gaussPairs(r, n, 0.8);
  for (let i = 0; i < n; i++) if (r.uniform() < 0.005) { x[i] = [1e6 + r.normal()]; y[i] = [1e6 + r.normal()]; }
  return { x, y };
});
// a near-constant column (1 with probability 0.002, independent) beside the informative one; and
// a flag set in exactly one row (the last), which some splits hold out
add("rare-flag-column", 1000, gMI(0.8), (r, n) => {
  const { x, y } = gaussPairs(r, n, 0.8);
  return { x: x.map(([a]) => [a, r.uniform() < 0.002 ? 1 : 0]), y };
});
add("one-row-flag-column", 1000, gMI(0.8), (r, n) => {
  const { x, y } = gaussPairs(r, n, 0.8);
  return { x: x.map(([a], i) => [a, i === n - 1 ? 1 : 0]), y };
});
// an affine copy of x's column
add("affine-copy-column", 1000, gMI(0.8), (r, n) => {
  const { x, y } = gaussPairs(r, n, 0.8);
  return { x: x.map(([a]) => [a, 3 * a - 1]), y };
});
// deterministic: y = x (∞), y = x² (∞), y = sin 3x (∞)
add("y-equals-x", 1000, Infinity, (r, n) => { const x = Array.from({ length: n }, () => [r.normal()]); return { x, y: x.map(([a]) => [a]) }; });
add("y-equals-x-squared", 1000, Infinity, (r, n) => { const x = Array.from({ length: n }, () => [r.normal()]); return { x, y: x.map(([a]) => [a * a]) }; });
add("y-equals-sin3x", 1000, Infinity, (r, n) => { const x = Array.from({ length: n }, () => [r.normal()]); return { x, y: x.map(([a]) => [Math.sin(3 * a)]) }; });
// y = ⌊3x⌋, a discrete function of x: I = H(⌊3X⌋); y = |x| (∞)
const floorEntropy = (() => {
  let h = 0;
  for (let k = -40; k < 40; k++) {
    const p = normalCdf((k + 1) / 3) - normalCdf(k / 3);
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
})();
add("y-equals-floor-3x", 1000, floorEntropy, (r, n) => { const x = Array.from({ length: n }, () => [r.normal()]); return { x, y: x.map(([a]) => [Math.floor(3 * a)]) }; });
add("y-equals-abs-x", 1000, Infinity, (r, n) => { const x = Array.from({ length: n }, () => [r.normal()]); return { x, y: x.map(([a]) => [Math.abs(a)]) }; });
// sorted by x
add("sorted-by-x-rho0.6", 1000, gMI(0.6), (r, n) => {
  const { x, y } = gaussPairs(r, n, 0.6);
  const order = x.map((_, i) => i).sort((a, b) => x[a][0] - x[b][0]);
  return { x: order.map((i) => x[i]), y: order.map((i) => y[i]) };
});
// tiny variance
add("tiny-variance-1e-12", 1000, gMI(0.8), (r, n) => { const { x, y } = gaussPairs(r, n, 0.8); return { x: x.map(([a]) => [1e-12 * a]), y }; });
// 1e8 + 1e-8·z: float64 keeps only a few levels (ulp(1e8) ≈ 1.49e-8): truth of the stored, quantised x
const stored = (z) => 1e8 + 1e-8 * z;
const levelEdges = (() => {
  // z-thresholds where the stored value changes, by bisection between grid points
  const edges = [];
  let prev = stored(-12);
  for (let k = 1; k <= 24000; k++) {
    const z = -12 + k * 0.001;
    const v = stored(z);
    if (v !== prev) {
      let lo = z - 0.001, hi = z;
      for (let it = 0; it < 60; it++) { const mid = (lo + hi) / 2; if (stored(mid) === prev) lo = mid; else hi = mid; }
      edges.push(hi);
      prev = v;
    }
  }
  return edges;
})();
function quantisedMI(rho, edges) {
  const s = Math.sqrt(1 - rho * rho);
  const bounds = [-Infinity, ...edges, Infinity];
  const mass = (a, b) => (a >= 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a));
  const pk = (k, y) => mass((bounds[k] - rho * y) / s, (bounds[k + 1] - rho * y) / s);
  const K = bounds.length - 1;
  const P = Array.from({ length: K }, (_, k) => mass(bounds[k], bounds[k + 1]));
  return simpson((y) => { let t = 0; for (let k = 0; k < K; k++) { const p = pk(k, y); if (p > 0 && P[k] > 0) t += p * Math.log(p / P[k]); } return phi(y) * t; }, -10, 10, 4000);
}
add("offset-1e8-spread-1e-8", 1000, quantisedMI(0.8, levelEdges), (r, n) => { const { x, y } = gaussPairs(r, n, 0.8); return { x: x.map(([a]) => [stored(a)]), y }; }, `${levelEdges.length + 1} stored levels`);
// time series: x and the noise AR(1) with φ = 0.95; per-row MI of the stationary pair
const ar = (r, n, f) => { const v = []; let s = r.normal(); for (let i = 0; i < n; i++) { s = f * s + Math.sqrt(1 - f * f) * r.normal(); v.push(s); } return v; };
add("ar1-0.95-both-rho0.6", 1000, gMI(0.6), (r, n) => {
  const a = ar(r, n, 0.95), u = ar(r, n, 0.95);
  return { x: a.map((v) => [v]), y: a.map((v, i) => [0.6 * v + 0.8 * u[i]]) };
});
add("ar1-0.95-x-only-rho0.6", 1000, gMI(0.6), (r, n) => {
  const a = ar(r, n, 0.95);
  return { x: a.map((v) => [v]), y: a.map((v) => [0.6 * v + 0.8 * r.normal()]) };
});
// duplicates in discrete and mixed data: 200 draws each stored 5 times
const stored5 = (draw) => (r, n) => {
  const { x, y } = draw(r, n / 5);
  return { x: x.flatMap((v) => Array(5).fill(v)), y: y.flatMap((v) => Array(5).fill(v)) };
};
add("poisson-sum-stored-5x", 1000, discreteEntropy(poissonPmf(3)) - discreteEntropy(poissonPmf(1)), stored5((r, n) => {
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = poisson(r, 2); x.push([a]); y.push([a + poisson(r, 1)]); }
  return { x, y };
}));
add("probit-binary-y-stored-5x", 1000, probitMI, stored5(probit));

export const SETS = sets;
// slower series: the rows next in time are near copies
const ar99 = [];
for (const f of [0.99, 0.995]) {
  ar99.push({ name: `ar1-${f}-both-rho0.6`, n: 1000, truth: gMI(0.6), note: "", sample: (seed) => { const r = new Rng(1000 + seed); const a = ar(r, 1000, f), u = ar(r, 1000, f); return { x: a.map((v) => [v]), y: a.map((v, i) => [0.6 * v + 0.8 * u[i]]) }; } });
}
SETS.push(...ar99);
