import type { Matrix64 } from "../data/matrix";
import { standardisedColumnsOn } from "./standardised-columns";

/**
 * A side is nearly collinear when, its columns standardised, the least variance of a direction is below this share of
 * the greatest: a direction of 1e-4 of the variance lies at 1 % of the columns' scale, which a critic fed the
 * standardised columns does not resolve in its steps.
 */
export const NEARLY_COLLINEAR = 1e-4;
/** Directions of less than this share of the greatest variance are rounding errors of an exact collinearity: dropped. */
const ROUNDING = 1e-13;
const JACOBI_SWEEPS = 60;
/** Sides of more columns are left alone (the rotations' cost grows as the cube; the regression bound fits at most about 80 columns). */
const MOST_COLUMNS = 100;

export interface PrincipalComponents {
  /** The side as its principal components (the standardised columns projected on the correlation matrix's eigenvectors), each standardised. */
  readonly components: Matrix64;
  /** The least variance of a kept direction over the greatest. */
  readonly leastShare: number;
}

/**
 * The side as its principal components when its columns are nearly collinear (NEARLY_COLLINEAR), computed in float64 so
 * that a direction of 1e-8 of the variance is kept; undefined for one column or more than MOST_COLUMNS, a constant column,
 * or columns that are not nearly collinear. An invertible linear map of the columns (directions of rounding size dropped, being constant), so
 * any bound on the components is one on the side.
 */
export function nearlyCollinearComponents(m: Matrix64): PrincipalComponents | undefined {
  const { rows, cols } = m;
  if (cols < 2 || cols > MOST_COLUMNS || rows < 2) return undefined;
  const { values: standard, varying } = standardisedColumnsOn(m, Array.from({ length: rows }, (_, i) => i));
  if (varying < cols) return undefined;
  const correlation = new Float64Array(cols * cols);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < cols; a++) {
      const va = standard[i * cols + a];
      for (let b = 0; b <= a; b++) correlation[a * cols + b] += va * standard[i * cols + b];
    }
  }
  for (let a = 0; a < cols; a++) for (let b = 0; b <= a; b++) correlation[b * cols + a] = correlation[a * cols + b] /= rows;
  const { values, vectors } = symmetricEigen(correlation, cols);
  const greatest = Math.max(...values);
  const kept = values.map((v, k) => [v / greatest, k]).filter(([share]) => share > ROUNDING);
  const leastShare = Math.min(...kept.map(([share]) => share));
  if (!(leastShare < NEARLY_COLLINEAR)) return undefined;
  const out = new Float64Array(rows * kept.length);
  kept.forEach(([, k], j) => {
    let squares = 0;
    for (let i = 0; i < rows; i++) {
      let projection = 0;
      for (let c = 0; c < cols; c++) projection += standard[i * cols + c] * vectors[c * cols + k];
      out[i * kept.length + j] = projection;
      squares += projection * projection;
    }
    const scale = Math.sqrt(squares / rows);
    for (let i = 0; i < rows; i++) out[i * kept.length + j] /= scale;
  });
  return { components: { values: out, rows, cols: kept.length }, leastShare };
}

/** Eigenvalues and eigenvectors (column k of `vectors`) of a symmetric d × d matrix, by cyclic Jacobi rotations. */
function symmetricEigen(matrix: Float64Array, d: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < JACOBI_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off === 0) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Array.from({ length: d }, (_, i) => a[i * d + i]), vectors: v };
}
