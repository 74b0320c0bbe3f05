import * as tf from "@tensorflow/tfjs-core";

/** The tensor with its last two axes exchanged: a matrix transpose, batch axes kept. */
function swapLastAxes(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, axis) => axis);
  perm.splice(-2, 2, t.rank - 1, t.rank - 2);
  return tf.transpose(t, perm);
}

/**
 * op(p)·op(q). The WASM backend runs a product with a transpose flag in a generic loop
 * 6–10× slower than its untransposed path (bench/README.md), so there the operands are
 * transposed first; other backends take the flags as they are.
 */
function product(p: tf.Tensor, q: tf.Tensor, transposeP: boolean, transposeQ: boolean): tf.Tensor {
  if (tf.getBackend() !== "wasm") return tf.matMul(p, q, transposeP, transposeQ);
  return tf.matMul(transposeP ? swapLastAxes(p) : p, transposeQ ? swapLastAxes(q) : q);
}

/**
 * Registers matMul's derivative (kernel BatchMatMul) with the same formulas as
 * TensorFlow.js's own, computed with `product` above. Call it after @tensorflow/tfjs has
 * registered its gradients; it replaces theirs for this one kernel.
 */
export function registerMatMulGradient(): void {
  tf.registerGradient({
    kernelName: "BatchMatMul",
    inputsToSave: ["a", "b"],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
      const g = dy as tf.Tensor;
      const [a, b] = saved;
      const transposeA = attrs.transposeA === true;
      const transposeB = attrs.transposeB === true;
      // C = op(A)·op(B); dA = dC·op(B)ᵀ, dB = op(A)ᵀ·dC, transposed back where A or B was
      if (!transposeA && !transposeB) return { a: () => product(g, b, false, true), b: () => product(a, g, true, false) };
      if (!transposeA && transposeB) return { a: () => product(g, b, false, false), b: () => product(g, a, true, false) };
      if (transposeA && !transposeB) return { a: () => product(b, g, false, true), b: () => product(a, g, false, false) };
      return { a: () => product(b, g, true, true), b: () => product(g, a, true, true) };
    },
  });
}
