// node bench/accuracy/unseen3/check-truths.mjs: each quadrature truth of tests/lib/unseen3-sets.mjs
// against the Monte Carlo mean of its log-ratio over 20 000 of the set's own draws (data seed 99); beyond 2 standard errors,
// again on 200 000 draws of data seed 5.
import { SETS } from "../../../tests/lib/unseen3-sets.mjs";
const monteCarlo = (s, seed, n) => {
  const { x, y } = s.sample(seed, n);
  const v = x.map((a, i) => s.logRatio(a, y[i]));
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const se = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length / v.length);
  return { m, se, z: (m - s.truth) / se };
};
for (const s of SETS) {
  if (!s.logRatio) { console.log(`${s.name.padEnd(40)} ${s.truth.toFixed(4)} (closed form)`); continue; }
  const first = monteCarlo(s, 99, 20000);
  let line = `${s.name.padEnd(40)} ${s.truth.toFixed(4)} MC ${first.m.toFixed(4)} ± ${first.se.toFixed(4)} z = ${first.z.toFixed(2)}`;
  if (Math.abs(first.z) > 2) {
    const again = monteCarlo(s, 5, 200000);
    line += `; on 200 000: ${again.m.toFixed(4)} ± ${again.se.toFixed(4)} z = ${again.z.toFixed(2)}`;
  }
  console.log(line);
}
