// The seed's MINE training loop written directly against TensorFlow.js, with
// switchable changes, to measure what each change buys before the library's
// trainers exist. Same network, loss, optimiser and batches in every variant.
import { createRequire } from "node:module";
import { gradientOptions, registerGradients } from "./gradients.mjs";

const require = createRequire(import.meta.url);
export const tf = require("@tensorflow/tfjs-core");
require("@tensorflow/tfjs-backend-wasm");
require("@tensorflow/tfjs-backend-cpu");
registerGradients(tf);

// m̄ is held constant in the gradient (the seed's .detach())
const detach = tf.customGrad((x) => ({ value: x.clone(), gradFunc: (dy) => tf.zerosLike(dy) }));

// The changes, each on top of the one before, except fusedBias, which is a side
// branch: the fused op computes its gradient with transposed matMuls.
export const VARIANTS = {
  seed: {},
  stacked: { stacked: true },
  fusedBias: { stacked: true, fusedBias: true },
  explicitTranspose: { stacked: true, explicitTranspose: true },
  noSync: { stacked: true, explicitTranspose: true, noSync: true },
};

export async function setBackend(name = "wasm") {
  tf.enableProdMode();
  await tf.setBackend(name);
  await tf.ready();
}

export class Permutations {
  constructor(seed) {
    this.state = seed >>> 0 || 1;
  }
  next() {
    // xorshift32: enough for batch order in a benchmark loop
    let s = this.state;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.state = s >>> 0;
    return this.state / 4294967296;
  }
  permutation(n) {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  }
}

function dense(inSize, outSize, seed) {
  return {
    weight: tf.variable(tf.randomNormal([inSize, outSize], 0, 0.02, "float32", seed)),
    bias: tf.variable(tf.zeros([outSize])),
  };
}

export class PlainMINE {
  constructor(data, { seed = 0, variant = "seed", itersPerEpoch = 10, beta = 0.1, learningRate = 1e-3 } = {}) {
    this.options = VARIANTS[variant];
    if (!this.options) throw new Error(`PlainMINE: unknown variant ${variant}`);
    this.xy = tf.tensor2d(data.x.map((row, i) => [...row, ...data.y[i]]));
    this.x = tf.tensor2d(data.x);
    this.y = tf.tensor2d(data.y);
    this.n = data.x.length;
    this.k = itersPerEpoch;
    this.beta = beta;
    this.layers = [dense(2, 100, seed), dense(100, 100, seed + 1), dense(100, 1, seed + 2)];
    this.optimizer = tf.train.adam(learningRate);
    this.m = this.options.noSync ? tf.variable(tf.scalar(1), false) : 1;
    this.random = new Permutations(seed + 12345);
    this.losses = [];
  }

  layer({ weight, bias }, input, last) {
    if (this.options.fusedBias) return tf.fused.matMul({ a: input, b: weight, bias });
    return tf.add(tf.matMul(input, weight), bias);
  }

  forward(input) {
    const [l1, l2, l3] = this.layers;
    const a1 = tf.elu(this.layer(l1, input));
    const a2 = tf.elu(this.layer(l2, a1));
    return this.layer(l3, a2, true);
  }

  gather(rows) {
    return tf.gather(this.xy, tf.tensor1d(rows, "int32"));
  }

  refBatch(rowsX, rowsY) {
    return tf.concat([tf.gather(this.x, tf.tensor1d(rowsX, "int32")), tf.gather(this.y, tf.tensor1d(rowsY, "int32"))], 1);
  }

  lossOf(batch, batchRef) {
    let t, tRef;
    if (this.options.stacked) {
      const out = this.forward(tf.concat([batch, batchRef], 0));
      [t, tRef] = tf.split(out, [batch.shape[0], batchRef.shape[0]], 0);
    } else {
      t = this.forward(batch);
      tRef = this.forward(batchRef);
    }
    const L = tf.neg(tf.mean(t));
    const expMean = tf.mean(tf.exp(tRef));
    if (this.options.noSync) {
      const m = tf.add(tf.mul(detach(expMean), 1 - this.beta), tf.mul(this.m, this.beta));
      this.m.assign(m);
      return tf.add(L, tf.div(expMean, m));
    }
    this.m = (1 - this.beta) * expMean.dataSync()[0] + this.beta * this.m;
    return tf.add(L, tf.div(expMean, this.m));
  }

  stepEpoch() {
    gradientOptions.explicitTranspose = Boolean(this.options.explicitTranspose);
    const idx = this.random.permutation(this.n);
    const idxX = this.random.permutation(this.n);
    const idxY = this.random.permutation(this.n);
    const pending = [];
    for (let j = 0; j < this.k; j++) {
      const rows = idx.filter((_, i) => i % this.k === j);
      const rowsX = idxX.filter((_, i) => i % this.k === j);
      const rowsY = idxY.filter((_, i) => i % this.k === j);
      const loss = tf.tidy(() => {
        const batch = this.gather(rows);
        const batchRef = this.refBatch(rowsX, rowsY);
        return this.optimizer.minimize(() => this.lossOf(batch, batchRef), true);
      });
      if (this.options.noSync) pending.push(loss);
      else {
        this.losses.push(loss.dataSync()[0]);
        loss.dispose();
      }
    }
    for (const loss of pending) {
      this.losses.push(loss.dataSync()[0]);
      loss.dispose();
    }
    return this.estimate();
  }

  estimate() {
    return tf.tidy(() => {
      const refRows = this.random.permutation(this.n);
      const refRowsY = this.random.permutation(this.n);
      const t = this.forward(this.xy);
      const tRef = this.forward(this.refBatch(refRows, refRowsY));
      return tf.sub(tf.mean(t), tf.sub(tf.logSumExp(tRef), Math.log(this.n))).dataSync()[0];
    });
  }
}
