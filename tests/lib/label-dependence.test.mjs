// Labels whose dependence sits in which values occur together, not in their order: 100 labels a
// side sharing their parity, a residue mod 5 over labels written as decimals, the day of the year
// beside a sales figure set by the weekday. Every reference ordered the values (KSG with ties
// broken, the coarsened bins, the neighbours), and every method answered about 0 with a trusted
// interval. The labels are now also merged into groups (residues, alike partners) fitted on half
// the samples, whose plug-in MI on the other half is a lower bound.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI, normalCdf, Rng } from "neural-mi";
import { labelGroupingBound } from "neural-mi/dist/estimators/label-bound.js";
import { assertHonest, binomialQuantile } from "./promise.mjs";

before(async () => {
  await init();
});

const column = (values) => ({ values: Float64Array.from(values), rows: values.length, cols: 1 });
const uniformLabel = (rng, k) => Math.floor(rng.uniform() * k);

/** x among 100 labels, y among the 50 labels of x's parity: log 2 nats. */
function sharedParity(rng, n, scale = 1) {
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const a = uniformLabel(rng, 100);
    x.push(a * scale);
    y.push((2 * uniformLabel(rng, 50) + (a % 2)) * scale);
  }
  return { x, y, truth: Math.log(2) };
}

/** x among 100 labels, y among the 20 labels of x's residue mod 5, written as decimals: log 5 nats. */
function sharedResidue(rng, n) {
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const a = uniformLabel(rng, 100);
    x.push(0.37 * a + 0.1);
    y.push(1.7 * (5 * uniformLabel(rng, 20) + (a % 5)));
  }
  return { x, y, truth: Math.log(5) };
}

const WEEKDAY_EFFECT = [0, 0.3, 0.5, 0.2, 1.5, 2.5, -1];
const SALES_SD = 0.5;

/** The day of the year (0–364) and sales set by its weekday plus Gaussian noise: I(weekday; sales), integrated. */
function weekdaySales(rng, n) {
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const day = uniformLabel(rng, 365);
    x.push(day);
    y.push(WEEKDAY_EFFECT[day % 7] + SALES_SD * rng.normal());
  }
  const density = (t, mu) => Math.exp(-((t - mu) ** 2) / (2 * SALES_SD ** 2)) / (SALES_SD * Math.sqrt(2 * Math.PI));
  let truth = 0;
  const [lo, hi, steps] = [-5, 7, 24_000];
  const h = (hi - lo) / steps;
  for (let k = 0; k < steps; k++) {
    const t = lo + (k + 0.5) * h;
    const each = WEEKDAY_EFFECT.map((mu) => density(t, mu));
    const mixture = each.reduce((s, p) => s + p, 0) / 7;
    for (const p of each) if (p > 0) truth += (p / 7) * Math.log(p / mixture) * h;
  }
  return { x, y, truth };
}

test("dependence in which labels occur together is not trusted as none, by KSG or a trained critic", async () => {
  const cases = [
    ["parity of 100 integer labels", sharedParity(new Rng(11), 1000)],
    ["residue mod 5 of labels written as decimals", sharedResidue(new Rng(12), 1000)],
    ["the day of the year beside sales set by its weekday", weekdaySales(new Rng(13), 1000)],
  ];
  for (const [what, { x, y, truth }] of cases) {
    for (const method of ["ksg", "mine"]) {
      const result = await estimateMI(x.map((v) => [v]), y.map((v) => [v]), { method, seed: 1 });
      assertHonest(result, truth, `${what}, ${method}`);
      assert.equal(result.trusted, false, `${what}, ${method}: ${result.estimate.toFixed(3)} [${result.interval.map((v) => v.toFixed(3))}] for ${truth.toFixed(3)}`);
      // the label-grouping bound's reason, unless another reference was clearly above first
      assert.match(result.warnings.join(" "), /which values occur together|clearly above this estimate/, `${what}, ${method}`);
    }
  }
});

