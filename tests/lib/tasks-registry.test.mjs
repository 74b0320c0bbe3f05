// The benchmark's registry of tasks: names, families, sample sizes, what the samplers draw,
// the transformed tasks' maps, and the errors for bad arguments.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MI_TASKS,
  miTasks,
  miTask,
  gaussianMI,
  gaussianCovarianceMI,
  denseCovariance,
  sparseCovariance,
  multivariateGaussian,
  studentTCorrection,
  multivariateStudentT,
  transformedTask,
  halfCube,
  asinh,
  normalCdfMap,
  normalCdf,
  cube,
  spiral,
  correlatedPairs,
} from "neural-mi";
import { close } from "../helpers/close.mjs";


const FAMILIES = ["gaussian-pairs", "gaussian-dense", "gaussian-sparse", "student-t", "transformed", "mixture", "channel", "independent"];

test("the registry names every task once, with a family, a description and a sample size", () => {
  const names = MI_TASKS.map((t) => t.name);
  assert.equal(new Set(names).size, names.length, "names are unique");
  assert.deepEqual(miTasks().map((t) => t.name), names);
  assert.notEqual(miTasks(), miTasks(), "a fresh array each time");
  for (const task of MI_TASKS) {
    assert.match(task.name, /^[a-z0-9.-]+$/, "short, stable names");
    assert.ok(FAMILIES.includes(task.family), `${task.name}: family ${task.family}`);
    assert.ok(task.description.length > 20, `${task.name} describes itself`);
    assert.ok(Number.isInteger(task.defaultSampleSize) && task.defaultSampleSize >= 400, `${task.name}: n`);
    assert.equal(miTask(task.name), task);
    const nats = task.mutualInformation();
    assert.ok(Number.isFinite(nats) && nats >= 0, `${task.name}: MI ${nats}`);
    close(task.mutualInformation("bits"), nats / Math.LN2, 1e-15, `${task.name} in bits`);
  }
  for (const family of ["gaussian-dense", "gaussian-sparse", "student-t", "transformed", "mixture", "channel", "independent"]) {
    assert.ok(MI_TASKS.some((t) => t.family === family), `some task of family ${family}`);
  }
  // the five tasks, with the sample sizes of the MI-NEE paper
  const expected = {
    "gaussian-1x1-rho0.9": [1000, gaussianMI(0.9)],
    "cubed-gaussian-1x1-rho0.9": [1000, gaussianMI(0.9)],
    "mixture-2gauss-rho0.9": [400, 0.4084],
    "gaussian-6x6-rho0.9": [1000, 4.9822],
    "independent-5x5": [1000, 0],
  };
  for (const [name, [n, truth]] of Object.entries(expected)) {
    assert.equal(miTask(name).defaultSampleSize, n, `${name}: n`);
    close(miTask(name).mutualInformation(), truth, 1e-4, name);
  }
  assert.throws(() => miTask("gaussian-2x2"), /no task called "gaussian-2x2"; the tasks are gaussian-1x1-rho0\.9, .*independent-5x5/);
});

test("every task samples finite rows of its dimensions, reproducibly by seed", () => {
  for (const task of MI_TASKS) {
    const { x, y } = task.sample(50, 7);
    assert.equal(x.length, 50);
    assert.equal(y.length, 50);
    assert.ok(x.every((row) => row.length === task.dimX && row.every(Number.isFinite)), `${task.name}: x`);
    assert.ok(y.every((row) => row.length === task.dimY && row.every(Number.isFinite)), `${task.name}: y`);
    assert.deepEqual(task.sample(50, 7), { x, y }, `${task.name}: same seed, same samples`);
    assert.notDeepEqual(task.sample(50, 8).x, x, `${task.name}: another seed, other samples`);
    assert.deepEqual(task.sample(0, 7), { x: [], y: [] });
  }
});

