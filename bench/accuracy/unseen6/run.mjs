// node bench/accuracy/unseen5/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the sixth probe's sets through estimateMI with defaults and a seed
import fs from "node:fs";
import { init, estimateMI } from "neural-mi";
import { SETS, SETS2, SETS3, SETS4 } from "./sets.mjs";
const ALL = [...SETS, ...SETS2, ...SETS3, ...SETS4];
const [pattern = ".", methods = "ksg,mine", seeds = "0,1,2", out = "results.jsonl"] = process.argv.slice(2);
await init();
for (const set of ALL.filter((s) => new RegExp(pattern).test(s.name))) {
  const truth = set.truth();
  for (const seed of seeds.split(",").map(Number)) {
    const { x, y } = set.sample(seed);
    for (const method of methods.split(",")) {
      const t0 = Date.now(); let rec;
      try {
        const r = await estimateMI(x, y, { method, seed });
        const [lo, hi] = r.interval; const covers = lo <= truth && truth <= hi;
        const verdict = !Number.isFinite(r.estimate) || Number.isNaN(lo) ? "NONFINITE" : !r.trusted ? (lo <= truth ? "untrusted" : "untrusted-LO-ABOVE") : covers ? "ok" : "SILENT-WRONG";
        rec = { set: set.name, method, seed, truth, estimate: r.estimate, lo, hi, trusted: r.trusted, verdict, warnings: r.warnings.map((w) => w.slice(0, 160)) };
      } catch (e) { rec = { set: set.name, method, seed, truth, verdict: "ERROR", error: String(e.message).slice(0, 300) }; }
      rec.s = (Date.now() - t0) / 1000;
      fs.appendFileSync(out, JSON.stringify(rec) + "\n");
      const f = (v) => (v === undefined ? "" : Number(v).toFixed(3));
      console.log(`${rec.verdict.padEnd(18)} ${set.name.padEnd(20)} ${method.padEnd(6)} s${seed} ${f(rec.estimate)} [${f(rec.lo)}, ${f(rec.hi)}] truth ${f(truth)} ${rec.s}s ${rec.error ?? ""}`);
    }
  }
}
