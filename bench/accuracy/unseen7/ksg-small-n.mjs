// node bench/accuracy/unseen7/ksg-small-n.mjs [draws]: KSG near the fewest samples it trusts, at high MI
// (ρ up to 0.999) and at independence, with neighbors 3, 5 and the default; counts trusted intervals
// that miss the truth (a 95 % interval misses 1 in 20 on average).
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const draws = Number(process.argv[2] ?? 100);
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
for (const [k, ns] of [[3, [24, 30, 48]], [5, [40, 60]], [undefined, [80, 120]]]) for (const n of ns) for (const rho of [0, 0.9, 0.99, 0.999]) {
  let trusted = 0, miss = 0, below = 0, above = 0, errors = 0; const truth = gaussI(rho); let worst = "";
  for (let d = 0; d < draws; d++) {
    const r = rng(50000 + d + 1000 * n); const x = [], y = [];
    for (let i = 0; i < n; i++) { const a = r.normal(); x.push([a]); y.push([rho * a + Math.sqrt(1 - rho * rho) * r.normal()]); }
    try {
      const res = await estimateMI(x, y, { method: "ksg", seed: d, ...(k === undefined ? {} : { neighbors: k }) });
      if (!res.trusted) continue; trusted++;
      const [lo, hi] = res.interval; if (truth < lo) { miss++; below++; worst = `${res.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`; } else if (truth > hi) { miss++; above++; worst = `${res.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`; }
    } catch (e) { errors++; }
  }
  console.log(`k=${k ?? "default"} n=${n} rho=${rho} truth=${truth.toFixed(3)}: trusted ${trusted}/${draws}, missed ${miss} (truth below ${below}, above ${above}) errors ${errors} ${worst}`);
}
