import type { Matrix64 } from "../data/matrix";

/**
 * A column holding codes for missing values (−999, 9999, or −999 and −998) given to the network as the
 * codes' indicators beside the normal scores of the column's other values, 0 in the codes' rows.
 *
 * After normal scores a code is a block of tied rows just below (or above) the column's real values,
 * so a critic must learn a jump at the edge of the bulk to tell "missing" from "small": with each cell
 * of a 3 + 3 Gaussian pair set (ρ = 0.8) missing on its own in 10 % of cells, the networks found
 * 0.71–0.90 nats of 1.24, and 0.68–0.94 of 2.03 with 30 % of the cells of a 5 + 5 set
 * (`bench/accuracy/unseen32/`). The map x ↦ (1[x = a] for each code a, s(x), or 0 where x is a code),
 * s the normal scores of the other values, keeps the MI exactly: it is injective (the indicators say
 * which rows hold which code, and s is increasing on the others), and MI is unchanged under injective
 * maps of a side.
 *
 * Why 0 and not independent draws of the other scores (which keep the MI as well, the draws being noise
 * independent of everything): a drawn value in the code's rows is noise a critic must learn to ignore
 * there, while 0, the middle of N(0, 1), is where a critic near a function of products of the
 * coordinates is flat. On the 5 + 5 set with 30 % coded cells draws gave MINE 0.88 and 0.96 and SMILE
 * 0.48 and 0.68 (seeds 0, 1; untrusted), 0 gave 1.15 and 1.42, and 1.16 and 1.28 (trusted, right).
 *
 * Which columns (on the training rows; `detachedAtoms`): up to MAX_CODES of the column's smallest or
 * largest values (either end or both), each repeated on at least MIN_ATOM_SHARE of the rows and
 * MIN_ATOM_ROWS rows, such that the values between them (the bulk) take at least 3 values and each
 * end's codes lie farther from the bulk than its whole range (the gap from the nearest code to the
 * bulk is larger than the bulk's largest minus its smallest value); where several choices pass, the one
 * with the most codes. The gap rule is what makes them codes rather than part of the data: zero-inflated
 * counts (0 beside 1, 2, 3, …: a gap of 1 for a range of at least 1), a floor or a censoring limit (at
 * the edge of the bulk, a gap near 0), rounded data (a gap of one step) and labels (a gap of one label)
 * all fail it, and a zero among Gaussian values is no extreme; a column whose bulk has a far outlier of
 * its own, or a code on fewer rows than the thresholds beyond the bulk, is left as it is. A few-valued
 * column (label-columns.ts) is not split: its indicators already show the codes. Held-out values other
 * than the codes take the bulk's map, continued beyond it (standardise.ts).
 */
export const MIN_ATOM_SHARE = 0.02;
export const MIN_ATOM_ROWS = 20;
export const MAX_CODES = 3;

/** Per column, the codes (sorted), or undefined for a column left as it is. */
export type ColumnAtoms = (readonly number[] | undefined)[];

/** The codes of each column of m on `rows` (see above), or undefined. */
export function detachedAtoms(m: Matrix64, rows: readonly number[]): ColumnAtoms {
  return Array.from({ length: m.cols }, (_, c) => detachedAtomOf(Float64Array.from(rows, (i) => m.values[i * m.cols + c])));
}

/** The codes of a column's values (see above), or undefined. */
export function detachedAtomOf(values: ArrayLike<number>): readonly number[] | undefined {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const levels: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
    else {
      levels.push(sorted[i]);
      counts.push(1);
    }
  }
  const k = levels.length;
  const many = (j: number) => counts[j] >= MIN_ATOM_ROWS && counts[j] >= MIN_ATOM_SHARE * n;
  // b − a as halves, so that values near ±10³⁰⁸ do not overflow
  const span = (a: number, b: number) => b / 2 - a / 2;
  let best: number[] | undefined;
  for (let low = 0; low <= MAX_CODES; low++) {
    for (let high = 0; low + high <= MAX_CODES; high++) {
      if (low + high === 0 || k - low - high < 3 || low + high <= (best?.length ?? 0)) continue;
      const codes = [...levels.slice(0, low), ...levels.slice(k - high)];
      if (![...Array(low).keys(), ...Array.from({ length: high }, (_, j) => k - 1 - j)].every(many)) continue;
      const [first, last] = [levels[low], levels[k - high - 1]];
      const range = span(first, last);
      if ((low === 0 || span(levels[low - 1], first) > range) && (high === 0 || span(last, levels[k - high]) > range)) best = codes;
    }
  }
  return best;
}

/** Whether some column is split. */
export function hasAtoms(atoms: ColumnAtoms | undefined): boolean {
  return atoms !== undefined && atoms.some((a) => a !== undefined);
}

/** The rows with, after their own columns, the indicator of each split column's codes (`flags`: per row and column, 1 + the code's index, 0 for none). */
export function withAtomIndicators(rows: readonly (readonly number[])[], flags: readonly (readonly number[])[] | undefined, atoms: ColumnAtoms | undefined): number[][] {
  if (flags === undefined || !hasAtoms(atoms)) return rows as number[][];
  const indicators = atoms!.flatMap((codes, c) => (codes === undefined ? [] : codes.map((_, k) => [c, k + 1])));
  return rows.map((row, i) => [...row, ...indicators.map(([c, flag]) => (flags[i][c] === flag ? 1 : 0))]);
}
