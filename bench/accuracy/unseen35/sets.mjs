// The thirty-fifth unseen probe's sets: dependence held by rare rows, the family of the thirty-fourth probe's open gap
// (a shock shared by 1 % of the rows). Shared shocks of sd 5–30 in 0.5–3 % of the rows at n = 1000 and 5000, a shock into
// one column of 3 + 3, shocks beside Laplace noise, a rare event flag in x that shifts y, a rare shift of x that shifts y,
// two shock sources of which one is shared, a shock whose sign flips between x and y, a shock beside a Gaussian pair
// ρ = 0.5, and negative controls with the same margins (a shock in x only, an independent one in y only).
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller). Truths: 2-D midpoint rules in asinh coordinates over
// the mixtures' densities (closed-form Gaussian components; Laplace noise by a 1-D rule over the shock), and a 1-D rule for
// the flag (check-truths.mjs checks each by Monte Carlo).
import { rng } from "../unseen5/sets.mjs";
import { normalDensity, quadrature } from "../unseen31/sets.mjs";

export { rng };
const plogp = (p) => (p > 0 ? p * Math.log(p) : 0);
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(a); y.push(b); } return { x, y }; };

// --- Gaussian mixtures in 2-D: components { w, vx, vy, c, mx, my } (weight, variances, covariance, means)
const gauss2 = (x, y, k) => { const det = k.vx * k.vy - k.c * k.c, dx = x - (k.mx ?? 0), dy = y - (k.my ?? 0); return Math.exp(-0.5 * (k.vy * dx * dx - 2 * k.c * dx * dy + k.vx * dy * dy) / det) / (2 * Math.PI * Math.sqrt(det)); };
export const mixtureJoint = (comps) => (x, y) => comps.reduce((s, k) => s + k.w * gauss2(x, y, k), 0);
export const mixtureMarginX = (comps) => (x) => comps.reduce((s, k) => s + k.w * normalDensity(x - (k.mx ?? 0), Math.sqrt(k.vx)), 0);
export const mixtureMarginY = (comps) => (y) => comps.reduce((s, k) => s + k.w * normalDensity(y - (k.my ?? 0), Math.sqrt(k.vy)), 0);
/**
 * Monte Carlo draws of a Gaussian mixture's pointwise MI, log p(x, y)/(p(x)p(y)), through `meanSe` (monte-carlo.mjs on a
 * probe's generator): each component has weight w, variances vx and vy, covariance c and optional means mx and my.
 */
export const mixturePmi = (meanSe, comps, seed, n) => {
  const joint = mixtureJoint(comps), px = mixtureMarginX(comps), py = mixtureMarginY(comps);
  const cum = comps.map((_, k) => comps.slice(0, k + 1).reduce((s, c) => s + c.w, 0));
  return meanSe(n, seed, (r) => {
    const u = r.u(), k = comps[Math.max(0, cum.findIndex((c) => u < c))];
    const sx = Math.sqrt(k.vx), rho = k.c / (sx * Math.sqrt(k.vy)), a = r.normal(), b = rho * a + Math.sqrt(1 - rho * rho) * r.normal();
    const x = (k.mx ?? 0) + sx * a, y = (k.my ?? 0) + Math.sqrt(k.vy) * b;
    return Math.log(joint(x, y) / (px(x) * py(y)));
  });
};
/** I of a joint density by a 2-D midpoint rule in s = asinh(x/u), t = asinh(y/u) over ±L (fine near 0, wide in the shocks' range) */
export function asinhTruth(joint, px, py, reach, m = 1200, u = 1) {
  const L = Math.asinh(reach / u), h = (2 * L) / m; let s = 0;
  const ys = Array.from({ length: m }, (_, j) => u * Math.sinh(-L + (j + 0.5) * h)), jys = ys.map((_, j) => u * Math.cosh(-L + (j + 0.5) * h)), pys = ys.map(py);
  for (let i = 0; i < m; i++) {
    const x = u * Math.sinh(-L + (i + 0.5) * h), jx = u * Math.cosh(-L + (i + 0.5) * h), pxx = px(x);
    for (let j = 0; j < m; j++) { const p = joint(x, ys[j]); if (p > 1e-300) s += p * Math.log(p / (pxx * pys[j])) * jx * jys[j]; }
  }
  return s * h * h;
}
/** a shared shock: x = a + S·B, y = b + sign·S·B, (a, b) N(0, 1) at correlation ρ, B ~ Bernoulli(share), S ~ N(0, sd²) */
export const sharedShock = ({ share, sd, rho = 0, sign = 1 }) => [
  { w: 1 - share, vx: 1, vy: 1, c: rho },
  { w: share, vx: 1 + sd * sd, vy: 1 + sd * sd, c: rho + sign * sd * sd },
];
/** two shock sources: one shared (share1, sd1), one in x only and one in y only (share2, sd2 each), independent */
export const twoSources = ({ share1, sd1, share2, sd2 }) => {
  const comps = [];
  for (const b1 of [0, 1]) for (const bx of [0, 1]) for (const by of [0, 1]) {
    const w = (b1 ? share1 : 1 - share1) * (bx ? share2 : 1 - share2) * (by ? share2 : 1 - share2), v1 = b1 * sd1 * sd1;
    comps.push({ w, vx: 1 + v1 + bx * sd2 * sd2, vy: 1 + v1 + by * sd2 * sd2, c: v1 });
  }
  return comps;
};
/** a rare shift: B ~ Bernoulli(share), x = a + dx·B, y = b + dy·B */
export const rareShift = ({ share, dx, dy }) => [{ w: 1 - share, vx: 1, vy: 1, c: 0 }, { w: share, vx: 1, vy: 1, c: 0, mx: dx, my: dy }];
export const mixtureTruth = (comps, reach) => asinhTruth(mixtureJoint(comps), mixtureMarginX(comps), mixtureMarginY(comps), reach);
const reachOf = (sd) => 14 * Math.sqrt(1 + sd * sd);

