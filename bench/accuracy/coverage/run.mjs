// node bench/accuracy/coverage/run.mjs <method> <task pattern> <seeds> [out.jsonl] [budget seconds] [first seed]
// Coverage of trusted intervals on simple tasks with exact truths: one line per call
// { task, n, method, seed, truth, estimate, lo, hi, trusted, held, seconds, warnings (untrusted calls) }.
// Data seed 1000·k + seed (k the task's index), estimator seed 50 000 + seed: distinct streams.
import { appendFileSync } from "fs";
import * as mi from "neural-mi";
import { coverageTasks } from "./tasks.mjs";

const TASKS = coverageTasks();

const [method = "ksg", pattern = ".", seedsArg = "20", out = "bench/accuracy/coverage/calls.jsonl", budgetArg = "1e9", firstArg = "0"] = process.argv.slice(2);
const seeds = Number(seedsArg), budget = Number(budgetArg), t0 = Date.now();
await mi.init();
const re = new RegExp(pattern);
for (const [k, t] of TASKS.entries()) {
  if (!re.test(t.name)) continue;
  const truth = t.task.mutualInformation();
  for (let s = Number(firstArg); s < Number(firstArg) + seeds; s++) {
    if ((Date.now() - t0) / 1000 > budget) { console.log(`budget spent: ${t.name} stopped at seed ${s}`); process.exit(0); }
    const { x, y } = t.task.sample(t.n, 1000 * k + s);
    const start = Date.now();
    const r = await mi.estimateMI(x, y, { method, seed: 50000 + s });
    const [lo, hi] = r.interval;
    const line = { task: t.name, n: t.n, method, seed: s, truth, estimate: r.estimate, lo, hi, trusted: r.trusted, held: lo <= truth && truth <= hi, seconds: (Date.now() - start) / 1000, warnings: r.trusted ? undefined : r.warnings };
    appendFileSync(out, JSON.stringify(line) + "\n");
    console.log(`${t.name} ${method} ${s}: ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] ${r.trusted ? "trusted" : "untrusted"} truth ${truth.toFixed(3)} ${line.held ? "held" : "MISSED"} ${line.seconds}s`);
  }
}
