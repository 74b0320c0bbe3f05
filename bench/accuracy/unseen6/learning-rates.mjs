// node bench/accuracy/unseen6/learning-rates.mjs [methods]: a Gaussian pair (ρ = 0.9, n = 1000) at large learning rates and budgets of 1–2 epochs, through estimateMI and (MI-NEE) the MINEE class's per-epoch estimates
import { init, estimateMI, MINEE } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const r = rng(3); const n = 1000, rho = 0.9;
const x = [], y = [];
for (let i = 0; i < n; i++) { const u = r.normal(); x.push([u]); y.push([rho * u + Math.sqrt(1 - rho * rho) * r.normal()]); }
const truth = -0.5 * Math.log(1 - rho * rho);
for (const method of (process.argv[2] ?? "mine,mine-f,minee,infonce,smile").split(","))
  for (const opts of [{ learningRate: 1, epochs: 2 }, { learningRate: 1 }, { learningRate: 0.3, epochs: 2 }, { learningRate: 1, epochs: 2, fused: false }])
    for (const seed of [0, 1, 2]) {
      try {
        const res = await estimateMI(x, y, { method, seed, ...opts });
        const [lo, hi] = res.interval;
        const verdict = res.trusted ? (lo <= truth && truth <= hi ? "ok" : "SILENT-WRONG") : "untrusted";
        console.log(verdict.padEnd(12), method.padEnd(7), JSON.stringify(opts).padEnd(44), seed, res.estimate.toPrecision(4), `[${lo.toPrecision(4)}, ${hi.toPrecision(4)}]`, res.warnings.map((w) => w.slice(0, 80)).join(" | "));
      } catch (e) { console.log("ERROR".padEnd(12), method, JSON.stringify(opts), seed, e.message.slice(0, 200)); }
    }
for (const fused of [true, false]) {
  const t = new MINEE(x, y, { learningRate: 1, fused });
  const out = [];
  try { await t.train({ epochs: 10, onEpoch: (e, v) => out.push(v.toFixed(1)) }); } catch (e) { out.push("ERROR " + e.message.slice(0, 120)); }
  t.dispose();
  console.log(`MINEE class, learningRate 1, fused ${fused}, per epoch (truth ${truth.toFixed(3)}):`, out.join(" "));
}
