import { evenlySpaced } from "./row-sampling";
import { keepNearest, scaledRows, subsetsOf } from "./statistics";

/** The nearest neighbours of a row among which a flat set is sought. */
const NEIGHBOURS = 6;
/** A set of offsets is flat when the determinant of their unit vectors is at most this (rounding of a sum in doubles: about 1e-14). */
const FLAT = 1e-9;
/** The fewest flat rows that raise the alarm: continuous data put a row there with a chance of about 1e-8. */
const MIN_ROWS = 5;
/** The least share of the plane's normal along v (rounding leaves about 1e-15 on a plane of the side alone). */
const NORMAL_PART = 1e-6;
/**
 * The least volume of the first d unit offsets for a flat set to count: offsets of a plane spread within it (volumes of
 * 1e-2 and more), while rows far out in a heavy tail (y = sinh(3(x + 0.03ε)), values to 1e5) see all their neighbours
 * far along that column, unit offsets nearly parallel whose volumes (1e-6 and less) make any determinant about 0.
 */
const LEAST_SPAN = 1e-4;
/** The side's columns count as linearly dependent (every row on one plane of x alone) below this pivot of their correlation matrix. */
const DEPENDENT = 1e-8;

export interface PlaneRows {
  /** Rows (of those read) lying, with some of their nearest neighbours, exactly on one hyperplane. */
  flat: number;
  /** Rows read. */
  of: number;
}

/**
 * Rows where `v` is exactly an affine function of several columns together (v = x₁ + x₂ in a share of
 * the rows, a sensor echoing a sum), else undefined. Such rows have an infinite MI, and the checks on
 * pairs of columns do not see them (on no pair is v a function of one column): y = (x₁ + x₂)/√2 in 10 %
 * of 2000 rows was trusted at 0.02–0.03 nats by KSG, MINE, MI-NEE and SMILE.
 *
 * In the space of the columns and v (d + 1 dimensions), rows of the plane have neighbours on the plane,
 * and any d + 1 of those make offsets of determinant 0 (to rounding). Continuous data without the
 * plane do so with probability about 0. So: for each row read, the determinant of the unit offsets to
 * every d + 1 of its six nearest neighbours; rows with one at most 1e-9 count. Offsets with a coordinate
 * exactly 0 (values shared by rows: grids, atoms) are skipped, columns linearly dependent on each
 * other (every row on a plane of x alone) are not searched, and a plane whose normal has no part along
 * v (x₃ = x₁ + x₂ in a share of the rows: a relation inside x, nothing of y) is not counted, nor offsets nearly
 * parallel (LEAST_SPAN).
 */
export function planeRows(columns: Float64Array[], v: Float64Array, most = 1000): PlaneRows | undefined {
  const d = columns.length;
  if (d < 2) return undefined;
  const rows = evenlySpaced(v.length, most);
  const n = rows.length;
  const dims = d + 1;
  if (n <= NEIGHBOURS) return undefined;
  const point = scaledRows([...columns, v], rows);
  if (!point) return undefined;
  if (dependentColumns(point, n, dims, d)) return undefined;
  const subsets = subsetsOf(NEIGHBOURS, dims);
  const nearest = new Int32Array(NEIGHBOURS);
  const distances = new Float64Array(NEIGHBOURS);
  const offsets = new Float64Array(NEIGHBOURS * dims);
  const matrix = new Float64Array(dims * dims);
  let flat = 0;
  for (let i = 0; i < n; i++) {
    distances.fill(Infinity);
    for (let j = 0; j < n; j++) {
      let dist = 0;
      for (let c = 0; c < dims; c++) {
        const t = point[j * dims + c] - point[i * dims + c];
        dist += t * t;
      }
      keepNearest(distances, nearest, dist, j);
    }
    if (!Number.isFinite(distances[NEIGHBOURS - 1])) continue;
    const usable: boolean[] = [];
    for (let k = 0; k < NEIGHBOURS; k++) {
      const length = Math.sqrt(distances[k]);
      let zero = false;
      for (let c = 0; c < dims; c++) {
        const t = point[nearest[k] * dims + c] - point[i * dims + c];
        if (t === 0) zero = true;
        offsets[k * dims + c] = t / length;
      }
      usable.push(!zero);
    }
    for (const subset of subsets) {
      if (!subset.every((k) => usable[k])) continue;
      subset.forEach((k, r) => matrix.set(offsets.subarray(k * dims, (k + 1) * dims), r * dims));
      if (Math.abs(determinant(matrix, dims)) > FLAT) continue;
      // a plane of the side's columns alone (x₃ = x₁ + x₂ in a share of the rows) says nothing of v: its normal has no v part;
      // and offsets nearly parallel (a row far out in a heavy tail) are no plane at all
      subset.forEach((k, r) => matrix.set(offsets.subarray(k * dims, (k + 1) * dims), r * dims));
      const normal = planeNormal(matrix, dims);
      if (normal.span < LEAST_SPAN || normal.lastPart <= NORMAL_PART) continue;
      flat += 1;
      break;
    }
  }
  return flat >= MIN_ROWS ? { flat, of: n } : undefined;
}

