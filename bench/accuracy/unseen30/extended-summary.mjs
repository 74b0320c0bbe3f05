// node bench/accuracy/unseen30/extended-summary.mjs > extended.md: trained.jsonl (the 3000-step default) beside extended.jsonl
// (the same calls with the default budget extended while still rising) and extended-coverage.jsonl (the coverage battery's
// "still rising" calls again). A call of trained.jsonl not rerun counts as before.
import fs from "node:fs";

const here = new URL(".", import.meta.url).pathname;
const read = (name) => (fs.existsSync(`${here}${name}`) ? fs.readFileSync(`${here}${name}`, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []);
const key = (c) => `${c.set} ${c.method} ${c.seed}`;
const before = read("trained.jsonl");
const rerun = new Map(read("extended.jsonl").map((c) => [key(c), c]));
const solved = (c) => Math.abs(Math.log(c.estimate / c.truth)) < Math.log(1.5);
const right = (c) => c.trusted && c.lo <= c.truth && c.truth <= (c.hi ?? Infinity);
const wrong = (c) => c.trusted && !right(c);
const methods = ["mine", "mine-f", "minee", "infonce", "smile"];
const count = (calls, m, f) => calls.filter((c) => (m === undefined || c.method === m) && f(c)).length;
const after = before.map((c) => rerun.get(key(c)) ?? c);
const seconds = (calls) => calls.reduce((a, c) => a + c.s, 0).toFixed(0);

console.log("# The thirtieth probe with the default budget extended while still rising\n");
console.log(`${rerun.size} of ${before.length} calls rerun (the rest count as before).\n`);
console.log("| method | calls | trusted before | after | trusted and right before | after | trusted and wrong before | after | solved (bmi) after |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const m of [...methods, undefined]) {
  const row = [m ?? "**all**", count(before, m, () => true), count(before, m, (c) => c.trusted), count(after, m, (c) => c.trusted), count(before, m, right), count(after, m, right), count(before, m, wrong), count(after, m, wrong), count(after, m, solved)];
  console.log(`| ${row.join(" | ")} |`);
}
const wasRising = [...rerun.values()].filter((c) => c.before.verdict === "untrusted" && before.find((b) => key(b) === key(c)).warnings?.some((w) => w.includes("still rising")));
const nowTrusted = wasRising.filter((c) => c.trusted);
console.log(`\nCalls that said "still rising" before: ${wasRising.length}; the run returned extended: ${wasRising.filter((c) => c.budgetExtended).length}; now trusted: ${nowTrusted.length}, of which ` +
  `truth inside the interval ${nowTrusted.filter(right).length}, within bmi's factor 1.5 ${nowTrusted.filter(solved).length}, trusted and wrong ${nowTrusted.filter(wrong).length}. ` +
  `Still untrusted: ${wasRising.length - nowTrusted.length}, of which still rising at the cap ${wasRising.filter((c) => !c.trusted && c.warnings.some((w) => w.includes("extended to its cap"))).length}.`);
const steps = wasRising.filter((c) => c.budgetExtended).map((c) => c.steps).sort((a, b) => a - b);
if (steps.length > 0) console.log(`Steps of the extended runs: median ${steps[Math.floor(steps.length / 2)]}, range ${steps[0]}–${steps.at(-1)}.`);
const others = [...rerun.values()].filter((c) => !wasRising.includes(c));
console.log(`\nThe other calls rerun: ${others.length}; not extended ${others.filter((c) => !c.budgetExtended).length}, of which unchanged to the last digit ` +
  `(estimate, interval, trust) ${others.filter((c) => !c.budgetExtended && c.unchanged).length}; extended (untrusted first for another reason, and still rising too) ${others.filter((c) => c.budgetExtended).length}.`);
console.log(`\nCall time: the rerun calls ${seconds([...rerun.values()])} s, the same calls before ${seconds(before.filter((c) => rerun.has(key(c))))} s.`);
console.log("\n| call | truth | before | after | steps |\n| --- | ---: | --- | --- | ---: |");
const show = (c) => `${c.estimate.toFixed(3)} [${c.lo.toFixed(3)}, ${c.hi === null ? "∞" : c.hi.toFixed(3)}]${c.trusted ? " trusted" : ""}`;
for (const c of rerun.values()) console.log(`| ${key(c)} | ${c.truth.toFixed(3)} | ${show(c.before)} | ${show(c)} | ${c.steps}${c.budgetExtended ? " (extended)" : ""} |`);

const coverage = read("extended-coverage.jsonl");
if (coverage.length > 0) {
  const trusted = coverage.filter((c) => c.trusted);
  console.log(`\n## The coverage battery's "still rising" calls\n\n${coverage.length} calls (../coverage/calls.jsonl); extended ${coverage.filter((c) => c.budgetExtended).length}; ` +
    `now trusted ${trusted.length}, their interval holding the truth ${trusted.filter((c) => c.held).length} (missed ${trusted.filter((c) => !c.held).length}). ` +
    `Call time ${seconds(coverage)} s.\n`);
  console.log("| call | truth | before | after | steps |\n| --- | ---: | --- | --- | ---: |");
  for (const c of coverage) console.log(`| ${c.task} ${c.method} ${c.seed} | ${c.truth.toFixed(3)} | ${show(c.before)} | ${show(c)}${c.trusted ? (c.held ? " held" : " MISSED") : ""} | ${c.steps}${c.budgetExtended ? " (extended)" : ""} |`);
}
