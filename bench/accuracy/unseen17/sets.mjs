// The seventeenth unseen probe's sets: families no earlier probe, battery or coverage set used, drawn by the fifth probe's own
// generator (mulberry32 and Box–Muller), not the library's Rng. Truths are closed forms or 1-D quadratures (check-truths.mjs
// checks them by Monte Carlo); Infinity where a share of the rows holds an exact function.
import { rng } from "../unseen5/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";

const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
/** ∫ f over [a, b] by the midpoint rule on m cells. */
const midpoint = (f, a, b, m) => { const h = (b - a) / m; let s = 0; for (let k = 0; k < m; k++) s += f(a + (k + 0.5) * h); return s * h; };
const xlogx = (p) => (p > 0 ? p * Math.log(p) : 0);

// Likert answers: two latent standard normals of correlation ρ, cut at fixed thresholds into 5 and 7 ordered levels
export const LIKERT_X = [-1.2, -0.4, 0.3, 1.1];
export const LIKERT_Y = [-1.5, -0.9, -0.3, 0.2, 0.8, 1.4];
const level = (z, cuts) => { let k = 0; while (k < cuts.length && z > cuts[k]) k++; return k + 1; };
/** The cells' probabilities P(a < z₁ ≤ b, c < z₂ ≤ d) by quadrature over z₁ of φ(z₁)·P(c < z₂ ≤ d | z₁). */
export function likertTable(rho, cx = LIKERT_X, cy = LIKERT_Y) {
  const ex = [-9, ...cx, 9], ey = [-9, ...cy, 9], s = Math.sqrt(1 - rho * rho);
  return ex.slice(1).map((b, i) => ey.slice(1).map((d, j) => midpoint((z) => phi(z) * (Phi((d - rho * z) / s) - Phi((ey[j] - rho * z) / s)), ex[i], b, 4000)));
}
export const discreteTruth = (table) => {
  const px = table.map((row) => row.reduce((a, v) => a + v, 0)), py = table[0].map((_, j) => table.reduce((a, row) => a + row[j], 0));
  return table.reduce((a, row, i) => a + row.reduce((b, p, j) => b + (p > 0 ? p * Math.log(p / (px[i] * py[j])) : 0), 0), 0);
};

// x = the latent z clamped to [−c, c] (two atoms holding most rows), y = z + σ·noise
/** I = h(Y) − h(Y|X): inside, h(Y | X = z) is the noise's; at an atom, Y's density given the atom is φ_Y(y)·P(z beyond c | y)/P(beyond c). */
export function clampedTruth(c, sigma) {
  const sy = Math.sqrt(1 + sigma * sigma), m = (y) => y / (sy * sy), sd = sigma / sy;
  const pY = (y) => phi(y / sy) / sy;
  const hY = -midpoint((y) => xlogx(pY(y)), -12, 12, 24000);
  const tail = 1 - Phi(c);
  const pAtom = (y) => pY(y) * (1 - Phi((c - m(y)) / sd)) / tail;
  const hAtom = -midpoint((y) => xlogx(pAtom(y)), -12, 12, 24000);
  const hNoise = 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
  return hY - (1 - 2 * tail) * hNoise - 2 * tail * hAtom;
}

// five levels 0..4 equally likely, y = level + U(−0.75, 0.75): two levels share each of four strips of width 0.5
export const uniformLevelsTruth = Math.log(5) - (8 / 15) * Math.log(2);

// classes coded as bit flags 1, 2, 4, 8, 16 with unequal frequencies, y ~ N(μ_class, 1), the means in no order of the codes
export const FLAG_CODES = [1, 2, 4, 8, 16];
export const FLAG_P = [0.4, 0.3, 0.15, 0.1, 0.05];
export const FLAG_MEANS = [0, 2, -1.5, 1, -3];
export function flagTruth() {
  const pY = (y) => FLAG_P.reduce((a, p, k) => a + p * phi(y - FLAG_MEANS[k]), 0);
  return -midpoint((y) => xlogx(pY(y)), -14, 14, 28000) - 0.5 * Math.log(2 * Math.PI * Math.E);
}

// a Gaussian copula given heavy-tailed margins (two-sided Pareto of index 1.2: infinite variance) on light-tailed dependence
const paretoMargin = (z) => Math.sign(z) * (2 * (1 - Phi(Math.abs(z)))) ** (-1 / 1.2);

const share = (n, p, base, make) => (seed) => { const r = rng(base + seed); return many(n, () => make(r, r.u() < p)); };

