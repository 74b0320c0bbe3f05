// The twentieth unseen probe's sets: the "fine distributions" of Czyż et al. 2023 (The Mixtures and the Neural Critics, bmi's
// mixtures paper), redefined here from the paper's descriptions, drawn by the fifth probe's generator (mulberry32 and Box–Muller),
// not the library's Rng. A mixture's density is known, so its MI is E[log p(x, y)/(p(x) p(y))], a Monte Carlo mean over 200 000
// draws with its standard error (check-truths.mjs repeats it with other draws and checks it against quadratures and closed forms).
// Galaxy and Waves map x by an injective transform of the mixture's x; the MI is the mixture's, computed before the map.
import { rng } from "../unseen5/sets.mjs";
import { studentTruth, lgamma } from "../unseen16/sets.mjs";

const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const LOG2PI = Math.log(2 * Math.PI);
/** log N(v; m, variance) of one coordinate */
const logN = (v, m, variance) => -0.5 * (LOG2PI + Math.log(variance) + (v - m) ** 2 / variance);
/** log of a 2-D Gaussian density, covariance [[a, b], [b, c]] */
const logN2 = (u, v, [mu, mv], [a, b, c]) => { const det = a * c - b * b, du = u - mu, dv = v - mv; return -LOG2PI - 0.5 * Math.log(det) - 0.5 * (c * du * du - 2 * b * du * dv + a * dv * dv) / det; };
/** log Σ w_k e^(l_k), stably */
const logMix = (weights, logs) => { const m = Math.max(...logs); return m + Math.log(weights.reduce((s, w, k) => s + w * Math.exp(logs[k] - m), 0)); };
const pick = (r, weights) => { let u = r.u(); for (let k = 0; k < weights.length; k++) { u -= weights[k]; if (u < 0) return k; } return weights.length - 1; };
const pair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };

/**
 * A mixture: `draw(r)` gives [x, y] (arrays) of the mixture, `pmi(x, y)` its log p(x, y)/(p(x) p(y)).
 * @typedef {{ draw: (r: ReturnType<typeof rng>) => [number[], number[]], pmi: (x: number[], y: number[]) => number }} Mixture
 */

/** X: ½ N(0, pairs +ρ) + ½ N(0, pairs −ρ), d + d coordinates, pair i = (x_i, y_i); the margins are standard normal either way. */
export const xMixture = (rho, d) => ({
  draw: (r) => { const sign = r.u() < 0.5 ? 1 : -1, x = [], y = []; for (let i = 0; i < d; i++) { const [a, b] = pair(r, sign * rho); x.push(a); y.push(b); } return [x, y]; },
  pmi: (x, y) => {
    const joint = (s) => x.reduce((acc, xi, i) => acc + logN2(xi, y[i], [0, 0], [1, s * rho, 1]), 0);
    return logMix([0.5, 0.5], [joint(1), joint(-1)]) - x.reduce((a, v) => a + logN(v, 0, 1), 0) - y.reduce((a, v) => a + logN(v, 0, 1), 0);
  },
});

/** A mixture of 2-D Gaussians (1 + 1), each [mean, [var x, cov, var y]], equal weights. */
const gauss2Mixture = (components) => {
  const w = components.map(() => 1 / components.length);
  return {
    draw: (r) => { const [[mx, my], [a, b, c]] = components[pick(r, w)], u = r.normal(), v = r.normal(), sx = Math.sqrt(a), k = b / sx; return [[mx + sx * u], [my + k * u + Math.sqrt(c - k * k) * v]]; },
    pmi: ([u], [v]) => logMix(w, components.map(([m, s]) => logN2(u, v, m, s))) - logMix(w, components.map(([[mx], [a]]) => logN(u, mx, a))) - logMix(w, components.map(([[, my], [, , c]]) => logN(v, my, c))),
  };
};
// AI: the letters, "I" as a bar and two serifs at x = 1, "A" as two slanted legs and a bar at x ≈ −0.8 (six components)
const sAI = Math.sqrt(0.04 * 0.2) * 0.95;
export const AI = gauss2Mixture([
  [[1, 0], [0.01, 0, 0.2]], [[1, 1], [0.05, 0, 0.001]], [[1, -1], [0.05, 0, 0.001]],
  [[-0.8, -0.2], [0.03, 0, 0.001]], [[-1.2, 0], [0.04, sAI, 0.2]], [[-0.4, 0], [0.04, -sAI, 0.2]],
]);

