import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net, NetLayers, MINETrainer, MovingAverageTrainer, Rng } from "neural-mi";

before(async () => {
  await init();
});

test("a network whose forward does not use its variables gets the library's error, not TensorFlow.js's about minimize()", () => {
  const rng = new Rng(9);
  const x = rng.normals(40).map((v) => [v]);
  const unused = tf.variable(tf.zeros([1]));
  const net = { variables: [unused], forward: (a, b) => tf.sum(tf.concat([a, b], 1), 1, true) };
  const before = tf.memory().numTensors;
  const trainer = new MINETrainer(x, x, net, { seed: 1 });
  assert.throws(() => trainer.step(1), /^Error: neural-mi: the loss does not depend on any of the network's variables \(net\.variables\), so nothing would train/);
  trainer.dispose();
  // the loss's value, which TensorFlow.js kept when it refused, is freed too
  assert.equal(tf.memory().numTensors, before);
  unused.dispose();
});

test("a loss that returns no scalar is named with the fix, and a failing loss leaves no tensor behind (TensorFlow.js kept the recording's copies)", () => {
  const rng = new Rng(10);
  const x = rng.normals(40).map((v) => [v]);
  const y = x.map(([v]) => [v + rng.normal()]);
  const net = new Net({ hiddenSize: 4 });
  const trainerWith = (loss) => {
    class Written extends MovingAverageTrainer {}
    Written.prototype.loss = loss;
    return new Written(x, y, net, { itersPerEpoch: 2, seed: 1 });
  };
  const before = tf.memory().numTensors;
  const refused = [
    [function (a, b) { return this.net.forward(a, b); }, /loss\(\.\.\.\) must return a tf\.Scalar, one number for the minibatch, got a tensor of shape \[20, 1\]; average it over the samples, with tf\.mean/],
    [function (a, b) { return tf.reshape(tf.mean(this.net.forward(a, b)), [1]); }, /got a tensor of shape \[1\]; take its one entry with tf\.squeeze/],
    [() => 3, /must return a tf\.Scalar, the minibatch's loss, got 3 \(a plain number: TensorFlow\.js cannot differentiate it/],
    [function (a, b) { this.net.forward(a, b); }, /got undefined \(did the method forget to return its value\?\)/],
    [function (a, b) { return tf.sub(this.net.forward(a, b), tf.zeros([3, 3])); }, /could not be broadcast/],
  ];
  for (const [loss, message] of refused) {
    const trainer = trainerWith(loss);
    assert.throws(() => trainer.step(1), message);
    trainer.dispose();
    assert.equal(tf.memory().numTensors, before, `tensors left by ${message}`);
  }
  const mine = new MINETrainer(x, y, net, { itersPerEpoch: 2 });
  assert.throws(() => mine.stepWithLoss(() => 3, 1), /stepWithLoss: loss must return a tf\.Scalar, the minibatch's loss, got 3/);
  mine.dispose();
  net.dispose();
});

test("a forward that does not return t, one number per sample, is named by evaluate and the trainers (evaluate gave two numbers a point for two columns)", () => {
  const rng = new Rng(11);
  const x = rng.normals(40).map((v) => [v]);
  const y = x.map(([v]) => [v + rng.normal()]);
  class TwoColumns extends NetLayers {
    forward(a, b) {
      return tf.concat([this.fc3.apply(tf.elu(this.fc2.apply(tf.elu(this.fc1.apply(tf.concat([a, b], 1)))))), a], 1);
    }
  }
  class NoReturn extends NetLayers {
    forward(a, b) {
      this.fc1.apply(tf.concat([a, b], 1));
    }
  }
  const wide = new TwoColumns({ hiddenSize: 3 });
  assert.throws(() => wide.evaluate([[1, 2]]), /evaluate\(points\): forward must return t, one number per sample, a tensor of shape \[1, 1\] \(or \[1\]\); got shape \[1, 2\]/);
  const silent = new NoReturn({ hiddenSize: 3 });
  assert.throws(() => silent.evaluate([[1, 2]]), /got undefined \(did forward forget to return its value\?\)/);
  const before = tf.memory().numTensors;
  for (const net of [wide, silent]) {
    const trainer = new MINETrainer(x, y, net, { itersPerEpoch: 2 });
    assert.throws(() => trainer.step(1), /net\.forward must return t, one number per sample, a tensor of shape \[20, 1\] \(or \[20\]\); got/);
    trainer.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
  wide.dispose();
  silent.dispose();
});