// --- a shared shock beside Laplace noise (scale 1/√2, variance 1): the shock rows' density by a 1-D rule over S
const laplace = (v) => Math.exp(-Math.SQRT2 * Math.abs(v)) / Math.SQRT2;
export function laplaceShock({ share, sd }, K = 600) {
  const lo = -9 * sd, h = (18 * sd) / K, nodes = Array.from({ length: K }, (_, k) => lo + (k + 0.5) * h), weights = nodes.map((s) => normalDensity(s, sd) * h);
  const inShock = (x, y) => nodes.reduce((a, s, k) => a + weights[k] * laplace(x - s) * laplace(y - s), 0);
  const marginShock = (x) => nodes.reduce((a, s, k) => a + weights[k] * laplace(x - s), 0);
  return {
    joint: (x, y) => (1 - share) * laplace(x) * laplace(y) + share * inShock(x, y),
    margin: (x) => (1 - share) * laplace(x) + share * marginShock(x),
  };
}
export const laplaceTruth = (shock, m = 500) => { const d = laplaceShock(shock); return asinhTruth(d.joint, d.margin, d.margin, reachOf(shock.sd), m); };

// --- a rare event flag F ~ Bernoulli(share) as x's second column (beside an independent normal), y = b + shift·F:
// I = I(F; y) = H(y) − H(N(0, 1))
export const FLAG = { share: 0.01, shift: 4 };
export const flagTruth = ({ share, shift } = FLAG) => -quadrature(-12, shift + 12, 40000, (y) => plogp((1 - share) * normalDensity(y) + share * normalDensity(y - shift))) - (0.5 * Math.log(2 * Math.PI * Math.E));

const normalPair = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const shockRow = (r, { share, sd, rho = 0, sign = 1 }) => { const [a, b] = normalPair(r, rho); if (r.u() < share) { const S = sd * r.normal(); return [a + S, b + sign * S]; } return [a, b]; };
const laplaceDraw = (r) => { const u = r.u() - 0.5; return -Math.sign(u) * Math.log(1 - 2 * Math.abs(u)) / Math.SQRT2; };

export const SHOCKS = [{ share: 0.005, sd: 10 }, { share: 0.01, sd: 5 }, { share: 0.01, sd: 30 }, { share: 0.02, sd: 5 }, { share: 0.03, sd: 30 }];
export const TWO_SOURCES = { share1: 0.01, sd1: 10, share2: 0.01, sd2: 10 };
export const SHIFT = { share: 0.01, dx: 8, dy: 8 };
const pct = (s) => `${s * 100}pct`;

