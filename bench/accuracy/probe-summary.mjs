// node bench/accuracy/probe-summary.mjs file.jsonl...: the calls of an unseen probe (run-probe.mjs's
// lines) per data set and their verdicts, as a markdown table, with the totals.
import fs from "node:fs";

const COUNTS = ["n", "ok", "wrong", "untrusted", "above", "error", "nonfinite"];
const COUNTED_AS = { ok: "ok", "SILENT-WRONG": "wrong", untrusted: "untrusted", "untrusted-LO-ABOVE": "above", ERROR: "error" };

const calls = process.argv.slice(2).flatMap((file) => fs.readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line)));
const bySet = new Map();
for (const call of calls) {
  if (!bySet.has(call.set)) bySet.set(call.set, { truth: call.truth, ...Object.fromEntries(COUNTS.map((name) => [name, 0])) });
  const counts = bySet.get(call.set);
  counts.n++;
  counts[COUNTED_AS[call.verdict] ?? "nonfinite"]++;
}
const total = Object.fromEntries(COUNTS.map((name) => [name, 0]));
const row = (counts) => COUNTS.map((name) => counts[name]).join(" | ");
console.log("| set | truth | calls | trusted and right | silently wrong | untrusted | untrusted, above | errors | non-finite |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [set, counts] of bySet) {
  for (const name of COUNTS) total[name] += counts[name];
  console.log(`| ${set} | ${Number.isFinite(counts.truth) ? counts.truth.toFixed(3) : "∞"} | ${row(counts)} |`);
}
console.log(`| **all** | | ${row(total)} |`);
