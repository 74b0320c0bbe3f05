// The twenty-sixth unseen probe's sets: data as practitioners bring them, of kinds no earlier probe used (rows of a
// strongly persistent AR(1) series in time order with y its noisy copy, two independent persistent series (a spurious
// correlation), panel data of 20 subjects sharing an effect, in subject order and shuffled, epoch seconds over a year read
// by a daily cycle, dates written as YYYYMMDD integers read by a yearly cycle, a classifier's scores crowding at 0 and 1,
// readings at an offset of 1e15, one x against 200 columns of y, a row-id column kept beside the feature, two replicate
// readings of a true value, and y = x exactly). Drawn by the fifth probe's generator (mulberry32 and Box–Muller), not the
// library's Rng. Every truth is exact: a Gaussian closed form, an injective map's invariance, or a 1-D quadrature of a
// mixture's entropy (check-truths.mjs checks each against Monte Carlo). A serially dependent set's truth is that of one
// row's pair under the series' stationary law.
import { rng } from "../unseen5/sets.mjs";

export { rng };
const many = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
export const gaussI = (rho) => -0.5 * Math.log(1 - rho * rho);
export const normalDensity = (v, sd) => Math.exp(-0.5 * (v / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
const normalEntropy = (sd) => 0.5 * Math.log(2 * Math.PI * Math.E * sd * sd);

/** y = sin(phase) + σN with the phase uniform on `phases` (a list of angles): I = h(y) − h(σN), h(y) on a grid */
export function sineMixtureDensity(phases, sigma) {
  const centres = phases.map(Math.sin);
  return (y) => centres.reduce((a, c) => a + normalDensity(y - c, sigma), 0) / centres.length;
}
export function sineMixtureTruth(phases, sigma, m = 6000) {
  const p = sineMixtureDensity(phases, sigma), lo = -1 - 10 * sigma, h = (2 + 20 * sigma) / m;
  let H = 0;
  for (let i = 0; i < m; i++) { const v = p(lo + (i + 0.5) * h); if (v > 0) H -= v * Math.log(v) * h; }
  return H - normalEntropy(sigma);
}
export const SINE_NOISE = 0.3;
export const uniformPhases = (k) => Array.from({ length: k }, (_, j) => (2 * Math.PI * (j + 0.5)) / k);
export const DAY = 86400;
export const EPOCH_START = 1.7e9;
/** day d (0 = 2021-01-01) as the integer YYYYMMDD */
export const yyyymmdd = (d) => { const t = new Date(Date.UTC(2021, 0, 1) + d * DAY * 1000); return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate(); };
export const DAYS = 1095; // 2021 to 2023, no leap day
/** a stationary AR(1) path of unit variance */
const ar1 = (r, n, phi) => { const sd = Math.sqrt(1 - phi * phi); let a = r.normal(); return Array.from({ length: n }, () => (a = phi * a + sd * r.normal())); };
export const PANEL = { subjects: 20, rows: 50, noise: 0.5 };
/** x = u + e, y = u + e' with u ~ N(0, 1) shared by a subject's rows: one row's pair has correlation 1/(1 + noise²) */
const panel = (r, { subjects, rows, noise } = PANEL) => { const out = []; for (let s = 0; s < subjects; s++) { const u = r.normal(); for (let k = 0; k < rows; k++) out.push([u + noise * r.normal(), u + noise * r.normal()]); } return out; };
const shuffled = (r, rows) => { for (let i = rows.length - 1; i > 0; i--) { const j = r.int(i + 1); [rows[i], rows[j]] = [rows[j], rows[i]]; } return rows; };
/** two replicate readings t + σe₁, t + σe₂ against a third t + σe₃: I = ½ log(Var y / Var(y | x)), Var(t | x) = 1/(1 + 2/σ²) */
export const replicatesTruth = (sigma) => 0.5 * Math.log((1 + sigma * sigma) / (1 / (1 + 2 / (sigma * sigma)) + sigma * sigma));
export const WIDE_Y = { columns: 200, informative: 117, rho: 0.8 };

export const SETS = [
  // a persistent AR(1) series in time order (φ = 0.99: about 5 independent rows per 1000), y its copy plus 0.5 noise
  { name: "ar1-phi0.99-rows-in-time-order-y-x-plus-0.5noise-n1000", truth: 0.5 * Math.log(5), sample: (seed) => { const r = rng(2610000 + seed), a = ar1(r, 1000, 0.99); return many(1000, (i) => [a[i], a[i] + 0.5 * r.normal()]); } },
  // two independent persistent series side by side: sample correlations of ±0.3 and more come by chance (truth 0)
  { name: "two-independent-ar1-phi0.995-series-spurious-correlation-n1000", truth: 0, sample: (seed) => { const r = rng(2611000 + seed), a = ar1(r, 1000, 0.995), b = ar1(r, 1000, 0.995); return many(1000, (i) => [a[i], b[i]]); } },
  // 20 subjects of 50 rows each: x = u + 0.5e, y = u + 0.5e' with the subject's effect u; rows in subject order
  { name: "panel-20-subjects-of-50-rows-in-subject-order-shared-effect-rho0.8-n1000", truth: gaussI(0.8), sample: (seed) => { const rows = panel(rng(2612000 + seed)); return many(rows.length, (i) => rows[i]); } },
  // the same panel with its rows shuffled: nothing in the rows' order says they come from 20 subjects
  { name: "panel-20-subjects-of-50-rows-shuffled-shared-effect-rho0.8-n1000", truth: gaussI(0.8), sample: (seed) => { const r = rng(2613000 + seed), rows = shuffled(r, panel(r)); return many(rows.length, (i) => rows[i]); } },
  // epoch seconds uniform over 365 days from 1.7e9, y a daily cycle plus 0.3 noise: y reads x's phase only (365 periods)
  { name: "epoch-seconds-over-a-year-x-daily-sine-plus-0.3noise-y-n1000", truth: () => sineMixtureTruth(uniformPhases(2000), SINE_NOISE), sample: (seed) => { const r = rng(2614000 + seed); return many(1000, () => { const t = EPOCH_START + 365 * DAY * r.u(); return [t, Math.sin((2 * Math.PI * t) / DAY) + SINE_NOISE * r.normal()]; }); } },
  // dates over 2021–2023 written as YYYYMMDD integers (jumps of 70–80 at a month's end, 8870 at a year's end), y a yearly
  // cycle plus 0.3 noise: the coding is injective, so I = I(day; y), the phase uniform on 365 values
  { name: "dates-2021-2023-as-yyyymmdd-integers-x-yearly-sine-plus-0.3noise-y-n1000", truth: () => sineMixtureTruth(Array.from({ length: 365 }, (_, k) => (2 * Math.PI * k) / 365), SINE_NOISE), sample: (seed) => { const r = rng(2615000 + seed); return many(1000, () => { const d = r.int(DAYS); return [yyyymmdd(d), Math.sin((2 * Math.PI * d) / 365) + SINE_NOISE * r.normal()]; }); } },
  // a classifier's scores: y = sigmoid(8(x + 0.2N)), crowding within 1e-8 of 0 and 1 (injective in float64): I = ½ log(1 + 1/0.04)
  { name: "classifier-scores-y-sigmoid-of-8-times-x-plus-0.2noise-n1000", truth: 0.5 * Math.log(26), sample: (seed) => { const r = rng(2616000 + seed); return many(1000, () => { const x = r.normal(); return [x, 1 / (1 + Math.exp(-8 * (x + 0.2 * r.normal())))]; }); } },
  // readings at an offset of 1e15 (float64 keeps steps of 0.125 there, float32 nothing of the spread of 1000)
  { name: "offset-1e15-both-sides-sd1000-y-x-plus-500noise-n1000", truth: 0.5 * Math.log(5), sample: (seed) => { const r = rng(2617000 + seed); return many(1000, () => { const z = 1000 * r.normal(); return [1e15 + z, 1e15 + z + 500 * r.normal()]; }); } },
  // one x against 200 columns of y, column 117 reading it (ρ = 0.8), the rest independent noise
  { name: "one-x-vs-200-y-columns-column-117-rho0.8-1x200-n1000", truth: gaussI(WIDE_Y.rho), sample: (seed) => { const r = rng(2618000 + seed), { columns, informative, rho } = WIDE_Y; return many(1000, () => { const x = r.normal(), y = Array.from({ length: columns }, () => r.normal()); y[informative] = rho * x + Math.sqrt(1 - rho * rho) * y[informative]; return [x, y]; }); } },
  // the row number 1..n kept as a column beside the feature (rows independent, so it carries nothing)
  { name: "row-id-column-1-to-n-beside-x-rho0.8-2x1-n1000", truth: gaussI(0.8), sample: (seed) => { const r = rng(2619000 + seed); return many(1000, (i) => { const z = r.normal(); return [[i + 1, z], 0.8 * z + 0.6 * r.normal()]; }); } },
  // two replicate readings of a true value against a third reading, each with noise 0.5
  { name: "two-replicate-readings-x-third-reading-y-noise0.5-2x1-n1000", truth: replicatesTruth(0.5), sample: (seed) => { const r = rng(2620000 + seed); return many(1000, () => { const t = r.normal(); return [[t + 0.5 * r.normal(), t + 0.5 * r.normal()], t + 0.5 * r.normal()]; }); } },
  // y the very same values as x (a careless user's call must not give a finite number trusted)
  { name: "y-equals-x-exactly-continuous-n1000", truth: Infinity, sample: (seed) => { const r = rng(2621000 + seed); return many(1000, () => { const x = r.normal(); return [x, x]; }); } },
];
