import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "neural-mi";

// The exported truths (closed forms and quadratures of known MI) took arguments outside their
// formulas' domains and returned a number all the same, NaN, a TypeError, or crashed the process.

const refused = (run, name, what) => assert.throws(run, (error) => /^neural-mi: /.test(error.message) && error.message.includes(name), what);

test("arguments outside a truth's domain are refused, naming the function and the argument", () => {
  const cases = [
    // before: 0 for log 2 (unnormalised), 0.61 (a negative entry), 0 (ragged), a TypeError (empty), 0 (NaN)
    [() => lib.discreteMI([[1, 0], [0, 1]]), "sum to 2"],
    [() => lib.discreteMI([[0.5, -0.1], [0.1, 0.5]]), "discreteMI"],
    [() => lib.discreteMI([[0.5], [0.5, 0]]), "rectangular"],
    [() => lib.discreteMI([]), "discreteMI"],
    [() => lib.discreteMI([[NaN]]), "discreteMI"],
    // before: 1.09 nats for two classes
    [() => lib.categoricalGaussianMI([1, 1], [0, 3]), "weights sum to 2"],
    [() => lib.categoricalGaussianMI([0.5, 0.5], [0]), "means"],
    // before: NaN, NaN
    [() => lib.symmetricChannelMI(1, 1), "classes"],
    [() => lib.symmetricChannelMI(2, 1.5), "keep"],
    // before: NaN
    [() => lib.censoredGaussianMI(1), "rho"],
    [() => lib.roundedGaussianMI(1), "rho"],
    [() => lib.roundedPairMI(1, 0.5), "rho"],
    [() => lib.classShapeMI(0.5, 1), "a"],
    [() => lib.needleMixtureMI(1.5, 0.5), "weight"],
    // before: −1.42 nats (no uniforms), and Infinity at θ = 200
    [() => lib.uniformSumMI(0, 1), "count"],
    [() => lib.uniformSumMI(200, 0.3), "count"],
    [() => lib.frankCopulaMI(200), "theta"],
    [() => lib.frankCopulaMI(NaN), "theta"],
    // before: RangeError "Invalid typed array length", and a fatal out-of-memory crash of the process
    [() => lib.tanhNoiseMI(0), "sigma"],
    [() => lib.additiveNoiseMI((x) => x, 0, [-9, 9]), "sigma"],
    [() => lib.additiveNoiseMI((x) => x, 1e-9, [-9, 9]), "grid"],
    [() => lib.additiveNoiseMI((x) => x * x, 0.5, [0, 1]), "fRange"],
    [() => lib.sawtoothMI(0), "sigma"],
    [() => lib.exponentialRateMI(0), "c"],
    [() => lib.exponentialRateMI(1e-6), "c"],
    [() => lib.repeatedObservationMI(0, 1), "count"],
    [() => lib.wrappedAngleMI(0), "sigma"],
    [() => lib.multiplicativeNoiseMI(0), "sigma"],
    [() => lib.binaryEntropy(1.5), "p"],
    [() => lib.atomMixtureMI(-0.1, 0.5), "weight"],
    [() => lib.twoClassGaussianMI(2, 1), "p"],
    [() => lib.channelWithMI(0), "nats"],
    [() => lib.gaussianMixtureEntropy([{ weight: 1, mean: 0, sd: 0 }]), "sd"],
    [() => lib.mixtureChannelMI([{ weight: 0.5, mean: 0, sd: 1 }], [{ weight: 1, mean: 0, sd: 1 }]), "weights"],
    [() => lib.irwinHallDensity(0, 0.5), "count"],
    [() => lib.uniformNoiseMI(0), "uniformNoiseMI"],
  ];
  for (const [run, name] of cases) refused(run, name, run.toString());
});

