// node bench/accuracy/unseen36/co-extreme-columns.mjs [what] [draws]: the rows-extreme-in-both bound (co-extreme.ts, drawn
// with seed 1) on many columns. what = "cost": its time per call in 6 + 6 (n = 1000), 40 + 40 and 128 + 128 (n = 20 000);
// "alarms": how often it is clearly above 0 (1.645 standard errors, when an estimate below it loses trust) on independent
// N(0, 1) and Student-t (ν = 2, 3) columns, 40 + 40 and 6 + 6 at n = 1000, 128 + 128 at n = 5000; "shock": how often it is
// clearly above 0 with the sd-10 shock shared by 1 % in one column a side past the fifth (6 + 6 the sixth, 40 + 40 the
// 30th, 128 + 128 the 100th and x's 3rd), and its mean.
import { Rng } from "neural-mi";
import { coExtremeBound } from "neural-mi/dist/estimators/co-extreme.js";

const [what = "alarms", draws = 100] = process.argv.slice(2);
/** n rows of d columns: N(0, 1) (nu = Infinity) or Student-t(nu) */
function columns(rng, n, d, nu) {
  const v = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    let z = rng.normal();
    if (Number.isFinite(nu)) {
      let chi = 0;
      for (let k = 0; k < nu; k++) chi += rng.normal() ** 2;
      z /= Math.sqrt(chi / nu);
    }
    v[i] = z;
  }
  return { values: v, rows: n, cols: d };
}
/** the sd-10 shock shared by 1 % of the rows, added to x's column cx and y's column cy */
function shock(rng, x, y, cx, cy) {
  for (let i = 0; i < x.rows; i++) {
    if (rng.uniform() < 0.01) {
      const s = 10 * rng.normal();
      x.values[i * x.cols + cx] += s;
      y.values[i * y.cols + cy] += s;
    }
  }
}
const draw = (seed, n, dx, dy, nu, shocked) => {
  const rng = new Rng(seed);
  const x = columns(rng, n, dx, nu), y = columns(rng, n, dy, nu);
  if (shocked) shock(rng, x, y, ...shocked);
  return { x, y };
};
const cases = {
  cost: [["6 + 6, n = 1000", 1000, 6, 6], ["40 + 40, n = 20 000", 20000, 40, 40], ["128 + 128, n = 20 000", 20000, 128, 128]],
  alarms: [
    ["N(0, 1) 6 + 6, n = 1000", 1000, 6, 6, Infinity], ["N(0, 1) 40 + 40, n = 1000", 1000, 40, 40, Infinity],
    ["t(3) 40 + 40, n = 1000", 1000, 40, 40, 3], ["t(2) 40 + 40, n = 1000", 1000, 40, 40, 2],
    ["N(0, 1) 128 + 128, n = 5000", 5000, 128, 128, Infinity], ["t(2) 128 + 128, n = 5000", 5000, 128, 128, 2],
  ],
  shock: [
    ["shock in the sixth columns of 6 + 6", 1000, 6, 6, Infinity, [5, 5]], ["shock in the 30th columns of 40 + 40", 1000, 40, 40, Infinity, [29, 29]],
    ["shock in x's 3rd and y's 100th of 128 + 128, n = 5000", 5000, 128, 128, Infinity, [2, 99]],
    ["shock in the 30th columns of t(3) 40 + 40", 1000, 40, 40, 3, [29, 29]],
  ],
}[what];
for (const [label, n, dx, dy, nu, shocked] of cases) {
  if (what === "cost") {
    const { x, y } = draw(1, n, dx, dy, Infinity);
    coExtremeBound(x, y, 1);
    const t0 = process.cpuUsage();
    const reps = 3;
    for (let r = 0; r < reps; r++) coExtremeBound(x, y, 1 + r);
    const cpu = process.cpuUsage(t0);
    console.log(`${label}: ${((cpu.user + cpu.system) / 1000 / reps).toFixed(0)} ms of CPU a call`);
    continue;
  }
  let shown = 0, sum = 0, defined = 0;
  const count = n >= 5000 ? Math.ceil(Number(draws) / 5) : Number(draws);
  for (let seed = 0; seed < count; seed++) {
    const { x, y } = draw(9100 + seed, n, dx, dy, nu, shocked);
    const b = coExtremeBound(x, y, 1);
    if (b === undefined) continue;
    defined += 1;
    sum += b.estimate;
    if (b.estimate > 1.645 * b.standardError) shown += 1;
  }
  console.log(`${label.padEnd(56)} clearly above 0 in ${shown} of ${count} draws (defined ${defined}), mean ${(sum / Math.max(defined, 1)).toFixed(4)}`);
}
