// node bench/accuracy/unseen17/shares-summary.mjs before.jsonl[,more.jsonl] after.jsonl[,more.jsonl]: the second round's verdicts per
// family (the sets of shares-sets.mjs, grouped), before → after, as a markdown table.
import { readFileSync } from "fs";

const read = (list) => list.split(",").flatMap((f) => readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l)));
const family = (set) => set.replace(/-in-\d+pct.*$/, "").replace(/^(x|y)-/, "$1 = ") + " " + (set.match(/in-(\d+pct)/)?.[1] ?? "") + " " + (set.match(/n\d+$/)?.[0] ?? "");
const tally = (records) => {
  const out = new Map();
  for (const r of records) {
    const key = `${family(r.set)} | ${r.method === "ksg" ? "ksg" : "trained"}`;
    const t = out.get(key) ?? { calls: 0, right: 0, wrong: 0, untrusted: 0, seeds: new Set() };
    t.calls += 1;
    t.seeds.add(r.seed);
    if (r.verdict === "ok") t.right += 1;
    else if (r.verdict === "SILENT-WRONG") t.wrong += 1;
    else t.untrusted += 1;
    out.set(key, t);
  }
  return out;
};
const [before, after] = process.argv.slice(2).map((list) => tally(read(list)));
console.log("| family | methods | seeds | calls | trusted and right | trusted and wrong | untrusted |");
console.log("| --- | --- | --- | ---: | ---: | ---: | ---: |");
for (const [key, b] of before) {
  const a = after.get(key) ?? { calls: 0, right: NaN, wrong: NaN, untrusted: NaN, seeds: new Set() };
  const [name, methods] = key.split(" | ");
  const seeds = [...b.seeds].sort((p, q) => p - q);
  console.log(`| ${name} | ${methods === "ksg" ? "KSG" : "MINE, MINE-f, MI-NEE, InfoNCE, SMILE"} | ${seeds[0]}–${seeds.at(-1)} | ${b.calls} | ${b.right} → ${a.right} | ${b.wrong} → ${a.wrong} | ${b.untrusted} → ${a.untrusted} |`);
}
