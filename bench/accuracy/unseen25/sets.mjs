// The twenty-fifth unseen probe's sets: bmi's own benchmark (cbg-ethz/bmi, "Beyond normal": src/bmi/benchmark/task_list.py,
// the 40 tasks of workflows/benchmark/v1/config.py), every task our lib/src/tasks does not already have at the same
// parameters (34 of the 40), with bmi's parameters: the bivariate normal at 0.75 and its normal-CDF (uniform) version,
// uniform additive noise at ε = 0.1 and 0.75, the bimodal and wiggly maps, the Swiss roll, dense (0.5) and 2-pair (0.8)
// multinormals, Student-t with identity dispersion, and the normal-CDF, half-cube, spiral, spiral∘normal-CDF and asinh
// transforms. Each draw is standardised column by column as bmi's benchmark does (transform_rescale). Drawn by the fifth
// probe's generator (mulberry32 and Box–Muller), not the library's Rng. Every truth is exact, as bmi computes it: a
// Gaussian log-determinant, the additive-noise closed form, the Student-t correction of Arellano-Valle et al., and the
// invariance of MI under the injective maps (check-truths.mjs checks each against Monte Carlo and the maps' injectivity).
import { rng, probit } from "../unseen5/sets.mjs";
import { Phi } from "../unseen21/sets.mjs";
import { lgamma, digamma, logDet } from "../unseen16/sets.mjs";

export { rng, Phi, lgamma };
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };

/** every column scaled to mean 0 and standard deviation 1 on the draw itself (bmi's transform_rescale, sklearn's scale) */
export function standardise(rows) {
  const d = rows[0].length, n = rows.length;
  const mean = Array.from({ length: d }, (_, k) => rows.reduce((a, r) => a + r[k], 0) / n);
  const sd = mean.map((m, k) => Math.sqrt(rows.reduce((a, r) => a + (r[k] - m) ** 2, 0) / n) || 1);
  return rows.map((r) => r.map((v, k) => (v - mean[k]) / sd[k]));
}
const rescaled = ({ x, y }) => ({ x: standardise(x), y: standardise(y) });

export const gaussI = (rho) => -0.5 * Math.log(1 - rho * rho);
export const BINORMAL_RHO = 0.75;
export const PAIR_RHO = 0.8; // bmi's 2-pair: X_i = 2Z_i + E_i, Y_i = 2Z_i + F_i for i < 2: correlation 4/5
export const DENSE_OFF_DIAGONAL = 0.5;

/** the dense multinormal's covariance: 1 on the diagonal, 0.5 elsewhere, (dx + dy) square */
export const denseCovariance = (dx, dy, c = DENSE_OFF_DIAGONAL) => Array.from({ length: dx + dy }, (_, i) => Array.from({ length: dx + dy }, (_, j) => (i === j ? 1 : c)));
export const gaussianMI = (S, dx) => 0.5 * (logDet(S.slice(0, dx).map((r) => r.slice(0, dx))) + logDet(S.slice(dx).map((r) => r.slice(dx))) - logDet(S));
export const denseTruth = (d) => gaussianMI(denseCovariance(d, d), d);
export const twoPairTruth = () => 2 * gaussI(PAIR_RHO);

/** a draw of the dense multinormal: every coordinate √c·U + √(1 − c)·E_i with one shared U */
export const denseDraw = (r, dx, dy, c = DENSE_OFF_DIAGONAL) => { const u = Math.sqrt(c) * r.normal(), v = Array.from({ length: dx + dy }, () => u + Math.sqrt(1 - c) * r.normal()); return [v.slice(0, dx), v.slice(dx)]; };
/** a draw of the 2-pair multinormal: (X_i, Y_i) correlated 0.8 for i < 2, every other coordinate independent */
export const twoPairDraw = (r, d) => { const x = Array.from({ length: d }, () => r.normal()), y = x.map((v, i) => (i < 2 ? PAIR_RHO * v + Math.sqrt(1 - PAIR_RHO ** 2) * r.normal() : r.normal())); return [x, y]; };
export const binormalDraw = (r, rho = BINORMAL_RHO) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };

