// node bench/accuracy/unseen19/check-truths.mjs: the truths computed in sets.mjs by quadrature or exact sums against a Monte Carlo
// mean of log p(y | x)/p(y) over draws of the set's model (its standard error beside it) and against closed forms.
import { rng } from "../unseen5/sets.mjs";
import { classMeansTruth, CLASS_MEANS, uniformIntegersTruth, labelChannelI } from "./sets.mjs";

const M = 400000;
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const report = (name, t, draw) => {
  let s = 0, s2 = 0;
  for (let i = 0; i < M; i++) { const v = draw(); s += v; s2 += v * v; }
  const mean = s / M, se = Math.sqrt((s2 / M - mean * mean) / M);
  console.log(`${name.padEnd(40)} truth ${t.toFixed(4)}  Monte Carlo ${mean.toFixed(4)} ± ${se.toFixed(4)}  (${((mean - t) / se).toFixed(2)} se)`);
};
{ const r = rng(9190); const K = CLASS_MEANS.length;
  report("onehot5-x-gauss-y-unordered-class-means", classMeansTruth(), () => { const c = r.int(K), y = CLASS_MEANS[c] + r.normal(); return Math.log(phi(y - CLASS_MEANS[c]) / (CLASS_MEANS.reduce((a, m) => a + phi(y - m), 0) / K)); }); }
{ const r = rng(9191), K = 6, q = 0.6;
  report("onehot6-both-sides-label-copied-0.6", labelChannelI(q, K), () => { const k = r.int(K), l = r.u() < q ? k : r.int(K); return Math.log((l === k ? q + (1 - q) / K : (1 - q) / K) * K); }); }
{ // Y = X + Z, X and Z ~ Exp(1): log p(y | x)/p(y) = −(y − x) − log(y e^(−y)) = x − log y; the truth is Euler's γ
  const r = rng(9192);
  report("exponential-x-plus-exponential-noise", 0.5772156649015329, () => { const x = -Math.log(r.u()), y = x - Math.log(r.u()); return x - Math.log(y); }); }
{ // the exact sums against the continuous trapezoid's log(N/M) + M/(2N)
  const [N, m] = [1e9, 1e8];
  console.log(`${"integers-uniform-below-1e9-plus-noise-1e8".padEnd(40)} truth ${uniformIntegersTruth(N, m).toFixed(6)}  continuous log(N/M) + M/2N ${(Math.log(N / m) + m / (2 * N)).toFixed(6)}`); }
