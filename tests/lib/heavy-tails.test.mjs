// The heavy-tail rule reads a column's tail index from its √n largest deviations. Hill's estimate is
// consistent only for power-law tails; on tails lighter than any power (log-normal, Weibull: all
// moments finite) it creeps toward heavy, and finite-variance margins were flagged in many draws. A
// column is now flagged only when the moment estimator (consistent for every tail) does not show its
// variance finite; power-law tails with infinite variance stay flagged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "neural-mi";

const { heavyTailWarning, tailIndices } = await import("neural-mi/dist/estimators/standardise.js");
const column = (values) => ({ values: Float64Array.from(values), rows: values.length, cols: 1 });

test("finite-variance margins with tails lighter than any power are flagged less often than Hill's index alone flags them", () => {
  let hillFlags = 0;
  let flags = 0;
  for (let seed = 0; seed < 40; seed++) {
    const rng = new Rng(500 + seed);
    // Weibull of shape ½ (an exponential squared) and a Gaussian copula through log-normal margins
    const x = column(Array.from({ length: 2000 }, () => (-Math.log(rng.uniform())) ** 2));
    const y = column(Array.from({ length: 2000 }, () => Math.exp(rng.normal())));
    if ([...tailIndices(x), ...tailIndices(y)].some((alpha) => alpha < 2)) hillFlags += 1;
    if (heavyTailWarning(x, y) !== undefined) flags += 1;
  }
  assert.ok(flags < hillFlags, `flagged in ${flags} of 40 draws, Hill's index alone below 2 in ${hillFlags}`);
});

test("power-law tails with infinite variance stay flagged: a Cauchy channel in every draw", () => {
  for (let seed = 0; seed < 20; seed++) {
    const rng = new Rng(900 + seed);
    const cauchy = () => Math.tan(Math.PI * (rng.uniform() - 0.5));
    const xs = Array.from({ length: 1000 }, cauchy);
    const warning = heavyTailWarning(column(xs), column(xs.map((v) => v + cauchy())));
    assert.match(warning ?? "", /heavy tails with infinite variance in x column 0 .*y column 0/, `seed ${seed}`);
  }
});
