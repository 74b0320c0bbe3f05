// node bench/accuracy/unseen22/check-truths.mjs: the truths of sets.mjs against Monte Carlo on draws of their own (seed 2221 on),
// as a mean of log p(y | x)/p(y) with its standard error where the densities are known, as plug-in entropies of many draws where
// a side is a count or a label, and as H(Y) less a Monte Carlo H(Y | X) for the rounded readings.
import { rng, phi, gaussI, REGIME, WEAK, SETS, roundedReadingDraw } from "./sets.mjs";
import { f4, line, monteCarlo, report, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe, plugInEntropy } = monteCarlo(rng);

const logN = (v, mu, sd) => Math.log(phi((v - mu) / sd) / sd);
const TWO_PI = 2 * Math.PI;
/** plug-in MI of n draws of a pair of discrete values */
function plugInMI(n, seed, draw) { const r = rng(seed), j = new Map(), a = new Map(), b = new Map(), inc = (m, k) => m.set(k, (m.get(k) ?? 0) + 1); for (let i = 0; i < n; i++) { const [u, v] = draw(r); inc(j, `${u},${v}`); inc(a, u); inc(b, v); } const H = (m) => [...m.values()].reduce((s, c) => s - (c / n) * Math.log(c / n), 0); return H(a) + H(b) - H(j); }

// the fraction k/40 is an injective relabelling of the count: its plug-in entropy
line("fraction of positive columns", `truth ${f4(truthOf("fraction-of-positive"))}  plug-in entropy of 1 000 000 draws of k/40 ${f4(plugInEntropy(1000000, 2221, (r) => { const z = r.normal(); let k = 0; for (let i = 0; i < 40; i++) if (Math.sqrt(0.3) * z + Math.sqrt(0.7) * r.normal() > 0) k++; return k / 40; }))}`);

// rounded readings: H(Y) by the plug-in entropy of 1 000 000 draws, H(Y | X) as the Monte Carlo mean of −log P(y | x)
for (const [name, prefix, step] of [["reading rounded to half units", "reading-x-plus-0.3noise-rounded-to-half", 0.5], ["reading rounded to whole units", "reading-x-plus-0.3noise-rounded-to-whole", 1]]) {
  const HY = plugInEntropy(1000000, 2222 + step, (r) => roundedReadingDraw(r, step, 0.3)[1]);
  const { Phi } = await import("./sets.mjs");
  const [m, se] = meanSe(400000, 2224 + step, (r) => { const [x, y] = roundedReadingDraw(r, step, 0.3); return -Math.log(Phi((y + step / 2 - x) / 0.3) - Phi((y - step / 2 - x) / 0.3)); });
  report(name, truthOf(prefix), [HY - m, se], "plug-in H(Y) − Monte Carlo H(Y | X) (1 000 000, 400 000)");
}

// both sides rounded: the plug-in MI of 2 000 000 rounded pairs (bias about (cells − 1)²/2n, below 3e-5 here)
line("pair rounded to grid 1.5", `truth ${f4(truthOf("gauss-rho0.9-both-sides-rounded"))}  plug-in MI of 2 000 000 draws ${f4(plugInMI(2000000, 2226, (r) => { const a = r.normal(), b = 0.9 * a + Math.sqrt(1 - 0.81) * r.normal(); return [1.5 * Math.round(a / 1.5), 1.5 * Math.round(b / 1.5)]; }))}`);

// thirty weak pairs: the sum over pairs of log of the bivariate density ratio
{ const rho = 0.15, s = Math.sqrt(1 - rho * rho); report("thirty weak pairs", truthOf("thirty-weak"), meanSe(100000, 2227, (r) => { let l = 0; for (let k = 0; k < 30; k++) { const a = r.normal(), b = rho * a + s * r.normal(); l += logN(b, rho * a, s) - logN(b, 0, 1); } return l; }), "Monte Carlo (100 000)"); }

// the maximum of 40 columns: the draws take the actual maximum; p(y) from the order statistic's density d φ Φ^(d−1) by a
// quadrature tabulated on a grid and interpolated
{
  const { Phi } = await import("./sets.mjs");
  const d = 40, sigma = 0.1, lo = -3, hi = 7, m = 5000, h = (hi - lo) / m, pm = Array.from({ length: m }, (_, i) => { const v = lo + (i + 0.5) * h; return [v, d * phi(v) * Phi(v) ** (d - 1) * h]; });
  const G = 4000, gh = (hi - lo) / G, table = Array.from({ length: G + 1 }, (_, j) => { const y = lo + j * gh; return pm.reduce((p, [v, w]) => p + w * phi((y - v) / sigma) / sigma, 0); });
  const pY = (y) => { const t = (y - lo) / gh, j = Math.floor(t), f = t - j; return table[j] * (1 - f) + table[j + 1] * f; };
  report("max of 40 columns", truthOf("max-of-40"), meanSe(100000, 2228, (r) => { let M = -Infinity; for (let k = 0; k < d; k++) M = Math.max(M, r.normal()); const y = M + sigma * r.normal(); return logN(y, M, sigma) - Math.log(pY(y)); }), "Monte Carlo (100 000)");
}

