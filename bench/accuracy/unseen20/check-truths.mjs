// node bench/accuracy/unseen20/check-truths.mjs: the truths of sets.mjs (Monte Carlo means over 200 000 draws from seed 2020)
// against a second Monte Carlo over 400 000 other draws, against quadratures of a sufficient statistic (2-D or 1-D grids),
// and against closed forms; and the Galaxy and Waves maps of x inverted, to show they are injective (the MI is kept).
import { rng } from "../unseen5/sets.mjs";
import { lgamma } from "../unseen16/sets.mjs";
import { xMixture, AI, GALAXY, WAVES, concentric, inliers, studentPairs, studentPairsTruth, monteCarloMI, mixtureTruth, spiral, waves } from "./sets.mjs";

const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const f4 = (v) => v.toFixed(4);
const phi = (z, m, sd) => Math.exp(-0.5 * ((z - m) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
const line = (name, text) => console.log(`${name.padEnd(44)} ${text}`);

/** ∫∫ p log p/(p_u p_v) on a grid, p(u, v) = Σ_k w_k f_k(u) g_k(v) with f, g 1-D densities (a mixture of products). */
function gridMI(comps, [ulo, uhi], [vlo, vhi], m = 1500) {
  const du = (uhi - ulo) / m, dv = (vhi - vlo) / m;
  const U = Array.from({ length: m }, (_, i) => ulo + (i + 0.5) * du), V = Array.from({ length: m }, (_, j) => vlo + (j + 0.5) * dv);
  const fu = comps.map((c) => U.map(c.f)), gv = comps.map((c) => V.map(c.g));
  const pu = U.map((_, i) => comps.reduce((a, c, k) => a + c.w * fu[k][i], 0)), pv = V.map((_, j) => comps.reduce((a, c, k) => a + c.w * gv[k][j], 0));
  let s = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let p = 0;
    for (let k = 0; k < comps.length; k++) p += comps[k].w * fu[k][i] * gv[k][j];
    if (p > 1e-300) s += p * Math.log(p / (pu[i] * pv[j])) * du * dv;
  }
  return s;
}
/** The same for components that are 2-D Gaussians with correlation: p(u, v) = Σ_k w_k N2(u, v). */
function gridMI2(comps, [ulo, uhi], [vlo, vhi], m = 2000) {
  const du = (uhi - ulo) / m, dv = (vhi - vlo) / m;
  const n2 = ([mu, mv], [a, b, c], u, v) => { const det = a * c - b * b, x = u - mu, y = v - mv; return Math.exp(-0.5 * (c * x * x - 2 * b * x * y + a * y * y) / det) / (2 * Math.PI * Math.sqrt(det)); };
  const U = Array.from({ length: m }, (_, i) => ulo + (i + 0.5) * du), V = Array.from({ length: m }, (_, j) => vlo + (j + 0.5) * dv);
  const w = 1 / comps.length;
  const pu = U.map((u) => comps.reduce((a, [[mu], [va]]) => a + w * phi(u, mu, Math.sqrt(va)), 0)), pv = V.map((v) => comps.reduce((a, [[, mv], [, , vc]]) => a + w * phi(v, mv, Math.sqrt(vc)), 0));
  let s = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    const p = comps.reduce((a, [mean, cov]) => a + w * n2(mean, cov, U[i], V[j]), 0);
    if (p > 1e-300) s += p * Math.log(p / (pu[i] * pv[j])) * du * dv;
  }
  return s;
}
/** Concentric: y names the component (means 1 apart, sd 0.01), so I = I(|x|; k), |x| of a scaled chi with d degrees; 1-D grid. */
function concentricMI(d, m = 200000, hi = 40) {
  const dr = hi / m, logC = (k) => -(d * Math.log(k) + (d / 2 - 1) * Math.log(2) + lgamma(d / 2));
  let s = 0;
  for (let i = 0; i < m; i++) {
    const r = (i + 0.5) * dr, pk = [1, 2, 3].map((k) => Math.exp(logC(k) + (d - 1) * Math.log(r) - (r * r) / (2 * k * k))), p = pk.reduce((a, v) => a + v, 0) / 3;
    for (const q of pk) if (q > 1e-300) s += (q / 3) * Math.log(q / p) * dr;
  }
  return s;
}

