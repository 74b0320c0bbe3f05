// node bench/accuracy/unseen30/more-steps.mjs > more-steps.txt: a few calls untrusted at n = 5000 as "still rising when the
// step budget ran out", run again with { seed, steps: 10000 }: does the caution go with more steps, and is the result right?
import { init, estimator } from "neural-mi";
import { SETS } from "./sets.mjs";

const CALLS = [
  ["bmi-1v1-normal-0.75-n5000", "mine", 1],
  ["bmi-1v1-bimodal-0.75-n5000", "smile", 0],
  ["bmi-multinormal-2pair-2x2-n5000", "mine", 0],
  ["bmi-normal-cdf-2pair-3x3-n5000", "mine", 0],
];
await init();
for (const [name, method, seed] of CALLS) {
  const set = SETS.find((s) => s.name === name);
  const { x, y } = set.sample(seed);
  const t0 = Date.now();
  const r = await estimator(method).estimate(x, y, { seed, steps: 10000 });
  const [lo, hi] = r.interval;
  const verdict = !r.trusted ? "untrusted" : lo <= set.truth && set.truth <= hi ? "ok" : "SILENT-WRONG";
  console.log(`${verdict.padEnd(10)} ${name} ${method} s${seed} steps 10000: ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] truth ${set.truth.toFixed(3)} ${(Date.now() - t0) / 1000}s${r.trusted ? "" : ` (${r.warnings.at(-1).slice(0, 90)}…)`}`);
}