test("labels stored as reals with a jitter (no value repeats) are grouped by the clusters they sit in; their tight clusters are not copies", async () => {
  // x = a + 0.1·N, y = 1000 + b + 0.1·N, b among the labels of a's parity: log 2 nats (the labels can
  // be read back from the values); every method gave about 0 with a trusted interval
  for (const [labels, seed] of [[100, 1], [40, 2]]) {
    const rng = new Rng(70 + seed);
    const x = [];
    const y = [];
    for (let i = 0; i < 1000; i++) {
      const a = uniformLabel(rng, labels);
      x.push([a + 0.1 * rng.normal()]);
      y.push([1000 + 2 * uniformLabel(rng, labels / 2) + (a % 2) + 0.1 * rng.normal()]);
    }
    for (const method of ["ksg", "mine"]) {
      const result = await estimateMI(x, y, { method, seed });
      assertHonest(result, Math.log(2), `${labels} jittered labels, ${method}`);
      assert.equal(result.trusted, false, `${labels} jittered labels, ${method}: ${result.estimate.toFixed(3)} [${result.interval.map((v) => v.toFixed(3))}]`);
      // 40 × 20 label pairs in 1000 rows: a quarter of the rows share their cluster with one other row, by chance
      assert.ok(!result.warnings.some((w) => /near copy|nearest row closer than/.test(w)), result.warnings.join(" | "));
    }
  }
});

test("values of two instruments of different precision pooled in one column, and y says which: the number of decimals is a lower bound", async () => {
  // z ~ N(0, 1000²); instrument A (y = 1) reports round(z), B (y = 0) z to 2 decimals: I = H(Y) − Σ P(x)·h(P(A | x)),
  // summed over the 0.01 grid. MINE and SMILE gave about 0, trusted, in 3 of 4 draws
  const [scale, shareA] = [1000, 0.5];
  const h = (p) => (p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p));
  const cell = (v, half) => normalCdf((v + half) / scale) - normalCdf((v - half) / scale);
  let conditional = 0;
  for (let m = -1_000_000; m <= 1_000_000; m++) {
    const v = m / 100;
    const fromA = m % 100 === 0 ? shareA * cell(v, 0.5) : 0;
    const total = fromA + (1 - shareA) * cell(v, 0.005);
    if (total > 0) conditional += total * h(fromA / total);
  }
  const truth = h(shareA) - conditional;
  assert.ok(Math.abs(truth - 0.665) < 0.002, `truth ${truth}`);
  const rng = new Rng(91);
  const x = [];
  const y = [];
  for (let i = 0; i < 1000; i++) {
    const z = scale * rng.normal();
    const a = rng.uniform() < shareA;
    x.push([a ? Math.round(z) : Math.round(z * 100) / 100]);
    y.push([a ? 1 : 0]);
  }
  for (const method of ["mine", "smile"]) {
    const result = await estimateMI(x, y, { method, seed: 1 });
    assertHonest(result, truth, `pooled instruments, ${method}`);
    assert.equal(result.trusted, false, `${method}: ${result.estimate.toFixed(3)} [${result.interval.map((v) => v.toFixed(3))}]`);
  }
});

test("identifiers that never repeat, and y set by their parity: residues apply to every column of whole numbers", async () => {
  // x distinct integers below 10⁹, y = 2·(x mod 2) + N(0, 1): the information of a two-level channel,
  // integrated; every method gave about 0, trusted, in most draws
  const density = (t, mu) => Math.exp(-((t - mu) ** 2) / 2) / Math.sqrt(2 * Math.PI);
  let truth = 0;
  const h = 12 / 24_000;
  for (let k = 0; k < 24_000; k++) {
    const t = -5 + (k + 0.5) * h;
    const [p0, p1] = [density(t, 0), density(t, 2)];
    const mixture = (p0 + p1) / 2;
    truth += ((p0 * Math.log(p0 / mixture) + p1 * Math.log(p1 / mixture)) / 2) * h;
  }
  for (const seed of [1, 2]) {
    const rng = new Rng(500 + seed);
    const ids = new Set();
    while (ids.size < 1000) ids.add(Math.floor(rng.uniform() * 1e9));
    const x = [...ids].map((id) => [id]);
    const y = x.map(([id]) => [2 * (id % 2) + rng.normal()]);
    for (const method of ["ksg", "mine"]) {
      const result = await estimateMI(x, y, { method, seed });
      assertHonest(result, truth, `identifier parity, seed ${seed}, ${method}`);
      assert.equal(result.trusted, false, `seed ${seed}, ${method}: ${result.estimate.toFixed(3)} [${result.interval.map((v) => v.toFixed(3))}]`);
    }
  }
});

