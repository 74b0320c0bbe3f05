// node bench/accuracy/unseen39/turn-check.mjs cost.txt out.jsonl [--skip-repeated-rows]: the calls an upper-end-cost.mjs
// output lists as able to turn untrusted ("set method sSEED: …" under each probe's line), run again as recorded (the
// probe's set and seed, the method with that seed; "estimateMI" the careless call), a line per call as ../run-probe.mjs
// writes them; with --skip-repeated-rows, sets whose rows repeat whole are left out.
import fs from "node:fs";
import { init, estimateMI, estimator } from "neural-mi";

await init();
const [costFile, out] = process.argv.slice(2);
let probe;
const calls = [];
for (const line of fs.readFileSync(costFile, "utf8").split("\n")) {
  const source = /^(unseen\d+|coverage)\s/.exec(line);
  if (source) { probe = source[1]; continue; }
  const call = /^  (\S+) (\S+) s(\d+):/.exec(line);
  if (call && probe !== "coverage") calls.push({ probe, set: call[1], method: call[2], seed: Number(call[3]) });
}
fs.writeFileSync(out, "");
for (const c of calls) {
  if (process.argv[4] === "--skip-repeated-rows" && /twice|thrice|duplicated|bootstrap-resample/.test(c.set)) { console.log(`skipped (whole rows repeat): ${c.probe} ${c.set} ${c.method} s${c.seed}`); continue; }
  const { SETS } = await import(`../${c.probe}/sets.mjs`);
  const set = SETS.find((s) => s.name === c.set);
  const truth = typeof set.truth === "function" ? set.truth() : set.truth;
  const { x, y } = set.sample(c.seed);
  const r = c.method === "estimateMI" ? await estimateMI(x, y) : await estimator(c.method).estimate(x, y, { seed: c.seed });
  const [lo, hi] = r.interval;
  const verdict = !r.trusted ? "untrusted" : lo <= truth && truth <= hi ? "ok" : "SILENT-WRONG";
  const rec = { probe: c.probe, set: c.set, method: c.method, seed: c.seed, truth, estimate: r.estimate, lo, hi, trusted: r.trusted, verdict, warnings: r.warnings.map((w) => w.slice(0, 140)) };
  fs.appendFileSync(out, JSON.stringify(rec) + "\n");
  console.log(`${verdict.padEnd(10)} ${c.probe} ${c.set} ${c.method} s${c.seed} ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] truth ${truth.toFixed(3)}`);
}
