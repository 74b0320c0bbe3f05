// node bench/accuracy/unseen3/check-truths.mjs: each quadrature truth of tests/lib/unseen3-sets.mjs
// against the Monte Carlo mean of its log-ratio over 20 000 of the set's own draws (data seed 99).
import { SETS } from "../../../tests/lib/unseen3-sets.mjs";
for (const s of SETS) {
  if (!s.logRatio) { console.log(`${s.name.padEnd(40)} ${s.truth.toFixed(4)} (closed form)`); continue; }
  const { x, y } = s.sample(99, 20000);
  const v = x.map((a, i) => s.logRatio(a, y[i]));
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const se = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length / v.length);
  console.log(`${s.name.padEnd(40)} ${s.truth.toFixed(4)} MC ${m.toFixed(4)} ± ${se.toFixed(4)} z = ${((m - s.truth) / se).toFixed(2)}`);
}