/** Sample covariance of the columns of rows. */
function covariance(rows) {
  const n = rows.length;
  const d = rows[0].length;
  const mean = Array.from({ length: d }, (_, k) => rows.reduce((s, r) => s + r[k], 0) / n);
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + (r[i] - mean[i]) * (r[j] - mean[j]), 0) / (n - 1)),
  );
}

test("Gaussian and Student-t samples have the covariance their parameters say", () => {
  const n = 20_000;
  // Gaussian: a sample covariance of unit-variance coordinates with correlation c has standard
  // error sqrt((1 + c²)/n) ≤ 0.0100 here; 4 of them
  for (const [name, expected] of [["gaussian-dense-5x5", denseCovariance(5, 5, 0.5)], ["gaussian-sparse-5x5", sparseCovariance(5, 5, 2, 0.8)]]) {
    const { x, y } = miTask(name).sample(n, 3);
    const sample = covariance(x.map((row, i) => [...row, ...y[i]]));
    expected.forEach((row, i) => row.forEach((value, j) => close(sample[i][j], value, 4 * Math.sqrt((1 + value * value) / n), `${name} [${i}][${j}]`)));
  }
  // t with ν = 5: covariance ν/(ν − 2)·Σ; the fourth moment of a t5 coordinate is 9·(5/3)², so a
  // variance's standard error is sqrt(8/n)·5/3 ≈ 0.033 at n = 20,000, an off-diagonal term's less; 4 of them
  const { x, y } = miTask("student-t-dof5-5x5").sample(n, 4);
  const sample = covariance(x.map((row, i) => [...row, ...y[i]]));
  const factor = 5 / 3;
  denseCovariance(5, 5, 0.5).forEach((row, i) => row.forEach((value, j) => close(sample[i][j], factor * value, 4 * Math.sqrt(8 / n) * factor, `t5 [${i}][${j}]`)));
  // the channel: Var X = P = 3, Var(Y − X) = N = 0.2, noise independent of the signal
  const channel = miTask("channel-3x3-snr15").sample(n, 5);
  const noise = channel.y.map((row, i) => row.map((v, k) => v - channel.x[i][k]));
  const joint = covariance(channel.x.map((row, i) => [...row, ...noise[i]]));
  close(joint[0][0], 3, 4 * 3 * Math.sqrt(2 / n), "signal power");
  close(joint[3][3], 0.2, 4 * 0.2 * Math.sqrt(2 / n), "noise power");
  close(joint[0][3], 0, 4 * Math.sqrt(0.6 / n), "signal and noise uncorrelated");
});