/** Independent-coordinate Gaussian components (x of dx, y of dy): [mean x, var x, mean y, var y] each, equal weights. */
const diagMixture = (components) => {
  const w = components.map(() => 1 / components.length);
  const lx = (x, [mx, vx]) => x.reduce((a, v, i) => a + logN(v, mx[i], vx[i]), 0), ly = (y, [, , my, vy]) => y.reduce((a, v, i) => a + logN(v, my[i], vy[i]), 0);
  return {
    draw: (r) => { const [mx, vx, my, vy] = components[pick(r, w)]; return [mx.map((m, i) => m + Math.sqrt(vx[i]) * r.normal()), my.map((m, i) => m + Math.sqrt(vy[i]) * r.normal())]; },
    pmi: (x, y) => logMix(w, components.map((c) => lx(x, c) + ly(y, c))) - logMix(w, components.map((c) => lx(x, c))) - logMix(w, components.map((c) => ly(y, c))),
  };
};
// Galaxy: two unit balls in (x₁, x₂, y) at ±1.5·(1, 1, 1); x then turned by the angle speed·|x|² (a spiral)
export const GALAXY = diagMixture([-1, 1].map((s) => [[1.5 * s, 1.5 * s], [1, 1], [1.5 * s], [1]]));
export const spiral = (speed) => ([a, b]) => { const t = speed * (a * a + b * b), c = Math.cos(t), s = Math.sin(t); return [c * a - s * b, s * a + c * b]; };
// Waves: 12 components k, x₁ ~ N(1.5k, 0.1), x₂ ~ N(0, 1), y ~ N(1.5·(k mod 4), 0.1); x₁ then shifted by 5 sin(3 x₂) and both rescaled
export const WAVES = diagMixture(Array.from({ length: 12 }, (_, k) => [[1.5 * k, 0], [0.1, 1], [1.5 * (k % 4)], [0.1]]));
export const waves = ([a, b]) => [0.1 * (a + 5 * Math.sin(3 * b)) - 0.8, 0.5 * b];
// Concentric: component i = 1, 2, 3 (or 1 to k) has x ~ N(0, i² I) (same mean, scaled covariance) and y ~ N(i, 10⁻⁴)
export const concentric = (d, k = 3) => diagMixture(Array.from({ length: k }, (_, j) => j + 1).map((i) => [Array(d).fill(0), Array(d).fill(i * i), [i], [1e-4]]));

/** Inliers: with probability α a row of the product of the margins (x and y drawn apart), else the sparse Gaussian:
 * 5 + 5 coordinates, pairs (x₁, y₁) and (x₂, y₂) with ρ, the rest independent nuisance. p(x, y) = (1 − α) g(x, y) + α p(x) p(y). */
export const inliers = (alpha, rho = 0.8, d = 5, pairs = 2) => ({
  draw: (r) => {
    const x = Array.from({ length: d }, () => r.normal()), y = Array.from({ length: d }, () => r.normal());
    if (r.u() >= alpha) for (let i = 0; i < pairs; i++) y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * y[i];
    return [x, y];
  },
  pmi: (x, y) => {
    let g = 0;
    for (let i = 0; i < pairs; i++) g += logN2(x[i], y[i], [0, 0], [1, rho, 1]) - logN(x[i], 0, 1) - logN(y[i], 0, 1);
    return alpha === 0 ? g : logMix([1 - alpha, alpha], [g, 0]);
  },
});

/** Student-t, d + d coordinates, ν degrees of freedom, dispersion with pairs (x_i, y_i) at ρ: the Gaussian's MI plus the
 * identity-dispersion correction (the MI of a t is the Gaussian part of its dispersion plus a term of ν, dx, dy alone). */
