import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Net, DVTrainer, MINETrainer, MINEfTrainer, MINEE } from "neural-mi";
import { gaussianColumns } from "./pairs.mjs";

// Without the check, x·1e5 trained 3 epochs to −340 nats with MINE, x·1e6 to −294 with DV and
// −98 with MI-NEE, x·1e30 "diverged" with advice to lower the learning rate, and x·1e−30 estimated
// 0 whatever the dependence: no error named the data's scale.

before(async () => {
  await init();
});

const pairs = (n) => gaussianColumns(n, 5);

const scaled = (rows, s) => rows.map(([v]) => [v * s]);

test("the trainers refuse columns whose typical spread is far from 1, naming the column and the fix", () => {
  const { x, y } = pairs(100);
  for (const s of [1e5, 1e30, 1e-30]) {
    for (const make of [
      () => new MINETrainer(scaled(x, s), y, new Net({ inputSize: 2 })),
      () => new MINEfTrainer(x, scaled(y, s), new Net({ inputSize: 2 })),
      () => new MINEE(scaled(x, s), y),
      () => new DVTrainer(scaled(x, s), scaled(y, s), new Net({ inputSize: 1 })),
    ]) {
      assert.throws(make, /column 0 of (x|y|z and zRef together) has a (median absolute deviation|standard deviation) .*Scale each column/s, `scale ${s}`);
    }
  }
});

test("scales from 1e-2 to 1e3 and constant columns are taken", () => {
  const { x, y } = pairs(100);
  for (const s of [1e-2, 1e3]) {
    assert.ok(Number.isFinite(new MINETrainer(scaled(x, s), y, new Net({ inputSize: 2 })).step(0)));
    assert.ok(Number.isFinite(new DVTrainer(scaled(x, s), scaled(y, s), new Net({ inputSize: 1 })).step(0)));
  }
  assert.ok(Number.isFinite(new MINETrainer(x.map(() => [1e6]), y, new Net({ inputSize: 2 })).step(0)));
});

test("DVTrainer refuses z and zRef sharing a large offset, and takes P and Q apart from each other", () => {
  const { x, y } = pairs(100);
  const offset = (rows, c) => rows.map(([v]) => [v + c]);
  assert.throws(() => new DVTrainer(offset(x, 1e6), offset(y, 1e6), new Net({ inputSize: 1 })), /z and zRef together has mean .*Centre and scale/s);
  assert.ok(Number.isFinite(new DVTrainer(x, offset(y, 20), new Net({ inputSize: 1 })).step(0)));
});

test("estimateOn refuses samples that the trainer's constructor would refuse (offset or scale), on every trainer", () => {
  const { x, y } = pairs(100);
  const offset = (rows) => rows.map(([v]) => [v + 1e6]);
  const trainers = [
    [new MINETrainer(x, y, new Net({ inputSize: 2 })), /estimateOn\(x, y\): column 0 of x has mean/],
    [new MINEE(x, y), /estimateOn\(x, y\): column 0 of x has mean/],
    [new DVTrainer(x, y, new Net({ inputSize: 1 })), /estimateOn\(z, zRef\): column 0 of z and zRef together has mean/],
  ];
  for (const [trainer, message] of trainers) {
    assert.throws(() => trainer.estimateOn(offset(x), offset(y)), message);
    assert.throws(() => trainer.estimateOn(scaled(x, 1e30), scaled(y, 1e30)), /has a median absolute deviation .*Scale each column/s);
    assert.ok(Number.isFinite(trainer.estimateOn(x, y).estimate));
  }
});
