// node bench/accuracy/unseen35/check-truths.mjs: the truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3599001 on), with the densities written from the generating model
// (sets.mjs: the mixtures' closed-form components, Laplace noise's 1-D rule over the shock, the flag's two normals).
import { rng, SETS, SHOCKS, TWO_SOURCES, SHIFT, FLAG, sharedShock, twoSources, rareShift, mixturePmi as sharedMixturePmi, laplaceShock } from "./sets.mjs";
import { normalDensity } from "../unseen31/sets.mjs";
import { monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 400000;
const mc = (n) => `Monte Carlo (${n})`;
/** draws from a Gaussian mixture's components (zero-mean or shifted, correlation from c) and their pmi */
const mixturePmi = (comps, seed, n = N) => sharedMixturePmi(meanSe, comps, seed, n);
for (const [k, shock] of SHOCKS.entries()) report(`shock sd${shock.sd} ${shock.share * 100}%`, truthOf(`shared-shock-sd${shock.sd}-in-${shock.share * 100}pct-n1000`), mixturePmi(sharedShock(shock), 3599001 + k), mc(N));
report("sign flipped", truthOf("shared-shock-sd10-in-1pct-sign-flipped"), mixturePmi(sharedShock({ share: 0.01, sd: 10, sign: -1 }), 3599010), mc(N));
report("beside a pair rho 0.5", truthOf("shared-shock-sd10-in-1pct-beside-a-pair"), mixturePmi(sharedShock({ share: 0.01, sd: 10, rho: 0.5 }), 3599011), mc(N));
report("two sources", truthOf("two-shock-sources"), mixturePmi(twoSources(TWO_SOURCES), 3599012), mc(N));
report("rare shift", truthOf("rare-shift"), mixturePmi(rareShift(SHIFT), 3599013), mc(N));
// the flag: log p(y | F)/p(y)
{
  const py = (y) => (1 - FLAG.share) * normalDensity(y) + FLAG.share * normalDensity(y - FLAG.shift);
  report("flag", truthOf("rare-flag"), meanSe(N, 3599014, (r) => { const f = r.u() < FLAG.share ? 1 : 0, y = FLAG.shift * f + r.normal(); return Math.log(normalDensity(y - FLAG.shift * f) / py(y)); }), mc(N));
}
// Laplace noise: the 1-D rule's densities on draws of the model (fewer: each density is a sum over 600 nodes)
{
  const d = laplaceShock({ share: 0.01, sd: 10 }), n = 40000;
  const lap = (r) => { const u = r.u() - 0.5; return (-Math.sign(u) * Math.log(1 - 2 * Math.abs(u))) / Math.SQRT2; };
  report("laplace noise", truthOf("shared-shock-sd10-in-1pct-laplace"), meanSe(n, 3599015, (r) => { const S = r.u() < 0.01 ? 10 * r.normal() : 0, x = lap(r) + S, y = lap(r) + S; return Math.log(d.joint(x, y) / (d.margin(x) * d.margin(y))); }), mc(n));
}
