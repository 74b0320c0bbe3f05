// node bench/accuracy/unseen33/check-truths.mjs: the truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3399001 on), with the densities found otherwise than in sets.mjs
// (quadratures over the hidden variable where sets.mjs has a closed form, another change of variables, whole mixtures),
// and plug-in MIs of a million discrete draws.
import {
  rng, SETS, CHAIN, chainPath, TREND, TREND_X, plackettDraw, plackettDensity, t3Quantile, UBETA, betaDraw, betaFunction, BATCH, SWAP,
  swapJoint, swapMarginX, swapMarginY, miOf, betaDrawLog, normalDensity, quadrature, Phi, EULER_GAMMA, probit,
} from "./sets.mjs";
import { monteCarlo, report, line, f4, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const mc = (n) => `Monte Carlo (${n})`;
/** plug-in MI of n discrete pairs */
function plugInMI(pairs) {
  const n = pairs.length, joint = new Map(), px = new Map(), py = new Map();
  const add = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [a, b] of pairs) { add(joint, `${a},${b}`); add(px, a); add(py, b); }
  let s = 0;
  for (const [k, c] of joint) { const [a, b] = k.split(",").map(Number); s += (c / n) * Math.log((c * n) / (px.get(a) * py.get(b))); }
  return s;
}

// the chain: the plug-in MI of the consecutive pairs of one path of a million steps (sets.mjs: the stationary law in closed form)
{
  const p = chainPath(rng(3399001), CHAIN, 1000000);
  line("markov-chain", `truth ${f4(truthOf("markov-chain"))}  plug-in of a path of 1 000 000 steps ${f4(plugInMI(p.slice(1).map((v, t) => [p[t], v])))}`);
}

// the trends: p(x, y) a quadrature over the row's place u (sets.mjs: the Gaussian product integral in closed form)
report("linear-trend-shared", truthOf("linear-trend-3sd"), meanSe(20000, 3399002, (r) => {
  const u = r.u(), x = TREND * u + r.normal(), y = TREND * u + r.normal();
  const pxy = quadrature(0, 1, 2000, (w) => normalDensity(x - TREND * w) * normalDensity(y - TREND * w));
  const m = (v) => quadrature(0, 1, 2000, (w) => normalDensity(v - TREND * w));
  return Math.log(pxy / (m(x) * m(y)));
}), mc(20000));
report("linear-trend-x-only", truthOf("linear-trend-5sd"), meanSe(20000, 3399003, (r) => {
  const { slope: T, noise: s } = TREND_X, u = r.u(), e = r.normal(), x = T * u + e, y = e + s * r.normal();
  const pxy = quadrature(0, 1, 2000, (w) => normalDensity(x - T * w) * normalDensity(y - (x - T * w), s));
  const px = quadrature(0, 1, 2000, (w) => normalDensity(x - T * w));
  return Math.log(pxy / (px * normalDensity(y, Math.sqrt(1 + s * s))));
}), mc(20000));

// Plackett: the mean of log c on the conditional-inversion draws (checks the sampler and the 2-D quadrature together)
report("plackett-theta20", truthOf("plackett"), meanSe(400000, 3399004, (r) => { const [u, v] = plackettDraw(r); return Math.log(plackettDensity(u, v)); }), mc(400000));

// Student-t margins: the quantile against the t₃ CDF's known points (F(1) = 0.8045, F(3.182) = 0.975), and the copula kept
// (the normal scores' correlation of 200 000 drawn pairs)
{
  const r = rng(3399005);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < 200000; i++) { const a = r.normal(), b = 0.8 * a + 0.6 * r.normal(); const back = (t) => probit(Math.min(Math.max(0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI, 1e-16), 1 - 1e-16)); const p = back(a < 0 ? -t3Quantile(Phi(-a)) : t3Quantile(Phi(a))), q = back(b < 0 ? -t3Quantile(Phi(-b)) : t3Quantile(Phi(b))); sxy += p * q; sxx += p * p; syy += q * q; }
  const rho = sxy / Math.sqrt(sxx * syy);
  line("gauss-copula-t3-margins", `truth ${f4(truthOf("gauss-copula"))}  t3 quantile(0.975) ${f4(t3Quantile(0.975))} (3.1824)  from the normal scores' correlation (200 000) ${f4(-0.5 * Math.log(1 - rho * rho))}`);
}

// U-shaped Beta: p(y) with x = s^10 on each half instead of x = s^5 (sets.mjs), on Jöhnk's draws
{
  const a = UBETA.a, B = betaFunction(a, a), k = 10, top = 0.5 ** (1 / k);
  const half = (g) => quadrature(0, top, 3000, (s) => { const x = s ** k; return k * s ** (k - 1) * x ** (a - 1) * (1 - x) ** (a - 1) * g(x); });
  const py = (y) => (half((x) => normalDensity(y - x, UBETA.noise)) + half((x) => normalDensity(y - 1 + x, UBETA.noise))) / B;
  report("u-shaped-beta0.2", truthOf("u-shaped-beta"), meanSe(20000, 3399006, (r) => { const x = betaDraw(r), y = x + UBETA.noise * r.normal(); return Math.log(normalDensity(y - x, UBETA.noise) / py(y)); }), mc(20000));
}

