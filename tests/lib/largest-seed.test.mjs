// Every safe integer is a seed, and the library's own seeds derived from it (seed + 1 …) must be too: KSG and MI-NEE
// at seed 2^53 − 1 failed with "Rng(seed) must be an integer of at most 2^53 − 1, got 9007199254740992" (bench/accuracy/options).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI, bivariateGaussian, MINEE, ADVERSARIAL_TASKS } from "neural-mi";

before(async () => {
  await init();
});

const LARGEST = Number.MAX_SAFE_INTEGER;
const task = bivariateGaussian(0.5);
const { x, y } = task.sample(300, 5);
// labels beside a measurement: the label and grouping bounds draw their own seeds too
const labels = y.map(([v]) => [Math.floor(4 * (v + 3))]);

test("KSG answers at the largest and smallest seeds, as at any other", async () => {
  for (const seed of [LARGEST, LARGEST - 3, -LARGEST]) {
    for (const [b, what] of [[y, "continuous"], [labels, "labels"]]) {
      const r = await estimateMI(x, b, { method: "ksg", seed });
      assert.ok(Number.isFinite(r.estimate), `seed ${seed}, ${what}`);
    }
  }
});

test("MI-NEE, its trainer and the other neural methods answer at the largest seed", async () => {
  const trainer = new MINEE(x, y, { seed: LARGEST });
  assert.ok(Number.isFinite(trainer.step(1)));
  trainer.dispose();
  for (const method of ["minee", "mine", "smile"]) {
    const r = await estimateMI(x, labels, { method, seed: LARGEST, steps: 60 });
    assert.ok(Number.isFinite(r.estimate), method);
  }
});

test("a task built on another's sampler draws at the largest seed", () => {
  const noisy = ADVERSARIAL_TASKS.find((t) => t.name.startsWith("noise-columns"));
  const sample = noisy.sample(5, LARGEST);
  assert.equal(sample.x.length, 5);
  assert.ok(sample.x.flat().every(Number.isFinite));
});
