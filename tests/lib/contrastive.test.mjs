import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net, InfoNCETrainer, SMILETrainer, bivariateGaussian, estimateMI, gaussianMixture } from "neural-mi";

// InfoNCE and SMILE behind the estimator interface: their trainers on both training paths,
// InfoNCE's contrast within the minibatch, and a quick task each.

before(async () => {
  await init();
});

const net = () => new Net({ inputSize: 2, hiddenSize: 16, sigma: "fan-in", seed: 1 });

test("InfoNCE and SMILE train alike on the fused kernel and on TensorFlow.js", () => {
  const { x, y } = bivariateGaussian(0.9).sample(300, 3);
  for (const [Trainer, options] of [[InfoNCETrainer, { negatives: 7 }], [SMILETrainer, { clip: 5 }]]) {
    const fusedNet = net();
    const tfjsNet = net();
    const fused = new Trainer(x, y, fusedNet, { ...options, itersPerEpoch: 5, seed: 2 });
    const tfjs = new Trainer(x, y, tfjsNet, { ...options, itersPerEpoch: 5, seed: 2, fused: false });
    fused.trainEpochs(20);
    tfjs.trainEpochs(20);
    assert.ok(fused.usesFusedKernel && !tfjs.usesFusedKernel, Trainer.name);
    const a = fused.estimateOn(x, y, { rng: 4 }).estimate;
    const b = tfjs.estimateOn(x, y, { rng: 4 }).estimate;
    // the two paths differ by float32 rounding only: 100 steps apart by < 1e-5 in our runs
    assert.ok(Math.abs(a - b) < 1e-3, `${Trainer.name}: fused ${a} vs TensorFlow.js ${b}`);
    assert.ok(a > 0.3, `${Trainer.name} learned something: ${a}`);
    for (const t of [fused, tfjs]) t.dispose();
    for (const n of [fusedNet, tfjsNet]) n.dispose();
  }
});

test("InfoNCE contrasts each pair with K other y's of its own minibatch, and never beats log(K + 1)", () => {
  const { x, y } = bivariateGaussian(0.999).sample(200, 5);
  const seen = [];
  class Recording extends InfoNCETrainer {
    loss(xb, yb, xRef, yRef) {
      seen.push({ joint: xb.arraySync().map((r, i) => [r[0], yb.arraySync()[i][0]]), ref: xRef.arraySync().map((r, i) => [r[0], yRef.arraySync()[i][0]]) });
      return super.loss(xb, yb, xRef, yRef);
    }
  }
  const n = new Net({ inputSize: 2, hiddenSize: 8, sigma: "fan-in" });
  const trainer = new Recording(x, y, n, { negatives: 3, evaluationNegatives: 3, itersPerEpoch: 4 });
  trainer.trainEpochs(1);
  assert.equal(seen.length, 4);
  for (const { joint, ref } of seen) {
    const b = joint.length;
    assert.equal(ref.length, 3 * b);
    for (let s = 0; s < 3; s++) {
      for (let i = 0; i < b; i++) {
        // shift s + 1: x of pair i with y of pair i + s + 1 of the same batch
        assert.deepEqual(ref[s * b + i], [joint[i][0], joint[(i + s + 1) % b][1]]);
      }
    }
  }
  trainer.dispose();
  // ρ = 0.999 holds 3.1 nats, far above log 4 = 1.39: the bound approaches its ceiling, not the MI
  const plain = new InfoNCETrainer(x, y, n, { negatives: 3, evaluationNegatives: 3, itersPerEpoch: 4 });
  plain.trainEpochs(150);
  const estimate = plain.estimateOn(x, y, { rng: 1 }).estimate;
  assert.ok(estimate <= Math.log(4) + 1e-9 && estimate > 1, `InfoNCE ${estimate}`);
  plain.dispose();
  n.dispose();
});

// Quick tasks, the mixture of MINE's (estimate-mi.test.mjs): n = 400, data seed 1000, the
// estimator's seed 0. Tolerances |mean − truth| + 4 sd over estimator seeds 0–9 on these data.
test("InfoNCE and SMILE with their defaults land near the two-Gaussian mixture's MI", async () => {
  const mixture = gaussianMixture();
  const { x, y } = mixture.sample(400, 1000);
  const truth = mixture.mutualInformation();
  for (const [method, tolerance] of [["infonce", TOLERANCE.infonce], ["smile", TOLERANCE.smile]]) {
    const r = await estimateMI(x, y, { method, seed: 0 });
    assert.ok(Math.abs(r.estimate - truth) < tolerance, `${method}: ${r.estimate} for ${truth}`);
    assert.ok(!r.trusted || (r.interval[0] <= truth && truth <= r.interval[1]), `${method}: ${r.interval}, trusted`);
  }
});

// seeds 0–9: InfoNCE mean 0.353, sd 0.071 → 0.055 + 0.283 ≈ 0.34; SMILE mean 0.346, sd 0.076 → 0.062 + 0.304 ≈ 0.37
// (both untrusted on seed 6 only, where KSG was clearly above them)
const TOLERANCE = { infonce: 0.34, smile: 0.37 };
