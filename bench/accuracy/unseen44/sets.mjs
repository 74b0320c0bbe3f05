// The forty-fourth unseen probe's sets: bmi's families the earlier probes list as left. bmi's spiral (x of a dense
// Gaussian, off-diagonal 0.5, turned in its first two coordinates by the angle 0.5·|x|²: invertible, so the MI is the
// Gaussian's) in 3 + 3 and 5 + 5; bmi's dense Student-t at 1–3 degrees of freedom in 2 + 2 and 5 + 5 (closed form);
// "inliers": a share of the rows of independent Gaussian pairs (ρ = 0.75) replaced by independent draws of the same
// marginals (the MI of the mixture by Monte Carlo, log((1 − a)·r + a) with r the pairs' density ratio); 25 + 25 columns
// with two pairs at ρ = 0.8, and 30 columns of x beside 3 of y with three pairs at ρ = 0.7. Each at n = 500 and 5000.
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller); truths built without the library.
import { rng } from "../unseen5/sets.mjs";
import { standardise, gaussI, denseCovariance, gaussianMI, denseDraw, studentTruth } from "../unseen25/sets.mjs";
import { monteCarlo } from "../monte-carlo.mjs";

export { rng };
const rows = (n, draw) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = draw(); x.push(a); y.push(b); } return { x: standardise(x), y: standardise(y) }; };
const probeSet = (name, truth, n, base, draw) => ({ name, truth, sample: (seed) => { const r = rng(base + seed); return rows(n, () => draw(r)); } });

// --- bmi's spiral: angle SPEED·|x|² in the plane of x's first two coordinates
export const SPEED = 0.5;
export const spiralTurn = (v) => { const th = SPEED * v.reduce((a, t) => a + t * t, 0), c = Math.cos(th), s = Math.sin(th), w = [...v]; w[0] = c * v[0] - s * v[1]; w[1] = s * v[0] + c * v[1]; return w; };
const spiralDraw = (d) => (r) => { const [a, b] = denseDraw(r, d, d); return [spiralTurn(a), b]; };
export const denseGaussTruth = (d) => gaussianMI(denseCovariance(d, d), d);

// --- bmi's dense Student-t: Z/√(W/ν), Z the dense Gaussian, W ~ χ²_ν shared by both sides
const chiScale = (r, nu) => { let w = 0; for (let k = 0; k < nu; k++) w += r.normal() ** 2; return Math.sqrt(nu / w); };
const studentDraw = (d, nu) => (r) => { const s = chiScale(r, nu), [a, b] = denseDraw(r, d, d); return [a.map((v) => s * v), b.map((v) => s * v)]; };
export const studentDenseTruth = (d, nu) => gaussianMI(denseCovariance(d, d), d) + studentTruth(d, d, nu);

// --- inliers: with probability a, the row is replaced by independent N(0, 1) draws (the same marginals)
export const INLIER_RHO = 0.75;
const pairs = (r, d, rho) => { const x = Array.from({ length: d }, () => r.normal()); return [x, x.map((v) => rho * v + Math.sqrt(1 - rho * rho) * r.normal())]; };
const noise = (r, d) => [Array.from({ length: d }, () => r.normal()), Array.from({ length: d }, () => r.normal())];
const inlierDraw = (d, a) => (r) => (r.u() < a ? noise(r, d) : pairs(r, d, INLIER_RHO));
/** log of the pairs' joint density over the product of the marginals */
const pairLogRatio = (x, y, rho) => { let s = 0; const q = 1 - rho * rho; for (let i = 0; i < x.length; i++) s += -0.5 * Math.log(q) - (rho * rho * (x[i] ** 2 + y[i] ** 2) - 2 * rho * x[i] * y[i]) / (2 * q); return s; };
/** the mixture's MI: E log((1 − a)·r + a) over its own draws (400 000, seeded apart from the samples) */
export const inlierTruthMc = (d, a, draws = 400000, seed = 4499000) => monteCarlo(rng).meanSe(draws, seed, (r) => { const [x, y] = inlierDraw(d, a)(r); return Math.log((1 - a) * Math.exp(pairLogRatio(x, y, INLIER_RHO)) + a); });
const inlierTruth = (d, a) => () => inlierTruthMc(d, a)[0];

// --- wide: dx + dy columns with the dependence in the first k pairs at ρ
const wideDraw = (dx, dy, k, rho) => (r) => { const x = Array.from({ length: dx }, () => r.normal()); return [x, Array.from({ length: dy }, (_, i) => (i < k ? rho * x[i] + Math.sqrt(1 - rho * rho) * r.normal() : r.normal()))]; };

const family = (n, b) => [
  probeSet(`spiral-3x3-n${n}`, denseGaussTruth(3), n, b + 1000, spiralDraw(3)),
  probeSet(`spiral-5x5-n${n}`, denseGaussTruth(5), n, b + 2000, spiralDraw(5)),
  probeSet(`student-dense-2x2-dof1-n${n}`, studentDenseTruth(2, 1), n, b + 3000, studentDraw(2, 1)),
  probeSet(`student-dense-5x5-dof3-n${n}`, studentDenseTruth(5, 3), n, b + 4000, studentDraw(5, 3)),
  probeSet(`inliers-2x2-a0.5-n${n}`, inlierTruth(2, 0.5), n, b + 5000, inlierDraw(2, 0.5)),
  probeSet(`inliers-5x5-a0.2-n${n}`, inlierTruth(5, 0.2), n, b + 6000, inlierDraw(5, 0.2)),
  probeSet(`wide-25x25-2pairs-n${n}`, 2 * gaussI(0.8), n, b + 7000, wideDraw(25, 25, 2, 0.8)),
  probeSet(`wide-30x3-3pairs-n${n}`, 3 * gaussI(0.7), n, b + 8000, wideDraw(30, 3, 3, 0.7)),
];
export const SETS = [...family(500, 4400000), ...family(5000, 4450000)];
