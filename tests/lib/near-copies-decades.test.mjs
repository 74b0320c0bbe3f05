// Values over hundreds of decades (x = 10^U, y = 10^(U + 25N), U uniform over 300 decades): scaled by
// its median absolute deviation, every value below the median sat within one unit of it at distances
// ranging over hundreds of decades, and about 400 of 1000 rows were called near copies (the ninth
// probe's leftover). Such a column (one-signed, its middle half over more than 3 decades) is now
// judged on log|v|, where a jittered copy v(1 + ε) is still a near copy. The data are drawn by a
// generator other than the library's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { otherGenerator } from "./other-generator.mjs";

const matrix = (column) => ({ values: Float64Array.from(column), rows: column.length, cols: 1 });

function decades(n, seed) {
  const { uniform, normal } = otherGenerator(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const u = 300 * uniform() - 150;
    x.push(10 ** u);
    y.push(10 ** (u + 25 * normal()));
  }
  return { x, y, uniform, normal };
}

test("values over 300 decades are not near copies of one another", async () => {
  const { nearCopiesWarning } = await import("neural-mi/dist/estimators/standardise.js");
  for (let seed = 0; seed < 10; seed++) {
    const { x, y } = decades(1000, 5100 + seed);
    assert.equal(nearCopiesWarning(matrix(x), matrix(y), seed), undefined, `seed ${seed}`);
  }
});

test("records over 300 decades stored 5 times with a relative jitter of 1e-9 are still near copies", async () => {
  const { nearCopiesWarning } = await import("neural-mi/dist/estimators/standardise.js");
  for (let seed = 0; seed < 5; seed++) {
    const { x, y, uniform, normal } = decades(200, 5200 + seed);
    const rows = [];
    for (let i = 0; i < 200; i++) for (let c = 0; c < 5; c++) rows.push([x[i] * (1 + 1e-9 * normal()), y[i] * (1 + 1e-9 * normal())]);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const warning = nearCopiesWarning(matrix(rows.map((r) => r[0])), matrix(rows.map((r) => r[1])), seed);
    assert.match(warning ?? "", /rows have a near copy/, `seed ${seed}`);
  }
});

test("the near-copies scan's SmallestValues keeps the k smallest of a stream, ties and all, and bounds the rest", async () => {
  const { SmallestValues } = await import("neural-mi/dist/estimators/smallest-values.js");
  const { uniform } = otherGenerator(5300);
  for (const [count, k] of [[0, 3], [5, 11], [11, 11], [2000, 100], [500, 1]]) {
    // values rounded to a coarse grid so that many repeat
    const values = Array.from({ length: count }, () => Math.round(uniform() * 50) / 10);
    const kept = new SmallestValues(k);
    for (const v of values) kept.offer(v);
    const expected = [...values].sort((a, b) => a - b).slice(0, k);
    assert.deepEqual([...kept.sorted()], expected, `${count} values, k = ${k}`);
    assert.equal(kept.bound(), count < k ? Infinity : expected[k - 1]);
  }
});
