// node bench/accuracy/unseen23/check-truths.mjs: the truths of sets.mjs against Monte Carlo on draws of their own (seed 2321 on):
// a mean of log p(y | x)/p(y) with its standard error where y is continuous (p(y) tabulated as the truths tabulate it, the draws
// taking the actual functions of x), plug-in entropies of many draws where y is a label that is a function of x (I = H(y)).
import { rng, phi, SETS, SIGMA, convolvedDensity, sumOfProductsDensity, chiSquareDensity, medianDensity, distanceDensity, tailOnlyDensity, chiSquareCdfEven } from "./sets.mjs";
import { f4, line, monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe, plugInEntropy } = monteCarlo(rng);

const logN = (v, mu, sd) => Math.log(phi((v - mu) / sd) / sd);
const normals = (r, d) => Array.from({ length: d }, () => r.normal());
const N = 200000;
const noisy = (name, prefix, seed, density, draw, sigma) => report(name, truthOf(prefix), meanSe(N, seed, (r) => { const g = draw(r), y = g + sigma * r.normal(); return logN(y, g, sigma) - Math.log(density.p(y)); }), "Monte Carlo (200 000)");

const sdY = Math.sqrt(1 + SIGMA * SIGMA);
report("selector k of 40", truthOf("selector-column"), meanSe(N, 2321, (r) => { const k = r.int(40), v = normals(r, 40), y = v[k] + SIGMA * r.normal(); return logN(y, v[k], SIGMA) - logN(y, 0, sdY); }), "Monte Carlo (200 000)");
report("sign gate of 5", truthOf("sign-gate"), meanSe(N, 2322, (r) => { let s = 1; for (let k = 0; k < 5; k++) s *= r.u() < 0.5 ? -1 : 1; const g = s * r.normal(), y = g + SIGMA * r.normal(); return logN(y, g, SIGMA) - logN(y, 0, sdY); }), "Monte Carlo (200 000)");
noisy("sum of 10 products", "sum-of-10-pairwise", 2323, sumOfProductsDensity(10, 0.3), (r) => { const v = normals(r, 20); let s = 0; for (let k = 0; k < 20; k += 2) s += v[k] * v[k + 1]; return s; }, 0.3);
noisy("sum of 40 squares", "sum-of-squares-of-40", 2324, convolvedDensity(chiSquareDensity(40), 0, 140, 1), (r) => normals(r, 40).reduce((a, u) => a + u * u, 0), 1);
noisy("median of 21", "median-of-21", 2325, convolvedDensity(medianDensity(10), -2.5, 2.5, 0.05), (r) => normals(r, 21).sort((a, b) => a - b)[10], 0.05);
noisy("distance in 5-D", "distance-between", 2326, convolvedDensity(distanceDensity(5), 0, 10, 0.1), (r) => { const v = normals(r, 10); let s = 0; for (let k = 0; k < 5; k++) s += (v[k] - v[k + 5]) ** 2; return Math.sqrt(s); }, 0.1);
line("parity of 6 signs", `truth ${f4(truthOf("parity-of-signs"))}  plug-in entropy of 1 000 000 draws ${f4(plugInEntropy(1000000, 2327, (r) => normals(r, 6).filter((u) => u < 0).length % 2))}`);
line("sign pattern code 0-63", `truth ${f4(truthOf("sign-pattern"))}  plug-in entropy of 1 000 000 draws ${f4(plugInEntropy(1000000, 2328, (r) => normals(r, 6).reduce((a, u, k) => a + (u > 0 ? 2 ** k : 0), 0)))} (bias about −63/2 000 000)`);
line("rank of column 0 among 20", `truth ${f4(truthOf("rank-of-column-0"))}  plug-in entropy of 1 000 000 draws ${f4(plugInEntropy(1000000, 2329, (r) => { const v = normals(r, 20); return v.filter((u) => u < v[0]).length; }))}`);
{ const F = chiSquareCdfEven(10); line("decile of sum of 10 squares", `truth ${f4(truthOf("decile-of-sum"))}  plug-in entropy of 1 000 000 draws ${f4(plugInEntropy(1000000, 2330, (r) => Math.min(9, Math.floor(10 * F(normals(r, 10).reduce((a, u) => a + u * u, 0))))))}`); }
report("twenty gates", truthOf("twenty-binary-gates"), meanSe(N, 2331, (r) => { let m = 0, g = 0; for (let k = 0; k < 20; k++) { const open = r.u() < 0.5, z = r.normal(); if (open) { m++; g += z; } } const y = g + 0.3 * r.normal(); let p = 0; for (let j = 0; j <= 20; j++) { let lb = 0; for (let i = 1; i <= 20; i++) lb += Math.log(i); for (let i = 1; i <= j; i++) lb -= Math.log(i); for (let i = 1; i <= 20 - j; i++) lb -= Math.log(i); const sd = Math.sqrt(j + 0.09); p += Math.exp(lb - 20 * Math.log(2)) * phi(y / sd) / sd; } return logN(y, g, 0.3) - Math.log(p); }), "Monte Carlo (200 000)");
{ const d = tailOnlyDensity(2, 0.1); report("tail-only dependence", truthOf("dependence-only-where"), meanSe(1000000, 2332, (r) => { const x = r.normal(), e = r.normal(); const y = Math.abs(x) > 2 ? x + 0.1 * e : e; return (Math.abs(x) > 2 ? logN(y, x, 0.1) : logN(y, 0, 1)) - Math.log(d.p(y)); }), "Monte Carlo (1 000 000)"); }
