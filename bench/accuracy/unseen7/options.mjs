// node bench/accuracy/unseen7/options.mjs [methods]: a Gaussian pair (ρ = 0.8, n = 1000) through estimateMI with the
// options a practitioner might pass that the sixth probe's options.mjs did not: odd seeds, tiny and huge batches,
// many epochs, extreme holdout, one hidden unit, patience 0/1000, large learning rates, bits; a line per call in options.jsonl.
import fs from "node:fs";
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const truth = -0.5 * Math.log(1 - 0.64);
const r = rng(9100); const x = [], y = [];
for (let i = 0; i < 1000; i++) { const a = r.normal(); x.push([a]); y.push([0.8 * a + 0.6 * r.normal()]); }
const [methodList = "mine,mine-f,minee,infonce,smile,ksg"] = process.argv.slice(2);
const OPTIONS = [{ seed: -1 }, { seed: 0.5 }, { seed: 2 ** 53 }, { seed: 1e20 }, { seed: NaN }, { batchSize: 1 }, { batchSize: 2 }, { batchSize: 5000 },
  { epochs: 300 }, { steps: 1 }, { holdout: 0.01 }, { holdout: 0.97 }, { hiddenSize: 1 }, { patience: 0 }, { patience: 1000, steps: 2000 },
  { learningRate: 0.1 }, { learningRate: 3 }, { unit: "bits" }, { neighbors: 1 }, { neighbors: 500 }];
for (const opts of OPTIONS) for (const method of methodList.split(",")) {
  if (method === "ksg" && !("neighbors" in opts) && !("seed" in opts) && !("unit" in opts)) continue;
  if (method !== "ksg" && "neighbors" in opts) continue;
  const t0 = Date.now(); let rec;
  const want = opts.unit === "bits" ? truth / Math.log(2) : truth;
  try { const res = await estimateMI(x, y, { method, seed: 0, ...opts }); const [lo, hi] = res.interval;
    rec = { opts: JSON.stringify(opts), method, truth: want, estimate: res.estimate, lo, hi, trusted: res.trusted, verdict: !Number.isFinite(res.estimate) ? "NONFINITE" : !res.trusted ? (lo <= want ? "untrusted" : "untrusted-LO-ABOVE") : lo <= want && want <= hi ? (hi - lo > 1 ? "ok-WIDE" : "ok") : "SILENT-WRONG", warnings: res.warnings.map((w) => w.slice(0, 200)) };
  } catch (e) { rec = { opts: JSON.stringify(opts), method, truth: want, verdict: "ERROR", error: String(e.message).slice(0, 300) }; }
  rec.s = (Date.now() - t0) / 1000; fs.appendFileSync("options.jsonl", JSON.stringify(rec) + "\n");
  const f = (v) => (v === undefined ? "" : Number(v).toFixed(3));
  console.log(`${rec.verdict.padEnd(18)} ${rec.opts.padEnd(32)} ${method.padEnd(7)} ${f(rec.estimate)} [${f(rec.lo)}, ${f(rec.hi)}] truth ${f(want)} ${rec.s}s ${rec.error ?? ""} ${rec.trusted === false ? rec.warnings[0]?.slice(0, 100) : ""}`);
}
