import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net, Dense, Rng } from "neural-mi";

before(async () => {
  await init();
});

const matrixOf = (variable) => {
  const [rows, cols] = variable.shape;
  const flat = Array.from(variable.dataSync());
  return Array.from({ length: rows }, (_, i) => flat.slice(i * cols, (i + 1) * cols));
};
const elu = (v) => (v > 0 ? v : Math.expm1(v));

test("weights are σ·N(0, 1) draws of Rng(seed) in [in, out] row-major order; biases are zero", () => {
  const net = new Net({ inputSize: 2, hiddenSize: 100, sigma: 0.02, seed: 7 });
  const normals = new Rng(7).normals(2 * 100 + 100 * 100 + 100);
  const layers = [net.fc1, net.fc2, net.fc3];
  const shapes = [[2, 100], [100, 100], [100, 1]];
  let offset = 0;
  layers.forEach((layer, k) => {
    assert.deepEqual(layer.weight.shape, shapes[k]);
    assert.deepEqual(layer.bias.shape, [shapes[k][1]]);
    const expected = normals.slice(offset, offset + layer.weight.size).map((z) => Math.fround(0.02 * z));
    assert.deepEqual(Array.from(layer.weight.dataSync()), expected, `fc${k + 1}.weight`);
    assert.ok(layer.bias.dataSync().every((b) => b === 0), `fc${k + 1}.bias is zero`);
    offset += layer.weight.size;
  });
  assert.equal(net.variables.length, 6);
  assert.deepEqual(net.variables, [net.fc1.weight, net.fc1.bias, net.fc2.weight, net.fc2.bias, net.fc3.weight, net.fc3.bias]);
  net.dispose();
});

test("the 100×100 layer's weights have mean 0 and standard deviation σ", () => {
  const net = new Net({ seed: 3, sigma: 0.02 });
  const w = Array.from(net.fc2.weight.dataSync());
  const n = w.length;
  const mean = w.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  // standard errors: σ/sqrt(n) for the mean and σ/sqrt(2n) for the standard deviation
  assert.ok(Math.abs(mean) < 4 * 0.02 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(sd - 0.02) < 4 * 0.02 / Math.sqrt(2 * n), `sd ${sd}`);
  net.dispose();
});

test("forward is elu(elu(z W1 + b1) W2 + b2) W3 + b3 on the concatenated inputs", () => {
  const net = new Net({ inputSize: 3, hiddenSize: 5, sigma: 0.5, seed: 4 });
  // non-zero biases so that they are exercised
  net.fc1.bias.assign(tf.tensor1d([0.1, -0.2, 0.3, 0, 0.5]));
  net.fc3.bias.assign(tf.tensor1d([0.25]));
  const rows = [[0.5, -1, 2], [1.5, 0.3, -0.7]];
  const [w1, w2, w3] = [net.fc1, net.fc2, net.fc3].map((l) => matrixOf(l.weight));
  const [b1, b2, b3] = [net.fc1, net.fc2, net.fc3].map((l) => Array.from(l.bias.dataSync()));
  const layer = (input, w, b, act) => b.map((bj, j) => act(input.reduce((s, v, i) => s + v * w[i][j], bj)));
  const expected = rows.map((z) => layer(layer(layer(z, w1, b1, elu), w2, b2, elu), w3, b3, (v) => v)[0]);

  const x = tf.tensor2d(rows.map((r) => [r[0]]));
  const y = tf.tensor2d(rows.map((r) => r.slice(1)));
  const out = net.forward(x, y);
  assert.deepEqual(out.shape, [2, 1]);
  Array.from(out.dataSync()).forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-5, `row ${i}: ${v} vs ${expected[i]}`));
  const joined = net.forward(tf.tensor2d(rows));
  assert.deepEqual(Array.from(joined.dataSync()), Array.from(out.dataSync()));
  assert.deepEqual(net.evaluate(rows), Array.from(out.dataSync()));
  tf.dispose([x, y, out, joined]);
  net.dispose();
});

