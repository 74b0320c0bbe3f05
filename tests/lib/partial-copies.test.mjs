// A copy of x in y in a share of the rows: a common shock (Marshall and Olkin's bivariate
// exponential, x = y exactly where the shared shock came first) or a sensor echoing x into y now
// and then. The MI is infinite (exact copies) or large (copies within σ), and no estimator here
// resolves it: with 2 % of 1000 rows copied every method gave 0.00 with a trusted interval ending
// at 0.02–0.12. Such data are now untrusted and open above; a smooth dependence, however strong,
// and independent data are not taken for copies.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI, estimator, estimators, Rng } from "neural-mi";
import { partialCopyWarning } from "neural-mi/dist/estimators/partial-copies.js";
import { planeRows } from "neural-mi/dist/estimators/plane-rows.js";
import { binomialQuantile } from "./promise.mjs";
import { normalXRows } from "./pairs.mjs";

before(async () => {
  await init();
});

const matrix = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

/** x standard normal; y a copy of x within σ in a share p of the rows, an independent normal elsewhere. */
function echoed(n, p, sigma, seed) {
  return normalXRows(n, seed, (a, rng) => [rng.uniform() < p ? a + sigma * rng.normal() : Math.sqrt(1 + sigma * sigma) * rng.normal()]);
}

/** Marshall–Olkin: x = min(E₁, E₁₂), y = min(E₂, E₁₂), rates 1, 1 and λ₁₂; P(x = y) = λ₁₂ / (2 + λ₁₂). */
function commonShock(n, shockRate, seed) {
  const rng = new Rng(seed);
  const exponential = (rate) => -Math.log(1 - rng.uniform()) / rate;
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const shock = exponential(shockRate);
    x.push([Math.min(exponential(1), shock)]);
    y.push([Math.min(exponential(1), shock)]);
  }
  return { x, y };
}

/** Gaussian pairs of correlation ρ beside `noise` independent columns on each side. */
function gaussian(n, rho, seed, noise = 0) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    x.push([a, ...rng.normals(noise)]);
    y.push([rho * a + Math.sqrt(1 - rho * rho) * rng.normal(), ...rng.normals(noise)]);
  }
  return { x, y };
}

test("copies in 2 % of the rows, exact or within 10⁻⁶ to 10⁻³, are found; smooth dependence however strong, independence, relative errors, censoring and rounding are not (0 alarms in 128 data sets)", () => {
  for (let seed = 0; seed < 5; seed++) {
    for (const [what, data] of [
      ["echo within 1e-6 in 2 %", echoed(1000, 0.02, 1e-6, seed)],
      ["echo within 1e-4 in 5 %", echoed(1000, 0.05, 1e-4, seed)],
      ["echo within 1e-3 in 10 %", echoed(1000, 0.1, 1e-3, seed)],
      ["common shock, 2 % of rows", commonShock(1000, 0.04, seed)],
    ]) {
      assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /copy of x in y/, `${what}, seed ${seed}`);
    }
  }
  let alarms = 0;
  for (let seed = 0; seed < 10; seed++) {
    for (const rho of [0, 0.5, 0.99, 0.999]) {
      const data = gaussian(1000, rho, 100 + seed, 2);
      if (partialCopyWarning(matrix(data.x), matrix(data.y)) !== undefined) alarms += 1;
    }
  }
  assert.equal(alarms, 0);
  // ordinary data that crowd their gaps near 0 are not copies (each alarmed on most draws when the check
  // compared absolute gaps and asked for a tenth): a relative error on a chi-square x, on an exponential
  // x at n = 10 000, a Gaussian pair censored at a shared limit, values rounded to a grid y falls on
  const families = {
    "relative error on a chi-square": (rng, n) => Array.from({ length: n }, () => {
      const z = rng.normal();
      return [z * z, z * z * Math.exp(0.5 * rng.normal())];
    }),
    "relative error on an exponential": (rng, n) => Array.from({ length: n }, () => {
      const a = -Math.log(1 - rng.uniform());
      return [a, a * Math.exp(0.3 * rng.normal())];
    }),
    "censored at a shared limit": (rng, n) => Array.from({ length: n }, () => {
      const a = rng.normal();
      return [Math.max(a, -2.4), Math.max(0.7 * a + Math.sqrt(0.51) * rng.normal(), -2.4)];
    }),
    "rounded to a shared grid": (rng, n) => Array.from({ length: n }, () => {
      const a = 1000 * rng.uniform();
      return [Math.round(a * 100) / 100, Math.round((a + rng.normal()) * 100) / 100];
    }),
  };
  for (const [name, draw] of Object.entries(families)) {
    for (const [n, seeds] of [[1000, 10], [10_000, 2]]) {
      for (let seed = 0; seed < seeds; seed++) {
        const rows = draw(new Rng(300 + seed), n);
        assert.equal(partialCopyWarning(matrix(rows.map((r) => [r[0]])), matrix(rows.map((r) => [r[1]]))), undefined, `${name}, n = ${n}, seed ${seed}`);
      }
    }
  }
  // rounded values that the two columns share coincide by chance: counted as chance
  const rounded = gaussian(1000, 0.3, 7);
  const round = (rows) => rows.map((row) => row.map((v) => Math.round(v * 1e3) / 1e3));
  assert.equal(partialCopyWarning(matrix(round(rounded.x)), matrix(round(rounded.y))), undefined);
});

