// node bench/accuracy/unseen8/inputs.mjs: input forms and mistakes the sixth probe's inputs.mjs did not try; what each call answers
import { init, estimateMI, tf } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const r = rng(4343); const n = 600;
const xs = [], ys = [];
for (let i = 0; i < n; i++) { const a = r.normal(); xs.push([a, r.normal()]); ys.push(0.8 * a + 0.6 * r.normal()); }
const cases = {
  "x flat Float64Array of 2 columns (2n values)": [Float64Array.from(xs.flat()), ys],
  "x nested, y bool tensor": [xs, tf.tensor1d(ys.map((v) => v > 0), "bool")],
  "x tensor [n, 0]": [tf.zeros([n, 0]), ys],
  "x rows of length 0 in a tensor2d": [tf.tensor2d([], [0, 2]), []],
  "x tensor float32 with -0": [tf.tensor2d(xs.map(([a, b]) => [a === 0 ? -0 : a, b])), ys],
  "x rows as objects {0:a,1:b,length:2}": [xs.map(([a, b]) => ({ 0: a, 1: b, length: 2 })), ys],
  "x Array of Float32Array rows, y Int32Array": [xs.map((v) => Float32Array.from(v)), Int32Array.from(ys.map((v) => Math.round(3 * v)))],
  "x Uint8Array labels, y number[]": [Uint8Array.from(xs.map(([a]) => (a > 0 ? 1 : 0))), ys],
  "x BigInt64Array": [BigInt64Array.from(xs.map(([a]) => BigInt(Math.round(a * 10)))), ys],
  "x numbers as strings in nested rows": [xs.map(([a, b]) => [String(a), String(b)]), ys],
  "x 2 rows, y 2 rows": [xs.slice(0, 2), ys.slice(0, 2)],
  "x 1 row": [xs.slice(0, 1), ys.slice(0, 1)],
  "x empty, y empty": [[], []],
  "x transposed (2 × n)": [[xs.map((v) => v[0]), xs.map((v) => v[1])], ys],
  "y transposed (1 × n)": [xs, [ys]],
  "x a Map": [new Map(xs.map((v, i) => [i, v])), ys],
  "x a generator": [(function* () { yield* xs; })(), ys],
  "x and y the same array": [ys, ys],
  "x n × 700 (more columns than rows)": [xs.map(() => Array.from({ length: 700 }, () => r.normal())), ys],
  "x with a column of 1e308 and -1e308": [xs.map(([a, b], i) => [a, i % 2 ? 1e308 : -1e308]), ys],
  "x Number.MAX_VALUE spread": [xs.map(([a]) => [a * 1e307 * 10]), ys],
  "x Number.MIN_VALUE multiples": [xs.map(([a]) => [Math.round(a * 5) * Number.MIN_VALUE]), ys],
};
const methods = (process.argv[2] ?? "ksg,mine").split(",");
for (const [name, [x, y]] of Object.entries(cases)) {
  for (const method of methods) {
    const t0 = Date.now();
    try {
      const res = await estimateMI(x, y, { method, seed: 0 });
      console.log(`${name.padEnd(44)} ${method.padEnd(6)} ${res.estimate.toFixed(4)} [${res.interval.map((v) => v.toFixed(3))}] ${res.trusted} ${(Date.now() - t0) / 1000}s ${res.warnings.map((w) => w.slice(0, 90)).join(" | ")}`);
    } catch (e) { console.log(`${name.padEnd(44)} ${method.padEnd(6)} ERROR ${(e.message ?? String(e)).slice(0, 260)}`); }
  }
}