/** Whether the first d coordinates of the points are linearly dependent (a zero pivot of their correlation matrix). */
function dependentColumns(point: Float64Array, n: number, dims: number, d: number): boolean {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) mean[c] += point[r * dims + c] / n;
  const cov = new Float64Array(d * d);
  for (let r = 0; r < n; r++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] += (point[r * dims + a] - mean[a]) * (point[r * dims + b] - mean[b]);
  const corr = cov.map((value, k) => value / Math.sqrt(cov[Math.floor(k / d) * (d + 1)] * cov[(k % d) * (d + 1)]));
  // Cholesky: a pivot near 0 is a column that is a combination of the ones before it
  for (let j = 0; j < d; j++) {
    let pivot = corr[j * d + j];
    for (let k = 0; k < j; k++) pivot -= corr[j * d + k] ** 2;
    if (!(pivot > DEPENDENT)) return true;
    const root = Math.sqrt(pivot);
    corr[j * d + j] = root;
    for (let i = j + 1; i < d; i++) {
      let value = corr[i * d + j];
      for (let k = 0; k < j; k++) value -= corr[i * d + k] * corr[j * d + k];
      corr[i * d + j] = value / root;
    }
  }
  return false;
}

/**
 * The normal of the plane through the first size − 1 rows (their cofactors): its length, the volume those rows span, and
 * the share of it along the last coordinate.
 */
function planeNormal(m: Float64Array, size: number): { span: number; lastPart: number } {
  const d = size - 1;
  const minor = (skip: number) => {
    const sub = new Float64Array(d * d);
    for (let r = 0; r < d; r++) for (let c = 0, at = 0; c < size; c++) if (c !== skip) sub[r * d + at++] = m[r * size + c];
    return determinant(sub, d);
  };
  let length = 0;
  for (let c = 0; c < size; c++) length += minor(c) ** 2;
  const span = Math.sqrt(length);
  return { span, lastPart: span > 0 ? Math.abs(minor(d)) / span : 0 };
}

/** The determinant of a square matrix (row-major, overwritten), by elimination with partial pivoting. */
function determinant(m: Float64Array, size: number): number {
  let det = 1;
  for (let k = 0; k < size; k++) {
    let p = k;
    for (let i = k + 1; i < size; i++) if (Math.abs(m[i * size + k]) > Math.abs(m[p * size + k])) p = i;
    const pivot = m[p * size + k];
    if (pivot === 0) return 0;
    if (p !== k) {
      for (let j = 0; j < size; j++) [m[p * size + j], m[k * size + j]] = [m[k * size + j], m[p * size + j]];
      det = -det;
    }
    det *= pivot;
    for (let i = k + 1; i < size; i++) {
      const f = m[i * size + k] / pivot;
      for (let j = k; j < size; j++) m[i * size + j] -= f * m[k * size + j];
    }
  }
  return det;
}
