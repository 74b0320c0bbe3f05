// node bench/accuracy/unseen11/inputs.mjs [methods]: input forms the earlier probes' inputs.mjs did not try
// (tensors of other dtypes and ranks, integer typed arrays, sparse arrays, disposed tensors); prints each call's
// estimate, interval, trust and first warning, or its error.
import { init, estimateMI, tf } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";

await init();
const methods = (process.argv[2] ?? "ksg,mine").split(",");
const r = rng(35000);
const n = 500;
const a = Array.from({ length: n }, () => r.normal());
const b = a.map((v) => 0.8 * v + 0.6 * r.normal());
const ints = a.map((v) => Math.max(-3, Math.min(3, Math.round(2 * v))));
const cases = {
  "x a tensor1d, y a tensor2d [n, 1]": () => [tf.tensor1d(a), tf.tensor2d(b, [n, 1])],
  "int32 tensors": () => [tf.tensor2d(ints, [n, 1], "int32"), tf.tensor1d(b.map((v) => Math.round(3 * v)), "int32")],
  "a bool tensor as x": () => [tf.tensor1d(a.map((v) => v > 0), "bool"), b],
  "a tensor3d [n, 1, 1]": () => [tf.tensor3d(a, [n, 1, 1]), b],
  "a disposed tensor": () => { const t = tf.tensor1d(a); t.dispose(); return [t, b]; },
  "rows as Int16Array": () => [ints.map((v) => Int16Array.of(v)), b.map((v) => Int16Array.of(Math.round(10 * v)))],
  "x a BigInt64Array": () => [BigInt64Array.from(ints.map((v) => BigInt(v))), b],
  "x with a hole (sparse array)": () => { const x = a.slice(); delete x[5]; return [x, b]; },
  "x a Float32Array at 1e7 (steps of 1)": () => [Float32Array.from(a, (v) => 1e7 + 100 * v), b],
  "a tensor of 1 row": () => [tf.tensor2d([[1, 2]]), tf.tensor2d([[3]])],
  "x as n arrays of length 0": () => [a.map(() => []), b],
};
for (const [name, make] of Object.entries(cases)) {
  for (const method of methods) {
    let line;
    try {
      const [x, y] = make();
      const res = await estimateMI(x, y, { method, seed: 0 });
      line = `${res.estimate.toFixed(3)} [${res.interval.map((v) => v.toFixed(3)).join(", ")}] ${res.trusted ? "trusted" : "untrusted"} ${(res.warnings[0] ?? "").slice(0, 110)}`;
    } catch (e) {
      line = `ERROR ${String(e.message).slice(0, 200)}`;
    }
    console.log(`${name.padEnd(42)} ${method.padEnd(5)} ${line}`);
  }
}
