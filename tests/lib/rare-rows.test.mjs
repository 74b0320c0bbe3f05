// A dependence held by a few rows: x = a + S·B, y = b + S·B, a, b ~ N(0, 1), B ~ Bernoulli(0.01), S ~ N(0, 10²), 0.055
// nats in about ten rows of a thousand (bench/accuracy/unseen34, unseen35). KSG's neighbours and the critics average those
// rows away, and the columns' tails are too light for the heavy-tail checks: KSG gave about 0 with trusted intervals ending
// at 0.03–0.05. The rows extreme in both x and y (lib/src/estimators/co-extreme.ts) must now either widen the interval to
// the truth or untrust it, naming the cause; with the same margins and no dependence (a shock in x only, another in y
// only) they must not alarm.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, estimateMI, Rng } from "neural-mi";
import { coExtremeBound, rareRowsDisagreement } from "neural-mi/dist/estimators/co-extreme.js";
import { binomialQuantile } from "./promise.mjs";

before(async () => {
  await init();
});

const SHARE = 0.01;
const SD = 10;
const normal = (v, s = 1) => Math.exp(-0.5 * (v / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
/** the shock's MI by a midpoint rule in asinh coordinates (600²; the probe's 2400² agrees to 1e-4) */
function shockTruth(m = 600) {
  const v = SD * SD, det = (1 + v) ** 2 - v * v;
  const margin = (t) => (1 - SHARE) * normal(t) + SHARE * normal(t, Math.sqrt(1 + v));
  const joint = (x, y) => (1 - SHARE) * normal(x) * normal(y) + (SHARE * Math.exp((-0.5 * ((1 + v) * (x * x + y * y) - 2 * v * x * y)) / det)) / (2 * Math.PI * Math.sqrt(det));
  return asinhMidpointMI(joint, margin, Math.asinh(14 * Math.sqrt(1 + v)), m);
}

/** ∫∫ p log(p/(f(x)f(y))) by an m × m midpoint rule in s = asinh(x), t = asinh(y) over ±L (fine near 0, wide in the shocks' range) */
function asinhMidpointMI(joint, margin, L, m) {
  const h = (2 * L) / m;
  let s = 0;
  for (let i = 0; i < m; i++) {
    const x = Math.sinh(-L + (i + 0.5) * h), jx = Math.cosh(-L + (i + 0.5) * h), px = margin(x);
    for (let j = 0; j < m; j++) {
      const y = Math.sinh(-L + (j + 0.5) * h), p = joint(x, y);
      if (p > 1e-300) s += p * Math.log(p / (px * margin(y))) * jx * Math.cosh(-L + (j + 0.5) * h);
    }
  }
  return s * h * h;
}

function shocks(seed, shared) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < 1000; i++) {
    const shock = () => (rng.uniform() < SHARE ? SD * rng.normal() : 0);
    const s = shock();
    x.push([rng.normal() + s]);
    y.push([rng.normal() + (shared ? s : shock())]);
  }
  return { x, y };
}

test("a shock shared by 1 % of the rows is not reported as about 0, trusted", async () => {
  const truth = shockTruth();
  assert.ok(Math.abs(truth - 0.0547) < 0.001, `the quadrature gives ${truth}`);
  let misses = 0;
  let named = 0;
  const draws = 12;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = shocks(3600 + seed, true);
    const result = await estimateMI(x, y, { method: "ksg", seed });
    if (result.trusted && !(result.interval[0] <= truth && truth <= result.interval[1])) misses += 1;
    if (!result.trusted && result.warnings.some((w) => /extreme in both x and y/.test(w))) named += 1;
  }
  // a 95 % interval may miss 1 call in 20; more than the binomial's 99.9 % point is a rule failing
  assert.ok(misses <= binomialQuantile(draws, 0.05, 0.999), `${misses} of ${draws} trusted intervals miss ${truth.toFixed(3)}`);
  assert.ok(named > 0, "no call named the rows extreme in both x and y");
});

