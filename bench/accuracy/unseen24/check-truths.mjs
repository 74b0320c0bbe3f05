// node bench/accuracy/unseen24/check-truths.mjs: the truths of sets.mjs against Monte Carlo on draws of their own (seed 2421
// on): a mean of log p(x, y)/(p(x)p(y)) (or log p(y | x)/p(y)) with its standard error from the exact densities, the
// draws made as the sets make them; plug-in MI of many draws for the erasure channel; for the Lukacs pair (truth 0) the
// correlations of functions of x with functions of y, which independence makes 0.
import { rng, phi, SETS, EULER_GAMMA, gammaLogDensity, betaBinomial, fgmDraw, FGM_THETA, CHANNEL, SPREAD, t2PlusNoiseDensity, trialsDraw, ERASED } from "./sets.mjs";
import { f4, line, monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 200000;
const mc = "Monte Carlo (200 000)";
const logN = (v, mu, sd) => Math.log(phi((v - mu) / sd) / sd);
const exponential = (r) => -Math.log(r.u());

report("sum and difference of exponentials", truthOf("sum-and-difference"), meanSe(N, 2421, (r) => { const a = exponential(r), b = exponential(r), x = a + b, y = a - b; return Math.log(0.5) - x - (Math.log(x) - x) - (Math.log(0.5) - Math.abs(y)); }), mc);
line("  (Euler's constant)", f4(EULER_GAMMA));
report("gamma ½ channel", truthOf("gamma-half"), meanSe(N, 2422, (r) => { const x = r.normal() ** 2 / 2, e = r.normal() ** 2 / 2, y = x + e; return gammaLogDensity(e, 0.5) - gammaLogDensity(y, 1); }), mc);
{
  // independence: correlations of x, log x, x² with y, log y, (y − ½)² on 200 000 draws, each within a few 1/√N of 0
  const r = rng(2423), fx = [(v) => v, Math.log, (v) => v * v], fy = [(v) => v, Math.log, (v) => (v - 0.5) ** 2], rows = [];
  for (let i = 0; i < N; i++) { const a = exponential(r) + exponential(r) + exponential(r), b = exponential(r) + exponential(r) + exponential(r); rows.push([a + b, a / (a + b)]); }
  const corr = (f, g) => { const u = rows.map(([x]) => f(x)), v = rows.map(([, y]) => g(y)), mu = u.reduce((a, t) => a + t, 0) / N, mv = v.reduce((a, t) => a + t, 0) / N; let c = 0, su = 0, sv = 0; for (let i = 0; i < N; i++) { c += (u[i] - mu) * (v[i] - mv); su += (u[i] - mu) ** 2; sv += (v[i] - mv) ** 2; } return c / Math.sqrt(su * sv); };
  const cs = fx.flatMap((f) => fy.map((g) => corr(f, g) * Math.sqrt(N)));
  line("Lukacs sum and share", `truth 0  nine correlations × √N: ${cs.map((c) => c.toFixed(2)).join(" ")}`);
}
{
  const { logJoint, logMarginal } = betaBinomial(20, 2, 2);
  report("beta-binomial pair", truthOf("two-binomial20"), meanSe(N, 2424, (r) => { const p = [r.u(), r.u(), r.u()].sort((a, b) => a - b)[1]; let i = 0, j = 0; for (let k = 0; k < 20; k++) { if (r.u() < p) i++; if (r.u() < p) j++; } return logJoint(i, j) - logMarginal(i) - logMarginal(j); }), mc);
}
{
  const r = rng(2425), M = 1000000, joint = new Map(), px = new Map(), py = new Map(), add = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  for (let i = 0; i < M; i++) { const x = r.int(8), y = r.u() < 0.6 ? x : ERASED; add(joint, `${x},${y}`); add(px, x); add(py, y); }
  let I = 0; for (const [k, c] of joint) { const [x, y] = k.split(",").map(Number); I += (c / M) * Math.log((c * M) / (px.get(x) * py.get(y))); }
  line("erasure channel", `truth ${f4(truthOf("erasure-channel"))}  plug-in MI of 1 000 000 draws ${f4(I)} (bias about +8/2 000 000)`);
}
report("min and max of two uniforms", truthOf("min-and-max"), meanSe(N, 2426, (r) => { const a = r.u(), b = r.u(), x = Math.min(a, b), y = Math.max(a, b); return Math.log(2) - Math.log(2 * (1 - x)) - Math.log(2 * y); }), mc);
report("FGM copula θ = 1", truthOf("fgm-copula"), meanSe(N, 2427, (r) => { const [u, v] = fgmDraw(r, FGM_THETA); return Math.log(1 + FGM_THETA * (1 - 2 * u) * (1 - 2 * v)); }), mc);
{
  // the channel's truth against the Gaussian closed form of the joint covariance the sampler makes (x = Vᵀ D V z, y = Uᵀ S V z + σε)
  const { s, squash, sigma, U, V } = CHANNEL;
  const Mx = V[0].map((_, i) => V[0].map((_, j) => V.reduce((a, row, k) => a + row[i] * squash[k] * row[j], 0)));
  const My = V[0].map((_, i) => V[0].map((_, j) => U.reduce((a, row, k) => a + row[i] * s[k] * V[k][j], 0)));
  // I = ½ log det(Cov y) − ½ log det(Cov(y | x)) = ½ log det(σ²I + My Myᵀ) − ½ log det(σ²I), x an invertible map of z
  const G = My.map((row, i) => My.map((row2, j) => row.reduce((a, t, k) => a + t * row2[k], 0) + (i === j ? sigma * sigma : 0)));
  const det = (A) => { const m = A.map((row) => [...row]); let d = 1; for (let i = 0; i < m.length; i++) { d *= m[i][i]; for (let j = i + 1; j < m.length; j++) { const f = m[j][i] / m[i][i]; for (let k = i; k < m.length; k++) m[j][k] -= f * m[i][k]; } } return d; };
  const detMx = det(Mx);
  line("ill-conditioned linear channel", `truth ${f4(truthOf("x-cov-condition"))}  log-determinants of the sampler's matrices ${f4(0.5 * Math.log(det(G)) - 4 * Math.log(sigma))}; det of x's map ${detMx.toExponential(2)} (1e-5 expected)`);
  report("  its Monte Carlo", truthOf("x-cov-condition"), meanSe(N, 2428, (r) => { const z = Array.from({ length: 4 }, () => r.normal()), e = Array.from({ length: 4 }, () => sigma * r.normal()); const y = My.map((row, i) => row.reduce((a, t, k) => a + t * z[k], 0) + e[i]); let lc = 0; for (let i = 0; i < 4; i++) lc += logN(e[i], 0, sigma); return lc - gaussLogDensity(y, G); }), mc);
}
report("three near-copies through sinh", truthOf("three-near-copies"), meanSe(N, 2429, (r) => { let l = 0; for (let k = 0; k < 3; k++) { const x = r.normal(), w = x + 0.03 * r.normal(); l += logN(w, x, 0.03) - logN(w, 0, Math.sqrt(1 + 0.0009)); } return l; }), mc);
{ const p = t2PlusNoiseDensity(0.1); report("Student-t ν = 2 plus 0.1 noise", truthOf("student-t-nu2"), meanSe(N, 2430, (r) => { const x = r.normal() / Math.sqrt(-Math.log(r.u())), y = x + 0.1 * r.normal(); return logN(y, x, 0.1) - Math.log(p(y)); }), mc); }
{
  const { B } = SPREAD, G = B.map((b, i) => B.map((c, j) => b[0] * c[0] + b[1] * c[1] + (i === j ? 1 : 0)));
  report("two columns read by twenty", truthOf("two-columns-read"), meanSe(20000, 2431, (r) => { const x = [r.normal(), r.normal()], e = B.map(() => r.normal()), y = B.map((b, k) => b[0] * x[0] + b[1] * x[1] + e[k]); return e.reduce((a, t) => a + logN(t, 0, 1), 0) - gaussLogDensity(y, G); }), "Monte Carlo (20 000, units divided out)");
}
report("trials to a first success", truthOf("trials-to-first"), meanSe(N, 2432, (r) => { const [x, y] = trialsDraw(r); return Math.log(x) + (y - 1) * Math.log1p(-x) + Math.log(y * (y + 1)); }), mc);
report("wiggly invertible map", truthOf("y-through-wiggly"), meanSe(N, 2433, (r) => { const x = r.normal(), w = x + 0.3 * r.normal(); return logN(w, x, 0.3) - logN(w, 0, Math.sqrt(1.09)); }), mc);

/** log density of N(0, G) at y (Cholesky) */
function gaussLogDensity(y, G) {
  const d = y.length, L = G.map(() => Array(d).fill(0));
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) { let s = G[i][j]; for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k]; L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j]; }
  const z = []; for (let i = 0; i < d; i++) { let s = y[i]; for (let k = 0; k < i; k++) s -= L[i][k] * z[k]; z.push(s / L[i][i]); }
  return -0.5 * z.reduce((a, t) => a + t * t, 0) - L.reduce((a, row, i) => a + Math.log(row[i]), 0) - 0.5 * d * Math.log(2 * Math.PI);
}
