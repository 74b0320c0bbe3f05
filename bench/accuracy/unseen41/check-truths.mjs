// node bench/accuracy/unseen41/check-truths.mjs: the truths of sets.mjs a second way, on draws of seeds of their own
// (4199001 on): Monte Carlo means of log p(x, y)/p(x)p(y) written from the generating model where the truth is a closed
// form or a rule, and another formula (h(y) − E h(y | x), or a finer rule) where the truth is a Monte Carlo mean.
import * as S from "./sets.mjs";
import { report, line, f4, truthOf as truthIn } from "../monte-carlo.mjs";

/** a Monte Carlo truth [t, se_t] beside a second Monte Carlo mean [m, se]: apart by how many standard errors of the difference */
const reportBoth = (name, [t, st], [m, se], what) => line(name, `truth ${f4(t)} ± ${f4(st)}  ${what} ${f4(m)} ± ${f4(se)} (${((m - t) / Math.hypot(st, se)).toFixed(2)} se of the difference)`);
const { SETS, normalDensity } = S;
const truthOf = (prefix) => truthIn(SETS, prefix);
const mc = (n) => `Monte Carlo (${n})`;
const logSumExp = (v) => { const m = Math.max(...v); return m + Math.log(v.reduce((s, t) => s + Math.exp(t - m), 0)); };

// the bands: log p(y | r)/p(y), p(y | r) = φ_s(y − r) in the band and f(y) outside
const COPY = { a: 0, b: 1 };
for (const [name, band, s, map, prefix, seed] of [
  ["thin band of x", S.BANDS.line, S.BAND_NOISE, COPY, "thin-band-1pct-of-x-from-0.5-y-copies-x-plus-1e-4", 4199001],
  ["thin band of x, noise 1e-6", S.BANDS.line, 1e-6, COPY, "thin-band-1pct-of-x-from-0.5-y-copies-x-plus-1e-6", 4199014],
  ["thin band of x, noise 1e-8", S.BANDS.line, 1e-8, COPY, "thin-band-1pct-of-x-from-0.5-y-copies-x-plus-1e-8", 4199015],
  ["thin band, echo 1 − 2x, 1e-4", S.BANDS.line, 1e-4, S.ECHO, "thin-band-1pct-of-x-from-0.5-y-1-minus-2x-plus-1e-4", 4199016],
  ["thin band, echo 1 − 2x, 1e-6", S.BANDS.line, 1e-6, S.ECHO, "thin-band-1pct-of-x-from-0.5-y-1-minus-2x-plus-1e-6", 4199017],
  ["thin shell of a 2-D x", S.BANDS.shell, S.BAND_NOISE, COPY, "thin-shell", 4199002],
]) {
  const n = 1000000;
  report(name, truthOf(prefix), S.mcMean(n, seed, (r) => { const [v, y] = S.bandDraw(r, band, s, map), inBand = v >= band.b0 && v < band.b1; return Math.log((inBand ? normalDensity(y - map.a - map.b * v, s) : band.base.f(y)) / S.bandDensity(band, y, s, map)); }), mc(n));
}
report("far cluster", truthOf("far-cluster"), S.mcMean(400000, 4199003, (r) => S.farLogRatio(...S.farDraw(r))), mc(400000));
for (const [k, prefix, seed] of [["fine", "fine-wiggle", 4199004], ["medium", "medium-wiggle", 4199005]]) {
  // p(y) on a rule in x twice as fine as the truth's
  const c = S.WIGGLES[k], p = S.wiggleDensity(c, c.s / 40);
  report(`${k} wiggle`, truthOf(prefix), S.mcMean(200000, seed, (r) => { const x = r.normal(), y = x + c.a * Math.sin(c.w * x) + c.s * r.normal(); return Math.log(normalDensity(y - x - c.a * Math.sin(c.w * x), c.s) / p(y)); }), mc(200000));
}
for (const [s, prefix, seed] of [[2e-4, "logistic-4x-of-x-plus-2e-4", 4199006], [1e-5, "logistic-4x-of-x-plus-1e-5", 4199007]]) {
  // read back from y as stored: z = logit(y)/4, the ratio φ_s(z − x)/φ_√(1+s²)(z) (the map's Jacobian cancels)
  report(`logistic, s = ${s}`, truthOf(prefix), S.mcMean(400000, seed, (r) => { const [x, y] = S.logisticDraw(s)(r), z = Math.log(y / (1 - y)) / 4; return Math.log(normalDensity(z - x, s) / normalDensity(z, Math.hypot(1, s))); }), mc(400000));
}
for (const [k, prefix, seed] of [["plusMinus", "pooled-half", 4199008], ["share30", "pooled-30pct", 4199009], ["twoScales", "pooled-70pct", 4199010]]) {
  report(`pooled ${k}`, truthOf(prefix), S.mcMean(400000, seed, (r) => S.poolLogRatio(S.POOLS[k], ...S.poolDraw(S.POOLS[k])(r))), mc(400000));
}
report("spike at 0", truthOf("y-spike"), S.mcMean(400000, 4199011, (r) => { const [x, y] = S.spikeDraw(r); return x < S.SPIKE.at ? -Math.log(S.SPIKE.mass) : Math.log(normalDensity(y - 2) / ((1 - S.SPIKE.mass) * normalDensity(y - 2))); }), mc(400000));
{
  // E log p(y | x)/p(y): p(y | x) = ∫ φ_0.5(y − u) p(x | u) φ(u) du / ∫ p(x | u) φ(u) du on a 1600-point rule, p(y) = N(0, 1.25)
  const grid = S.curveGrid(1600), n = 10000;
  reportBoth("curve in 30 columns", S.curveTruthMc(), S.mcMean(n, 4199012, (r) => { const [x, y] = S.curveDraw(r); return S.curveLogMix(x, grid, (u) => normalDensity(u) * normalDensity(y - u, S.CURVE_Y)) - S.curveLogMix(x, grid, (u) => normalDensity(u)) - Math.log(normalDensity(y, Math.hypot(1, S.CURVE_Y))); }), `E log p(y | x)/p(y), ${mc(n)}`);
}
{
  // h(x) in closed form (x ~ N(0, (1 + s²) I₃)) − h(x | y) = −E log ⅙ Σ_π φ_s(x − πy)
  const s = S.SHUFFLE_NOISE, hx = 1.5 * Math.log(2 * Math.PI * Math.E * (1 + s * s));
  const [m, se] = S.mcMean(400000, 4199013, (r) => { const [x, y] = S.shuffledDraw(r); return -logSumExp(S.ORDERS.map((o) => x.reduce((t, v, i) => t + Math.log(normalDensity(v - y[o[i]], s)), 0))) + Math.log(6); });
  reportBoth("copy in shuffled order", S.shuffledTruthMc(), [hx - m, se], `h(x) − h(x | y), ${mc(400000)}`);
}