test("copies within a noise of fixed size in 1 % of 5000 rows (y = x + 10⁻⁴ε: their relative gaps spread over decades with |x|) are found", () => {
  // before, on some draws about 0.55 of the rows within ten times a relative gap were within it, short of the 0.6 asked
  // (KSG trusted at 0.00 for 0.04 nats): 2809, 2884, 2892 and 2896 are the draws of 2800–2899 that relative gaps missed
  for (const seed of [2800, 2801, 2802, 2809, 2884, 2892, 2896]) {
    const data = echoed(5000, 0.01, 1e-4, seed);
    assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /copy of x in y/, `seed ${seed}`);
  }
});

test("near-exact copies in a handful of rows (y = x + 10⁻⁶ε in 1 % of 1000 rows: 5–16 rows) are found when 6 or more (and most when fewer), over three decades of the gap", async () => {
  // before, ten rows within one decade were needed: 17 of these 40 draws (6–9 copies) went unseen, and every method was
  // trusted at 0.00 with upper ends 0.05–0.11 for 0.13 nats (the forty-first probe's thin band)
  let found = 0;
  for (let seed = 0; seed < 40; seed++) {
    const data = echoed(1000, 0.01, 1e-6, seed);
    const copies = data.x.filter((row, i) => Math.abs(row[0] - data.y[i][0]) < 1e-4).length;
    const warning = partialCopyWarning(matrix(data.x), matrix(data.y));
    if (copies >= 6) assert.match(warning ?? "", /copy of x in y/, `seed ${seed}, ${copies} copies`);
    if (warning !== undefined) found += 1;
  }
  assert.ok(found >= 39, `${found} of 40`);
  const missedBefore = echoed(1000, 0.01, 1e-6, 3);
  const r = await estimator("ksg").estimate(missedBefore.x, missedBefore.y, { seed: 0 });
  assert.equal(r.trusted, false);
  assert.equal(r.interval[1], Infinity);
});

