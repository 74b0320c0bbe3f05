// node bench/accuracy/unseen43/gaussian-cost.mjs [seeds] [d, of 1,2,5] > out.txt: what KSG's rate where it is not read (ksg.ts,
// UNREAD_EDGE_EXPONENT) costs on Gaussians. Strong (ρ = 0.9 a pair) and weak (ρ = 0.3) Gaussians of d + d coordinates,
// pairs xᵢ, yᵢ correlated, in 1 + 1, 2 + 2 and 5 + 5 at n = 300, 1000 and 5000: for each draw KSG's own verdict (trusted,
// interval holds the truth) and the upper end the trained methods' cross-check reads (ksgPointEstimate on at most 4000 rows,
// as crossCheckKSG takes below 8000), and whether that upper end passes an interval's three-times rule for an estimate
// at the truth (truth + 2·truth + 0.25: neural.ts), which would untrust a right trained call; unreadRateAbove is what the
// rule adds to it.
import { init, estimateMI } from "neural-mi";
import { ksgPointEstimate } from "neural-mi/dist/estimators/ksg.js";
import { rng } from "../unseen5/sets.mjs";

await init();
const seeds = (process.argv[2] ?? "0,1,2,3").split(",").map(Number);
const matrix = (rows, d) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: d });
let turned = 0, calls = 0, ksgTrusted = 0, ksgWrong = 0;
const dims = (process.argv[3] ?? "1,2,5").split(",").map(Number);
for (const d of dims) for (const rho of [0.9, 0.3]) for (const n of [300, 1000, 5000]) {
  const truth = -0.5 * d * Math.log(1 - rho * rho);
  const line = [];
  for (const seed of seeds) {
    const r = rng(4300000 + 1000 * d + 100 * Math.round(10 * rho) + seed + n);
    const x = [], y = [];
    for (let i = 0; i < n; i++) {
      const a = [], b = [];
      for (let j = 0; j < d; j++) { const u = r.normal(); a.push(u); b.push(rho * u + Math.sqrt(1 - rho * rho) * r.normal()); }
      x.push(a); y.push(b);
    }
    const ksg = await estimateMI(x, y, { method: "ksg", seed });
    const m = Math.min(n, 4000);
    const check = ksgPointEstimate(matrix(x.slice(0, m), d), matrix(y.slice(0, m), d), { seed });
    const past = check.upperEnd > 3 * truth + 0.25;
    const held = ksg.interval[0] <= truth && truth <= ksg.interval[1];
    calls++; turned += past; ksgTrusted += ksg.trusted; ksgWrong += ksg.trusted && !held;
    line.push(`s${seed}: ksg ${ksg.estimate.toFixed(3)} [${ksg.interval[0].toFixed(3)}, ${ksg.interval[1].toFixed(3)}] ${ksg.trusted ? (held ? "trusted" : "TRUSTED-WRONG") : "untrusted"}; check upper ${check.upperEnd.toFixed(3)} (unread +${check.unreadRateAbove.toFixed(3)})${past ? " PAST" : ""}`);
  }
  console.log(`${d}+${d} rho ${rho} n ${n} truth ${truth.toFixed(3)}\n  ${line.join("\n  ")}`);
}
console.log(`draws ${calls}: KSG trusted ${ksgTrusted} (trusted and wrong ${ksgWrong}); cross-check upper end past three times the truth ${turned}`);
