import { choleskyLower } from "../random/cholesky";
import type { Rng } from "../random/rng";
import { checkKnownOptions, checkOptionsObject, checkPositive, checkPositiveInteger } from "../data/checks";
import { digamma, logGamma } from "./special-functions";
import { gaussianCovarianceMI, gaussianRow } from "./multivariate-gaussian";
import { pairSampler, taskFromSpec, type Task } from "./task";
import { refuseTruthWhileTested } from "../estimators/reference-guard";

/** The degrees of freedom beyond which `studentTCorrection` takes its large-ν expansion. */
const STUDENT_T_SERIES_FROM = 3000;

/**
 * The part of a multivariate Student-t's MI that does not depend on its scale matrix, in nats.
 *
 * The entropy of a d-dimensional t with ν degrees of freedom and scale Σ is
 *   h_d = ½ log det Σ + (d/2) log(νπ) + log Γ(ν/2) − log Γ((ν+d)/2) + ((ν+d)/2)·(ψ((ν+d)/2) − ψ(ν/2)),
 * and its marginals are t's with the same ν and the blocks of Σ. In I = h_m + h_n − h_{m+n} the
 * log det terms give the Gaussian MI of Σ, the (d/2) log(νπ) terms cancel, and what is left is
 *   log Γ(ν/2) + log Γ((ν+m+n)/2) − log Γ((ν+m)/2) − log Γ((ν+n)/2)
 *   + ((ν+m)/2) ψ((ν+m)/2) + ((ν+n)/2) ψ((ν+n)/2) − ((ν+m+n)/2) ψ((ν+m+n)/2) − (ν/2) ψ(ν/2).
 * It is positive (a shared scale makes X and Y dependent even when Σ is the identity) and
 * vanishes as ν → ∞, where the t becomes Gaussian.
 */
export function studentTCorrection(dof: number, dimX: number, dimY: number): number {
  refuseTruthWhileTested();
  checkPositive(dof, "studentTCorrection(dof, dimX, dimY): dof");
  checkPositiveInteger(dimX, "studentTCorrection(dof, dimX, dimY): dimX");
  checkPositiveInteger(dimY, "studentTCorrection(dof, dimX, dimY): dimY");
  // beyond ν = 3000 the log-gamma and digamma terms (each about ν log ν) cancel to a value of order
  // mn/ν², and float64 lost it: ν = 10⁶ gave −2.8e−9 nats for 3 + 2 coordinates, ν = 10⁵ exactly 0
  // for 1 + 1. The expansion in 1/ν, mn/(2ν²)·(1 − (m + n − 4/3)/ν), agrees with the exact form to
  // 4e−5 of its value at ν = 3000 (m, n up to 10) and is off by O(mn(m + n)²/ν⁴) beyond.
  if (dof > STUDENT_T_SERIES_FROM) return ((dimX * dimY) / (2 * dof * dof)) * (1 - (dimX + dimY - 4 / 3) / dof);
  const half = (k: number) => (dof + k) / 2;
  const psiTerm = (k: number) => half(k) * digamma(half(k));
  return (
    logGamma(half(0)) + logGamma(half(dimX + dimY)) - logGamma(half(dimX)) - logGamma(half(dimY)) +
    psiTerm(dimX) + psiTerm(dimY) - psiTerm(dimX + dimY) - psiTerm(0)
  );
}

/** A Gamma(shape, 1) draw by Marsaglia and Tsang's squeeze method (2000); shapes below 1 through Gamma(shape + 1)·U^(1/shape). */
export function gammaDraw(shape: number, rng: Rng): number {
  if (shape < 1) return gammaDraw(shape + 1, rng) * Math.pow(1 - rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const cube = (1 + c * z) ** 3;
    if (cube <= 0) continue;
    const u = 1 - rng.uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * cube + d * Math.log(cube)) return d * cube;
  }
}

export interface StudentTOptions {
  name: string;
  description: string;
  /** The scale matrix Σ (the covariance of the underlying Gaussian). */
  scale: number[][];
  dimX: number;
  dof: number;
  defaultSampleSize?: number;
}

/**
 * (X, Y) multivariate Student-t with ν = dof degrees of freedom and scale Σ: a Gaussian
 * N(0, Σ) divided by sqrt(W/ν), W ~ χ²_ν shared by X and Y.
 */
export function multivariateStudentT(options: StudentTOptions): Task {
  const given = checkOptionsObject(options, "multivariateStudentT(options)");
  checkKnownOptions(given, ["name", "description", "scale", "dimX", "dof", "defaultSampleSize"], "multivariateStudentT(options)");
  const { name, description, scale, dimX, dof, defaultSampleSize = 1000 } = given;
  checkPositiveInteger(defaultSampleSize, "multivariateStudentT({ defaultSampleSize })");
  checkPositive(dof, `${name}: dof`);
  const dimY = scale.length - dimX;
  const mi = gaussianCovarianceMI(scale, dimX) + studentTCorrection(dof, dimX, dimY);
  const lower = choleskyLower(scale, scale.length, `${name}: scale`);
  return taskFromSpec({
    name,
    family: "student-t",
    description,
    dimX,
    dimY,
    n: defaultSampleSize,
    nats: () => mi,
    sample: pairSampler((rng) => {
      const row = gaussianRow(lower, rng);
      const factor = 1 / Math.sqrt((2 * gammaDraw(dof / 2, rng)) / dof); // χ²_ν = 2·Gamma(ν/2)
      const scaled = row.map((value) => value * factor);
      return [scaled.slice(0, dimX), scaled.slice(dimX)];
    }),
  });
}
