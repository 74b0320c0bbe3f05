// node bench/accuracy/unseen26/check-truths.mjs: the truths of sets.mjs against Monte Carlo on draws of their own (seed 2631
// on): a mean of log p(y | x)/p(y) with its standard error from the exact densities, the draws made as the sets make one row
// (a serially dependent set's row under its stationary law; the 1e15 offset's rows rounded as float64 rounds them and the
// offset then taken off); the YYYYMMDD coding checked injective and increasing; the spurious pair's sample correlations.
import { rng, SETS, SINE_NOISE, DAY, EPOCH_START, DAYS, yyyymmdd, uniformPhases, sineMixtureDensity, replicatesTruth, normalDensity } from "./sets.mjs";
import { line, monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 200000;
const mc = "Monte Carlo (200 000)";
const logN = (v, sd) => Math.log(normalDensity(v, sd));
/** log p(y | x)/p(y) for y = x + σN, x ~ N(0, s²) */
const gaussCopyLogRatio = (x, y, sigma, s = 1) => logN(y - x, sigma) - logN(y, Math.sqrt(s * s + sigma * sigma));

report("AR(1) row, y = x + 0.5 noise", truthOf("ar1-phi0.99"), meanSe(N, 2631, (r) => { const x = r.normal(); return gaussCopyLogRatio(x, x + 0.5 * r.normal(), 0.5); }), mc);
{
  // two independent AR(1) paths of 1000 rows, φ = 0.995: their sample correlation's spread over 400 pairs
  const r = rng(2632), path = () => { let a = r.normal(); return Array.from({ length: 1000 }, () => (a = 0.995 * a + Math.sqrt(1 - 0.995 ** 2) * r.normal())); };
  const corr = (u, v) => { const mu = u.reduce((a, t) => a + t, 0) / u.length, mv = v.reduce((a, t) => a + t, 0) / v.length; let c = 0, su = 0, sv = 0; for (let i = 0; i < u.length; i++) { c += (u[i] - mu) * (v[i] - mv); su += (u[i] - mu) ** 2; sv += (v[i] - mv) ** 2; } return c / Math.sqrt(su * sv); };
  const rs = Array.from({ length: 400 }, () => corr(path(), path()));
  const sd = Math.sqrt(rs.reduce((a, t) => a + t * t, 0) / rs.length);
  line("two independent AR(1), φ = 0.995", `truth 0 (independent paths)  sample correlation over 400 pairs: mean ${(rs.reduce((a, t) => a + t, 0) / rs.length).toFixed(3)}, sd ${sd.toFixed(3)} (iid rows: 0.032), |r| > 0.3 in ${rs.filter((t) => Math.abs(t) > 0.3).length}`);
}
report("panel row, x = u + 0.5e, y = u + 0.5e'", truthOf("panel-20-subjects-of-50-rows-in-subject"), meanSe(N, 2633, (r) => { const u = r.normal(), x = u + 0.5 * r.normal(), y = u + 0.5 * r.normal(); return logN(y - 0.8 * x, Math.sqrt(1.25 * (1 - 0.64))) - logN(y, Math.sqrt(1.25)); }), mc);
{
  const p = sineMixtureDensity(uniformPhases(2000), SINE_NOISE);
  report("epoch seconds, daily sine", truthOf("epoch-seconds"), meanSe(50000, 2634, (r) => { const t = EPOCH_START + 365 * DAY * r.u(), c = Math.sin((2 * Math.PI * t) / DAY), y = c + SINE_NOISE * r.normal(); return logN(y - c, SINE_NOISE) - Math.log(p(y)); }), "Monte Carlo (50 000)");
}
{
  const codes = Array.from({ length: DAYS }, (_, d) => yyyymmdd(d)), steps = codes.slice(1).map((c, i) => c - codes[i]);
  line("YYYYMMDD coding", `${new Set(codes).size} distinct codes of ${DAYS} days, ${codes[0]} to ${codes.at(-1)}, steps ${Math.min(...steps)} to ${Math.max(...steps)} (${steps.filter((s) => s > 1).length} jumps)`);
  const p = sineMixtureDensity(Array.from({ length: 365 }, (_, k) => (2 * Math.PI * k) / 365), SINE_NOISE);
  report("dates, yearly sine", truthOf("dates-2021"), meanSe(N, 2635, (r) => { const d = r.int(DAYS), c = Math.sin((2 * Math.PI * d) / 365), y = c + SINE_NOISE * r.normal(); return logN(y - c, SINE_NOISE) - Math.log(p(y)); }), mc);
}
report("classifier scores (on w = x + 0.2N)", truthOf("classifier-scores"), meanSe(N, 2636, (r) => { const x = r.normal(); return gaussCopyLogRatio(x, x + 0.2 * r.normal(), 0.2); }), mc);
{
  const r = rng(2637); let near = 0, exact = 0, float32Ones = 0;
  for (let i = 0; i < N; i++) { const y = 1 / (1 + Math.exp(-8 * (r.normal() + 0.2 * r.normal()))); if (y < 1e-8 || 1 - y < 1e-8) near++; if (y === 0 || y === 1) exact++; if (Math.fround(y) === 1) float32Ones++; }
  line("  the scores", `within 1e-8 of 0 or 1: ${(100 * near / N).toFixed(2)} %; exactly 0 or 1: ${exact}; 1 in float32: ${(100 * float32Ones / N).toFixed(2)} %`);
}
report("offset 1e15, as float64 rounds", truthOf("offset-1e15"), meanSe(N, 2638, (r) => { const z = 1000 * r.normal(), x = 1e15 + z - 1e15, y = 1e15 + z + 500 * r.normal() - 1e15; return logN(y - x, 500) - logN(y, Math.sqrt(1000 ** 2 + 500 ** 2)); }), mc);
report("one x against column 117 of 200", truthOf("one-x-vs-200"), meanSe(N, 2639, (r) => { const x = r.normal(), y = 0.8 * x + 0.6 * r.normal(); return logN(y - 0.8 * x, 0.6) - logN(y, 1); }), mc);
report("replicate readings", truthOf("two-replicate"), meanSe(N, 2640, (r) => { const t = r.normal(), x1 = t + 0.5 * r.normal(), x2 = t + 0.5 * r.normal(), y = t + 0.5 * r.normal(), v = 1 / (1 + 2 / 0.25); return logN(y - (v * (x1 + x2)) / 0.25, Math.sqrt(v + 0.25)) - logN(y, Math.sqrt(1.25)); }), mc);
line("  its closed form", `${replicatesTruth(0.5).toFixed(4)}`);
line("row id beside x; y = x", "the id is independent of the iid rows (truth gaussI(0.8)); y = x continuous: infinite");
