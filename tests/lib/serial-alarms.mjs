// The library's check on serially dependent rows (standardise.js) on samples given as arrays of rows.
import { serialDependenceWarning } from "neural-mi/dist/estimators/standardise.js";

const matrix = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

/** The check's warning on the samples x and y, or undefined. */
export const seriesWarning = (x, y) => serialDependenceWarning(matrix(x), matrix(y));

/** In how many of the draws make(0), …, make(draws − 1), each { x, y }, the check calls the rows a series. */
export function seriesAlarms(make, draws) {
  let count = 0;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = make(seed);
    if (seriesWarning(x, y) !== undefined) count += 1;
  }
  return count;
}
