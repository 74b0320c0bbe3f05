// The lower bound from the rows' norms (lib/src/estimators/norm-bound.ts): with three coordinates or more, the
// information between ‖x‖ and ‖y‖ (columns scaled on one half, measured on the other) bounds the MI from below. A shared
// volatility regime, x = σ·ε and y = σ·ε′ in 3 + 3 columns with σ = 0.3 or 3 at ½ (0.636 nats), gave InfoNCE 0.240
// [0.055, 0.606], trusted (bench/accuracy/unseen31): no coordinate is correlated with any other, and every other bound
// and the critics saw little of a dependence that sits in how far the rows spread.
import { test } from "node:test";
import assert from "node:assert/strict";
import { normLowerBound } from "neural-mi/dist/estimators/norm-bound.js";
import { consistentEstimatorDisagreement } from "neural-mi/dist/estimators/cross-check.js";
import { strongestLowerBound } from "neural-mi/dist/estimators/projection-bound.js";
import { otherGenerator } from "./other-generator.mjs";
import { binomialQuantile } from "./promise.mjs";

const matrix = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
const REGIME_TRUTH = 0.636; // bench/accuracy/unseen31/check-truths.txt: a radial quadrature, and 0.6357 ± 0.0006 by Monte Carlo

/** The probe's draw: per row a scale 0.3 or 3 (chance ½) shared by d columns of x and d of y; `shared: false` draws y's scale apart (MI 0). */
function volatilityRegime(n, d, seed, shared = true) {
  const { uniform, normal } = otherGenerator(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const s = uniform() < 0.5 ? 0.3 : 3;
    const t = shared ? s : uniform() < 0.5 ? 0.3 : 3;
    x.push(Array.from({ length: d }, () => s * normal()));
    y.push(Array.from({ length: d }, () => t * normal()));
  }
  return { x: matrix(x), y: matrix(y) };
}

test("a shared volatility regime in 3 + 3 columns: InfoNCE's trusted 0.240 of the probe is clearly below the norms' bound, which stays below the MI", () => {
  const { x, y } = volatilityRegime(1000, 3, 3109000);
  const bound = strongestLowerBound(x, y, 1);
  assert.match(bound.description, /distances of x and of y from their centres/);
  assert.ok(bound.estimate > 0.45 && bound.estimate - bound.standardError < REGIME_TRUTH, `${bound.estimate} ± ${bound.standardError}`);
  // the trained result stubbed: InfoNCE's estimate and standard error, (estimate − lower end)/1.96, at n = 1000, seed 0
  const check = consistentEstimatorDisagreement({ bound }, 0.24, (0.24 - 0.055) / 1.96);
  assert.match(check.reason ?? "", /how far the rows spread/);
});

test("independent regimes on the two sides (MI 0, strong spread on each): the norms' bound is clearly above 0 at most as often as a 5 % test allows", () => {
  const draws = 20;
  let above = 0;
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = volatilityRegime(500, 3, 3190000 + seed, false);
    const bound = normLowerBound(x, y, seed);
    if (bound.estimate > 1.645 * bound.standardError) above++;
  }
  assert.ok(above <= binomialQuantile(draws, 0.05, 0.99), `${above} of ${draws}`);
});
