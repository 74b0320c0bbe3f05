// The thirty-eighth unseen probe's sets: data built to sit outside what the trust rules read. For the rows-extreme-in-both
// rule (co-extreme.ts): dependence held by rows extreme in x only (y a spike, an exact 0 or a small shift there), rare rows
// extreme in both with independent signs, a shared pattern of zeros (columns of MAD 0) whose dependence is in no tail, and
// a shocked column among 149 heavy-tailed decoys (beyond the 128 columns it reads); and data where it could fire though x
// and y share nothing (independent volatility regimes in time order, heavy-tailed pairs with a tenth of the rows exported
// twice, heavy-tailed whole numbers of MAD 0, a spike and a shock in independent rows).
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: closed forms, 1-D and 2-D midpoint rules
// (check-truths.mjs checks each by Monte Carlo).
import { rng } from "../unseen5/sets.mjs";
import { normalDensity, quadrature } from "../unseen31/sets.mjs";
import { asinhTruth, mixtureJoint, mixtureTruth, rareShift, sharedShock } from "../unseen35/sets.mjs";
import { mixtureMarginX, mixtureMarginY } from "../unseen35/sets.mjs";

export { rng };
const plogp = (p) => (p > 0 ? p * Math.log(p) : 0);
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };
const binaryEntropy = (p) => -plogp(p) - plogp(1 - p);
const normalEntropy = (v) => 0.5 * Math.log(2 * Math.PI * Math.E * v);

// --- x shocked in a share of the rows (sd 10), y there a spike N(0, 0.01²) (else N(0, 1)): the rows are extreme in x only
export const SPIKE = { share: 0.02, sd: 10, spike: 0.01 };
export const spikeComps = ({ share, sd, spike } = SPIKE) => [{ w: 1 - share, vx: 1, vy: 1, c: 0 }, { w: share, vx: 1 + sd * sd, vy: spike * spike, c: 0 }];
/** a 2-D rule in asinh(·/0.01) coordinates, fine enough for the spike's width */
export const spikeTruth = (s = SPIKE) => { const k = spikeComps(s); return asinhTruth(mixtureJoint(k), mixtureMarginX(k), mixtureMarginY(k), 14 * Math.sqrt(1 + s.sd * s.sd), 2400, 0.01); };
export const spikeRow = (r, { share, sd, spike } = SPIKE, together = true) => {
  const B = r.u() < share, C = together ? B : r.u() < share;
  return [r.normal() + (B ? sd * r.normal() : 0), C ? spike * r.normal() : r.normal()];
};

// --- x shocked in a share of the rows, y exactly 0 there: y = 0 tells B, so I(x; y) = I(x; B) = h(x) − h(x | B)
export const ATOM = { share: 0.02, sd: 10 };
export const atomMarginX = ({ share, sd } = ATOM) => (x) => (1 - share) * normalDensity(x) + share * normalDensity(x, Math.sqrt(1 + sd * sd));
export const atomTruth = (a = ATOM) => -quadrature(-200, 200, 400000, (x) => plogp(atomMarginX(a)(x))) - (1 - a.share) * normalEntropy(1) - a.share * normalEntropy(1 + a.sd * a.sd);
export const atomRow = (r, { share, sd } = ATOM) => { const B = r.u() < share; return [r.normal() + (B ? sd * r.normal() : 0), B ? 0 : r.normal()]; };

// --- a rare shift far in x (8) and small in y (2): y is never extreme in those rows
export const SHIFT_X = { share: 0.03, dx: 8, dy: 2 };
// --- rows extreme in both with independent signs: (±8, ±8) in a share of the rows, each sign a coin
export const signsComps = (share) => [{ w: 1 - share, vx: 1, vy: 1, c: 0 }, ...[-8, 8].flatMap((mx) => [-8, 8].map((my) => ({ w: share / 4, vx: 1, vy: 1, c: 0, mx, my })))];
// --- x shocked by S (sd 10), y by 0.15·S (sd 1.5) in the same rows: y rarely beyond its cuts
export const HALF_SHOCK = { share: 0.02, sd: 10, f: 0.15 };
export const halfShockComps = ({ share, sd, f } = HALF_SHOCK) => [{ w: 1 - share, vx: 1, vy: 1, c: 0 }, { w: share, vx: 1 + sd * sd, vy: 1 + (f * sd) ** 2, c: f * sd * sd }];

// --- a shared pattern of zeros: B ~ Bernoulli(q), x = B·a, y = B·b; x = 0 and y = 0 each tell B, the values nothing more: H(B)
export const zeroPatternTruth = (q) => binaryEntropy(q);
export const zeroPatternRow = (r, q) => { const B = r.u() < q; return [B ? r.normal() : 0, B ? r.normal() : 0]; };

// --- independent volatility regimes in time order: a two-state Markov chain each (calm sd 1, storm sd 6, 0.25 % a step into
// a storm, 1 % out of it: storms 20 % of the time, about 100 steps long), x's and y's chains independent: MI 0
export const REGIME = { calm: 1, storm: 6, into: 0.0025, out: 0.01 };
export const regimeSeries = (r, n, { calm, storm, into, out } = REGIME) => {
  let s = r.u() < into / (into + out);
  return Array.from({ length: n }, () => { s = s ? r.u() >= out : r.u() < into; return (s ? storm : calm) * r.normal(); });
};

