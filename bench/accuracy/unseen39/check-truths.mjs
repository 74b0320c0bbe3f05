// node bench/accuracy/unseen39/check-truths.mjs: the truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3999001 on), with the densities written from the generating model
// (the controls' truth 0 is a theorem each: Basu's, the exponential's lack of memory, the race of exponential clocks).
import * as S from "./sets.mjs";
import { monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const { SETS, rng, normalDensity } = S;
const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 400000;
const mc = (n) => `Monte Carlo (${n})`;
const a = S.DIRICHLET_A;
report("Dirichlet(0.3) shares", truthOf("dirichlet-0.3"), meanSe(N, 3999001, (r) => { const p = S.dirichletDraw(r, [a, a, a]); return S.dirichletLogDensity([a, a, a], p) - S.dirichletLogDensity([a, 2 * a], [p[0], 1 - p[0]]) - S.dirichletLogDensity([a, 2 * a], [p[1], 1 - p[1]]); }), mc(N));
report("composition vs multinomial", truthOf("composition-uniform"), meanSe(N, 3999002, (r) => { const p = S.dirichletDraw(r, [1, 1, 1]); return S.multinomialLogP(S.multinomialDraw(r, p), p) + Math.log(66); }), mc(N));
{
  // the pointwise MI of z and w = z + e (y is w through an invertible map)
  const { sd, noise } = S.SOFTMAX, v = sd * sd + noise * noise;
  report("softmax composition", truthOf("softmax"), meanSe(N, 3999003, (r) => [0, 1].reduce((s) => { const z = sd * r.normal(), w = z + noise * r.normal(); return s + Math.log(normalDensity(w - z, noise) / normalDensity(w, Math.sqrt(v))); }, 0)), mc(N));
}
report("Brownian max and end", truthOf("brownian"), meanSe(N, 3999004, (r) => S.brownianLogRatio(...S.brownianDraw(r))), mc(N));
report("perimeter of the square", truthOf("point-on-the-perimeter-of-the-unit-square-x-y-its-coordinates-n1000"), meanSe(N, 3999005, (r) => { const [x, y] = S.perimeterDraw(r); const atom = (v) => v === 0 || v === 1; return atom(x) !== atom(y) ? Math.log(2) : NaN; }), mc(N));
report("1/(x + 0.5e)", truthOf("reciprocal"), meanSe(N, 3999006, (r) => { const x = r.normal(), w = x + S.RECIPROCAL_NOISE * r.normal(); return Math.log(normalDensity(w - x, S.RECIPROCAL_NOISE) / normalDensity(w, Math.sqrt(1 + S.RECIPROCAL_NOISE ** 2))); }), mc(N));
report("Joe copula", truthOf("joe"), meanSe(N, 3999007, (r) => S.joeLogDensity(...S.joeDraw(r))), mc(N));
report("Ali-Mikhail-Haq copula", truthOf("ali-mikhail-haq"), meanSe(N, 3999008, (r) => Math.log(S.amhDensity(...S.amhDraw(r)))), mc(N));
{
  const d = S.polygenicDensity(S.polygenicComponents());
  report("polygenic score", truthOf("polygenic"), meanSe(N, 3999009, (r) => { const g = S.SNP.p.map((q) => S.genotypeDraw(r, q)), e = r.normal(), y = g.reduce((s, v, j) => s + S.SNP.beta[j] * v, 0) + e; return Math.log(normalDensity(e) / d(y)); }), mc(N));
}
report("allele frequency, genotype", truthOf("allele"), meanSe(N, 3999010, (r) => { const p = Math.sin((Math.PI * r.u()) / 2) ** 2, g = S.genotypeDraw(r, p); return Math.log(S.genotypeProbs(p)[g] / S.GENOTYPE_MARGIN[g]); }), mc(N));
report("first passage", truthOf("drift"), meanSe(N / 4, 3999011, (r) => { const nu = S.DRIFT[0] + (S.DRIFT[1] - S.DRIFT[0]) * r.u(), s = Math.log(S.inverseGaussianDraw(r, 1 / nu)); return S.passageLogDensityOfLog(s, nu) - Math.log(S.passageMargin(s, 300)); }), mc(N / 4));
report("Poisson window", truthOf("poisson-window"), meanSe(N, 3999012, (r) => S.windowLogRatio(...S.windowDraw(r))), mc(N));
report("total and longer of two waits", truthOf("total-x-and-longer-y-of-two-exponential-waits-n1000"), meanSe(N, 3999013, (r) => { const u = -Math.log(r.u()), v = -Math.log(r.u()); return S.totalLongerLogRatio(u + v, Math.max(u, v)); }), mc(N));
report("gamma rate, 20 waits", truthOf("gamma2-rate"), meanSe(N, 3999014, (r) => { const lam = S.gammaDraw(r, S.RATE_SHAPE); let s = 0; for (let k = 0; k < S.WAITS; k++) s -= Math.log(r.u()) / lam; return S.waitsLogConditional(s, lam) - S.waitsLogMargin(s); }), mc(N));
report("urn", truthOf("urn"), meanSe(N, 3999015, (r) => { const [red, y] = S.urnDraw(r); return Math.log(S.urnP(y, red) / S.urnMargin(y)); }), mc(N));

