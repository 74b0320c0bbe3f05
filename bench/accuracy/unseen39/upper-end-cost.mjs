// node bench/accuracy/unseen39/upper-end-cost.mjs [probes…] > upper-end-cost.txt: what the cross-check's new term (KSG's
// estimate with a third of the neighbours, where above its estimate, added to its upper end) can cost. For every trusted
// trained call on record (the coverage battery, and the named probes' jsonl whose sets sets.mjs redraws), the term on the
// call's data (ksgPointEstimate's fewerNeighborsAbove on all its rows, ties not broken: near what the cross-check reads)
// is about how far its interval's upper end can rise; a call can turn untrusted only where the old upper end plus that term
// passes estimate + 2·max(0, estimate) + 0.25 (neural.ts: an interval reaching past three times the estimate) and the old
// one did not. Counts per source, and those calls. With --term=slowerRateAbove, the same for what the bias's rate read
// from quarters of the samples adds to the upper end (ksg.ts, slowerRateBound).
import fs from "node:fs";
import { init } from "neural-mi";
import { ksgPointEstimate } from "neural-mi/dist/estimators/ksg.js";
import { toMatrix64 } from "neural-mi/dist/data/matrix.js";
import { coverageTasks } from "../coverage/tasks.mjs";

await init();
const TERM = (process.argv.find((a) => a.startsWith("--term=")) ?? "--term=fewerNeighborsAbove").slice("--term=".length);
const PROBES = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const TRAINED = new Set(["mine", "mine-f", "minee", "infonce", "smile", "estimateMI"]);
const drifts = new Map();
async function driftOf(key, draw) {
  if (!drifts.has(key)) {
    const { x, y } = draw();
    let d;
    try { d = ksgPointEstimate(toMatrix64(x, "x"), toMatrix64(y, "y"), { seed: 0 })[TERM]; } catch { d = NaN; }
    drifts.set(key, d);
  }
  return drifts.get(key);
}
async function scan(name, calls, drawOf) {
  let trusted = 0, held = 0, could = 0, sum = 0, counted = 0;
  const turns = [];
  for (const c of calls) {
    const draw = drawOf(c);
    if (draw === undefined) continue;
    trusted++;
    const d = await driftOf(draw.key, draw.draw);
    if (!Number.isFinite(d)) continue;
    counted++; sum += d;
    const limit = c.estimate + 2 * Math.max(0, c.estimate) + 0.25;
    if (c.hi <= limit && c.hi + d > limit) { could++; turns.push(`${c.set ?? c.task} ${c.method} s${c.seed}: ${c.estimate.toFixed(3)} [.., ${c.hi.toFixed(3)}] + ${d.toFixed(3)}`); }
    if (c.lo <= c.truth && c.truth <= c.hi) held++;
  }
  console.log(`${name.padEnd(12)} trusted trained calls ${trusted} (held ${held}), term on average ${(sum / Math.max(1, counted)).toFixed(4)}, could turn untrusted ${could}`);
  for (const t of turns) console.log(`  ${t}`);
}
const lines = (f) => fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
// the coverage battery
const tasks = coverageTasks();
await scan("coverage", lines(new URL("../coverage/calls.jsonl", import.meta.url)).filter((c) => c.trusted && TRAINED.has(c.method)), (c) => {
  const k = tasks.findIndex((t) => t.name === c.task);
  return k < 0 ? undefined : { key: `coverage ${c.task} ${c.seed}`, draw: () => tasks[k].task.sample(tasks[k].n, 1000 * k + c.seed) };
});
// earlier probes
for (const probe of PROBES) {
  const { SETS } = await import(`../${probe}/sets.mjs`);
  const dir = new URL(`../${probe}/`, import.meta.url);
  const calls = fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl")).flatMap((f) => lines(new URL(f, dir))).filter((c) => c.trusted && TRAINED.has(c.method) && Number.isFinite(c.hi));
  const seen = new Set();
  const unique = calls.filter((c) => { const k = `${c.set} ${c.method} ${c.seed} ${c.estimate}`; if (seen.has(k)) return false; seen.add(k); return true; });
  await scan(probe, unique, (c) => {
    const set = SETS.find((s) => s.name === c.set);
    return set === undefined ? undefined : { key: `${probe} ${c.set} ${c.seed}`, draw: () => set.sample(c.seed) };
  });
}
