// node bench/accuracy/unseen40/check-truths.mjs: the truths of sets.mjs a second way, on draws of seeds of their own
// (4099001 on): Monte Carlo means of log p(x, y)/p(x)p(y) written from the generating model where the truth is a sum or a
// rule, and H(label) − E H(label | x) (the posterior's entropy) where the truth is a Monte Carlo mean of the log ratio.
// The energy-beside-phase control's truth 0 is a theorem (a normal pair's radius and angle are independent).
import * as S from "./sets.mjs";
import { report, line, f4, truthOf as truthIn } from "../monte-carlo.mjs";

/** a Monte Carlo truth [t, se_t] beside a second Monte Carlo mean [m, se]: apart by how many standard errors of the difference */
const reportBoth = (name, [t, st], [m, se], what) => line(name, `truth ${f4(t)} ± ${f4(st)}  ${what} ${f4(m)} ± ${f4(se)} (${((m - t) / Math.hypot(st, se)).toFixed(2)} se of the difference)`);

const { SETS, normalDensity } = S;
const truthOf = (prefix) => truthIn(SETS, prefix);
const mc = (n) => `Monte Carlo (${n})`;
const logSumExp = (v) => { const m = Math.max(...v); return m + Math.log(v.reduce((s, t) => s + Math.exp(t - m), 0)); };
{
  // p(n) by a 720-point rule in θ (the truth's sum used 360)
  const logLik = (n, deg) => n.reduce((s, k, j) => { const l = S.tuningRate(deg, j); return s + k * Math.log(l) - l; }, 0);
  const grid = Array.from({ length: 720 }, (_, k) => (k + 0.5) / 2);
  report("spike counts, angle", truthOf("spike-counts"), S.mcMean(100000, 4099001, (r) => { const [deg, n] = S.spikesDraw(r); return logLik(n, deg) - logSumExp(grid.map((g) => logLik(n, g))) + Math.log(720); }), mc(100000));
}
{
  // p(n) by a 720-point rule in θ (the truth's used 360), on draws of a seed of its own
  const grid = Array.from({ length: 720 }, (_, k) => (k + 0.5) / 2);
  reportBoth("30-neuron population, angle", S.populationTruthMc(), S.mcMean(20000, 4099015, (r) => { const [deg, n] = S.populationDraw(r); return S.populationLogLik(n, deg) - S.populationLogMargin(n, grid); }), mc(20000));
}
{
  // the whole 20-sample trace's Gaussian likelihood (not the sufficient statistic), mixed over counts 0..29
  const ker = S.calciumKernel(), P = Array.from({ length: 30 }, (_, k) => Math.exp(k * Math.log(S.CALCIUM.rate) - S.CALCIUM.rate - S.lgamma(k + 1)));
  const ll = (y, k) => { const d = y.map((v, t) => v - k * ker[t]); return -0.5 * S.ar1Form(d, d); };
  report("calcium trace, count", truthOf("calcium"), S.mcMean(200000, 4099002, (r) => { const [k, y] = S.calciumDraw(r); return ll(y, k) - logSumExp(P.map((p, j) => Math.log(p) + ll(y, j))); }), mc(200000));
}
{
  const { joint, margin } = S.genePairTable();
  report("two genes' counts", truthOf("two-genes"), S.mcMean(400000, 4099003, (r) => { const [a, b] = S.genePairDraw(r); return Math.log(joint[a][b] / (margin[a] * margin[b])); }), mc(400000));
}
reportBoth("ten genes, cell type", S.cellTruthMc(), S.mcMean(400000, 4099004, (r) => S.labelEntropyDrop(S.CELL_PRIOR, S.cellLogLik(S.cellDraw(r)[1]))), `H − E H(type | counts), ${mc(400000)}`);
for (const [name, snp, seed] of [["one SNP, trait", S.ONE_SNP, 4099013], ["rare SNP, trait", S.RARE_SNP, 4099014]]) {
  report(name, S.snpTruth(snp), S.mcMean(400000, seed, (r) => { const [g, y] = S.snpDraw(r, snp); return Math.log(normalDensity(y - snp.beta * g) / S.snpTraitDensity(y, snp)); }), mc(400000));
}
{
  // draws from a fresh chain, p(r) from a second independent chain
  const p = S.archDensity(S.archChain(4099005, 40000)), c = S.archChain(4099006, 200001);
  const v = Array.from({ length: 200000 }, (_, i) => Math.log(normalDensity(c[i + 1], Math.sqrt(S.ARCH.omega + S.ARCH.alpha * c[i] * c[i])) / p(c[i + 1])));
  // the standard error by batch means (200 batches of 1000 steps: the chain's draws are correlated)
  const batches = Array.from({ length: 200 }, (_, b) => v.slice(b * 1000, (b + 1) * 1000).reduce((s, t) => s + t, 0) / 1000), m = batches.reduce((s, t) => s + t, 0) / 200;
  const se = Math.sqrt(batches.reduce((s, t) => s + (t - m) ** 2, 0) / 199 / 200);
  report("ARCH(1) returns", truthOf("arch1-returns-in-time-order-x-yesterday-y"), [m, se], `${mc(200000)} along one chain (batch means)`);
  line("", `a second chain's truth: ${f4(S.archTruth(4099007, 40000))}`);
}
{
  // h(T) − E h(T | presences), the posterior on a 800-point rule
  const zs = Array.from({ length: 800 }, (_, i) => -8 + (i + 0.5) * 0.02), hz = 0.5 * Math.log(2 * Math.PI * Math.E);
  reportBoth("20 species, temperature", S.presenceTruthMc(), S.mcMean(30000, 4099008, (r) => { const y = S.presenceDraw(r)[1]; const lp = zs.map((z) => S.presenceLogLik(y, z) + Math.log(normalDensity(z) * 0.02)), Z = logSumExp(lp); return hz + lp.reduce((s, l) => s + Math.exp(l - Z) * (l - Z - Math.log(0.02)), 0); }), `h(T) − E h(T | y), ${mc(30000)}`);
}
report("oscillator energy", truthOf("thermal-oscillator-position"), S.mcMean(400000, 4099009, (r) => { const q = r.normal(), p = r.normal(), e = (q * q + p * p) / 2, y = e + S.ENERGY_NOISE * r.normal(); return Math.log(normalDensity(y - e, S.ENERGY_NOISE) / S.emgDensity(y)); }), mc(400000));
reportBoth("8 × 8 patches, shift", S.patchTruthMc(), S.mcMean(100000, 4099010, (r) => S.labelEntropyDrop(S.PATCH_PRIOR, S.patchLogLik(S.patchDraw(r)[0]))), `H − E H(shift | patches), ${mc(100000)}`);
reportBoth("bag of words, topic", S.topicTruthMc(), S.mcMean(200000, 4099011, (r) => S.labelEntropyDrop(S.TOPIC_PRIOR, S.topicLogLik(S.topicDraw(r)[0]))), `H − E H(topic | counts), ${mc(200000)}`);
reportBoth("Likert answers, age", S.surveyTruthMc(), S.mcMean(25000, 4099012, (r) => S.labelEntropyDrop(S.AGE_PRIOR, S.surveyLogLiks(S.surveyDraw(r)[0]))), `H − E H(age | answers), ${mc(25000)}`);
{
  const { Sxx, Sxy, vy } = S.fusionCov(), all = [...Sxx.map((row, i) => [...row, Sxy[i]]), [...Sxy, vy]];
  line("sensor fusion", `truth ${f4(truthOf("sensor-fusion"))}  by determinants ½ log(det Σxx · var y / det Σ) ${f4(0.5 * (S.logDet(Sxx) + Math.log(vy) - S.logDet(all)))}`);
}
