// node bench/accuracy/unseen21/check-truths.mjs: the truths of sets.mjs against Monte Carlo on draws of their own (seed 2121 on),
// as a mean of log p(y | x)/p(y) with its standard error where the densities are known, as a plug-in entropy of many draws where
// y is a count, and as a Gaussian closed form where one exists; the margins of the tail-block copulas checked uniform, and the
// interval exchange inverted (so it is injective and the MI kept).
import { rng } from "../unseen5/sets.mjs";
import { gaussMI } from "../unseen16/sets.mjs";
import { SETS, Phi, phi, gaussI, tailBlockTruth, survivalDraw, EXCHANGE_X, EXCHANGE_Y, HIDDEN, poisson } from "./sets.mjs";
import { f4, line, monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe, plugInEntropy } = monteCarlo(rng);

const logN = (v, mu, sd) => Math.log(phi((v - mu) / sd) / sd);
const frac = (v) => v - Math.floor(v);

// sawtooth and modular sum: y = W + σN with W = frac(x) or frac(x₁ + x₂), p(y) = Φ(y/σ) − Φ((y − 1)/σ)
const pY = (y, sigma) => Phi(y / sigma) - Phi((y - 1) / sigma);
report("sawtooth", truthOf("sawtooth"), meanSe(400000, 2121, (r) => { const w = frac(8 * r.u()), y = w + 0.05 * r.normal(); return logN(y, w, 0.05) - Math.log(pY(y, 0.05)); }), "Monte Carlo (400 000)");
report("modular sum", truthOf("modular-sum"), meanSe(400000, 2122, (r) => { const w = frac(r.u() + r.u()), y = w + 0.1 * r.normal(); return logN(y, w, 0.1) - Math.log(pY(y, 0.1)); }), "Monte Carlo (400 000)");

// tail blocks: the copula density is c_ρ(z₁, z₂) inside a block, 1 outside; the same draws give the margins' largest gap to uniform
for (const [name, a, rho, blocks] of [["upper tail block", 0.3, 0.99, 1], ["both tail blocks", 0.25, 0.995, 2]]) {
  const n = 2000000, us = [], r = rng(2123 + blocks);
  let s = 0, s2 = 0;
  const logC = (z1, z2) => Math.log(Math.exp(-(z1 * z1 - 2 * rho * z1 * z2 + z2 * z2) / (2 * (1 - rho * rho))) / Math.sqrt(1 - rho * rho)) + 0.5 * (z1 * z1 + z2 * z2);
  for (let i = 0; i < n; i++) {
    let u = r.u(), v = r.u(), l = 0;
    const inUpper = u > 1 - a && v > 1 - a, inLower = blocks === 2 && u < a && v < a;
    if (inUpper || inLower) { const z1 = r.normal(), z2 = rho * z1 + Math.sqrt(1 - rho * rho) * r.normal(); l = logC(z1, z2); u = inUpper ? 1 - a + a * Phi(z1) : a * Phi(z1); v = inUpper ? 1 - a + a * Phi(z2) : a * Phi(z2); }
    s += l; s2 += l * l; us.push(u);
  }
  const m = s / n;
  report(name, tailBlockTruth(a, rho, blocks), [m, Math.sqrt((s2 / n - m * m) / n)], "Monte Carlo (2 000 000)");
  us.sort((p, q) => p - q);
  const ks = us.reduce((d, u, i) => Math.max(d, Math.abs(u - (i + 0.5) / n)), 0);
  line("", `margin's largest gap to uniform (Kolmogorov) ${ks.toFixed(4)}, 5 % critical value ${(1.36 / Math.sqrt(n)).toFixed(4)}`);
}

