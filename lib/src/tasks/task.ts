import { toRng, type Rng } from "../random/rng";
import { checkNonNegativeInteger, checkOneOf, describeValue, fail } from "../data/checks";

export type InformationUnit = "nats" | "bits";
export const INFORMATION_UNITS: readonly InformationUnit[] = ["nats", "bits"];

/** A distribution of pairs (X, Y) that knows its own mutual information. */
export interface Task {
  readonly name: string;
  /** The kind of distribution, e.g. "gaussian-dense", "student-t", "transformed", "mixture". */
  readonly family: string;
  /** One sentence on how X and Y are drawn. */
  readonly description: string;
  readonly dimX: number;
  readonly dimY: number;
  /** The number of samples the accuracy benchmark draws (one estimator call's data). */
  readonly defaultSampleSize: number;
  /** I(X∧Y), in nats unless asked for bits. */
  mutualInformation(unit?: InformationUnit): number;
  /** n samples as rows of x (n × dimX) and y (n × dimY); a seed makes a fresh generator, an Rng is advanced. */
  sample(n: number, seed: number | Rng): { x: number[][]; y: number[][] };
}

export function natsToBits(nats: number): number {
  // null was read as 0 bits, a string as its number
  if (typeof nats !== "number") fail(`natsToBits(nats) needs a number, got ${describeValue(nats)}.`);
  return nats / Math.LN2;
}

/** Converts a value in nats to `unit`, checking the unit's name. */
export function inUnit(nats: number, unit: unknown = "nats", what = "unit"): number {
  return checkOneOf(unit, what, INFORMATION_UNITS) === "bits" ? natsToBits(nats) : nats;
}

/** The most samples a task's `sample` draws in one call. */
export const MAX_SAMPLE_ROWS = 2 ** 22;

/** A Task's `sample` from a function that draws one pair (x, y) with the generator. */
export function pairSampler(drawPair: (rng: Rng) => [number[], number[]]): Task["sample"] {
  return (n, seed) => {
    checkNonNegativeInteger(n, "sample(n, seed): n");
    // rows are arrays of their own, about 60 bytes each beyond their numbers: sample(1e9) ran out of memory
    if (n > MAX_SAMPLE_ROWS) fail(`sample(n, seed): n = ${n} samples are more than the ${MAX_SAMPLE_ROWS} a task draws at once (memory would run out); draw in parts.`);
    const rng = toRng(seed, "sample(n, seed): seed");
    const x: number[][] = [];
    const y: number[][] = [];
    for (let i = 0; i < n; i++) {
      const [xi, yi] = drawPair(rng);
      x.push(xi);
      y.push(yi);
    }
    return { x, y };
  };
}

/**
 * A Task's `sample` whose rows are those of `base`, each draw stored `copies` times, rows shuffled:
 * ⌈n / copies⌉ draws, a permutation of their copies, the first n rows.
 */
export function copiedRowsSampler(base: Pick<Task, "sample">, copies: number): Task["sample"] {
  return (count, seed) => {
    const rng = toRng(seed, "sample(n, seed): seed");
    const drawn = base.sample(Math.ceil(count / copies), rng);
    const rows = rng.permutation(copies * drawn.x.length).slice(0, count).map((i) => i % drawn.x.length);
    return { x: rows.map((i) => [...drawn.x[i]]), y: rows.map((i) => [...drawn.y[i]]) };
  };
}

/** What a task of a fixed family needs: its truth (computed once, on first use) and its sampler. */
export interface TaskSpec {
  name: string;
  family: string;
  description: string;
  dimX: number;
  dimY: number;
  /** The benchmark's sample size. */
  n: number;
  /** In nats; Infinity for a copy. */
  nats: () => number;
  sample: Task["sample"];
}

/** A Task from its spec, computing the truth (a quadrature, say) once, on first use. */
export function taskFromSpec(spec: TaskSpec): Task {
  let cached: number | undefined;
  return {
    name: spec.name,
    family: spec.family,
    description: spec.description,
    dimX: spec.dimX,
    dimY: spec.dimY,
    defaultSampleSize: spec.n,
    mutualInformation: (unit) => inUnit((cached ??= spec.nats()), unit),
    sample: spec.sample,
  };
}