test("a near affine echo in a thin band (y = 1 − 2x + 10⁻⁶ε where x ∈ [0.5, 0.525), 1 % of 1000 rows) is found when 6 or more rows (within 10⁻⁴, when 14 or more); a strong line over all rows and independence are not", async () => {
  // before, only exact lines were searched and the gaps compared values of x and y: the probe's echo was trusted at 0.00
  // for 0.13 nats by KSG and MINE (the forty-first probe)
  const band = (n, sigma, seed) => normalXRows(n, seed, (a, rng) => [a >= 0.5 && a < 0.525 ? 1 - 2 * a + sigma * rng.normal() : rng.normal()]);
  let found = 0;
  for (let seed = 0; seed < 30; seed++) {
    const data = band(1000, 1e-6, 500 + seed);
    const echoes = data.x.filter((row) => row[0] >= 0.5 && row[0] < 0.525).length;
    const warning = partialCopyWarning(matrix(data.x), matrix(data.y));
    if (echoes >= 6) assert.match(warning ?? "", /near affine copy/, `seed ${500 + seed}, ${echoes} rows`);
    if (warning !== undefined) found += 1;
  }
  assert.ok(found >= 27, `${found} of 30`);
  // within 10⁻⁴, over one decade as copies are, when 14 or more rows (of seeds 500–529 these three; 10–13 rows are missed)
  for (const seed of [507, 512, 515]) {
    const data = band(1000, 1e-4, seed);
    assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /near affine copy/, `noise 1e-4, seed ${seed}`);
  }
  for (let seed = 0; seed < 10; seed++) {
    for (const sigma of [1e-3, 1e-2]) {
      const line = normalXRows(1000, 600 + seed, (a, rng) => [1 - 2 * a + sigma * rng.normal()]);
      assert.equal(partialCopyWarning(matrix(line.x), matrix(line.y)), undefined, `a line with noise ${sigma}, seed ${600 + seed}`);
    }
    const independent = normalXRows(1000, 700 + seed, (a, rng) => [rng.normal()]);
    assert.equal(partialCopyWarning(matrix(independent.x), matrix(independent.y)), undefined, `independent, seed ${700 + seed}`);
  }
  const echoed500 = band(1000, 1e-6, 500);
  const r = await estimator("ksg").estimate(echoed500.x, echoed500.y, { seed: 0 });
  assert.equal(r.trusted, false);
  assert.equal(r.interval[1], Infinity);
});

test("every method's estimate on a common shock in 2 % of the rows is untrusted and open above (the MI is infinite)", async () => {
  const { x, y } = commonShock(1000, 0.04, 1);
  for (const method of estimators()) {
    const result = await estimateMI(x, y, { method, seed: 1 });
    assert.equal(result.trusted, false, method);
    assert.equal(result.interval[1], Infinity, method);
    assert.match(result.warnings.join(" "), /column 0 of y equals column 0 of x exactly.*the MI may be far higher, even infinite/, method);
  }
});

/** x standard normal; y = f(x) exactly in a share p of the rows, an independent normal elsewhere. */
function functionInShare(n, p, f, seed) {
  return normalXRows(n, seed, (a, rng) => [rng.uniform() < p ? f(a) : rng.normal()]);
}

test("y an exact affine function of x in 5 % of the rows (y = −x, 2x + 1, another unit) is found and untrusted; lines that grids and random pairings make are not", async () => {
  for (let seed = 0; seed < 5; seed++) {
    for (const [what, f] of [["−x", (a) => -a], ["2x + 1", (a) => 2 * a + 1], ["°F of °C", (a) => 1.8 * (20 + 5 * a) + 32]]) {
      const data = functionInShare(1000, 0.05, f, seed);
      assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /column 0 of y is exactly .*·x \+ .* of column 0 of x \(an affine copy\)/, `${what}, seed ${seed}`);
    }
  }
  // values on a grid put several rows on one line by chance: integers, a permutation of the row numbers, 3 decimals
  const rng = new Rng(11);
  const gridded = {
    "integers to 10⁴": Array.from({ length: 1000 }, () => [rng.integer(0, 10_000), rng.integer(0, 10_000)]),
    "row numbers against a permutation of them": rng.permutation(1000).map((k, i) => [i, k]),
    "3 decimals, ρ = 0.9": Array.from({ length: 1000 }, () => { const a = rng.normal(); return [a, 0.9 * a + 0.44 * rng.normal()].map((v) => Math.round(v * 1e3) / 1e3); }),
  };
  for (const [what, rows] of Object.entries(gridded)) {
    assert.equal(partialCopyWarning(matrix(rows.map((r) => [r[0]])), matrix(rows.map((r) => [r[1]]))), undefined, what);
  }
  // y = −3x + 7 + N(0, 10⁻¹²) on every row: no row is on a line, though its slopes to an anchor row, spread
  // by 10⁻⁶/Δx, lie 10⁻⁹ apart when sorted (a run chained by neighbours' gaps took 79 of 1000 rows for one line)
  for (let seed = 0; seed < 3; seed++) {
    const near = new Rng(seed);
    const rows = Array.from({ length: 1000 }, () => { const a = near.normal(); return [a, -3 * a + 7 + 1e-6 * near.normal()]; });
    assert.doesNotMatch(partialCopyWarning(matrix(rows.map((r) => [r[0]])), matrix(rows.map((r) => [r[1]]))) ?? "", /affine copy/, `1e-6 noise, seed ${seed}`);
  }
  const { x, y } = functionInShare(1000, 0.05, (a) => -a, 3);
  for (const method of ["ksg", "mine"]) {
    const result = await estimateMI(x, y, { method, seed: 1 });
    assert.equal(result.trusted, false, method);
    assert.equal(result.interval[1], Infinity, method);
    assert.match(result.warnings.join(" "), /an affine copy.*the MI may be far higher, even infinite/, method);
  }
});

