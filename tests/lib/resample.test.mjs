import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, resample, Rng } from "neural-mi";

before(async () => {
  await init();
});

const data = Array.from({ length: 20 }, (_, i) => [i, 100 + i]);

test("without replacement: distinct rows of the data, copied", () => {
  const picked = resample(data, 20, { rng: new Rng(1) });
  assert.equal(picked.length, 20);
  assert.deepEqual([...picked].sort((a, b) => a[0] - b[0]), data);
  const some = resample(data, 7, { rng: new Rng(2) });
  assert.equal(new Set(some.map((r) => r[0])).size, 7);
  some.forEach((row) => assert.equal(row[1], 100 + row[0], "rows stay whole"));
  some[0][0] = -1;
  assert.ok(data.every((row) => row[0] >= 0), "the input is not modified through the copies");
});

test("with replacement: any size, rows may repeat", () => {
  const many = resample(data, 200, { replace: true, rng: new Rng(3) });
  assert.equal(many.length, 200);
  assert.ok(new Set(many.map((r) => r[0])).size < 200);
  many.forEach((row) => assert.deepEqual(row, data[row[0]]));
});

test("the same generator state gives the same rows; the shared default advances", () => {
  assert.deepEqual(resample(data, 5, { rng: new Rng(4) }), resample(data, 5, { rng: new Rng(4) }));
  // two calls with the default generator draw different rows, so X and Y resampled
  // separately are independently permuted
  assert.notDeepEqual(resample(data, 20), resample(data, 20));
});

test("tensors in, tensors out (the same rows as for arrays)", () => {
  const t = tf.tensor2d(data);
  const before = tf.memory().numTensors;
  const out = resample(t, 6, { rng: new Rng(5) });
  assert.deepEqual(out.shape, [6, 2]);
  assert.deepEqual(out.arraySync(), resample(data, 6, { rng: new Rng(5) }));
  out.dispose();
  assert.equal(tf.memory().numTensors, before);
  t.dispose();
  assert.throws(() => resample(tf.zeros([3]), 2), /a tensor must be 2-D/);
});

test("bad requests name the argument and the fix", () => {
  assert.throws(() => resample(data, 21), /size = 21 is larger than the data's 20 rows; without replacement .*pass \{ replace: true \}/);
  assert.throws(() => resample([], 1), /data is empty/);
  assert.throws(() => resample(data, 2.5), /size must be an integer, got 2.5/);
  assert.throws(() => resample(data, 2, { replace: "yes" }), /replace \}\) must be true or false/);
  assert.throws(() => resample(data, 2, { rng: 3 }), /\{ rng \}\) must be an Rng/);
  assert.throws(() => resample("abc", 2), /data must be an array of rows or a 2-D tensor/);
});

test("a misspelt option and a disposed tensor are refused (replacement: true drew without replacement)", () => {
  assert.throws(() => resample(data, 2, { replacement: true }), /unknown option "replacement" \(did you mean "replace"\?\)/);
  const disposed = tf.tensor2d(data);
  disposed.dispose();
  assert.throws(() => resample(disposed, 2), /data is a disposed tensor; pass a live tensor or an array/);
});

test("a size beyond 2^26 rows is refused (size: 1e9 with replacement ran out of memory)", () => {
  assert.throws(() => resample(data, 1e9, { replace: true }), /resample\(data, size\) asks for 1000000000 numbers in one call, more than the 67108864 .*draw in parts/);
});
