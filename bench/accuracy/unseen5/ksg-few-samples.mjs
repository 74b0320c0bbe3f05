// node bench/accuracy/unseen5/ksg-few-samples.mjs [ns] [rhos] [draws] [k]: KSG on Gaussian pairs of a few dozen rows, how often a trusted interval misses
import { init, estimateMI } from "neural-mi";
import { rng } from "./sets.mjs";
await init();
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const [ns = "30,40,60,100,150", rhos = "0.3,0.5,0.6,0.7,0.8,0.9", S = "100", K = "10"] = process.argv.slice(2);
for (const n of ns.split(",").map(Number)) for (const rho of rhos.split(",").map(Number)) {
  const truth = gaussI(rho); let trusted = 0, wrong = 0, below = 0, est = 0;
  for (let s = 0; s < +S; s++) {
    const r = rng(50000 + n * 1000 + Math.round(rho * 100) * 7 + s * 13);
    const x = [], y = []; for (let i = 0; i < n; i++) { const a = r.normal(); x.push([a]); y.push([rho * a + Math.sqrt(1 - rho * rho) * r.normal()]); }
    const res = await estimateMI(x, y, { method: "ksg", seed: s, neighbors: +K });
    est += res.estimate / +S;
    if (res.trusted) { trusted++; if (truth < res.interval[0] || truth > res.interval[1]) { wrong++; if (truth > res.interval[1]) below++; } }
  }
  console.log(`n=${n} rho=${rho} truth=${truth.toFixed(3)} meanEst=${est.toFixed(3)} trusted=${trusted}/${S} wrong=${wrong} (truth above hi: ${below})`);
}
