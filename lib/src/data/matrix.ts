import * as tf from "@tensorflow/tfjs-core";
import { fail } from "./checks";

/**
 * Samples as accepted by the library: one row per sample. A 1-D input (an array, a
 * Float32Array or Float64Array, a 1-D tensor) is one column; rows may be typed arrays too.
 */
export type Samples = number[][] | number[] | NumericTypedArray | ArrayLike<number>[] | tf.Tensor1D | tf.Tensor2D;

/** Typed arrays of numbers (counts in an Int32Array, labels in a Uint8Array, measurements in a Float32Array): each is one column, or one row of number[][]. */
export type NumericTypedArray =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** Whether `value` is a typed array of numbers (not a DataView, not a BigInt64Array, whose values are bigints). */
export function isNumericTypedArray(value: unknown): value is NumericTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
}

const isNumberArray = (value: unknown): value is ArrayLike<unknown> => Array.isArray(value) || isNumericTypedArray(value);

/** A checked, row-major float matrix. */
export interface Matrix {
  readonly values: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** The same in float64: the samples exactly as given (estimators standardise before rounding to float32). */
export interface Matrix64 {
  readonly values: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Checks and copies samples: non-empty, rectangular, finite. Errors name the argument
 * and, for bad values, the row and column.
 */
export function toMatrix(data: unknown, name: string): Matrix {
  const { values, rows, cols } = toMatrix64(data, name);
  checkFloat32Range({ values, rows, cols }, name);
  return { values: Float32Array.from(values), rows, cols };
}

const FLOAT32_LARGEST = 3.4028234663852886e38;
const FLOAT32_SMALLEST_NORMAL = 1.1754943508222875e-38;
const TO_UNIT_SCALE =
  "scale each column to a spread near 1 first, (v − mean) / sd (mutual information does not change), or use estimateMI(x, y), which does it itself.";

/**
 * Refuses finite values the float32 copy that networks compute on cannot hold: beyond ±3.4e38 they became
 * ±Infinity (x·1e300 gave MINE "m̄ overflowed" and MI-NEE "the loss became NaN", advising a lower learning
 * rate), and a column all below float32's smallest normal number became 0 or a few coarse steps (x·1e−300
 * trained MINE on a constant column without a word, an estimate of 0 for 0.14 nats).
 */
function checkFloat32Range(m: Matrix64, name: string): void {
  const largest = new Float64Array(m.cols);
  for (let i = 0; i < m.values.length; i++) {
    const size = Math.abs(m.values[i]);
    if (size > FLOAT32_LARGEST) {
      fail(
        `${name}: row ${Math.floor(i / m.cols)}, column ${i % m.cols} holds ${m.values[i]}, beyond float32's range (about ±3.4e38), ` +
          `in which the networks compute (it would be read as ${m.values[i] > 0 ? "" : "-"}Infinity); ${TO_UNIT_SCALE}`,
      );
    }
    const c = i % m.cols;
    if (size > largest[c]) largest[c] = size;
  }
  const tiny = Array.from(largest).findIndex((size) => size > 0 && size < FLOAT32_SMALLEST_NORMAL);
  if (tiny >= 0) {
    fail(
      `${name}: column ${tiny} has values of at most ${largest[tiny].toPrecision(3)} in magnitude, below float32's smallest normal number ` +
        `(about 1.2e-38), in which the networks compute: they would be read as 0, or as a few coarse steps; ${TO_UNIT_SCALE}`,
    );
  }
}

/** As {@link toMatrix}, keeping float64: a large offset with a small spread (5e3 + 1e-6·z) survives. */
export function toMatrix64(data: unknown, name: string): Matrix64 {
  if (data instanceof tf.Tensor) return tensorToMatrix(data, name);
  if (isNumericTypedArray(data)) return columnToMatrix(data, name);
  if (!Array.isArray(data)) {
    const got = data === null ? "null" : typeof data === "object" ? `an object (${Object.prototype.toString.call(data).slice(8, -1)})` : typeof data;
    const bigints = data instanceof BigInt64Array || data instanceof BigUint64Array ? " (convert its values with Number())" : "";
    fail(`${name} must be samples as number[][] (one row per sample), number[], a typed array of numbers (Float32Array, Int32Array, …), or a 1-D or 2-D tensor, got ${got}${bigints}${columnsByName(data)}.`);
  }
  if (data.length === 0) fail(`${name} is empty; give at least one sample (one row per sample).`);
  if (!isNumberArray(data[0])) return columnToMatrix(data, name);
  const rows = data.length;
  const cols = data[0].length;
  if (cols === 0) fail(`${name}[0] is an empty row; each sample needs at least one coordinate.`);
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row: unknown = data[i];
    if (!isNumberArray(row)) fail(`${name}[${i}] is ${describeNonRow(row)}, not a row; give every sample as an array of numbers${mixedRowsHint(row)}.`);
    if (row.length !== cols) {
      fail(`${name} is ragged: row ${i} has ${row.length} values but row 0 has ${cols}; every sample needs the same number of coordinates.`);
    }
    for (let j = 0; j < cols; j++) {
      const value: unknown = row[j];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        if (isNumberArray(value)) fail(`${name}[${i}][${j}] is an array: samples are rows of numbers (number[][]), not deeper; flatten each sample into one row.`);
        throw nonFinite(name, i, j, value, true);
      }
      values[i * cols + j] = value;
    }
  }
  return { values, rows, cols };
}

