// node bench/accuracy/unseen7/small-n.mjs: every method at and just above the fewest samples it accepts, for
// independence, ρ = 0.9 and ρ = 0.9999, and with odd batch sizes; looks for errors, non-finite numbers and
// untrusted intervals that do not reach the truth.
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
const tally = {};
for (const method of ["mine", "mine-f", "minee", "infonce", "smile", "ksg"]) for (const n of [20, 21, 24, 30, 34, 40]) for (const rho of [0, 0.9, 0.9999]) for (const extra of [{}, { batchSize: 3 }, { holdout: 0.5 }]) for (const seed of [0, 1]) {
  if (method === "ksg" && (extra.batchSize || extra.holdout)) continue;
  const r = rng(70000 + n * 10 + seed); const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = r.normal(); x.push([a]); y.push([rho * a + Math.sqrt(1 - rho * rho) * r.normal()]); }
  const truth = gaussI(rho); const key = `${method} n${n}`;
  try {
    const res = await estimateMI(x, y, { method, seed, ...extra });
    const [lo, hi] = res.interval;
    const bad = !Number.isFinite(res.estimate) || Number.isNaN(lo) || Number.isNaN(hi) ? "NONFINITE" : res.trusted ? (lo <= truth && truth <= hi ? "" : "SILENT-WRONG") : lo <= truth ? "" : "LO-ABOVE";
    if (bad) console.log(bad, key, rho, JSON.stringify(extra), seed, res.estimate, res.interval, res.warnings.map((w) => w.slice(0, 120)));
    tally[key] = (tally[key] ?? "") + (res.trusted ? "T" : "u");
  } catch (e) { const m = e.message.slice(0, 200); if (!/needs at least|give at least/.test(m)) console.log("ERROR", key, rho, JSON.stringify(extra), seed, m); tally[key] = (tally[key] ?? "") + "e"; }
}
console.log(tally);
