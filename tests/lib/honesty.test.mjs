import { test, before } from "node:test";
import assert from "node:assert/strict";
import { monteCarloMean } from "./monte-carlo.mjs";
import { assertHonest, binomialQuantile, taskFinder } from "./promise.mjs";
import {
  init, estimator, estimators, estimateMI, ADVERSARIAL_TASKS, additiveNoiseMI, roundedGaussianMI, binaryInputMI, normalCdf,
  correlatedPairs, miTasks,
} from "neural-mi";

// The rule every estimator keeps: its result is right within its interval, or it is
// `trusted: false` with a warning that says why. Checked on data sets of known MI the
// estimators were not tuned on (lib/src/tasks/adversarial.ts): high and infinite MI, heavy
// tails, discrete and mixed data, extreme offsets and scales, copied and irrelevant columns,
// independence in 40 dimensions, non-monotone dependence, tiny and larger n.

before(async () => {
  await init();
});

const task = taskFinder(ADVERSARIAL_TASKS);

// Monte Carlo of E[log p(y | x) − log p(y)] with the densities written out here, a route
// independent of the library's quadratures; 4 standard errors of 100 000 draws.
function monteCarloMI(draw, logRatio, n = 100_000) {
  return monteCarloMean(draw, logRatio, { n, seed: 11 });
}

const phi = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
/** ∫ φ(u) g(u) du by Simpson's rule on [−10, 10] (1000 intervals). */
function simpsonNormal(g) {
  const h = 0.02;
  let sum = 0;
  for (let i = 0; i <= 1000; i++) {
    const u = -10 + i * h;
    sum += (i === 0 || i === 1000 ? 1 : i % 2 === 1 ? 4 : 2) * phi(u) * g(u);
  }
  return (sum * h) / 3;
}

test("the battery's quadrature truths agree with Monte Carlo", () => {
  const noisy = [
    ["square", (x) => x * x, 0.5, [0, 81]],
    ["sine", (x) => Math.sin(3 * x), 0.3, [-1, 1]],
  ];
  for (const [name, f, sigma, range] of noisy) {
    const truth = additiveNoiseMI(f, sigma, range);
    const mc = monteCarloMI(
      (rng) => { const x = rng.normal(); return [x, f(x) + sigma * rng.normal()]; },
      (x, y) => Math.log(phi((y - f(x)) / sigma) / sigma) - Math.log(simpsonNormal((u) => phi((y - f(u)) / sigma) / sigma)),
      4_000,
    );
    assert.ok(Math.abs(truth - mc.mean) < 4 * mc.standardError, `${name}: quadrature ${truth} vs Monte Carlo ${mc.mean} ± ${mc.standardError}`);
  }
  const s = Math.sqrt(1 - 0.81);
  const pk = (k, x) => normalCdf((k + 0.5 - 0.9 * x) / s) - normalCdf((k - 0.5 - 0.9 * x) / s);
  const marginal = new Map();
  const rounded = monteCarloMI(
    (rng) => { const x = rng.normal(); return [x, Math.round(0.9 * x + s * rng.normal())]; },
    (x, k) => {
      if (!marginal.has(k)) marginal.set(k, simpsonNormal((u) => pk(k, u)));
      return Math.log(pk(k, x) / marginal.get(k));
    },
  );
  const roundedTruth = roundedGaussianMI(0.9);
  assert.ok(Math.abs(roundedTruth - rounded.mean) < 4 * rounded.standardError, `rounded: ${roundedTruth} vs ${rounded.mean}`);
  const binary = monteCarloMI(
    (rng) => { const x = rng.uniform() < 0.5 ? 0 : 1; return [x, 2 * x + rng.normal()]; },
    (x, y) => Math.log(phi(y - 2 * x) / (0.5 * phi(y) + 0.5 * phi(y - 2))),
  );
  assert.ok(Math.abs(binaryInputMI(2) - binary.mean) < 4 * binary.standardError, `binary input: ${binaryInputMI(2)} vs ${binary.mean}`);
  // Cauchy channel: p(y | x) is Cauchy(x, 1), p(y) is Cauchy(0, 2)
  const cauchy = monteCarloMI(
    (rng) => { const x = rng.normal() / rng.normal(); return [x, x + rng.normal() / rng.normal()]; },
    (x, y) => Math.log((1 / (Math.PI * (1 + (y - x) ** 2))) / (2 / (Math.PI * (4 + y * y)))),
  );
  assert.ok(Math.abs(task("cauchy-channel-1x1").mutualInformation() - cauchy.mean) < 4 * cauchy.standardError, `Cauchy: ${cauchy.mean}`);
});

