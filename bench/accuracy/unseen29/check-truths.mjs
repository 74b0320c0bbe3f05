// node bench/accuracy/unseen29/check-truths.mjs: the truths of sets.mjs a second way, on draws of seeds of their own (2998 on):
// the Gaussian sets by log-determinants of their covariance (and the float32 sides by the correlation of 200 000 pairs
// stored at 1e30 and 1e-30 in Float32Arrays), the one-column 5 and 8 nats by Monte Carlo, the shared-rate counts by Monte
// Carlo of log p(x, y)/p(x)p(y) on draws of the probe's own sampler (p from the table), the hurdle by Monte Carlo of
// log p(y | x)/p(y) (p(y) a quadrature over x), the 200 categories and the 5 levels by Monte Carlo of log p(y | x)/p(y).
import {
  rng, SETS, FAN_OUT_NOISE, FAN_IN_WEIGHTS, noiseForNats, sharedRateTable, drawSharedRate, drawHurdle, positiveChance, HURDLE,
  normalDensity, quadrature, zipfProbabilities, drawZipf, ZIPF, FIVE_LEVELS,
} from "./sets.mjs";
import { line, monteCarlo, report, truthOf as truthIn, f4 } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 200000;
const mc = "Monte Carlo (200 000)";

/** log det of a symmetric positive-definite matrix (rows of numbers), by Cholesky */
function logDet(a) {
  const n = a.length, l = a.map((r) => r.map(() => 0));
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let v = a[i][j];
      for (let k = 0; k < j; k++) v -= l[i][k] * l[j][k];
      if (i === j) { l[i][i] = Math.sqrt(v); s += 2 * Math.log(l[i][i]); } else l[i][j] = v / l[j][j];
    }
  }
  return s;
}
/** I(x; y) of a Gaussian vector from its covariance: ½(log det Σxx + log det Σyy − log det Σ), x the first dx coordinates */
const gaussianMI = (cov, dx) => 0.5 * (logDet(cov.slice(0, dx).map((r) => r.slice(0, dx))) + logDet(cov.slice(dx).map((r) => r.slice(dx))) - logDet(cov));
const pairsCov = (rho, pairs) => { const d = 2 * pairs; return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : (i % pairs === j % pairs ? rho : 0)))); };

// float32 at 1e30 and 1e-30: the correlation of 200 000 pairs as stored, read back in float64 units
{
  const r = rng(2998001), x = new Float32Array(N), y = new Float32Array(N);
  for (let i = 0; i < N; i++) { const a = r.normal(); x[i] = 1e30 * a; y[i] = 1e-30 * (0.8 * a + 0.6 * r.normal()); }
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < N; i++) { const a = x[i] / 1e30, b = y[i] / 1e-30; sxy += a * b; sxx += a * a; syy += b * b; }
  const rho = sxy / Math.sqrt(sxx * syy);
  line("float32 at 1e30 and 1e-30", `truth ${f4(truthOf("float32array-x"))}  from the stored pairs' correlation ${f4(-0.5 * Math.log(1 - rho * rho))} (se about 0.003); none stored as 0 or ±Infinity: ${x.every(Number.isFinite) && y.every((v) => v !== 0 && Number.isFinite(v))}`);
}
line("two pairs (crossed, containers, n)", `truths ${f4(truthOf("float32array-rows"))}, ${f4(truthOf("same-data-as-number"))}, ${f4(truthOf("small-n-two-pairs-rho0.9-2x2-n20"))}  log-det ${f4(gaussianMI(pairsCov(0.8, 2), 2))}, ${f4(gaussianMI(pairsCov(0.7, 2), 2))}, ${f4(gaussianMI(pairsCov(0.9, 2), 2))}`);

