// node bench/accuracy/unseen11/check-truths.mjs: each truth that is not an exact count checked by a Monte Carlo
// mean of log p(y|x)/p(y) (or log c for the copula) on draws from the set's own sampler, with its standard error.
import { rng } from "../unseen5/sets.mjs";
import { benfordTruth, poissonGammaTruth, frankTruth, frankSample, frankLogDensity, codeTruth } from "./sets.mjs";

const mc = (M, term) => { let s = 0, s2 = 0; for (let m = 0; m < M; m++) { const t = term(); s += t; s2 += t * t; } const mean = s / M; return { mean, se: Math.sqrt((s2 / M - mean * mean) / M) }; };
const show = (name, truth, { mean, se }) => console.log(`${name.padEnd(34)} truth ${truth.toFixed(4)}  Monte Carlo ${mean.toFixed(4)} ± ${se.toFixed(4)}  (${((mean - truth) / se).toFixed(2)} s.e.)`);
const r = rng(99);

// Benford: the leading digit's frequencies from 10^{4U}
{ const c = new Array(10).fill(0), M = 400000; for (let m = 0; m < M; m++) { const v = 10 ** (4 * r.u()); c[Math.floor(v / 10 ** Math.floor(Math.log10(v)))]++; }
  const h = -c.slice(1).reduce((a, k) => a + (k / M) * Math.log(k / M), 0); console.log(`${"leading digit (plug-in entropy)".padEnd(34)} truth ${benfordTruth.toFixed(4)}  plug-in ${h.toFixed(4)}`); }
// Poisson(3) → Gamma(k + 1, 1)
{ const lam = 3, K = 40; const pk = [Math.exp(-lam)]; for (let k = 1; k < K; k++) pk.push((pk[k - 1] * lam) / k); const lf = [0]; for (let k = 1; k < K; k++) lf.push(lf[k - 1] + Math.log(k));
  const logf = (k, y) => k * Math.log(y) - y - lf[k];
  const pois = () => { const L = Math.exp(-lam); let k = 0, p = 1; do { k++; p *= r.u(); } while (p > L); return k - 1; };
  show("poisson3-x-gamma-y", poissonGammaTruth(3), mc(100000, () => { const k = pois(); let y = 0; for (let i = 0; i <= k; i++) y -= Math.log(r.u()); const p = pk.reduce((a, q, j) => a + q * Math.exp(logf(j, y)), 0); return logf(k, y) - Math.log(p); })); }
// Frank θ = 8: mean log density on the sampler's draws (checks the sampler and the grid together)
show("frank8", frankTruth(8), mc(400000, () => { const [u, v] = frankSample(r, 8); return frankLogDensity(u, v, 8); }));
// binary x, y ~ U(x, x + 2): log p(y|x)/p(y)
show("binary-x-overlapping-uniforms-y", 0.5 * Math.log(2), mc(400000, () => { const a = r.int(2), y = a + 2 * r.u(); const p = ((y < 2 ? 0.5 : 0) + (y > 1 ? 0.5 : 0)) * 0.5; return Math.log(0.5 / p); }));
// torus band: y = (x + 0.2U) mod 1 is uniform, p(y|x) = 5 on its band
show("torus-band-a0.2", -Math.log(0.2), mc(10, () => Math.log(5)));
{ const c = codeTruth(0.1); console.log(`${"label8-x-30-noisy-code-bits-y".padEnd(34)} Monte Carlo ${c.mean.toFixed(4)} ± ${c.se.toFixed(4)} (log 8 = ${Math.log(8).toFixed(4)})`); }
