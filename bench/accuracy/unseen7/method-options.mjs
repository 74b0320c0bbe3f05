// node bench/accuracy/unseen7/method-options.mjs: each method's own options at the ends of their ranges on a
// Gaussian pair (ρ = 0.8, n = 1000): MINE's β, MI-NEE's refBatchFactor and reference, InfoNCE's negatives, SMILE's
// clip, KSG's neighbors; and the learning rates 1, 3, 10 on every neural method. Verdicts as run-probe.mjs's.
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const truth = -0.5 * Math.log(1 - 0.64);
const r = rng(9200); const x = [], y = [];
for (let i = 0; i < 1000; i++) { const a = r.normal(); x.push([a]); y.push([0.8 * a + 0.6 * r.normal()]); }
const CASES = [
  ["mine", { beta: 1 }], ["mine", { beta: 1e-6 }], ["mine", { beta: 0 }],
  ["minee", { refBatchFactor: 0.01 }], ["minee", { refBatchFactor: 50 }], ["minee", { reference: "uniform" }], ["minee", { reference: "uniform", learningRate: 1 }],
  ["infonce", { negatives: 1 }], ["infonce", { negatives: 2 }], ["infonce", { negatives: 5000 }],
  ["smile", { clip: 1e-9 }], ["smile", { clip: 0.01 }], ["smile", { clip: 1000 }], ["smile", { clip: Infinity }],
  ["ksg", { neighbors: 0 }], ["ksg", { neighbors: 2.5 }],
  ...["mine", "mine-f", "minee", "infonce", "smile"].flatMap((m) => [1, 3, 10, 30].flatMap((lr) => [0, 1, 2].map((seed) => [m, { learningRate: lr, seed }]))),
];
for (const [method, opts] of CASES) {
  const t0 = Date.now(); let line;
  try { const res = await estimateMI(x, y, { method, seed: 0, ...opts }); const [lo, hi] = res.interval;
    const v = !Number.isFinite(res.estimate) || Number.isNaN(lo) ? "NONFINITE" : !res.trusted ? (lo <= truth ? "untrusted" : "untrusted-LO-ABOVE") : lo <= truth && truth <= hi ? "ok" : "SILENT-WRONG";
    line = `${v.padEnd(18)} ${method.padEnd(7)} ${JSON.stringify(opts).padEnd(34)} ${res.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] ${res.trusted ? "" : res.warnings.at(-1).slice(0, 110)}`;
  } catch (e) { line = `ERROR              ${method.padEnd(7)} ${JSON.stringify(opts).padEnd(34)} ${e.message.slice(0, 220)}`; }
  console.log(line, `${(Date.now() - t0) / 1000}s`);
}
