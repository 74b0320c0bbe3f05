// node bench/accuracy/unseen10/inputs.mjs [methods]: input forms and edge cases not tried by the earlier probes'
// inputs.mjs; prints each call's estimate, interval, trust and first warning, or its error.
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";

await init();
const methods = (process.argv[2] ?? "ksg,mine").split(",");
const r = rng(30100);
const n = 500;
const a = Array.from({ length: n }, () => r.normal());
const b = a.map((v) => 0.8 * v + 0.6 * r.normal());
const cases = {
  "Float64Array columns (1-D)": () => [Float64Array.from(a), Float64Array.from(b)],
  "plain 1-D arrays": () => [a, b],
  "rows as Float32Array": () => [a.map((v) => Float32Array.of(v)), b.map((v) => Float32Array.of(v))],
  "-0 in place of 0 in a rounded x": () => [a.map((v) => (Math.round(v) === 0 ? -0 : Math.round(v))), b],
  "x of 500 rows, y of 499": () => [a, b.slice(1)],
  "y = x exactly": () => [a, a.slice()],
  "y = x reversed in order (no relation)": () => [a, a.slice().reverse()],
  "x duplicated as y's second column": () => [a.map((v) => [v]), b.map((v, i) => [v, a[i]])],
  "both constant": () => [a.map(() => 1), b.map(() => 2)],
  "y with one Infinity": () => [a, b.map((v, i) => (i === 7 ? Infinity : v))],
  "x a single distinct value but one": () => [a.map((v, i) => (i === 3 ? 1 : 0)), b],
  "x rows of unequal length": () => [a.map((v, i) => (i === 9 ? [v, 1] : [v])), b],
  "x with 1e-300 spread": () => [a.map((v) => 1e-300 * v), b],
  "x with 1e300 spread": () => [a.map((v) => 1e300 * v), b],
  "x as integers 0..4 and y = x + tiny noise 1e-12": () => { const x = a.map((v) => Math.min(4, Math.max(0, Math.round(v + 2)))); return [x, x.map((v) => v + 1e-12 * r.normal())]; },
};
for (const [name, make] of Object.entries(cases)) {
  for (const method of methods) {
    let line;
    try {
      const [x, y] = make();
      const res = await estimateMI(x, y, { method, seed: 0 });
      line = `${res.estimate.toFixed(3)} [${res.interval[0].toFixed(3)}, ${res.interval[1].toFixed(3)}] trusted ${res.trusted} | ${(res.warnings[0] ?? "").slice(0, 160)}`;
    } catch (e) {
      line = `ERROR ${String(e.message).slice(0, 220)}`;
    }
    console.log(`${name.padEnd(48)} ${method.padEnd(7)} ${line}`);
  }
}
