import { fail } from "../data/checks";
import type { Matrix } from "../data/matrix";

/**
 * Each column shifted and scaled to mean 0 and standard deviation 1, with the mean and
 * deviation taken from the rows `fitRows` (the training part, so that nothing of the
 * held-out part leaks into training). Mutual information does not change under
 * per-coordinate affine maps, and networks initialised for inputs of order one train on it.
 */
export function standardiseColumns(m: Matrix, fitRows: readonly number[], name: string): Matrix {
  const { rows, cols } = m;
  const values = new Float32Array(m.values.length);
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    for (const i of fitRows) sum += m.values[i * cols + c];
    const mean = sum / fitRows.length;
    let squares = 0;
    for (const i of fitRows) squares += (m.values[i * cols + c] - mean) ** 2;
    const sd = Math.sqrt(squares / Math.max(1, fitRows.length - 1));
    if (!(sd > 0)) {
      fail(`${name}: column ${c} is constant on the training samples, so it carries no information; drop that column.`);
    }
    for (let i = 0; i < rows; i++) values[i * cols + c] = (m.values[i * cols + c] - mean) / sd;
  }
  return { values, rows, cols };
}
