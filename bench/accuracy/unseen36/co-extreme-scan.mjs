// node bench/accuracy/unseen36/co-extreme-scan.mjs [set pattern] [draws]: the rows-extreme-in-both bound (co-extreme.ts,
// drawn with seed 1) on draws 0..draws−1 of this probe's sets: how often it is clearly above 0 (1.645 standard errors, when
// an estimate below it loses trust), how often it is above the truth (it is a lower bound: it should not be), its mean and
// largest share of the truth, and its largest upper 95 % end (to which an interval's upper end is raised).
import { SETS } from "./sets.mjs";
import { coExtremeBound } from "neural-mi/dist/estimators/co-extreme.js";

const [pattern = ".", draws = 20] = process.argv.slice(2);
const toMatrix = (rows) => {
  const r = Array.from(rows, (row) => (typeof row === "number" ? [row] : Array.from(row)));
  return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length };
};
for (const set of SETS.filter((s) => new RegExp(pattern).test(s.name))) {
  const truth = typeof set.truth === "function" ? set.truth() : set.truth;
  let shown = 0, above = 0, defined = 0, sum = 0, top = -Infinity, upper = -Infinity;
  for (let seed = 0; seed < Number(draws); seed++) {
    const { x, y } = set.sample(seed), b = coExtremeBound(toMatrix(x), toMatrix(y), 1);
    if (b === undefined) continue;
    defined += 1;
    if (b.estimate > 1.645 * b.standardError) shown += 1;
    if (b.estimate > truth) above += 1;
    sum += b.estimate; top = Math.max(top, b.estimate); upper = Math.max(upper, b.estimate + 1.96 * b.standardError);
  }
  console.log(`${set.name.padEnd(54)} truth ${truth.toFixed(3)}  defined ${defined}/${draws}  clearly above 0 ${shown}  above the truth ${above}  mean ${(sum / Math.max(defined, 1)).toFixed(3)}  largest ${top.toFixed(3)}  largest upper end ${upper.toFixed(3)}`);
}
