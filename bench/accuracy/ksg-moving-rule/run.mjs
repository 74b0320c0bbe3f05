// node bench/accuracy/ksg-moving-rule/run.mjs coverage|probes out.jsonl [longest recorded call, s]
// KSG with every significant move from n/2 to n let through (KSG_MOVING_RULE.decide replaced, the interval as is), one line per call:
// { source, set, seed, truth, estimate, lo, hi, trusted, warnings, move, s }. `move` is what the rule saw (null where
// the change was not significant and no rule applies); rules.mjs turns a line into each rule's verdict.
// coverage: every KSG call of ../coverage/calls.jsonl, drawn as ../coverage/run.mjs draws it; probes: every set of
// ../unseen4 … ../unseen20 (sets.mjs) at each seed some KSG record of that probe used, skipping sets whose
// recorded KSG call took longer than the limit (default 10 s).
import { appendFileSync, readFileSync } from "fs";
import * as mi from "neural-mi";
import { KSG_MOVING_RULE } from "neural-mi/dist/estimators/ksg.js";
import { coverageTasks } from "../coverage/tasks.mjs";
import { probesWithRecords } from "../probe-records.mjs";

const here = new URL("..", import.meta.url).pathname;
const [part, out, longestArg = "10"] = process.argv.slice(2);
if (!["coverage", "probes"].includes(part) || !out) throw new Error("usage: run.mjs coverage|probes out.jsonl [longest recorded call, s]");
const longest = Number(longestArg);
await mi.init();

let move = null;
KSG_MOVING_RULE.decide = (seen) => { move = seen; return { lowerBy: 0 }; };

async function call(source, set, seed, truth, x, y, estimatorSeed) {
  move = null;
  const t0 = Date.now();
  const r = await mi.estimator("ksg").estimate(x, y, { seed: estimatorSeed });
  const [lo, hi] = r.interval;
  const line = { source, set, seed, truth, estimate: r.estimate, lo, hi, trusted: r.trusted, warnings: r.warnings.map((w) => w.slice(0, 100)), move, s: (Date.now() - t0) / 1000 };
  appendFileSync(out, JSON.stringify(line) + "\n");
  console.log(`${source} ${set} s${seed}: ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] truth ${truth.toFixed(3)} ${r.trusted ? "trusted" : "untrusted"}${move ? " moved" : ""} ${line.s}s`);
}

if (part === "coverage") {
  // the tasks of ../coverage/run.mjs, in its order (the data seed is 1000·index + seed)
  const TASKS = coverageTasks();
  const calls = readFileSync(`${here}coverage/calls.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.method === "ksg");
  for (const [k, t] of TASKS.entries()) {
    const truth = t.task.mutualInformation();
    for (const r of calls.filter((c) => c.task === t.name)) {
      const { x, y } = t.task.sample(t.n, 1000 * k + r.seed);
      await call("coverage", t.name, r.seed, truth, x, y, 50000 + r.seed);
    }
  }
} else {
  for await (const { probe, sets, records } of probesWithRecords(4, 20)) {
    // the seeds of the probe's KSG records, per set, with the longest time recorded
    const recorded = new Map();
    for (const r of records.filter((record) => record.method === "ksg")) {
      const seeds = recorded.get(r.set) ?? new Map();
      seeds.set(r.seed, Math.max(seeds.get(r.seed) ?? 0, r.s ?? 0));
      recorded.set(r.set, seeds);
    }
    for (const s of sets) {
      const seeds = recorded.get(s.name);
      if (!seeds) continue;
      if (Math.max(...seeds.values()) > longest) { console.log(`${probe} ${s.name}: skipped (a recorded call took ${Math.max(...seeds.values())} s)`); continue; }
      const truth = typeof s.truth === "function" ? s.truth() : s.truth;
      for (const seed of [...seeds.keys()].sort((a, b) => a - b)) {
        const { x, y } = s.sample(seed);
        try { await call(probe, s.name, seed, truth, x, y, seed); }
        catch (e) { appendFileSync(out, JSON.stringify({ source: probe, set: s.name, seed, truth, error: String(e.message).slice(0, 200) }) + "\n"); }
      }
    }
  }
}
