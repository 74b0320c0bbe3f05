// node bench/accuracy/unseen7/held-out-error.mjs: how often the held-out standard-error rule (trust.ts) fires on
// plain Gaussian pairs, strong dependence and few held-out samples included, per method; and the trusted calls' coverage.
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const gaussI = (r) => -0.5 * Math.log(1 - r * r);
for (const method of ["mine", "mine-f", "minee", "infonce", "smile"]) for (const rho of [0.5, 0.9, 0.97, 0.99]) for (const n of [170, 400, 1000]) {
  let fired = 0, trusted = 0, missed = 0; const ses = [];
  for (const seed of [0, 1]) {
    const r = rng(90000 + n + seed); const x = [], y = [];
    for (let i = 0; i < n; i++) { const a = r.normal(); x.push([a]); y.push([rho * a + Math.sqrt(1 - rho * rho) * r.normal()]); }
    const res = await estimateMI(x, y, { method, seed });
    ses.push(res.diagnostics.heldOutStandardError.toFixed(3));
    if (res.warnings.some((w) => /held-out estimate's standard error/.test(w))) fired++;
    if (res.trusted) { trusted++; if (!(res.interval[0] <= gaussI(rho) && gaussI(rho) <= res.interval[1])) missed++; }
  }
  console.log(`${method.padEnd(7)} rho ${rho} n ${n} (I ${gaussI(rho).toFixed(2)}): held-out s.e. ${ses.join(", ")}; rule fired ${fired}/2, trusted ${trusted}/2, missed ${missed}`);
}
