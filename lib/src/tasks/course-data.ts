import { Rng } from "../random/rng";
import { checkInteger, checkPositiveInteger, checkOptionsObject, checkKnownOptions, fail } from "../data/checks";
import { MAX_SAMPLE_ROWS } from "./task";
import { courseDataMI } from "./gaussian";

export interface CourseData {
  /** The correlation, 1 − 0.19·U with U the generator's first uniform: in (0.81, 1]. */
  rho: number;
  x: number[][];
  y: number[][];
  /** Rows (x, y): the joint samples Z. */
  xy: number[][];
  /** −½ log(1 − ρ²) nats. */
  groundTruth: number;
}

/**
 * The course's running example: n samples of a zero-mean bivariate Gaussian with unit
 * variances and correlation ρ = 1 − 0.19·U, all from one generator seeded with `seed`.
 */
export function courseData(given: { seed?: number; n?: number } = {}): CourseData {
  const options = checkOptionsObject(given, "courseData(options)");
  checkKnownOptions(options, ["seed", "n"], "courseData(options)");
  const { seed = 0, n = 1000 } = options;
  checkInteger(seed, "courseData({ seed })");
  checkPositiveInteger(n, "courseData({ n })");
  if (n > MAX_SAMPLE_ROWS) fail(`courseData({ n }): n = ${n} samples are more than the ${MAX_SAMPLE_ROWS} a task draws at once (memory would run out).`);
  const rng = new Rng(seed);
  const rho = 1 - 0.19 * rng.uniform();
  const xy = rng.multivariateNormal([0, 0], [[1, rho], [rho, 1]], n);
  return {
    rho,
    x: xy.map((row) => [row[0]]),
    y: xy.map((row) => [row[1]]),
    xy,
    groundTruth: courseDataMI(rho),
  };
}
