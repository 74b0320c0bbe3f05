import { binomialUpperTail, evenlySpaced } from "./row-sampling";
import { keepNearest, scaledRows, subsetsOf } from "./statistics";

/**
 * Neighbours beyond the d that span a row's candidate plane, each checked for lying in it. Where a surface's rows lie among the
 * bulk (x = tanh(y₁ − y₂) or arctan in 15 % of 2000 rows, whose values are the bulk's densest) a row's nearest are half the bulk's:
 * with 6, x = tanh(y₁ − y₂) was found in 4 draws of 8 and arctan in 4; with 10 in 8 and 8, for about three times the cost on two
 * columns (about 0.1 s at 2000 rows).
 */
const CHECKED = 10;
/** Beyond two columns, the planes are spanned by d of the nearest d + this (the cost of the search grows with their count). */
const SPAN_BEYOND_TWO = 3;
/** A row counts at a scale when at least this many of those lie in one plane with it and d of its nearest neighbours. */
const IN_PLANE = 3;
/** A neighbour lies in the plane at the finest scale when the sine of its offset's angle with it is at most this; the next scales are 3 and 9 times it. */
const TIGHT = 0.01;
const STEP = 3;
/**
 * The least share of rows kept from one scale to the next finer one that the data's own coarser step is allowed: where
 * the data have a density (a Gaussian, or one of correlation 0.99999 along a plane), the chance that three neighbours
 * lie within a sine s of one plane falls like s³ at small s and more slowly where planes fill up at larger s, so the
 * share kept from 0.03 to 0.01 is at most the share kept from 0.09 to 0.03.
 */
const LEAST_SHARE = 0.05;
/** The fewest rows at the finest scale that can raise the alarm. */
const MIN_ROWS = 8;
/** The spanning offsets are a plane when their volume (unit offsets) is at least this. */
const SPANNING = 0.3;
/** The least share of the plane's normal along v: a plane of the side's columns alone (x₂ = f(x₁) in a share of the rows) has none. */
const NORMAL_PART = 0.1;

export interface SurfaceRows {
  /** Rows whose best plane holds IN_PLANE neighbours within a sine of 0.01. */
  flat: number;
  /** Rows where it holds them within 0.03, and within 0.09. */
  near: number;
  wider: number;
  /** Rows read. */
  of: number;
}

/**
 * Rows lying on a thin smooth surface v = f(columns) (y = e^((x₁ + x₂)/√2), a square or cube of a
 * combination of x's columns, in a share of the rows), beyond what a density makes at the chance `level`,
 * else undefined. Their MI is infinite, and no estimator here resolves it: y = e^((x₁ + x₂)/√2) in 10 % of
 * 2000 rows was trusted at 0.04 nats by KSG and at 0.02–0.03 by MI-NEE, InfoNCE and SMILE.
 *
 * The d-dimensional generalisation of `curve-rows.ts` (a curve is the case d = 1): in the space of the d
 * columns and v, a row on the surface has neighbours on it, and where the surface is smooth they lie in its
 * tangent plane to within the curvature times their distance. For each row read, of the planes through it and
 * d of its d + 10 nearest neighbours, the one holding most of the other ten within a sine of 0.01, 0.03 and
 * 0.09; rows whose best plane holds three count at that scale. Where the data have a density the rows kept
 * from 0.03 to 0.01 are at most the share kept from 0.09 to 0.03 (the chance falls like s³ at small s and
 * more slowly where the planes fill up); an exact surface keeps more at the finest scale than above it
 * (y = e^((x₁ + x₂)/√2) in 10 % of 2000 rows: about 45 % against 15–20 %; a plane thickened by 1 % of its
 * spread: 20 % against 60 %). Offsets with a coordinate exactly 0 (values shared by rows: grids, atoms) are not used, nor planes
 * whose normal has little part along v (a relation among the columns alone, nothing of v).
 */
