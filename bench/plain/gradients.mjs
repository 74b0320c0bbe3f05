// The gradients the plain loops need. tfjs-core's CommonJS build registers no
// gradient functions (its register_all_gradients module is ESM-only), so the
// bench registers the few it uses.
// explicitTranspose: compute the matMul gradients with tf.transpose and an
// untransposed matMul; on the WASM backend a matMul with a transpose flag takes
// a path several times slower than transposing first (see bench/README.md).
export const gradientOptions = { explicitTranspose: false };

export function registerGradients(tf) {
  const runKernel = (name, inputs, attrs) => tf.engine().runKernel(name, inputs, attrs);
  const unbroadcast = (grad, shape) => {
    const axes = tf.backend_util.getReductionAxes(shape, grad.shape);
    return tf.reshape(axes.length > 0 ? tf.sum(grad, axes) : grad, shape);
  };
  const keptShape = (shape, axis) => {
    const axes = tf.util.parseAxisParam(axis ?? null, shape);
    return { kept: shape.map((d, i) => (axes.includes(i) ? 1 : d)), size: axes.reduce((p, a) => p * shape[a], 1) };
  };
  const configs = [
    { kernelName: "Add", inputsToSave: ["a", "b"], gradFunc: (dy, [a, b]) => ({ a: () => unbroadcast(dy, a.shape), b: () => unbroadcast(dy, b.shape) }) },
    { kernelName: "Sub", inputsToSave: ["a", "b"], gradFunc: (dy, [a, b]) => ({ a: () => unbroadcast(dy, a.shape), b: () => unbroadcast(tf.neg(dy), b.shape) }) },
    {
      kernelName: "Multiply",
      inputsToSave: ["a", "b"],
      gradFunc: (dy, [a, b]) => ({ a: () => unbroadcast(tf.mul(dy, b), a.shape), b: () => unbroadcast(tf.mul(dy, a), b.shape) }),
    },
    {
      kernelName: "RealDiv",
      inputsToSave: ["a", "b"],
      gradFunc: (dy, [a, b]) => ({
        a: () => unbroadcast(tf.div(dy, b), a.shape),
        b: () => unbroadcast(tf.neg(tf.div(tf.mul(dy, a), tf.square(b))), b.shape),
      }),
    },
    { kernelName: "Reshape", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy, x.shape) }) },
    { kernelName: "Neg", gradFunc: (dy) => ({ x: () => tf.neg(dy) }) },
    { kernelName: "Exp", outputsToSave: [true], gradFunc: (dy, [y]) => ({ x: () => tf.mul(dy, y) }) },
    { kernelName: "Elu", outputsToSave: [true], gradFunc: (dy, [y]) => ({ x: () => runKernel("EluGrad", { dy, y }) }) },
    {
      kernelName: "Mean",
      inputsToSave: ["x"],
      gradFunc: (dy, [x], { axis }) => {
        const { kept, size } = keptShape(x.shape, axis);
        return { x: () => tf.div(tf.mul(tf.reshape(dy, kept), tf.ones(x.shape)), size) };
      },
    },
    {
      kernelName: "Sum",
      inputsToSave: ["x"],
      gradFunc: (dy, [x], { axis }) => ({ x: () => tf.mul(tf.reshape(dy, keptShape(x.shape, axis).kept), tf.ones(x.shape)) }),
    },
    {
      kernelName: "BatchMatMul",
      inputsToSave: ["a", "b"],
      gradFunc: (dy, [a, b], { transposeA, transposeB }) => {
        if (gradientOptions.explicitTranspose && !transposeA && !transposeB) {
          return { a: () => tf.matMul(dy, tf.transpose(b)), b: () => tf.matMul(tf.transpose(a), dy) };
        }
        if (!transposeA && !transposeB) return { a: () => tf.matMul(dy, b, false, true), b: () => tf.matMul(a, dy, true, false) };
        if (!transposeA && transposeB) return { a: () => tf.matMul(dy, b), b: () => tf.matMul(dy, a, true, false) };
        if (transposeA && !transposeB) return { a: () => tf.matMul(b, dy, false, true), b: () => tf.matMul(a, dy) };
        return { a: () => tf.matMul(b, dy, true, true), b: () => tf.matMul(dy, a, true, true) };
      },
    },
    {
      kernelName: "Concat",
      saveAllInputs: true,
      gradFunc: (dy, saved, { axis }) => {
        const $axis = tf.util.parseAxisParam(axis, saved[0].shape)[0];
        return tf.split(dy, saved.map((t) => t.shape[$axis]), $axis).map((part) => () => part);
      },
    },
    { kernelName: "SplitV", gradFunc: (dy, _saved, { axis }) => ({ x: () => tf.concat(dy, axis) }) },
  ];
  for (const config of configs) tf.registerGradient(config);
}
