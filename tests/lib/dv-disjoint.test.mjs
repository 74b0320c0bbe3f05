import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Rng, Net, DVTrainer, TrainingDiverged } from "neural-mi";

before(async () => {
  await init();
});

test("DVTrainer on P and Q of disjoint support says the divergence is infinite when t runs off, on both paths", () => {
  const rng = new Rng(1);
  const z = Array.from({ length: 200 }, () => [rng.normal()]);
  const zRef = z.map(([v]) => [v + 20]);
  for (const fused of [true, false]) {
    const trainer = new DVTrainer(z, zRef, new Net({ inputSize: 1 }), { learningRate: 0.01, fused });
    assert.throws(
      () => {
        for (let e = 0; e < 40; e++) trainer.step(1);
      },
      (error) => error instanceof TrainingDiverged && /infinite or too large/.test(error.message) && /lower bounds only/.test(error.message),
      `fused ${fused}`,
    );
    assert.ok(trainer.history.estimate.every(Number.isFinite));
  }
});