test("y an exact smooth nonlinear function of x in a share of the rows (eˣ, x³, sin x) is found and untrusted, open above (the MI is infinite)", async () => {
  for (let seed = 0; seed < 5; seed++) {
    // (at n = 1000 the check finds x³ in 10 % of the rows in 16 of 20 samples, eˣ in 5 % in 6 of 20)
    for (const [what, n, p, f] of [["eˣ in 5 %", 2000, 0.05, Math.exp], ["x³ in 10 %", 2000, 0.1, (a) => a * a * a], ["sin x in 20 %", 1000, 0.2, Math.sin]]) {
      const data = functionInShare(n, p, f, 40 + seed);
      assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /a share of the rows lies on a thin curve y = f\(x\)/, `${what}, seed ${seed}`);
    }
  }
  // before the check KSG trusted a finite interval on such data in 9 of 20 samples (0.033 [0.005, 0.115])
  const { x, y } = functionInShare(2000, 0.05, Math.exp, 4);
  const result = await estimateMI(x, y, { method: "ksg", seed: 4 });
  assert.equal(result.trusted, false);
  assert.equal(result.interval[1], Infinity);
  assert.match(result.warnings.join(" "), /thin curve y = f\(x\).*the estimate rises with the sample size/);
});

test("smooth dependence, however strong or heavy-tailed, does not pass for rows on a thin curve", () => {
  const families = {
    "Gaussian ρ = 0.3": (rng) => { const a = rng.normal(); return [a, 0.3 * a + Math.sqrt(0.91) * rng.normal()]; },
    "Gaussian ρ = 0.99": (rng) => { const a = rng.normal(); return [a, 0.99 * a + Math.sqrt(1 - 0.99 ** 2) * rng.normal()]; },
    "Gaussian ρ = 0.999": (rng) => { const a = rng.normal(); return [a, 0.999 * a + Math.sqrt(1 - 0.999 ** 2) * rng.normal()]; },
    "Student t, 2 degrees, ρ = 0.9": (rng) => {
      const a = rng.normal();
      const s = Math.sqrt(2 / (rng.normal() ** 2 + rng.normal() ** 2));
      return [s * a, s * (0.9 * a + Math.sqrt(0.19) * rng.normal())];
    },
    "sin x plus noise 0.1": (rng) => { const a = rng.normal(); return [a, Math.sin(a) + 0.1 * rng.normal()]; },
    "two-component mixture": (rng) => { const a = rng.normal(); return rng.uniform() < 0.5 ? [a, 0.95 * a + 0.3 * rng.normal()] : [a + 4, -0.8 * a + 0.5 * rng.normal()]; },
  };
  let draws = 0;
  const alarms = [];
  for (const [name, draw] of Object.entries(families)) {
    for (let seed = 0; seed < 5; seed++) {
      const rng = new Rng(500 + seed);
      const rows = Array.from({ length: 1000 }, () => draw(rng));
      draws += 1;
      const warning = partialCopyWarning(matrix(rows.map((r) => [r[0]])), matrix(rows.map((r) => [r[1]])));
      if (warning !== undefined) alarms.push(`${name}, seed ${seed}: ${warning}`);
    }
  }
  // the check's own chance of an alarm is 10⁻⁴ a data set: more than one alarm in 30 is a fault
  assert.ok(alarms.length <= binomialQuantile(draws, 0.01, 0.99), `${alarms.length} of ${draws} smooth data sets taken for rows on a curve: ${alarms.join("; ")}`);
});

