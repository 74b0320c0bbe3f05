// node bench/accuracy/unseen30/extended.mjs <rising|others> [out.jsonl] [call pattern]: the calls of trained.jsonl run again
// with the library's defaults, now that a default budget still rising at its end is extended (up to 12 000 steps).
// "rising": the calls whose warnings said "still rising"; "others": the rest, whose result must not change to the last
// digit unless their run was still rising (untrusted first for another reason). A line per call: the old result beside
// the new, the steps, diagnostics.budgetExtended, whether it is unchanged, and bmi's "solved" (|log(estimate/truth)| < log 1.5).
// Calls already in out.jsonl are skipped (a run can be resumed).
import fs from "node:fs";
import { init, estimator } from "neural-mi";
import { SETS } from "./sets.mjs";

const here = new URL(".", import.meta.url).pathname;
const [which = "rising", out = `${here}extended.jsonl`, pattern = "."] = process.argv.slice(2);
const old = fs.readFileSync(`${here}trained.jsonl`, "utf8").trim().split("\n").map((line) => JSON.parse(line));
const rising = (call) => call.warnings?.some((w) => w.includes("still rising")) === true;
const key = (call) => `${call.set} ${call.method} ${call.seed}`;
const done = new Set(fs.existsSync(out) ? fs.readFileSync(out, "utf8").trim().split("\n").filter(Boolean).map((line) => key(JSON.parse(line))) : []);
const calls = old.filter((call) => (which === "rising") === rising(call) && new RegExp(pattern).test(key(call)) && !done.has(key(call)));

await init();
for (const call of calls) {
  const set = SETS.find((s) => s.name === call.set);
  const { x, y } = set.sample(call.seed);
  const t0 = Date.now();
  const r = await estimator(call.method).estimate(x, y, { seed: call.seed });
  const [lo, hi] = r.interval;
  const verdict = !r.trusted ? (lo <= call.truth ? "untrusted" : "untrusted-LO-ABOVE") : lo <= call.truth && call.truth <= hi ? "ok" : "SILENT-WRONG";
  const line = {
    set: call.set, method: call.method, seed: call.seed, truth: call.truth,
    before: { estimate: call.estimate, lo: call.lo, hi: call.hi, trusted: call.trusted, verdict: call.verdict },
    estimate: r.estimate, lo, hi: Number.isFinite(hi) ? hi : null, trusted: r.trusted, verdict,
    solved: Math.abs(Math.log(r.estimate / call.truth)) < Math.log(1.5),
    steps: r.diagnostics.steps, stoppedBecause: r.diagnostics.stoppedBecause, budgetExtended: r.diagnostics.budgetExtended ?? null,
    unchanged: r.estimate === call.estimate && lo === call.lo && (Number.isFinite(hi) ? hi : null) === call.hi && r.trusted === call.trusted,
    warnings: r.warnings.map((w) => w.slice(0, 160)), s: (Date.now() - t0) / 1000,
  };
  fs.appendFileSync(out, JSON.stringify(line) + "\n");
  console.log(`${verdict.padEnd(18)} ${key(call).padEnd(52)} ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] truth ${call.truth.toFixed(3)} steps ${line.steps}${line.budgetExtended ? " (extended)" : ""}${line.unchanged ? " unchanged" : ""} ${line.s}s`);
}
