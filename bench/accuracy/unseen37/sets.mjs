// The thirty-seventh unseen probe's sets: bmi's task families the earlier probes did not take as bmi's functions define them
// (cbg-ethz/bmi at 6c569b9: task_student_dense and task_student_sparse of src/bmi/benchmark/tasks/student.py, in 25 × 1,
// 25 × 5, 3 × 3 and 5 × 5; task_concentric_multinormal with 10 components in 3 × 1 and 5 in 25 × 1, the starred tasks of
// workflows/benchmark/v2/config.py), each draw standardised column by column as bmi's benchmark does; and a practitioner's
// data: a drifting sensor with dropouts (read as 0, and as NaN), a trend shared by x and y, a categorical y of 200 Zipf levels
// given as integers, 1 + 30 columns, n = 50 and n = 20 000, float32 rounding at 10⁶, every row twice, rows sorted by y.
// Drawn by the fifth probe's generator (mulberry32 and Box–Muller), not the library's Rng. Truths: closed forms (Gaussian
// log-determinants plus the Student-t correction, as bmi computes it), 1-D and 2-D midpoint rules, and (the concentric
// mixtures) a 1-D rule over ‖x‖; check-truths.mjs checks each a second way.
import { rng, Phi, standardise, gaussI, BINORMAL_RHO, PAIR_RHO, denseCovariance, gaussianMI, studentTruth, denseDraw, twoPairDraw, binormalDraw, additiveTruth, wigglyX, wigglyY, bimodalX, bimodalY } from "../unseen25/sets.mjs";
import { concentric, inliers } from "../unseen20/sets.mjs";
import { entropyOn, normalDensity, quadrature } from "../unseen32/sets.mjs";
import { lgamma } from "../unseen16/sets.mjs";
import { quadrature2 } from "../unseen33/sets.mjs";

export { rng, Phi };
const rows = (n, f) => { const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = f(i); x.push(Array.isArray(a) ? a : [a]); y.push(Array.isArray(b) ? b : [b]); } return { x, y }; };
const rescaled = ({ x, y }) => ({ x: standardise(x), y: standardise(y) });
const LN2PIE = Math.log(2 * Math.PI * Math.E);
const I75 = gaussI(BINORMAL_RHO);

// --- bmi's Student-t with a dense or a sparse (2-pair) dispersion: Z/√(W/ν), Z of that dispersion, W ~ χ²_ν shared
/** the MI of bmi's SplitStudentT: the Gaussian MI of the dispersion plus the identity-dispersion correction */
export const studentDenseTruth = (dx, dy, nu) => gaussianMI(denseCovariance(dx, dy), dx) + studentTruth(dx, dy, nu);
export const studentSparseTruth = (dx, dy, nu) => 2 * gaussI(PAIR_RHO) + studentTruth(dx, dy, nu);
const chiScale = (r, nu) => { let w = 0; for (let k = 0; k < nu; k++) w += r.normal() ** 2; return Math.sqrt(nu / w); };
export const studentDenseDraw = (r, dx, dy, nu) => { const s = chiScale(r, nu), [a, b] = denseDraw(r, dx, dy); return [a.map((v) => s * v), b.map((v) => s * v)]; };
/** the 2-pair dispersion (pairs (x_i, y_i), i < 2, at 0.8; bmi's GaussianLVM with λ = η = 2 normalised) for dx ≥ dy ≥ 2 */
export const studentSparseDraw = (r, dx, dy, nu) => { const s = chiScale(r, nu), [a, b] = twoPairDraw(r, dx); return [a.map((v) => s * v), b.slice(0, dy).map((v) => s * v)]; };

