#!/usr/bin/env node
// The five data sets, each estimator with its defaults over several seeds: mean ± sd
// of the estimate, how many seeds are solved (|log(estimate/truth)| < log 1.5, or |estimate|
// < 0.1 nats where the truth is 0), whether the interval covered the truth, how many results
// were trusted, non-finite estimates, and the mean wall and CPU time per call (the CPU time
// is what a call costs on an idle core; on a shared machine the wall time is longer).
//
//   node bench/estimators/check.mjs [seeds] [methods,comma,separated] [sets,comma,separated]
//
// Not part of npm test: it trains for minutes.
import { init, estimateMI, correlatedPairs, gaussianMixture, Rng } from "neural-mi";

const seeds = Number(process.argv[2] ?? 10);
const methods = (process.argv[3] ?? "mine,mine-f,minee,ksg").split(",");
const only = process.argv[4]?.split(",");

function independent(n, seed) {
  const rng = new Rng(seed);
  return { x: Array.from({ length: n }, () => rng.normals(5)), y: Array.from({ length: n }, () => rng.normals(5)) };
}

const SETS = {
  gaussian: { truth: correlatedPairs(1, 0.9).mutualInformation(), draw: (s) => correlatedPairs(1, 0.9).sample(1000, 1000 + s) },
  cubed: {
    truth: correlatedPairs(1, 0.9).mutualInformation(),
    draw: (s) => {
      const d = correlatedPairs(1, 0.9).sample(1000, 1000 + s);
      return { x: d.x, y: d.y.map((r) => r.map((v) => v ** 3)) };
    },
  },
  mixture: { truth: gaussianMixture().mutualInformation(), draw: (s) => gaussianMixture().sample(400, 1000 + s) },
  "gaussian-6+6": { truth: correlatedPairs(6, 0.9).mutualInformation(), draw: (s) => correlatedPairs(6, 0.9).sample(1000, 1000 + s) },
  "independent-5+5": { truth: 0, draw: (s) => independent(1000, 1000 + s) },
};

await init();
const rows = [];
for (const [name, set] of Object.entries(SETS)) {
  if (only && !only.includes(name)) continue;
  for (const method of methods) {
    const estimates = [];
    let solved = 0, covered = 0, trusted = 0, nonFinite = 0, seconds = 0, cpu = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const { x, y } = set.draw(seed);
      const before = process.cpuUsage();
      const r = await estimateMI(x, y, { method, seed, ...JSON.parse(process.env.OPTIONS ?? "{}") });
      const used = process.cpuUsage(before);
      cpu += (used.user + used.system) / 1e6;
      estimates.push(r.estimate);
      seconds += r.seconds;
      if (!Number.isFinite(r.estimate)) nonFinite++;
      const ok = set.truth === 0 ? Math.abs(r.estimate) < 0.1 : Math.abs(Math.log(r.estimate / set.truth)) < Math.log(1.5);
      if (ok) solved++;
      if (r.interval[0] <= set.truth && set.truth <= r.interval[1]) covered++;
      if (r.trusted) trusted++;
      if (process.env.VERBOSE) console.log(name, method, seed, r.estimate.toFixed(3), r.interval.map((v) => v.toFixed(3)), r.trusted, r.diagnostics.stoppedBecause, r.diagnostics.bestStep, r.diagnostics.steps, r.seconds, r.warnings.join(" | "));
    }
    const m = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const sd = Math.sqrt(estimates.reduce((a, v) => a + (v - m) ** 2, 0) / Math.max(1, estimates.length - 1));
    const row = `| ${name} | ${set.truth.toFixed(3)} | ${method} | ${m.toFixed(3)} ± ${sd.toFixed(3)} | ${solved}/${seeds} | ${covered}/${seeds} | ${trusted}/${seeds} | ${nonFinite} | ${(seconds / seeds).toFixed(2)} | ${(cpu / seeds).toFixed(2)} |`;
    console.log(row);
    rows.push(row);
  }
}
console.log("\n| data | truth (nats) | method | estimate (mean ± sd) | solved | interval covers | trusted | non-finite | wall s/call | CPU s/call |");
console.log("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
rows.forEach((r) => console.log(r));
