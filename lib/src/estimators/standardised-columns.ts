import type { Matrix64 } from "../data/matrix";

/** A matrix's columns centred and scaled on some of its rows, every row mapped; a column constant (or non-finite) there is all zeros. */
export interface StandardisedColumns {
  values: Float64Array;
  cols: number;
  /** How many columns vary on the fitting rows (the others are zeros). */
  varying: number;
}

/** The columns of `m` centred on the mean and scaled by the standard deviation of the rows `fit`. */
export function standardisedColumnsOn(m: Matrix64, fit: readonly number[]): StandardisedColumns {
  const { rows, cols } = m;
  const values = new Float64Array(rows * cols);
  let varying = 0;
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (const i of fit) mean += m.values[i * cols + c];
    mean /= fit.length;
    let sum = 0;
    for (const i of fit) sum += (m.values[i * cols + c] - mean) ** 2;
    const sd = Math.sqrt(sum / fit.length);
    if (!(sd > 0) || !Number.isFinite(sd)) continue;
    varying += 1;
    for (let i = 0; i < rows; i++) values[i * cols + c] = (m.values[i * cols + c] - mean) / sd;
  }
  return { values, cols, varying };
}
