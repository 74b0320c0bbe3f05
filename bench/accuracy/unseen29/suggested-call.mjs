// node bench/accuracy/unseen29/suggested-call.mjs > suggested-call.txt: the call the refusals at n = 20 now name,
// estimateMI(x, y, { method: "ksg", neighbors: 2 }), on the n = 20 set (seeds 0–3) and on its first 12 rows with the
// neighbors named there (1): right within the interval, or untrusted?
import { init, estimateMI } from "neural-mi";
import { SETS } from "./sets.mjs";

await init();
const set = SETS.find((s) => s.name.endsWith("-n20"));
for (const [rows, neighbors] of [[20, 2], [12, 1]]) {
  for (let seed = 0; seed < 4; seed++) {
    const { x, y } = set.sample(seed);
    const r = await estimateMI(x.slice(0, rows), y.slice(0, rows), { method: "ksg", neighbors, seed });
    const [lo, hi] = r.interval;
    const verdict = !r.trusted ? "untrusted" : lo <= set.truth && set.truth <= hi ? "ok" : "SILENT-WRONG";
    console.log(`n = ${rows}, neighbors ${neighbors}, seed ${seed}: ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] for ${set.truth.toFixed(3)}, ${verdict}${r.trusted ? "" : ` (${r.warnings[0].slice(0, 90)}…)`}`);
  }
}