/** x: `d` standard normal columns; y = Σ wₖxₖ exactly in a share p of the rows, an independent normal elsewhere. */
function combinationInShare(n, p, weights, seed) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const row = rng.normals(weights.length);
    x.push(row);
    y.push([rng.uniform() < p ? row.reduce((sum, v, k) => sum + weights[k] * v, 0) : rng.normal()]);
  }
  return { x, y };
}

test("y an exact affine function of several x columns together in 10 % of the rows (on no pair a line) is found and untrusted, open above; redundant and strongly dependent columns are not", async () => {
  for (let seed = 0; seed < 4; seed++) {
    for (const [what, weights] of [["(x₁ + x₂)/√2", [Math.SQRT1_2, Math.SQRT1_2]], ["x₁ − x₂ + x₃/2", [1, -1, 0.5]]]) {
      const data = combinationInShare(2000, 0.1, weights, 60 + seed);
      assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /column 0 of y is exactly an affine function of the columns of x together/, `${what}, seed ${seed}`);
      // the same with x and y swapped: a column of x from the columns of y
      assert.match(partialCopyWarning(matrix(data.y), matrix(data.x)) ?? "", /column 0 of x is exactly an affine function of the columns of y together/, `${what} swapped, seed ${seed}`);
    }
  }
  // every row on one plane of x alone (a total beside its parts), smooth dependence up to ρ = 0.999 in several columns
  const rng = new Rng(70);
  const families = {
    "x₃ = x₁ + x₂ on every row, y dependent": () => { const a = rng.normal(), b = rng.normal(); return [[a, b, a + b], [0.8 * (a + b) / Math.SQRT2 + 0.6 * rng.normal()]]; },
    "y = (x₁ + x₂)/√2 + noise of 10⁻³": () => { const a = rng.normal(), b = rng.normal(); return [[a, b], [(a + b) / Math.SQRT2 + 1e-3 * rng.normal()]]; },
    "3 + 3 Gaussian pairs, ρ = 0.999": () => { const a = rng.normals(3); return [a, a.map((v) => 0.999 * v + Math.sqrt(1 - 0.999 ** 2) * rng.normal())]; },
  };
  for (const [what, draw] of Object.entries(families)) {
    for (let k = 0; k < 3; k++) {
      const rows = Array.from({ length: 1000 }, draw);
      assert.equal(partialCopyWarning(matrix(rows.map((r) => r[0])), matrix(rows.map((r) => r[1]))), undefined, `${what}, draw ${k}`);
    }
  }
  // a relation inside x in a share of the rows (x₃ = x₁ + x₂ in 10 % of 2000) puts those rows on a plane of x alone, not of y
  for (let seed = 0; seed < 3; seed++) {
    const inside = new Rng(80 + seed);
    const rows = Array.from({ length: 2000 }, () => { const [a, b, c] = inside.normals(3); return [[a, b, inside.uniform() < 0.1 ? a + b : c], [0.5 * a + inside.normal()]]; });
    assert.equal(partialCopyWarning(matrix(rows.map((r) => r[0])), matrix(rows.map((r) => r[1]))), undefined, `x₃ = x₁ + x₂ in 10 %, seed ${seed}`);
  }
  // before the check KSG trusted 0.026 [0.000, 0.118] on such data (y = (x₁ + x₂)/√2 in 10 % of 2000 rows)
  const { x, y } = combinationInShare(2000, 0.1, [Math.SQRT1_2, Math.SQRT1_2], 64);
  const result = await estimateMI(x, y, { method: "ksg", seed: 0 });
  assert.equal(result.trusted, false);
  assert.equal(result.interval[1], Infinity);
  assert.match(result.warnings.join(" "), /affine function of the columns of x together.*the MI may be far higher, even infinite/);
});

test("three near-copies through sinh (y_k = sinh(3(x_k + 0.03ε)), values to 1e5) are no plane: rows far out in the tail, their neighbours all far along y, do not pass for rows on one", () => {
  // before, every method's call on such data (bench/accuracy/unseen24) said 7–8 of 408 rows had y exactly an affine function of
  // x's columns; of the draws of Rng(0) to Rng(11), these three (and two more) put 5–6 rows on a "plane"
  for (const seed of [5, 7, 9]) {
    const rng = new Rng(seed);
    const rows = Array.from({ length: 1000 }, () => { const a = rng.normals(3); return [a, a.map((v) => Math.sinh(3 * (v + 0.03 * rng.normal())))]; });
    const columns = [0, 1, 2].map((c) => Float64Array.from(rows, (r) => r[0][c]));
    for (let k = 0; k < 3; k++) assert.equal(planeRows(columns, Float64Array.from(rows, (r) => r[1][k]), 408), undefined, `seed ${seed}, y column ${k}`);
    assert.doesNotMatch(partialCopyWarning(matrix(rows.map((r) => r[0])), matrix(rows.map((r) => r[1]))) ?? "", /affine function of the columns/, `seed ${seed}`);
  }
});