/** differential entropy of the standard k-dimensional Student-t with ν degrees of freedom (identity dispersion) */
export const studentEntropy = (k, nu) => lgamma(nu / 2) - lgamma((nu + k) / 2) + (k / 2) * Math.log(nu * Math.PI) + ((nu + k) / 2) * (digamma((nu + k) / 2) - digamma(nu / 2));
/** I(X; Y) of the Student-t with identity dispersion: the Gaussian part is 0, the correction h(X) + h(Y) − h(X, Y) remains */
export const studentTruth = (dx, dy, nu) => studentEntropy(dx, nu) + studentEntropy(dy, nu) - studentEntropy(dx + dy, nu);
/** log density of the standard k-dimensional Student-t at a point of squared norm q */
export const studentLogDensity = (k, nu, q) => lgamma((nu + k) / 2) - lgamma(nu / 2) - (k / 2) * Math.log(nu * Math.PI) - ((nu + k) / 2) * Math.log1p(q / nu);
/** X, Y = Z/√(W/ν), W ~ χ²_ν shared by all coordinates */
export const studentDraw = (r, dx, dy, nu) => { let w = 0; for (let k = 0; k < nu; k++) w += r.normal() ** 2; const s = Math.sqrt(nu / w), v = Array.from({ length: dx + dy }, () => s * r.normal()); return [v.slice(0, dx), v.slice(dx)]; };

/** Y = X + N, X ~ U(0, 1), N ~ U(−ε, ε): 1/(4ε) for ε > ½, ε − log 2ε otherwise (bmi's AdditiveUniformSampler) */
export const additiveTruth = (eps) => (eps > 0.5 ? 0.25 / eps : eps - Math.log(2 * eps));

// the maps bmi's transforms apply; each is injective, so MI is the base task's
export const halfCube = (v) => v * Math.sqrt(Math.abs(v));
export const wigglyX = (v) => v + 0.4 * Math.sin(v) + 0.2 * Math.sin(1.7 * v + 1) + 0.03 * Math.sin(3.3 * v - 2.5);
export const wigglyY = (v) => v - 0.4 * Math.sin(0.4 * v) + 0.17 * Math.sin(1.3 * v + 3.5) + 0.02 * Math.sin(4.3 * v - 2.5);
/** the Swiss roll of u ∈ (0, 1): t = 1.5π(1 + 2u), (t cos t, t sin t)/21 (the radius t grows, so the map is injective) */
export const swissRoll = (u) => { const t = 1.5 * Math.PI * (1 + 2 * u); return [(t * Math.cos(t)) / 21, (t * Math.sin(t)) / 21]; };
/** bmi's spiral: v ↦ exp(θA)v, A the rotation generator of the plane (i, j), θ = ‖v‖²/dim (speed 1, normalised) */
export const spiral = (i, j) => (v) => { const th = v.reduce((a, t) => a + t * t, 0) / v.length, c = Math.cos(th), s = Math.sin(th), w = [...v]; w[i] = c * v[i] - s * v[j]; w[j] = s * v[i] + c * v[j]; return w; };
const spiralX = spiral(0, 1), spiralY = spiral(1, 2);
/** the inverse of a continuous CDF F, by bisection on [−40, 40] to 1e-12 (bmi's invert_cdf) */
export const invertCdf = (F) => (p) => { let lo = -40, hi = 40; while (hi - lo > 1e-12) { const m = 0.5 * (lo + hi); if (F(m) < p) lo = m; else hi = m; } return 0.5 * (lo + hi); };
export const bimodalCdfX = (v) => 0.3 * Phi(v) + 0.7 * Phi(v - 5);
export const bimodalCdfY = (v) => 0.5 * Phi(v + 1) + 0.5 * Phi(v - 3);
export const bimodalX = invertCdf(bimodalCdfX), bimodalY = invertCdf(bimodalCdfY);

const map = (f) => (v) => v.map(f);
const ident = (v) => v;
/** a set: name, truth, draw of one (x, y) row from the generator, maps on x and y, bmi's task id beside ours */
const set = (name, bmiId, truth, draw, fx = ident, fy = ident, seedBase, n = 1000) => ({
  name: `${name}-n${n}`,
  bmiId,
  truth,
  sample: (seed) => { const r = rng(seedBase + (n === 1000 ? 0 : 500) + seed); return rescaled(many(n, () => { const [a, b] = draw(r); return [fx(Array.isArray(a) ? a : [a]), fy(Array.isArray(b) ? b : [b])]; })); },
});
const I75 = gaussI(BINORMAL_RHO);
const binormal = (r) => binormalDraw(r);
const uniform = map(Phi);

