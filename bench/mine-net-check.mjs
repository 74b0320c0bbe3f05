// How often chapter 5's MINE-Net test refuses a right forward pass (the library's own Net) on the
// weights it draws afresh each run (standard normal): the outputs' gap against its 1e-5 limit
// (relative to the outputs' size) and the gradient's against 1e-4 (per variable, relative to its
// largest entry), as fractions of the limits.   node bench/mine-net-check.mjs [draws=500]
import * as nmi from "../lib/dist/index.js";
const { tf, Net, Rng, referenceOutputs, referenceOutputGradients, initialNetWeights } = nmi;
await nmi.init();
const batchX = [[0.5], [-1.2], [2.0], [0.0], [-0.3]], batchY = [[0.4], [-0.9], [1.5], [-2.0], [0.8]];
const initial = initialNetWeights({ seed: 3, sigma: 0.5 });
const N = +process.argv[2] || 500; let worstOut = 0, worstGrad = 0, fails = 0;
const net = new Net({ seed: 3, sigma: 0.5 });
for (let r = 0; r < N; r++) {
  const rng = new Rng(Math.floor(Math.random() * 2 ** 32));
  const weights = initial.values.map((values) => Float32Array.from(rng.normals(values.length)));
  const expected = referenceOutputs({ ...initial, values: weights }, batchX, batchY);
  const expectedG = referenceOutputGradients({ ...initial, values: weights }, batchX, batchY);
  tf.tidy(() => { net.variables.forEach((v, i) => v.assign(tf.tensor(weights[i], v.shape))); });
  const got = tf.tidy(() => Float32Array.from(net.forward(tf.tensor2d(batchX), tf.tensor2d(batchY)).dataSync()));
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  const out = Math.max(...Array.from(expected, (e, i) => Math.abs(got[i] - e))) / scale;
  const grads = tf.tidy(() => { const { grads } = tf.variableGrads(() => tf.mean(net.forward(tf.tensor2d(batchX), tf.tensor2d(batchY))), net.variables); return net.variables.map((v) => Float32Array.from(grads[v.name].dataSync())); });
  const g = Math.max(...expectedG.map((want, i) => Math.max(...Array.from(want, (w, k) => Math.abs(grads[i][k] - w))) / Math.max(1e-6, ...Array.from(want, Math.abs))));
  worstOut = Math.max(worstOut, out / 1e-5); worstGrad = Math.max(worstGrad, g / 1e-4);
  if (!(out < 1e-5) || !(g < 1e-4)) fails++;
}
console.log(`${N} draws: a right forward refused ${fails} times; worst output gap ${worstOut.toFixed(3)} of its limit, gradient ${worstGrad.toFixed(3)}`);
