// node bench/accuracy/unseen31/norm-bound-scan.mjs [first probe] [last probe]: the rows' norms bound
// (lib/src/estimators/norm-bound.ts, three coordinates or more in all) on the coverage tasks' data (20 seeds, against the
// trusted calls of ../coverage/calls.jsonl) and on every probe's sets (seeds 0 and 1): where it is clearly above the truth
// (it must not be: a lower bound), and which trusted-and-right calls it is clearly above (1.645 standard errors of the
// difference, as the cross-check takes it), each of which it would untrust.
import { readFileSync } from "fs";
import { normLowerBound } from "neural-mi/dist/estimators/norm-bound.js";
import { coverageTasks } from "../coverage/tasks.mjs";
import { probeDraws, probesWithRecords } from "../probe-records.mjs";

const [first = 2, last = 31] = process.argv.slice(2).map(Number);
const ONE_SIDED_95 = 1.645;
const f3 = (v) => v.toFixed(3);
const toMatrix = (rows) => {
  const r = Array.from(rows, (row) => (typeof row === "number" ? [row] : Array.from(row)));
  return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length };
};
const boundOn = (x, y, seed) => {
  try {
    const [mx, my] = [toMatrix(x), toMatrix(y)];
    if (!mx.values.every(Number.isFinite) || !my.values.every(Number.isFinite)) return undefined;
    return normLowerBound(mx, my, seed);
  } catch {
    return undefined;
  }
};
const z = (bound, r) => (bound.estimate - r.estimate) / Math.hypot(bound.standardError, (r.estimate - r.lo) / 1.96);

const here = new URL("..", import.meta.url).pathname;
const coverageCalls = readFileSync(`${here}coverage/calls.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
let coverageDraws = 0, coverageDefined = 0, coverageOver = 0, coverageOk = 0, coverageTurned = 0;
for (const [k, t] of coverageTasks().entries()) {
  for (let s = 0; s < 20; s++) {
    const { x, y } = t.task.sample(t.n, 1000 * k + s);
    coverageDraws += 1;
    const bound = boundOn(x, y, s);
    if (bound === undefined) continue;
    coverageDefined += 1;
    if (bound.estimate - t.task.trueMI > ONE_SIDED_95 * bound.standardError) coverageOver += 1;
    const calls = coverageCalls.filter((r) => r.task === t.name && r.seed === s && r.trusted && r.held);
    coverageOk += calls.length;
    const alarms = calls.filter((r) => z(bound, r) > ONE_SIDED_95);
    coverageTurned += alarms.length;
    for (const r of alarms) console.log(`coverage ${t.name} seed ${s}: bound ${f3(bound.estimate)} ± ${f3(bound.standardError)} clearly above ${r.method} ${f3(r.estimate)} [${f3(r.lo)}, ${f3(r.hi)}]`);
  }
}
console.log(`coverage tasks: the bound defined on ${coverageDefined} of ${coverageDraws} draws, clearly above the truth on ${coverageOver}; ${coverageTurned} of ${coverageOk} trusted-and-right calls on them clearly below it`);

let sets = 0, aboveTruth = 0, okCalls = 0, turned = 0;
for await (const { probe, set: s, seed, data, ok } of probeDraws(probesWithRecords(first, last))) {
  const bound = boundOn(data.x, data.y, seed);
  if (bound === undefined) continue;
  sets += 1;
  const truth = typeof s.truth === "function" ? s.truth() : s.truth;
  const calls = ok.filter((r) => r.set === s.name && r.seed === seed);
  const alarms = calls.filter((r) => z(bound, r) > ONE_SIDED_95);
  const over = Number.isFinite(truth) && bound.estimate - truth > ONE_SIDED_95 * bound.standardError;
  if (over) aboveTruth += 1;
  okCalls += calls.length;
  turned += alarms.length;
  if (over || alarms.length > 0 || bound.estimate - ONE_SIDED_95 * bound.standardError > 0.1) {
    console.log(
      `${probe} ${s.name} seed ${seed}: bound ${f3(bound.estimate)} ± ${f3(bound.standardError)}, truth ${Number.isFinite(truth) ? f3(truth) : truth}` +
        `${over ? " ABOVE THE TRUTH" : ""}; ${calls.length} trusted-and-right calls, ${alarms.length} clearly below it` +
        (alarms.length > 0 ? ` (${alarms.map((r) => `${r.method} ${f3(r.estimate)} [${f3(r.lo)}, ${f3(r.hi)}]`).join("; ")})` : ""),
    );
  }
}
console.log(`probe sets: the bound defined on ${sets} data sets (seeds 0 and 1); clearly above the truth on ${aboveTruth}; ${turned} of ${okCalls} trusted-and-right calls on them clearly below it`);
