// A calendar counter beside daily rows in date order (the day of the year over several years) rises,
// resets and rises again: a value per row of each year, too many values to be taken as a cycle
// (cyclic-rows.test.mjs), so the counter itself was called a series ("x column 0 (0.99)") and every
// estimate beside it untrusted, for independent draws too. It is now left out of the test, and the
// other columns are tested within bins of its neighbouring values (ten or more rows each), where a
// series beside it still shows. The data are drawn by a generator other than the library's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { otherGenerator } from "./other-generator.mjs";
import { binomialQuantile } from "./promise.mjs";
import { seriesAlarms } from "./serial-alarms.mjs";


/** Daily rows from 1 January 2021 over `years`: x the day of the year (0–364, 0–365 in 2024), y = season·strength + noise (AR(1) with coefficient phi). */
function days(years, seed, { strength = 1, phi = 0 } = {}) {
  const { normal } = otherGenerator(seed);
  let noise = normal();
  const x = [];
  const y = [];
  for (let day = 0; ; day++) {
    const date = new Date(Date.UTC(2021, 0, 1 + day));
    if (date.getUTCFullYear() >= 2021 + years) break;
    const dayOfYear = Math.round((date - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86400000);
    noise = phi * noise + Math.sqrt(1 - phi * phi) * normal();
    x.push([dayOfYear]);
    y.push([strength * 1.5 * Math.sin((2 * Math.PI * dayOfYear) / 365) + noise]);
  }
  return { x, y };
}

test("the day of the year beside daily draws in date order is not a series", async () => {
  const draws = 20;
  const limit = binomialQuantile(draws, 0.05, 0.99);
  const cases = {
    "three years, y independent": (seed) => days(3, 4100 + seed, { strength: 0 }),
    "three years, y set by the season": (seed) => days(3, 4200 + seed),
    "four years with a leap year, y set by the season": (seed) => days(4, 4300 + seed),
  };
  for (const [name, make] of Object.entries(cases)) {
    const count = seriesAlarms(make, draws);
    assert.ok(count <= limit, `${name}: ${count} of ${draws} draws called a series`);
  }
});

test("a series beside the day of the year is still serially dependent", async () => {
  const draws = 10;
  for (const phi of [0.9, 0.6]) {
    const count = seriesAlarms((seed) => days(3, 4400 + seed, { strength: 1, phi }), draws);
    assert.equal(count, draws, `AR(1) with φ = ${phi}: ${count} of ${draws} draws called a series`);
  }
});
