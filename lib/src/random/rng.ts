import { choleskyLower } from "./cholesky";
import { checkBoolean, checkInteger, checkKnownOptions, checkNonNegativeInteger, checkOptionsObject } from "../data/checks";

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
/** partialShuffle keeps a map, not an array of n, when fewer than n / this are drawn. */
const SPARSE_SHUFFLE_RATIO = 8;

/** The most numbers one call draws: 2^26, 512 MB as a JavaScript array (normals(1e9) ran the process out of memory). */
export const MAX_DRAWS = 2 ** 26;

/** A count of draws, refused beyond MAX_DRAWS (a fatal abort, not an error, when memory ran out). */
export function checkDrawCount(count: number, what: string): void {
  if (count > MAX_DRAWS) {
    throw new Error(`neural-mi: ${what} asks for ${count} numbers in one call, more than the ${MAX_DRAWS} this library draws at once (memory would run out); draw in parts.`);
  }
}

/**
 * A seeded pseudo-random generator, identical on every run and platform.
 *
 * Bits come from xoshiro128** (Blackman & Vigna, 2018), whose 128-bit state is filled
 * with four outputs of splitmix32 started at the seed. Uniform floats use 53 bits
 * (two 32-bit outputs); normals use the Box–Muller transform, and the second normal of
 * each pair is kept for the next call.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined;

  /** @param seed any safe integer (negative ones included). */
  constructor(seed: number) {
    checkInteger(seed, "Rng(seed)");
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_POW_32) >>> 0;
    let state = (low ^ Math.imul(high ^ (high >>> 16), 0x45d9f3b)) >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      return mix32(state);
    };
    this.setState([next(), next(), next(), next()]);
  }

  /** A generator started from a raw xoshiro128** state (four 32-bit words, not all zero). */
  static fromState(words: readonly number[]): Rng {
    const rng = new Rng(0);
    rng.setState(words);
    return rng;
  }

  private setState(words: readonly number[]): void {
    if (!Array.isArray(words) || words.length !== 4 || words.some((w) => !Number.isInteger(w) || w < 0 || w >= TWO_POW_32)) {
      throw new Error("neural-mi: Rng state must be four integers in [0, 2^32).");
    }
    if (!words.some((w) => w !== 0)) throw new Error("neural-mi: Rng state must not be all zero.");
    [this.s0, this.s1, this.s2, this.s3] = words.map((w) => w | 0);
    this.spareNormal = undefined;
  }

  /** The next 32 random bits as an integer in [0, 2^32). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /** A standard normal (Box–Muller; the pair's second value is returned by the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    const u1 = 1 - this.uniform(); // in (0, 1], so the logarithm is finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  uniforms(n: number): number[] {
    checkNonNegativeInteger(n, "uniforms(n)");
    checkDrawCount(n, "uniforms(n)");
    return Array.from({ length: n }, () => this.uniform());
  }

  normals(n: number): number[] {
    checkNonNegativeInteger(n, "normals(n)");
    checkDrawCount(n, "normals(n)");
    return Array.from({ length: n }, () => this.normal());
  }

  /**
   * n draws of N(mean, cov) as rows, via the Cholesky factor L of cov: mean + L·z.
   * cov must be symmetric and positive semi-definite.
   */
  multivariateNormal(mean: readonly number[], cov: readonly (readonly number[])[], n: number): number[][] {
    checkNonNegativeInteger(n, "multivariateNormal(mean, cov, n)");
    if (!Array.isArray(mean) || mean.length === 0 || mean.some((m) => !Number.isFinite(m))) {
      throw new Error("neural-mi: multivariateNormal: mean must be a non-empty array of finite numbers.");
    }
    const d = mean.length;
    checkDrawCount(n * d, "multivariateNormal(mean, cov, n)");
    const lower = choleskyLower(cov, d, "multivariateNormal: cov");
    const rows: number[][] = [];
    const z = new Array<number>(d);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) z[k] = this.normal();
      const row = new Array<number>(d);
      for (let r = 0; r < d; r++) {
        let value = mean[r];
        for (let k = 0; k <= r; k++) value += lower[r][k] * z[k];
        row[r] = value;
      }
      rows.push(row);
    }
    return rows;
  }

  /** A uniform integer in [lo, hi) (hi excluded, as numpy's `integers`); hi − lo ≤ 2^32. */
  integer(lo: number, hi: number): number {
    checkInteger(lo, "integer(lo, hi): lo");
    checkInteger(hi, "integer(lo, hi): hi");
    const range = hi - lo;
    if (range <= 0) throw new Error(`neural-mi: integer(lo, hi) needs lo < hi, got lo = ${lo}, hi = ${hi}.`);
    if (range > TWO_POW_32) throw new Error(`neural-mi: integer(lo, hi) supports hi − lo ≤ 2^32, got ${range}.`);
    return lo + this.below(range);
  }

  /** A uniformly random ordering of 0, …, n − 1 (Fisher–Yates). */
  permutation(n: number): number[] {
    checkNonNegativeInteger(n, "permutation(n)");
    checkDrawCount(n, "permutation(n)");
    return this.partialShuffle(n, n);
  }

  /**
   * `size` indices drawn from 0, …, n − 1. Without replacement (the default) they are
   * distinct, and size ≤ n is required; `choice(n, n)` equals `permutation(n)` from the same state.
   */
  choice(n: number, size: number, options: { replace?: boolean } = {}): number[] {
    // a misspelt name ({ replacement: true }) was dropped, and the draw made without replacement
    const given = checkOptionsObject(options, "choice(n, size, options)");
    checkKnownOptions(given, ["replace"], "choice(n, size, options)");
    const { replace = false } = given;
    checkNonNegativeInteger(n, "choice(n, size): n");
    // beyond 2^32 the rejection sampling of `below` rejected every draw: the call never returned
    if (n > TWO_POW_32) throw new Error(`neural-mi: choice(n, size) draws from at most 2^32 items (as integer(lo, hi) does), got n = ${n}.`);
    checkNonNegativeInteger(size, "choice(n, size): size");
    // { replace: "false" } is truthy and used to draw with replacement
    checkBoolean(replace, "choice(n, size, { replace })");
    checkDrawCount(size, "choice(n, size)");
    if (replace) {
      if (size > 0 && n === 0) throw new Error("neural-mi: choice(n, size) cannot draw from n = 0 items.");
      return Array.from({ length: size }, () => this.below(n));
    }
    if (size > n) {
      throw new Error(
        `neural-mi: choice(n, size) without replacement needs size ≤ n, got size = ${size} > n = ${n}; ` +
          "use a smaller size or pass { replace: true }.",
      );
    }
    return this.partialShuffle(n, size);
  }

  /** A new generator seeded from this one's stream; both continue independently. */
  fork(): Rng {
    const words = [this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32()];
    if (!words.some((w) => w !== 0)) words[0] = 1;
    return Rng.fromState(words);
  }

  /** Unbiased integer in [0, range) by rejection of the incomplete top block. */
  private below(range: number): number {
    if (range === TWO_POW_32) return this.nextUint32();
    const limit = TWO_POW_32 - remainder(TWO_POW_32, range);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return remainder(x, range);
  }

  /**
   * The first `size` entries of a Fisher–Yates shuffle of 0, …, n − 1. When few are drawn from many
   * the swapped places are kept in a map instead of an array of n: the same draws, the same indices.
   */
  private partialShuffle(n: number, size: number): number[] {
    const chosen = new Array<number>(size);
    if (size * SPARSE_SHUFFLE_RATIO < n) {
      const swapped = new Map<number, number>();
      for (let i = 0; i < size; i++) {
        const j = i + this.below(n - i);
        const atJ = swapped.get(j) ?? j;
        swapped.set(j, swapped.get(i) ?? i);
        chosen[i] = atJ;
      }
      return chosen;
    }
    const items = new Int32Array(n);
    for (let i = 0; i < n; i++) items[i] = i;
    for (let i = 0; i < size; i++) {
      const j = i + this.below(n - i);
      // place i is never read again: only its new value is kept
      chosen[i] = items[j];
      items[j] = items[i];
    }
    return chosen;
  }
}

