// node bench/accuracy/unseen17/check-truths.mjs: each finite truth of sets.mjs against a Monte Carlo mean of log p(x, y)/(p(x)p(y))
// over 200 000 draws of the set's own sampler's model (its standard error beside it); the Likert table against cell frequencies.
import { rng } from "../unseen5/sets.mjs";
import { Phi } from "../unseen15/sets.mjs";
import { SETS, likertTable, discreteTruth, LIKERT_X, LIKERT_Y, FLAG_P, FLAG_MEANS } from "./sets.mjs";

const M = 200000;
const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const truth = (name) => { const s = SETS.find((t) => t.name.startsWith(name)); return typeof s.truth === "function" ? s.truth() : s.truth; };
function mc(name, draw) {
  let s = 0, s2 = 0;
  for (let i = 0; i < M; i++) { const v = draw(); s += v; s2 += v * v; }
  const mean = s / M, se = Math.sqrt((s2 / M - mean * mean) / M), t = truth(name);
  console.log(`${name.padEnd(44)} truth ${t.toFixed(4)}  Monte Carlo ${mean.toFixed(4)} ± ${se.toFixed(4)}  (${((mean - t) / se).toFixed(2)} se)`);
}
{ // Likert: the cells' probabilities against their frequencies in 200 000 draws, through the MI of each
  const r = rng(9170), table = likertTable(0.7), counts = table.map((row) => row.map(() => 0));
  const level = (z, cuts) => { let k = 0; while (k < cuts.length && z > cuts[k]) k++; return k; };
  for (let i = 0; i < M; i++) { const a = r.normal(), b = 0.7 * a + Math.sqrt(0.51) * r.normal(); counts[level(a, LIKERT_X)][level(b, LIKERT_Y)]++; }
  const total = table.flat().reduce((a, v) => a + v, 0), worst = Math.max(...table.flat().map((p, k) => Math.abs(p - counts.flat()[k] / M) / Math.sqrt(p / M)));
  console.log(`likert5-x-likert7-y                          truth ${discreteTruth(table).toFixed(4)}  plug-in of 200 000 draws ${discreteTruth(counts.map((row) => row.map((c) => c / M))).toFixed(4)}; cells sum to ${total.toFixed(6)}, largest cell gap ${worst.toFixed(2)} se`);
}
{ // clamped: log p(y | x)/p(y), p(y | atom) = φ_Y(y)·P(z > c | y)/P(z > c)
  const r = rng(9171), c = 0.5, s = 0.5, sy = Math.sqrt(1 + s * s), tail = 1 - Phi(c);
  mc("x-clamped-both-ends", () => { const z = r.normal(), y = z + s * r.normal(), py = phi(y / sy) / sy;
    if (Math.abs(z) < c) return Math.log(phi((y - z) / s) / s / py);
    const m = y / (sy * sy), sd = s / sy, beyond = z > c ? 1 - Phi((c - m) / sd) : Phi((-c - m) / sd); return Math.log(beyond / tail); });
}
{ const r = rng(9172); mc("five-levels-plus-uniform", () => { const k = r.int(5), y = k + 1.5 * (r.u() - 0.5); let m = 0; for (let j = 0; j < 5; j++) if (Math.abs(y - j) <= 0.75) m++; return Math.log((1 / 1.5) / (m / (5 * 1.5))); }); }
{ const r = rng(9173); mc("bit-flag-classes", () => { let u = r.u(), k = 0; while (k < 4 && u > FLAG_P[k]) { u -= FLAG_P[k]; k++; } const y = FLAG_MEANS[k] + r.normal(); return Math.log(phi(y - FLAG_MEANS[k]) / FLAG_P.reduce((a, p, j) => a + p * phi(y - FLAG_MEANS[j]), 0)); }); }
