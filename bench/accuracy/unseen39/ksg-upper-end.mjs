// node bench/accuracy/unseen39/ksg-upper-end.mjs [draws]: the upper end of KSG's interval as the cross-check of trained
// estimates reads it (ksgPointEstimate), on draws of the Dirichlet(0.3) shares (0.929 nats) and of a Gaussian pair
// ρ = 0.6 (0.223), both n = 1000: how often it reaches the truth, and its mean.
import { init } from "neural-mi";
import { ksgPointEstimate } from "neural-mi/dist/estimators/ksg.js";
import { SETS, rng } from "./sets.mjs";

await init();
const draws = Number(process.argv[2] ?? 20);
const column = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: Array.isArray(rows[0]) ? rows[0].length : 1 });
const dirichlet = SETS.find((s) => s.name.startsWith("dirichlet"));
const gauss = { name: "gauss-rho0.6-n1000", truth: -0.5 * Math.log(1 - 0.36), sample: (seed) => { const r = rng(3990000 + seed), x = [], y = []; for (let i = 0; i < 1000; i++) { const a = r.normal(); x.push(a); y.push(0.6 * a + 0.8 * r.normal()); } return { x, y }; } };
for (const set of [dirichlet, gauss]) {
  const truth = typeof set.truth === "function" ? set.truth() : set.truth;
  let reach = 0, sum = 0, sumEst = 0;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = set.sample(seed);
    const k = ksgPointEstimate(column(x), column(y), { seed });
    if (k.upperEnd >= truth) reach++;
    sum += k.upperEnd; sumEst += k.estimate;
  }
  console.log(`${set.name.padEnd(64)} truth ${truth.toFixed(3)}  KSG ${(sumEst / draws).toFixed(3)}  upper end ${(sum / draws).toFixed(3)} on average, at or above the truth in ${reach} of ${draws}`);
}
