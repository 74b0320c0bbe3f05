// node bench/accuracy/unseen43/check-truths.mjs > check-truths.txt: each set's truth against a Monte Carlo mean of the log
// ratio p(x, y)/p(x)p(y) written from the generating model, on draws of seeds of their own. The GARCH pairs: as the truth
// is computed (sets.mjs), on other draws, σ's histogram from another path and twice as fine. The shares: Dirichlet densities
// of the aggregated parts.
import { monteCarlo, report } from "../monte-carlo.mjs";
import { rng, SETS, GARCH, GARCH_STRONG, garchTruth, gammaDraw } from "./sets.mjs";
import { logGamma } from "neural-mi";

const mc = monteCarlo(rng);
const truthOf = (name) => { const s = SETS.find((t) => t.name === name); return typeof s.truth === "function" ? s.truth() : s.truth; };

for (const [name, p] of [["garch-0.1-0.85-hidden-volatility-consecutive-returns-n1000", GARCH], ["garch-0.3-0.6-hidden-volatility-consecutive-returns-n1000", GARCH_STRONG]]) {
  // draws, path and grid of their own (the truth's: seeds 4306000–4306001, 400 cells)
  report(name.slice(0, 34), truthOf(name), garchTruth(p, 100000, 800, 4309100), "MC log ratio (100 000 draws, 800 cells of σ)");
}

const sum = (v) => v.reduce((a, b) => a + b, 0);
/** log density of a Dirichlet(a) at the shares `full` (all of them, summing to 1) */
const logDir = (a, full) => {  return logGamma(sum(a)) - sum(a.map(logGamma)) + sum(a.map((v, j) => (v - 1) * Math.log(full[j]))); };
for (const [name, alphas, xs, ys] of [["dirichlet-edge-0.2-shares-3x3-n1000", [1, 1, 1, 1, 1, 1, 0.2], [0, 1, 2], [3, 4, 5]], ["dirichlet-edge-0.2-shares-2x2-n2000", [1, 1, 1, 1, 0.2], [0, 1], [2, 3]]]) {
  const a0 = sum(alphas), ax = xs.map((j) => alphas[j]), ay = ys.map((j) => alphas[j]);
    // the shares from the gamma draws, the rest among them (1 − Σ shares rounds to 0 or below where the rest is tiny)
  const part = (g, t, taken) => [...taken.map((j) => g[j] / t), sum(g.filter((_, j) => !taken.includes(j))) / t];
  report(name.slice(0, 34), truthOf(name), mc.meanSe(400000, 4309200, (r) => {
    const g = alphas.map((a) => gammaDraw(r, a));
    const t = sum(g);
    return logDir([...ax, ...ay, a0 - sum(ax) - sum(ay)], part(g, t, [...xs, ...ys])) - logDir([...ax, a0 - sum(ax)], part(g, t, xs)) - logDir([...ay, a0 - sum(ay)], part(g, t, ys));
  }), "MC log ratio (400 000 draws)");
}