test("independent shocks in x and in y (the same margins) do not alarm the rows-extreme-in-both rule", async () => {
  let alarms = 0;
  const draws = 12;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = shocks(3700 + seed, false);
    const result = await estimateMI(x, y, { method: "ksg", seed });
    if (result.warnings.some((w) => /extreme in both x and y/.test(w))) alarms += 1;
  }
  // none on 100 draws of each null tried (co-extreme.ts); chance allows the binomial's 99.9 % point at 5 %
  assert.ok(alarms <= binomialQuantile(draws, 0.05, 0.999), `${alarms} of ${draws} independent draws alarmed`);
});

test("the rows-extreme-in-both bound names the shocked columns as every other warning does, counted from 0", () => {
  // 3 + 3, the sd-10 shock in 3 % of the rows into x's column 2 and y's column 1 (0-based, as diagnostics.screenedColumns and the
  // other warnings count): the bound used to name them "column 3 of x and column 2 of y" (unseen36)
  const rng = new Rng(3636);
  const n = 1000;
  const x = new Float64Array(3 * n);
  const y = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) {
      x[3 * i + c] = rng.normal();
      y[3 * i + c] = rng.normal();
    }
    if (rng.uniform() < 0.03) {
      const s = SD * rng.normal();
      x[3 * i + 2] += s;
      y[3 * i + 1] += s;
    }
  }
  const bound = coExtremeBound({ values: x, rows: n, cols: 3 }, { values: y, rows: n, cols: 3 }, 1);
  assert.ok(bound !== undefined && bound.estimate > 1.645 * bound.standardError, "the bound does not see a shock in 3 % of the rows");
  assert.match(bound.description, /column 2 of x and column 1 of y/);
});

// Readings 0 in 60 % of the rows (spend, rainfall), N(0, 1) in the rest, a shock shared by 1 %: x = u + B·(S + e),
// y = v + B·(S + e'). More than half of each column is its median, so the MAD is 0, and the bound was undefined on every
// draw: MINE was trusted at about 0 for 0.055 (bench/accuracy/unseen36; Rng 3694 here, −0.002 [−0.014, 0.054]).
const ZERO = 0.6;
function zeroShock(seed) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < 1000; i++) {
    let u = rng.uniform() < ZERO ? 0 : rng.normal();
    let v = rng.uniform() < ZERO ? 0 : rng.normal();
    if (rng.uniform() < SHARE) {
      const s = SD * rng.normal();
      u += s + rng.normal();
      v += s + rng.normal();
    }
    x.push([u]);
    y.push([v]);
  }
  return { x, y };
}
/** its MI: both 0 (a mass), one 0 (twice a 1-D rule), neither (a 2-D rule in asinh coordinates over five Gaussians) */
function zeroShockTruth(m = 600) {
  const v = SD * SD, q = 1 - ZERO, atom = (1 - SHARE) * ZERO, both = atom * ZERO;
  const comps = [[(1 - SHARE) * q * q, 1, 1, 0]];
  for (const [wx, ax] of [[ZERO, 0], [q, 1]]) for (const [wy, ay] of [[ZERO, 0], [q, 1]]) comps.push([SHARE * wx * wy, v + 1 + ax, v + 1 + ay, v]);
  const joint = (a, b) => comps.reduce((t, [w, vx, vy, c]) => { const det = vx * vy - c * c; return t + (w * Math.exp((-0.5 * (vy * a * a - 2 * c * a * b + vx * b * b)) / det)) / (2 * Math.PI * Math.sqrt(det)); }, 0);
  const f = (t) => (1 - SHARE) * q * normal(t) + SHARE * (ZERO * normal(t, Math.sqrt(v + 1)) + q * normal(t, Math.sqrt(v + 2)));
  const one = (t) => atom * q * normal(t);
  let i0c = 0;
  for (let k = 0; k < 4000; k++) { const t = -12 + (24 * (k + 0.5)) / 4000; i0c += one(t) * Math.log(one(t) / (atom * f(t))) * (24 / 4000); }
  return both * Math.log(both / (atom * atom)) + 2 * i0c + asinhMidpointMI(joint, f, Math.asinh(14 * Math.sqrt(v + 2)), m);
}