export const SETS = [
  // shared shocks of sd 5–30 in 0.5–3 % of the rows
  ...SHOCKS.flatMap((shock, k) => [1000, 5000].map((n) => ({ name: `shared-shock-sd${shock.sd}-in-${pct(shock.share)}-n${n}`, truth: () => mixtureTruth(sharedShock(shock), reachOf(shock.sd)), sample: (seed) => { const r = rng(3501000 + 100 * k + n + seed); return rows(n, () => shockRow(r, shock)); } }))),
  // the shock into one column of 3 + 3, the other columns independent noise
  { name: "shared-shock-sd10-in-1pct-into-one-column-of-3x3-n1000", truth: () => mixtureTruth(sharedShock({ share: 0.01, sd: 10 }), reachOf(10)), sample: (seed) => { const r = rng(3502000 + seed); return rows(1000, () => { const [a, b] = shockRow(r, { share: 0.01, sd: 10 }); return [[r.normal(), a, r.normal()], [r.normal(), r.normal(), b]]; }); } },
  // Laplace noise elsewhere
  ...[1000, 5000].map((n) => ({ name: `shared-shock-sd10-in-1pct-laplace-noise-n${n}`, truth: () => laplaceTruth({ share: 0.01, sd: 10 }), sample: (seed) => { const r = rng(3503000 + n + seed); return rows(n, () => { const a = laplaceDraw(r), b = laplaceDraw(r); if (r.u() < 0.01) { const S = 10 * r.normal(); return [a + S, b + S]; } return [a, b]; }); } })),
  // a rare event flag in x that shifts y
  { name: "rare-flag-1pct-as-a-column-of-x-beside-noise-shifts-y-by-4-n1000", truth: () => flagTruth(), sample: (seed) => { const r = rng(3504000 + seed); return rows(1000, () => { const f = r.u() < FLAG.share ? 1 : 0; return [[r.normal(), f], FLAG.shift * f + r.normal()]; }); } },
  // a rare shift of both: x = a + 8B, y = b + 8B
  { name: "rare-shift-by-8-of-x-and-y-in-1pct-n1000", truth: () => mixtureTruth(rareShift(SHIFT), 30), sample: (seed) => { const r = rng(3505000 + seed); return rows(1000, () => { const B = r.u() < SHIFT.share ? 1 : 0; return [r.normal() + SHIFT.dx * B, r.normal() + SHIFT.dy * B]; }); } },
  // two independent shock sources, one shared
  { name: "two-shock-sources-one-shared-sd10-1pct-each-n1000", truth: () => mixtureTruth(twoSources(TWO_SOURCES), reachOf(15)), sample: (seed) => { const r = rng(3506000 + seed); return rows(1000, () => { const S1 = r.u() < TWO_SOURCES.share1 ? TWO_SOURCES.sd1 * r.normal() : 0, Sx = r.u() < TWO_SOURCES.share2 ? TWO_SOURCES.sd2 * r.normal() : 0, Sy = r.u() < TWO_SOURCES.share2 ? TWO_SOURCES.sd2 * r.normal() : 0; return [r.normal() + S1 + Sx, r.normal() + S1 + Sy]; }); } },
  // the shock's sign flips between x and y
  { name: "shared-shock-sd10-in-1pct-sign-flipped-in-y-n1000", truth: () => mixtureTruth(sharedShock({ share: 0.01, sd: 10, sign: -1 }), reachOf(10)), sample: (seed) => { const r = rng(3507000 + seed); return rows(1000, () => shockRow(r, { share: 0.01, sd: 10, sign: -1 })); } },
  // beside a Gaussian pair ρ = 0.5: the MI not all in the rare rows
  ...[1000, 5000].map((n) => ({ name: `shared-shock-sd10-in-1pct-beside-a-pair-rho0.5-n${n}`, truth: () => mixtureTruth(sharedShock({ share: 0.01, sd: 10, rho: 0.5 }), reachOf(10)), sample: (seed) => { const r = rng(3508000 + n + seed); return rows(n, () => shockRow(r, { share: 0.01, sd: 10, rho: 0.5 })); } })),
  // negative controls: the same margins, independent (a shock in x only, another in y only)
  ...[[10, 0.01], [5, 0.02], [30, 0.01]].flatMap(([sd, share], k) => [1000, 5000].map((n) => ({ name: `control-independent-shocks-sd${sd}-in-${pct(share)}-of-x-and-of-y-n${n}`, truth: 0, sample: (seed) => { const r = rng(3509000 + 100 * k + n + seed); return rows(n, () => [r.normal() + (r.u() < share ? sd * r.normal() : 0), r.normal() + (r.u() < share ? sd * r.normal() : 0)]); } }))),
];
