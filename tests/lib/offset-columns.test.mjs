import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Net, MINETrainer, MINEfTrainer, InfoNCETrainer, SMILETrainer, MINEE, Rng } from "neural-mi";

before(async () => {
  await init();
});

// a Gaussian pair with correlation 0.8 (0.51 nats)
function pair(offset, scale, n = 200) {
  const rng = new Rng(2);
  const a = rng.normals(n);
  const b = rng.normals(n);
  return {
    x: a.map((v) => [offset + scale * v]),
    y: a.map((v, i) => [offset + scale * (0.8 * v + 0.6 * b[i])]),
  };
}

const trainers = {
  MINETrainer: (x, y, options) => new MINETrainer(x, y, new Net({ inputSize: 2 }), options),
  MINEfTrainer: (x, y, options) => new MINEfTrainer(x, y, new Net({ inputSize: 2 }), options),
  InfoNCETrainer: (x, y, options) => new InfoNCETrainer(x, y, new Net({ inputSize: 2 }), options),
  SMILETrainer: (x, y, options) => new SMILETrainer(x, y, new Net({ inputSize: 2 }), options),
  MINEE: (x, y, options) => new MINEE(x, y, options),
};

test("the trainers refuse a column far from 0 relative to its spread (which estimated ≈ 0 nats for 0.51), on both training paths", () => {
  const { x, y } = pair(100, 1);
  const shiftedY = pair(0, 1).y.map(([v]) => [1e6 + 1e4 * v]);
  for (const [name, make] of Object.entries(trainers)) {
    for (const fused of [true, false]) {
      assert.throws(() => make(x, pair(0, 1).y, { fused }), /column 0 of x has mean 100\.\d* but standard deviation 1\.\d*, \d+ deviations from 0.*Centre and scale each column/, `${name} fused=${fused}`);
      assert.throws(() => make(pair(0, 1).x, shiftedY, { fused }), /column 0 of y .*estimateMI\(x, y\)/, `${name} fused=${fused}`);
      assert.throws(() => make(x, y, { fused }), new RegExp(`^Error: neural-mi: ${name}: column 0 of x`), `${name} fused=${fused}`);
    }
  }
});

test("columns near 0 for their spread train as before: a small offset, a large scale, a constant column", () => {
  for (const [offset, scale] of [[3, 1], [0, 1000]]) {
    const { x, y } = pair(offset, scale);
    for (const make of Object.values(trainers)) make(x, y, {}).dispose();
  }
  const { y } = pair(0, 1);
  const constant = y.map(() => [5]);
  const trainer = new MINETrainer(constant, y, new Net({ inputSize: 2 }), { seed: 1 });
  assert.ok(Math.abs(trainer.step(2)) < 0.01);
  trainer.dispose();
});
