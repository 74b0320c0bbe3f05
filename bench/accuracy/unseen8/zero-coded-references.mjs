// node bench/accuracy/unseen8/zero-coded-references.mjs [set] [seeds]: the cross-check's references on a set with repeated values
// (the tie-broken KSG and the coarsened lower bound), their upper ends against the truth, over many draws
import { SETS, SETS2, SETS3 } from "./sets.mjs";
import { tieBrokenKSG } from "../../../lib/dist/estimators/cross-check.js";
import { coarsenedPlugInLowerBound } from "../../../lib/dist/estimators/coarsened.js";
const [name = "zero-coded-missing-x10pct", seedsArg = "0-29"] = process.argv.slice(2);
const set = [...SETS, ...SETS2, ...SETS3].find((s) => s.name === name);
const truth = set.truth();
const [a, b] = seedsArg.split("-").map(Number);
const m64 = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
let below = 0, n = 0, sum = 0;
for (let seed = a; seed <= b; seed++) {
  const d = set.sample(seed); const x = m64(d.x), y = m64(d.y);
  const t = tieBrokenKSG(x, y, seed); const c = coarsenedPlugInLowerBound(x, y, seed);
  const upper = Math.max(t.upperEnd, c ? c.estimate + 1.96 * c.standardError : -Infinity);
  n++; sum += t.estimate; if (upper < truth) below++;
  console.log(`${name} s${seed} tie-broken KSG ${t.estimate.toFixed(3)} ± ${t.standardError.toFixed(3)} upper ${t.upperEnd.toFixed(3)}  coarsened ${c ? c.estimate.toFixed(3) : "-"}  reach ${upper.toFixed(3)} truth ${truth.toFixed(3)}${upper < truth ? "  BELOW" : ""}`);
}
console.log(`${name}: mean tie-broken KSG ${(sum / n).toFixed(3)} for ${truth.toFixed(3)}; upper end below the truth in ${below} of ${n}`);
