// matMul's derivative as registered by lib/src/fast/matmul-gradient.ts (explicit transposes
// on the WASM backend) equals what the CPU backend computes with transpose flags, for every
// flag combination, batched or not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { init, tf } from "neural-mi";
import { registerMatMulGradient } from "neural-mi/dist/fast/index.js";

const require = createRequire(import.meta.url);

/**
 * By hand, in float64: for L = Σ W ⊙ C with C = op(A)·op(B), ∂L/∂op(A) = W·op(B)ᵀ and
 * ∂L/∂op(B) = op(A)ᵀ·W, transposed back where A or B was given transposed.
 */
function byHand(aValues, bValues, ta, tb, batch) {
  const [m, k, n] = [3, 4, 5];
  const ga = new Float64Array(aValues.length);
  const gb = new Float64Array(bValues.length);
  for (let s = 0; s < (batch || 1); s++) {
    const A = (i, p) => aValues[s * m * k + (ta ? p * m + i : i * k + p)];
    const B = (p, j) => bValues[s * k * n + (tb ? j * k + p : p * n + j)];
    const W = (i, j) => s * m * n + i * n + j;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        for (let p = 0; p < k; p++) {
          ga[s * m * k + (ta ? p * m + i : i * k + p)] += W(i, j) * B(p, j);
          gb[s * k * n + (tb ? j * k + p : p * n + j)] += W(i, j) * A(i, p);
        }
      }
    }
  }
  return { ga: Array.from(ga), gb: Array.from(gb) };
}

function derivatives() {
  const out = [];
  for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]]) {
    for (const batch of [0, 2]) {
      const sa = ta ? [4, 3] : [3, 4];
      const sb = tb ? [5, 4] : [4, 5];
      const shape = (s) => (batch ? [batch, ...s] : s);
      const size = (s) => (batch || 1) * s[0] * s[1];
      const a = tf.tensor(Array.from({ length: size(sa) }, (_, i) => Math.sin(i + 1)), shape(sa));
      const b = tf.tensor(Array.from({ length: size(sb) }, (_, i) => Math.cos(0.7 * i)), shape(sb));
      // weights on the product's entries, so that every entry of each derivative differs
      const weights = tf.reshape(tf.range(0, (batch || 1) * 15), shape([3, 5]));
      const [ga, gb] = tf.grads((p, q) => tf.sum(tf.mul(tf.matMul(p, q, ta, tb), weights)))([a, b]);
      out.push({ ta, tb, batch, ga: Array.from(ga.dataSync()), gb: Array.from(gb.dataSync()), expected: byHand(a.dataSync(), b.dataSync(), ta, tb, batch) });
      tf.dispose([a, b, weights, ga, gb]);
    }
  }
  return out;
}

test("matMul derivatives on WASM (explicit transposes) and on CPU (transpose flags) equal the hand-computed ones", async () => {
  await init({ backend: "wasm" });
  registerMatMulGradient();
  const wasm = derivatives();
  require("@tensorflow/tfjs-backend-cpu");
  await tf.setBackend("cpu");
  const cpu = derivatives();
  await tf.setBackend("wasm");
  for (const [backend, results] of [["wasm", wasm], ["cpu", cpu]]) {
    for (const r of results) {
      for (const key of ["ga", "gb"]) {
        r[key].forEach((v, j) => {
          const expected = r.expected[key][j];
          // entries up to a few hundred, float32 sums of 4–5 terms: relative rounding ~1e-7
          assert.ok(
            Math.abs(v - expected) <= 1e-5 * (1 + Math.abs(expected)),
            `${backend}, transposeA=${r.ta} transposeB=${r.tb} batch=${r.batch}: ${key}[${j}] = ${v}, by hand ${expected}`,
          );
        });
      }
    }
  }
});
