// node bench/accuracy/unseen6/inputs.mjs: the same data given in every form estimateMI accepts, and malformed inputs; what each call answers
import { init, estimateMI, tf } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const r = rng(42); const n = 500; const rho = 0.8;
const xs = [], ys = [];
for (let i = 0; i < n; i++) { const a = r.normal(); xs.push(a); ys.push(rho * a + Math.sqrt(1 - rho * rho) * r.normal()); }
const methods = (process.argv[2] ?? "ksg,mine").split(",");
const forms = {
  nested: [xs.map((v) => [v]), ys.map((v) => [v])],
  "1-D arrays": [xs, ys],
  "y 1-D, x nested": [xs.map((v) => [v]), ys],
  Float64Array: [Float64Array.from(xs), Float64Array.from(ys)],
  Float32Array: [Float32Array.from(xs), Float32Array.from(ys)],
  "rows as Float64Array": [xs.map((v) => Float64Array.of(v)), ys.map((v) => Float64Array.of(v))],
  "tensor2d": [tf.tensor2d(xs, [n, 1]), tf.tensor2d(ys, [n, 1])],
  "tensor1d": [tf.tensor1d(xs), tf.tensor1d(ys)],
  "x tensor, y array": [tf.tensor2d(xs, [n, 1]), ys],
  "int32 tensors": [tf.tensor1d(xs.map((v) => Math.round(10 * v)), "int32"), tf.tensor1d(ys.map((v) => Math.round(10 * v)), "int32")],
  "bits": [xs, ys, { unit: "bits" }],
};
const bad = {
  "NaN in x": [xs.map((v, i) => (i === 7 ? NaN : v)), ys],
  "Infinity in y": [xs, ys.map((v, i) => (i === 3 ? Infinity : v))],
  "undefined in x": [xs.map((v, i) => (i === 7 ? undefined : v)), ys],
  "null in x": [xs.map((v, i) => (i === 7 ? null : v)), ys],
  "string in x": [xs.map((v, i) => (i === 7 ? "0.5" : v)), ys],
  "all strings": [xs.map(String), ys.map(String)],
  "ragged rows": [xs.map((v, i) => (i === 9 ? [v, 1] : [v])), ys],
  "different n": [xs, ys.slice(1)],
  "empty rows": [xs.map(() => []), ys],
  "nested 3 deep": [xs.map((v) => [[v]]), ys],
  "x tensor 3-D": [tf.tensor3d(xs, [n, 1, 1]), ys],
  "sparse array": [Object.assign(new Array(n), { 0: 1 }), ys],
  "boolean x": [xs.map((v) => v > 0), ys],
  "bigint x": [xs.map((v) => BigInt(Math.round(v * 10))), ys],
  "NaN in tensor": [tf.tensor1d(xs.map((v, i) => (i === 7 ? NaN : v))), ys],
  "unit nats2": [xs, ys, { unit: "nat" }],
  "seed 1.5": [xs, ys, { seed: 1.5 }],
  "seed -1": [xs, ys, { seed: -1 }],
  "seed NaN": [xs, ys, { seed: NaN }],
  "seed string": [xs, ys, { seed: "1" }],
  "options null": [xs, ys, null],
  "x null": [null, ys],
  "x number": [3, ys],
  "x object": [{ length: n }, ys],
  "disposed tensor": [(() => { const t = tf.tensor1d(xs); t.dispose(); return t; })(), ys],
};
for (const [name, [x, y, opts]] of [...Object.entries(forms), ...Object.entries(bad)]) {
  for (const method of methods) {
    try {
      const res = await estimateMI(x, y, { method, seed: 0, ...(opts ?? {}) , ...(opts === null ? {} : {}) });
      console.log(`${name.padEnd(22)} ${method.padEnd(6)} ${res.estimate.toFixed(4)} [${res.interval.map((v) => v.toFixed(3))}] ${res.trusted} ${res.warnings.map((w) => w.slice(0, 100)).join(" | ")}`);
    } catch (e) { console.log(`${name.padEnd(22)} ${method.padEnd(6)} ERROR ${e.message.slice(0, 250)}`); }
  }
}
