// node bench/accuracy/unseen6/options.mjs [methods] [seeds]: Gaussian pairs through estimateMI with the options a practitioner changes first
import fs from "node:fs";
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
function pairs(seed, n, d, rho) { const r = rng(seed); const x = [], y = []; for (let i = 0; i < n; i++) { const a = [], b = []; for (let j = 0; j < d; j++) { const u = r.normal(); a.push(u); b.push(rho * u + Math.sqrt(1 - rho * rho) * r.normal()); } x.push(a); y.push(b); } return { x, y, truth: d * gaussI(rho) }; }
const [methodList = "mine,mine-f,minee,infonce,smile", seedList = "0,1"] = process.argv.slice(2);
const OPTIONS = [{ steps: 100 }, { steps: 300 }, { steps: 800 }, { epochs: 5 }, { holdout: 0.1 }, { holdout: 0.6 }, { batchSize: 16 }, { batchSize: 1000 }, { hiddenSize: 4 }, { hiddenSize: 256 }, { patience: 1 }, { learningRate: 0.01 }, { learningRate: 1e-5 }];
for (const [d, rho] of [[1, 0.9], [3, 0.6]]) for (const opts of OPTIONS) for (const seed of seedList.split(",").map(Number)) {
  const { x, y, truth } = pairs(4000 + seed + 10 * d, 1000, d, rho);
  for (const method of methodList.split(",")) {
    if (method === "infonce" && opts.batchSize === 16) continue;
    let rec; const t0 = Date.now();
    try { const r = await estimateMI(x, y, { method, seed, ...opts }); const [lo, hi] = r.interval;
      rec = { d, opts, method, seed, truth, estimate: r.estimate, lo, hi, trusted: r.trusted, verdict: !Number.isFinite(r.estimate) ? "NONFINITE" : !r.trusted ? (lo <= truth ? "untrusted" : "untrusted-LO-ABOVE") : lo <= truth && truth <= hi ? "ok" : "SILENT-WRONG", warnings: r.warnings.map((w) => w.slice(0, 160)) };
    } catch (e) { rec = { d, opts, method, seed, truth, verdict: "ERROR", error: e.message.slice(0, 300) }; }
    rec.s = (Date.now() - t0) / 1000; fs.appendFileSync("options.jsonl", JSON.stringify(rec) + "\n");
    const f = (v) => (v === undefined ? "" : Number(v).toFixed(3));
    console.log(`${rec.verdict.padEnd(18)} ${d}+${d} ${JSON.stringify(opts).padEnd(22)} ${method.padEnd(7)} s${seed} ${f(rec.estimate)} [${f(rec.lo)}, ${f(rec.hi)}] truth ${f(truth)} ${rec.s}s ${rec.error ?? ""}`);
  }
}