// the argmax of 10 columns: its plug-in entropy (log 10 = 2.3026)
line("argmax of 10 columns", `truth ${f4(truthOf("argmax-of-10"))}  plug-in entropy of 1 000 000 draws ${f4(plugInEntropy(1000000, 2229, (r) => { let best = 0, bv = -Infinity; for (let k = 0; k < 10; k++) { const v = r.normal(); if (v > bv) { bv = v; best = k; } } return best; }))}`);

// raw angles: log f_WN(y − x mod 2π) − log(1/2π), the wrapped normal's density summed over 9 windings
{ const wn = (t) => { let p = 0; for (let k = -4; k <= 4; k++) p += phi((t + TWO_PI * k) / 0.3) / 0.3; return p; }; const wrap = (v) => v - TWO_PI * Math.floor(v / TWO_PI); report("raw angles wrapped", truthOf("raw-angles"), meanSe(400000, 2230, (r) => { const t = TWO_PI * r.u(), y = wrap(t + 0.3 * r.normal()); return Math.log(wn(wrap(y - t))) + Math.log(TWO_PI); }), "Monte Carlo (400 000)"); }

// hour of day: log N(y; 8 sin(2π h/24), 1) − log of the 24-normal mixture
{ const mu = Array.from({ length: 24 }, (_, k) => 8 * Math.sin(TWO_PI * k / 24)); report("hour of day", truthOf("hour-of-day"), meanSe(400000, 2231, (r) => { const h = r.int(24), y = mu[h] + r.normal(); return logN(y, mu[h], 1) - Math.log(mu.reduce((p, m) => p + Math.exp(logN(y, m, 1)) / 24, 0)); }), "Monte Carlo (400 000)"); }

// the sticky regime: each row's pair has the stationary law (a fair state); the chain's long-run share of state 1 and the
// per-row log ratios on independent draws
{
  const r = rng(2232); let s = 0, ones = 0; const N = 4000000; for (let i = 0; i < N; i++) { if (r.u() > REGIME.stay) s = 1 - s; ones += s; }
  line("sticky regime", `share of state 1 over a chain of 4 000 000 rows ${(ones / N).toFixed(4)} (stationary 0.5)`);
  report("  state x, y = 2s + noise", truthOf("sticky-regime-stay0.995-rows"), meanSe(2000000, 2233, (q) => { const b = q.u() < 0.5 ? 1 : 0, y = REGIME.shift * b + q.normal(); return logN(y, REGIME.shift * b, 1) - Math.log(0.5 * Math.exp(logN(y, 0, 1)) + 0.5 * Math.exp(logN(y, REGIME.shift, 1))); }), "Monte Carlo (2 000 000)");
  { let I = Math.log(2); const h = 1e-4; for (let y = -12; y < 14; y += h) { const a = phi(y), b = phi(y - REGIME.shift), q = b / (a + b); if (q > 0 && q < 1) I -= 0.5 * (a + b) * h * (-q * Math.log(q) - (1 - q) * Math.log(1 - q)); } line("", `the same truth as log 2 − E h₂(P(s = 1 | y)), a second quadrature: ${f4(I)}`); }
  report("  both sides state + 0.5 noise", truthOf("sticky-regime-stay0.995-x-state"), meanSe(400000, 2234, (q) => {
    const b = q.u() < 0.5 ? 1 : 0, x = b + 0.5 * q.normal(), y = b + 0.5 * q.normal(), n = (v, m) => Math.exp(logN(v, m, 0.5));
    const p1 = n(x, 1) / (n(x, 1) + n(x, 0)); return Math.log(p1 * n(y, 1) + (1 - p1) * n(y, 0)) - Math.log(0.5 * n(y, 1) + 0.5 * n(y, 0));
  }), "Monte Carlo (400 000)");
}

// a sum of 40 weak effects: log N(y; b Σx, 1) − log N(y; 0, 1 + 40 b²)
report("sum of 40 weak effects", truthOf("sum-of-40"), meanSe(100000, 2235, (r) => { let s = 0; for (let k = 0; k < WEAK.d; k++) s += r.normal(); const y = WEAK.b * s + r.normal(); return logN(y, WEAK.b * s, 1) - logN(y, 0, Math.sqrt(1 + WEAK.d * WEAK.b * WEAK.b)); }), "Monte Carlo (100 000)");
line("", `(closed forms: thirty pairs 30·(−½ log(1 − 0.15²)) = ${f4(30 * gaussI(0.15))})`);
