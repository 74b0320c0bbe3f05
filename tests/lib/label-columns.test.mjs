// Labels whose order carries nothing: x uniform on 20 labels, y = π(x) for a fixed permutation π in
// 70 % of rows, else a uniform label (I = log 20 − H(0.715, 0.015 × 19) = 1.559 nats). Read as numbers,
// the labels gave every network 0.13–0.25 nats here (n = 1000, 1000 steps, seeds 0–4; 0.23–0.61 at
// n = 5000 in bench/accuracy/unseen11); with each few-valued column given also as indicators of its
// values (label-columns.ts), MINE gave 1.09–1.39 on the same seeds.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI, Rng } from "neural-mi";
import { assertHonest } from "./promise.mjs";

before(async () => {
  await init();
});

const LABELS = 20;
const KEPT = 0.7;
const same = KEPT + (1 - KEPT) / LABELS;
const other = (1 - KEPT) / LABELS;
const TRUTH = Math.log(LABELS) + same * Math.log(same) + (LABELS - 1) * other * Math.log(other);

function permutedLabels(seed, n) {
  const permutation = new Rng(11).permutation(LABELS);
  const rng = new Rng(900 + seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const label = rng.integer(0, LABELS);
    x.push([label]);
    y.push([rng.uniform() < KEPT ? permutation[label] : rng.integer(0, LABELS)]);
  }
  return { x, y };
}

test("20 permuted labels: the network sees them as categories, and its estimate is near the MI", async () => {
  assert.ok(Math.abs(TRUTH - 1.559) < 1e-3, `truth ${TRUTH}`);
  const { x, y } = permutedLabels(0, 1000);
  const result = await estimateMI(x, y, { method: "mine", seed: 0, steps: 1000 });
  assertHonest(result, TRUTH, "20 permuted labels, mine");
  // seeds 0–4 gave 1.09–1.39 (mean 1.27, s.d. 0.11); read as numbers, 0.13–0.25: 0.9 is 1.6 s.d. below
  // the lowest with indicators and 0.65 above the highest without
  assert.ok(result.estimate > 0.9, `estimate ${result.estimate} for ${TRUTH}: the labels were read as numbers`);
  // the checks that count coordinates count the columns given (1 + 1), not the indicators
  assert.ok(!result.warnings.some((w) => /\d+ \+ \d+ coordinates|coordinates a screen/.test(w)), result.warnings.join(" | "));
  assert.equal(result.diagnostics.screenedColumns, undefined);
});