test("readings 0 in most rows (MAD 0) with a shock shared by 1 %: the rows extreme in both are read", async () => {
  const truth = zeroShockTruth();
  assert.ok(Math.abs(truth - 0.0546) < 0.001, `the quadrature gives ${truth}`);
  const matrix = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: 1 });
  let shown = 0;
  const draws = 8;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = zeroShock(3690 + seed);
    const bound = coExtremeBound(matrix(x), matrix(y), 1);
    if (bound !== undefined && bound.estimate > 1.645 * bound.standardError) shown += 1;
  }
  // clearly above 0 in 20 of 20 of the probe's draws; more than half here
  assert.ok(shown > draws / 2, `the bound is clearly above 0 in ${shown} of ${draws} draws`);
  const { x, y } = zeroShock(3694);
  const result = await estimateMI(x, y, { method: "mine", seed: 4 });
  assert.ok(!result.trusted || (result.interval[0] <= truth && truth <= result.interval[1]), `MINE trusted at ${result.estimate.toFixed(3)} [${result.interval.map((v) => v.toFixed(3)).join(", ")}] for ${truth.toFixed(4)}`);
});

// The bound read only the first five columns a side: the sd-10 shock shared by 1 % in the sixth columns of 6 + 6 or the
// 30th of 40 + 40 was never clearly above 0 (0 of 40 draws each; bench/accuracy/unseen36/co-extreme-columns.mjs). Every
// column is read now (the pairs' co-extreme counts kept sparse), and the permutations take the maximum over all pairs, so
// independent heavy-tailed columns in 40 + 40 still do not alarm (0 of 100 draws of t(2) and of t(3)).
function manyColumns(seed, d, nu, shocked) {
  const rng = new Rng(seed);
  const n = 1000;
  const side = () => {
    const v = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) {
      let chi = 0;
      for (let k = 0; k < nu; k++) chi += rng.normal() ** 2;
      v[i] = rng.normal() / (nu > 0 ? Math.sqrt(chi / nu) : 1);
    }
    return { values: v, rows: n, cols: d };
  };
  const x = side();
  const y = side();
  if (shocked !== undefined) {
    for (let i = 0; i < n; i++) {
      if (rng.uniform() < SHARE) {
        const s = SD * rng.normal();
        x.values[i * d + shocked] += s;
        y.values[i * d + shocked] += s;
      }
    }
  }
  return { x, y };
}

test("a shock shared by 1 % in the 30th columns of 40 + 40 is read, and independent t(2) columns in 40 + 40 do not alarm", () => {
  const draws = 6;
  let shown = 0;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = manyColumns(3800 + seed, 40, 0, 29);
    const bound = coExtremeBound(x, y, 1);
    if (bound !== undefined && bound.estimate > 1.645 * bound.standardError) {
      shown += 1;
      assert.match(bound.description, /column 29 of x and column 29 of y/);
    }
  }
  // clearly above 0 in 33 of 40 draws of the scan (0 of 40 before); more than half here
  assert.ok(shown > draws / 2, `the bound is clearly above 0 in ${shown} of ${draws} draws`);
  const { x, y } = manyColumns(3806, 6, 0, 5);
  const sixth = coExtremeBound(x, y, 1);
  assert.ok(sixth !== undefined && sixth.estimate > 1.645 * sixth.standardError, "the bound does not see a shock in the sixth columns of 6 + 6");
  let alarms = 0;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = manyColumns(3810 + seed, 40, 2);
    const bound = coExtremeBound(x, y, 1);
    if (bound !== undefined && bound.estimate > 1.645 * bound.standardError) alarms += 1;
  }
  // none in 100 draws of the scan; chance allows the binomial's 99.9 % point at 5 %
  assert.ok(alarms <= binomialQuantile(draws, 0.05, 0.999), `${alarms} of ${draws} independent t(2) draws alarmed`);
});

