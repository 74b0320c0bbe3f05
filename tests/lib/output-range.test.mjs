import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, MINEE, Rng, TrainingDiverged } from "neural-mi";

before(async () => {
  await init();
});

function gaussianPair(n = 200) {
  const rng = new Rng(4);
  const a = rng.normals(n);
  const b = rng.normals(n);
  return { x: a.map((v) => [v]), y: a.map((v, i) => [0.8 * v + 0.6 * b[i]]) };
}

test("outputs past float32's resolution are a divergence, at the same epoch on both paths, and estimateOn refuses them too", () => {
  // MI-NEE at learningRate 1 on 0.51 nats: estimates ran on to −10¹¹ nats, finite, on both paths
  const { x, y } = gaussianPair();
  const stops = [];
  for (const fused of [true, false]) {
    const trainer = new MINEE(x, y, { learningRate: 1, seed: 1, fused });
    let error;
    // (the first epochs' estimates, far below 0, are refused first: worse-than-constant.test.mjs; trained on past them)
    for (let e = 0; e < 30 && error === undefined; e++) {
      try {
        trainer.step(1);
      } catch (caught) {
        if (!/below the 0 a constant network gives/.test(caught.message)) error = caught;
      }
    }
    assert.ok(error instanceof TrainingDiverged, `fused=${fused}: ${error}`);
    assert.match(error.message, /the network's outputs reach [\d.e+]+ in magnitude \(epoch \d+\), where float32 resolves only steps of [\d.]+, so no estimate made of them means anything\. Train fewer epochs/);
    stops.push([error.epoch, error.iteration]);
    // trained on past it (trainEpochs checks the loss only), the outputs on other samples are refused too
    trainer.trainEpochs(5);
    assert.throws(() => trainer.estimateOn(x, y), /the network's outputs reach/);
    trainer.dispose();
  }
  assert.deepEqual(stops[0], stops[1]);
});