// 1 against 15 noisy copies, 15 against their weighted sum
const fanOut = [[1, ...FAN_OUT_NOISE.map(() => 1)], ...FAN_OUT_NOISE.map((s, i) => [1, ...FAN_OUT_NOISE.map((t, j) => (i === j ? 1 + s * s : 1))])];
line("one x vs 15 copies", `truth ${f4(truthOf("one-x-vs-15"))}  log-det ${f4(gaussianMI(fanOut, 1))}`);
const w = FAN_IN_WEIGHTS, fanIn = [...w.map((wi, i) => [...w.map((_, j) => (i === j ? 1 : 0)), wi]), [...w, 1 + w.reduce((s, v) => s + v * v, 0)]];
line("15 x vs their weighted sum", `truth ${f4(truthOf("15-x-vs-one-y"))}  log-det ${f4(gaussianMI(fanIn, 15))}`);

// 5 and 8 nats: log N(y; x, σ²) − log N(y; 0, 1 + σ²)
for (const nats of [5, 8]) {
  const s = noiseForNats(nats);
  report(`${nats} nats in one column`, truthOf(`y-x-plus-noise-${nats}-nats`), meanSe(N, 2998002 + nats, (r) => { const x = r.normal(), y = x + s * r.normal(); return Math.log(normalDensity(y - x, s) / normalDensity(y, Math.sqrt(1 + s * s))); }), mc);
}

// counts sharing a log-normal rate: the table's mass, then Monte Carlo on the probe's own sampler
{
  const { p, K } = sharedRateTable(), m = new Float64Array(K + 1);
  let mass = 0;
  for (let a = 0; a <= K; a++) for (let b = 0; b <= K; b++) { m[a] += p[a * (K + 1) + b]; mass += p[a * (K + 1) + b]; }
  const [mean, se] = meanSe(N, 2998010, (r) => { const [a, b] = drawSharedRate(r); return a > K || b > K ? 0 : Math.log(p[a * (K + 1) + b] / (m[a] * m[b])); });
  report("counts sharing a rate", truthOf("poisson-counts"), [mean, se], `${mc} (the table holds ${mass.toFixed(7)} of the mass)`);
}

// the hurdle: p(0 | x) = 1 − σ(2x); for y > 0, p(y | x) = σ(2x)·LN(y; x, 0.5), p(y) by quadrature over x
{
  const q = quadrature(-12, 12, 24000, (x) => normalDensity(x) * positiveChance(x));
  const logNormal = (y, mu) => normalDensity(Math.log(y) - mu, HURDLE.logSd) / y;
  const py = (y) => quadrature(-12, 12, 2400, (x) => normalDensity(x) * positiveChance(x) * logNormal(y, x));
  report("hurdle", truthOf("hurdle"), meanSe(50000, 2998011, (r) => { const [x, y] = drawHurdle(r); return y === 0 ? Math.log((1 - positiveChance(x)) / (1 - q)) : Math.log(positiveChance(x) * logNormal(y, x) / py(y)); }), "Monte Carlo (50 000)");
}

// 200 categories and 5 levels: p(y | x) = keep·[y = x] + (1 − keep)/L against p(y)
{
  const pz = zipfProbabilities(), off = (1 - ZIPF.keep) / ZIPF.levels;
  report("200 Zipf categories", truthOf("zipf-200"), meanSe(N, 2998012, (r) => { const [a, b] = drawZipf(r); return Math.log(((a === b ? ZIPF.keep : 0) + off) / (ZIPF.keep * pz[b] + off)); }), mc);
  const L = FIVE_LEVELS.levels, k = FIVE_LEVELS.keep;
  report("5 levels", truthOf("whole-data-set-given-twice-in-order-5"), meanSe(N, 2998013, (r) => { const a = r.int(L), b = r.u() < k ? a : r.int(L); return Math.log(((a === b ? k : 0) + (1 - k) / L) * L); }), mc);
}
line("the Gaussian given twice", `truth ${f4(truthOf("whole-data-set-given-twice-in-order-gauss"))}  log-det ${f4(gaussianMI(pairsCov(0.8, 1), 1))} (the population's; the doubled rows are 500 draws)`);
