// node bench/accuracy/unseen31/strongest-bound-change.mjs [first probe] [last probe]: where the rows' norms bound, added to
// the strongest lower bound, displaces another bound as the strongest (a higher estimate less standard error) on the
// probes' sets (seeds 0 and 1), whether the displaced bound was clearly above a recorded call's estimate (1.645 standard
// errors of the difference) while the norms' is not: such a call would lose the reason that untrusted it.
import { normLowerBound } from "neural-mi/dist/estimators/norm-bound.js";
import { strongestLowerBound, projectionLowerBound } from "neural-mi/dist/estimators/projection-bound.js";
import { neighbourLowerBound } from "neural-mi/dist/estimators/neighbour-bound.js";
import { coordinatePairBound, orthantBound } from "neural-mi/dist/estimators/coordinate-bounds.js";
import { labelGroupingBound } from "neural-mi/dist/estimators/label-bound.js";
import { gridLowerBound } from "neural-mi/dist/estimators/grid-bound.js";
import { frequentLabelsBound } from "neural-mi/dist/estimators/rare-labels.js";
import { regressionLowerBound } from "neural-mi/dist/estimators/regression-bound.js";
import { offsetSeed } from "neural-mi/dist/random/rng.js";
import { probesWithRecords } from "../probe-records.mjs";

const [first = 2, last = 31] = process.argv.slice(2).map(Number);
const toMatrix = (rows) => {
  const r = Array.from(rows, (row) => (typeof row === "number" ? [row] : Array.from(row)));
  return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length };
};
const clearlyAbove = (bound, r) => bound.estimate - r.estimate > 1.645 * Math.hypot(bound.standardError, (r.estimate - r.lo) / 1.96);
let displaced = 0, lost = 0, sets = 0;
for await (const { probe, sets: probeSets, records } of probesWithRecords(first, last)) {
  for (const set of probeSets) {
    for (const seed of [0, 1]) {
      let mx, my;
      try {
        const d = set.sample(seed);
        [mx, my] = [toMatrix(d.x), toMatrix(d.y)];
        if (!mx.values.every(Number.isFinite) || !my.values.every(Number.isFinite)) continue;
      } catch { continue; }
      const norm = normLowerBound(mx, my, 1);
      if (norm === undefined) continue;
      sets += 1;
      const strongest = strongestLowerBound(mx, my, 1);
      if (strongest === undefined || !/distances of x and of y/.test(strongest.description)) continue;
      // the strongest without the norms' bound: every other one, the norms' left out by asking for the next best
      const others = strongestLowerBoundWithout(mx, my);
      if (others === undefined) continue;
      displaced += 1;
      const calls = records.filter((r) => r.set === set.name && r.seed === seed && Number.isFinite(r.estimate) && Number.isFinite(r.lo) && r.lo < r.estimate);
      const losing = calls.filter((r) => clearlyAbove(others, r) && !clearlyAbove(norm, r));
      lost += losing.length;
      console.log(`${probe} ${set.name} seed ${seed}: norms ${norm.estimate.toFixed(3)} ± ${norm.standardError.toFixed(3)} displace ${others.estimate.toFixed(3)} ± ${others.standardError.toFixed(3)}; ${calls.length} calls, ${losing.length} would lose the displaced bound's reason`);
    }
  }
}
console.log(`the norms' bound defined on ${sets} draws, the strongest on ${displaced}; ${lost} recorded calls would lose a bound's reason`);

/** the strongest bound as before the norms' was added: projection-bound.ts's list and seeds (seed 1), less the norms' */
function strongestLowerBoundWithout(x, y, seed = 1) {
  const bounds = [neighbourLowerBound(x, y, seed), projectionLowerBound(x, y, seed), coordinatePairBound(x, y, offsetSeed(seed, 2)), orthantBound(x, y, offsetSeed(seed, 3)), labelGroupingBound(x, y, offsetSeed(seed, 4)), gridLowerBound(x, y, offsetSeed(seed, 5)), frequentLabelsBound(x, y, offsetSeed(seed, 6)), regressionLowerBound(x, y, offsetSeed(seed, 7))].filter((b) => b !== undefined);
  return bounds.reduce((best, b) => (best === undefined || b.estimate - b.standardError > best.estimate - best.standardError ? b : best), undefined);
}