// --- a drifting sensor: x = a + D, D = L·(row / n) in time order (a uniform D on [0, L] for a row taken at random), y = b,
// (a, b) at ρ; dropouts (rows where the sensor read nothing, independent of all else) read as 0 or as NaN
export const DRIFT = { rho: 0.8, L: 2, dropout: 0.03 };
/** Φ(a) − Φ(b), a > b, from the tail that does not cancel */
const PhiBetween = (a, b) => (b > 0 ? Phi(-b) - Phi(-a) : Phi(a) - Phi(b));
/** N(0, s²) + U(0, L): (Φ(t/s) − Φ((t − L)/s))/L */
export const gaussUniformDensity = (s, L) => (t) => PhiBetween(t / s, (t - L) / s) / L;
/** I(a + D; b) = h(a + D) − h(√(1 − ρ²)·e + D) */
export const driftTruth = ({ rho, L } = DRIFT) => { const s = Math.sqrt(1 - rho * rho); return entropyOn(gaussUniformDensity(1, L), -10, L + 10) - entropyOn(gaussUniformDensity(s, L), -10, L + 10); };
/** a dropout independent of all else, read as a value the sensor never gives (0 has probability 0 otherwise): (1 − p)·I */
export const dropoutTruth = (p = DRIFT.dropout) => (1 - p) * driftTruth();
const driftRows = (seed, n, base, read0, dropout = DRIFT.dropout) => { const r = rng(base + seed), { rho, L } = DRIFT; return rows(n, (i) => { const [a, b] = binormalDraw(r, rho), lost = r.u() < dropout; return [lost ? read0 : a + (L * i) / n, b]; }); };

// --- a trend shared by x and y: x = a + D, y = b + D, a, b, D independent, D = L·(row / n) in time order
export const TREND = { L: 3 };
/** p(x, y) = e^(−(x − y)²/4)·[Φ(√2(L − m)) − Φ(−√2 m)]/(2L√π), m = (x + y)/2; the margins N(0, 1) + U(0, L) */
export const trendJoint = (L) => (x, y) => { const m = 0.5 * (x + y); return (Math.exp(-((x - y) ** 2) / 4) * PhiBetween(Math.SQRT2 * (L - m), -Math.SQRT2 * m)) / (2 * L * Math.sqrt(Math.PI)); };
export const trendTruth = ({ L } = TREND) => {
  const j = trendJoint(L), f = gaussUniformDensity(1, L);
  return quadrature2(-9, L + 9, -9, L + 9, 700, (x, y) => { const p = j(x, y); return p > 1e-300 ? p * Math.log(p / (f(x) * f(y))) : 0; });
};

// --- a categorical y of K levels, P(k) ∝ 1/(k + 1) (Zipf: many levels seen once or not at all), given as the integer k;
// x | k ~ N(k·step, sd²): I = h(x) − h(x | k)
export const ZIPF = { K: 200, step: 0.05, sd: 0.5 };
export const ZIPF1000 = { K: 1000, step: 0.01, sd: 0.5 };
export const zipfWeights = ({ K } = ZIPF) => { const w = Array.from({ length: K }, (_, k) => 1 / (k + 1)), s = w.reduce((a, v) => a + v, 0); return w.map((v) => v / s); };
export const zipfDensity = (z = ZIPF) => { const w = zipfWeights(z); return (t) => w.reduce((a, p, k) => a + p * normalDensity(t - k * z.step, z.sd), 0); };
export const zipfTruth = (z = ZIPF) => entropyOn(zipfDensity(z), -6 * z.sd - 1, z.K * z.step + 6 * z.sd, 20000) - 0.5 * LN2PIE - Math.log(z.sd);
export const zipfLevel = (r, cdf) => { const u = r.u(); let k = 0; while (k < cdf.length - 1 && cdf[k] < u) k++; return k; };
export const zipfCdf = (z = ZIPF) => { let c = 0; return zipfWeights(z).map((p) => (c += p)); };
/** rows of the Zipf levels; `code` maps level k to the integer given (the identity, or arbitrary ids: the MI is the same) */
const zipfRows = (z, n, base, code = (k) => k) => (seed) => { const r = rng(base + seed), cdf = zipfCdf(z); return rows(n, () => { const k = zipfLevel(r, cdf); return [k * z.step + z.sd * r.normal(), code(k)]; }); };
/** arbitrary ids for K levels: a fixed shuffle of 0…K − 1 (drawn from seed 3799999), as category ids in an export are */
export const shuffledIds = (K) => { const r = rng(3799999), ids = Array.from({ length: K }, (_, k) => k); for (let i = K - 1; i > 0; i--) { const j = r.int(i + 1); [ids[i], ids[j]] = [ids[j], ids[i]]; } return (k) => ids[k]; };

