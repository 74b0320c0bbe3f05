// node bench/accuracy/unseen30/extended-coverage.mjs [out.jsonl]: the coverage battery's calls that were untrusted as "still
// rising" (../coverage/calls.jsonl) run again with the library's defaults, now that such a default budget is extended: is
// the newly trusted interval right? The data and seeds are the battery's (../coverage/run.mjs). Calls already in out.jsonl
// are skipped (a run can be resumed).
import fs from "node:fs";
import { init, estimateMI } from "neural-mi";
import { coverageTasks } from "../coverage/tasks.mjs";

const here = new URL(".", import.meta.url).pathname;
const [out = `${here}extended-coverage.jsonl`] = process.argv.slice(2);
const tasks = coverageTasks();
const key = (call) => `${call.task} ${call.method} ${call.seed}`;
const done = new Set(fs.existsSync(out) ? fs.readFileSync(out, "utf8").trim().split("\n").filter(Boolean).map((line) => key(JSON.parse(line))) : []);
const calls = fs
  .readFileSync(`${here}../coverage/calls.jsonl`, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line))
  .filter((call) => call.warnings?.some((w) => w.includes("still rising")) && !done.has(key(call)));

await init();
for (const call of calls) {
  const k = tasks.findIndex((t) => t.name === call.task);
  const { x, y } = tasks[k].task.sample(tasks[k].n, 1000 * k + call.seed);
  const t0 = Date.now();
  const r = await estimateMI(x, y, { method: call.method, seed: 50000 + call.seed });
  const [lo, hi] = r.interval;
  const held = lo <= call.truth && call.truth <= hi;
  const line = {
    task: call.task, method: call.method, seed: call.seed, truth: call.truth,
    before: { estimate: call.estimate, lo: call.lo, hi: call.hi, trusted: call.trusted },
    estimate: r.estimate, lo, hi: Number.isFinite(hi) ? hi : null, trusted: r.trusted, held,
    steps: r.diagnostics.steps, stoppedBecause: r.diagnostics.stoppedBecause, budgetExtended: r.diagnostics.budgetExtended ?? null,
    warnings: r.trusted ? undefined : r.warnings.map((w) => w.slice(0, 160)), s: (Date.now() - t0) / 1000,
  };
  fs.appendFileSync(out, JSON.stringify(line) + "\n");
  console.log(`${key(call).padEnd(36)} ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] ${r.trusted ? "trusted" : "untrusted"} truth ${call.truth.toFixed(3)} ${held ? "held" : "MISSED"} steps ${line.steps}${line.budgetExtended ? " (extended)" : ""} ${line.s}s`);
}