// --- Student-t(1) pairs, independent, with a tenth of the rows exported twice (the copies at random places): MI 0
const cauchy = (r) => Math.tan(Math.PI * (r.u() - 0.5));
export function duplicatedRows(r, n, share = 0.1) {
  const m = Math.round(n * (1 - share)), base = Array.from({ length: m }, () => [cauchy(r), cauchy(r)]);
  const all = base.concat(Array.from({ length: n - m }, () => base[Math.floor(r.u() * m)]));
  for (let i = all.length - 1; i > 0; i--) { const j = Math.floor(r.u() * (i + 1)); [all[i], all[j]] = [all[j], all[i]]; }
  return { x: all.map((p) => p[0]), y: all.map((p) => p[1]) };
}
// --- whole numbers with a Pareto tail (α = 1.5): ⌊U^(−1/1.5)⌋, 1 in 65 % of the rows (MAD 0), independent: MI 0
const paretoWhole = (r) => Math.floor(r.u() ** (-1 / 1.5));

// --- a shared shock (sd 10, 1 %) in x's only column and y's first, y's other 149 columns Student-t(2) decoys
export const DECOY = { share: 0.01, sd: 10, decoys: 149 };
const studentT2 = (r) => r.normal() / Math.sqrt((r.normal() ** 2 + r.normal() ** 2) / 2);

export const SETS = [
  // dependence in rows extreme in x only
  { name: "x-shocked-sd10-y-a-spike-sd0.01-in-2pct-n1000", truth: () => spikeTruth(), sample: (seed) => { const r = rng(3801000 + seed); return rows(1000, () => spikeRow(r)); } },
  { name: "x-shocked-sd10-y-exactly-0-in-2pct-n1000", truth: () => atomTruth(), sample: (seed) => { const r = rng(3802000 + seed); return rows(1000, () => atomRow(r)); } },
  { name: "rare-shift-x-by-8-y-by-2-in-3pct-n1000", truth: () => mixtureTruth(rareShift(SHIFT_X), 30), sample: (seed) => { const r = rng(3803000 + seed); return rows(1000, () => { const B = r.u() < SHIFT_X.share ? 1 : 0; return [r.normal() + SHIFT_X.dx * B, r.normal() + SHIFT_X.dy * B]; }); } },
  { name: "x-shocked-sd10-y-by-0.15-of-it-in-2pct-n1000", truth: () => mixtureTruth(halfShockComps(), 14 * Math.sqrt(101)), sample: (seed) => { const r = rng(3804000 + seed); return rows(1000, () => { const S = r.u() < HALF_SHOCK.share ? HALF_SHOCK.sd * r.normal() : 0; return [r.normal() + S, r.normal() + HALF_SHOCK.f * S]; }); } },
  // extreme in both, signs independent
  ...[[0.03, 1000], [0.01, 2000]].map(([share, n]) => ({ name: `extreme-in-both-by-8-independent-signs-in-${share * 100}pct-n${n}`, truth: () => mixtureTruth(signsComps(share), 30), sample: (seed) => { const r = rng(3805000 + n + seed); return rows(n, () => { const B = r.u() < share ? 8 : 0; return [r.normal() + B * (r.u() < 0.5 ? -1 : 1), r.normal() + B * (r.u() < 0.5 ? -1 : 1)]; }); } })),
  // columns of MAD 0 whose dependence is the pattern of zeros
  ...[0.1, 0.5].map((q) => ({ name: `shared-zero-pattern-nonzero-in-${q * 100}pct-values-independent-n1000`, truth: zeroPatternTruth(q), sample: (seed) => { const r = rng(3806000 + 100 * q + seed); return rows(1000, () => zeroPatternRow(r, q)); } })),
  // one shocked column among heavy-tailed decoys, beyond the 128 columns read
  { name: "shared-shock-sd10-in-1pct-1-plus-1-among-149-t2-decoys-n2000", truth: () => mixtureTruth(sharedShock(DECOY), 14 * Math.sqrt(101)), sample: (seed) => { const r = rng(3807000 + seed); return rows(2000, () => { const S = r.u() < DECOY.share ? DECOY.sd * r.normal() : 0; return [r.normal() + S, [r.normal() + S, ...Array.from({ length: DECOY.decoys }, () => studentT2(r))]]; }); } },
  // controls the rule could fire on: x and y share nothing
  { name: "independent-volatility-regimes-in-time-order-n2000", truth: 0, sample: (seed) => { const r = rng(3808000 + seed); return { x: regimeSeries(r, 2000), y: regimeSeries(r, 2000) }; } },
  { name: "independent-volatility-regimes-3x3-in-time-order-n2000", truth: 0, sample: (seed) => { const r = rng(3809000 + seed); const cols = () => Array.from({ length: 3 }, () => regimeSeries(r, 2000)); const [cx, cy] = [cols(), cols()]; return { x: cx[0].map((_, i) => cx.map((c) => c[i])), y: cy[0].map((_, i) => cy.map((c) => c[i])) }; } },
  { name: "independent-t1-pairs-a-tenth-of-rows-exported-twice-n1000", truth: 0, sample: (seed) => duplicatedRows(rng(3810000 + seed), 1000) },
  { name: "independent-pareto1.5-whole-numbers-mad0-n1000", truth: 0, sample: (seed) => { const r = rng(3811000 + seed); return rows(1000, () => [paretoWhole(r), paretoWhole(r)]); } },
  { name: "x-shocked-sd10-y-a-spike-in-independent-2pct-n1000", truth: 0, sample: (seed) => { const r = rng(3812000 + seed); return rows(1000, () => spikeRow(r, SPIKE, false)); } },
];
