import * as tf from "@tensorflow/tfjs-core";
import { requireBackend } from "../backend";
import { checkDrawCount, Rng } from "../random/rng";
import { checkKnownOptions, checkNonNegativeInteger, checkOptionsObject, describeValue, fail } from "../data/checks";

export interface ResampleOptions {
  replace?: boolean;
  /** The generator to draw indices from; defaults to the library's shared generator (seed 0). */
  rng?: Rng;
}

const sharedRng = new Rng(0);

/**
 * `size` rows of `data` drawn uniformly at random, without replacement by default (then
 * size ≤ rows). Arrays give arrays (rows copied), tensors give tensors.
 */
export function resample<T>(data: T[], size: number, options?: ResampleOptions): T[];
export function resample(data: tf.Tensor2D, size: number, options?: ResampleOptions): tf.Tensor2D;
export function resample<T>(data: T[] | tf.Tensor2D, size: number, options: ResampleOptions = {}): T[] | tf.Tensor2D {
  const given = checkOptionsObject(options, "resample(data, size, options)");
  // a misspelt name ({ replacement: true }) used to be dropped, and rows drawn without replacement
  checkKnownOptions(given, ["replace", "rng"], "resample(data, size, options)");
  const { replace = false, rng = sharedRng } = given;
  if (typeof replace !== "boolean") fail(`resample(data, size, { replace }) must be true or false, got ${describeValue(replace)}.`);
  if (!(rng instanceof Rng)) fail("resample(data, size, { rng }) must be an Rng, e.g. new Rng(0).");
  checkNonNegativeInteger(size, "resample(data, size): size");
  checkDrawCount(size, "resample(data, size)");
  const rows = rowCount(data);
  if (rows === 0) fail("resample(data, size): data is empty; give at least one row.");
  if (!replace && size > rows) {
    fail(
      `resample(data, size): size = ${size} is larger than the data's ${rows} rows; without replacement ` +
        "size must be ≤ the number of rows — use a smaller size or pass { replace: true }.",
    );
  }
  const indices = rng.choice(rows, size, { replace });
  if (Array.isArray(data)) return indices.map((i) => copyRow(data[i]));
  requireBackend();
  return tf.tidy(() => tf.gather(data, tf.tensor1d(indices, "int32")));
}

function rowCount(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  if (data instanceof tf.Tensor) {
    if (data.isDisposed) fail("resample(data, size): data is a disposed tensor; pass a live tensor or an array.");
    if (data.rank !== 2) fail(`resample(data, size): a tensor must be 2-D (rows × columns), got shape [${data.shape.join(", ")}].`);
    return data.shape[0];
  }
  return fail("resample(data, size): data must be an array of rows or a 2-D tensor.");
}

function copyRow<T>(row: T): T {
  return (Array.isArray(row) ? row.slice() : row) as T;
}
