import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Net, MINEfTrainer, Rng, TrainingDiverged } from "neural-mi";

before(async () => {
  await init();
});

test("a divergence leaves the network at its last finite parameters on both paths (TensorFlow.js's made them all NaN)", () => {
  const rng = new Rng(5);
  const x = rng.normals(100).map((v) => [v]);
  const y = x.map(([v]) => [v + 0.5 * rng.normal()]);
  const outputs = [];
  for (const fused of [true, false]) {
    const net = new Net();
    const trainer = new MINEfTrainer(x, y, net, { learningRate: 1e3, seed: 1, fused });
    assert.throws(() => trainer.step(5), TrainingDiverged);
    assert.equal(trainer.history.loss.length, 2);
    assert.ok(net.variables.every((v) => v.dataSync().every(Number.isFinite)), `fused=${fused}: the network's parameters are finite`);
    outputs.push(net.evaluate([[0.5, 0.5], [-1, 1]]));
    trainer.dispose();
    net.dispose();
  }
  // the same single step on both paths, to float32 rounding
  outputs[0].forEach((t, i) => assert.ok(Math.abs(t - outputs[1][i]) <= 1e-2 * Math.abs(t), `${t} vs ${outputs[1][i]}`));
});
