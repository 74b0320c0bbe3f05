// The best network's estimate is made again on fresh reference draws before it is reported. When
// its outputs ran off there (SMILE and MI-NEE at learningRate 3 on Gaussian pairs: outputs of 7·10⁴
// at the best point), the trainer's divergence error escaped estimateMI instead of an untrusted
// answer; now the result is untrusted and says the best network could not be evaluated again.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI } from "neural-mi";
import { assertHonest } from "./promise.mjs";
import { gaussianRows } from "./pairs.mjs";

before(async () => {
  await init();
});

test("a learning rate far too large gives an untrusted answer, not the trainer's divergence error", async () => {
  const rho = 0.8;
  const truth = -0.5 * Math.log(1 - rho * rho);
  const { x, y } = gaussianRows(1000, rho, 9101);
  const what = "minee, learningRate 3";
  const result = await estimateMI(x, y, { method: "minee", seed: 1, learningRate: 3 });
  assertHonest(result, truth, what);
  assert.ok(!result.trusted, `${what}: ${result.estimate} [${result.interval}] trusted`);
  assert.ok(result.warnings.some((w) => /could not be evaluated again on fresh reference draws/.test(w)), `${what}: ${result.warnings.join(" | ")}`);
});

// A learning rate far above the method's default that diverged early at every restart (the given
// rate, ¼ and 1/16 of it) stopped estimateMI with an error blaming "an extreme outlier" in a plain
// Gaussian pair (MINE and MINE-f at learningRate 10); such a rate is now tried once more at the
// method's default, and the answer, with the restarts among its warnings, is judged as any other.
test("a learning rate far above the default that always diverges is retried at the default, not an error blaming the data", async () => {
  const rho = 0.8;
  const truth = -0.5 * Math.log(1 - rho * rho);
  const { x, y } = gaussianRows(1000, rho, 9100);
  for (const method of ["mine-f", "mine"]) {
    const what = `${method}, learningRate 10`;
    const result = await estimateMI(x, y, { method, seed: 0, learningRate: 10 });
    assertHonest(result, truth, what);
    assert.match(result.warnings.join(" "), new RegExp(`restarted with learningRate 0\\.001 \\(${method}'s default\\)`), what);
    assert.equal(result.diagnostics.learningRate, 0.001, what);
  }
});