// Every method with its defaults (but for the budgets below). With a small step budget the neural methods can stop on a
// plateau below the truth that no interval of theirs includes (0.87 [0.75, 0.996] against 1.0
// after 400 steps of MINE on channel-1x1-mi1; MI-NEE 0.69 [0.58, 0.81] against 0.83 after 600
// on duplicated-x), so the promise is checked where it is made. n above 2000 is the benchmark's.
const battery = new Map();
const warned = (r, pattern) => r.warnings.some((w) => pattern.test(w));
// MI-NEE trains three networks, four times the others' cost: it skips the 52 dimensions and
// the cases whose rule another case here already exercises (npm run bench:accuracy --
// --adversarial runs it on all); in more than 2 coordinates, where a trusted result also costs
// a second run on half the samples, MINE and MINE-f check the rule for it
const MINEE_ELSEWHERE = [
  "channel-1x1-mi2", "channel-1x1-mi4", "student-t-dof2-1x1-rho0.8", "rounded-y-gaussian-rho0.9", "lognormal-gaussian-rho0.9",
  "sine-noise-1x1", "large-gaussian-rho0.5-n20000", "channel-1x1-mi8", "square-noise-1x1", "duplicated-x-gaussian-rho0.9",
];
// In the 40 and 52 coordinates a trusted result costs a second run on half the samples; MINE
// checks the rule there for MINE-f, which differs from it by the bound alone
const MINE_F_ELSEWHERE = ["independent-20x20", "noise-columns-gaussian-rho0.9-51x1"];
const result = (taskName, method) => battery.get(`${taskName} ${method}`);
// InfoNCE and SMILE are held to the same rule on the fresh battery's quick tasks (fresh.test.mjs)
const BATTERY_METHODS = ["mine", "mine-f", "minee", "ksg"];
// Shorter step budgets where the verdict does not wait for a converged network (measured with
// seeds 1–3 on this battery's data, each call's CPU time beside it):
// - heavy tails, and MI-NEE on repeated values, are found in the data before training: after
//   200 steps every such call was untrusted with that reason, at a third of the CPU time.
//   (The 40- and 52-coordinate sets gain nothing: held-out evaluations dominate there.)
// - truths far above ½·log 256 = 2.77 nats: the bound's flag fires once the estimate passes
//   2.77, and after 1000 steps MINE, MINE-f and MI-NEE were at 3.04–3.83 on every seed (the
//   default budget of 3000 ran out still rising on most of these anyway).
// The test then asserts the flag itself besides the promise.
const DATA_FLAGGED = { "cauchy-channel-1x1": /heavy tails/, "student-t-dof1-1x1-rho0.8": /heavy tails/, "student-t-dof2-1x1-rho0.8": /heavy tails/ };
const MINEE_DATA_FLAGGED = { "binary-symmetric-channel-p0.1": /repeated values/, "binary-x-gaussian-y": /repeated values/ };
const HIGH_MI = ["near-copy-1x1", "copy-1x1", "channel-1x1-mi8"];
function budgetFor(taskName, method) {
  if (method === "ksg") return {};
  const flag = DATA_FLAGGED[taskName] ?? (method === "minee" ? MINEE_DATA_FLAGGED[taskName] : undefined);
  if (flag) return { steps: 200, flag };
  if (HIGH_MI.includes(taskName)) return { steps: 1000, flag: /above ½·log of the reference samples/ };
  return {};
}

