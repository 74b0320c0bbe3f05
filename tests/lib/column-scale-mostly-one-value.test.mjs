import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, Rng, Net, DVTrainer, MINETrainer, MINEE } from "neural-mi";
import { gaussianColumns } from "./pairs.mjs";

// A column mostly of one value has a median absolute deviation of 0, so the scale check took it
// whatever its other values were: 990 zeros and ten values near 1e30 passed, and training ended in
// "diverged … lower learningRate", which does not name the data's scale.

before(async () => {
  await init();
});

const pairs = (n) => gaussianColumns(n, 7);

// column 0 zero except every 100th row, which holds s·(a normal draw); column 1 the pair's x
const mostlyZero = (rows, s) => {
  const rng = new Rng(11);
  return rows.map(([v], i) => [i % 100 === 0 ? s * (1 + Math.abs(rng.normal())) : 0, v]);
};

test("a column mostly of one value with its other values far out is refused, naming the column and the fix", () => {
  const { x, y } = pairs(1000);
  for (const s of [1e30, 1e6]) {
    const wide = mostlyZero(x, s);
    for (const make of [
      () => new MINETrainer(wide, y, new Net({ inputSize: 3 })),
      () => new MINEE(wide, y),
      () => new DVTrainer(wide, wide.map(([, b]) => [0, b]), new Net({ inputSize: 2 })),
    ]) {
      assert.throws(make, /column 0 of (x|z and zRef together) has most values equal to 0 and the others a median .* away from it.*Scale each column/s, `scale ${s}`);
    }
  }
});

test("the same column scaled to sd 1, and a 0/1 flag mostly 0, are taken", () => {
  const { x, y } = pairs(1000);
  const wide = mostlyZero(x, 1e30);
  const mean = wide.reduce((a, r) => a + r[0], 0) / wide.length;
  const sd = Math.sqrt(wide.reduce((a, r) => a + (r[0] - mean) ** 2, 0) / (wide.length - 1));
  const scaled = wide.map(([a, b]) => [(a - mean) / sd, b]);
  assert.ok(Number.isFinite(new MINETrainer(scaled, y, new Net({ inputSize: 3 })).step(0)));
  const flag = x.map(([v], i) => [i % 50 === 0 ? 1 : 0, v]);
  assert.ok(Number.isFinite(new MINETrainer(flag, y, new Net({ inputSize: 3 })).step(0)));
  assert.ok(Number.isFinite(new MINEE(flag, y).step(0)));
});
