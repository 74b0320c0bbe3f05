import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "neural-mi";

// Statistical checks use fixed seeds and allow 4 standard errors, so a correct
// generator fails them with probability below 1e-4 per check, and for a fixed seed never.
const Z = 4;

const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const variance = (a) => {
  const m = mean(a);
  return a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1);
};

// xoshiro128** and splitmix32 written from their definitions with BigInt arithmetic,
// independent of the library's 32-bit integer tricks.
const M32 = (1n << 32n) - 1n;
const rotl = (x, k) => ((x << BigInt(k)) | (x >> BigInt(32 - k))) & M32;
function referenceXoshiro(words) {
  let [s0, s1, s2, s3] = words.map(BigInt);
  return () => {
    const result = (rotl((s1 * 5n) & M32, 7) * 9n) & M32;
    const t = (s1 << 9n) & M32;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return Number(result);
  };
}
function referenceSeedWords(seed) {
  let state = BigInt(seed);
  const words = [];
  for (let i = 0; i < 4; i++) {
    state = (state + 0x9e3779b9n) & M32;
    let z = state;
    z = ((z ^ (z >> 16n)) * 0x21f0aaadn) & M32;
    z = ((z ^ (z >> 15n)) * 0x735a2d97n) & M32;
    words.push(Number(z ^ (z >> 15n)));
  }
  return words;
}