test("transformed tasks are their base task's samples through invertible maps, with its MI", () => {
  const base = correlatedPairs(1, 0.9);
  const cubed = miTask("cubed-gaussian-1x1-rho0.9");
  const drawn = base.sample(200, 9);
  const cubedDraw = cubed.sample(200, 9);
  assert.deepEqual(cubedDraw.x, drawn.x);
  cubedDraw.y.forEach((row, i) => close(Math.cbrt(row[0]), drawn.y[i][0], 1e-12 * (1 + Math.abs(drawn.y[i][0])), `Y³ row ${i}`));
  assert.equal(cubed.mutualInformation(), base.mutualInformation());

  // each map inverted by hand: the composition gives back the input
  const inputs = [-3.5, -1, -0.2, 0, 0.3, 1.7, 6];
  const inverses = [
    [halfCube, (v) => Math.sign(v) * Math.abs(v) ** (2 / 3)],
    [asinh, Math.sinh],
    [cube, Math.cbrt],
  ];
  for (const [map, inverse] of inverses) {
    map(inputs).forEach((v, i) => close(inverse(v), inputs[i], 1e-12, `inverse at ${inputs[i]}`));
  }
  // Φ stays strictly increasing in doubles on [−8, 6]: adjacent points of a fine grid differ.
  // (Above 7, 1 − Φ is below a double's resolution near 1; a normal exceeds 6 with probability 1e-9.)
  const grid = Array.from({ length: 1401 }, (_, i) => -8 + i / 100);
  const values = normalCdfMap(grid);
  assert.ok(values.every((v, i) => i === 0 || v > values[i - 1]), "Φ strictly increasing on [−8, 6]");
  assert.deepEqual(values.slice(0, 3), grid.slice(0, 3).map(normalCdf));
  // the spiral keeps the norm, so turning back by the same angle inverts it
  const turn = spiral(0.5);
  const v = [0.7, -1.2, 0.4];
  const turned = turn(v);
  const angle = 0.5 * (0.49 + 1.44 + 0.16);
  close(Math.hypot(...turned), Math.hypot(...v), 1e-12, "norm kept");
  close(Math.cos(angle) * turned[0] + Math.sin(angle) * turned[1], v[0], 1e-12, "back-turn x");
  close(-Math.sin(angle) * turned[0] + Math.cos(angle) * turned[1], v[1], 1e-12, "back-turn y");
  assert.equal(turned[2], v[2]);

  const spiralTask = miTask("spiral-gaussian-3x3");
  assert.equal(spiralTask.mutualInformation(), miTask("normal-cdf-gaussian-3x3").mutualInformation());
  close(spiralTask.mutualInformation(), gaussianCovarianceMI(denseCovariance(3, 3, 0.5), 3), 1e-15, "dense 3×3 base");
  const cdf = miTask("normal-cdf-gaussian-3x3").sample(100, 2);
  assert.ok(cdf.x.flat().every((u) => u >= 0 && u <= 1), "Φ maps into [0, 1]");
  const custom = transformedTask(base, { name: "t", description: "d", x: asinh });
  assert.deepEqual(custom.sample(5, 1).y, base.sample(5, 1).y, "Y untouched when no map is given");
  assert.equal(custom.family, "transformed");
  assert.equal(custom.defaultSampleSize, base.defaultSampleSize);
});

test("bad task arguments get errors that name them", () => {
  assert.throws(() => denseCovariance(2, 2, 1), /denseCovariance: correlation must be in \(-0\.333.*, 1\), got 1/);
  assert.throws(() => denseCovariance(2, 2, -0.5), /correlation must be in \(-0\.333/);
  assert.throws(() => denseCovariance(0, 2, 0.5), /denseCovariance: dimX must be a positive integer, got 0/);
  assert.throws(() => sparseCovariance(3, 1, 2, 0.5), /pairs = 2 must be ≤ min\(dimX, dimY\) = 1/);
  assert.throws(() => gaussianCovarianceMI(denseCovariance(2, 2, 0.5), 4), /dimX = 4 leaves no coordinate for Y/);
  assert.throws(() => gaussianCovarianceMI([[1, 1], [1, 1]], 1), /is singular .* the mutual information is infinite/);
  assert.throws(() => gaussianCovarianceMI([[1, 2], [2, 1]], 1), /not positive semi-definite/);
  assert.throws(
    () => multivariateGaussian({ name: "g", family: "f", description: "d", covariance: [[1, 0.5], [0.4, 1]], dimX: 1 }),
    /not symmetric/,
  );
  assert.throws(() => studentTCorrection(0, 1, 1), /dof must be > 0, got 0/);
  assert.throws(() => studentTCorrection(3, 1.5, 1), /dimX must be an integer, got 1\.5/);
  assert.throws(() => multivariateStudentT({ name: "t", description: "d", scale: [[1, 0], [0, 1]], dimX: 1, dof: -2 }), /t: dof must be > 0/);
  assert.throws(() => spiral(1)([2]), /spiral needs vectors of at least 2 coordinates, got 1/);
  assert.throws(() => miTask("gaussian-1x1-rho0.9").sample(1.5, 0), /sample\(n, seed\): n must be an integer, got 1\.5/);
  assert.throws(() => miTask("student-t-dof3-2x2").sample(3, "x"), /seed must be an integer seed or an Rng/);
  assert.throws(() => miTask("gaussian-dense-5x5").mutualInformation("bytes"), /unit must be one of "nats", "bits"/);
});
