// node bench/accuracy/unseen39/scan.mjs [seeds] [set pattern] [--family=2]: the Dirichlet shares' family (family.mjs, or
// family2.mjs with --family=2) through KSG as the
// cross-check of trained estimates reads it (ksgPointEstimate): per set, the truth, KSG's mean, its mean on quarters and
// halves of the samples (the rate its bias shrinks at: log₂ of the change from n/4 to n/2 over the change from n/2 to n),
// the cross-check's upper end on average and how often it reaches the truth (below it, a trained estimate that KSG does
// not clearly pass is trusted and wrong).
import { init } from "neural-mi";
import { ksgPointEstimate } from "neural-mi/dist/estimators/ksg.js";
import { toMatrix64, selectRows64 } from "neural-mi/dist/data/matrix.js";
import { FAMILY } from "./family.mjs";
import { FAMILY2 } from "./family2.mjs";
import { rng } from "./sets.mjs";

await init();
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const family = process.argv.includes("--family=2") ? FAMILY2 : FAMILY;
const seeds = (args[0] ?? "0,1,2,3,4,5,6,7").split(",").map(Number);
const re = new RegExp(args[1] ?? ".");
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
for (const set of family.filter((s) => re.test(s.name))) {
  const rows = [];
  for (const seed of seeds) {
    const { x, y } = set.sample(seed);
    const [mx, my] = [toMatrix64(x, "x"), toMatrix64(y, "y")];
    const k = ksgPointEstimate(mx, my, { seed });
    const order = Array.from({ length: mx.rows }, (_, i) => i);
    const r = rng(7 + seed);
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(r.u() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    const on = (parts) => mean(Array.from({ length: parts }, (_, p) => { const rs = order.filter((_, i) => i % parts === p); return ksgPointEstimate(selectRows64(mx, rs), selectRows64(my, rs)).estimate; }));
    rows.push({ est: k.estimate, up: k.upperEnd, q: on(4), h: on(2) });
  }
  const m = (f) => mean(rows.map(f));
  const c1 = m((r) => r.h - r.q), c2 = m((r) => r.est - r.h);
  const rate = c1 > 0 && c2 > 0 ? Math.log2(c1 / c2) : NaN;
  const reach = rows.filter((r) => r.up >= set.truth).length;
  console.log(`${set.name.padEnd(family === FAMILY ? 44 : 50)} truth ${set.truth.toFixed(3)}  KSG n/4 ${m((r) => r.q).toFixed(3)} n/2 ${m((r) => r.h).toFixed(3)} n ${m((r) => r.est).toFixed(3)}  rate ${rate.toFixed(2)}  upper end ${m((r) => r.up).toFixed(3)}, reaches the truth in ${reach} of ${rows.length}`);
}
