// node bench/accuracy/unseen3/neighbour-bound-scan.mjs: the neighbour lower bound against the truth on every task of the
// benchmark and the four batteries (their default n) and every set of the second and third probes, seeds 0–2: a lower
// bound must not sit clearly above the truth (the data as the estimators see them: constant columns dropped, duplicated
// records kept once) (z = (bound − truth)/s.e. > 1.645 would be a false alarm waiting to happen).
import { createRequire } from "node:module";
import { MI_TASKS, ADVERSARIAL_TASKS, HELD_OUT_TASKS, FRESH_TASKS, UNSEEN_TASKS } from "neural-mi";
import { SETS as SETS2 } from "../../../tests/lib/unseen2-sets.mjs";
import { SETS as SETS3 } from "../../../tests/lib/unseen3-sets.mjs";
const require = createRequire(import.meta.url);
const { neighbourLowerBound } = require("../../../lib/dist/estimators/neighbour-bound.js");
const { withoutConstantColumns } = require("../../../lib/dist/estimators/standardise.js");
const { withoutDuplicatedRecords } = require("../../../lib/dist/estimators/duplicates.js");
const m64 = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
const pattern = new RegExp(process.argv[2] ?? ".");
let worst = -Infinity;
const check = (name, truth, seed, { x, y }) => {
  if (!pattern.test(name)) return;
  // as the estimators see the data: constant columns dropped, duplicated records kept once
  const kept = withoutDuplicatedRecords(withoutConstantColumns(m64(x.map((r) => Array.from(r))), "x").matrix, withoutConstantColumns(m64(y.map((r) => Array.from(r))), "y").matrix);
  const b = neighbourLowerBound(kept.x, kept.y, seed + 1);
  if (b === undefined) return console.log(`${name.padEnd(40)} s${seed} none`);
  const z = (b.estimate - truth) / b.standardError;
  worst = Math.max(worst, Number.isFinite(z) ? z : -Infinity);
  console.log(`${name.padEnd(40)} s${seed} bound ${b.estimate.toFixed(3)} ± ${b.standardError.toFixed(3)} truth ${truth.toFixed(3)} z ${z.toFixed(2)}${z > 1.645 ? "  ABOVE" : ""}`);
};
for (const t of [...MI_TASKS, ...ADVERSARIAL_TASKS, ...HELD_OUT_TASKS, ...FRESH_TASKS, ...UNSEEN_TASKS]) {
  for (const seed of [0, 1, 2]) check(t.name, t.mutualInformation(), seed, t.sample(t.defaultSampleSize, seed));
}
for (const s of [...SETS2, ...SETS3]) for (const seed of [0, 1, 2]) check(s.name, s.truth, seed, s.sample(seed));
console.log(`largest z: ${worst.toFixed(2)}`);
