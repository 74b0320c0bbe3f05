// node bench/accuracy/unseen38/plug-in-change.mjs [first probe] [last probe]: where the plug-in MI's permutation bias
// (plugInMI, lib/src/estimators/cross-check.ts) changes the reference: on the coverage battery's draws and the unseen probes'
// sets (seeds 0 and 1), every draw where the plug-in MI applies, the Miller–Madow estimate alone (as before) beside the one
// less its bias on permutations (now), and the draw's truth; the draws where they differ by more than 0.01 are listed.
import { plugInMI } from "neural-mi/dist/estimators/cross-check.js";
import { coverageTasks } from "../coverage/tasks.mjs";
import { probesWithRecords } from "../probe-records.mjs";

const [first = 4, last = 38] = process.argv.slice(2).map(Number);
const toMatrix = (rows) => {
  const r = Array.from(rows, (row) => (typeof row === "number" ? [row] : Array.from(row)));
  return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length };
};
/** the Miller–Madow plug-in MI alone, as plugInMI gave it before */
function millerMadow(x, y) {
  const key = (m, i) => Array.from(m.values.subarray(i * m.cols, (i + 1) * m.cols)).join(",");
  const n = x.rows, kx = Array.from({ length: n }, (_, i) => key(x, i)), ky = Array.from({ length: n }, (_, i) => key(y, i));
  const count = (keys) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map());
  const [cx, cy] = [count(kx), count(ky)], kj = kx.map((k, i) => `${k}|${ky[i]}`), cj = count(kj);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log((n * cj.get(kj[i])) / (cx.get(kx[i]) * cy.get(ky[i])));
  return s / n - (cj.size - cx.size - cy.size + 1) / (2 * n);
}
let [draws, applies, moved] = [0, 0, 0];
const look = (label, data, truth) => {
  let x, y;
  try { [x, y] = [toMatrix(data.x), toMatrix(data.y)]; } catch { return; }
  if (!x.values.every(Number.isFinite) || !y.values.every(Number.isFinite) || x.rows !== y.rows) return;
  draws++;
  const now = plugInMI(x, y, 0);
  if (now === undefined) return;
  applies++;
  const before = millerMadow(x, y);
  if (Math.abs(before - now.estimate) > 0.01) { moved++; console.log(`${label}: before ${before.toFixed(4)}, now ${now.estimate.toFixed(4)} ± ${now.standardError.toFixed(4)}, truth ${typeof truth === "number" ? truth.toFixed(4) : "?"}`); }
};
for (const [k, t] of coverageTasks().entries()) for (let s = 0; s < 20; s++) look(`coverage ${t.name} seed ${s}`, t.task.sample(t.n, 1000 * k + s), t.truth);
for await (const { probe, sets, records } of probesWithRecords(first, last)) {
  for (const set of sets) {
    const truth = records.find((r) => r.set === set.name && Number.isFinite(r.truth))?.truth;
    for (const seed of [0, 1]) {
      let data;
      try { data = set.sample(seed); } catch { continue; }
      if (data?.x) look(`${probe} ${set.name} seed ${seed}`, data, truth);
    }
  }
}
console.log(`${draws} draws, the plug-in MI applies on ${applies}, moved by more than 0.01 on ${moved}`);