// survival: log p(y, δ | x) − log p(y, δ), the marginal by the same x quadrature as the truth (the draws by sets.mjs's own sampler)
for (const [name, beta, lambda] of [["survival, censoring rate 0.5", 1, 0.5], ["survival, censoring rate 3", 1, 3]]) {
  const mx = 1600, dx = 16 / mx, xs = Array.from({ length: mx }, (_, i) => -8 + (i + 0.5) * dx), w = xs.map((x) => phi(x) * dx), tot = w.reduce((a, b) => a + b, 0);
  const rs = xs.map((x) => Math.exp(beta * x));
  const logMarginal = (t, d) => { let p = 0; for (let i = 0; i < mx; i++) p += (w[i] / tot) * (d ? rs[i] : lambda) * Math.exp(-(rs[i] + lambda) * t); return Math.log(p); };
  const est = meanSe(40000, 2126 + lambda, (r) => { const [x, [t, d]] = survivalDraw(r, beta, lambda), rate = Math.exp(beta * x); return Math.log(d ? rate : lambda) - (rate + lambda) * t - logMarginal(t, d); });
  report(name, truthOf(lambda === 3 ? "survival-time-and-event-flag-heavy" : "survival-time-and-event-flag-censoring-rate0.5"), est, "Monte Carlo (40 000)");
}

// interval exchange: undone on 100 000 draws
{ const r = rng(2128); let err = 0; for (let i = 0; i < 100000; i++) { const v = 3 * r.normal(); err = Math.max(err, Math.abs(EXCHANGE_X.inverse(EXCHANGE_X.map(v)) - v), Math.abs(EXCHANGE_Y.inverse(EXCHANGE_Y.map(v)) - v)); } line("interval exchange", `truth ${f4(gaussI(0.9))}; both maps undone on 100 000 points within ${err.toExponential(1)}`); }

// AR(1) window: the 41 values (window and next) are jointly Gaussian, Cov(s_i, s_j) = φ^|i−j|/(1 − φ²); I(window; next) from it
{ const d = 41, S = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => 0.9 ** Math.abs(i - j) / (1 - 0.81))); line("AR(1) window of 40", `truth ${f4(truthOf("ar1-phi0.9"))}  Gaussian log-det form over all 40 lags ${f4(gaussMI(S, 40))}`); }

// hidden bit: log p(y | x)/p(y) with the full 40 columns (not the mean), p(b | x) by Bayes
report("hidden bit over 40 columns", truthOf("hidden-bit"), meanSe(200000, 2129, (r) => {
  const b = r.u() < 0.5 ? 1 : -1, x = Array.from({ length: HIDDEN.d }, () => HIDDEN.shift * b + r.normal()), y = HIDDEN.yShift * b + r.normal();
  const llr = 2 * HIDDEN.shift * x.reduce((a, v) => a + v, 0), pPlus = 1 / (1 + Math.exp(-llr));
  const py = (s) => Math.exp(logN(y, s * HIDDEN.yShift, 1));
  return Math.log(pPlus * py(1) + (1 - pPlus) * py(-1)) - Math.log(0.5 * py(1) + 0.5 * py(-1));
}), "Monte Carlo (200 000)");

// the count of positive columns and the jittered Poisson: y tells a discrete value exactly, I = H of it; plug-in entropies
line("count of positive columns", `truth ${f4(truthOf("count-of-positive"))}  plug-in entropy of 1 000 000 draws ${f4(plugInEntropy(1000000, 2130, (r) => { const z = r.normal(); let k = 0; for (let i = 0; i < 40; i++) if (Math.sqrt(0.3) * z + Math.sqrt(0.7) * r.normal() > 0) k++; return k; }))}`);
line("jittered Poisson(4)", `truth ${f4(truthOf("poisson4"))}  plug-in entropy of 1 000 000 draws ${f4(plugInEntropy(1000000, 2131, (r) => poisson(r, 4)))}`);

// multiplexer: log N(y; v_k, 0.09) − log N(y; 0, 1.09)
report("multiplexer", truthOf("multiplexer"), meanSe(400000, 2132, (r) => { const v = r.normal(), y = v + 0.3 * r.normal(); return logN(y, v, 0.3) - logN(y, 0, Math.sqrt(1.09)); }), "Monte Carlo (400 000)");
