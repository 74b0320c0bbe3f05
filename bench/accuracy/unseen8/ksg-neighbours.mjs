// node bench/accuracy/unseen8/ksg-neighbours.mjs [ks] [rhos] [ns] [draws]: KSG with neighbors other than its default 10,
// on Gaussian pairs (I = −½ log(1 − ρ²)): how many calls are trusted, and how many trusted intervals miss the truth
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const [ks = "1,2,3,5,20,50", rhos = "0.6,0.9,0.99", ns = "200,1000", draws = "30"] = process.argv.slice(2);
for (const k of ks.split(",").map(Number)) for (const rho of rhos.split(",").map(Number)) for (const n of ns.split(",").map(Number)) {
  const truth = -0.5 * Math.log(1 - rho * rho);
  let trusted = 0, missLow = 0, missHigh = 0, sum = 0, refused = 0;
  for (let d = 0; d < +draws; d++) {
    const r = rng(50000 + 1000 * k + 100 * d + n);
    const x = [], y = [];
    for (let i = 0; i < n; i++) { const a = r.normal(); x.push(a); y.push(rho * a + Math.sqrt(1 - rho * rho) * r.normal()); }
    try {
      const res = await estimateMI(x, y, { method: "ksg", neighbors: k, seed: d });
      sum += res.estimate;
      if (res.trusted) { trusted++; if (res.interval[1] < truth) missLow++; if (res.interval[0] > truth) missHigh++; }
    } catch { refused++; }
  }
  console.log(`k=${String(k).padEnd(3)} rho=${String(rho).padEnd(5)} n=${String(n).padEnd(5)} truth ${truth.toFixed(3)} mean ${(sum / (+draws - refused)).toFixed(3)} trusted ${trusted}/${draws} misses below ${missLow} above ${missHigh} refused ${refused}`);
}