export const SETS = [
  { name: "likert5-x-likert7-y-latent-rho0.7-n1000", truth: () => discreteTruth(likertTable(0.7)), sample: (seed) => { const r = rng(1701000 + seed); return many(1000, () => { const a = r.normal(), b = 0.7 * a + Math.sqrt(1 - 0.49) * r.normal(); return [level(a, LIKERT_X), level(b, LIKERT_Y)]; }); } },
  { name: "x-clamped-both-ends-0.5-y-latent-plus-0.5noise-n1000", truth: () => clampedTruth(0.5, 0.5), sample: (seed) => { const r = rng(1702000 + seed); return many(1000, () => { const z = r.normal(); return [Math.max(-0.5, Math.min(0.5, z)), z + 0.5 * r.normal()]; }); } },
  { name: "five-levels-plus-uniform0.75-noise-n1000", truth: uniformLevelsTruth, sample: (seed) => { const r = rng(1703000 + seed); return many(1000, () => { const k = r.int(5); return [k, k + 1.5 * (r.u() - 0.5)]; }); } },
  { name: "bit-flag-classes-y-gauss-unordered-means-n1000", truth: flagTruth, sample: (seed) => { const r = rng(1704000 + seed); return many(1000, () => { let u = r.u(), k = 0; while (k < 4 && u > FLAG_P[k]) { u -= FLAG_P[k]; k++; } return [FLAG_CODES[k], FLAG_MEANS[k] + r.normal()]; }); } },
  { name: "n30-two-pairs-rho0.9-2x2", truth: 2 * gaussI(0.9), sample: (seed) => { const r = rng(1705000 + seed); return many(30, () => { const a = r.normal(), b = r.normal(); return [[a, b], [0.9 * a + Math.sqrt(0.19) * r.normal(), 0.9 * b + Math.sqrt(0.19) * r.normal()]]; }); } },
  { name: "x64-y-the-mean-of-all-rho0.8-64x1-n1000", truth: gaussI(0.8), sample: (seed) => { const r = rng(1706000 + seed); return many(1000, () => { const x = Array.from({ length: 64 }, () => r.normal()); return [x, 0.8 * x.reduce((a, v) => a + v, 0) / 8 + 0.6 * r.normal()]; }); } },
  { name: "one-of-3x3-y-x-plus-1e-4-noise-n1000", truth: 0.5 * Math.log(1 + 1e8), sample: (seed) => { const r = rng(1707000 + seed); return many(1000, () => { const a = r.normal(); return [[r.normal(), a, r.normal()], [r.normal(), r.normal(), a + 1e-4 * r.normal()]]; }); } },
  { name: "pareto1.2-margins-gauss-copula-two-pairs-rho0.6-2x2-n1000", truth: 2 * gaussI(0.6), sample: (seed) => { const r = rng(1708000 + seed); return many(1000, () => { const a = r.normal(), b = r.normal(); return [[paretoMargin(a), paretoMargin(b)], [paretoMargin(0.6 * a + 0.8 * r.normal()), paretoMargin(0.6 * b + 0.8 * r.normal())]]; }); } },
  // a deterministic function of a projection in a share of the rows (the class of unseen15's y = e^((x₁ + x₂)/√2), other spellings)
  { name: "y-abs-of-x1-plus-2x2-in-15pct-2x1-n2000", truth: Infinity, sample: share(2000, 0.15, 1709000, (r, on) => { const a = r.normal(), b = r.normal(); return [[a, b], on ? Math.abs(a + 2 * b) / Math.sqrt(5) : r.normal()]; }) },
  { name: "x-tanh-of-y1-minus-y2-in-15pct-1x2-n2000", truth: Infinity, sample: share(2000, 0.15, 1710000, (r, on) => { const a = r.normal(), b = r.normal(); return [on ? Math.tanh(a - b) : r.normal(), [a, b]]; }) },
  { name: "y1-square-y2-sine-of-projections-in-15pct-2x2-n2000", truth: Infinity, sample: share(2000, 0.15, 1711000, (r, on) => { const a = r.normal(), b = r.normal(); return [[a, b], on ? [((a - b) / Math.SQRT2) ** 2, Math.sin(a + b)] : [r.normal(), r.normal()]]; }) },
  { name: "y-square-of-x1-minus-x2-in-40pct-2x1-n1500", truth: Infinity, sample: share(1500, 0.4, 1714000, (r, on) => { const a = r.normal(), b = r.normal(); return [[a, b], on ? ((a - b) / Math.SQRT2) ** 2 : r.normal()]; }) },
  { name: "y4-twice-sine-of-x3-in-15pct-5x5-n1000", truth: Infinity, sample: share(1000, 0.15, 1712000, (r, on) => { const x = Array.from({ length: 5 }, () => r.normal()), y = Array.from({ length: 5 }, () => r.normal()); if (on) y[4] = 2 * Math.sin(x[3]); return [x, y]; }) },
  // a careless user's data: NaN in three rows (a refusal naming the row is the right answer)
  { name: "nan-in-3-rows-rho0.6-n500", truth: gaussI(0.6), sample: (seed) => { const r = rng(1713000 + seed); const d = many(500, () => { const a = r.normal(); return [a, 0.6 * a + 0.8 * r.normal()]; }); for (const k of [17, 230, 411]) d.x[k][0] = NaN; return d; } },
];