test("every estimator on every battery data set: right within its interval, or untrusted with a reason", async () => {
  let trusted = 0;
  const nearMisses = [];
  for (const t of ADVERSARIAL_TASKS) {
    const n = t.name === "tiny-gaussian-rho0.9-n30" ? 40 : Math.min(t.defaultSampleSize, 2000);
    const { x, y } = t.sample(n, 1);
    const truth = t.mutualInformation();
    for (const name of BATTERY_METHODS) {
      if (name === "minee" && (t.dimX + t.dimY > 12 || MINEE_ELSEWHERE.includes(t.name))) continue;
      if (name === "mine-f" && MINE_F_ELSEWHERE.includes(t.name)) continue;
      const { steps, flag } = budgetFor(t.name, name);
      const r = await estimator(name).estimate(x, y, steps ? { seed: 1, steps } : { seed: 1 });
      battery.set(`${t.name} ${name}`, r);
      if (flag) assert.ok(!r.trusted && warned(r, flag), `${t.name} ${name} after ${steps} steps: ${r.warnings}`);
      trusted += r.trusted ? 1 : 0;
      if (assertHonest(r, truth, `${t.name} n=${n} ${name}`)) nearMisses.push(`${t.name} ${name}`);
    }
  }
  // at most the 99.9 % quantile of Binomial(trusted, 0.05) near misses
  assert.ok(nearMisses.length <= binomialQuantile(trusted, 0.05, 0.999), `${nearMisses.length} trusted misses of ${trusted}: ${nearMisses.join(", ")}`);
});


test("high and infinite MI: above half the log of the reference samples the neural bounds are not trusted; KSG sees its bias move with n", () => {
  // y = x + 0.01·noise, I = 4.6 nats: with batches of 256 MINE stalls near 3.5 (it gave
  // 3.77 [3.46, 4.08], trusted, before this rule); KSG gave 4.06 [4.04, 4.08], trusted
  for (const task of ["near-copy-1x1", "copy-1x1", "channel-1x1-mi8"]) {
    for (const method of ["mine", "mine-f", "minee"]) {
      const r = result(task, method);
      if (r === undefined) continue; // MI-NEE skipped it
      assert.ok(!r.trusted && warned(r, /above ½·log of the reference samples .* give more samples/), `${task} ${method}: ${r.warnings}`);
    }
    const ksg = result(task, "ksg");
    assert.ok(!ksg.trusted && warned(ksg, /still moves with the sample size/), `${task} ksg: ${ksg.warnings}`);
  }
});

test("heavy tails: a Cauchy channel and a Student-t with one degree of freedom are flagged, whatever the method", () => {
  for (const task of ["cauchy-channel-1x1", "student-t-dof1-1x1-rho0.8"]) {
    for (const method of BATTERY_METHODS) {
      const r = result(task, method);
      assert.ok(!r.trusted && warned(r, /heavy tails with infinite variance in x column 0 .*y column 0/), `${task} ${method}: ${r.warnings}`);
    }
  }
});

test("discrete and mixed data: KSG and MI-NEE say they do not apply; MINE estimates", () => {
  for (const task of ["binary-symmetric-channel-p0.1", "binary-x-gaussian-y", "rounded-y-gaussian-rho0.9"]) {
    for (const method of ["ksg", "minee"]) {
      const r = result(task, method);
      if (r === undefined) continue; // MI-NEE skipped it
      assert.ok(!r.trusted && warned(r, /repeated values in x or y/), `${task} ${method}: ${r.warnings}`);
    }
    assert.ok(!warned(result(task, "mine"), /repeated values/), `${task}: MINE's bound holds for discrete data`);
  }
});

test("a large offset with a small spread, or a scale of 10⁶, changes nothing: normal scores in float64", async () => {
  // y = 5000 + 1e-6·z collapsed to a constant in float32 ("column 0 is constant"); any
  // increasing map of the columns gives the same normal scores, hence the very same estimate
  const gaussian = correlatedPairs(1, 0.9).sample(600, 0);
  const shifted = task("offset-scale-gaussian-rho0.9").sample(600, 0);
  const lognormal = task("lognormal-gaussian-rho0.9").sample(600, 0);
  const ksg = await estimateMI(gaussian.x, gaussian.y, { method: "ksg" });
  assert.equal((await estimateMI(shifted.x, shifted.y, { method: "ksg" })).estimate, ksg.estimate, "KSG: offset and scale");
  assert.equal((await estimateMI(lognormal.x, lognormal.y, { method: "ksg" })).estimate, ksg.estimate, "KSG: exp of both");
  // the neural methods map held-out values by interpolating between the training part's, in
  // the data's own coordinates: exact for affine maps up to float32 rounding of the scores
  const mine = await estimateMI(gaussian.x, gaussian.y, { seed: 0, steps: 300 });
  const mineShifted = await estimateMI(shifted.x, shifted.y, { seed: 0, steps: 300 });
  assert.ok(Math.abs(mineShifted.estimate - mine.estimate) < 1e-3, `MINE: ${mineShifted.estimate} vs ${mine.estimate}`);
});

