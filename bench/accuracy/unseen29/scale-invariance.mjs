// node bench/accuracy/unseen29/scale-invariance.mjs > scale-invariance.txt: the float32 sets against the same numbers
// brought back to unit scale (divided by 1e30 or 1e-30 in float64): KSG and MINE, seed 0, should agree (the MI does not
// depend on a column's unit).
import { init, estimator } from "neural-mi";
import { SETS } from "./sets.mjs";

await init();
const unit = (v, scale) => v / scale;
const cases = [
  ["float32array-x-at", (d) => ({ x: Array.from(d.x, (v) => unit(v, 1e30)), y: Array.from(d.y, (v) => unit(v, 1e-30)) })],
  ["float32array-rows-1e30", (d) => ({ x: d.x.map((r) => [unit(r[0], 1e30), unit(r[1], 1e-30)]), y: d.y.map((r) => [unit(r[0], 1e-30), unit(r[1], 1e30)]) })],
];
const f = (r) => `${r.estimate.toFixed(4)} [${r.interval[0].toFixed(4)}, ${r.interval[1].toFixed(4)}] ${r.trusted ? "trusted" : "untrusted"}`;
for (const [prefix, toUnit] of cases) {
  const set = SETS.find((s) => s.name.startsWith(prefix));
  const data = set.sample(0);
  for (const method of ["ksg", "mine"]) {
    const [a, b] = [await estimator(method).estimate(data.x, data.y, { seed: 0 }), await estimator(method).estimate(toUnit(data).x, toUnit(data).y, { seed: 0 })];
    console.log(`${set.name} ${method}: as given ${f(a)}; at unit scale ${f(b)}`);
  }
}
