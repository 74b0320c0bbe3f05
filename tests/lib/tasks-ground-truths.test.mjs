// The benchmark tasks' ground truths, each checked by a route independent of the library's:
// closed forms, a different quadrature, or Monte Carlo of E[log p(x, y) − log p(x) − log p(y)]
// with the densities written out here. Monte Carlo tolerances are 4 standard errors of the
// mean log-ratio, measured on the same draws (a false failure once in ~16,000 runs).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  logGamma,
  digamma,
  normalCdf,
  gaussianMI,
  gaussianCovarianceMI,
  denseCovariance,
  sparseCovariance,
  studentTCorrection,
  multivariateStudentT,
  gaussianMixture,
  miTask,
} from "neural-mi";
import { close } from "../helpers/close.mjs";


const EULER_GAMMA = 0.5772156649015329;

/** [log det A, A⁻¹] of a symmetric positive-definite matrix by Gauss–Jordan elimination. */
function logDetAndInverse(matrix) {
  const d = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: d }, (_, j) => (i === j ? 1 : 0))]);
  let logDet = 0;
  for (let col = 0; col < d; col++) {
    const pivot = a[col][col];
    logDet += Math.log(pivot);
    for (let j = 0; j < 2 * d; j++) a[col][j] /= pivot;
    for (let i = 0; i < d; i++) {
      if (i === col) continue;
      const factor = a[i][col];
      for (let j = 0; j < 2 * d; j++) a[i][j] -= factor * a[col][j];
    }
  }
  return [logDet, a.map((row) => row.slice(d))];
}

const quadraticForm = (inverse, v) => v.reduce((s, vi, i) => s + vi * inverse[i].reduce((t, aij, j) => t + aij * v[j], 0), 0);

function block(matrix, from, to) {
  return matrix.slice(from, to).map((row) => row.slice(from, to));
}

/** log-density of N(0, Σ) (ν = Infinity) or of the multivariate t with ν degrees of freedom and scale Σ. */
function logDensityFor(scale, dof = Infinity) {
  const d = scale.length;
  const [logDet, inverse] = logDetAndInverse(scale);
  if (dof === Infinity) return (v) => -0.5 * (d * Math.log(2 * Math.PI) + logDet + quadraticForm(inverse, v));
  const constant = logGamma((dof + d) / 2) - logGamma(dof / 2) - (d / 2) * Math.log(dof * Math.PI) - 0.5 * logDet;
  return (v) => constant - ((dof + d) / 2) * Math.log1p(quadraticForm(inverse, v) / dof);
}

/** Monte-Carlo mean and standard error of log p(x, y) − log p(x) − log p(y) over the samples. */
function monteCarloMI({ x, y }, scale, dof) {
  const dimX = x[0].length;
  const joint = logDensityFor(scale, dof);
  const px = logDensityFor(block(scale, 0, dimX), dof);
  const py = logDensityFor(block(scale, dimX, scale.length), dof);
  const values = x.map((xi, i) => joint([...xi, ...y[i]]) - px(xi) - py(y[i]));
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { mean, standardError: sd / Math.sqrt(n) };
}

test("log Γ, ψ and Φ match known values", () => {
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13, "log Γ(½) = ½ log π");
  close(logGamma(1), 0, 1e-13, "log Γ(1)");
  close(logGamma(5), Math.log(24), 1e-13, "log Γ(5) = log 4!");
  close(logGamma(30), Math.log(8.841761993739701e30), 1e-12, "log Γ(30) = log 29!");
  close(logGamma(3.7) - logGamma(2.7), Math.log(2.7), 1e-13, "Γ(x + 1) = x Γ(x)");
  close(digamma(1), -EULER_GAMMA, 1e-13, "ψ(1) = −γ");
  close(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2, 1e-13, "ψ(½) = −γ − 2 log 2");
  close(digamma(11), 1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5 + 1 / 6 + 1 / 7 + 1 / 8 + 1 / 9 + 1 / 10 - EULER_GAMMA, 1e-13, "ψ(11) = H₁₀ − γ");
  // ψ is the derivative of log Γ: a central difference agrees to its O(h²) error
  const h = 1e-4;
  close((logGamma(2.3 + h) - logGamma(2.3 - h)) / (2 * h), digamma(2.3), 1e-7, "ψ = (log Γ)′");
  close(normalCdf(0), 0.5, 1e-16, "Φ(0)");
  close(normalCdf(1), 0.8413447460685429, 1e-15, "Φ(1)");
  close(normalCdf(1.96), 0.9750021048517795, 1e-15, "Φ(1.96)");
  close(normalCdf(-3), 0.0013498980316301, 1e-15, "Φ(−3)");
  // the lower tail keeps its relative precision
  close(normalCdf(-5) / 2.866515718791939e-7, 1, 1e-12, "Φ(−5)");
  close(normalCdf(-8) / 6.220960574271785e-16, 1, 1e-12, "Φ(−8)");
  close(normalCdf(-2.2) + normalCdf(2.2), 1, 1e-15, "Φ(−x) = 1 − Φ(x)");
  assert.throws(() => logGamma(0), /logGamma\(x\) needs a finite x > 0, got 0/);
  assert.throws(() => digamma(-1), /digamma\(x\) needs a finite x > 0, got -1/);
});