test("xoshiro128** matches published output for known states", () => {
  // State {1, 2, 3, 4}: the first two outputs follow by hand from the definition:
  // rotl(2·5, 7)·9 = 1280·9 = 11520; after one update s1 = 0, so the next is 0.
  const fromOneToFour = Rng.fromState([1, 2, 3, 4]);
  assert.deepEqual(
    Array.from({ length: 6 }, () => fromOneToFour.nextUint32()),
    [11520, 0, 5927040, 70819200, 2031721883, 1637235492],
  );
  // Output of the authors' C implementation (xoshiro128starstar.c) for this state.
  const published = Rng.fromState([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);
  assert.deepEqual(
    Array.from({ length: 4 }, () => published.nextUint32()),
    [0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70],
  );
});

test("Rng(seed) is xoshiro128** seeded with four splitmix32 outputs", () => {
  for (const seed of [0, 1, 42, 2 ** 32 - 1]) {
    const rng = new Rng(seed);
    const reference = referenceXoshiro(referenceSeedWords(seed));
    for (let i = 0; i < 1000; i++) assert.equal(rng.nextUint32(), reference(), `seed ${seed}, output ${i}`);
  }
});

test("uniform() takes 53 bits from two outputs and lies in [0, 1)", () => {
  const rng = new Rng(7);
  const reference = referenceXoshiro(referenceSeedWords(7));
  for (let i = 0; i < 1000; i++) {
    const expected = ((reference() >>> 5) * 2 ** 26 + (reference() >>> 6)) / 2 ** 53;
    const u = rng.uniform();
    assert.equal(u, expected);
    assert.ok(u >= 0 && u < 1);
  }
});

test("the same seed gives the same numbers; different seeds differ", () => {
  const draw = (seed) => {
    const rng = new Rng(seed);
    return [rng.uniforms(5), rng.normals(5), rng.permutation(10), rng.choice(20, 5), rng.integer(-3, 3)];
  };
  assert.deepEqual(draw(3), draw(3));
  assert.notDeepEqual(draw(3), draw(4));
  // large and negative seeds are accepted and distinct
  assert.notDeepEqual(draw(2 ** 40 + 3), draw(3));
  assert.notDeepEqual(draw(-1), draw(2 ** 32 - 1));
});

test("uniforms have the moments of U(0, 1)", () => {
  const n = 200_000;
  const u = new Rng(11).uniforms(n);
  assert.ok(Math.abs(mean(u) - 0.5) < Z * Math.sqrt(1 / 12 / n));
  // Var(U) = 1/12; the standard error of the sample variance is sqrt((μ4 − σ⁴)/n), μ4 = 1/80
  assert.ok(Math.abs(variance(u) - 1 / 12) < Z * Math.sqrt((1 / 80 - 1 / 144) / n));
});

test("normals have mean 0, variance 1, and successive pairs are uncorrelated", () => {
  const n = 200_000;
  const z = new Rng(12).normals(n);
  assert.ok(Math.abs(mean(z)) < Z / Math.sqrt(n));
  assert.ok(Math.abs(variance(z) - 1) < Z * Math.sqrt(2 / n)); // SE of the variance is sqrt(2/n)
  // Box–Muller returns its pairs in order: the (cos, sin) partners must be uncorrelated
  let cross = 0;
  for (let i = 0; i < n; i += 2) cross += z[i] * z[i + 1];
  assert.ok(Math.abs(cross / (n / 2)) < Z / Math.sqrt(n / 2));
  // fourth moment 3 checks the shape (SE of the mean of z⁴ is sqrt(96/n))
  const kurtosis = mean(z.map((v) => v ** 4));
  assert.ok(Math.abs(kurtosis - 3) < Z * Math.sqrt(96 / n));
});

test("normal() keeps the second value of each pair for the next call", () => {
  const one = new Rng(5);
  const many = new Rng(5).normals(6);
  assert.deepEqual(Array.from({ length: 6 }, () => one.normal()), many);
  // the pair comes from two uniforms: z0 = r cos θ, z1 = r sin θ
  const u = new Rng(5);
  const u1 = 1 - u.uniform();
  const u2 = u.uniform();
  const r = Math.sqrt(-2 * Math.log(u1));
  assert.equal(many[0], r * Math.cos(2 * Math.PI * u2));
  assert.equal(many[1], r * Math.sin(2 * Math.PI * u2));
});

test("multivariateNormal has the requested mean, variances and correlation", () => {
  const n = 100_000;
  const rho = 0.8;
  const rows = new Rng(21).multivariateNormal([1, -2], [[4, rho * 2 * 3], [rho * 2 * 3, 9]], n);
  const x = rows.map((r) => r[0]);
  const y = rows.map((r) => r[1]);
  assert.ok(Math.abs(mean(x) - 1) < Z * 2 / Math.sqrt(n));
  assert.ok(Math.abs(mean(y) + 2) < Z * 3 / Math.sqrt(n));
  assert.ok(Math.abs(variance(x) / 4 - 1) < Z * Math.sqrt(2 / n));
  assert.ok(Math.abs(variance(y) / 9 - 1) < Z * Math.sqrt(2 / n));
  const mx = mean(x);
  const my = mean(y);
  const r = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / Math.sqrt(variance(x) * variance(y)) / (n - 1);
  // the sample correlation's standard error is (1 − ρ²)/sqrt(n)
  assert.ok(Math.abs(r - rho) < Z * (1 - rho * rho) / Math.sqrt(n));
});

test("multivariateNormal accepts a singular covariance and rejects invalid ones", () => {
  const rows = new Rng(1).multivariateNormal([0, 0], [[1, 1], [1, 1]], 100);
  for (const [a, b] of rows) assert.ok(Math.abs(a - b) < 1e-12, "perfectly correlated coordinates are equal");
  assert.throws(() => new Rng(1).multivariateNormal([0, 0], [[1, 0.5], [0.4, 1]], 1), /not symmetric/);
  assert.throws(() => new Rng(1).multivariateNormal([0, 0], [[1, 2], [2, 1]], 1), /not positive semi-definite/);
  assert.throws(() => new Rng(1).multivariateNormal([0, 0], [[-1, 0], [0, 1]], 1), /not positive semi-definite/);
  assert.throws(() => new Rng(1).multivariateNormal([0, 0], [[1, 0]], 1), /must be a 2×2 matrix/);
  assert.throws(() => new Rng(1).multivariateNormal([0, NaN], [[1, 0], [0, 1]], 1), /mean must be/);
  assert.throws(() => new Rng(1).multivariateNormal([0, 0], [[1, NaN], [NaN, 1]], 1), /cov\[0\]\[1\] is NaN/);
});

test("permutation is a permutation, and every position is uniform", () => {
  const rng = new Rng(8);
  for (const n of [0, 1, 2, 17, 1000]) {
    const p = rng.permutation(n);
    assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
  }
  // where item 0 lands over 40 000 permutations of 4: each position with probability 1/4
  const counts = [0, 0, 0, 0];
  const trials = 40_000;
  for (let t = 0; t < trials; t++) counts[rng.permutation(4).indexOf(0)] += 1;
  const sd = Math.sqrt(trials * 0.25 * 0.75);
  for (const c of counts) assert.ok(Math.abs(c - trials / 4) < Z * sd, `count ${c}`);
});

test("choice without replacement has no repeats and refuses size > n", () => {
  const rng = new Rng(9);
  const picked = rng.choice(50, 50);
  assert.equal(new Set(picked).size, 50);
  const some = rng.choice(1000, 300);
  assert.equal(new Set(some).size, 300);
  assert.ok(some.every((i) => Number.isInteger(i) && i >= 0 && i < 1000));
  assert.throws(() => rng.choice(5, 6), /size ≤ n, got size = 6 > n = 5.*replace: true/);
  // choice(n, n) is the permutation drawn from the same state
  assert.deepEqual(new Rng(4).choice(30, 30), new Rng(4).permutation(30));
});

test("choice and permutation give the indices of Fisher–Yates swaps drawn by integer(i, n), also when few are drawn from many", () => {
  const fisherYates = (rng, n, size) => {
    const items = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < size; i++) {
      const j = rng.integer(i, n);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items.slice(0, size);
  };
  for (const [n, size, seed] of [[1000, 1000, 1], [100_000, 60, 2], [5000, 2000, 3], [64, 7, 4], [9, 1, 5]]) {
    const [drawn, reference] = [new Rng(seed), new Rng(seed)];
    assert.deepEqual(drawn.choice(n, size), fisherYates(reference, n, size), `choice(${n}, ${size})`);
    assert.equal(drawn.nextUint32(), reference.nextUint32(), "the same number of draws");
  }
  assert.deepEqual(new Rng(6).permutation(3000), fisherYates(new Rng(6), 3000, 3000));
});

test("choice with replacement can exceed n and is uniform", () => {
  const draws = new Rng(10).choice(5, 50_000, { replace: true });
  assert.equal(draws.length, 50_000);
  const counts = [0, 0, 0, 0, 0];
  for (const d of draws) counts[d] += 1;
  const sd = Math.sqrt(50_000 * 0.2 * 0.8);
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < Z * sd, `count ${c}`);
  assert.ok(new Set(new Rng(1).choice(3, 10, { replace: true })).size <= 3);
});

