import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Net, MINETrainer } from "neural-mi";
import { gaussianColumns } from "./pairs.mjs";

before(async () => {
  await init();
});

const pairs = (n) => gaussianColumns(n, 3);

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
