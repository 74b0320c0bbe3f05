/** A matrix as a row-major float32 array with `cols` columns. */
export interface RowSource {
  readonly data: Float32Array;
  readonly cols: number;
}

/** Columns taken from `source`, row `index[k]` for output row k (row k itself without index). */
export interface RowPart {
  readonly source: RowSource;
  readonly index?: ArrayLike<number>;
}

/** Row-major float32 copy of number[][] rows. */
export function rowSource(rows: readonly (readonly number[])[]): RowSource {
  const cols = rows.length > 0 ? rows[0].length : 0;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((row, i) => data.set(row, i * cols));
  return { data, cols };
}

/**
 * Writes `count` rows into `target` (rows of `width` floats) from row `startRow` on:
 * output row k is the concatenation, part by part, of each part's selected row.
 */
export function gatherRows(target: Float32Array, width: number, startRow: number, count: number, parts: readonly RowPart[]): void {
  let column = 0;
  for (const { source, index } of parts) {
    const { data, cols } = source;
    for (let k = 0; k < count; k++) {
      const from = (index === undefined ? k : index[k]) * cols;
      const to = (startRow + k) * width + column;
      for (let c = 0; c < cols; c++) target[to + c] = data[from + c];
    }
    column += cols;
  }
  if (column !== width) {
    throw new Error(`neural-mi: gatherRows: the parts have ${column} columns in all but the rows have ${width}.`);
  }
}