// --- the norm of 30 readings: x ~ N(0, I₃₀), y = ‖x‖ + σe; I = h(y) − h(σe), p(y) = ∫ χ₃₀(r) φ_σ(y − r) dr
export const NORM30 = { d: 30, sigma: 0.5 };
export const chiDensity = (d) => (r) => (r > 0 ? Math.exp((d - 1) * Math.log(r) - (r * r) / 2 - ((d / 2 - 1) * Math.log(2) + lgamma(d / 2))) : 0);
export const norm30Density = ({ d, sigma } = NORM30) => { const chi = chiDensity(d); return (t) => quadrature(Math.max(0, t - 9 * sigma), t + 9 * sigma, 400, (r) => chi(r) * normalDensity(t - r, sigma)); };
export const norm30Truth = ({ d, sigma } = NORM30) => entropyOn(norm30Density(), Math.sqrt(d) - 8, Math.sqrt(d) + 8, 4000) - 0.5 * LN2PIE - Math.log(sigma);

// --- one x beside 30 y columns: y_j = c·x + e_j, I = ½ log(1 + 30c²)
export const WIDE = { d: 30, c: 0.15 };
export const wideTruth = ({ d, c } = WIDE) => 0.5 * Math.log1p(d * c * c);

/** bmi's inliers: a fraction α of the rows from the product of the 2-pair task's margins. Every margin is N(0, 1) in both
 * components and the nuisance coordinates are alike in both, so p(x, y)/p(x)p(y) = (1 − α)·r₁r₂ + α, r_i the pair i's
 * N₂(x_i, y_i; ρ)/φ(x_i)φ(y_i): its log's Monte Carlo mean over 4 million draws of the two pairs (standard error 6·10⁻⁴) */
export function inliersTruth(alpha, rho = PAIR_RHO, n = 4000000) {
  const r = rng(3790100), c = Math.sqrt(1 - rho * rho);
  const ratio = (x, y) => Math.exp(-0.5 * (x * x - 2 * rho * x * y + y * y) / (c * c) + 0.5 * (x * x + y * y)) / c;
  let s = 0;
  for (let i = 0; i < n; i++) { const dependent = r.u() >= alpha; let prod = 1; for (let k = 0; k < 2; k++) { const x = r.normal(), y = dependent ? rho * x + c * r.normal() : r.normal(); prod *= ratio(x, y); } s += Math.log((1 - alpha) * prod + alpha); }
  return s / n;
}

/** bmi's rescaled tasks: a row drawn by `draw`, the sample standardised; `fx`, `fy` maps of the standardised-free draw */
const bmiSet = (name, truth, n, base, draw) => ({ name, truth, sample: (seed) => { const r = rng(base + seed); return rescaled(rows(n, () => draw(r))); } });
const C3x10 = concentric(3, 10), C25x5 = concentric(25, 5);
/** the concentric mixture's MI by a 1-D rule: I(x; y) = I(x; component) (y's components 100 sd apart), and ‖x‖ of component i
 * has the density of i·χ_d: I = Σ_i w_i ∫ p_i log(p_i / Σ_j w_j p_j) */
export function concentricTruth(d, k) {
  const logChi = (r, i) => (d - 1) * Math.log(r / i) - (r / i) ** 2 / 2 - ((d / 2 - 1) * Math.log(2) + lgamma(d / 2)) - Math.log(i);
  const pmi = (r, i) => { const l = Array.from({ length: k }, (_, j) => logChi(r, j + 1)), m = Math.max(...l); return l[i - 1] - (m + Math.log(l.reduce((a, v) => a + Math.exp(v - m), 0) / k)); };
  let I = 0;
  for (let i = 1; i <= k; i++) I += quadrature(1e-9, 12 * k + 10 * Math.sqrt(d) * k, 200000, (r) => Math.exp(logChi(r, i)) * pmi(r, i)) / k;
  return I;
}
const concentricDraw = (model) => (r) => model.draw(r);

