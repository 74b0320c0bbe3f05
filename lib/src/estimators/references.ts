import { fail } from "../data/checks";
import { columnRanges, type Matrix } from "../data/matrix";
import { choleskyLower } from "../random/cholesky";
import type { Rng } from "../random/rng";

/** A reference distribution P' that MI-NEE draws i.i.d. samples from. */
export interface ReferenceDistribution {
  readonly dims: number;
  /** `size` draws, row-major float32. */
  sample(size: number, rng: Rng): Float32Array;
}

export type ReferenceKind = "uniform" | "gaussian";
export const REFERENCE_KINDS: readonly ReferenceKind[] = ["uniform", "gaussian"];

/** The reference of `kind` fitted to the samples m (named `name` in errors). */
export function fitReference(kind: ReferenceKind, m: Matrix, name: string): ReferenceDistribution {
  return kind === "uniform" ? uniformOnBox(m, name) : gaussianFit(m, name);
}

/** Uniform on the bounding box of the samples (per-coordinate minimum and maximum). */
function uniformOnBox(m: Matrix, name: string): ReferenceDistribution {
  const { min, max } = columnRanges(m);
  min.forEach((lo, k) => {
    if (!(max[k] > lo)) {
      fail(
        `MINEE: column ${k} of ${name} is constant (${lo}), so its bounding box is empty and the uniform ` +
          "reference has no density there; drop that column or add variation.",
      );
    }
  });
  return {
    dims: m.cols,
    sample(size, rng) {
      const values = new Float32Array(size * m.cols);
      for (let i = 0; i < size; i++) {
        for (let k = 0; k < m.cols; k++) values[i * m.cols + k] = min[k] + (max[k] - min[k]) * rng.uniform();
      }
      return values;
    },
  };
}

/**
 * The Gaussian with the samples' mean and covariance. Its divergence from a Gaussian P_X
 * is 0, and from most data sets a fraction of a nat, whatever the dimension: MI-NEE's
 * D_XY − D_X − D_Y is then a difference of small numbers. (A uniform box reference makes
 * D_X grow with the dimension and with heavy tails.)
 */
function gaussianFit(m: Matrix, name: string): ReferenceDistribution {
  const d = m.cols;
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < m.rows; i++) for (let k = 0; k < d; k++) mean[k] += m.values[i * d + k] / m.rows;
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < m.rows; i++) {
    for (let r = 0; r < d; r++) {
      const dr = m.values[i * d + r] - mean[r];
      for (let c = 0; c <= r; c++) cov[r][c] += (dr * (m.values[i * d + c] - mean[c])) / (m.rows - 1);
    }
  }
  for (let r = 0; r < d; r++) for (let c = 0; c < r; c++) cov[c][r] = cov[r][c];
  cov.forEach((row, k) => {
    if (!(row[k] > 0)) fail(`MINEE: column ${k} of ${name} is constant, so a Gaussian fitted to it is degenerate; drop that column.`);
  });
  const lower = choleskyLower(cov, d, `MINEE: the covariance of ${name}`);
  return {
    dims: d,
    sample(size, rng) {
      const values = new Float32Array(size * d);
      const z = new Float64Array(d);
      for (let i = 0; i < size; i++) {
        for (let k = 0; k < d; k++) z[k] = rng.normal();
        for (let r = 0; r < d; r++) {
          let value = mean[r];
          for (let k = 0; k <= r; k++) value += lower[r][k] * z[k];
          values[i * d + r] = value;
        }
      }
      return values;
    },
  };
}
