// node bench/accuracy/unseen18/check-truths.mjs: each truth by quadrature or exact sums in sets.mjs against a Monte Carlo mean of
// log p(x, y)/(p(x)p(y)) over draws of the set's own model (its standard error beside it), a plug-in of simulated counts, a long run's variance.
import { rng } from "../unseen5/sets.mjs";
import { heteroTruth, HETERO_F, HETERO_S, sharedRateTruth, ar2Truth, AR2, vmfTruth, SETS } from "./sets.mjs";

const M = 200000;
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
{ // heteroscedastic: p(y) as the mean of p(y | x) over 2000 fresh uniform x
  const r = rng(9180), xs = Array.from({ length: 2000 }, () => -2 + 4 * r.u());
  const py = (y) => xs.reduce((a, x) => a + phi((y - HETERO_F(x)) / HETERO_S(x)) / HETERO_S(x), 0) / xs.length;
  const draws = M / 20; // p(y) costs 2000 terms a draw
  let s = 0, s2 = 0;
  for (let i = 0; i < draws; i++) { const x = -2 + 4 * r.u(), e = r.normal(), y = HETERO_F(x) + HETERO_S(x) * e; const v = Math.log(phi(e) / HETERO_S(x) / py(y)); s += v; s2 += v * v; }
  const mean = s / draws, se = Math.sqrt((s2 / draws - mean * mean) / draws), t = heteroTruth();
  console.log(`${"y-x2-minus-1-heteroscedastic (10 000 draws)".padEnd(44)} truth ${t.toFixed(4)}  Monte Carlo ${mean.toFixed(4)} ± ${se.toFixed(4)}  (${((mean - t) / se).toFixed(2)} se)`);
}
for (const [name, k] of [["sphere-both-sides-von-mises-fisher-kappa10", 10], ["sphere-both-sides-von-mises-fisher-kappa3", 3]]) {
  // log p(y | x)/p(y) = log(κ/sinh κ) + κ·(x·y), y uniform: the mean over the set's own sampler's draws (200 seeds of its rows)
  const set = SETS.find((t) => t.name.startsWith(name));
  let s = 0, s2 = 0, m = 0;
  for (let seed = 100; seed < 300; seed++) { const { x, y } = set.sample(seed); x.forEach((xi, i) => { const v = Math.log(k / Math.sinh(k)) + k * (xi[0] * y[i][0] + xi[1] * y[i][1] + xi[2] * y[i][2]); s += v; s2 += v * v; m++; }); }
  const mean = s / m, se = Math.sqrt((s2 / m - mean * mean) / m), t = vmfTruth(k);
  console.log(`${name.padEnd(44)} truth ${t.toFixed(4)}  Monte Carlo ${mean.toFixed(4)} ± ${se.toFixed(4)}  (${((mean - t) / se).toFixed(2)} se)`);
}
for (const [k, theta] of [[2, 3], [0.5, 4]]) { // shared rate: the plug-in MI of 200 000 simulated count pairs (biased up by about (cells − rows − cols + 1)/2M)
  const r = rng(9181), gammaLarge = (k) => { const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d); for (;;) { let z, v; do { z = r.normal(); v = 1 + c * z; } while (v <= 0); v = v * v * v; if (Math.log(r.u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v; } };
  const poisson = (lam) => { let k = 0, t = -Math.log(r.u()); while (t < lam) { k++; t -= Math.log(r.u()); } return k; };
  const joint = new Map(), px = new Map(), pyc = new Map();
  const gamma = (k) => (k >= 1 ? gammaLarge(k) : gammaLarge(k + 1) * r.u() ** (1 / k));
  for (let i = 0; i < M; i++) { const lam = theta * gamma(k), a = poisson(lam), b = poisson(lam); joint.set(`${a},${b}`, (joint.get(`${a},${b}`) ?? 0) + 1); px.set(a, (px.get(a) ?? 0) + 1); pyc.set(b, (pyc.get(b) ?? 0) + 1); }
  let mi = 0; for (const [key, c] of joint) { const [a, b] = key.split(",").map(Number); mi += (c / M) * Math.log((c * M) / (px.get(a) * pyc.get(b))); }
  const bias = (joint.size - px.size - pyc.size + 1) / (2 * M);
  console.log(`${`poisson-counts-shared-gamma-rate-k${k}-theta${theta}`.padEnd(44)} truth ${sharedRateTruth(k, theta).toFixed(4)}  plug-in of 200 000 draws ${mi.toFixed(4)}, less its bias ${bias.toFixed(4)}: ${(mi - bias).toFixed(4)}`);
}
{ // AR(2): the sample variance of a long run against the closed form behind the truth
  const r = rng(9182); const s = [0, 0]; let sum = 0, sum2 = 0; const T = 2_000_000;
  for (let t = 0; t < T + 1000; t++) { const v = AR2[0] * s[1] + AR2[1] * s[0] + r.normal(); s[0] = s[1]; s[1] = v; if (t >= 1000) { sum += v; sum2 += v * v; } }
  const varS = sum2 / T - (sum / T) ** 2;
  console.log(`${"ar2-lagged-rows".padEnd(44)} truth ${ar2Truth().toFixed(4)}  ½ log of the variance of 2·10⁶ steps ${(0.5 * Math.log(varS)).toFixed(4)}`);
}