export function surfaceRows(columns: Float64Array[], v: Float64Array, level: number, most = 2000): SurfaceRows | undefined {
  const d = columns.length;
  if (d < 2) return undefined;
  const dims = d + 1;
  const neighbours = d + CHECKED;
  const rows = evenlySpaced(v.length, most);
  const n = rows.length;
  if (n <= neighbours) return undefined;
  const point = scaledRows([...columns, v], rows);
  if (!point) return undefined;
  // the planes through d of the nearest neighbours (of the nearest d + 3 beyond two columns: C(d + 10, d) is 286 for three, 1001 for four)
  const spans = subsetsOf(d <= 2 ? neighbours : d + SPAN_BEYOND_TWO, d);
  const masks = spans.map((span) => span.reduce((mask, k) => mask | (1 << k), 0));
  // rows by their first coordinate: a row's nearest neighbours are sought outward from it in that order
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => point[a * dims] - point[b * dims]);
  const nearest = new Int32Array(neighbours);
  const distances = new Float64Array(neighbours);
  const offsets = new Float64Array(neighbours * dims);
  const usable = new Uint8Array(neighbours);
  const basis = new Float64Array(d * dims);
  const normal = new Float64Array(dims);
  let flat = 0;
  let near = 0;
  let wider = 0;
  // each row's scale (0 flat, 1 near, 2 wider, 3 none) and the distance of its farthest neighbour, for the split below
  const scale = new Uint8Array(n).fill(3);
  const reach = new Float64Array(n).fill(Infinity);
  for (let at = 0; at < n; at++) {
    const i = order[at];
    distances.fill(Infinity);
    for (let up = at + 1, down = at - 1; up < n || down >= 0; ) {
      const gapUp = up < n ? point[order[up] * dims] - point[i * dims] : Infinity;
      const gapDown = down >= 0 ? point[i * dims] - point[order[down] * dims] : Infinity;
      if (Math.min(gapUp, gapDown) ** 2 >= distances[neighbours - 1]) break;
      const j = down < 0 || (up < n && gapUp <= gapDown) ? order[up++] : order[down--];
      let dist = 0;
      for (let c = 0; c < dims; c++) {
        const t = point[j * dims + c] - point[i * dims + c];
        dist += t * t;
      }
      keepNearest(distances, nearest, dist, j);
    }
    if (!Number.isFinite(distances[neighbours - 1])) continue;
    for (let k = 0; k < neighbours; k++) {
      const length = Math.sqrt(distances[k]);
      usable[k] = 1;
      for (let c = 0; c < dims; c++) {
        const t = point[nearest[k] * dims + c] - point[i * dims + c];
        if (t === 0) usable[k] = 0;
        offsets[k * dims + c] = t / length;
      }
    }
    // the most neighbours in one plane at each of the three scales
    let unusable = 0;
    for (let k = 0; k < neighbours; k++) if (usable[k] === 0) unusable |= 1 << k;
    let best0 = 0;
    let best1 = 0;
    let best2 = 0;
    for (let s = 0; s < spans.length; s++) {
      if ((masks[s] & unusable) !== 0) continue;
      // the unit offsets' volume (a thin span gives no plane), and the plane's unit normal
      if (!(orthonormalise(offsets, spans[s], dims, basis) >= SPANNING)) continue;
      // the part of v's axis off the plane: the normal's share along v is its length, 0 for a plane of the side's columns alone
      if (normalAlongLast(basis, d, dims, normal) < NORMAL_PART) continue;
      let held0 = 0;
      let held1 = 0;
      let held2 = 0;
      for (let k = 0; k < neighbours; k++) {
        if (((masks[s] | unusable) & (1 << k)) !== 0) continue;
        let dot = 0;
        for (let c = 0; c < dims; c++) dot += normal[c] * offsets[k * dims + c];
        const sine = Math.abs(dot);
        if (sine <= TIGHT * STEP * STEP) held2 += 1;
        if (sine <= TIGHT * STEP) held1 += 1;
        if (sine <= TIGHT) held0 += 1;
      }
      if (held0 > best0) best0 = held0;
      if (held1 > best1) best1 = held1;
      if (held2 > best2) best2 = held2;
    }
    if (best0 >= IN_PLANE) flat += 1;
    if (best1 >= IN_PLANE) near += 1;
    if (best2 >= IN_PLANE) wider += 1;
    scale[i] = best0 >= IN_PLANE ? 0 : best1 >= IN_PLANE ? 1 : best2 >= IN_PLANE ? 2 : 3;
    reach[i] = distances[neighbours - 1];
  }
  // an exact surface keeps its rows at the finest scale (their sine is the curvature times the gap), a density loses them faster
  // there than above: the share kept from 0.03 to 0.01 is compared with the coarser step's, (near − flat)/(wider − near) being
  // what that step keeps of the rows not already counted (the same condition, flat·wider > near², with the bulk's rows alone).
  // Where most rows are near a plane even at 0.09 (y = x₁ + x₂ within 0.3 % of its spread) the coarser step is cut short by
  // the rows running out, and the share kept from 0.09 itself is used.
  // (a share of 1, every row near a plane at both coarser scales, raises nothing: binomialUpperTail is NaN there)
  const whole = flat >= MIN_ROWS && binomialUpperTail(flat, near, Math.min(keptShare(flat, near, wider, n), 1)) < level;
  // Where the surface is curved or lies among the bulk (x = tanh(y₁ − y₂), a logistic, e^((x₁ + x₂)/√2) in 30 % of the rows) its own
  // rows fill the coarser scales and raise the step they are compared with. They are denser than the bulk (a surface holds its rows
  // in one dimension fewer), so the rows whose neighbours are nearer are compared with those whose neighbours are farther: where
  // the data have a density the nearer rows are no flatter (a smooth density looks alike at every distance; a plane thickened by
  // t is flatter from farther, its sines being t over the distance), where a surface holds some rows they are its rows.
  const sorted = Float64Array.from(reach).sort();
  const middle = sorted[n >> 1];
  const counts = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let r = 0; r < n; r++) {
    if (!Number.isFinite(reach[r])) continue;
    const part = counts[reach[r] < middle ? 0 : 1];
    for (let q = scale[r]; q < 3; q++) part[q] += 1;
  }
  const [[flatNear, nearNear], [flatFar, nearFar, widerFar]] = counts;
  const split = flatNear >= MIN_ROWS && binomialUpperTail(flatNear, nearNear, Math.min(keptShare(flatFar, nearFar, widerFar, n / 2), 1)) < level;
  // (each comparison at the level: together at most twice it)
  if (!whole && !split) return undefined;
  return { flat, near, wider, of: n };
}