export const studentPairsTruth = (nu, d, rho) => d * gaussI(rho) + studentTruth(d, d, nu);
export const studentPairs = (nu, d, rho) => ({
  draw: (r) => { let w = 0; for (let k = 0; k < nu; k++) w += r.normal() ** 2; const s = Math.sqrt(w / nu), x = [], y = []; for (let i = 0; i < d; i++) { const [a, b] = pair(r, rho); x.push(a / s); y.push(b / s); } return [x, y]; },
  pmi: (x, y) => {
    const logT = (q, p, logDet) => lgamma((nu + p) / 2) - lgamma(nu / 2) - (p / 2) * Math.log(nu * Math.PI) - 0.5 * logDet - ((nu + p) / 2) * Math.log1p(q / nu);
    const q = x.reduce((a, xi, i) => a + (xi * xi - 2 * rho * xi * y[i] + y[i] * y[i]) / (1 - rho * rho), 0);
    return logT(q, 2 * d, d * Math.log(1 - rho * rho)) - logT(x.reduce((a, v) => a + v * v, 0), d, 0) - logT(y.reduce((a, v) => a + v * v, 0), d, 0);
  },
});

/** Monte Carlo of E[pmi] over m draws of `model` from seed: mean and standard error. */
export function monteCarloMI(model, seed, m = 200000) {
  const r = rng(seed);
  let s = 0, s2 = 0;
  for (let i = 0; i < m; i++) { const [x, y] = model.draw(r); const v = model.pmi(x, y); s += v; s2 += v * v; }
  const mean = s / m;
  return { mean, se: Math.sqrt((s2 / m - mean * mean) / m) };
}

/** The Monte Carlo truth of a model, one per model (draws from seed 2020), whatever the set's n. */
const truths = new WeakMap();
export const mixtureTruth = (model) => { if (!truths.has(model)) truths.set(model, monteCarloMI(model, 2020)); return truths.get(model); };

/** A set: n rows of `model` drawn from seed base + seed, x mapped by `mapX`; the truth a Monte Carlo mean, or a closed form. */
const set = (name, model, n, base, { truth, mapX = (x) => x } = {}) => ({
  name, model, truth: truth ?? (() => mixtureTruth(model).mean),
  sample: (seed) => { const r = rng(base + seed); return many(n, () => { const [x, y] = model.draw(r); return [mapX(x), y]; }); },
});
const NS = [1000, 5000];
const X1 = xMixture(0.9, 1), X3 = xMixture(0.9, 3), C3 = concentric(3), C5 = concentric(5), INLIERS = [0.2, 0.5, 0.8].map((a) => inliers(a));
export const SETS = [
  ...NS.map((n, i) => set(`x-two-gauss-opposite-rho0.9-1x1-n${n}`, X1, n, 2001000 + 100000 * i)),
  ...NS.map((n, i) => set(`x-two-gauss-opposite-rho0.9-pairs-3x3-n${n}`, X3, n, 2002000 + 100000 * i)),
  ...NS.map((n, i) => set(`ai-letters-six-gauss-1x1-n${n}`, AI, n, 2003000 + 100000 * i)),
  ...NS.map((n, i) => set(`galaxy-spiral0.5-of-two-balls-distance3-2x1-n${n}`, GALAXY, n, 2004000 + 100000 * i, { mapX: spiral(0.5) })),
  ...[...NS, 10000].map((n, i) => set(`waves-12-gauss-sine-amp5-freq3-2x1-n${n}`, WAVES, n, 2005000 + 100000 * i, { mapX: waves })),
  ...[...NS, 10000].map((n, i) => set(`concentric-3-gauss-sd1-2-3-y-label-sd0.01-3x1-n${n}`, C3, n, 2006000 + 100000 * i)),
  ...NS.map((n, i) => set(`concentric-3-gauss-sd1-2-3-y-label-sd0.01-5x1-n${n}`, C5, n, 2007000 + 100000 * i)),
  ...NS.map((n, i) => set(`sparse-2-pairs-rho0.8-3-nuisance-5x5-n${n}`, inliers(0), n, 2008000 + 100000 * i, { truth: 2 * gaussI(0.8) })),
  ...[0.2, 0.5, 0.8].flatMap((a, j) => NS.map((n, i) => set(`inliers-${a}-of-rows-independent-sparse-2-pairs-rho0.8-5x5-n${n}`, INLIERS[j], n, 2009000 + 100 * j + 100000 * i))),
  ...[[1, 1], [2, 1], [1, 5], [2, 5]].flatMap(([nu, d], j) => NS.map((n, i) => set(`student-t-df${nu}-dispersion-pairs-rho0.5-${d}x${d}-n${n}`, studentPairs(nu, d, 0.5), n, 2010000 + 100 * j + 100000 * i, { truth: studentPairsTruth(nu, d, 0.5) }))),
];
