// node bench/accuracy/unseen37/check-truths.mjs: the truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3799001 on), with the densities written from the generating model
// (the multivariate t's density with its dispersion's inverse and determinant in closed form; the drift's, trend's and
// Zipf mixture's densities), and the concentric mixtures by a 1-D rule over ‖x‖ (I(x; y) = I(x; component), the components
// of y 100 standard deviations apart); the shared trend's joint density also by a 1-D rule over the trend.
import { SETS, rng, Phi, studentDenseDraw, studentSparseDraw, DRIFT, gaussUniformDensity, TREND, trendJoint, ZIPF, ZIPF1000, zipfDensity, zipfLevel, zipfCdf, WIDE, NORM30, norm30Density } from "./sets.mjs";
import { lgamma } from "../unseen16/sets.mjs";
import { concentric, inliers, mixtureTruth, monteCarloMI } from "../unseen20/sets.mjs";
import { PAIR_RHO, DENSE_OFF_DIAGONAL, binormalDraw } from "../unseen25/sets.mjs";
import { normalDensity, quadrature } from "../unseen32/sets.mjs";
import { monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 200000;
const mc = (n) => `Monte Carlo (${n})`;

// the multivariate t: log density of a point whose Mahalanobis square is q, in k dimensions, dispersion determinant e^logDet
const tLog = (k, nu, q, logDet) => lgamma((nu + k) / 2) - lgamma(nu / 2) - (k / 2) * Math.log(nu * Math.PI) - 0.5 * logDet - ((nu + k) / 2) * Math.log1p(q / nu);
// dense dispersion (1 − c)I + c11ᵀ in k dimensions: inverse by Sherman–Morrison, determinant (1 − c)^(k−1)(1 − c + kc)
const denseQ = (v, c = DENSE_OFF_DIAGONAL) => { const s = v.reduce((a, t) => a + t, 0), ss = v.reduce((a, t) => a + t * t, 0); return (ss - (c / (1 - c + v.length * c)) * s * s) / (1 - c); };
const denseLogDet = (k, c = DENSE_OFF_DIAGONAL) => (k - 1) * Math.log(1 - c) + Math.log(1 - c + k * c);
// sparse: pairs (x_i, y_i), i < 2, at ρ, the rest identity
const sparseQ = (x, y, rho = PAIR_RHO) => { let q = 0; x.forEach((a, i) => { if (i < 2) q += (a * a - 2 * rho * a * y[i] + y[i] * y[i]) / (1 - rho * rho); else q += a * a; }); y.forEach((b, i) => { if (i >= 2) q += b * b; }); return q; };
const sq = (v) => v.reduce((a, t) => a + t * t, 0);
for (const [dx, dy, nu] of [[25, 1, 3], [25, 5, 3], [3, 3, 2], [2, 2, 1]]) {
  report(`student dense ${dx}x${dy} nu ${nu}`, truthOf(`bmi-student-dense-${dx}x${dy}-dof${nu}`), meanSe(N, 3799001 + dx + dy, (r) => {
    const [x, y] = studentDenseDraw(r, dx, dy, nu);
    return tLog(dx + dy, nu, denseQ([...x, ...y]), denseLogDet(dx + dy)) - tLog(dx, nu, denseQ(x), denseLogDet(dx)) - tLog(dy, nu, denseQ(y), denseLogDet(dy));
  }), mc(N));
}
for (const [dx, dy, nu] of [[2, 2, 2], [3, 3, 2], [5, 5, 3], [25, 5, 3]]) {
  report(`student sparse ${dx}x${dy} nu ${nu}`, truthOf(`bmi-student-sparse-${dx}x${dy}-dof${nu}`), meanSe(N, 3799101 + dx + dy, (r) => {
    const [x, y] = studentSparseDraw(r, dx, dy, nu);
    return tLog(dx + dy, nu, sparseQ(x, y), 2 * Math.log(1 - PAIR_RHO ** 2)) - tLog(dx, nu, sq(x), 0) - tLog(dy, nu, sq(y), 0);
  }), mc(N));
}
// concentric: the set's 1-D rule over ‖x‖ against bmi's way, a Monte Carlo mean of the mixture's pointwise MI (200 000 draws)
for (const [d, k] of [[3, 10], [25, 5]]) {
  const { mean, se } = mixtureTruth(concentric(d, k));
  report(`concentric ${d}x1 ${k} components`, truthOf(`bmi-concentric-${d}x1-${k}`), [mean, se], mc(200000));
}
// bmi's inliers in 25 × 25: bmi's way, the whole 50-coordinate mixture's pointwise MI, on draws of four seeds
for (const a of [0.2, 0.5]) for (const seed of [2020, 3799801, 3799802, 3799803]) {
  const { mean, se } = monteCarloMI(inliers(a, PAIR_RHO, 25), seed);
  report(`inliers ${a} sparse 25x25, seed ${seed}`, truthOf(`bmi-inliers-${a}-`), [mean, se], mc(200000));
}
// the drift: p(x | b) = density of ρb + √(1 − ρ²)e + D; dropouts carry no information (pmi 0)
{
  const { rho, L, dropout } = DRIFT, s = Math.sqrt(1 - rho * rho), fx = gaussUniformDensity(1, L), fxb = gaussUniformDensity(s, L);
  const draw = (r) => { const [a, b] = binormalDraw(r, rho), D = L * r.u(); return [a + D, b]; };
  report("sensor drift", truthOf("sensor-drift-2sd"), meanSe(N, 3799201, (r) => { const [x, b] = draw(r); return Math.log(fxb(x - rho * b) / fx(x)); }), mc(N));
  report("sensor drift, dropouts as 0", truthOf("sensor-drift-dropouts-3pct-read-as-0"), meanSe(N, 3799202, (r) => { const [x, b] = draw(r); return r.u() < dropout ? 0 : Math.log(fxb(x - rho * b) / fx(x)); }), mc(N));
}
// the shared trend: the closed-form joint against a 1-D rule over the trend at a few points, then Monte Carlo
{
  const { L } = TREND, j = trendJoint(L), f = gaussUniformDensity(1, L);
  const worst = Math.max(...[[0, 0], [1, 2.5], [-2, 4], [5, 3], [3.3, -1]].map(([x, y]) => Math.abs(j(x, y) / (quadrature(0, L, 20000, (d) => normalDensity(x - d) * normalDensity(y - d)) / L) - 1)));
  console.log(`${"trend joint, closed form vs rule".padEnd(34)} largest relative difference at 5 points ${worst.toExponential(1)}`);
  report("shared trend", truthOf("trend-3sd"), meanSe(N, 3799301, (r) => { const D = L * r.u(), x = r.normal() + D, y = r.normal() + D; return Math.log(j(x, y) / (f(x) * f(y))); }), mc(N));
}
// the Zipf levels: log p(x | k)/p(x)
for (const [z, name] of [[ZIPF, "categorical-y-200"], [ZIPF1000, "categorical-y-1000"]]) {
  const cdf = zipfCdf(z), fx = zipfDensity(z), n = z.K > 500 ? 10000 : 50000;
  report(`categorical ${z.K} Zipf levels`, truthOf(name), meanSe(n, 3799401 + z.K, (r) => { const k = zipfLevel(r, cdf), x = k * z.step + z.sd * r.normal(); return Math.log(normalDensity(x - k * z.step, z.sd) / fx(x)); }), mc(n));
}
// the norm of 30 readings: log φ_σ(y − ‖x‖)/p(y), p(y) by the set's 1-D rule
{
  const { d, sigma } = NORM30, fy = norm30Density(), n = 20000;
  report("norm of 30 readings", truthOf("norm-of-30"), meanSe(n, 3799601, (r) => { const x = Array.from({ length: d }, () => r.normal()), m = Math.hypot(...x), y = m + sigma * r.normal(); return Math.log(normalDensity(y - m, sigma) / fy(y)); }), mc(n));
}
// one x, 30 y: x | y ~ N(cΣy/(1 + dc²), 1/(1 + dc²))
{
  const { d, c } = WIDE, g = 1 + d * c * c;
  report("one x beside 30 y", truthOf("one-x-beside-30"), meanSe(N, 3799501, (r) => { const x = r.normal(); let s = 0; for (let j = 0; j < d; j++) s += c * x + r.normal(); return Math.log(normalDensity(x - (c * s) / g, 1 / Math.sqrt(g)) / normalDensity(x)); }), mc(N));
}
console.log(`${"Phi(-8)".padEnd(34)} ${Phi(-8).toExponential(2)} (the concentric components' y overlap: 50 sd apart at the nearest)`);
