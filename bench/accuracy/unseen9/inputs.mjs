// node bench/accuracy/unseen9/inputs.mjs [methods]: input forms and mistakes the earlier inputs probes did not try, and
// KSG with neighbors lowered on a few samples; what each call answers
import { init, estimateMI, tf } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const r = rng(9393); const n = 400;
const xs = [], ys = [];
for (let i = 0; i < n; i++) { const a = r.normal(); xs.push([a]); ys.push([0.8 * a + 0.6 * r.normal()]); }
const col = (rows) => rows.map((v) => v[0]);
const withAt = (arr, i, v) => { const c = arr.slice(); c[i] = v; return c; };
const cases = {
  "x Float32Array with a NaN at 17": [Float32Array.from(col(xs)).fill(NaN, 17, 18), ys],
  "x Float64Array with Infinity at 3": [Float64Array.from(col(xs)).fill(Infinity, 3, 4), ys],
  "x ragged: row 9 has 2 values": [withAt(xs, 9, [1, 2]), ys],
  "x ragged: row 9 empty": [withAt(xs, 9, []), ys],
  "x a hole at row 5 (sparse array)": [(() => { const c = xs.slice(); delete c[5]; return c; })(), ys],
  "x rows mixing [v] and v": [xs.map((v, i) => (i % 2 ? v[0] : v)), ys],
  "x null row at 7": [withAt(xs, 7, null), ys],
  "x undefined value in row 7": [withAt(xs, 7, [undefined]), ys],
  "x n rows, y n + 1 rows": [xs, [...ys, [0]]],
  "x flat numeric strings": [col(xs).map(String), ys],
  "x Number objects": [col(xs).map((v) => new Number(v)), ys],
  "x 3-D nested [[[v]]]": [xs.map((v) => [v]), ys],
  "x array of 1-D tensors": [xs.map((v) => tf.tensor1d(v)), ys],
  "x tensor with NaN": [tf.tensor2d(withAt(xs, 11, [NaN])), ys],
  "x ArrayBuffer": [Float64Array.from(col(xs)).buffer, ys],
  "x DataView": [new DataView(Float64Array.from(col(xs)).buffer), ys],
  "x Float32Array, y Float32Array": [Float32Array.from(col(xs)), Float32Array.from(col(ys))],
  "x Float16 range (values 1e-8)": [Float32Array.from(col(xs).map((v) => v * 1e-8)), ys],
};
const methods = (process.argv[2] ?? "ksg,mine").split(",");
const show = (name, method, f) => f().then(
  (res) => console.log(`${name.padEnd(44)} ${method.padEnd(7)} ${res.estimate.toFixed(4)} [${res.interval.map((v) => v.toFixed(3))}] ${res.trusted} ${res.warnings.map((w) => w.slice(0, 100)).join(" | ")}`),
  (e) => console.log(`${name.padEnd(44)} ${method.padEnd(7)} ERROR ${(e.message ?? String(e)).slice(0, 300)}`));
for (const [name, [x, y]] of Object.entries(cases)) for (const method of methods) await show(name, method, () => estimateMI(x, y, { method, seed: 0 }));
// a few samples with neighbors lowered, as KSG's refusal advises
for (const m of [5, 8, 12, 20]) for (const k of [1, 2, 3]) {
  const xr = xs.slice(0, m), yr = ys.slice(0, m);
  await show(`ksg n = ${m}, neighbors ${k} (truth 0.511)`, "ksg", () => estimateMI(xr, yr, { method: "ksg", neighbors: k, seed: 0 }));
}
