// The seed's MINE loop on the library's fused kernel (lib/src/fast) directly, with
// the library's Net for the initial weights: what the trainers get when they take
// the fused path. Same batches scheme as PlainMINE.
import { createRequire } from "node:module";
import { Permutations } from "./mine-tfjs.mjs";

const require = createRequire(import.meta.url);

export async function loadLibrary() {
  const lib = require("neural-mi");
  const fast = require("neural-mi/dist/fast/index.js");
  await lib.init({ backend: "wasm" });
  return { lib, fast };
}

export class FusedMINE {
  constructor({ lib, fast }, data, { seed = 0, itersPerEpoch = 10, beta = 0.1, learningRate = 1e-3 } = {}) {
    this.fast = fast;
    this.x = fast.rowSource(data.x);
    this.y = fast.rowSource(data.y);
    this.n = data.x.length;
    this.k = itersPerEpoch;
    this.net = new lib.Net({ seed });
    this.fused = new fast.FusedNet(this.net, { learningRate });
    this.average = { m: 1, beta };
    this.lossGradient = lib.mineLossGradient(this.average);
    this.random = new Permutations(seed + 12345);
    this.losses = [];
  }

  stepEpoch() {
    const { fast, n, k } = this;
    const idx = this.random.permutation(n);
    const idxX = this.random.permutation(n);
    const idxY = this.random.permutation(n);
    for (let j = 0; j < k; j++) {
      const rows = idx.filter((_, i) => i % k === j);
      const rowsX = idxX.filter((_, i) => i % k === j);
      const rowsY = idxY.filter((_, i) => i % k === j);
      const b = rows.length;
      const input = this.fused.inputRows(2 * b);
      fast.gatherRows(input, 2, 0, b, [{ source: this.x, index: rows }, { source: this.y, index: rows }]);
      fast.gatherRows(input, 2, b, b, [{ source: this.x, index: rowsX }, { source: this.y, index: rowsY }]);
      this.losses.push(this.fused.trainStep(b, b, this.lossGradient));
    }
    this.fused.push();
    return this.estimate();
  }

  estimate() {
    const { fast, n } = this;
    const input = this.fused.inputRows(2 * n);
    fast.gatherRows(input, 2, 0, n, [{ source: this.x }, { source: this.y }]);
    fast.gatherRows(input, 2, n, n, [
      { source: this.x, index: this.random.permutation(n) },
      { source: this.y, index: this.random.permutation(n) },
    ]);
    const t = this.fused.outputs(2 * n);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += t[i] / n;
    let shift = -Infinity;
    for (let i = n; i < 2 * n; i++) shift = Math.max(shift, t[i]);
    let sum = 0;
    for (let i = n; i < 2 * n; i++) sum += Math.exp(t[i] - shift);
    return mean - (shift + Math.log(sum / n));
  }
}
