// Daily rows in date order beside a calendar column that cycles with them (the weekday, the month):
// such a column is serially correlated by construction, as a row number is, and a y set by it repeats
// with it, which is the MI measured. Both were read as a series: every draw of 104 weeks with the
// weekday beside independent draws was called serially dependent and every method untrusted. The
// cycle is now left out of the test and the other columns are tested within its classes; a series
// beside a weekday, and a slow regime flag, still are serially dependent.
// The data are drawn by a generator other than the library's (other-generator.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { otherGenerator } from "./other-generator.mjs";
import { binomialQuantile } from "./promise.mjs";
import { seriesAlarms, seriesWarning } from "./serial-alarms.mjs";

const SALES = [0.1, 0.4, 0.2, 0.6, 1.4, 2.2, -0.9];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthOfDay = (day) => {
  let rest = day % 365;
  let month = 0;
  while (rest >= DAYS_IN_MONTH[month]) rest -= DAYS_IN_MONTH[month++];
  return month;
};

/** n days in order: the weekday (or month) in x, y = effect·strength + noise (noise AR(1) with coefficient phi). */
function daily(n, seed, { calendar = (day) => day % 7, strength = 1, phi = 0 } = {}) {
  const { normal } = otherGenerator(seed);
  let noise = normal();
  const x = [];
  const y = [];
  for (let day = 0; day < n; day++) {
    noise = phi * noise + Math.sqrt(1 - phi * phi) * normal();
    const c = calendar(day);
    x.push([c]);
    y.push([strength * SALES[c % 7] + noise]);
  }
  return { x, y };
}

test("a weekday or month column in date order beside independent daily draws is not a series", async () => {
  const draws = 20;
  const limit = binomialQuantile(draws, 0.05, 0.99);
  const cases = {
    "weekday, y independent": (seed) => daily(728, 3100 + seed, { strength: 0 }),
    "weekday, y set by it": (seed) => daily(728, 3200 + seed),
    "month over three years, y set by it": (seed) => daily(1095, 3300 + seed, { calendar: monthOfDay }),
    "month of the dates 2021–2024 (a leap day), y set by it": (seed) =>
      daily(1461, 3800 + seed, { calendar: (day) => new Date(Date.UTC(2021, 0, 1 + day)).getUTCMonth() }),
  };
  for (const [name, make] of Object.entries(cases)) {
    const flagged = seriesAlarms(make, draws);
    assert.ok(flagged <= limit, `${name}: ${flagged} of ${draws} draws called a series`);
  }
});

test("a series beside a weekday, and a slow regime flag, are still serially dependent", async () => {
  const series = daily(728, 3400, { phi: 0.8 });
  assert.match(seriesWarning(series.x, series.y) ?? "", /serially dependent/);
  // a two-state regime that switches with probability 0.02 a day, y = regime + noise
  const { uniform, normal } = otherGenerator(3500);
  let regime = 0;
  const x = [];
  const y = [];
  for (let day = 0; day < 1000; day++) {
    if (uniform() < 0.02) regime = 1 - regime;
    x.push([regime]);
    y.push([regime + normal()]);
  }
  assert.match(seriesWarning(x, y) ?? "", /serially dependent/);
  // a series given twice, block after block: every column repeats, as a calendar does, but with a value per row
  const a = daily(500, 3600, { strength: 0, phi: 0.9 }).y;
  const b = daily(500, 3700, { strength: 0, phi: 0.9 }).y;
  const twice = { x: [...a, ...a], y: [...b, ...b] };
  assert.match(seriesWarning(twice.x, twice.y) ?? "", /serially dependent/);
});
