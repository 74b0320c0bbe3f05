import { checkFinite, checkKnownOptions, checkOptionsObject, describeValue, fail } from "../data/checks";
import { normalCdf } from "./special-functions";
import type { Task } from "./task";

/** An invertible map of one sample vector (X or Y) to another of the same length. */
export type VectorMap = (vector: number[]) => number[];

const elementwise = (f: (value: number) => number): VectorMap => (vector) => vector.map(f);

/** x ↦ sign(x)·|x|^{3/2}, applied to each coordinate: heavier tails, flatter centre. */
export const halfCube: VectorMap = elementwise((value) => value * Math.sqrt(Math.abs(value)));
/** x ↦ asinh(x) = log(x + sqrt(x² + 1)), applied to each coordinate: tames heavy tails. */
export const asinh: VectorMap = elementwise(Math.asinh);
/** x ↦ Φ(x), the standard normal distribution function, on each coordinate: values in [0, 1]. */
export const normalCdfMap: VectorMap = elementwise(normalCdf);
/** x ↦ x³ on each coordinate. */
export const cube: VectorMap = elementwise((value) => value * value * value);

/**
 * The spiral: x ↦ R(speed·‖x‖²)·x, R(θ) the rotation by θ in the plane of coordinates
 * `plane` (default the first two; bmi turns Y in the plane (1, 2)). It keeps ‖x‖, so rotating
 * back by the same angle inverts it. Needs coordinates up to the plane's larger index.
 */
export function spiral(speed: number, plane: readonly [number, number] = [0, 1]): VectorMap {
  // NaN or ±Infinity turned every sample into NaN without a word
  checkFinite(speed, "spiral(speed): speed");
  const [i, j] = plane;
  if (!(Number.isInteger(i) && Number.isInteger(j) && 0 <= i && i < j)) fail(`spiral: plane must be two coordinate indices i < j, got [${i}, ${j}].`);
  return (vector) => {
    if (vector.length <= j) fail(`spiral needs vectors of at least ${j + 1} coordinates, got ${vector.length} (it turns the plane (${i}, ${j})).`);
    const squaredNorm = vector.reduce((s, v) => s + v * v, 0);
    const angle = speed * squaredNorm;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const out = vector.slice();
    out[i] = cos * vector[i] - sin * vector[j];
    out[j] = sin * vector[i] + cos * vector[j];
    return out;
  };
}

export interface TransformOptions {
  name: string;
  description: string;
  /** Applied to each X; the identity when omitted. */
  x?: VectorMap;
  /** Applied to each Y; the identity when omitted. */
  y?: VectorMap;
}

/**
 * The base task with X replaced by f(X) and Y by g(Y). For invertible f and g the mutual
 * information is unchanged: I(f(X)∧g(Y)) = I(X∧Y).
 */
export function transformedTask(base: Task, options: TransformOptions): Task {
  if (base === null || typeof base !== "object" || typeof base.sample !== "function" || typeof base.mutualInformation !== "function") {
    fail("transformedTask(base, options): base must be a task, such as bivariateGaussian(0.9) or miTask(name).");
  }
  const given = checkOptionsObject(options, "transformedTask(base, options)");
  // a misspelt map (X for x) used to be dropped: the task drew untransformed samples under its new name
  checkKnownOptions(given, ["name", "description", "x", "y"], "transformedTask(base, options)");
  const { name, description, x: mapX = (v: number[]) => v, y: mapY = (v: number[]) => v } = given;
  for (const [key, map] of [["x", mapX], ["y", mapY]] as const) {
    if (typeof map !== "function") fail(`transformedTask(base, { ${key} }) must be a function of one sample's coordinates (number[]) => number[], such as cube.`);
  }
  return {
    name,
    family: "transformed",
    description,
    dimX: base.dimX,
    dimY: base.dimY,
    defaultSampleSize: base.defaultSampleSize,
    mutualInformation: (unit) => base.mutualInformation(unit),
    sample: (n, seed) => {
      const drawn = base.sample(n, seed);
      return { x: mappedRows(drawn.x, mapX, "x", base.dimX), y: mappedRows(drawn.y, mapY, "y", base.dimY) };
    },
  };
}

/**
 * A map's rows, checked: each must be `size` finite numbers, the base task's dimension, which the task
 * keeps (`dimX`, `dimY`). A map that gave NaN (`() => [NaN]`), a string or another length made samples an
 * estimator refused later, or (other lengths) samples of another dimension than the task declares.
 */
function mappedRows(rows: number[][], map: VectorMap, key: "x" | "y", size: number): number[][] {
  return rows.map((row, i) => {
    const given: unknown = map(row);
    const what = `transformedTask(base, { ${key} }): the map's value at sample ${i}`;
    const mapped = ArrayBuffer.isView(given) && !(given instanceof DataView) ? Array.from(given as unknown as ArrayLike<number>) : given;
    if (!Array.isArray(mapped) || mapped.length !== size) {
      fail(
        `${what} is ${describeValue(mapped)}; it must be an array of ${size} numbers, one per coordinate of ${key} (the base task's ` +
          `${key === "x" ? "dimX" : "dimY"}): an invertible map keeps the dimension.`,
      );
    }
    for (const [k, v] of (mapped as unknown[]).entries()) {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        fail(`${what}, coordinate ${k}, is ${describeValue(v)} (from ${JSON.stringify(row)}); a map must give finite numbers for every sample: a map that overflows or is undefined there does not keep the information.`);
      }
    }
    return mapped as number[];
  });
}