test("the label-grouping bound stays below the MI: about 0 for independent labels, below log 2 for a shared parity", () => {
  const draws = 40;
  let aboveZero = 0;
  let aboveTruth = 0;
  for (let seed = 0; seed < draws; seed++) {
    const rng = new Rng(200 + seed);
    const x = Array.from({ length: 1000 }, () => uniformLabel(rng, 100));
    const y = Array.from({ length: 1000 }, () => uniformLabel(rng, 100));
    const bound = labelGroupingBound(column(x), column(y), seed);
    assert.ok(bound !== undefined, "labels on both sides are grouped");
    // a lower end above 0 claims dependence these independent labels do not have
    if (bound.estimate - 1.645 * bound.standardError > 0) aboveZero += 1;
    const parity = sharedParity(rng, 1000);
    const found = labelGroupingBound(column(parity.x), column(parity.y), seed);
    if (found.estimate - 1.645 * found.standardError > parity.truth) aboveTruth += 1;
    assert.ok(found.estimate > 0.3, `seed ${seed}: the parity is found (${found.estimate.toFixed(3)})`);
  }
  const allowed = binomialQuantile(draws, 0.05, 0.99);
  assert.ok(aboveZero <= allowed, `${aboveZero} of ${draws} independent draws claimed dependence (allowed ${allowed})`);
  assert.ok(aboveTruth <= allowed, `${aboveTruth} of ${draws} parity draws claimed more than log 2`);
});

test("continuous data and few labels leave the label-grouping bound out", () => {
  const rng = new Rng(5);
  const x = Array.from({ length: 500 }, () => rng.normal());
  const y = x.map((v) => v + rng.normal());
  assert.equal(labelGroupingBound(column(x), column(y), 1), undefined);
  const few = Array.from({ length: 500 }, () => uniformLabel(rng, 5));
  assert.equal(labelGroupingBound(column(few), column(few.map((v) => (v + 1) % 5)), 1), undefined);
});

/** h(p) in nats. */
const binaryEntropy = (p) => (p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p));

test("whole numbers read as digits, dates and timestamps: a digit sum's parity and a weekday among YYYYMMDD dates are lower bounds", async () => {
  // y a flag flipped with probability 0.1: the parity of a 5-digit identifier's digit sum (I = log 2 − h(0.1)),
  // or the weekend among days of 2019–2023 written YYYYMMDD (I = h(P(y = 1)) − h(0.1)); the values' own
  // residues say nothing of either, and MINE and SMILE gave about 0 with trusted intervals on every seed
  const flip = 0.1;
  const firstDay = Date.UTC(2019, 0, 1) / 864e5;
  const days = Date.UTC(2024, 0, 1) / 864e5 - firstDay;
  const weekend = (day) => [0, 6].includes(new Date(day * 864e5).getUTCDay());
  let weekendDays = 0;
  for (let d = 0; d < days; d++) if (weekend(firstDay + d)) weekendDays += 1;
  const share = (weekendDays / days) * (1 - flip) + (1 - weekendDays / days) * flip;
  const digitSum = (v) => [...String(v)].reduce((s, c) => s + Number(c), 0);
  const cases = [
    ["the parity of an identifier's digit sum", Math.log(2) - binaryEntropy(flip), (rng) => {
      const id = Math.floor(rng.uniform() * 100_000);
      return [id, digitSum(id) % 2];
    }],
    ["the weekend among dates written YYYYMMDD", binaryEntropy(share) - binaryEntropy(flip), (rng) => {
      const date = new Date((firstDay + Math.floor(rng.uniform() * days)) * 864e5);
      return [date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate(), weekend(date.getTime() / 864e5) ? 1 : 0];
    }],
  ];
  for (const [k, [what, truth, draw]] of cases.entries()) {
    const rng = new Rng(600 + k);
    const x = [];
    const y = [];
    for (let i = 0; i < 1000; i++) {
      const [value, flag] = draw(rng);
      x.push(value);
      y.push(rng.uniform() < flip ? 1 - flag : flag);
    }
    // the bound's standard error is about 0.03 at n = 1000: clearly above 0, and its lower end below the truth
    const bound = labelGroupingBound(column(x), column(y), 3);
    assert.ok(bound !== undefined && bound.estimate - 1.645 * bound.standardError > 0, `${what}: the bound ${bound?.estimate}`);
    assert.ok(bound.estimate - 1.645 * bound.standardError < truth, `${what}: the bound ${bound.estimate.toFixed(3)} ± ${bound.standardError.toFixed(3)} for ${truth.toFixed(3)}`);
    for (const method of ["mine", "smile"]) {
      const result = await estimateMI(x.map((v) => [v]), y.map((v) => [v]), { method, seed: 1 });
      assertHonest(result, truth, `${what}, ${method}`);
      assert.equal(result.trusted, false, `${what}, ${method}: ${result.estimate.toFixed(3)} [${result.interval.map((v) => v.toFixed(3))}] for ${truth.toFixed(3)}`);
    }
  }
});

