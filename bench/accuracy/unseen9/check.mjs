// node bench/accuracy/unseen9/check.mjs [draws] [set pattern]: each quadrature truth of sets.mjs against a Monte Carlo average of
// log p(y | x) − log p(y) over draws of the set's own sampler (densities written out here), within 4 standard errors.
import { SETS, SETS2, SETS3 } from "./sets.mjs";
import { Phi } from "../unseen8/sets.mjs";

const draws = Number(process.argv[2] ?? 200000);
const phi = (z, s = 1) => Math.exp(-0.5 * (z / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
const cellP = (c, h, m, s) => Phi((c + h / 2 - m) / s) - Phi((c - h / 2 - m) / s);
const isMultiple = (v, h) => Math.abs(v / h - Math.round(v / h)) < 1e-12;
function heaped(rho, h, p) {
  const s = Math.sqrt(1 - rho * rho);
  return (a, b) => isMultiple(b, h)
    ? Math.log(cellP(b, h, rho * a, s) / cellP(b, h, 0, 1))
    : Math.log(phi(b - rho * a, s) / phi(b));
}
function clipped(rho, c) {
  const s = Math.sqrt(1 - rho * rho);
  return (a, b) => b >= c ? Math.log((1 - Phi((c - rho * a) / s)) / (1 - Phi(c)))
    : b <= -c ? Math.log(Phi((-c - rho * a) / s) / Phi(-c))
    : Math.log(phi(b - rho * a, s) / phi(b));
}
function selected(rho, t) {
  const s = Math.sqrt(1 - rho * rho);
  return (a, b) => Math.log(phi(b - rho * a, s) / ((phi(b) * (1 - Phi((t - rho * b) / s))) / (1 - Phi(t))));
}
function compositional(sigma) {
  // p(y) = E_L φ(y − L; σ) by a second route: the logistic's quantile on a midpoint grid of probabilities
  const m = 20000, ls = Array.from({ length: m }, (_, i) => { const u = (i + 0.5) / m; return Math.log(u / (1 - u)); });
  return (x, b) => { const l = Math.log(x[0] / x[2]); let py = 0; for (const v of ls) py += phi(b - v, sigma); py /= m; return Math.log(phi(b - l, sigma) / py); };
}
const logUniform = (a) => (x, b) => { const u = Math.log10(x); return Math.log(phi(b - u) / ((Phi(b + a) - Phi(b - a)) / (2 * a))); };
const randomSign = (sigma) => (a, b) => Math.log((0.5 * (phi(b - a, sigma) + phi(b + a, sigma))) / phi(b, Math.sqrt(1 + sigma * sigma)));
function poissonLink(beta) {
  const lf = [0]; for (let k = 1; k <= 4000; k++) lf.push(lf[k - 1] + Math.log(k));
  const G = 20000, lo = -10, d = 20 / G, pk = new Map();
  const py = (k) => { if (!pk.has(k)) { let t = 0; for (let i = 0; i < G; i++) { const x = lo + (i + 0.5) * d, lam = Math.exp(beta * x); t += phi(x) * d * Math.exp(k * beta * x - lam - lf[k]); } pk.set(k, t); } return pk.get(k); };
  return (a, k) => { const lam = Math.exp(beta * a); return k * beta * a - lam - lf[k] - Math.log(py(k)); };
}
// p(y) of sin(U) + σN by Gauss–Chebyshev nodes of the arcsine law (the quadrature used a grid in the angle)
function sinePeriods(sigma) {
  const M = 4000, vs = Array.from({ length: M }, (_, j) => Math.cos(((2 * j + 1) * Math.PI) / (2 * M)));
  return (a, b) => { let py = 0; for (const v of vs) py += phi(b - v, sigma); return Math.log(phi(b - Math.sin(a), sigma) / (py / M)); };
}
// p(y) of X² + σN as a sum over a fixed fine grid in x (the quadrature used the two short intervals per y)
function squareSmallNoise(sigma) {
  const d = sigma / 200;
  return (a, b) => { let py = 0; const r = Math.sqrt(Math.max(0, b + 10 * sigma)), l = Math.sqrt(Math.max(0, b - 10 * sigma));
    for (let x = l + d / 2; x < r; x += d) py += 2 * phi(x) * phi(b - x * x, sigma) * d; return Math.log(phi(b - a * a, sigma) / py); };
}
// float32 x: the cell of width 1/16 about the stored value; Y | cell by the cell's probability
function float32Cells(rho) {
  const s = Math.sqrt(1 - rho * rho), h = 1 / 16;
  return (xv, b) => { const c = xv - 1e6; const pj = Phi((c + h / 2 - rho * b) / s) - Phi((c - h / 2 - rho * b) / s); return Math.log(pj / (Phi(c + h / 2) - Phi(c - h / 2))); };
}
const LOG_RATIO = {
  "sine-10-periods-0.05noise": sinePeriods(0.05),
  "x-squared-plus-0.01noise": squareSmallNoise(0.01),
  "float32-x-at-offset-1e6-rho0.9": float32Cells(0.9),
  "heaped-y-40pct-to-0.5-rho0.9": heaped(0.9, 0.5, 0.4),
  "heaped-y-60pct-to-1-rho0.8": heaped(0.8, 1, 0.6),
  "clipped-y-at-0.5-rho0.9": clipped(0.9, 0.5),
  "clipped-y-at-1.5-rho0.7": clipped(0.7, 1.5),
  "clipped-y-at-0.1-rho0.99": clipped(0.99, 0.1),
  "heaped-y-40pct-to-0.5-rho0.99": heaped(0.99, 0.5, 0.4),
  "selected-x-above-3-rho0.8": selected(0.8, 3),
  "poisson-log-link-beta0.3": poissonLink(0.3),
  "random-sign-x-plus-0.05noise": randomSign(0.05),
  "selected-x-above-1.5-rho0.8": selected(0.8, 1.5),
  "compositional-x-3parts": compositional(0.5),
  "log-uniform-x-12-decades": logUniform(6),
  "random-sign-x-plus-0.3noise": randomSign(0.3),
  "poisson-log-link-beta1": poissonLink(1),
  "poisson-log-link-beta1.5": poissonLink(1.5),
};
const slow = new Set(["compositional-x-3parts", "sine-10-periods-0.05noise", "x-squared-plus-0.01noise"]);
for (const s of [...SETS, ...SETS2, ...SETS3].filter((t) => LOG_RATIO[t.name] && (process.argv[3] === undefined || new RegExp(process.argv[3]).test(t.name)))) {
  const f = LOG_RATIO[s.name], n = slow.has(s.name) ? draws / 20 : draws;
  let sum = 0, sq = 0, k = 0;
  for (let seed = 1000; k < n; seed++) {
    const { x, y } = s.sample(seed);
    for (let i = 0; i < x.length && k < n; i++, k++) { const xi = ArrayBuffer.isView(x) ? x[i] : x[i].length > 1 ? x[i] : x[i][0]; const v = f(xi, y[i][0]); sum += v; sq += v * v; }
  }
  const mean = sum / n, se = Math.sqrt((sq / n - mean * mean) / n), truth = typeof s.truth === "function" ? s.truth() : s.truth;
  console.log(`${s.name.padEnd(40)} quadrature ${truth.toFixed(5)}  Monte Carlo ${mean.toFixed(5)} ± ${se.toFixed(5)}  ${Math.abs(truth - mean) < 4 * se ? "agree" : "DISAGREE"}`);
}