function columnToMatrix(data: ArrayLike<unknown>, name: string): Matrix64 {
  const values = new Float64Array(data.length);
  if (data.length === 0) fail(`${name} is empty; give at least one sample (one row per sample).`);
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      if (isNumberArray(value)) fail(`${name} mixes numbers and rows (row ${i} is an array); give number[][] or number[].`);
      throw nonFinite(name, i, 0, value, false);
    }
    values[i] = value;
  }
  return { values, rows: data.length, cols: 1 };
}

function tensorToMatrix(tensor: tf.Tensor, name: string): Matrix64 {
  if (tensor.isDisposed) fail(`${name} is a disposed tensor; pass a live tensor or an array.`);
  if (tensor.rank !== 1 && tensor.rank !== 2) {
    fail(`${name} must be a 1-D or 2-D tensor (samples × coordinates), got shape [${tensor.shape.join(", ")}].`);
  }
  // bool tensors (binary labels) read as 0 and 1
  if (tensor.dtype !== "float32" && tensor.dtype !== "int32" && tensor.dtype !== "bool") fail(`${name} must hold numbers, got dtype ${tensor.dtype}.`);
  const shape = tensor.shape as number[];
  const rows = shape[0];
  const cols = tensor.rank === 2 ? shape[1] : 1;
  if (rows === 0 || cols === 0) fail(`${name} is empty (shape [${tensor.shape.join(", ")}]); give at least one sample.`);
  const values = Float64Array.from(tensor.dataSync() as ArrayLike<number>);
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) throw nonFinite(name, Math.floor(k / cols), k % cols, values[k], tensor.rank === 2);
  }
  return { values, rows, cols };
}

/** For an object of named columns ({ a: [...], b: [...] }, a data frame's shape): how to give it as rows. */
/** What stands where a row should be: `typeof` called null an object and a hole undefined. */
function describeNonRow(row: unknown): string {
  if (row === null) return "null (a missing sample: remove it, or impute its values)";
  if (row === undefined) return "missing (a hole in the array, or undefined: remove that sample)";
  if (typeof row === "number") return `the number ${row}`;
  if (typeof row === "string") return `the string ${JSON.stringify(row).slice(0, 40)}`;
  return typeof row === "object" ? `an object (${Object.prototype.toString.call(row).slice(8, -1)})` : typeof row;
}
/** A plain number among rows: one column given partly as [v] and partly as v. */
function mixedRowsHint(row: unknown): string {
  return typeof row === "number" ? " (row 0 is an array: give every sample as [v], or every one as a plain number for one column)" : "";
}
function columnsByName(data: unknown): string {
  if (data === null || typeof data !== "object" || Object.getPrototypeOf(data) !== Object.prototype) return "";
  const keys = Object.keys(data);
  if (keys.length === 0 || !keys.every((k) => isNumberArray((data as Record<string, unknown>)[k]))) return "";
  const shown = keys.slice(0, 3);
  const access = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
  return (
    ` with columns ${keys.map((k) => JSON.stringify(k)).join(", ")}: columns by name are not rows; pass one row per sample, ` +
    `e.g. data${access(shown[0])}.map((_, i) => [${shown.map((k) => `data${access(k)}[i]`).join(", ")}${keys.length > 3 ? ", …" : ""}])`
  );
}