export const SETS = [
  // bmi's Student-t with dense (0.5) and sparse (2-pair) dispersion
  bmiSet("bmi-student-dense-25x1-dof3-n1000", () => studentDenseTruth(25, 1, 3), 1000, 3701000, (r) => studentDenseDraw(r, 25, 1, 3)),
  bmiSet("bmi-student-dense-25x5-dof3-n1000", () => studentDenseTruth(25, 5, 3), 1000, 3702000, (r) => studentDenseDraw(r, 25, 5, 3)),
  bmiSet("bmi-student-dense-3x3-dof2-n1000", () => studentDenseTruth(3, 3, 2), 1000, 3703000, (r) => studentDenseDraw(r, 3, 3, 2)),
  bmiSet("bmi-student-dense-2x2-dof1-n1000", () => studentDenseTruth(2, 2, 1), 1000, 3727000, (r) => studentDenseDraw(r, 2, 2, 1)),
  bmiSet("bmi-student-sparse-2x2-dof2-n1000", () => studentSparseTruth(2, 2, 2), 1000, 3728000, (r) => studentSparseDraw(r, 2, 2, 2)),
  bmiSet("bmi-student-sparse-3x3-dof2-n1000", () => studentSparseTruth(3, 3, 2), 1000, 3704000, (r) => studentSparseDraw(r, 3, 3, 2)),
  bmiSet("bmi-student-sparse-5x5-dof3-n1000", () => studentSparseTruth(5, 5, 3), 1000, 3705000, (r) => studentSparseDraw(r, 5, 5, 3)),
  bmiSet("bmi-student-sparse-25x5-dof3-n1000", () => studentSparseTruth(25, 5, 3), 1000, 3706000, (r) => studentSparseDraw(r, 25, 5, 3)),
  // bmi's concentric Gaussians (v2's starred tasks): component i = 1…k, x ~ N(0, i²I), y ~ N(i, 10⁻⁴)
  bmiSet("bmi-concentric-3x1-10-components-n1000", () => concentricTruth(3, 10), 1000, 3707000, concentricDraw(C3x10)),
  bmiSet("bmi-concentric-25x1-5-components-n1000", () => concentricTruth(25, 5), 1000, 3708000, concentricDraw(C25x5)),
  // bmi's sparse 25 × 25 with a fraction of the rows drawn from the product of the margins (v2's inliers at 0.2 and 0.5)
  ...[0.2, 0.5].map((a, k) => { const model = inliers(a, PAIR_RHO, 25); return bmiSet(`bmi-inliers-${a}-sparse-25x25-n1000`, () => inliersTruth(a), 1000, 3730000 + 1000 * k, (r) => model.draw(r)); }),
  // three of them again at bmi's own sample size, n = 5000
  bmiSet("bmi-student-dense-3x3-dof2-n5000", () => studentDenseTruth(3, 3, 2), 5000, 3724000, (r) => studentDenseDraw(r, 3, 3, 2)),
  bmiSet("bmi-student-sparse-5x5-dof3-n5000", () => studentSparseTruth(5, 5, 3), 5000, 3725000, (r) => studentSparseDraw(r, 5, 5, 3)),
  bmiSet("bmi-concentric-3x1-10-components-n5000", () => concentricTruth(3, 10), 5000, 3726000, concentricDraw(C3x10)),
  // a practitioner's data
  { name: "sensor-drift-2sd-in-time-order-rho0.8-n1000", truth: () => driftTruth(), sample: (seed) => driftRows(seed, 1000, 3709000, 0, 0) },
  { name: "sensor-drift-dropouts-3pct-read-as-0-n1000", truth: () => dropoutTruth(), sample: (seed) => driftRows(seed, 1000, 3710000, 0) },
  { name: "sensor-drift-dropouts-3pct-as-NaN-n1000", truth: () => dropoutTruth(), sample: (seed) => driftRows(seed, 1000, 3710000, NaN) },
  { name: "trend-3sd-shared-by-x-and-y-in-time-order-n1000", truth: () => trendTruth(), sample: (seed) => { const r = rng(3711000 + seed), { L } = TREND; return rows(1000, (i) => { const D = (L * i) / 1000; return [r.normal() + D, r.normal() + D]; }); } },
  { name: "categorical-y-200-zipf-levels-as-integers-n2000", truth: () => zipfTruth(), sample: zipfRows(ZIPF, 2000, 3712000) },
  { name: "categorical-y-200-zipf-levels-as-shuffled-ids-n2000", truth: () => zipfTruth(), sample: zipfRows(ZIPF, 2000, 3729000, shuffledIds(ZIPF.K)) },
  { name: "categorical-y-1000-zipf-levels-as-integers-n2000", truth: () => zipfTruth(ZIPF1000), sample: zipfRows(ZIPF1000, 2000, 3720000) },
  { name: "norm-of-30-readings-plus-0.5noise-30x1-n1000", truth: () => norm30Truth(), sample: (seed) => { const r = rng(3721000 + seed); return rows(1000, () => { const x = Array.from({ length: NORM30.d }, () => r.normal()); return [x, Math.hypot(...x) + NORM30.sigma * r.normal()]; }); } },
  { name: "one-x-beside-30-y-columns-c0.15-n1000", truth: wideTruth(), sample: (seed) => { const r = rng(3713000 + seed); return rows(1000, () => { const x = r.normal(); return [x, Array.from({ length: WIDE.d }, () => WIDE.c * x + r.normal())]; }); } },
  bmiSet("bmi-1v1-bimodal-0.75-n50", I75, 50, 3714000, (r) => { const [a, b] = binormalDraw(r); return [bimodalX(Phi(a)), bimodalY(Phi(b))]; }),
  bmiSet("bmi-1v1-additive-uniform-noise-0.1-n20000", additiveTruth(0.1), 20000, 3715000, (r) => { const x = r.u(); return [x, x + 0.1 * (2 * r.u() - 1)]; }),
  { name: "float32-at-1e6-of-bmi-wiggly-0.75-n1000", truth: I75, sample: (seed) => { const r = rng(3716000 + seed); return rows(1000, () => { const [a, b] = binormalDraw(r); return [Math.fround(1e6 + wigglyX(a)), Math.fround(1e6 + wigglyY(b))]; }); } },
  { name: "every-row-twice-adjacent-bmi-uniform-0.75-n1000", truth: I75, sample: (seed) => { const r = rng(3717000 + seed), x = [], y = []; for (let i = 0; i < 500; i++) { const [a, b] = binormalDraw(r); x.push([Phi(a)], [Phi(a)]); y.push([Phi(b)], [Phi(b)]); } return { x, y }; } },
  { name: "rows-sorted-by-y-bmi-bimodal-0.75-n1000", truth: I75, sample: (seed) => { const r = rng(3718000 + seed), pairs = Array.from({ length: 1000 }, () => { const [a, b] = binormalDraw(r); return [bimodalX(Phi(a)), bimodalY(Phi(b))]; }).sort((p, q) => p[1] - q[1]); return rows(1000, (i) => pairs[i]); } },
  // the drift and the trend with the rows shuffled (a row taken at random: the same truths, no order to see)
  { name: "sensor-drift-2sd-rows-shuffled-rho0.8-n1000", truth: () => driftTruth(), sample: (seed) => { const r = rng(3722000 + seed), { rho, L } = DRIFT; return rows(1000, () => { const [a, b] = binormalDraw(r, rho); return [a + L * r.u(), b]; }); } },
  { name: "trend-3sd-shared-rows-shuffled-n1000", truth: () => trendTruth(), sample: (seed) => { const r = rng(3723000 + seed), { L } = TREND; return rows(1000, () => { const D = L * r.u(); return [r.normal() + D, r.normal() + D]; }); } },
  // control: the sensor's drift and dropouts, y independent
  { name: "control-sensor-drift-dropouts-y-independent-n1000", truth: 0, sample: (seed) => { const r = rng(3719000 + seed), { L, dropout } = DRIFT; return rows(1000, (i) => [r.u() < dropout ? 0 : r.normal() + (L * i) / 1000, r.normal()]); } },
];