// y = x·U: E₁(y) as the quadrature ∫_0^∞ e^(−y·e^v) dv (sets.mjs: a series and a continued fraction)
report("exponential-times-uniform", truthOf("exponential-x"), meanSe(100000, 3399007, (r) => {
  const x = -Math.log(r.u()), y = x * r.u(), e1 = quadrature(0, 8, 4000, (v) => Math.exp(-y * Math.exp(v)));
  return Math.log(1 / x / e1);
}), mc(100000));
line("euler-gamma", `γ ${EULER_GAMMA}`);

// the batches: the whole ten-component mixtures (sets.mjs: H(batch) + I(0.5), the batches told apart exactly)
report("ten-batches", truthOf("ten-batches"), meanSe(200000, 3399008, (r) => {
  let u = r.u(), k = 0; while (k < 9 && u >= BATCH.weights[k]) { u -= BATCH.weights[k]; k++; }
  const a = r.normal(), b = BATCH.rho * a + Math.sqrt(1 - BATCH.rho ** 2) * r.normal(), x = BATCH.gap * k + a, y = BATCH.gap * BATCH.yOrder[k] + b, q = Math.sqrt(1 - BATCH.rho ** 2);
  const joint = BATCH.weights.reduce((s, w, j) => { const dx = x - BATCH.gap * j, dy = y - BATCH.gap * BATCH.yOrder[j]; return s + w * normalDensity(dx) * normalDensity(dy - BATCH.rho * dx, q); }, 0);
  const px = BATCH.weights.reduce((s, w, j) => s + w * normalDensity(x - BATCH.gap * j), 0), pyv = BATCH.weights.reduce((s, w, j) => s + w * normalDensity(y - BATCH.gap * BATCH.yOrder[j]), 0);
  return Math.log(joint / (px * pyv));
}), mc(200000));

// structural zeros: the plug-in MI of a million draws
{ const r = rng(3399009); line("structural-zeros", `truth ${f4(truthOf("structural-zeros"))}  plug-in (1 000 000) ${f4(plugInMI(Array.from({ length: 1000000 }, () => { const x = r.int(6); return [x, x + r.int(6 - x)]; })))}`); }

// swapped rows: Monte Carlo on the sampler's draws, and the quadrature on a wider box at a finer grid
report("x-and-y-swapped", truthOf("x-and-y-swapped"), meanSe(200000, 3399010, (r) => {
  const x0 = r.normal(), y0 = SWAP.shift + x0 + SWAP.noise * r.normal(), [x, y] = r.u() < SWAP.swapped ? [y0, x0] : [x0, y0];
  return Math.log(swapJoint(x, y) / (swapMarginX(x) * swapMarginY(y)));
}), mc(200000));
line("x-and-y-swapped", `truth ${f4(truthOf("x-and-y-swapped"))}  quadrature on [−9, 13]², 2000² ${f4(miOf(swapJoint, swapMarginX, swapMarginY, [-9, 13, -9, 13], 2000))}`);

// the harder batch. U-shaped Beta(0.05, 0.05): p(y) with x = s^40 on each half (sets.mjs: x = s^20), on the log-domain draws
// as stored (8 % of them exactly 1)
{
  const a = 0.05, B = betaFunction(a, a), k = 40, top = 0.5 ** (1 / k);
  const half = (g) => quadrature(0, top, 4000, (s) => { const x = s ** k; return k * s ** (k - 1) * x ** (a - 1) * (1 - x) ** (a - 1) * g(x); });
  const py = (y) => (half((x) => normalDensity(y - x, UBETA.noise)) + half((x) => normalDensity(y - 1 + x, UBETA.noise))) / B;
  report("u-shaped-beta0.05", truthOf("u-shaped-beta0.05"), meanSe(10000, 3399011, (r) => { const x = betaDrawLog(r, a), y = x + UBETA.noise * r.normal(); return Math.log(normalDensity(y - x, UBETA.noise) / py(y)); }), mc(10000));
}
// Plackett θ = 0.05: the mean of log c on its draws (the quadrature equals θ = 20's, as c_θ(u, v) = c_1/θ(u, 1 − v))
report("plackett-theta0.05", truthOf("plackett-copula-theta0.05"), meanSe(400000, 3399012, (r) => { const [u, v] = plackettDraw(r, 0.05); return Math.log(plackettDensity(u, v, 0.05)); }), mc(400000));
// the shuffled chain pairs: the plug-in of a path of a million steps is the line "markov-chain" above
