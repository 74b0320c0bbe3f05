// node bench/accuracy/unseen14/ksg-seeds.mjs: KSG with its defaults on the curve sets (I = ∞), seeds 0–19: how
// often it trusts a finite interval
import { init, estimator } from "neural-mi";
import { CURVES } from "./sets.mjs";

await init();
for (const s of CURVES) {
  const wrong = [];
  for (let seed = 0; seed < 20; seed++) {
    const { x, y } = s.sample(seed);
    const r = await estimator("ksg").estimate(x, y, { seed });
    if (r.trusted && r.interval[1] !== Infinity) wrong.push(`seed ${seed}: ${r.estimate.toFixed(3)} [${r.interval.map((v) => v.toFixed(3)).join(", ")}]`);
  }
  console.log(`${s.name}: trusted and finite in ${wrong.length} of 20 seeds${wrong.length ? ` (${wrong.join("; ")})` : ""}`);
}
