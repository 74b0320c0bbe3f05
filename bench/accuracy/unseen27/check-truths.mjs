// node bench/accuracy/unseen27/check-truths.mjs: the truths of sets.mjs a second way, on draws of seeds of their own (2790
// on): the linear embeddings' log-determinant against the latent's sufficient statistic (AᵀA)⁻¹Aᵀx = u + noise, in closed
// form and by Monte Carlo through the sets' own maps; the leaky networks' weights and embedding checked invertible and
// injective; Gaussian pairs and the quantised reading by Monte Carlo of log p(y | x)/p(y); the labels and the mixture by
// Monte Carlo on seeds other than their truths'; the disk's angle by Monte Carlo and its quadrature on a finer grid.
import { rng, SETS, EMBEDDINGS, THIN, WIDE_LEAKY, LEAKY, SWEEP, LARGE, randomMatrix, logDet, gaussI, normalDensity, classMeans, classPosteriorLog, drawClass, CLASSES, mixtureMeans, mixtureLogRatio, drawMixture, diskAngleTruth, DISK_NOISE, erfApprox, quantisedLevels, quantisedTruth, QUANTISED } from "./sets.mjs";
import { line, monteCarlo, report, truthOf as truthIn, f4 } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe, plugInEntropy } = monteCarlo(rng);
const N = 200000;
const mc = "Monte Carlo (200 000)";
const transpose = (m) => m[0].map((_, j) => m.map((row) => row[j]));
const product = (a, b) => a.map((row) => b[0].map((_, j) => row.reduce((s, t, k) => s + t * b[k][j], 0)));
/** the inverse of a small matrix (Gauss–Jordan) */
function inverse(m) {
  const n = m.length, a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const p = a.reduce((best, row, i) => (i >= c && Math.abs(row[c]) > Math.abs(a[best][c]) ? i : best), c);
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c]; a[c] = a[c].map((t) => t / d);
    for (let i = 0; i < n; i++) if (i !== c) { const f = a[i][c]; a[i] = a[i].map((t, j) => t - f * a[c][j]); }
  }
  return a.map((row) => row.slice(n));
}
const logGauss = (v, cov) => { const inv = inverse(cov); return -0.5 * (logDet(cov) + v.length * Math.log(2 * Math.PI) + v.reduce((s, t, i) => s + t * inv[i].reduce((q, w, j) => q + w * v[j], 0), 0)); };

