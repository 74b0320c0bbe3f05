// node bench/accuracy/unseen23/regression-bound-timing.mjs: the regression lower bound (lib/src/estimators/regression-bound.ts)
// on the twenty gates on twenty normals (40 columns, a continuous y) at n = 1000 and 4000, its value and its time, and on the
// sign gate and the twenty gates at n = 1000, seeds 0 and 1, as the probe drew them.
import { regressionLowerBound } from "neural-mi/dist/estimators/regression-bound.js";
import { SETS } from "./sets.mjs";

const toMatrix = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
const f3 = (v) => v.toFixed(3);
const gates = SETS.find((s) => s.name.startsWith("twenty-binary-gates"));
const signGate = SETS.find((s) => s.name.startsWith("sign-gate"));
// one untimed call first: the timings are of compiled code
regressionLowerBound(toMatrix(gates.sample(9, 1000).x), toMatrix(gates.sample(9, 1000).y), 9);
for (const n of [1000, 4000]) {
  const { x, y } = gates.sample(0, n);
  const started = process.cpuUsage();
  const bound = regressionLowerBound(toMatrix(x), toMatrix(y), 0);
  const used = process.cpuUsage(started);
  console.log(`gates, n = ${n} × 40 columns: bound ${f3(bound.estimate)} ± ${f3(bound.standardError)}, ${f3((used.user + used.system) / 1e6)} CPU s`);
}
for (const set of [signGate, gates]) {
  for (const seed of [0, 1]) {
    const { x, y } = set.sample(seed);
    const bound = regressionLowerBound(toMatrix(x), toMatrix(y), seed);
    console.log(`${set.name} seed ${seed}: bound ${f3(bound.estimate)} ± ${f3(bound.standardError)} (truth ${f3(typeof set.truth === "function" ? set.truth() : set.truth)}): ${bound.description}`);
  }
}
