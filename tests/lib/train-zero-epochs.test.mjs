import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Rng, Net, MINETrainer } from "neural-mi";

before(async () => {
  await init();
});

function pairs(n) {
  const rng = new Rng(3);
  const x = Array.from({ length: n }, () => [rng.normal()]);
  return { x, y: x.map(([v]) => [0.8 * v + 0.6 * rng.normal()]) };
}

test("train({ epochs: 0 }) on a fresh trainer returns step(0)'s estimate, not NaN, on both paths", async () => {
  const { x, y } = pairs(100);
  for (const fused of [true, false]) {
    const trained = await new MINETrainer(x, y, new Net({ inputSize: 2, seed: 1 }), { seed: 2, fused }).train({ epochs: 0 });
    const stepped = new MINETrainer(x, y, new Net({ inputSize: 2, seed: 1 }), { seed: 2, fused }).step(0);
    assert.ok(Number.isFinite(trained), `fused ${fused}: ${trained}`);
    assert.equal(trained, stepped);
  }
});

test("train({ epochs: 0 }) after training returns the last epoch's estimate", async () => {
  const { x, y } = pairs(100);
  const trainer = new MINETrainer(x, y, new Net({ inputSize: 2, seed: 1 }), { seed: 2 });
  const last = trainer.step(2);
  assert.equal(await trainer.train({ epochs: 0 }), last);
  assert.equal(trainer.history.estimate.length, 2);
});
