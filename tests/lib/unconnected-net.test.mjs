import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, MINETrainer, Rng } from "neural-mi";

before(async () => {
  await init();
});

test("a network whose forward does not use its variables gets the library's error, not TensorFlow.js's about minimize()", () => {
  const rng = new Rng(9);
  const x = rng.normals(40).map((v) => [v]);
  const unused = tf.variable(tf.zeros([1]));
  const net = { variables: [unused], forward: (a, b) => tf.sum(tf.concat([a, b], 1), 1, true) };
  const trainer = new MINETrainer(x, x, net, { seed: 1 });
  assert.throws(() => trainer.step(1), /^Error: neural-mi: the loss does not depend on any of the network's variables \(net\.variables\), so nothing would train/);
  trainer.dispose();
  unused.dispose();
});