/** Rows drawn by `make(rng, on)`, `on` true in a share p of them: [x row, y row]. */
function rowsInShare(n, p, seed, make) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = make(rng, rng.uniform() < p);
    x.push(a);
    y.push(b);
  }
  return { x, y };
}

test("a saturating function of a projection in 15 % of the rows (tanh, arctan, a logistic: its values among the bulk's densest) and a surface in 40 % of the rows (its rows fill the coarser scales) are found", () => {
  const families = {
    // (seeds 920–927 for each: tanh found in 7 of 8, 2 before; arctan, the logistic and both 40 % shares in 8 of 8, at most 3 before)
    "x = tanh(y₁ − y₂) in 15 % of 2000 rows": [2000, 0.15, [921, 922], (rng, on) => { const [a, b] = rng.normals(2); return [[on ? Math.tanh(a - b) : rng.normal()], [a, b]]; }],
    "x = arctan(2(y₁ + y₂)) in 15 % of 2000 rows": [2000, 0.15, [920, 921], (rng, on) => { const [a, b] = rng.normals(2); return [[on ? Math.atan(2 * (a + b)) : rng.normal()], [a, b]]; }],
    "y = logistic(2(x₁ − x₂)) in 15 % of 2000 rows": [2000, 0.15, [920, 921], (rng, on) => { const [a, b] = rng.normals(2); return [[a, b], [on ? 1 / (1 + Math.exp(-2 * (a - b))) : rng.normal()]]; }],
    "y = e^((x₁ + x₂)/√2) in 40 % of 2000 rows": [2000, 0.4, [920, 921], (rng, on) => { const [a, b] = rng.normals(2); return [[a, b], [on ? Math.exp((a + b) / Math.SQRT2) : rng.normal()]]; }],
    "y = ((x₁ − x₂)/√2)² in 40 % of 1500 rows": [1500, 0.4, [920, 921], (rng, on) => { const [a, b] = rng.normals(2); return [[a, b], [on ? ((a - b) / Math.SQRT2) ** 2 : rng.normal()]]; }],
  };
  for (const [what, [n, p, seeds, make]] of Object.entries(families)) {
    for (const seed of seeds) {
      const data = rowsInShare(n, p, seed, make);
      assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /lies on a thin smooth surface where column 0 of [xy] is a function of the columns of [xy] together/, `${what}, seed ${seed}`);
    }
  }
});

test("y an exact smooth nonlinear function of a combination of x's columns in 10 % of the rows (a surface: on no pair a curve, nowhere a plane) is found and untrusted, open above; x such a function of y's columns too; a thickened plane and a relation inside x are not", async () => {
  const expOfSum = (rng, on) => { const [a, b] = rng.normals(2); return [[a, b], [on ? Math.exp((a + b) / Math.SQRT2) : rng.normal()]]; };
  for (let seed = 0; seed < 2; seed++) {
    // (seeds 900–911: found in 11 of 12)
    const data = rowsInShare(2000, 0.1, 900 + seed, expOfSum);
    assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /lies on a thin smooth surface where column 0 of y is a function of the columns of x together/, `e^((x₁ + x₂)/√2), seed ${seed}`);
    assert.match(partialCopyWarning(matrix(data.y), matrix(data.x)) ?? "", /thin smooth surface where column 0 of x is a function of the columns of y together/, `swapped, seed ${seed}`);
  }
  const smooth = {
    "y = 0.9·(x₁ + x₂)/√2 + noise": (rng) => { const [a, b] = rng.normals(2); return [[a, b], [0.9 * (a + b) / Math.SQRT2 + Math.sqrt(0.19) * rng.normal()]]; },
    "y = (x₁ + x₂)/√2 + noise of 1 %": (rng) => { const [a, b] = rng.normals(2); return [[a, b], [(a + b) / Math.SQRT2 + 0.01 * rng.normal()]]; },
    "x₂ = e^x₁ in 10 % of the rows, y dependent on x₁": (rng) => { const [a, b] = rng.normals(2); return [[a, rng.uniform() < 0.1 ? Math.exp(a) : b], [0.8 * a + 0.6 * rng.normal()]]; },
  };
  for (const [what, draw] of Object.entries(smooth)) {
    // (the search runs from 1500 rows on)
    const data = rowsInShare(2000, 0, 912, (rng) => draw(rng));
    assert.equal(partialCopyWarning(matrix(data.x), matrix(data.y)), undefined, what);
  }
  // before the check KSG trusted 0.044 [0.016, 0.177] on such data (the fifteenth probe, 5 of 12 calls trusted and wrong)
  const { x, y } = rowsInShare(2000, 0.1, 900, expOfSum);
  const result = await estimateMI(x, y, { method: "ksg", seed: 0 });
  assert.equal(result.trusted, false);
  assert.equal(result.interval[1], Infinity);
  assert.match(result.warnings.join(" "), /thin smooth surface.*the MI may be far higher, even infinite/);
});

