// node bench/accuracy/coverage/summary.mjs [calls.jsonl]: per task × method, calls, trusted, trusted intervals
// holding the truth (coverage, with an exact one-sided 95 % upper Clopper–Pearson bound), mean width of
// trusted intervals, mean estimate (all calls), truth.
import { readFileSync } from "fs";
const file = process.argv[2] ?? new URL("./calls.jsonl", import.meta.url).pathname;
const rows = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const groups = new Map();
for (const r of rows) { const k = `${r.task}|${r.method}`; if (!groups.has(k)) groups.set(k, []); groups.get(k).push(r); }
// P(X ≤ k) for X ~ Binomial(n, p)
const cdf = (k, n, p) => { let s = 0, t = Math.pow(1 - p, n); for (let i = 0; i <= k; i++) { s += t; t *= ((n - i) / (i + 1)) * (p / (1 - p)); } return s; };
// the largest p with P(X ≤ k) ≥ 0.05: the upper 95 % bound on the coverage
const upper = (k, n) => { if (k === n) return 1; let lo = k / n, hi = 1; for (let i = 0; i < 50; i++) { const m = (lo + hi) / 2; if (cdf(k, n, m) >= 0.05) lo = m; else hi = m; } return lo; };
console.log("| task | method | truth | calls | trusted | held (trusted) | coverage | upper 95 % | mean width (trusted) | mean estimate | s.d. estimate | mean s (trusted) |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const [k, g] of groups) {
  const [task, method] = k.split("|");
  const tr = g.filter((r) => r.trusted), held = tr.filter((r) => r.held).length;
  const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
  const est = g.map((r) => r.estimate), m = mean(est), sd = Math.sqrt(mean(est.map((v) => (v - m) ** 2)) * g.length / Math.max(1, g.length - 1));
  const w = tr.length ? mean(tr.map((r) => r.hi - r.lo)).toFixed(3) : "–";
  const s = tr.length ? mean(tr.map((r) => (r.estimate - r.lo) / 1.96)).toFixed(3) : "–";
  const cov = tr.length ? `${(100 * held / tr.length).toFixed(0)} %` : "–";
  const up = tr.length ? `${(100 * upper(held, tr.length)).toFixed(0)} %` : "–";
  const flag = tr.length >= 10 && upper(held, tr.length) < 0.95 ? " **low**" : "";
  console.log(`| ${task} | ${method} | ${g[0].truth.toFixed(3)} | ${g.length} | ${tr.length} | ${held} | ${cov}${flag} | ${up} | ${w} | ${m.toFixed(3)} | ${sd.toFixed(3)} | ${s} |`);
}