test("a subclass that overrides forward(x, y) is evaluated with its inputs split", () => {
  class SumNet extends Net {
    forward(x, y) {
      return tf.tidy(() => this.fc3.apply(tf.elu(this.fc2.apply(tf.elu(this.fc1.apply(tf.concat([y, x], 1)))))));
    }
  }
  const net = new SumNet({ seed: 1, sigma: 0.5 });
  const plain = new Net({ seed: 1, sigma: 0.5 });
  const points = [[1, 2], [-1, 0.5]];
  // SumNet swaps the inputs, so it equals the plain net on swapped points
  assert.deepEqual(net.evaluate(points), plain.evaluate(points.map(([a, b]) => [b, a])));
  assert.deepEqual(net.evaluate(points, [1, 1]), net.evaluate(points));
  assert.throws(() => net.evaluate(points, [2, 1]), /split \[2, 1\] must be positive column counts adding up to the points' 2 columns/);
  net.dispose();
  plain.dispose();
});

test("forward names the problem when inputs do not fit the net", () => {
  const net = new Net({ seed: 0 });
  const three = tf.zeros([4, 3]);
  assert.throws(() => net.forward(three), /got 3 input columns but the net was made for inputSize = 2; create it with new Net\(\{ inputSize: 3 \}\)/);
  const a = tf.zeros([4, 1]);
  const b = tf.zeros([5, 1]);
  assert.throws(() => net.forward(a, b), /different numbers of rows \(4, 5\)/);
  const flat = tf.zeros([4]);
  assert.throws(() => net.forward(flat), /input 0 must be a 2-D tensor .*got shape \[4\]/);
  assert.throws(() => net.evaluate([[1, NaN]]), /evaluate\(points\)\[0\]\[1\] \(row 0, column 1\) is NaN/);
  tf.dispose([three, a, b, flat]);
  net.dispose();
});

test("options are checked, seeds reproduce, and dispose frees the six variables", () => {
  assert.throws(() => new Net({ hiddenSize: 0 }), /hiddenSize \}\) must be a positive integer/);
  assert.throws(() => new Net({ inputSize: 1.5 }), /inputSize \}\) must be an integer/);
  assert.throws(() => new Net({ sigma: -1 }), /sigma \}\) must be ≥ 0/);
  assert.throws(() => new Net({ hidden: 10 }), /unknown option "hidden" \(did you mean "hiddenSize"\?\)/);
  const before = tf.memory().numTensors;
  const a = new Net({ seed: 5 });
  const b = new Net({ seed: 5 });
  const c = new Net({ seed: 6 });
  assert.equal(tf.memory().numTensors, before + 18);
  assert.deepEqual(a.evaluate([[0.3, 0.4]]), b.evaluate([[0.3, 0.4]]));
  assert.notDeepEqual(a.evaluate([[0.3, 0.4]]), c.evaluate([[0.3, 0.4]]));
  [a, b, c].forEach((net) => net.dispose());
  assert.equal(tf.memory().numTensors, before);
  const layer = new Dense(3, 2, 0.1, new Rng(0));
  assert.equal(layer.inputSize, 3);
  assert.equal(layer.outputSize, 2);
  layer.dispose();
});

test("a disposed network says so in evaluate and forward, where TensorFlow.js read an undefined backend", () => {
  const net = new Net({ hiddenSize: 3 });
  net.dispose();
  assert.throws(() => net.evaluate([[0.1, 0.2]]), /evaluate\(points\): this network was disposed .*make a new Net/);
  const before = tf.memory().numTensors;
  const input = tf.tensor2d([[0.1, 0.2]]);
  assert.throws(() => net.forward(input), /Dense\.apply: this network was disposed .*make a new Net/);
  input.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test("new Dense checks its sizes, sigma and generator (sigma NaN made NaN weights without a word), and apply its input", () => {
  const rng = new Rng(0);
  const before = tf.memory().numTensors;
  assert.throws(() => new Dense(0, 1, 0.1, rng), /new Dense\(inputSize, outputSize, sigma, rng\): inputSize must be a positive integer, got 0/);
  assert.throws(() => new Dense(2, 1.5, 0.1, rng), /outputSize must be an integer, got 1\.5/);
  assert.throws(() => new Dense(2, 1, NaN, rng), /sigma must be a finite number, got NaN/);
  assert.throws(() => new Dense(2, 1, -1, rng), /sigma must be ≥ 0/);
  assert.throws(() => new Dense(2, 1, 0.1, null), /rng must be an Rng, e\.g\. new Rng\(0\)/);
  assert.equal(tf.memory().numTensors, before);
  // apply names the layer's inputSize, where TensorFlow.js spoke of matMul's inner shapes
  const layer = new Dense(2, 1, 0.1, rng);
  const wide = tf.zeros([1, 3]);
  assert.throws(() => layer.apply(wide), /Dense\.apply\(x\): x must be a 2-D tensor of 2 columns \(the layer's inputSize\).*got shape \[1, 3\]/);
  tf.dispose([wide, layer.weight, layer.bias]);
  assert.equal(tf.memory().numTensors, before);
});

test("evaluate refuses a split that is no array, where it called reduce on it", () => {
  const net = new Net({ hiddenSize: 2 });
  assert.throws(() => net.evaluate([[1, 2]], "2"), /evaluate\(points, split\): split must be an array of column counts, one per input of forward, e\.g\. \[1, 1\]; got "2"/);
  net.dispose();
});
