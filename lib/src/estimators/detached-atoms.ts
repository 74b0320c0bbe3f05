import type { Matrix64 } from "../data/matrix";

/**
 * A column holding a code for missing values (−999, 9999) given to the network as two columns: an
 * indicator of the code, and the column's other values' normal scores with the code's rows set to 0.
 *
 * After normal scores a code is a block of tied rows just below (or above) the column's real values,
 * so a critic must learn a jump at the edge of the bulk to tell "missing" from "small": with each cell
 * of a 3 + 3 Gaussian pair set (ρ = 0.8) missing on its own in 10 % of cells, the networks found
 * 0.71–0.90 nats of 1.24, and 0.68–0.94 of 2.03 with 30 % of the cells of a 5 + 5 set
 * (`bench/accuracy/unseen32/`). The map x ↦ (1[x = a], s(x), or 0 where x = a), s the normal scores of
 * the other values, keeps the MI exactly: it is injective (the indicator says which rows are the code,
 * and s is increasing on the others), and MI is unchanged under injective maps of a side.
 *
 * Why 0 and not independent draws of the other scores (which keep the MI as well, the draws being noise
 * independent of everything): a drawn value in the code's rows is noise a critic must learn to ignore
 * there, while 0, the middle of N(0, 1), is where a critic near a function of products of the
 * coordinates is flat. On the 5 + 5 set with 30 % coded cells draws gave MINE 0.88 and 0.96 and SMILE
 * 0.48 and 0.68 (seeds 0, 1; untrusted), 0 gave 1.15 and 1.42, and 1.16 and 1.28 (trusted, right).
 *
 * Which columns (on the training rows; `detachedAtoms`): the column's smallest or largest value `a`
 * repeated on at least MIN_ATOM_SHARE of the rows and MIN_ATOM_ROWS rows, whose other values take at
 * least 3 values, and lie farther from `a` than their whole range (the gap from `a` to the nearest
 * other value is larger than the largest minus the smallest other value). The gap rule is what makes
 * it a code rather than part of the data: zero-inflated counts (0 beside 1, 2, 3, …: a gap of 1 for a
 * range of at least 1), a floor or a censoring limit (at the edge of the bulk, a gap near 0), rounded
 * data (a gap of one step) and labels (a gap of one label) all fail it, and a zero among Gaussian
 * values is no extreme; a column whose other values have a far outlier of their own is left as it is.
 * A few-valued column (label-columns.ts) is not split: its indicators already show the code. Held-out
 * values other than `a` take the other values' map, continued beyond them (standardise.ts).
 */
export const MIN_ATOM_SHARE = 0.02;
export const MIN_ATOM_ROWS = 20;

/** Per column, the detached atom's value, or undefined for a column left as it is. */
export type ColumnAtoms = (number | undefined)[];

/** The detached atom of each column of m on `rows` (see above), or undefined. */
export function detachedAtoms(m: Matrix64, rows: readonly number[]): ColumnAtoms {
  return Array.from({ length: m.cols }, (_, c) => detachedAtomOf(Float64Array.from(rows, (i) => m.values[i * m.cols + c])));
}

/** The detached atom of a column's values (see above), or undefined. */
export function detachedAtomOf(values: ArrayLike<number>): number | undefined {
  const sorted = Float64Array.from(values).sort();
  return edgeAtom(sorted) ?? edgeAtom(sorted.reverse());
}

/** The atom at sorted[0] if it is a detached one, from that end of the sorted values. */
function edgeAtom(sorted: Float64Array): number | undefined {
  const n = sorted.length;
  const a = sorted[0];
  let count = 0;
  while (count < n && sorted[count] === a) count++;
  if (count < MIN_ATOM_ROWS || count < MIN_ATOM_SHARE * n || count === n) return undefined;
  const nearest = sorted[count];
  const farthest = sorted[n - 1];
  let values = 1;
  for (let i = count + 1; i < n && values < 3; i++) if (sorted[i] !== sorted[i - 1]) values++;
  if (values < 3) return undefined;
  // |nearest − a| > |farthest − nearest|, as halves so that values near ±10³⁰⁸ do not overflow
  return Math.abs(nearest / 2 - a / 2) > Math.abs(farthest / 2 - nearest / 2) ? a : undefined;
}

/** Whether some column is split. */
export function hasAtoms(atoms: ColumnAtoms | undefined): boolean {
  return atoms !== undefined && atoms.some((a) => a !== undefined);
}

/** The rows with, after their own columns, the indicator of each split column's atom. */
export function withAtomIndicators(rows: readonly (readonly number[])[], flags: readonly (readonly number[])[] | undefined, atoms: ColumnAtoms | undefined): number[][] {
  if (flags === undefined || !hasAtoms(atoms)) return rows as number[][];
  const split = atoms!.flatMap((a, c) => (a === undefined ? [] : [c]));
  return rows.map((row, i) => [...row, ...split.map((c) => flags[i][c])]);
}
