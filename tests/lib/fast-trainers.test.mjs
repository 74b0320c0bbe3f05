// The trainers take the fused kernel when they can, and it changes nothing but the speed:
// the same seed gives the same estimates with `fused: false` (the TensorFlow.js path).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net, MINETrainer, MINEfTrainer, DVTrainer, MINEE, courseData } from "neural-mi";

before(async () => {
  await init();
});

const { x, y, xy } = courseData({ seed: 0, n: 1000 });
const other = courseData({ seed: 1, n: 1000 }).xy;
const zRef = other.map(([a], i) => [a, other[(i * 7 + 3) % 1000][1]]);

const TRAINERS = {
  MINETrainer: (options) => new MINETrainer(x, y, new Net({ seed: options.seed }), options),
  MINEfTrainer: (options) => new MINEfTrainer(x, y, new Net({ seed: options.seed }), options),
  DVTrainer: (options) => new DVTrainer(xy, zRef, new Net({ seed: options.seed }), options),
  MINEE: (options) => new MINEE(x, y, options),
};

for (const [name, make] of Object.entries(TRAINERS)) {
  test(`${name}: the fused kernel by default, the same estimates as the TensorFlow.js path`, () => {
    const fused = make({ seed: 2 });
    const plain = make({ seed: 2, fused: false });
    assert.equal(fused.usesFusedKernel, true, "the standard Net and loss should take the fused kernel");
    assert.equal(plain.usesFusedKernel, false);
    const a = fused.step(20);
    const b = plain.step(20);
    // Measured after 20 epochs, seeds 0–4: the two paths differ by at most 3.6e-5, while the
    // estimates' standard deviation over seeds is 0.005 (MINE-f) to 0.26 (DV); 1e-3 is between.
    assert.ok(Math.abs(a - b) < 1e-3, `estimate ${a} (fused) vs ${b} (TensorFlow.js)`);
    assert.equal(fused.history.loss.length, plain.history.loss.length);
    fused.history.estimate.forEach((e, i) => assert.ok(Math.abs(e - plain.history.estimate[i]) < 1e-3, `epoch ${i + 1}`));
    fused.dispose();
    plain.dispose();
  });
}

test("a network with its own forward, a trainer with its own loss, or NEURAL_MI_FUSED=0 take the TensorFlow.js path", () => {
  class Doubled extends Net {
    forward(a, b) {
      return tf.tidy(() => tf.mul(super.forward(a, b), 2));
    }
  }
  class OwnLoss extends MINETrainer {
    loss(a, b, aRef, bRef) {
      return super.loss(a, b, aRef, bRef);
    }
  }
  const customNet = new MINETrainer(x, y, new Doubled({ seed: 0 }));
  const customLoss = new OwnLoss(x, y, new Net({ seed: 0 }));
  assert.equal(customNet.usesFusedKernel, false);
  assert.equal(customLoss.usesFusedKernel, false);
  process.env.NEURAL_MI_FUSED = "0";
  try {
    assert.equal(new MINETrainer(x, y, new Net({ seed: 0 })).usesFusedKernel, false);
  } finally {
    delete process.env.NEURAL_MI_FUSED;
  }
  // the overriding classes still train
  assert.ok(Number.isFinite(customNet.step(1)) && Number.isFinite(customLoss.step(1)));
});

test("the network's variables hold the trained values after step, and training resumes from them", () => {
  const net = new Net({ seed: 3 });
  const trainer = new MINETrainer(x, y, net, { seed: 3 });
  const before = net.fc2.weight.dataSync().slice();
  trainer.step(2);
  const after = net.fc2.weight.dataSync().slice();
  assert.ok(after.some((v, i) => v !== before[i]), "step should have written the trained weights back");
  // a change made between calls is what the next step trains from
  net.fc3.bias.assign(tf.tensor1d([5]));
  trainer.step(1);
  assert.ok(Math.abs(net.fc3.bias.dataSync()[0] - 5) < 0.1, "the next step should start from the assigned bias");
  trainer.dispose();
  net.dispose();
});

test("fused must be a boolean", () => {
  assert.throws(() => new MINETrainer(x, y, new Net(), { fused: "yes" }), /fused must be true or false/);
});
