// Records stored ten times or more, rows shuffled. Ten copies of a row made each look like an atom of
// the distribution, and every value present exactly ten times looked like a balanced design, so the
// copies were kept: 100 Gaussian pairs (ρ = 0.6, 0.223 nats) stored 10 times gave MINE 0.38 [0.29, ∞),
// wholly above the truth, untrusted only as "still rising" (more steps would raise it further). A
// balanced side is now a design only with fewer values than the copies of each (10 classes of 100
// rows); 100 values of 10 copies each are records stored ten times, and one copy of each is kept.
// Stored a varying 10–20 times (no common factor), each row passed for an atom; ten or more rows of
// that many copies whose values lie on no lattice (not labels, counts or rounded values) are records too.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI, Rng } from "neural-mi";
import { assertHonest } from "./promise.mjs";

before(async () => {
  await init();
});

/** `records` Gaussian pairs, each stored times(i) times, the rows shuffled. */
function storedShuffled(records, times, rho, seed) {
  const rng = new Rng(seed);
  const base = Array.from({ length: records }, () => {
    const a = rng.normal();
    return [a, rho * a + Math.sqrt(1 - rho * rho) * rng.normal()];
  });
  const stored = base.flatMap((row, i) => Array.from({ length: times(i, rng) }, () => row));
  const rows = rng.permutation(stored.length).map((k) => stored[k]);
  return { x: rows.map(([a]) => [a]), y: rows.map(([, b]) => [b]) };
}

test("records each stored ten, twenty or 10–20 times, rows shuffled, count once", async () => {
  const rho = 0.6;
  const truth = -0.5 * Math.log(1 - rho * rho);
  const cases = [
    ["10 times", () => 10],
    ["20 times", () => 20],
    // no common factor: each row passed for an atom (10 copies or more), kept
    ["10–20 times", (i, rng) => rng.integer(10, 21)],
  ];
  for (const [how, times] of cases) {
    const { x, y } = storedShuffled(100, times, rho, 94);
    const result = await estimateMI(x, y, { method: "mine", seed: 0 });
    const what = `100 records stored ${how}`;
    assertHonest(result, truth, what);
    assert.match(result.warnings.join(" "), /copies/, what);
    assert.equal(result.diagnostics.trainSize + result.diagnostics.heldOutSize, 100, what);
  }
});

test("labels each present 10–20 times with y a copy are discrete data, not stored records", async () => {
  const rng = new Rng(95);
  const x = [];
  for (let label = 0; label < 30; label++) for (let k = rng.integer(10, 21); k > 0; k--) x.push([label]);
  const result = await estimateMI(x, x.map(([v]) => [v]), { method: "ksg" });
  assert.equal(result.diagnostics.samples, x.length, result.warnings.join(" | "));
});
