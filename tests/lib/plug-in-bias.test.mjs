// The plug-in MI of discrete samples (lib/src/estimators/cross-check.ts, plugInMI) is the reference a trained estimate is
// checked against when x and y take few values. With the Miller–Madow correction alone, values with a long tail left it
// biased: independent whole numbers ⌊U^(−1/1.5)⌋ (1 in 65 % of the rows, about 25 values a side in 1000) gave 0.04–0.07
// ± 0.01, "clearly above" MINE's right ≈ 0, and every trained method lost its trust (bench/accuracy/unseen38). The bias left
// after the correction is now measured on permutations of y and taken off; on a well-filled table the estimate stays
// where the truth is.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimator, Rng } from "neural-mi";
import { plugInMI } from "neural-mi/dist/estimators/cross-check.js";
import { binomialQuantile } from "./promise.mjs";

before(async () => {
  await init();
});

const column = (values) => ({ values: Float64Array.from(values), rows: values.length, cols: 1 });
const paretoWhole = (rng) => Math.floor((1 - rng.uniform()) ** (-1 / 1.5));
const independentWholeNumbers = (seed, n = 1000) => {
  const rng = new Rng(seed);
  const x = [], y = [];
  for (let i = 0; i < n; i++) [x[i], y[i]] = [paretoWhole(rng), paretoWhole(rng)];
  return { x, y };
};

test("independent long-tailed whole numbers: the plug-in MI is clearly above 0 no more often than one-sided 5 % allows", () => {
  const DRAWS = 12;
  let clearly = 0;
  for (let seed = 0; seed < DRAWS; seed++) {
    const { x, y } = independentWholeNumbers(3838000 + seed);
    const found = plugInMI(column(x), column(y), seed);
    assert.ok(found !== undefined, "few values a side: the plug-in MI applies");
    if (found.estimate > 1.645 * found.standardError) clearly++;
  }
  // before: clearly above 0 in every draw (about 0.057 ± 0.012)
  assert.ok(clearly <= binomialQuantile(DRAWS, 0.05, 0.999), `clearly above 0 in ${clearly} of ${DRAWS} draws of independent data`);
});

test("a well-filled table keeps its estimate: four symbols, y = x in 80 % of the rows, else uniform", () => {
  // P(y = x) = 0.8 + 0.2/4 = 0.85, else each other symbol 0.05: I = log 4 − H(0.85, 0.05, 0.05, 0.05)
  const truth = Math.log(4) + 0.85 * Math.log(0.85) + 3 * 0.05 * Math.log(0.05);
  for (let seed = 0; seed < 4; seed++) {
    const rng = new Rng(3838100 + seed);
    const x = [], y = [];
    for (let i = 0; i < 1000; i++) {
      x[i] = Math.floor(4 * rng.uniform());
      y[i] = rng.uniform() < 0.8 ? x[i] : Math.floor(4 * rng.uniform());
    }
    const found = plugInMI(column(x), column(y), seed);
    assert.ok(Math.abs(found.estimate - truth) < 4 * found.standardError, `${found.estimate.toFixed(3)} ± ${found.standardError.toFixed(3)} for ${truth.toFixed(3)}`);
  }
});

test("MINE on independent long-tailed whole numbers is not untrusted by the plug-in MI", async () => {
  const { x, y } = independentWholeNumbers(3838000);
  const result = await estimator("mine").estimate(x, y, { seed: 0 });
  const blamed = result.warnings.filter((w) => w.startsWith("the plug-in MI of these discrete samples"));
  assert.deepEqual(blamed, [], `untrusted by the plug-in MI: ${blamed.join(" ")}`);
  assert.ok(result.interval[0] <= 0 && 0 <= result.interval[1], `${result.estimate} [${result.interval}] for 0`);
});
