// node bench/accuracy/ksg-moving-rule/summary.mjs coverage.jsonl [probes.jsonl]: per rule of rules.mjs, the calls
// trusted and right, trusted and WRONG, and untrusted, on each file (the probes also per probe), and every call whose
// verdict a rule changes from the current one's.
import { readFileSync } from "fs";
import { RULES, verdict } from "./rules.mjs";

const read = (file) => readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const count = (lines, rule) => {
  const c = { right: 0, WRONG: 0, untrusted: 0, error: 0 };
  for (const l of lines) c[verdict(l, rule)] += 1;
  return c;
};
const f = (v) => (v === null || v === undefined ? "∞" : Number(v).toFixed(3));
for (const file of process.argv.slice(2)) {
  const lines = read(file);
  const groups = new Map([["all", lines]]);
  for (const l of lines) if (l.source !== "coverage") groups.set(l.source, [...(groups.get(l.source) ?? []), l]);
  console.log(`## ${file}: ${lines.length} calls, ${lines.filter((l) => l.move).length} with a significant move\n`);
  console.log(`| rule | group | trusted and right | trusted and WRONG | untrusted | errors |\n| --- | --- | ---: | ---: | ---: | ---: |`);
  for (const [name, rule] of Object.entries(RULES)) {
    for (const [group, ls] of groups) {
      if (group !== "all" && name !== "current" && name !== "candidate") continue;
      const c = count(ls, rule);
      console.log(`| ${name} | ${group} | ${c.right} | ${c.WRONG} | ${c.untrusted} | ${c.error} |`);
    }
  }
  for (const [name, rule] of Object.entries(RULES)) {
    if (name === "current") continue;
    const changed = lines.filter((l) => verdict(l, rule) !== verdict(l, RULES.current));
    console.log(`\n### ${name}: ${changed.length} calls change verdict\n`);
    for (const l of changed.filter((x) => verdict(x, rule) === "WRONG").concat(changed.filter((x) => verdict(x, rule) !== "WRONG"))) {
      const m = l.move;
      console.log(`- ${verdict(l, rule)}: ${l.source} ${l.set} seed ${l.seed}: ${f(l.estimate)} [${f(l.lo - (rule(m).lowerBy ?? 0))}, ${f(l.hi)}] for ${f(l.truth)}; change ${f(m.change)} ± ${f(m.changeStandardError)}, bias bound ${f(m.remainingBiasBound)}, 1.96·s.e. ${f(1.96 * m.standardError)}`);
    }
  }
  console.log();
}