// Few shock rows: the sd-20 shock shared by 0.4 % of the rows, four expected in 1000 (0.031 nats, bench/accuracy/unseen36).
// Two or three rows far out in both hold it; the table's standard error is then as large as the bound (0.014 ± 0.009),
// which was not clearly above 0 and left estimates of about 0 trusted (MINE on unseen35's sign-flipped shock at seed 3,
// 0.000 [−0.059, 0.042] for 0.055). Those rows are far beyond chance all the same: how rarely independence puts so many
// rows beyond a cut in both (hypergeometric given the margins, every count tried included) now shows the dependence.
function fewShocks(seed) {
  const rng = new Rng(seed);
  const n = 1000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = rng.uniform() < 0.004 ? 20 * rng.normal() : 0;
    x[i] = rng.normal() + s;
    y[i] = rng.normal() + s;
  }
  return { x: { values: x, rows: n, cols: 1 }, y: { values: y, rows: n, cols: 1 } };
}

test("four expected shock rows in 1000: an estimate of about 0 loses trust when the rows beyond a cut in both are far beyond chance", async () => {
  const draws = 200;
  let flagged = 0;
  let byCount;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = fewShocks(3900 + seed);
    const bound = coExtremeBound(x, y, 1);
    // the estimators give about 0 there (unseen36: −0.003 to 0.022)
    const check = rareRowsDisagreement(bound, 0);
    if (check.reason === undefined) continue;
    flagged += 1;
    if (!(bound.estimate > 1.645 * bound.standardError)) byCount ??= { seed: 3900 + seed, reason: check.reason };
  }
  // the bound alone (clearly above 0) flagged 131 of 200 such draws in the scan, the count 172: more than the binomial's
  // 99.9 % point at the bound's rate here
  assert.ok(flagged > binomialQuantile(draws, 131 / 200, 0.999), `the rule flagged ${flagged} of ${draws} draws`);
  assert.match(byCount.reason, /\d+ rows are beyond [\d.]+ robust standard deviations in both x and y where independence gives/);
  // through estimateMI: that draw is not trusted and wrong
  const { x, y } = fewShocks(byCount.seed);
  const result = await estimateMI(Array.from(x.values, (v) => [v]), Array.from(y.values, (v) => [v]), { method: "ksg", seed: 0 });
  assert.ok(!result.trusted || (result.interval[0] <= 0.031 && 0.031 <= result.interval[1]), `KSG trusted at ${result.estimate.toFixed(3)} [${result.interval.map((v) => v.toFixed(3)).join(", ")}]`);
});

test("independent Cauchy pairs: the count of rows beyond a cut in both is rarely that rare", () => {
  // a chance below 0.001 by construction (Bonferroni over every count): 1 of 1000 draws of t(2) and of t(1) in the scan
  const draws = 300;
  let rare = 0;
  for (let seed = 0; seed < draws; seed++) {
    const rng = new Rng(3950 + seed);
    const t1 = () => rng.normal() / Math.abs(rng.normal());
    const x = Float64Array.from({ length: 1000 }, t1);
    const y = Float64Array.from({ length: 1000 }, t1);
    const bound = coExtremeBound({ values: x, rows: 1000, cols: 1 }, { values: y, rows: 1000, cols: 1 }, 1);
    if (bound !== undefined && bound.coincidence < 0.001) rare += 1;
  }
  assert.ok(rare <= binomialQuantile(draws, 0.001, 0.999), `${rare} of ${draws} independent Cauchy draws had a count that rare`);
});