test("reading whole numbers as digits, dates and timestamps claims no dependence between independent columns", () => {
  // identifiers, YYYYMMDD dates, epoch milliseconds at any time of day and amounts in cents, beside
  // independent flags and normal values: the bound's one-sided 95 % lower end above 0 at most as
  // often as 5 % allows
  const firstDay = Date.UTC(2019, 0, 1) / 864e5;
  const shapes = [
    (rng) => [Math.floor(rng.uniform() * 100_000), uniformLabel(rng, 2)],
    (rng) => {
      const date = new Date((firstDay + uniformLabel(rng, 1826)) * 864e5);
      return [date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate(), uniformLabel(rng, 2)];
    },
    (rng) => [(firstDay + uniformLabel(rng, 1826)) * 864e5 + uniformLabel(rng, 864e5), rng.normal()],
    (rng) => [100 * uniformLabel(rng, 5000), rng.normal()],
  ];
  const draws = 10;
  let above = 0;
  for (const [k, draw] of shapes.entries()) {
    for (let seed = 0; seed < draws; seed++) {
      const rng = new Rng(700 + 10 * k + seed);
      const pairs = Array.from({ length: 600 }, () => draw(rng));
      const bound = labelGroupingBound(column(pairs.map((p) => p[0])), column(pairs.map((p) => p[1])), seed);
      if (bound !== undefined && bound.estimate - 1.645 * bound.standardError > 0) above += 1;
    }
  }
  const allowed = binomialQuantile(shapes.length * draws, 0.05, 0.99);
  assert.ok(above <= allowed, `${above} of ${shapes.length * draws} independent draws claimed dependence (allowed ${allowed})`);
});

test("labels stored as reals with a Gaussian jitter of a quarter of their spacing (clusters that touch) are read as places on a lattice", async () => {
  // x = a + σN, y = 1000 + b + σN, b among the 50 labels of a's parity, σ = 0.25: the clusters touch, no gap
  // separates them, and KSG, MINE and SMILE gave about 0 with trusted intervals on every seed tried.
  // The truth: E log(2·(π_x π_y + (1 − π_x)(1 − π_y))), π the posterior probability of an odd label,
  // by Monte Carlo (200 000 draws; standard error about 0.002)
  const sd = 0.25;
  const odd = (v) => {
    let [o, t] = [0, 0];
    for (let k = Math.max(0, Math.round(v) - 6); k <= Math.min(99, Math.round(v) + 6); k++) {
      const w = Math.exp(-((v - k) ** 2) / (2 * sd * sd));
      t += w;
      if (k % 2) o += w;
    }
    return o / t;
  };
  const draw = (rng) => {
    const a = uniformLabel(rng, 100);
    return [a + sd * rng.normal(), 1000 + 2 * uniformLabel(rng, 50) + (a % 2) + sd * rng.normal()];
  };
  const mc = new Rng(801);
  let truth = 0;
  for (let i = 0; i < 200_000; i++) {
    const [u, v] = draw(mc);
    const [p, q] = [odd(u), odd(v - 1000)];
    truth += Math.log(2 * (p * q + (1 - p) * (1 - q))) / 200_000;
  }
  assert.ok(Math.abs(truth - 0.481) < 0.01, `truth ${truth}`);
  const rng = new Rng(802);
  const pairs = Array.from({ length: 1000 }, () => draw(rng));
  const [x, y] = [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
  // the bound's standard error is about 0.03: clearly above 0, its lower end below the truth
  const bound = labelGroupingBound(column(x), column(y), 2);
  assert.ok(bound.estimate - 1.645 * bound.standardError > 0, `the bound ${bound.estimate}`);
  assert.ok(bound.estimate - 1.645 * bound.standardError < truth, `the bound ${bound.estimate} ± ${bound.standardError}`);
  for (const method of ["ksg", "mine"]) {
    const result = await estimateMI(x.map((v) => [v]), y.map((v) => [v]), { method, seed: 1 });
    assertHonest(result, truth, `touching clusters, ${method}`);
    assert.equal(result.trusted, false, `${method}: ${result.estimate.toFixed(3)} [${result.interval.map((v) => v.toFixed(3))}] for ${truth.toFixed(3)}`);
  }
});
