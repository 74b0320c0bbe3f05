// The sixteenth unseen probe's sets: the task list of the bmi benchmark (cbg-ethz/bmi), drawn by the fifth probe's
// own generator (mulberry32, Box–Muller), not the library's Rng. Truths are closed forms (Gaussian log-determinants,
// the multivariate Student-t's, uniform noise's); transforms of one side by an injective map keep the Gaussian's.
// check-truths.mjs checks each against a Monte Carlo mean of log p(x, y)/(p(x)p(y)).
import { rng } from "../unseen5/sets.mjs";

export const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gpair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };

// Cholesky factor (lower) and log-determinant of a symmetric positive definite matrix
export function cholesky(S) {
  const d = S.length, L = S.map(() => Array(d).fill(0));
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) {
    let s = S[i][j]; for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
    L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j];
  }
  return L;
}
export const logDet = (S) => 2 * cholesky(S).reduce((a, row, i) => a + Math.log(row[i]), 0);
const block = (S, lo, hi) => S.slice(lo, hi).map((row) => row.slice(lo, hi));
export const gaussMI = (S, dx) => 0.5 * (logDet(block(S, 0, dx)) + logDet(block(S, dx, S.length)) - logDet(S));
// bmi's dense task: every off-diagonal entry of the joint covariance 0.5
export const denseCov = (dx, dy, c = 0.5) => Array.from({ length: dx + dy }, (_, i) => Array.from({ length: dx + dy }, (_, j) => (i === j ? 1 : c)));
// bmi's sparse task (parametrised_correlation_matrix): 0.1 within each side, 0.8 between x_i and y_i for the first 2 i
export const sparseCov = (dx, dy, k = 2, signal = 0.8, noise = 0.1) => Array.from({ length: dx + dy }, (_, i) => Array.from({ length: dx + dy }, (_, j) => {
  if (i === j) return 1;
  const xi = i < dx, xj = j < dx;
  if (xi === xj) return noise;
  const a = xi ? i : j, b = xi ? j - dx : i - dx;
  return a === b && a < k ? signal : 0;
}));
export const gaussSampler = (S) => { const L = cholesky(S), d = S.length; return (r) => { const z = Array.from({ length: d }, () => r.normal()); return L.map((row) => row.reduce((a, v, k) => a + v * z[k], 0)); }; };
const split = (v, dx) => [v.slice(0, dx), v.slice(dx)];

// log Γ (Lanczos) and ψ (recurrence + asymptotic series)
export function lgamma(z) {
  const g = 7, c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lgamma(1 - z);
  z -= 1; let a = c[0]; const t = z + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
export function digamma(x) { let r = 0; while (x < 6) { r -= 1 / x; x += 1; } const f = 1 / (x * x); return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132)))); }
// multivariate Student-t with identity dispersion, x of dx and y of dy coordinates, ν degrees of freedom:
// I = lgΓ(ν/2) + lgΓ((ν+d)/2) − lgΓ((ν+dx)/2) − lgΓ((ν+dy)/2) + Σ ±(ν+k)/2·ψ((ν+k)/2) (the Gaussian part is 0)
export function studentTruth(dx, dy, nu) {
  const d = dx + dy, h = (k) => ((nu + k) / 2) * digamma((nu + k) / 2);
  return lgamma(nu / 2) + lgamma((nu + d) / 2) - lgamma((nu + dx) / 2) - lgamma((nu + dy) / 2) + h(dx) + h(dy) - h(d) - h(0);
}
export const studentLogDensity = (z, nu) => { const d = z.length, q = z.reduce((a, v) => a + v * v, 0); return lgamma((nu + d) / 2) - lgamma(nu / 2) - (d / 2) * Math.log(nu * Math.PI) - ((nu + d) / 2) * Math.log1p(q / nu); };
export const studentSample = (r, d, nu) => { let w = 0; for (let k = 0; k < nu; k++) w += r.normal() ** 2; const s = Math.sqrt(w / nu); return Array.from({ length: d }, () => r.normal() / s); };
// X ~ U(0, 1), Y = X + U(−ε, ε), ε ≤ ½: h(Y) = ε, h(N) = log 2ε
export const uniformNoiseTruth = (e) => e - Math.log(2 * e);