test("column pairs beyond the first 16 are searched for rows on a curve: y₄ = x₃³ in 10 % of 1000 rows of 5 + 5 columns (pair 19) is found", () => {
  for (const seed of [902, 903, 904]) {
    const data = rowsInShare(1000, 0.1, seed, (rng, on) => { const x = rng.normals(5), y = rng.normals(5); if (on) y[4] = x[3] ** 3; return [x, y]; });
    assert.match(partialCopyWarning(matrix(data.x), matrix(data.y)) ?? "", /\(column 3 of x, column 4 of y\).*thin curve y = f\(x\)/, `seed ${seed}`);
  }
});

test("a value that is not a number ends the search for rows on a curve (the library refuses such data before, but the check must not loop)", () => {
  const rng = new Rng(7);
  const rows = Array.from({ length: 300 }, () => { const a = rng.normal(); return [a, 0.6 * a + 0.8 * rng.normal()]; });
  rows[17][0] = NaN;
  // before, the search outward from a row stepped past the first row for ever once a gap was NaN
  assert.equal(partialCopyWarning(matrix(rows.map((r) => [r[0]])), matrix(rows.map((r) => [r[1]]))), undefined);
});

test("labels shared by both sides, each copy jittered by its own 10⁻⁹ noise, are no affine copy (the MI is log k); a copy written with ten significant digits still is", () => {
  // before, from any row the rows of the other labels lie on slopes 1 ± 10⁻⁹, within the tolerance for equal slopes: 5 labels
  // were read as "column 0 of y is exactly 1.000·x + 2.5e-10 of column 0 of x (an affine copy)" in about half the rows
  for (const levels of [5, 20]) {
    for (let seed = 0; seed < 3; seed++) {
      const rng = new Rng(seed);
      const rows = Array.from({ length: 1000 }, () => { const c = rng.integer(0, levels - 1); return [c + 1e-9 * rng.normal(), c + 1e-9 * rng.normal()]; });
      assert.equal(partialCopyWarning(matrix(rows.map((r) => [r[0]])), matrix(rows.map((r) => [r[1]]))), undefined, `${levels} labels, seed ${seed}`);
    }
  }
  // °F of °C in 5 % of the rows, every value stored with ten significant digits (its slopes as far from 1.8 as the jitter's from 1)
  for (let seed = 0; seed < 3; seed++) {
    const rng = new Rng(seed);
    const rows = Array.from({ length: 1000 }, () => { const c = 20 + 5 * rng.normal(); const f = rng.uniform() < 0.05 ? 1.8 * c + 32 : 80 + 9 * rng.normal(); return [c, f].map((v) => Number(v.toPrecision(10))); });
    assert.match(partialCopyWarning(matrix(rows.map((r) => [r[0]])), matrix(rows.map((r) => [r[1]]))) ?? "", /column 0 of y is exactly 1\.800·x \+ 32\.00 of column 0 of x \(an affine copy\)/, `seed ${seed}`);
  }
});
