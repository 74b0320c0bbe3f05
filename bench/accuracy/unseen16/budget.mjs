// node bench/accuracy/unseen16/budget.mjs > budget.txt: the sets where the trained methods stopped "still rising" at the
// default budget (3000 steps), run again with bmi's budget of 10 000 steps, seeds 0–2 (verdicts as run-probe.mjs's).
import { init, estimator } from "neural-mi";
import { SETS } from "./sets.mjs";

await init();
const names = /gauss-rho0.75-n10000|additive-uniform-eps0.75|additive-uniform-eps0.1|swissroll/;
for (const s of SETS.filter((t) => names.test(t.name))) {
  for (const seed of [0, 1, 2]) {
    const { x, y } = s.sample(seed);
    for (const method of ["mine", "mine-f", "minee", "infonce", "smile"]) {
      const r = await estimator(method).estimate(x, y, { seed, steps: 10000 });
      const [lo, hi] = r.interval, covers = lo <= s.truth && s.truth <= hi;
      const verdict = !r.trusted ? "untrusted" : covers ? "ok" : "SILENT-WRONG";
      console.log(`${verdict.padEnd(12)} ${s.name} ${method} s${seed} ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] truth ${s.truth.toFixed(3)} ${r.seconds.toFixed(1)}s ${(r.warnings.at(-1) ?? "").slice(0, 100)}`);
    }
  }
}
