// node bench/accuracy/unseen24/principal-components-scan.mjs [first probe] [last probe]: where the regression bound's new fit on
// a side's principal components runs (lib/src/estimators/principal-components.ts: a side of 2 columns or more, nearly
// collinear, beside one column): on the coverage tasks' data (20 seeds) and on every probe's sets from the fourth on (seeds
// 0 and 1), which data sets those are, and there the regression bound against the truth and against the trusted-and-right
// calls the probes recorded (clearly above a call: 1.645 standard errors of the difference, as the cross-check takes it).
// ../unseen21/regression-bound-scan.mjs gives the bound on every set; this names the sets the change reaches.
import { nearlyCollinearComponents } from "neural-mi/dist/estimators/principal-components.js";
import { regressionLowerBound } from "neural-mi/dist/estimators/regression-bound.js";
import { coverageTasks } from "../coverage/tasks.mjs";
import { probeDraws, probesWithRecords } from "../probe-records.mjs";

const [first = 4, last = 24] = process.argv.slice(2).map(Number);
const ONE_SIDED_95 = 1.645;
const f3 = (v) => v.toFixed(3);
const toMatrix = (rows) => {
  const r = Array.from(rows, (row) => (typeof row === "number" ? [row] : Array.from(row)));
  return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length };
};
/** the nearly collinear side beside a one-column side, if any (the shapes the new fit takes) */
function reached(x, y) {
  try {
    const [mx, my] = [toMatrix(x), toMatrix(y)];
    if (!mx.values.every(Number.isFinite) || !my.values.every(Number.isFinite)) return undefined;
    if (my.cols === 1 && nearlyCollinearComponents(mx)) return { side: "x", mx, my, share: nearlyCollinearComponents(mx).leastShare };
    if (mx.cols === 1 && nearlyCollinearComponents(my)) return { side: "y", mx, my, share: nearlyCollinearComponents(my).leastShare };
  } catch {
    return undefined;
  }
  return undefined;
}

let coverageReached = 0;
for (const [k, t] of coverageTasks().entries()) {
  for (let s = 0; s < 20; s++) {
    const { x, y } = t.task.sample(t.n, 1000 * k + s);
    if (reached(x, y)) coverageReached += 1;
  }
}
console.log(`coverage tasks: the new fit is reached on ${coverageReached} of their draws`);

let sets = 0;
let aboveTruth = 0;
let okCalls = 0;
let turned = 0;
for await (const { probe, set: s, seed, data, ok } of probeDraws(probesWithRecords(first, last))) {
  const hit = reached(data.x, data.y);
  if (hit === undefined) continue;
  sets += 1;
  const bound = regressionLowerBound(hit.mx, hit.my, seed);
  const truth = typeof s.truth === "function" ? s.truth() : s.truth;
  const calls = ok.filter((r) => r.set === s.name && r.seed === seed);
  const z = (r) => (bound.estimate - r.estimate) / Math.hypot(bound.standardError, (r.estimate - r.lo) / 1.96);
  const alarms = bound === undefined ? [] : calls.filter((r) => z(r) > ONE_SIDED_95);
  const over = bound !== undefined && Number.isFinite(truth) && bound.estimate - truth > ONE_SIDED_95 * bound.standardError;
  if (over) aboveTruth += 1;
  okCalls += calls.length;
  turned += alarms.length;
  console.log(
    `${probe} ${s.name} seed ${seed}: ${hit.side} nearly collinear (least share ${hit.share.toExponential(1)}); ` +
      (bound === undefined ? "bound undefined" : `bound ${f3(bound.estimate)} ± ${f3(bound.standardError)}${/principal component/.test(bound.description) ? " (by the principal components)" : ""}`) +
      `, truth ${Number.isFinite(truth) ? f3(truth) : truth}${over ? " ABOVE THE TRUTH" : ""}; ${calls.length} trusted-and-right calls, ${alarms.length} clearly below it` +
      (alarms.length > 0 ? ` (${alarms.map((r) => `${r.method} ${f3(r.estimate)} [${f3(r.lo)}, ${f3(r.hi)}]`).join("; ")})` : ""),
  );
}
console.log(`probe sets: the new fit is reached on ${sets} data sets; the bound clearly above the truth on ${aboveTruth}; ${turned} of ${okCalls} trusted-and-right calls on them clearly below it`);
