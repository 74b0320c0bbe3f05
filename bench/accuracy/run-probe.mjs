// The unseen probes' runner (bench/accuracy/unseen2 to unseen6): every method with its defaults
// (and the seed) on every set, a line per call in out.jsonl: the verdict (ok: trusted and the
// truth in the interval; SILENT-WRONG: trusted and the truth outside; untrusted;
// untrusted-LO-ABOVE: untrusted with the whole interval above the truth; NONFINITE: the estimate or
// the interval's lower end not a number; ERROR). A set's truth is a number, or a function computing it
// (a quadrature, done only when the set is run). The method "estimateMI" is a careless user's call: estimateMI(x, y) with no
// options at all (the default method and seed), whatever the seed asked.
import fs from "node:fs";
import { init, estimateMI, estimator, estimators } from "neural-mi";

const CARELESS_CALL = "estimateMI";

/**
 * @param {{ name: string, truth: number | (() => number), sample: (seed: number) => { x: unknown, y: unknown } }[]} sets
 * @param {string[]} args [set pattern] [methods] [seeds] [out.jsonl]
 */
export async function runProbe(sets, args) {
  const [pattern = ".", methodList = estimators().join(","), seedList = "0", out = "results.jsonl"] = args;
  await init();
  const re = new RegExp(pattern);
  const width = Math.max(...sets.map((s) => s.name.length)) + 2;
  const truths = new Map();
  const truthOf = (s) => {
    if (!truths.has(s.name)) truths.set(s.name, typeof s.truth === "function" ? s.truth() : s.truth);
    return truths.get(s.name);
  };
  for (const seed of seedList.split(",").map(Number)) {
    for (const s of sets.filter((t) => re.test(t.name))) {
      const truth = truthOf(s);
      const { x, y } = s.sample(seed);
      for (const method of methodList.split(",")) {
        const t0 = Date.now();
        let rec;
        try {
          const r = method === CARELESS_CALL ? await estimateMI(x, y) : await estimator(method).estimate(x, y, { seed });
          const [lo, hi] = r.interval;
          const covers = lo <= truth && truth <= hi;
          const verdict = !Number.isFinite(r.estimate) || Number.isNaN(lo) ? "NONFINITE" : !r.trusted ? (lo <= truth ? "untrusted" : "untrusted-LO-ABOVE") : covers ? "ok" : "SILENT-WRONG";
          rec = { set: s.name, method, seed, truth, estimate: r.estimate, lo, hi, trusted: r.trusted, verdict, warnings: r.warnings.map((w) => w.slice(0, 140)), s: (Date.now() - t0) / 1000 };
        } catch (e) {
          rec = { set: s.name, method, seed, truth, verdict: "ERROR", error: String(e.message).slice(0, 300), s: (Date.now() - t0) / 1000 };
        }
        fs.appendFileSync(out, JSON.stringify(rec) + "\n");
        const f = (v) => (v === undefined ? "" : Number(v).toFixed(3));
        console.log(`${rec.verdict.padEnd(18)} ${s.name.padEnd(width)} ${method.padEnd(7)} s${seed} ${f(rec.estimate)} [${f(rec.lo)}, ${f(rec.hi)}] truth ${f(truth)} ${rec.s}s ${rec.error ?? ""}`);
      }
    }
  }
}
