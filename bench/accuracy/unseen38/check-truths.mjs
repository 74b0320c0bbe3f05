// node bench/accuracy/unseen38/check-truths.mjs: the truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3899001 on), with the densities written from the generating model
// (the mixtures' components; for the exact 0, log p(x | B)/p(x); for the pattern of zeros, its atoms and components).
import { SETS, rng, spikeComps, ATOM, atomMarginX, atomRow, SHIFT_X, signsComps, halfShockComps, zeroPatternRow, DECOY } from "./sets.mjs";
import { normalDensity } from "../unseen31/sets.mjs";
import { rareShift, sharedShock, mixturePmi as sharedMixturePmi } from "../unseen35/sets.mjs";
import { monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 400000;
const mc = (n) => `Monte Carlo (${n})`;
const mixturePmi = (comps, seed, n = N) => sharedMixturePmi(meanSe, comps, seed, n);
report("x shocked, y a spike", truthOf("x-shocked-sd10-y-a-spike-sd0.01"), mixturePmi(spikeComps(), 3899001), mc(N));
{
  const px = atomMarginX(ATOM), sdShock = Math.sqrt(1 + ATOM.sd ** 2);
  // y = 0 exactly when B = 1: the pointwise MI is log p(x | B)/p(x)
  report("x shocked, y exactly 0", truthOf("x-shocked-sd10-y-exactly-0"), meanSe(N, 3899002, (r) => { const [x, y] = atomRow(r); const B = y === 0; return Math.log((B ? ATOM.share * normalDensity(x, sdShock) : (1 - ATOM.share) * normalDensity(x)) / ((B ? ATOM.share : 1 - ATOM.share) * px(x))); }), mc(N));
}
report("rare shift 8 and 2", truthOf("rare-shift-x-by-8-y-by-2"), mixturePmi(rareShift(SHIFT_X), 3899003), mc(N));
report("x shocked, y by 0.15 of it", truthOf("x-shocked-sd10-y-by-0.15"), mixturePmi(halfShockComps(), 3899004), mc(N));
for (const [share, n] of [[0.03, 1000], [0.01, 2000]]) report(`independent signs ${share}`, truthOf(`extreme-in-both-by-8-independent-signs-in-${share * 100}pct`), mixturePmi(signsComps(share), 3899005 + n), mc(N));
for (const q of [0.1, 0.5]) {
  // atoms: both 0 (1 − q), both nonzero (q, densities q·φ(x)φ(y) against q·φ(x) · q·φ(y)); one 0 never happens
  report(`zero pattern ${q}`, truthOf(`shared-zero-pattern-nonzero-in-${q * 100}pct`), meanSe(N, 3899010 + 100 * q, (r) => { const [x] = zeroPatternRow(r, q); return x === 0 ? Math.log((1 - q) / (1 - q) ** 2) : Math.log(q / (q * q)); }), mc(N));
}
report("shock among decoys", truthOf("shared-shock-sd10-in-1pct-1-plus-1"), mixturePmi(sharedShock(DECOY), 3899020), mc(N));
