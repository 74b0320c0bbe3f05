// node bench/accuracy/unseen35/rare-rows-cost.mjs [first probe] [last probe]: what the rows-extreme-in-both rule
// (rareRowsDisagreement, lib/src/estimators/co-extreme.ts) costs on calls that were trusted and right before it: on the
// coverage battery's draws (coverage/calls.jsonl, data seed 1000·k + seed) and on the unseen probes' sets (seeds 0 and 1,
// their *.jsonl records), how many such calls it would untrust (its bound clearly above 0 and the call's estimate below
// it) and how many it would widen
// past the trusted width (upper end beyond the estimate by 2·estimate + 0.25). The bound is drawn with seed 1, not the
// call's own, as ../unseen31/strongest-bound-change.mjs does.
import { readFileSync } from "fs";
import { coExtremeBound, rareRowsDisagreement } from "neural-mi/dist/estimators/co-extreme.js";
import { coverageTasks } from "../coverage/tasks.mjs";
import { probesWithRecords } from "../probe-records.mjs";

const [first = 4, last = 34] = process.argv.slice(2).map(Number);
const here = new URL(".", import.meta.url).pathname;
const toMatrix = (rows) => {
  const r = Array.from(rows, (row) => (typeof row === "number" ? [row] : Array.from(row)));
  return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length };
};
const judge = (bound, r) => {
  const check = rareRowsDisagreement(bound, r.estimate);
  return { untrusts: check.reason !== undefined, widens: check.upperEnd !== undefined && check.upperEnd - r.estimate > 2 * Math.max(0, r.estimate) + 0.25 };
};
const tally = { draws: 0, flagged: 0, ok: 0, untrusted: 0, widened: 0 };
const count = (label, data, calls) => {
  let bound;
  try {
    const [mx, my] = [toMatrix(data.x), toMatrix(data.y)];
    if (!mx.values.every(Number.isFinite) || !my.values.every(Number.isFinite)) return;
    bound = coExtremeBound(mx, my, 1);
  } catch { return; }
  tally.draws += 1;
  tally.ok += calls.length;
  const verdicts = calls.map((r) => judge(bound, r));
  const u = verdicts.filter((v) => v.untrusts).length, w = verdicts.filter((v) => !v.untrusts && v.widens).length;
  tally.untrusted += u;
  tally.widened += w;
  if (u + w > 0) { tally.flagged += 1; console.log(`${label}: bound ${bound.estimate.toFixed(4)} ± ${bound.standardError.toFixed(4)}; ${u} of ${calls.length} trusted-and-right calls untrusted, ${w} widened past the trusted width`); }
};
const coverage = readFileSync(`${here}../coverage/calls.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
for (const [k, t] of coverageTasks().entries()) {
  for (let s = 0; s < 20; s++) count(`coverage ${t.name} seed ${s}`, t.task.sample(t.n, 1000 * k + s), coverage.filter((r) => r.task === t.name && r.seed === s && r.trusted && r.held));
}
console.log(`coverage: ${tally.draws} draws, ${tally.ok} trusted-and-right calls, ${tally.untrusted} untrusted and ${tally.widened} widened by the rule`);
Object.assign(tally, { draws: 0, flagged: 0, ok: 0, untrusted: 0, widened: 0 });
for await (const { probe, sets, records } of probesWithRecords(first, last)) {
  // each set, method and seed ever trusted and right, its latest such record
  const ok = new Map();
  for (const r of records) if (r.verdict === "ok" && Number.isFinite(r.estimate) && Number.isFinite(r.lo)) ok.set(`${r.set}|${r.method}|${r.seed}`, r);
  for (const set of sets) {
    for (const seed of [0, 1]) {
      let data;
      try { data = set.sample(seed); } catch { continue; }
      if (!data?.x) continue;
      count(`${probe} ${set.name} seed ${seed}`, data, [...ok.values()].filter((r) => r.set === set.name && r.seed === seed));
    }
  }
}
console.log(`probes unseen${first}–unseen${last}: ${tally.draws} draws, ${tally.ok} trusted-and-right calls, ${tally.untrusted} untrusted and ${tally.widened} widened by the rule`);
