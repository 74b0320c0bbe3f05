// node bench/accuracy/unseen25/check-truths.mjs: the truths of sets.mjs against Monte Carlo on draws of their own (seed 2521
// on): a mean of log p(x, y)/(p(x)p(y)) with its standard error from the exact densities of the base tasks (the bivariate,
// dense and 2-pair normals, the Student-t with identity dispersion, uniform additive noise); the Student-t truths beside
// the library's own correction (studentTCorrection); and, as the other sets are maps of these, each map's injectivity
// (slopes on a grid, round trips of the bisection and of the spiral), which is what keeps MI the base task's.
import { studentTCorrection } from "neural-mi";
import { rng, Phi, SETS, gaussI, BINORMAL_RHO, PAIR_RHO, denseCovariance, studentLogDensity, studentDraw, studentTruth, additiveTruth, wigglyX, wigglyY, halfCube, swissRoll, spiral, invertCdf, bimodalCdfX, bimodalCdfY } from "./sets.mjs";
import { f4, line, monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 200000;
const mc = "Monte Carlo (200 000)";
const pairLogRatio = (a, b, rho) => -0.5 * Math.log(1 - rho * rho) - (a * a - 2 * rho * a * b + b * b) / (2 * (1 - rho * rho)) + (a * a + b * b) / 2;
const pairDraw = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };

report("bivariate normal 0.75", truthOf("bmi-1v1-normal-0.75-n1000"), meanSe(N, 2521, (r) => { const [a, b] = pairDraw(r, BINORMAL_RHO); return pairLogRatio(a, b, BINORMAL_RHO); }), mc);
report("2-pair multinormal (0.8 twice)", truthOf("bmi-multinormal-2pair-2x2"), meanSe(N, 2522, (r) => { let l = 0; for (let k = 0; k < 2; k++) { const [a, b] = pairDraw(r, PAIR_RHO); l += pairLogRatio(a, b, PAIR_RHO); } return l; }), mc);
for (const [d, seed, draws] of [[2, 2523, 1000000], [3, 2524, N], [50, 2525, 20000]]) {
  const S = denseCovariance(d, d), Lxy = cholesky(S), Lx = cholesky(S.slice(0, d).map((row) => row.slice(0, d)));
  report(`dense multinormal ${d} × ${d}`, truthOf(`bmi-multinormal-dense-${d}x${d}`), meanSe(draws, seed, (r) => { const z = Array.from({ length: 2 * d }, () => r.normal()), v = Lxy.map((row) => row.reduce((a, t, k) => a + t * z[k], 0)); return gaussLogDensity(v, Lxy) - gaussLogDensity(v.slice(0, d), Lx) - gaussLogDensity(v.slice(d), Lx); }), draws === N ? mc : `Monte Carlo (${draws.toLocaleString("en").replace(/,/g, " ")})`);
}
for (const [d, nu, seed] of [[1, 1, 2530], [2, 1, 2531], [2, 2, 2532], [3, 2, 2533], [3, 3, 2534], [5, 2, 2535], [5, 3, 2536]]) {
  const name = d === 1 ? "bmi-1v1-student-t-dof1" : `bmi-student-t-${d}x${d}-dof${nu}`;
  const sq = (v) => v.reduce((a, t) => a + t * t, 0);
  report(`Student-t ${d} × ${d}, ν = ${nu}`, truthOf(name), meanSe(N, seed, (r) => { const [x, y] = studentDraw(r, d, d, nu); return studentLogDensity(2 * d, nu, sq(x) + sq(y)) - studentLogDensity(d, nu, sq(x)) - studentLogDensity(d, nu, sq(y)); }), mc);
  line("  the library's studentTCorrection", `${f4(studentTCorrection(nu, d, d))} (sets.mjs ${f4(studentTruth(d, d, nu))})`);
}
for (const [eps, seed] of [[0.1, 2540], [0.75, 2541]]) {
  const py = (y) => (Math.min(1, y + eps) - Math.max(0, y - eps)) / (2 * eps);
  report(`uniform additive noise ε = ${eps}`, additiveTruth(eps), meanSe(N, seed, (r) => { const x = r.u(), y = x + eps * (2 * r.u() - 1); return -Math.log(2 * eps) - Math.log(py(y)); }), mc);
}
{
  // the maps: least slope on a fine grid (positive: strictly increasing, so injective), round trips where the map is inverted
  const leastSlope = (f, lo, hi, m = 200000) => { let s = Infinity; const h = (hi - lo) / m; for (let i = 0; i < m; i++) s = Math.min(s, (f(lo + (i + 1) * h) - f(lo + i * h)) / h); return s; };
  line("wiggly maps", `least slope on [−12, 12]: x ${leastSlope(wigglyX, -12, 12).toFixed(3)}, y ${leastSlope(wigglyY, -12, 12).toFixed(3)}`);
  line("half-cube, Φ, asinh", `least slope on [−5, 5]: ${leastSlope(halfCube, -5, 5).toExponential(1)} (0 only at 0), ${leastSlope(Phi, -5, 5).toExponential(1)}, ${leastSlope(Math.asinh, -5, 5).toExponential(1)}`);
  line("bimodal CDFs", `least slope where the draws fall (x on [−4, 9], y on [−5, 7]): x ${leastSlope(bimodalCdfX, -4, 9).toExponential(1)}, y ${leastSlope(bimodalCdfY, -5, 7).toExponential(1)}`);
  const r = rng(2550);
  let trip = 0, spiralTrip = 0, rollStep = Infinity;
  for (let i = 0; i < 20000; i++) {
    const p = r.u();
    trip = Math.max(trip, Math.abs(bimodalCdfX(invertCdf(bimodalCdfX)(p)) - p), Math.abs(bimodalCdfY(invertCdf(bimodalCdfY)(p)) - p));
    const v = Array.from({ length: 5 }, () => r.normal()), w = spiral(1, 2)(v), th = -w.reduce((a, t) => a + t * t, 0) / 5, back = [...w];
    back[1] = Math.cos(th) * w[1] - Math.sin(th) * w[2];
    back[2] = Math.sin(th) * w[1] + Math.cos(th) * w[2];
    spiralTrip = Math.max(spiralTrip, ...back.map((t, k) => Math.abs(t - v[k])));
  }
  for (let i = 0; i < 2000; i++) { const [a, b] = swissRoll(i / 2000), [c, d] = swissRoll((i + 1) / 2000); rollStep = Math.min(rollStep, Math.hypot(a, b) < Math.hypot(c, d) ? 1 : 0); }
  line("bimodal inverse CDFs", `largest |F(F⁻¹(p)) − p| on 20 000 p: ${trip.toExponential(1)}`);
  line("spiral", `norm kept, so undone by turning back by ‖w‖²/dim: largest round-trip error on 20 000 draws ${spiralTrip.toExponential(1)}`);
  line("Swiss roll", `radius strictly increasing along the roll: ${rollStep === 1 ? "yes" : "NO"} (so injective)`);
}

function cholesky(S) {
  const d = S.length, L = S.map(() => Array(d).fill(0));
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) { let s = S[i][j]; for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k]; L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j]; }
  return L;
}
/** log density of N(0, LLᵀ) at v */
function gaussLogDensity(v, L) {
  const d = v.length, z = [];
  for (let i = 0; i < d; i++) { let s = v[i]; for (let k = 0; k < i; k++) s -= L[i][k] * z[k]; z.push(s / L[i][i]); }
  return -0.5 * z.reduce((a, t) => a + t * t, 0) - L.reduce((a, row, i) => a + Math.log(row[i]), 0) - 0.5 * d * Math.log(2 * Math.PI);
}
