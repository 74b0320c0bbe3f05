// node bench/accuracy/unseen42/check-truths.mjs: the truths of sets.mjs a second way, on draws of seeds of their own
// (4299001 on): Monte Carlo means of log p(x, y)/p(x)p(y) written from the generating model where the truth is a closed
// form or a rule, and the Gaussian formula on the full covariance for the thin latent.
import * as S from "./sets.mjs";
import { report, line, f4, truthOf as truthIn } from "../monte-carlo.mjs";

const { SETS, normalDensity } = S;
const truthOf = (prefix) => truthIn(SETS, prefix);
const mc = (n) => `Monte Carlo (${n})`;
const n = 200000;

// ties: log φ_0.5(y − x)/p(y)
for (const [t, seed] of [[0.1, 4299001], [0.5, 4299002], [0.9, 4299003]]) {
  report(`ties in x, ${t * 100} %`, truthOf(`x-exactly-0-in-${t * 100}pct`), S.mcMean(n, seed, (r) => { const [x, y] = S.tieDraw(t)(r); return Math.log(normalDensity(y - x, S.TIE_NOISE) / S.tieDensityY(t, y)); }), mc(n));
}
// the thin latent: ½(log det Σx + log det Σy − log det Σ) on the full 2d × 2d covariance (1 + σ² on the diagonal, 1 off it)
for (const [d, s] of [[10, 3], [40, 6]]) {
  const Sig = Array.from({ length: 2 * d }, (_, i) => Array.from({ length: 2 * d }, (_, j) => (i === j ? 1 + s * s : 1)));
  line(`thin latent ${d}x${d}`, `truth ${f4(truthOf(`same-latent-plus-noise${s}-in-each-of-${d}x${d}`))}  Gaussian formula on the ${2 * d}x${2 * d} covariance ${f4(S.gaussMI(Sig, d))}`);
}
// the variance: log φ(y/σ)/σ − log p(y), p(y) on a rule in u five times as fine as the truth's
for (const [top, seed] of [[100, 4299004], [3, 4299005]]) {
  report(`variance, σ 1 to ${top}`, truthOf(`y-sigma-of-x-times-noise-sigma-1-to-${top}-`), S.mcMean(40000, seed, (r) => { const [x, y] = S.varianceDraw(top)(r), s = top ** S.Phi(x); return Math.log(normalDensity(y / s) / s / S.varianceDensity(top, y, 2000)); }), mc(40000));
}
// Gumbel: E log c on draws of the Marshall–Olkin sampler, c read back from x and y as stored (p = e^−x)
for (const [th, seed] of [[1.2, 4299006], [3, 4299007]]) {
  report(`Gumbel copula θ = ${th}`, truthOf(`gumbel-extreme-value-copula-theta${th}-`), S.mcMean(n, seed, (r) => { const [x, y] = S.gumbelDraw(th)(r); return S.gumbelLogC(Math.exp(-x), Math.exp(-y), th); }), mc(n));
}
// labels: log φ(x − μ_y)/p(x)
for (const [K, seed] of [[2, 4299008], [10, 4299009], [50, 4299010]]) {
  const mu = S.labelMeans(K);
  report(`label, ${K} classes`, truthOf(`label-${K}-classes`), S.mcMean(n, seed, (r) => { const [x, k] = S.labelDraw(K)(r); return Math.log(normalDensity(x - mu[k]) / S.labelDensityX(K, x)); }), mc(n));
}
// repeated measures: the pair's log ratio on rows of blocks (the rows of a block share x)
for (const [rho, seed, prefix] of [[0.8, 4299011, "blocks-of-10-rows-same-x-own-y-rho0.8"], [0, 4299012, "blocks-of-10-rows-same-x-independent"]]) {
  const { x, y } = S.blockSample(seed, 100000, rho)(0), q = 1 - rho * rho;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.log(normalDensity(y[i] - rho * x[i], Math.sqrt(q)) / normalDensity(y[i]));
  line(`blocks of 10, ρ = ${rho}`, `truth ${f4(truthOf(prefix))}  mean log ratio over 100000 rows in blocks ${f4(s / x.length)}`);
}