const oneDim = (n) => [
  set("bmi-1v1-normal-0.75", "1v1-normal-0.75", I75, binormal, ident, ident, 2501000, n),
  set("bmi-1v1-uniform-normal-cdf-0.75", "normal_cdf-1v1-normal-0.75", I75, binormal, uniform, uniform, 2502000, n),
  set("bmi-1v1-additive-uniform-noise-0.1", "1v1-additive-0.1", additiveTruth(0.1), (r) => { const x = r.u(); return [x, x + 0.1 * (2 * r.u() - 1)]; }, ident, ident, 2503000, n),
  set("bmi-1v1-additive-uniform-noise-0.75", "1v1-additive-0.75", additiveTruth(0.75), (r) => { const x = r.u(); return [x, x + 0.75 * (2 * r.u() - 1)]; }, ident, ident, 2504000, n),
  set("bmi-1v1-bimodal-0.75", "1v1-bimodal-0.75", I75, binormal, map((v) => bimodalX(Phi(v))), map((v) => bimodalY(Phi(v))), 2505000, n),
  set("bmi-1v1-wiggly-0.75", "wiggly-1v1-normal-0.75", I75, binormal, map(wigglyX), map(wigglyY), 2506000, n),
  set("bmi-1v1-student-t-dof1", "student-identity-1-1-1", studentTruth(1, 1, 1), (r) => studentDraw(r, 1, 1, 1), ident, ident, 2507000, n),
  set("bmi-swiss-roll-2x1", "swissroll_x-normal_cdf-1v1-normal-0.75", I75, binormal, (v) => swissRoll(Phi(v[0])), uniform, 2508000, n),
];

/** every set at sample size n (the probe's own at 1000; the thirtieth probe's at bmi's 5000) */
export const setsAt = (n) => [
  ...oneDim(n),
  set("bmi-multinormal-dense-2x2", "multinormal-dense-2-2-0.5", denseTruth(2), (r) => denseDraw(r, 2, 2), ident, ident, 2509000, n),
  set("bmi-multinormal-dense-3x3", "multinormal-dense-3-3-0.5", denseTruth(3), (r) => denseDraw(r, 3, 3), ident, ident, 2510000, n),
  set("bmi-multinormal-dense-50x50", "multinormal-dense-50-50-0.5", denseTruth(50), (r) => denseDraw(r, 50, 50), ident, ident, 2511000, n),
  set("bmi-multinormal-2pair-2x2", "multinormal-sparse-2-2-2-2.0", twoPairTruth(), (r) => twoPairDraw(r, 2), ident, ident, 2512000, n),
  set("bmi-multinormal-2pair-3x3", "multinormal-sparse-3-3-2-2.0", twoPairTruth(), (r) => twoPairDraw(r, 3), ident, ident, 2513000, n),
  ...[[2, 1], [2, 2], [3, 2], [3, 3], [5, 2], [5, 3]].map(([d, nu], k) => set(`bmi-student-t-${d}x${d}-dof${nu}`, `student-identity-${d}-${d}-${nu}`, studentTruth(d, d, nu), (r) => studentDraw(r, d, d, nu), ident, ident, 2514000 + 1000 * k, n)),
  ...[3, 5, 25].flatMap((d, k) => [
    set(`bmi-normal-cdf-2pair-${d}x${d}`, `normal_cdf-multinormal-sparse-${d}-${d}-2-2.0`, twoPairTruth(), (r) => twoPairDraw(r, d), uniform, uniform, 2520000 + 10000 * k, n),
    set(`bmi-half-cube-2pair-${d}x${d}`, `half_cube-multinormal-sparse-${d}-${d}-2-2.0`, twoPairTruth(), (r) => twoPairDraw(r, d), map(halfCube), map(halfCube), 2521000 + 10000 * k, n),
    set(`bmi-spiral-2pair-${d}x${d}`, `spiral-multinormal-sparse-${d}-${d}-2-2.0`, twoPairTruth(), (r) => twoPairDraw(r, d), spiralX, spiralY, 2522000 + 10000 * k, n),
    set(`bmi-spiral-normal-cdf-2pair-${d}x${d}`, `spiral-normal_cdf-multinormal-sparse-${d}-${d}-2-2.0`, twoPairTruth(), (r) => twoPairDraw(r, d), (v) => spiralX(uniform(v)), (v) => spiralY(uniform(v)), 2523000 + 10000 * k, n),
  ]),
  ...[[2, 1], [3, 2], [5, 2]].map(([d, nu], k) => set(`bmi-asinh-student-t-${d}x${d}-dof${nu}`, `asinh-student-identity-${d}-${d}-${nu}`, studentTruth(d, d, nu), (r) => studentDraw(r, d, d, nu), map(Math.asinh), map(Math.asinh), 2560000 + 1000 * k, n)),
];

export const SETS = [
  ...setsAt(1000),
  // a few cheap ones again at bmi's own sample size, n = 5000
  ...oneDim(5000).filter((s) => /1v1-normal-0.75|additive-uniform-noise-0.75|wiggly|student-t-dof1/.test(s.name)),
];