/** x mod m for integers 0 ≤ x ≤ 2^32, 0 < m ≤ 2^32, without the slower floating-point `%` (the quotient is exact at this size). */
function remainder(x: number, m: number): number {
  return x - Math.floor(x / m) * m;
}

/** Accepts a seed or a generator; a seed makes a fresh generator. */
export function toRng(seedOrRng: number | Rng, what: string): Rng {
  if (seedOrRng instanceof Rng) return seedOrRng;
  if (typeof seedOrRng !== "number") {
    throw new Error(`neural-mi: ${what} must be an integer seed or an Rng, got ${typeof seedOrRng}.`);
  }
  checkInteger(seedOrRng, what);
  return new Rng(seedOrRng);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix32's output function (the "lowbias32" integer hash). */
function mix32(x: number): number {
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * A seed for a further generator, `k` (a small positive integer) away from a user's `seed`. Every
 * safe integer is a seed, and `seed + k` past 2^53 − 1 is not one: KSG at seed 2^53 − 1 failed with
 * "Rng(seed) must be an integer of at most 2^53 − 1, got 9007199254740992", a seed nobody gave.
 * Near the top it steps down instead, so the seeds stay distinct from `seed` and from each other.
 */
export function offsetSeed(seed: number, k: number): number {
  return Number.isSafeInteger(seed + k) ? seed + k : seed - k;
}
