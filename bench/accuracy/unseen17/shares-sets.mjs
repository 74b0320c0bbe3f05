// The seventeenth probe's second round (issue 11, estimation honesty): exact functions of a projection in a share of the rows,
// the truth ∞ each time, by the fifth probe's generator. Three families: saturating or flat functions of a projection
// (tanh, a logistic, a clip, arctan, a steep smooth step) in 15 % of 2000 rows; large shares (a square and an exponential
// in 20–60 % of the rows); e^((x₁ + x₂)/√2) in 10 % of 500 and 1000 rows, below the surface check's 1500.
import { rng } from "../unseen5/sets.mjs";

const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const share = (n, p, base, make) => (seed) => { const r = rng(base + seed); return many(n, () => make(r, r.u() < p)); };
/** y = f(projection of x's two columns) in a share p of n rows, y independent normal in the others. */
const yOf = (n, p, base, f) => share(n, p, base, (r, on) => { const a = r.normal(), b = r.normal(); return [[a, b], on ? f(a, b) : r.normal()]; });
/** x = f(projection of y's two columns), the function on the other side. */
const xOf = (n, p, base, f) => share(n, p, base, (r, on) => { const a = r.normal(), b = r.normal(); return [on ? f(a, b) : r.normal(), [a, b]]; });

export const SATURATING = [
  { name: "x-tanh-of-y1-minus-y2-in-15pct-1x2-n2000", truth: Infinity, sample: xOf(2000, 0.15, 1710000, (a, b) => Math.tanh(a - b)) },
  { name: "y-logistic-of-2(x1-minus-x2)-in-15pct-2x1-n2000", truth: Infinity, sample: yOf(2000, 0.15, 1720000, (a, b) => 1 / (1 + Math.exp(-2 * (a - b)))) },
  { name: "y-clip-0.5-of-x1-minus-x2-in-15pct-2x1-n2000", truth: Infinity, sample: yOf(2000, 0.15, 1721000, (a, b) => Math.max(-0.5, Math.min(0.5, (a - b) / Math.SQRT2))) },
  { name: "x-arctan-of-2(y1-plus-y2)-in-15pct-1x2-n2000", truth: Infinity, sample: xOf(2000, 0.15, 1722000, (a, b) => Math.atan(2 * (a + b))) },
  { name: "y-smooth-step-tanh-5(x1+2x2)-in-15pct-2x1-n2000", truth: Infinity, sample: yOf(2000, 0.15, 1723000, (a, b) => Math.tanh((5 * (a + 2 * b)) / Math.sqrt(5))) },
];

export const LARGE_SHARES = [0.2, 0.4, 0.6].flatMap((p, k) => [
  { name: `y-square-of-x1-minus-x2-in-${p * 100}pct-2x1-n1500`, truth: Infinity, sample: yOf(1500, p, 1724000 + 1000 * k, (a, b) => ((a - b) / Math.SQRT2) ** 2) },
  { name: `y-exp-of-x1-plus-x2-in-${p * 100}pct-2x1-n2000`, truth: Infinity, sample: yOf(2000, p, 1727000 + 1000 * k, (a, b) => Math.exp((a + b) / Math.SQRT2)) },
]);

export const SMALL_N = [500, 1000].map((n, k) => ({ name: `y-exp-of-x1-plus-x2-in-10pct-2x1-n${n}`, truth: Infinity, sample: yOf(n, 0.1, 1730000 + 1000 * k, (a, b) => Math.exp((a + b) / Math.SQRT2)) }));

export const SETS = [...SATURATING, ...LARGE_SHARES, ...SMALL_N];