test("more than 2 coordinates: a plateau below the MI is a lower bound, not trusted (the spiral in 3 + 3)", async () => {
  // The benchmark's spiral task, seed 1: MINE stops by patience on a flat held-out curve at
  // 0.107 for 0.413, KSG gives 0.185; both returned intervals that excluded the truth, trusted.
  // MINE is now a lower bound because KSG is clearly above it (or, where KSG is not, because
  // the estimate grows from half the training samples to all); KSG by its own dimension rule.
  const spiral = miTasks().find((t) => t.name === "spiral-gaussian-3x3");
  const truth = spiral.mutualInformation();
  const { x, y } = spiral.sample(spiral.defaultSampleSize, 1);
  for (const method of ["mine", "ksg"]) {
    const r = await estimateMI(x, y, { method, seed: 1 });
    assert.ok(r.estimate < truth / 2, `${method}: the case this rule is for, ${r.estimate} against ${truth}`);
    assert.ok(!r.trusted && r.interval[1] === Infinity && r.interval[0] <= truth, `${method}: ${r.interval}, trusted ${r.trusted}`);
    assert.ok(warned(r, method === "ksg" ? /KSG in 6 dimensions/ : /KSG on the same samples gives .* lower bound|still grows with the training samples/), `${method}: ${r.warnings}`);
  }
  // up to 2 + 2 coordinates the rule says nothing
  const pairs = miTasks().find((t) => t.name === "student-t-dof3-2x2").sample(1000, 0);
  assert.ok(!warned(await estimateMI(pairs.x, pairs.y, { method: "ksg" }), /dimensions/));
});

test("a constant x or y is still an error", async () => {
  const bsc = task("binary-symmetric-channel-p0.1").sample(100, 0);
  await assert.rejects(estimateMI(bsc.x.map(() => [3]), bsc.y, { steps: 10 }), /x: every column is constant \(column 0 is 3 in every row\), so x carries no information and the MI is 0/);
  await assert.rejects(estimateMI(bsc.x, bsc.y.map(() => [3, 4]), { method: "ksg" }), /y: every column is constant/);
});

test("too few samples: the error states the minimum that works for the holdout, and that minimum runs", async () => {
  const { x, y } = correlatedPairs(1, 0.9).sample(40, 0);
  await assert.rejects(
    estimateMI(x.slice(0, 30), y.slice(0, 30), { steps: 20 }),
    /30 samples split by holdout = 0\.3 leave 21 for training and 9 held out; give at least 32 samples for this holdout/,
  );
  await assert.rejects(estimateMI(x.slice(0, 20), y.slice(0, 20), { steps: 20 }), /give at least 32 samples for this holdout, .* \(holdout: 0\.5 leaves 10 and 10\)/);
  const r = await estimateMI(x.slice(0, 32), y.slice(0, 32), { steps: 20 });
  assert.equal(r.diagnostics.heldOutSize, 10);
});

test("below 20 samples no holdout helps: the trained methods' and KSG's errors name a KSG call that runs, not a holdout", async () => {
  // 12 to 19 samples were told to change holdout so that 10 train and 10 are held out, which no holdout does
  const { x, y } = correlatedPairs(1, 0.9).sample(19, 0);
  const ksgCall = /estimateMI\(x, y, \{ method: "ksg", neighbors: 2 \}\)/;
  for (const holdout of [0.3, 0.5]) {
    await assert.rejects(estimateMI(x, y, { steps: 20, holdout }), (e) => /no holdout splits 19 samples into 10 to train on and 10 held out/.test(e.message) && ksgCall.test(e.message) && !/change holdout/.test(e.message));
  }
  await assert.rejects(estimateMI(x, y, { method: "ksg" }), (e) => /neighbors = 10 needs at least 22 samples/.test(e.message) && ksgCall.test(e.message));
  assert.ok(Number.isFinite((await estimateMI(x, y, { method: "ksg", neighbors: 2 })).estimate));
  await assert.rejects(estimateMI(x.slice(0, 3), y.slice(0, 3), { method: "ksg" }), /KSG needs at least 4 samples \(neighbors: 1\): give more samples\./);
});
