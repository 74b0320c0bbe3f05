// Options at extremes a careless user may give (bench/accuracy/options): a network too large to hold, and a long budget.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI, bivariateGaussian, Net, MINEE } from "neural-mi";
import { checkHeldOutReferences } from "neural-mi/dist/estimators/neural.js";

before(async () => {
  await init();
});

const { x, y } = bivariateGaussian(0.5).sample(200, 3);

test("a hidden size too large to hold is refused with the largest that works (10⁹ aborted the process out of memory)", async () => {
  await assert.rejects(estimateMI(x, y, { hiddenSize: 1e9 }), /estimateMI\(x, y, \{ method: "mine" \}\): hiddenSize = 1000000000 makes a network of about 1\.00e\+18 weights, more than the 16777216 this library holds \(memory would run out\); give at most 409\d/);
  assert.throws(() => new Net({ inputSize: 2, hiddenSize: 5000 }), /new Net\(\{ hiddenSize \}\) = 5000 makes a network/);
  assert.throws(() => new MINEE(x, y, { hiddenSize: 1e6 }), /hiddenSize \}\) = 1000000 makes a network/);
  const net = new Net({ inputSize: 2, hiddenSize: 1000 });
  net.dispose();
});

test("a run of more steps than push() takes arguments ends with an estimate, not a stack overflow", async () => {
  // 200 000 steps (which overflowed before) of minibatches' worth of loss values, cheaply: 20 rows a batch over 40 training rows
  const small = bivariateGaussian(0.5).sample(60, 4);
  const r = await estimateMI(small.x, small.y, { steps: 200000, patience: 200000, batchSize: 20, hiddenSize: 2 });
  assert.ok(Number.isFinite(r.estimate));
  assert.equal(r.diagnostics.steps, 200000);
});

test("a huge budget stops early: evaluations come at most 500 steps apart, and budgets beyond 10⁶ steps are refused naming the most", async () => {
  // before, evaluations came every 1/60 of the budget: 100 000 steps ran at least 16 700 (patience 10 × 1 667), epochs: 1e9 for hours
  const r = await estimateMI(x, y, { steps: 100000, hiddenSize: 4 });
  assert.equal(r.diagnostics.stoppedBecause, "patience");
  assert.ok(r.diagnostics.steps <= r.diagnostics.bestStep + 10 * 500, `${r.diagnostics.steps} steps, best at ${r.diagnostics.bestStep}`);
  assert.ok(Number.isFinite(r.estimate));
  await assert.rejects(estimateMI(x, y, { epochs: 1e9 }), /epochs = 1000000000 is 1\.00e\+9 Adam steps \(1 an epoch\), more than the most this library trains, 1000000 steps; give epochs of at most 1000000\. .*patience/);
  await assert.rejects(estimateMI(x, y, { method: "minee", steps: 2e6 }), /steps = 2000000 is more than the most this library trains, 1000000 steps; give steps of at most 1000000/);
});

test("a batchSize above the training part is cut to it with a note saying so (it was cut silently: batchSize 5000 on 500 rows ran 350 a step)", async () => {
  const r = await estimateMI(x, y, { batchSize: 5000, steps: 200, hiddenSize: 4 });
  assert.equal(r.diagnostics.batchSize, 140);
  assert.ok(r.warnings.some((w) => /batchSize = 5000 is more than the 140 training samples \(200 less 60 held out\), so every step used all 140\./.test(w)), r.warnings.join("\n"));
  const fitting = await estimateMI(x, y, { batchSize: 140, steps: 200, hiddenSize: 4 });
  assert.ok(!fitting.warnings.some((w) => /batchSize/.test(w)), fitting.warnings.join("\n"));
});

test("a number given as a string is refused with the number to give instead (it said only that seed must be an integer)", async () => {
  await assert.rejects(estimateMI(x, y, { seed: "7" }), /seed must be an integer, got "7"\. A string is not read as a number: give 7 itself, not "7"\./);
  await assert.rejects(estimateMI(x, y, { learningRate: "0.01" }), /learningRate must be a finite number, got "0\.01"\. A string is not read as a number: give 0\.01 itself, not "0\.01"\./);
  await assert.rejects(estimateMI(x, y, { seed: "seven" }), (e) => /seed must be an integer, got "seven"\.$/.test(e.message));
});

test("more samples than a held-out evaluation takes at once are refused by estimateMI naming the subset and the holdout that fit", () => {
  // 1.45 million distinct rows hold out 435 000; ten reference pairs each pass the 2^22 rows a trainer evaluates at once.
  // The refusal came from inside, naming estimateOn's referenceDraws, which the caller never gave. Checked on the split's
  // sizes: a real call spends about 8 s on the rows' checks before it (estimateMI calls it after the duplicates' removal)
  const what = 'estimateMI(x, y, { method: "mine" })';
  assert.throws(
    () => checkHeldOutReferences(1_450_000, 435_000, 0.3, what),
    /estimateMI\(x, y, \{ method: "mine" \}\): 1450000 samples hold out 435000 \(holdout = 0\.3\), and each held-out evaluation draws 10 reference pairs per held-out sample, more than the 4194304 rows this library evaluates at once; give a random subset of at most 1398101 samples \(resample draws one; the estimate's standard error is already small there\), or a smaller holdout \(at most 0\.289\)\./,
  );
  // the subset named is the largest that fits, at any holdout
  for (const holdout of [0.3, 0.5, 0.1]) {
    const most = Number(/at most (\d+) samples/.exec(messageOf(() => checkHeldOutReferences(5e6, Math.round(holdout * 5e6), holdout, what)))[1]);
    assert.doesNotThrow(() => checkHeldOutReferences(most, Math.round(holdout * most), holdout, what));
    assert.throws(() => checkHeldOutReferences(most + 1, Math.round(holdout * (most + 1)), holdout, what), /at most/);
  }
});

function messageOf(call) {
  try {
    call();
  } catch (error) {
    return error.message;
  }
  throw new Error("no refusal");
}
