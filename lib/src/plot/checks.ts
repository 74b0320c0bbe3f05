/**
 * Input checks shared by the figure builders. Each error names the function, the argument
 * and what to pass instead.
 */

import { suggestName } from "../data/checks";

/** Anything that can hand over its values as nested arrays, such as a tf.Tensor. */
export interface ArraySyncable {
  arraySync(): unknown;
}

export type Rows = number[][] | ArraySyncable;
export type Values = ArrayLike<number> | ArraySyncable;

function fail(fn: string, message: string): never {
  throw new Error(`neural-mi ${fn}: ${message}`);
}

function unwrap(value: unknown): unknown {
  if (value !== null && typeof value === "object" && typeof (value as ArraySyncable).arraySync === "function") {
    return (value as ArraySyncable).arraySync();
  }
  return value;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

function checkFinite(fn: string, arg: string, value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(fn, `${arg}${where} is ${String(value)}; every value must be a finite number (remove NaN/Infinity first)`);
  }
  return value;
}

/** Samples as rows of equal length (at least `minColumns`), all finite. */
export function toRows(value: unknown, fn: string, arg: string, minColumns = 1): number[][] {
  const rows = unwrap(value);
  if (!Array.isArray(rows)) {
    fail(fn, `${arg} must be an array of rows (number[][]) or a 2-D tensor, got ${describeType(rows)}`);
  }
  if (rows.length === 0) fail(fn, `${arg} is empty; pass at least one sample`);
  const width = isArrayLike(rows[0]) ? rows[0].length : -1;
  if (width < minColumns) {
    fail(fn, `${arg} must have rows of at least ${minColumns} column(s), got ${width < 0 ? describeType(rows[0]) : width}`);
  }
  return rows.map((row: unknown, i: number) => {
    if (!isArrayLike(row) || row.length !== width) {
      fail(fn, `${arg}[${i}] has ${isArrayLike(row) ? row.length : describeType(row)} values, expected ${width} like the first row`);
    }
    return Array.from(row, (v, j) => checkFinite(fn, arg, v, `[${i}][${j}]`));
  });
}

/** A sequence of finite numbers; a column tensor [n, 1] is flattened. */
export function toValues(value: unknown, fn: string, arg: string): number[] {
  const raw = unwrap(value);
  if (!isArrayLike(raw)) fail(fn, `${arg} must be an array of numbers or a tensor, got ${describeType(raw)}`);
  if (raw.length === 0) fail(fn, `${arg} is empty; pass at least one value`);
  return Array.from(raw, (v, i) => {
    if (isArrayLike(v)) {
      if (v.length !== 1) fail(fn, `${arg}[${i}] has ${v.length} values; pass a 1-D array or a column [n, 1]`);
      return checkFinite(fn, arg, v[0], `[${i}][0]`);
    }
    return checkFinite(fn, arg, v, `[${i}]`);
  });
}

export function checkRange(value: unknown, fn: string, arg: string): [number, number] {
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((v) => typeof v === "number" && Number.isFinite(v)) ||
    !(value[0] < value[1])
  ) {
    fail(fn, `${arg} must be [low, high] with finite low < high, got ${JSON.stringify(value)}`);
  }
  return [value[0], value[1]];
}

export function checkInteger(value: unknown, fn: string, arg: string, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    fail(fn, `${arg} must be an integer ≥ ${min}, got ${shown(value)}`);
  }
  return value;
}

/** The most points a density curve is drawn with, and the most a grid has along each axis. */
export const MAX_CURVE_POINTS = 100_000;
export const MAX_GRID_POINTS = 1000;

/**
 * A count of points to compute and draw, from `min` to `max`: kdeCurve's `points: 1e9` and
 * kdeGrid's `points: 1e5` ran the process out of memory (a fatal abort, not an error).
 */
export function checkPointCount(value: unknown, fn: string, arg: string, min: number, max: number): number {
  const count = checkInteger(value, fn, arg, min);
  if (count > max) fail(fn, `${arg} must be at most ${max} (finer than a figure shows; memory would run out), got ${count}`);
  return count;
}

export function checkPositive(value: unknown, fn: string, arg: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    fail(fn, `${arg} must be a positive number, got ${shown(value)}`);
  }
  return value;
}

export function checkFraction(value: unknown, fn: string, arg: string): number {
  if (typeof value !== "number" || !(value > 0 && value <= 1)) {
    fail(fn, `${arg} must be a number in (0, 1], got ${shown(value)}`);
  }
  return value;
}

/**
 * A value as an error quotes it: a string in quotes, so that "0.5" given for 0.5 does not read
 * as the very number asked for ("must be a finite number, got 0.5").
 */
export function shown(value: unknown): string {
  return typeof value === "string" ? `${JSON.stringify(value)} (a string: give the number itself)` : String(value);
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/** The options every figure builder takes (`FigureOptions`). */
export const FIGURE_OPTION_NAMES = ["title", "width", "height"] as const;

/**
 * Refuses options that are not an object, and option names the builder does not know, with the
 * name most likely meant: a misspelt one (`titel`, `xrange`) used to be dropped, and the figure
 * drawn with the default in its place (heatmap's range, [-5, 5]², for the range asked for).
 */
export function checkOptionNames(options: unknown, fn: string, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    fail(fn, `options must be an object such as { title: "..." }, got ${describeType(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = suggestName(key, known);
    fail(fn, `unknown option "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}; known options: ${known.join(", ")}`);
  }
}

export { fail };
