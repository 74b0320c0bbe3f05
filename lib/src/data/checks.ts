/** Option checks shared by the library; each error names the argument and what to pass instead. */

export function fail(message: string): never {
  throw new Error(`neural-mi: ${message}`);
}

export function checkInteger(value: unknown, what: string): number {
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    fail(`${what} must be an integer of at most 2^53 − 1 in size (larger ones are not exact in JavaScript), got ${describeValue(value)}.`);
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    fail(`${what} must be an integer, got ${describeValue(value)}.${numberInString(value)}`);
  }
  return value;
}

/** For a number written as a string (a value read from a form or a file): the fix, naming the number. */
function numberInString(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "" || !Number.isFinite(Number(value))) return "";
  return ` A string is not read as a number: give ${Number(value)} itself, not ${JSON.stringify(value)}.`;
}

export function checkNonNegativeInteger(value: unknown, what: string): number {
  const n = checkInteger(value, what);
  if (n < 0) fail(`${what} must be ≥ 0, got ${n}.`);
  return n;
}

export function checkPositiveInteger(value: unknown, what: string): number {
  const n = checkInteger(value, what);
  if (n < 1) fail(`${what} must be a positive integer, got ${n}.`);
  return n;
}

export function checkFinite(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(`${what} must be a finite number, got ${describeValue(value)}.${numberInString(value)}`);
  return value;
}

export function checkPositive(value: unknown, what: string): number {
  const x = checkFinite(value, what);
  if (x <= 0) fail(`${what} must be > 0, got ${x}.`);
  return x;
}

/** lo ≤ value ≤ hi, or with open ends when `open` says so. */
export function checkInRange(
  value: unknown,
  what: string,
  lo: number,
  hi: number,
  open: { lo?: boolean; hi?: boolean } = {},
): number {
  const x = checkFinite(value, what);
  const belowLo = open.lo ? x <= lo : x < lo;
  const aboveHi = open.hi ? x >= hi : x > hi;
  if (belowLo || aboveHi) {
    fail(`${what} must be in ${open.lo ? "(" : "["}${lo}, ${hi}${open.hi ? ")" : "]"}, got ${x}.`);
  }
  return x;
}

export function checkOneOf<T extends string>(value: unknown, what: string, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(`${what} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeValue(value)}.`);
}

/**
 * An options object's fields as a plain object of its own: those it inherits (Object.create(defaults),
 * a class instance's getters) read as its own fields, the nearer one winning. Spreads and
 * Object.entries see only own enumerable fields, and so used to run with the defaults in their place.
 * Object.prototype's members and `constructor` are not options.
 */
export function optionFields<T extends object>(options: T): T {
  const fields: Record<string, unknown> = {};
  for (let level: object | null = options; level !== null && level !== Object.prototype; level = Object.getPrototypeOf(level)) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (name !== "constructor" && !(name in fields)) fields[name] = (options as Record<string, unknown>)[name];
    }
  }
  return fields as T;
}

/** The options (own and inherited fields) without those set to undefined, which mean their defaults. */
export function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(optionFields(options)).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A name without case, underscores, hyphens or spaces: `learning_rate`, `LearningRate` and `learningRate` are one name. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Names other libraries give the options of this one (scikit-learn's `n_neighbors` and
 * `random_state`, PyTorch's `lr`, Keras's `validation_split`, KSG's usual `k`), by normalised
 * name: a practitioner's first guess, which a prefix or an edit distance does not reach.
 */
const OPTION_ALIASES: Readonly<Record<string, string>> = {
  k: "neighbors", nneighbors: "neighbors", neighbours: "neighbors", nneighbours: "neighbors", knn: "neighbors",
  lr: "learningRate", learnrate: "learningRate", stepsize: "learningRate",
  randomstate: "seed", randomseed: "seed", rng: "seed",
  iterations: "steps", iters: "steps", maxiter: "steps", maxiters: "steps", maxsteps: "steps", nsteps: "steps", niter: "steps",
  nepochs: "epochs", numepochs: "epochs",
  units: "unit", base: "unit",
  testsize: "holdout", validationsplit: "holdout", validation: "holdout", heldout: "holdout",
  hidden: "hiddenSize", hiddenunits: "hiddenSize", width: "hiddenSize",
  batch: "batchSize", minibatch: "batchSize", minibatchsize: "batchSize",
  estimator: "method", methods: "method", algorithm: "method",
};

/** Levenshtein distance of two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length];
}

/**
 * The known name that `given` most likely meant, or undefined: the same name up to case,
 * underscores and hyphens (`learning_rate`), another library's name for it (`n_neighbors`,
 * `lr`, `random_state`), a close spelling (one edit in names of up to 5 letters, two beyond:
 * `neighors`, `epoch`), or a name sharing its first three letters.
 */
export function suggestName(given: string, known: readonly string[]): string | undefined {
  const key = normaliseName(given);
  const same = known.find((k) => normaliseName(k) === key);
  if (same !== undefined) return same;
  const alias = Object.prototype.hasOwnProperty.call(OPTION_ALIASES, key) ? OPTION_ALIASES[key] : undefined;
  if (alias !== undefined && known.includes(alias)) return alias;
  const allowed = key.length <= 5 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const distance = editDistance(key, normaliseName(k));
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name: k, distance };
  }
  if (best !== undefined) return best.name;
  return key.length >= 3 ? known.find((k) => normaliseName(k).startsWith(key.slice(0, 3))) : undefined;
}

/** Rejects option names that are not known, which are usually typos. */
export function checkKnownOptions(options: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const hint = suggestName(key, known);
      fail(
        `${what} got an unknown option "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}; ` +
          `known options: ${known.join(", ")}.`,
      );
    }
  }
}

export function checkOptionsObject<T extends object>(value: T | undefined, what: string): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(`${what} must be an options object such as {}, got ${describeValue(value)}.`);
  }
  // a Map's entries are not properties: new Map([["method", "ksg"]]) was read as {} and ran MINE with defaults
  if (value instanceof Map) fail(`${what} must be an options object such as {}, got a Map; pass Object.fromEntries(map).`);
  return optionFields(value);
}

export function describeValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/**
 * A true/false option. The string "false" is truthy and used to be shown as `got false`, the very
 * value asked for; strings are now quoted, with a note to pass the value itself.
 */
export function checkBoolean(value: unknown, what: string): boolean {
  if (typeof value === "boolean") return value;
  const hint = typeof value === "string" ? " (a string: pass true or false without quotes)" : "";
  return fail(`${what} must be true or false, got ${describeValue(value)}${hint}.`);
}
