// node bench/accuracy/unseen25/solved.mjs ksg.jsonl trained.jsonl: per set and method, calls solved in bmi's sense
// (|log(estimate/truth)| < log 1.5) and calls trusted, as "solved/trusted of calls", and the totals per method.
import fs from "node:fs";

const calls = process.argv.slice(2).flatMap((file) => fs.readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line)));
const METHODS = ["ksg", "mine", "mine-f", "minee", "infonce", "smile"];
const solved = (c) => c.estimate > 0 && Math.abs(Math.log(c.estimate / c.truth)) < Math.log(1.5);
const cell = (list) => (list.length ? `${list.filter(solved).length}/${list.filter((c) => c.trusted).length} of ${list.length}` : "");
const sets = [...new Set(calls.map((c) => c.set))];
console.log(`| set | truth | ${METHODS.join(" | ")} |`);
console.log(`| --- | ---: |${METHODS.map(() => " ---: |").join("")}`);
for (const set of sets) {
  const of = calls.filter((c) => c.set === set);
  console.log(`| ${set} | ${of[0].truth.toFixed(3)} | ${METHODS.map((m) => cell(of.filter((c) => c.method === m))).join(" | ")} |`);
}
console.log(`| **all** (solved/trusted of calls) | | ${METHODS.map((m) => cell(calls.filter((c) => c.method === m))).join(" | ")} |`);
const unsolvedTrusted = calls.filter((c) => c.trusted && !solved(c));
console.log(`\ntrusted but not solved: ${unsolvedTrusted.length}${unsolvedTrusted.map((c) => `\n  ${c.set} ${c.method} s${c.seed} ${c.estimate.toFixed(3)} [${c.lo.toFixed(3)}, ${c.hi.toFixed(3)}] truth ${c.truth.toFixed(3)}`).join("")}`);
const solvedUntrusted = calls.filter((c) => !c.trusted && solved(c));
console.log(`solved but untrusted: ${solvedUntrusted.length}`);
