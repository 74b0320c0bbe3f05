// node bench/accuracy/unseen3/near-copy-scan.mjs: which data sets the near-copy check flags: every task of the
// four batteries and the benchmark (seeds 0–2, their default n), and the sets of the second and third probes (seeds 0–2).
import { createRequire } from "node:module";
import { MI_TASKS, ADVERSARIAL_TASKS, HELD_OUT_TASKS, FRESH_TASKS, UNSEEN_TASKS } from "neural-mi";
import { SETS as SETS2 } from "../../../tests/lib/unseen2-sets.mjs";
import { SETS as SETS3 } from "../../../tests/lib/unseen3-sets.mjs";
const require = createRequire(import.meta.url);
const { nearCopiesWarning } = require("../../../lib/dist/estimators/standardise.js");
const m64 = (rows) => ({ values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });
let flagged = 0, total = 0;
const check = (name, seed, { x, y }) => {
  total++;
  const w = nearCopiesWarning(m64(x.map((r) => Array.from(r))), m64(y.map((r) => Array.from(r))), seed);
  if (w !== undefined) { flagged++; console.log(`FLAGGED ${name} seed ${seed}: ${w.slice(0, 60)}`); }
};
for (const t of [...MI_TASKS, ...ADVERSARIAL_TASKS, ...HELD_OUT_TASKS, ...FRESH_TASKS, ...UNSEEN_TASKS]) {
  for (const seed of [0, 1, 2]) check(t.name, seed, t.sample(t.defaultSampleSize, seed));
}
for (const s of [...SETS2, ...SETS3]) for (const seed of [0, 1, 2]) check(s.name, seed, s.sample(seed));
console.log(`${flagged} of ${total} samples flagged`);