/** The share of rows a density keeps from 0.03 to 0.01, from the share the data keep from 0.09 to 0.03 among `of` rows (see above). */
function keptShare(flat: number, near: number, wider: number, of: number): number {
  return Math.max(LEAST_SHARE, wider > of / 2 ? near / wider : (near - flat) / Math.max(wider - near, 1));
}

/** Gram–Schmidt on the offsets named by `span`, into `basis` (orthonormal rows); returns the volume of the unit offsets. */
function orthonormalise(offsets: Float64Array, span: number[], dims: number, basis: Float64Array): number {
  let volume = 1;
  span.forEach((k, r) => {
    for (let c = 0; c < dims; c++) basis[r * dims + c] = offsets[k * dims + c];
    for (let q = 0; q < r; q++) {
      let dot = 0;
      for (let c = 0; c < dims; c++) dot += basis[r * dims + c] * basis[q * dims + c];
      for (let c = 0; c < dims; c++) basis[r * dims + c] -= dot * basis[q * dims + c];
    }
    let length = 0;
    for (let c = 0; c < dims; c++) length += basis[r * dims + c] ** 2;
    length = Math.sqrt(length);
    volume *= length;
    if (length > 0) for (let c = 0; c < dims; c++) basis[r * dims + c] /= length;
  });
  return volume;
}

/**
 * The plane's unit normal (of d orthonormal rows in d + 1 dimensions) into `out`, from the last axis less its
 * projection on the plane; returns the normal's part along that axis (0 when the plane contains it).
 */
function normalAlongLast(basis: Float64Array, d: number, dims: number, out: Float64Array): number {
  out.fill(0);
  out[d] = 1;
  for (let q = 0; q < d; q++) {
    const along = basis[q * dims + d];
    for (let c = 0; c < dims; c++) out[c] -= along * basis[q * dims + c];
  }
  let length = 0;
  for (let c = 0; c < dims; c++) length += out[c] ** 2;
  length = Math.sqrt(length);
  if (!(length > 0)) return 0;
  for (let c = 0; c < dims; c++) out[c] /= length;
  return length;
}
