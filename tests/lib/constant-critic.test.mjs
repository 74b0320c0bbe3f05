import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI } from "neural-mi";
import { normalXRows } from "./pairs.mjs";

before(async () => {
  await init();
});

// MI-NEE at learningRate 1e-5 (a Gaussian pair, 0.83 nats) held every divergence at 0 at every
// evaluation: 0 with no spread. It was untrusted, but the only reason given was that the Gaussian
// references "raise the estimate by about 0.00 nats; give more samples, or use mine", which is not
// why and does not say what helps.
test("a run that stays a constant critic says so, not that its references are off", async () => {
  const { x, y } = normalXRows(1000, 11, (a, rng) => [0.9 * a + Math.sqrt(1 - 0.81) * rng.normal()]);
  const r = await estimateMI(x, y, { method: "minee", seed: 0, learningRate: 1e-5 });
  assert.equal(r.estimate, 0);
  assert.equal(r.trusted, false);
  assert.equal(r.interval[1], Infinity);
  assert.ok(r.warnings.some((w) => /the network is a constant on held-out samples/.test(w) && /larger learningRate/.test(w)), r.warnings.join("\n"));
  assert.ok(!r.warnings.some((w) => /references, fitted to/.test(w)), r.warnings.join("\n"));
});
