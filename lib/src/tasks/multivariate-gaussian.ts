import { choleskyLower } from "../random/cholesky";
import type { Rng } from "../random/rng";
import { checkInRange, checkKnownOptions, checkOptionsObject, checkPositiveInteger, describeValue, fail } from "../data/checks";
import { pairSampler, taskFromSpec, type Task } from "./task";
import { refuseWhileTested } from "../estimators/reference-guard";

/** log det of a symmetric positive-definite matrix from its Cholesky factor; `what` names it in errors. */
export function logDeterminant(matrix: readonly (readonly number[])[], what: string): number {
  const lower = choleskyLower(matrix, matrix.length, what);
  let sum = 0;
  for (let i = 0; i < lower.length; i++) {
    if (!(lower[i][i] > 0)) fail(`${what} is singular (row ${i} depends on the others); the mutual information is infinite.`);
    sum += Math.log(lower[i][i]);
  }
  return 2 * sum;
}

/**
 * Refuses a covariance that is not a square table of rows: a flat [1, 0, 0, 1] failed with
 * "row.slice is not a function", and a ragged one spoke of a `mean` this function has none of.
 */
function checkSquareMatrix(matrix: unknown, what: string): void {
  if (!Array.isArray(matrix) || matrix.length === 0) fail(`${what} must be a square matrix, one array of numbers per row (number[][]), got ${describeValue(matrix)}.`);
  const d = matrix.length;
  const bad = matrix.findIndex((row) => !Array.isArray(row) || row.length !== d);
  if (bad >= 0) {
    const row: unknown = matrix[bad];
    if (!Array.isArray(row)) {
      fail(`${what} must be a square matrix (number[][]): row ${bad} is ${describeValue(row)}; a flat list of numbers is not a matrix: give one array per row, [[1, 0], [0, 1]].`);
    }
    fail(`${what} must be a square ${d}×${d} matrix (number[][]): row ${bad} has ${row.length} entries.`);
  }
}

function block(matrix: readonly (readonly number[])[], from: number, to: number): number[][] {
  return matrix.slice(from, to).map((row) => row.slice(from, to));
}

/**
 * I(X∧Y) = ½ (log det Σ_X + log det Σ_Y − log det Σ) nats for a Gaussian (X, Y) with
 * covariance Σ, X its first `dimX` coordinates.
 */
export function gaussianCovarianceMI(covariance: readonly (readonly number[])[], dimX: number): number {
  // the bivariate case is gaussianMI: while a test refuses that, this refuses too
  refuseWhileTested("gaussianMI");
  checkSquareMatrix(covariance, "gaussianCovarianceMI(covariance, dimX): covariance");
  const d = covariance.length;
  checkPositiveInteger(dimX, "gaussianCovarianceMI(covariance, dimX): dimX");
  if (dimX >= d) fail(`gaussianCovarianceMI: dimX = ${dimX} leaves no coordinate for Y in a ${d}×${d} covariance.`);
  const what = "gaussianCovarianceMI: covariance";
  const mi =
    0.5 * (logDeterminant(block(covariance, 0, dimX), what) + logDeterminant(block(covariance, dimX, d), what) - logDeterminant(covariance, what));
  return Math.max(mi, 0); // rounding can leave −1e-16 for independent blocks
}

/** Σ with unit variances and every correlation, within X, within Y and across, equal to `correlation` (bmi's "dense"). */
export function denseCovariance(dimX: number, dimY: number, correlation: number): number[][] {
  checkPositiveInteger(dimX, "denseCovariance: dimX");
  checkPositiveInteger(dimY, "denseCovariance: dimY");
  const d = dimX + dimY;
  // positive definite when −1/(d − 1) < correlation < 1
  checkInRange(correlation, "denseCovariance: correlation", -1 / (d - 1), 1, { lo: true, hi: true });
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : correlation)));
}

/**
 * Σ with unit variances where only the first `pairs` coordinates of X and Y interact, X_k with Y_k
 * at `correlation`; every other pair of coordinates is independent (a sparse interaction).
 */
export function sparseCovariance(dimX: number, dimY: number, pairs: number, correlation: number): number[][] {
  checkPositiveInteger(dimX, "sparseCovariance: dimX");
  checkPositiveInteger(dimY, "sparseCovariance: dimY");
  checkPositiveInteger(pairs, "sparseCovariance: pairs");
  if (pairs > Math.min(dimX, dimY)) fail(`sparseCovariance: pairs = ${pairs} must be ≤ min(dimX, dimY) = ${Math.min(dimX, dimY)}.`);
  checkInRange(correlation, "sparseCovariance: correlation", -1, 1, { lo: true, hi: true });
  const d = dimX + dimY;
  const covariance = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j): number => (i === j ? 1 : 0)));
  for (let k = 0; k < pairs; k++) {
    covariance[k][dimX + k] = correlation;
    covariance[dimX + k][k] = correlation;
  }
  return covariance;
}

/** Draws one row of N(0, L·Lᵀ) with the generator. */
export function gaussianRow(lower: readonly (readonly number[])[], rng: Rng): number[] {
  const d = lower.length;
  const z = Array.from({ length: d }, () => rng.normal());
  const row = new Array<number>(d);
  for (let r = 0; r < d; r++) {
    let value = 0;
    for (let k = 0; k <= r; k++) value += lower[r][k] * z[k];
    row[r] = value;
  }
  return row;
}

export interface MultivariateGaussianOptions {
  name: string;
  family: string;
  description: string;
  covariance: number[][];
  dimX: number;
  defaultSampleSize?: number;
}

/** A zero-mean Gaussian (X, Y) with covariance Σ; X is the first dimX coordinates. */
export function multivariateGaussian(options: MultivariateGaussianOptions): Task {
  const given = checkOptionsObject(options, "multivariateGaussian(options)");
  // a misspelt name was dropped (covarance: read as a missing covariance; defaultSampleSize given twice kept its default)
  checkKnownOptions(given, ["name", "family", "description", "covariance", "dimX", "defaultSampleSize"], "multivariateGaussian(options)");
  const { name, family, description, covariance, dimX, defaultSampleSize = 1000 } = given;
  checkPositiveInteger(defaultSampleSize, "multivariateGaussian({ defaultSampleSize })");
  const mi = gaussianCovarianceMI(covariance, dimX);
  const lower = choleskyLower(covariance, covariance.length, `${name}: covariance`);
  return taskFromSpec({
    name,
    family,
    description,
    dimX,
    dimY: covariance.length - dimX,
    n: defaultSampleSize,
    nats: () => mi,
    sample: pairSampler((rng) => {
      const row = gaussianRow(lower, rng);
      return [row.slice(0, dimX), row.slice(dimX)];
    }),
  });
}