function erfc(x) { const z = Math.abs(x), t = 1 / (1 + 0.5 * z); const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))); return x >= 0 ? r : 2 - r; }
const Phi = (z) => 0.5 * erfc(-z / Math.SQRT2);
const halfCube = (v) => v.map((t) => Math.sign(t) * Math.abs(t) ** 1.5);
const wiggly = (t) => t + 0.4 * Math.sin(t) + 0.2 * Math.sin(1.7 * t + 1); // derivative ≥ 0.26: injective
// bmi's swiss roll: u in (0, 1) (the normal CDF of a Gaussian coordinate) rolled onto a 2-D spiral curve
const swissRoll = (u) => { const t = 1.5 * Math.PI * (1 + 2 * u); return [(t * Math.cos(t)) / 21, (t * Math.sin(t)) / 21]; };

const mvn = (name, S, dx, n, base, map = (v) => split(v, dx)) => ({ name, truth: gaussMI(S, dx), sample: (seed) => { const r = rng(base + seed), draw = gaussSampler(S); return many(n, () => map(draw(r))); } });
const N = 1000;
export const SETS = [
  ...[1, 2, 3, 5, 10, 25].map((d, i) => mvn(`bmi-mn-dense-${d}x${d}-n${N}`, denseCov(d, d), d, N, 160000 + 100 * i)),
  ...[3, 5, 10, 25].map((d, i) => mvn(`bmi-mn-sparse-${d}x${d}-n${N}`, sparseCov(d, d), d, N, 161000 + 100 * i)),
  ...[[1, 1], [2, 2], [3, 3], [5, 5]].map(([d, nu], i) => ({ name: `bmi-student-identity-${d}x${d}-df${nu}-n${N}`, truth: studentTruth(d, d, nu), sample: (seed) => { const r = rng(162000 + 100 * i + seed); return many(N, () => split(studentSample(r, 2 * d, nu), d)); } })),
  mvn(`bmi-halfcube-mn-dense-2x2-n${N}`, denseCov(2, 2), 2, N, 163000, (v) => split(v, 2).map(halfCube)),
  { name: `bmi-asinh-student-1x1-df1-n${N}`, truth: studentTruth(1, 1, 1), sample: (seed) => { const r = rng(163100 + seed); return many(N, () => split(studentSample(r, 2, 1), 1).map((v) => v.map(Math.asinh))); } },
  mvn(`bmi-normal-cdf-mn-dense-3x3-n${N}`, denseCov(3, 3), 3, N, 163200, (v) => split(v, 3).map((s) => s.map(Phi))),
  mvn(`bmi-wiggly-gauss-1x1-rho0.75-n${N}`, [[1, 0.75], [0.75, 1]], 1, N, 163300, (v) => [[wiggly(v[0])], [wiggly(v[1])]]),
  mvn(`bmi-swissroll-2x1-rho0.8-n${N}`, [[1, 0.8], [0.8, 1]], 1, N, 163400, (v) => [swissRoll(Phi(v[0])), [v[1]]]),
  ...[0.1, 0.75].map((e, i) => ({ name: `bmi-additive-uniform-eps${e}-n${N}`, truth: e <= 0.5 ? uniformNoiseTruth(e) : 1 / (4 * e), sample: (seed) => { const r = rng(164000 + 100 * i + seed); return many(N, () => { const a = r.u(); return [a, a + e * (2 * r.u() - 1)]; }); } })),
  ...[0.99, 0.999].map((rho, i) => ({ name: `bmi-high-gauss-rho${rho}-n${N}`, truth: gaussI(rho), sample: (seed) => { const r = rng(165000 + 100 * i + seed); return many(N, () => gpair(r, rho)); } })),
  { name: `tiny-gauss-rho0.05-n${N}`, truth: gaussI(0.05), sample: (seed) => { const r = rng(166000 + seed); return many(N, () => gpair(r, 0.05)); } },
  ...[100, 300, 10000].map((n, i) => ({ name: `gauss-rho0.75-n${n}`, truth: gaussI(0.75), sample: (seed) => { const r = rng(167000 + 100 * i + seed); return many(n, () => gpair(r, 0.75)); } })),
];
