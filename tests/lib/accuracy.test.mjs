import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, courseData, correlatedPairs, Rng, Net, DVTrainer, MINETrainer, MINEfTrainer, MINEE, estimateMI } from "neural-mi";

// Each estimator trains on the course's data (courseData(): n = 1000, ρ = 0.9208,
// ground truth 0.9416 nats) with its defaults and one seed. The statistic is the mean of
// the estimates of the last 10 epochs, which smooths the epoch-to-epoch noise.
//
// Tolerances come from running the same code for seeds 0–7 once (net, permutations and
// references seeded; the data fixed), on this machine's WASM backend:
//
//   estimator  epochs  mean over seeds  sd     bias = mean − truth  tolerance = |bias| + 4 sd
//   DV           60      0.9622        0.0297      +0.021             0.14
//   MINE         80      0.8869        0.0153      −0.055             0.12
//   MINE-f       80      0.8699        0.0202      −0.072             0.16
//   MI-NEE       80      0.9189        0.0268      −0.023             0.13
//
// DV overshoots: it is evaluated on the very samples (and the fixed reference set) it was
// trained on. MINE and MINE-f are still below the truth after 800 steps (MINE's curve
// flattens later); MI-NEE's single estimates swing by ±0.1 between epochs, its 10-epoch mean
// by 0.03. The test seed is 0.

const data = courseData();
const TRUTH = data.groundTruth;

before(async () => {
  await init();
});

const lastTenMean = (history) => history.estimate.slice(-10).reduce((s, v) => s + v, 0) / 10;

function assertNearTruth(name, value, tolerance) {
  assert.ok(
    Math.abs(value - TRUTH) <= tolerance,
    `${name}: ${value.toFixed(4)} is ${(value - TRUTH).toFixed(4)} from the ground truth ${TRUTH.toFixed(4)} (tolerance ${tolerance})`,
  );
}

test("the ground truth is the course's", () => {
  assert.ok(Math.abs(TRUTH - 0.9416) < 1e-4);
});

test("DVTrainer estimates D(P_XY ‖ N(0, I)) = I(X∧Y) on the course data", () => {
  // the reference Z' is n' = 1000 independent standard normal pairs; since X and Y are
  // standard normal, D(P_XY ‖ P_X × P_Y) is the divergence to this reference
  const reference = new Rng(1).multivariateNormal([0, 0], [[1, 0], [0, 1]], 1000);
  const net = new Net({ seed: 0 });
  const trainer = new DVTrainer(data.xy, reference, net, { seed: 0 });
  trainer.step(60);
  assertNearTruth("DV", lastTenMean(trainer.history), 0.14);
  trainer.dispose();
  net.dispose();
});

test("MINETrainer lands near the ground truth", () => {
  const net = new Net({ seed: 0 });
  const trainer = new MINETrainer(data.x, data.y, net, { seed: 0 });
  trainer.step(80);
  assertNearTruth("MINE", lastTenMean(trainer.history), 0.12);
  trainer.dispose();
  net.dispose();
});

test("MINEfTrainer lands near the ground truth", () => {
  const net = new Net({ seed: 0 });
  const trainer = new MINEfTrainer(data.x, data.y, net, { seed: 0 });
  trainer.step(80);
  assertNearTruth("MINE-f", lastTenMean(trainer.history), 0.16);
  trainer.dispose();
  net.dispose();
});

test("MINEE lands near the ground truth", () => {
  const trainer = new MINEE(data.x, data.y, { seed: 0 });
  trainer.step(80);
  assertNearTruth("MI-NEE", lastTenMean(trainer.history), 0.13);
  trainer.dispose();
});

test("estimateMI with its defaults lands near the truth on the bivariate Gaussian, inside its interval", async () => {
  // ρ = 0.9, n = 1000, drawn as bench/estimators/check.mjs draws seed 0. Over its seeds 0–9
  // MINE gave 0.818 ± 0.061 (truth 0.830; every interval covered the truth), so the
  // tolerance |bias| + 4 sd = 0.012 + 0.244 ≈ 0.26.
  const truth = correlatedPairs(1, 0.9).mutualInformation();
  const { x, y } = correlatedPairs(1, 0.9).sample(1000, 1000);
  const result = await estimateMI(x, y, { seed: 0 });
  assert.ok(Math.abs(result.estimate - truth) <= 0.26, `estimateMI: ${result.estimate} vs ${truth}`);
  assert.ok(result.interval[0] <= truth && truth <= result.interval[1], `interval ${result.interval}`);
});