test("Gaussian MI from a covariance matches its closed forms and Monte Carlo", () => {
  // pairs: the sparse covariance is two independent correlated pairs plus noise
  close(gaussianCovarianceMI(sparseCovariance(4, 3, 2, 0.8), 4), 2 * gaussianMI(0.8), 1e-14, "two pairs of 0.8");
  // all correlations c in d dimensions: det = (1 − c)^{d−1} (1 + (d − 1)c)
  const logDetEqui = (d, c) => (d - 1) * Math.log(1 - c) + Math.log(1 + (d - 1) * c);
  for (const [dimX, dimY] of [[1, 1], [5, 5], [25, 25], [2, 7]]) {
    const expected = 0.5 * (logDetEqui(dimX, 0.5) + logDetEqui(dimY, 0.5) - logDetEqui(dimX + dimY, 0.5));
    close(gaussianCovarianceMI(denseCovariance(dimX, dimY, 0.5), dimX), expected, 1e-12, `dense ${dimX}×${dimY}`);
  }
  close(miTask("gaussian-dense-5x5").mutualInformation(), 0.5 * (2 * logDetEqui(5, 0.5) - logDetEqui(10, 0.5)), 1e-12, "registry dense");
  close(miTask("gaussian-6x6-rho0.9").mutualInformation(), 6 * gaussianMI(0.9), 1e-12, "six pairs");
  assert.equal(miTask("independent-5x5").mutualInformation(), 0);
  // Monte Carlo with the task's own samples (standard error ≈ 0.004 nats at n = 40,000)
  const task = miTask("gaussian-dense-5x5");
  const mc = monteCarloMI(task.sample(40_000, 5), denseCovariance(5, 5, 0.5));
  close(task.mutualInformation(), mc.mean, 4 * mc.standardError, "dense 5×5 vs Monte Carlo");
});

test("Student-t MI is the Gaussian part plus the digamma correction, as Monte Carlo says", () => {
  // the correction vanishes as ν → ∞ (the t becomes Gaussian) and is positive
  assert.ok(studentTCorrection(1e7, 3, 4) < 1e-6);
  assert.ok(studentTCorrection(3, 2, 2) > studentTCorrection(30, 2, 2));
  assert.ok(studentTCorrection(30, 2, 2) > 0);
  // Cauchy (ν = 1) with identity scale: the value bmi reports for its 1 × 1 Student-t task, 0.224 nats
  close(studentTCorrection(1, 1, 1), 0.2242, 5e-5, "ν = 1, 1 × 1");
  close(miTask("asinh-student-t-1x1").mutualInformation(), studentTCorrection(1, 1, 1), 0, "asinh keeps the MI");
  // Monte Carlo with the densities written above: standard errors 0.004–0.007 nats at these sizes
  for (const [name, dim, dof, n] of [["student-t-dof3-2x2", 2, 3, 40_000], ["student-t-dof5-5x5", 5, 5, 20_000]]) {
    const task = miTask(name);
    const scale = denseCovariance(dim, dim, 0.5);
    close(task.mutualInformation(), gaussianCovarianceMI(scale, dim) + studentTCorrection(dof, dim, dim), 1e-14, `${name} parts`);
    const mc = monteCarloMI(task.sample(n, 11), scale, dof);
    close(task.mutualInformation(), mc.mean, 4 * mc.standardError, `${name} vs Monte Carlo`);
  }
  const cauchy = multivariateStudentT({ name: "cauchy", description: "", scale: [[1, 0], [0, 1]], dimX: 1, dof: 1 });
  const mc = monteCarloMI(cauchy.sample(40_000, 12), [[1, 0], [0, 1]], 1);
  close(cauchy.mutualInformation(), mc.mean, 4 * mc.standardError, "Cauchy vs Monte Carlo");
});

// The mixture's log-ratio is −½ log s − ρ²(x² + y²)/(2s) + log cosh(ρxy/s), s = 1 − ρ². Its
// mean under the mixture, with E[x² + y²] = 2 and log cosh even, is
//   I = −½ log s − ρ²/s + E[log cosh(ρXY/s)], (X, Y) the ρ = +0.9 component.
// Writing Y = ρX + √s Z turns the expectation into a smooth integral against two standard
// normals, done here by the trapezoidal rule on [−10, 10]² with step 0.01: a different
// integrand on a different grid from the library's −∫∫ p log p.
function mixtureMIByConditioning(rho = 0.9, step = 0.01, halfWidth = 10) {
  const s = 1 - rho * rho;
  const root = Math.sqrt(s);
  const points = Math.round(halfWidth / step);
  const phi = (t) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  const logCosh = (u) => Math.abs(u) + Math.log1p(Math.exp(-2 * Math.abs(u))) - Math.LN2;
  let sum = 0;
  for (let i = -points; i <= points; i++) {
    const x = i * step;
    const wx = (Math.abs(i) === points ? 0.5 : 1) * phi(x);
    for (let j = -points; j <= points; j++) {
      const z = j * step;
      const wz = Math.abs(j) === points ? 0.5 : 1;
      sum += wx * wz * phi(z) * logCosh((rho * x * (rho * x + root * z)) / s);
    }
  }
  return -0.5 * Math.log(s) - (rho * rho) / s + sum * step * step;
}

test("the mixture's ground truth agrees with an independent quadrature to 1e-7 nats", () => {
  const independent = mixtureMIByConditioning();
  // the rule has converged: a coarser step changes the value by far less than the tolerance
  close(mixtureMIByConditioning(0.9, 0.02), independent, 1e-9, "step 0.02 vs 0.01");
  // The library's value must match to 1e-7: integrating on a grid of step 0.5 moves it by
  // 7e-4 nats, cutting the box to [−4, 4]² by 1.2e-3, so either error fails here.
  close(gaussianMixture().mutualInformation(), independent, 1e-7, "mixture MI");
  close(miTask("mixture-2gauss-rho0.9").mutualInformation(), 0.40844, 5e-6, "the MI-NEE paper's 0.408 nats");
});