test("values at the edges of the domains are the closed forms", () => {
  // noiseless and never-keeping symmetric channels (0·log 0 = 0)
  assert.ok(Math.abs(lib.symmetricChannelMI(2, 1) - Math.LN2) < 1e-15);
  assert.ok(Math.abs(lib.symmetricChannelMI(40, 1) - Math.log(40)) < 1e-12);
  assert.ok(Math.abs(lib.symmetricChannelMI(2, 0) - Math.LN2) < 1e-15);
  assert.equal(lib.frankCopulaMI(0), 0);
  assert.equal(lib.frankCopulaDensity(0, 0.3, 0.7), 1);
  // a sign that only mirrors the data gives the same MI (before: μ < 0 fell off the grid)
  assert.ok(Math.abs(lib.binaryInputMI(-3) - lib.binaryInputMI(3)) < 1e-12);
  assert.ok(Math.abs(lib.twoClassGaussianMI(0.2, -2) - lib.twoClassGaussianMI(0.2, 2)) < 1e-12);
  assert.ok(Math.abs(lib.needleMixtureMI(0.05, -0.9) - lib.needleMixtureMI(0.05, 0.9)) < 1e-12);
  assert.ok(Math.abs(lib.frankCopulaMI(-5) - lib.frankCopulaMI(5)) < 1e-9);
  // far-apart classes: log 2 (before: a grid of 10⁸ points per unit of μ)
  assert.equal(lib.binaryInputMI(1e6), Math.LN2);
  // the Frank copula's MI at θ = 100 on the stable denominator, against a grid twice as fine (2.6380679)
  assert.ok(Math.abs(lib.frankCopulaMI(100) - 2.6380679) < 1e-5);
});

test("the Student-t correction stays positive and of order mn/(2ν²) for many degrees of freedom", () => {
  // before: −2.8e−9 nats at ν = 10⁶ (3 + 2 coordinates) and exactly 0 at ν = 10⁵ (1 + 1): the log-gamma
  // and digamma terms cancelled to float64's rounding
  for (const [m, n] of [[1, 1], [3, 2], [10, 10]]) {
    for (const dof of [1e4, 1e5, 1e6, 1e9]) {
      const c = lib.studentTCorrection(dof, m, n);
      const leading = (m * n) / (2 * dof * dof);
      assert.ok(c > 0 && Math.abs(c / leading - 1) < (2 * (m + n)) / dof, `ν = ${dof}, ${m} + ${n}: ${c}`);
    }
    // on both sides of the switch to the expansion the values agree (the exact form's rounding there is about 1e−5 of it)
    const [below, above] = [lib.studentTCorrection(2999.999, m, n), lib.studentTCorrection(3000.001, m, n)];
    assert.ok(Math.abs(below / above - 1) < 1e-4, `${m} + ${n}: ${below} vs ${above}`);
  }
});

test("gaussianCovarianceMI refuses a covariance that is no square table, naming it (a flat one said \"row.slice is not a function\")", () => {
  assert.throws(() => lib.gaussianCovarianceMI([1, 0, 0, 1], 1), /gaussianCovarianceMI\(covariance, dimX\): covariance must be a square matrix \(number\[\]\[\]\): row 0 is 1; a flat list of numbers is not a matrix: give one array per row/);
  assert.throws(() => lib.gaussianCovarianceMI([[1, 0], [0]], 1), /covariance must be a square 2×2 matrix \(number\[\]\[\]\): row 1 has 1 entries\.$/);
  assert.throws(() => lib.gaussianCovarianceMI(null, 1), /covariance must be a square matrix, one array of numbers per row \(number\[\]\[\]\), got null/);
});

test("multivariateGaussian and multivariateStudentT refuse misspelt options, null and a bad defaultSampleSize (dropped or kept before)", () => {
  const covariance = [[1, 0.5], [0.5, 1]];
  assert.throws(() => lib.multivariateGaussian({ name: "a", family: "b", description: "c", covariance, dimX: 1, dimx: 1 }), /multivariateGaussian\(options\) got an unknown option "dimx" \(did you mean "dimX"\?\)/);
  assert.throws(() => lib.multivariateGaussian(null), /multivariateGaussian\(options\) must be an options object such as \{\}, got null/);
  assert.throws(() => lib.multivariateGaussian({ name: "a", family: "b", description: "c", covariance, dimX: 1, defaultSampleSize: -1 }), /defaultSampleSize \}\) must be a positive integer, got -1/);
  assert.throws(() => lib.multivariateStudentT({ name: "a", description: "b", scale: covariance, dimX: 1, dof: 3, dofs: 5 }), /multivariateStudentT\(options\) got an unknown option "dofs" \(did you mean "dof"\?\)/);
  assert.ok(Math.abs(lib.multivariateGaussian({ name: "a", family: "b", description: "c", covariance, dimX: 1 }).mutualInformation() - lib.gaussianMI(0.5)) < 1e-12);
});
