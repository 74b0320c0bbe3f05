// node bench/accuracy/unseen16/check-truths.mjs: each closed-form truth of sets.mjs against a Monte Carlo mean of
// log p(x, y)/(p(x)p(y)) over 200 000 draws (its standard error beside it). Sets on a transform of one side by an
// injective map share the untransformed family's check (MI is invariant under such maps).
import { rng } from "../unseen5/sets.mjs";
import { cholesky, denseCov, sparseCov, gaussMI, gaussSampler, studentTruth, studentLogDensity, studentSample, uniformNoiseTruth } from "./sets.mjs";

const M = 200000;
function mc(name, truth, draw) {
  let s = 0, s2 = 0;
  for (let i = 0; i < M; i++) { const v = draw(); s += v; s2 += v * v; }
  const mean = s / M, se = Math.sqrt((s2 / M - mean * mean) / M);
  console.log(`${name.padEnd(34)} truth ${truth.toFixed(4)}  Monte Carlo ${mean.toFixed(4)} ± ${se.toFixed(4)}  (${((mean - truth) / se).toFixed(2)} se)`);
}
function gaussLogDensity(L) {
  const logDet = 2 * L.reduce((a, row, i) => a + Math.log(row[i]), 0), d = L.length;
  return (z) => { const w = []; for (let i = 0; i < d; i++) { let s = z[i]; for (let k = 0; k < i; k++) s -= L[i][k] * w[k]; w.push(s / L[i][i]); } return -0.5 * w.reduce((a, v) => a + v * v, 0) - 0.5 * logDet - (d / 2) * Math.log(2 * Math.PI); };
}
function gaussCheck(name, S, dx) {
  const r = rng(9160), draw = gaussSampler(S), sub = (lo, hi) => S.slice(lo, hi).map((row) => row.slice(lo, hi));
  const pj = gaussLogDensity(cholesky(S)), px = gaussLogDensity(cholesky(sub(0, dx))), py = gaussLogDensity(cholesky(sub(dx, S.length)));
  mc(name, gaussMI(S, dx), () => { const z = draw(r); return pj(z) - px(z.slice(0, dx)) - py(z.slice(dx)); });
}
for (const d of [1, 2, 3, 5, 10, 25]) gaussCheck(`mn-dense-${d}x${d}`, denseCov(d, d), d);
for (const d of [3, 5, 10, 25]) gaussCheck(`mn-sparse-${d}x${d}`, sparseCov(d, d), d);
for (const rho of [0.75, 0.8, 0.99, 0.999, 0.05]) gaussCheck(`gauss-rho${rho}`, [[1, rho], [rho, 1]], 1);
for (const [d, nu] of [[1, 1], [2, 2], [3, 3], [5, 5]]) {
  const r = rng(9161);
  mc(`student-identity-${d}x${d}-df${nu}`, studentTruth(d, d, nu), () => { const z = studentSample(r, 2 * d, nu); return studentLogDensity(z, nu) - studentLogDensity(z.slice(0, d), nu) - studentLogDensity(z.slice(d), nu); });
}
for (const e of [0.1, 0.75]) {
  const r = rng(9162);
  // density of Y = X + U(−e, e), X ~ U(0, 1): the length of [y − e, y + e] ∩ [0, 1] over 2e
  const pY = (y) => (Math.min(1, y + e) - Math.max(0, y - e)) / (2 * e);
  mc(`additive-uniform-eps${e}`, e <= 0.5 ? uniformNoiseTruth(e) : 1 / (4 * e), () => { const a = r.u(), y = a + e * (2 * r.u() - 1); return -Math.log(2 * e) - Math.log(pY(y)); });
}
