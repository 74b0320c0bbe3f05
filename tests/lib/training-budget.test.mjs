import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI, Rng } from "neural-mi";

before(async () => {
  await init();
});

// steps: 0 (or epochs: 0) trained nothing and returned the untrained critic's held-out estimate
// (−0.35 for 0.5 nats), untrusted with the warning that the network overfit or diverged.
test("estimateMI refuses a training budget of 0 steps or epochs, saying why", async () => {
  const rng = new Rng(5);
  const x = rng.normals(300);
  const y = x.map((v) => 0.8 * v + 0.6 * rng.normal());
  for (const method of ["mine", "minee", "infonce"]) {
    await assert.rejects(estimateMI(x, y, { method, steps: 0 }), /steps is 0: the network would not be trained at all.*give at least 1/);
    await assert.rejects(estimateMI(x, y, { method, epochs: 0 }), /epochs is 0: the network would not be trained at all/);
  }
  const one = await estimateMI(x, y, { method: "mine", steps: 1 });
  assert.ok(Number.isFinite(one.estimate));
});
