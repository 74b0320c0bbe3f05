// KSG's cost grows as n²·d (every pair's max-norm distance): 20 000 samples of 20 + 20 independent
// columns took 5 min before its sample cap fell with the coordinates. Beyond 4 coordinates, where its
// interval is not trusted anyway, it now keeps a seeded subset of 20 000·√(4/d) samples (6324 in 20 + 20).
// The data are drawn by a generator other than the library's (other-generator.mjs).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI } from "neural-mi";
import { otherNormal } from "./other-generator.mjs";

before(async () => {
  await init();
});

test("KSG in 20 + 20 coordinates uses at most 20 000·√(4/40) samples, and reports it", async () => {
  const normal = otherNormal(91);
  const n = 6500;
  const x = Array.from({ length: n }, () => Array.from({ length: 20 }, normal));
  const y = Array.from({ length: n }, () => Array.from({ length: 20 }, normal));
  const result = await estimateMI(x, y, { method: "ksg", seed: 0 });
  assert.equal(result.diagnostics.samplesGiven, n);
  assert.equal(result.diagnostics.samples, Math.floor(20000 * Math.sqrt(4 / 40)));
  // independent columns: not trusted in 40 coordinates, and the interval still reaches 0
  assert.equal(result.trusted, false);
  assert.ok(result.interval[0] <= 0 && result.interval[1] >= 0, `interval ${result.interval}`);
});

test("KSG in 1 + 1 coordinates keeps every sample up to 20 000", async () => {
  const normal = otherNormal(92);
  const n = 3000;
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const a = normal();
    x.push(a);
    y.push(0.6 * a + 0.8 * normal());
  }
  const result = await estimateMI(x, y, { method: "ksg", seed: 0 });
  assert.equal(result.diagnostics.samples, n);
});