/** What a non-number value is, and how to make it one. */
function describeNonNumber(value: unknown): string {
  if (typeof value === "boolean") return `the boolean ${value} (convert it with Number(): true is 1, false is 0)`;
  if (value instanceof Date) return "a Date (convert it with getTime(), or give the number you mean)";
  if (value instanceof Number) return "a Number object (new Number(v)); give the number itself: Number(v) without new, or v.valueOf()";
  if (value !== null && typeof value === "object" && "dataSync" in value && typeof (value as { dataSync: unknown }).dataSync === "function") {
    return "a tensor; give the samples as numbers: await tensor.array() for a tensor of all of them, or tensor.dataSync()[0] for one value";
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length > 0 && Object.getPrototypeOf(value) === Object.prototype
      ? `an object with keys ${keys.slice(0, 4).map((k) => JSON.stringify(k)).join(", ")}${keys.length > 4 ? ", …" : ""} (a record, not a row: give each sample ` +
          `as an array of numbers, e.g. records.map((r) => [${keys.slice(0, 2).map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `r.${k}` : `r[${JSON.stringify(k)}]`)).join(", ")}]))`
      : `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  }
  return typeof value;
}

function nonFinite(name: string, row: number, col: number, value: unknown, twoD: boolean): Error {
  const where = twoD ? `${name}[${row}][${col}]` : `${name}[${row}]`;
  const shown =
    typeof value === "number" ? String(value)
    : value === undefined ? "missing"
    : typeof value === "bigint" ? `the bigint ${value}n (convert it with Number())`
    : typeof value === "string" ? `the string ${JSON.stringify(value)} (convert it with Number())`
    : value === null ? "null"
    : describeNonNumber(value);
  return new Error(
    `neural-mi: ${where} (row ${row}, column ${col}) is ${shown}; all values must be finite numbers` +
      (typeof value === "number" || value === undefined || value === null ? " — remove or impute that sample." : "."),
  );
}

export function checkSameRows(a: { rows: number; cols?: number }, aName: string, b: { rows: number; cols?: number }, bName: string): void {
  if (a.rows !== b.rows) {
    // a matrix given as coordinates × samples has the other's sample count as its column count
    const looksTransposed = (m: typeof a, other: typeof b) => m.cols === other.rows && m.rows < m.cols;
    const transposed = looksTransposed(a, b) ? aName : looksTransposed(b, a) ? bName : undefined;
    // a flat array (one column) holding k coordinates per sample has k times the other's count
    const flattened = (m: typeof a, other: typeof b) => m.cols === 1 && other.rows > 0 && m.rows % other.rows === 0 && m.rows > other.rows;
    const flat = flattened(a, b) ? { name: aName, m: a, other: b } : flattened(b, a) ? { name: bName, m: b, other: a } : undefined;
    const hint =
      transposed !== undefined
        ? ` ${transposed} has ${transposed === aName ? a.cols : b.cols} columns, as many as the other has samples: it looks transposed (coordinates × samples); pass it with one row per sample.`
        : flat !== undefined
          ? ` ${flat.name} is one column of ${flat.m.rows} values, ${flat.m.rows / flat.other.rows} × ${flat.other.rows}: a flat array (number[] or a typed array) is one column; ` +
            `if it holds ${flat.m.rows / flat.other.rows} coordinates per sample, pass rows (number[][]) or a 2-D tensor of shape [${flat.other.rows}, ${flat.m.rows / flat.other.rows}].`
          : "";
    fail(`${aName} has ${a.rows} samples but ${bName} has ${b.rows}; they must be paired, one row per sample in both.${hint}`);
  }
}

/**
 * Refuses samples with fewer rows than columns: no estimator here can estimate MI from fewer
 * samples than coordinates, and the usual cause is data given transposed (coordinates ×
 * samples, as in column-major or R/NumPy habits), which then looks like a handful of samples.
 */
export function checkMoreSamplesThanCoordinates(m: { rows: number; cols: number }, name: string): void {
  if (m.rows < m.cols) {
    fail(
      `${name} has ${m.rows} rows (samples) of ${m.cols} columns (coordinates): fewer samples than coordinates, so no estimate can be made. ` +
        `If each of its ${m.cols} columns is a sample, it is transposed: pass one row per sample (for number[][], rows[0].map((_, j) => rows.map((r) => r[j]))).`,
    );
  }
}

export function matrixToTensor(m: Matrix): tf.Tensor2D {
  return tf.tensor2d(m.values, [m.rows, m.cols], "float32");
}

export function matrixRows(m: Matrix, indices?: readonly number[]): number[][] {
  const pick = indices ?? Array.from({ length: m.rows }, (_, i) => i);
  return pick.map((i) => Array.from(m.values.subarray(i * m.cols, (i + 1) * m.cols)));
}

/** Rows `indices` of m as a new matrix. */
export function selectRows(m: Matrix, indices: readonly number[]): Matrix {
  const values = new Float32Array(indices.length * m.cols);
  indices.forEach((i, k) => values.set(m.values.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols));
  return { values, rows: indices.length, cols: m.cols };
}

/** Rows `indices` of a double-precision matrix as a new one (the estimators' subsets and halves). */
export function selectRows64(m: Matrix64, indices: readonly number[]): Matrix64 {
  const values = new Float64Array(indices.length * m.cols);
  indices.forEach((i, k) => values.set(m.values.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols));
  return { values, rows: indices.length, cols: m.cols };
}

/** Columns `columns` of a double-precision matrix as a new one. */
export function selectColumns64(m: Matrix64, columns: readonly number[]): Matrix64 {
  const values = new Float64Array(m.rows * columns.length);
  for (let i = 0; i < m.rows; i++) columns.forEach((c, k) => (values[i * columns.length + k] = m.values[i * m.cols + c]));
  return { values, rows: m.rows, cols: columns.length };
}

/** Per-column minimum and maximum. */
/** Column c of m as its own array. */
export function columnOf64(m: Matrix64, c: number): Float64Array {
  const column = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) column[i] = m.values[i * m.cols + c];
  return column;
}

export function columnRanges(m: Matrix): { min: number[]; max: number[] } {
  const min = new Array<number>(m.cols).fill(Infinity);
  const max = new Array<number>(m.cols).fill(-Infinity);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.values[i * m.cols + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  return { min, max };
}
