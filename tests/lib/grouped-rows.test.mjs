// Rows grouped by a label, as data exports often are: independent draws sorted by a discrete x keep
// their own random order within each group. The serial check looked for dependence within the
// groups with every group's values centred at the mean of all rows, so a y that depends on the
// label (the MI itself) made each group's rows look alike: three labels (weights 0.7, 0.2, 0.1) with
// y = 1.5·label + noise, grouped by label, were called a series in every draw and every method
// was untrusted. Centred within each group, they are not; a series within the groups still is. A row
// number (a column in the rows' own order) beside independent draws was called a series too.
// The data are drawn by a generator other than the library's (other-generator.mjs).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI } from "neural-mi";
import { otherGenerator } from "./other-generator.mjs";
import { assertHonest, binomialQuantile } from "./promise.mjs";
import { seriesAlarms, seriesWarning } from "./serial-alarms.mjs";

before(async () => {
  await init();
});

/** n draws of a label (weights 0.7, 0.2, 0.1) and y = 1.5·label + noise, rows grouped by label. */
function groupedByLabel(n, seed) {
  const { uniform, normal } = otherGenerator(seed);
  const rows = Array.from({ length: n }, () => {
    const u = uniform();
    const label = u < 0.7 ? 0 : u < 0.9 ? 1 : 2;
    return [label, 1.5 * label + normal()];
  });
  rows.sort((a, b) => a[0] - b[0]); // stable: each group keeps its random order
  return { x: rows.map(([a]) => [a]), y: rows.map(([, b]) => [b]) };
}

/** I(label; y): h(y) − h(noise), h(y) of the three-Gaussian mixture by quadrature. */
function labelTruth() {
  const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  const d = 0.0005;
  let h = 0;
  for (let y = -12; y < 15; y += d) {
    const p = 0.7 * phi(y) + 0.2 * phi(y - 1.5) + 0.1 * phi(y - 3);
    if (p > 0) h -= p * Math.log(p) * d;
  }
  return h - 0.5 * Math.log(2 * Math.PI * Math.E);
}


test("independent draws grouped by a label that y depends on are not a series", async () => {
  const draws = 20;
  const flagged = seriesAlarms((seed) => groupedByLabel(1000, 500 + seed), draws);
  assert.ok(flagged <= binomialQuantile(draws, 0.05, 0.99), `${flagged} of ${draws} grouped draws called a series`);
});

test("a series within each group of a sorted label is still serially dependent", async () => {
  const { normal } = otherGenerator(77);
  // three regimes in time order, y an AR(1) of coefficient 0.9 run through them (per-row MI about 0)
  let b = normal();
  const x = [];
  const y = [];
  for (let t = 0; t < 900; t++) {
    b = 0.9 * b + Math.sqrt(1 - 0.81) * normal();
    x.push([Math.floor(t / 300)]);
    y.push([b]);
  }
  assert.match(seriesWarning(x, y) ?? "", /serially dependent/);
});

test("MINE on rows grouped by label is judged as on the same rows shuffled", async () => {
  const { x, y } = groupedByLabel(1000, 600);
  const result = await estimateMI(x, y, { method: "mine", seed: 0 });
  assert.ok(!result.warnings.some((w) => /serially dependent/.test(w)), result.warnings.join(" | "));
  assertHonest(result, labelTruth(), "mine, grouped by label");
});

test("a row number beside independent draws is not a series; a series beside its row number still is", async () => {
  // x = (row number, a), y = 0.6·a + noise, rows independent draws: a row number is in the rows'
  // order by construction and was called a series (lag-1 correlation 1.00) in every draw
  const draws = 20;
  let flagged = 0;
  for (let seed = 0; seed < draws; seed++) {
    const { normal } = otherGenerator(700 + seed);
    const x = [];
    const y = [];
    for (let i = 0; i < 1000; i++) {
      const a = normal();
      x.push([i, a]);
      y.push([0.6 * a + 0.8 * normal()]);
    }
    if (seriesWarning(x, y) !== undefined) flagged += 1;
  }
  assert.ok(flagged <= binomialQuantile(draws, 0.05, 0.99), `${flagged} of ${draws} draws with a row number called a series`);
  const { normal } = otherGenerator(800);
  let a = normal();
  const x = [];
  const y = [];
  for (let i = 0; i < 1000; i++) {
    a = 0.9 * a + Math.sqrt(1 - 0.81) * normal();
    x.push([i, a]);
    y.push([normal()]);
  }
  assert.match(seriesWarning(x, y) ?? "", /serially dependent/);
});
