/** Option checks shared by the library; each error names the argument and what to pass instead. */

export function fail(message: string): never {
  throw new Error(`neural-mi: ${message}`);
}

export function checkInteger(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    fail(`${what} must be an integer, got ${describeValue(value)}.`);
  }
  return value;
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
  if (typeof value !== "number" || !Number.isFinite(value)) fail(`${what} must be a finite number, got ${describeValue(value)}.`);
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

/** The options without those set to undefined, which mean their defaults. */
export function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Rejects option names that are not known, which are usually typos. */
export function checkKnownOptions(options: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const hint = known.find((k) => k.toLowerCase().startsWith(key.toLowerCase().slice(0, 3)));
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
  return value;
}

export function describeValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}
