// node bench/accuracy/unseen36/check-truths.mjs: the truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3699001 on), with the densities written from the generating model
// (the Gumbel copula's density, the rounded shock's cell probabilities, the zero readings' atoms and components, the bivariate t's and Laplace's closed forms, the shared scale's 1-D rule over z, the counts'
// negative-multinomial probabilities, the mixtures' components, the maximum's and the censored reading's densities).
import { SETS, rng, gumbelNormal, tPair, laplace2Pair, laplace2LogJoint, laplace1LogMargin, scaleMixture, SCALE, countsLogs, countsRow, MAX5, maxDensity, CENSOR, Phi, POPULATIONS, SHOCK6, FEW_SHOCKS, roundedShockTables, roundedShockRow, zeroShockParts, zeroShockRow } from "./sets.mjs";
import { gumbelPair, gumbelLogC } from "../unseen14/sets.mjs";
import { lgamma } from "../unseen16/sets.mjs";
import { sharedShock, mixtureJoint, mixturePmi as sharedMixturePmi } from "../unseen35/sets.mjs";
import { monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 400000;
const mc = (n) => `Monte Carlo (${n})`;
for (const th of [2, 1.25]) report(`gumbel theta ${th}`, truthOf(`gumbel-theta${th}-`), meanSe(N, 3699001 + th * 4, (r) => { const [p, q] = gumbelPair(r, th); return gumbelLogC(p, q, th); }), mc(N));
// bivariate t (ν, ρ) against its margins
const tLog2 = (a, b, nu, rho) => lgamma((nu + 2) / 2) - lgamma(nu / 2) - Math.log(nu * Math.PI) - 0.5 * Math.log(1 - rho * rho) - ((nu + 2) / 2) * Math.log1p((a * a - 2 * rho * a * b + b * b) / ((1 - rho * rho) * nu));
const tLog1 = (a, nu) => lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - ((nu + 1) / 2) * Math.log1p((a * a) / nu);
for (const [nu, rho, name] of [[1, 0, "t-copula-nu1-rho0"], [3, 0.5, "t-copula-nu3-rho0.5"]]) report(name, truthOf(name), meanSe(N, 3699010 + nu, (r) => { const [a, b] = tPair(r, nu, rho); return tLog2(a, b, nu, rho) - tLog1(a, nu) - tLog1(b, nu); }), mc(N));
for (const rho of [0, 0.5]) report(`laplace rho ${rho}`, truthOf(`bivariate-laplace-rho${rho}`), meanSe(N, 3699020 + rho * 10, (r) => { const [x, y] = laplace2Pair(r, rho); return laplace2LogJoint(x, y, rho) - laplace1LogMargin(x) - laplace1LogMargin(y); }), mc(N));
// the shared scale: log|x|, log|y| of d-column draws, the 1-D rule's densities (fewer draws: each is a sum over 120 nodes)
for (const d of [1, 3]) {
  const s = scaleMixture({ sigma: SCALE.sigma, d }), n = 100000, lognorm = (v) => 0.5 * Math.log(v.reduce((a, t) => a + t * t, 0));
  report(`shared scale ${d} x ${d}`, truthOf(`shared-scale-lognormal0.7-${d}x${d}`), meanSe(n, 3699030 + d, (r) => { const z = SCALE.sigma * r.normal(), a = Array.from({ length: d }, () => r.normal()), b = Array.from({ length: d }, () => r.normal()); const u = z + lognorm(a), v = z + lognorm(b); return Math.log(s.joint(u, v) / (s.margin(u) * s.margin(v))); }), mc(n));
}
{
  const { logJoint, logMargin } = countsLogs(), sum = (v) => v.reduce((a, t) => a + t, 0);
  report("counts 3 x 3", truthOf("counts-gamma-frailty"), meanSe(N, 3699040, (r) => { const [x, y] = countsRow(r), s = sum(x), t = sum(y); return logJoint(s, t) - logMargin(s) - logMargin(t); }), mc(N));
}
const mixturePmi = (comps, seed, n = N) => sharedMixturePmi(meanSe, comps, seed, n);
report("shock in sixth columns", truthOf("shared-shock-sd10-in-1pct-in-sixth"), mixturePmi(sharedShock(SHOCK6), 3699050), mc(N));
report("few shocks", truthOf("shared-shock-sd20-in-0.4pct"), mixturePmi(sharedShock(FEW_SHOCKS), 3699051), mc(N));
report("dependent fifth", truthOf("dependent-fifth"), mixturePmi(POPULATIONS, 3699052), mc(N));
{
  const n = 20000, hNoise = 0.5 * Math.log(2 * Math.PI * Math.E * MAX5.sigma ** 2);
  report("max of 5", truthOf("max-of-5"), meanSe(n, 3699060, (r) => { const m = Math.max(...Array.from({ length: 5 }, () => r.normal())), e = r.normal(), y = m + MAX5.sigma * e; return -Math.log(maxDensity(y)) - hNoise; }), mc(n));
}
{
  const s = CENSOR.sigma, S = Math.sqrt(1 + s * s);
  report("interval censored", truthOf("interval-censored"), meanSe(N, 3699070, (r) => { const x = r.normal(), ys = x + s * r.normal(), u = r.u(), L = u + Math.floor(ys - u); return Math.log((Phi((L - x + 1) / s) - Phi((L - x) / s)) / (Phi((L + 1) / S) - Phi(L / S))); }), mc(N));
}
{
  const { ks, margin, joint } = roundedShockTables(), R = (ks.length - 1) / 2, n = 40000;
  report("whole numbers, shared shock", truthOf("whole-numbers"), meanSe(n, 3699080, (r) => { const [x, y] = roundedShockRow(r), i = x + R, l = y + R; return Math.log(joint(i, l) / (margin[i] * margin[l])); }), mc(n));
}
{
  const { comps, f, atom, bothAtoms, oneAtom } = zeroShockParts(), j = mixtureJoint(comps);
  const pmi = (x, y) => (x === 0 && y === 0 ? Math.log(bothAtoms / (atom * atom)) : x === 0 ? Math.log(oneAtom(y) / (atom * f(y))) : y === 0 ? Math.log(oneAtom(x) / (atom * f(x))) : Math.log(j(x, y) / (f(x) * f(y))));
  report("readings 0 in 60 %, shared shock", truthOf("readings-0-in-60pct"), meanSe(N, 3699090, (r) => pmi(...zeroShockRow(r))), mc(N));
}