const models = [
  ["x-two-gauss-opposite-rho0.9-1x1", xMixture(0.9, 1), () => gridMI2([[[0, 0], [1, 0.9, 1]], [[0, 0], [1, -0.9, 1]]], [-8, 8], [-8, 8]), "2-D grid"],
  ["x-two-gauss-opposite-rho0.9-pairs-3x3", xMixture(0.9, 3)],
  ["ai-letters-six-gauss-1x1", AI, () => gridMI2([[[1, 0], [0.01, 0, 0.2]], [[1, 1], [0.05, 0, 0.001]], [[1, -1], [0.05, 0, 0.001]], [[-0.8, -0.2], [0.03, 0, 0.001]], [[-1.2, 0], [0.04, Math.sqrt(0.008) * 0.95, 0.2]], [[-0.4, 0], [0.04, -Math.sqrt(0.008) * 0.95, 0.2]]], [-3, 3], [-3, 3], 4000), "2-D grid"],
  // Galaxy's x₁ + x₂ is sufficient for the component: I = I((x₁ + x₂)/√2; y), the balls at ±1.5√2 and ±1.5
  ["galaxy-two-balls-distance3-2x1 (before the spiral)", GALAXY, () => gridMI([-1, 1].map((s) => ({ w: 0.5, f: (u) => phi(u, 1.5 * Math.SQRT2 * s, 1), g: (v) => phi(v, 1.5 * s, 1) })), [-10, 10], [-10, 10]), "2-D grid of (x1 + x2)/√2 and y"],
  // Waves' x₂ is independent of the component: I = I(x₁; y)
  ["waves-12-gauss-2x1 (before the sine map)", WAVES, () => gridMI(Array.from({ length: 12 }, (_, k) => ({ w: 1 / 12, f: (u) => phi(u, 1.5 * k, Math.sqrt(0.1)), g: (v) => phi(v, 1.5 * (k % 4), Math.sqrt(0.1)) })), [-3, 20], [-3, 7.5], 2500), "2-D grid of x1 and y"],
  ["concentric-3-gauss-3x1", concentric(3), () => concentricMI(3), "1-D grid of |x|"],
  ["concentric-3-gauss-5x1", concentric(5), () => concentricMI(5), "1-D grid of |x|"],
  ["sparse-2-pairs-rho0.8-5x5 (no inliers)", inliers(0), () => 2 * gaussI(0.8), "closed form 2·(−½ log(1 − 0.64))"],
  ...[0.2, 0.5, 0.8].map((a) => [`inliers-${a}-sparse-2-pairs-5x5`, inliers(a)]),
  ...[[1, 1], [2, 1], [1, 5], [2, 5]].map(([nu, d]) => [`student-t-df${nu}-pairs-rho0.5-${d}x${d}`, studentPairs(nu, d, 0.5), () => studentPairsTruth(nu, d, 0.5), "closed form (Gaussian part + t term)"]),
];
models.forEach(([name, model, check, how], k) => {
  const used = mixtureTruth(model), again = monteCarloMI(model, 9200 + k, 400000);
  const se = Math.hypot(used.se, again.se);
  line(name, `truth used ${f4(used.mean)} ± ${f4(used.se)}  Monte Carlo (400 000 other draws) ${f4(again.mean)} ± ${f4(again.se)} (${((again.mean - used.mean) / se).toFixed(2)} se)`);
  if (check) { const c = check(); line("", `${how}: ${f4(c)} (truth used ${((used.mean - c) / used.se).toFixed(2)} se from it)`); }
});
// the maps of x are injective: each is undone exactly (the spiral keeps |x|, so the angle is known from the image)
{ const r = rng(9300), turn = spiral(0.5); let worstSpiral = 0, worstWaves = 0;
  for (let i = 0; i < 100000; i++) {
    const x = [3 * r.normal(), 3 * r.normal()];
    const [a, b] = turn(x), t = -0.5 * (a * a + b * b), back = [Math.cos(t) * a - Math.sin(t) * b, Math.sin(t) * a + Math.cos(t) * b];
    worstSpiral = Math.max(worstSpiral, Math.abs(back[0] - x[0]), Math.abs(back[1] - x[1]));
    const [u, v] = waves(x), x2 = v / 0.5, x1 = (u + 0.8) / 0.1 - 5 * Math.sin(3 * x2);
    worstWaves = Math.max(worstWaves, Math.abs(x1 - x[0]), Math.abs(x2 - x[1]));
  }
  line("maps of x undone (100 000 points)", `spiral: largest error ${worstSpiral.toExponential(1)}; waves: ${worstWaves.toExponential(1)}`); }
