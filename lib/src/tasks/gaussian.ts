import { checkInRange, checkKnownOptions, checkPositive, checkPositiveInteger, checkOptionsObject } from "../data/checks";
import { refuseWhileTested } from "../estimators/reference-guard";
import { inUnit, pairSampler, type InformationUnit, type Task } from "./task";

/** I(X∧Y) = −½ log(1 − ρ²) nats for a bivariate Gaussian with correlation ρ. */
export function gaussianMI(rho: number): number {
  refuseWhileTested("gaussianMI");
  checkCorrelation(rho, "gaussianMI(rho)");
  return -0.5 * Math.log1p(-rho * rho);
}

/** gaussianMI for the course data's own correlation: not counted by `referenceCalls`. */
export function courseDataMI(rho: number): number {
  refuseWhileTested("gaussianMI", false);
  return -0.5 * Math.log1p(-rho * rho);
}

function checkCorrelation(rho: unknown, what: string): number {
  return checkInRange(rho, what, -1, 1, { lo: true, hi: true });
}

/** Zero-mean, unit-variance bivariate Gaussian with correlation ρ. */
export function bivariateGaussian(rho: number): Task {
  checkCorrelation(rho, "bivariateGaussian(rho)");
  return {
    ...correlatedPairs(1, rho),
    name: `bivariate Gaussian (ρ = ${rho})`,
    description: `X, Y standard normal with correlation ${rho}.`,
  };
}

/**
 * d independent pairs (X_k, Y_k), each a standard bivariate Gaussian with correlation ρ;
 * X = (X_1…X_d), Y = (Y_1…Y_d). I(X∧Y) = −(d/2) log(1 − ρ²).
 */
export function correlatedPairs(d: number, rho: number): Task {
  checkPositiveInteger(d, "correlatedPairs(d, rho): d");
  checkCorrelation(rho, "correlatedPairs(d, rho): rho");
  const slope = Math.sqrt(1 - rho * rho);
  return {
    name: `${d} correlated pair${d === 1 ? "" : "s"} (ρ = ${rho})`,
    family: "gaussian-pairs",
    description: `${d} independent pair${d === 1 ? "" : "s"} (X_k, Y_k) of standard normals with correlation ${rho}.`,
    dimX: d,
    dimY: d,
    defaultSampleSize: 1000,
    mutualInformation: (unit?: InformationUnit) => inUnit(d * gaussianMI(rho), unit),
    sample: pairSampler((rng) => {
      const x = new Array<number>(d);
      const y = new Array<number>(d);
      for (let k = 0; k < d; k++) {
        // the Cholesky factor of [[1, ρ], [ρ, 1]] applied to two standard normals
        const z1 = rng.normal();
        const z2 = rng.normal();
        x[k] = z1;
        y[k] = rho * z1 + slope * z2;
      }
      return [x, y];
    }),
  };
}

export interface ChannelOptions {
  dim?: number;
  power?: number;
  noise?: number;
}

/**
 * The additive Gaussian channel: X ~ N(0, P·I_d), Y = X + N(0, N·I_d); I = (d/2) log(1 + P/N).
 * Defaults are the multi-dimensional example of the course (d = 3, P = 3, N = 0.2).
 */
export function gaussianChannel(options: ChannelOptions = {}): Task {
  const given = checkOptionsObject(options, "gaussianChannel(options)");
  // a misspelt name (noize) used to be dropped, and the channel built with the default in its place
  checkKnownOptions(given, ["dim", "power", "noise"], "gaussianChannel(options)");
  const { dim = 3, power = 3, noise = 0.2 } = given;
  checkPositiveInteger(dim, "gaussianChannel({ dim }): dim");
  checkPositive(power, "gaussianChannel({ power }): power");
  checkPositive(noise, "gaussianChannel({ noise }): noise");
  const signalScale = Math.sqrt(power);
  const noiseScale = Math.sqrt(noise);
  return {
    name: `Gaussian channel (d = ${dim}, P = ${power}, N = ${noise})`,
    family: "channel",
    description: `X ~ N(0, ${power}·I_${dim}) sent through additive noise: Y = X + N(0, ${noise}·I_${dim}).`,
    dimX: dim,
    dimY: dim,
    defaultSampleSize: 1000,
    // −½ log(1 − ρ²) per coordinate, with ρ² = P/(P + N): while a test refuses gaussianMI, this refuses too
    mutualInformation: (unit?: InformationUnit) => {
      refuseWhileTested("gaussianMI");
      return inUnit((dim / 2) * Math.log1p(power / noise), unit);
    },
    sample: pairSampler((rng) => {
      const x = Array.from({ length: dim }, () => signalScale * rng.normal());
      return [x, x.map((value) => value + noiseScale * rng.normal())];
    }),
  };
}