for (const e of [...EMBEDDINGS, THIN]) {
  const A = randomMatrix(e.seedA, e.dims, e.k, 1 / Math.sqrt(e.k)), B = randomMatrix(e.seedB, e.dims, e.k, 1 / Math.sqrt(e.k));
  const pa = product(inverse(product(transpose(A), A)), transpose(A)), pb = product(inverse(product(transpose(B), B)), transpose(B));
  const na = inverse(product(transpose(A), A)).map((row) => row.map((t) => t * e.noise ** 2)), nb = inverse(product(transpose(B), B)).map((row) => row.map((t) => t * e.noise ** 2));
  const k = e.k, su = na.map((row, i) => row.map((t, j) => t + (i === j ? 1 : 0))), sv = nb.map((row, i) => row.map((t, j) => t + (i === j ? 1 : 0)));
  const joint = [...su.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? e.rho : 0))]), ...sv.map((row, i) => [...Array.from({ length: k }, (_, j) => (i === j ? e.rho : 0)), ...row])];
  const reduced = 0.5 * (logDet(su) + logDet(sv) - logDet(joint));
  const name = `embedding into ${e.dims}x${e.dims}, noise ${e.noise}`, prefix = e.noise > 1 ? "latent-2-pairs-rho0.8-spread-thin" : `latent-2-pairs-rho0.8-linear-embedding-into-${e.dims}x`;
  line(name, `truth ${f4(truthOf(prefix))}  sufficient statistic's closed form ${f4(reduced)}  (latent ${f4(2 * gaussI(e.rho))})`);
  const times = (m, v) => m.map((row) => row.reduce((a, w, j) => a + w * v[j], 0));
  report(`  ${name}, through the map`, truthOf(prefix), meanSe(50000, 2790 + e.dims + (e.noise > 1 ? 7 : 0), (r) => {
    const u = [], v = [];
    for (let i = 0; i < k; i++) { const a = r.normal(); u.push(a); v.push(e.rho * a + Math.sqrt(1 - e.rho ** 2) * r.normal()); }
    const x = times(A, u).map((t) => t + e.noise * r.normal()), y = times(B, v).map((t) => t + e.noise * r.normal());
    const s = [...times(pa, x), ...times(pb, y)];
    return logGauss(s, joint) - logGauss(s.slice(0, k), su) - logGauss(s.slice(k), sv);
  }), "Monte Carlo (50 000)");
}
{
  for (const [seed, { k, dims }] of [[2760, LEAKY], [2770, LEAKY], [2780, WIDE_LEAKY], [2785, WIDE_LEAKY]]) {
    const E = randomMatrix(seed, dims, k, 1 / Math.sqrt(k)), W1 = randomMatrix(seed + 1, dims, dims, 1 / Math.sqrt(dims)), W2 = randomMatrix(seed + 2, dims, dims, 1 / Math.sqrt(dims));
    const gram = (m) => product(transpose(m), m);
    line(`leaky network ${seed}`, `log det EᵀE ${logDet(gram(E)).toFixed(2)}, log |det W1| ${(0.5 * logDet(gram(W1))).toFixed(2)}, log |det W2| ${(0.5 * logDet(gram(W2))).toFixed(2)} (finite: E injective, W1 and W2 invertible, leaky units of slope ${LEAKY.slope} strictly increasing)`);
  }
  line("  so", `truth ${f4(truthOf("latent-4-pairs"))} = 4 gaussI(0.8) = ${f4(4 * gaussI(0.8))}; ${f4(truthOf("latent-2-pairs-rho0.8-through"))} = 2 gaussI(0.8) = ${f4(2 * gaussI(0.8))}`);
}
const gaussPairs = (pairs, rho) => (r) => { let s = 0; for (let i = 0; i < pairs; i++) { const a = r.normal(), b = rho * a + Math.sqrt(1 - rho * rho) * r.normal(); s += Math.log(normalDensity(b - rho * a, Math.sqrt(1 - rho * rho))) - Math.log(normalDensity(b, 1)); } return s; };
report("sweep, three pairs rho 0.75", truthOf("sweep-three-pairs-rho0.75-3x3-n100"), meanSe(N, 2797, gaussPairs(SWEEP.pairs, SWEEP.rho)), mc);
report("eight pairs rho 0.95", truthOf("large-mi"), meanSe(N, 2798, gaussPairs(LARGE.pairs, LARGE.rho)), mc);
for (const dims of [2, 10]) {
  const means = classMeans(dims);
  report(`labels, ${dims}-d features`, truthOf(`features-${dims}d`), meanSe(N, 2890 + dims, (r) => { const [x, c] = drawClass(r, means); return Math.log(CLASSES) + classPosteriorLog(means, x, c); }), mc);
}
{
  const t = truthOf("uniform-disk"), s = DISK_NOISE;
  const p = (y) => (0.5 * (erfApprox((y + Math.PI) / (s * Math.SQRT2)) - erfApprox((y - Math.PI) / (s * Math.SQRT2)))) / (2 * Math.PI);
  report("disk, its angle + 0.3 noise", t, meanSe(N, 2799, (r) => { const rad = Math.sqrt(r.u()), th0 = Math.PI * (2 * r.u() - 1), th = Math.atan2(rad * Math.sin(th0), rad * Math.cos(th0)), y = th0 + s * r.normal(); return Math.log(normalDensity(y - th, s)) - Math.log(p(y)); }), mc);
  line("  on a grid of 40 000", `${f4(diskAngleTruth(s, 40000))}`);
}
{
  const means = mixtureMeans();
  report("mixture of 12 components", truthOf("mixture-of-12"), meanSe(N, 2896, (r) => { const [x, y] = drawMixture(r, means); return mixtureLogRatio(means, x, y); }), mc);
  report("  on 1 000 000 more draws", truthOf("mixture-of-12"), meanSe(1000000, 2897, (r) => { const [x, y] = drawMixture(r, means); return mixtureLogRatio(means, x, y); }), "Monte Carlo (1 000 000)");
}
{
  const t = truthOf("gauss-x-vs-noisy"), m = 40000, h = 20 / m, marginal = [0, 0, 0];
  for (let i = 0; i < m; i++) { const x = -10 + (i + 0.5) * h; quantisedLevels(x).forEach((q, j) => { marginal[j] += normalDensity(x, 1) * h * q; }); }
  report("quantised to 3 levels", t, meanSe(N, 2800, (r) => { const x = r.normal(), w = x + QUANTISED.noise * r.normal(), y = w < -QUANTISED.threshold ? 0 : w > QUANTISED.threshold ? 2 : 1; return Math.log(quantisedLevels(x)[y]) - Math.log(marginal[y]); }), mc);
  line("  on a grid of 80 000", `${f4(quantisedTruth(80000))}`);
}
