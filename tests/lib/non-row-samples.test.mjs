import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI } from "neural-mi";
import { otherNormal } from "./other-generator.mjs";

// A sample that is not a row (null for a missing record, a hole, a plain number among [v] rows)
// was described by `typeof`: "x[7] is object, not a row". The message now says what stands there.

before(async () => {
  await init();
});

const normal = otherNormal(919);
const x = Array.from({ length: 80 }, () => [normal()]);
const y = x.map(([a]) => [0.6 * a + normal()]);
const replaced = (i, v) => x.map((row, k) => (k === i ? v : row));

test("a row that is null, missing or a plain number is named as such, with the fix", async () => {
  const holed = x.slice();
  delete holed[4];
  const cases = [
    [replaced(7, null), /x\[7\] is null \(a missing sample: remove it, or impute its values\), not a row/],
    [holed, /x\[4\] is missing \(a hole in the array, or undefined: remove that sample\), not a row/],
    [replaced(3, 0.25), /x\[3\] is the number 0\.25, not a row; .*give every sample as \[v\], or every one as a plain number/],
    [replaced(5, "1.5"), /x\[5\] is the string "1\.5", not a row/],
  ];
  for (const [data, message] of cases) {
    for (const method of ["ksg", "mine"]) await assert.rejects(() => estimateMI(data, y, { method }), message);
  }
});