test("integer(lo, hi) draws uniformly from lo … hi − 1", () => {
  const rng = new Rng(13);
  const counts = new Map();
  const trials = 60_000;
  for (let t = 0; t < trials; t++) {
    const k = rng.integer(-2, 4);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  assert.deepEqual([...counts.keys()].sort((a, b) => a - b), [-2, -1, 0, 1, 2, 3]);
  const sd = Math.sqrt(trials * (1 / 6) * (5 / 6));
  for (const c of counts.values()) assert.ok(Math.abs(c - trials / 6) < Z * sd);
  assert.throws(() => rng.integer(3, 3), /lo < hi/);
  assert.throws(() => rng.integer(0, 1.5), /must be an integer/);
});

test("fork gives a reproducible, separate stream", () => {
  const a = new Rng(14);
  const childA = a.fork();
  const b = new Rng(14);
  const childB = b.fork();
  assert.deepEqual(childA.uniforms(10), childB.uniforms(10));
  assert.deepEqual(a.uniforms(10), b.uniforms(10));
  const parent = new Rng(14);
  parent.fork();
  assert.notDeepEqual(parent.uniforms(10), new Rng(14).fork().uniforms(10));
});

test("bad seeds and sizes are refused with the argument's name", () => {
  assert.throws(() => new Rng(1.5), /Rng\(seed\) must be an integer, got 1.5/);
  assert.throws(() => new Rng(NaN), /Rng\(seed\) must be an integer/);
  assert.throws(() => new Rng("0"), /Rng\(seed\) must be an integer, got "0"/);
  assert.throws(() => new Rng(0).normals(-1), /normals\(n\) must be ≥ 0/);
  assert.throws(() => new Rng(0).permutation(2.5), /permutation\(n\) must be an integer/);
  assert.throws(() => Rng.fromState([0, 0, 0, 0]), /must not be all zero/);
});

test("a seed too large to be exact is refused as such, not as a number that is no integer", () => {
  assert.throws(() => new Rng(2 ** 60), /Rng\(seed\) must be an integer of at most 2\^53 − 1 in size/);
  assert.throws(() => new Rng(1.5), /Rng\(seed\) must be an integer, got 1\.5/);
  assert.doesNotThrow(() => new Rng(Number.MAX_SAFE_INTEGER));
});

test('choice refuses a replace that is not true or false ({ replace: "false" } drew with replacement)', () => {
  const rng = new Rng(0);
  assert.throws(() => rng.choice(3, 3, { replace: "false" }), /choice\(n, size, \{ replace \}\) must be true or false, got "false" \(a string/);
  assert.throws(() => rng.choice(3, 3, { replace: 1 }), /must be true or false, got 1/);
});

test("Rng.fromState refuses a state that is no array, where it read null's length", () => {
  assert.throws(() => Rng.fromState(null), /neural-mi: Rng state must be four integers in \[0, 2\^32\)/);
});

test("choice refuses more than 2^32 items, where its rejection sampling never returned", () => {
  const rng = new Rng(0);
  assert.throws(() => rng.choice(2 ** 40, 3), /choice\(n, size\) draws from at most 2\^32 items \(as integer\(lo, hi\) does\), got n = 1099511627776/);
  assert.throws(() => rng.choice(2 ** 32 + 1, 3, { replace: true }), /at most 2\^32 items/);
  assert.equal(new Set(rng.choice(2 ** 32, 3)).size, 3);
});

test("draws beyond 2^26 numbers in one call are refused (normals(1e9) ran the process out of memory)", () => {
  const rng = new Rng(0);
  assert.throws(() => rng.normals(2 ** 26 + 1), /normals\(n\) asks for 67108865 numbers in one call, more than the 67108864 this library draws at once \(memory would run out\); draw in parts/);
  assert.throws(() => rng.uniforms(1e9), /uniforms\(n\) asks for 1000000000 numbers/);
  assert.throws(() => rng.permutation(1e9), /permutation\(n\) asks for 1000000000 numbers/);
  assert.throws(() => rng.choice(2 ** 32, 1e9, { replace: true }), /choice\(n, size\) asks for 1000000000 numbers/);
  assert.throws(() => rng.multivariateNormal([0, 0], [[1, 0], [0, 1]], 2 ** 25 + 1), /multivariateNormal\(mean, cov, n\) asks for 67108866 numbers/);
});
