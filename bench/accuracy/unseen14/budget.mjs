// node bench/accuracy/unseen14/budget.mjs: the sets with a curve in a share of the rows (I = ∞), whose default
// runs were untrusted mostly by a held-out estimate still rising, with 5 times the default step budget
import { init, estimator } from "neural-mi";
import { CURVES } from "./sets.mjs";

await init();
for (const s of CURVES) {
  const { x, y } = s.sample(0);
  for (const method of ["mine", "smile", "minee"]) {
    const r = await estimator(method).estimate(x, y, { seed: 0, steps: 15000 });
    const verdict = r.trusted && r.interval[1] !== Infinity ? "SILENT-WRONG" : "untrusted";
    console.log(`${verdict} ${s.name} ${method} steps 15000: ${r.estimate.toFixed(3)} [${r.interval.map((v) => v.toFixed(3)).join(", ")}] ${r.warnings.map((w) => w.slice(0, 80)).join(" | ")}`);
  }
}
