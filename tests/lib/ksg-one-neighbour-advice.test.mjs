import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI } from "neural-mi";
import { otherNormal } from "./other-generator.mjs";

// KSG on fewer than 8 samples per neighbour warns and advises more samples or fewer neighbours; with
// one neighbour already it advised "fewer neighbors (at most 1)", which is no remedy, and said
// "1 neighbours".

before(async () => {
  await init();
});

const normal = otherNormal(4242);
const rows = (n) => {
  const x = Array.from({ length: n }, () => [normal()]);
  return { x, y: x.map(([a]) => [0.8 * a + 0.6 * normal()]) };
};
const fewSamplesWarning = (result) => result.warnings.find((w) => /samples per neighbour/.test(w)) ?? "";

test("one neighbour on 5 rows: more samples is the advice, not fewer neighbours", async () => {
  const { x, y } = rows(5);
  const warning = fewSamplesWarning(await estimateMI(x, y, { method: "ksg", neighbors: 1 }));
  assert.match(warning, /^only 5 samples for 1 neighbour: .* give at least 8 samples\.$/);
  assert.doesNotMatch(warning, /fewer neighbors/);
});

test("three neighbours on 12 rows: fewer neighbours is still offered", async () => {
  const { x, y } = rows(12);
  const warning = fewSamplesWarning(await estimateMI(x, y, { method: "ksg", neighbors: 3 }));
  assert.match(warning, /only 12 samples for 3 neighbours: .* give at least 24 samples, or fewer neighbors \(at most 1\)\./);
});
