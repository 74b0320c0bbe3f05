// node bench/accuracy/unseen11/compare.mjs a.jsonl,b.jsonl after.jsonl: the calls of after.jsonl beside the same set, method and seed in the earlier files
import fs from "node:fs";
const read = (files) => files.split(",").flatMap((f) => fs.readFileSync(f, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)));
const before = read(process.argv[2]);
const after = read(process.argv[3]);
const key = (l) => `${l.set}|${l.method}|${l.seed}`;
const b = new Map(before.map((l) => [key(l), l]));
const rows = {};
const tally = { before: {}, after: {} };
for (const a of after) {
  const p = b.get(key(a));
  if (!p) continue;
  const k = `${a.set} ${a.method}`;
  (rows[k] ??= { truth: a.truth, b: [], a: [], bv: [], av: [] });
  rows[k].b.push(p.estimate); rows[k].a.push(a.estimate); rows[k].bv.push(p.verdict); rows[k].av.push(a.verdict);
  tally.before[p.verdict] = (tally.before[p.verdict] ?? 0) + 1;
  tally.after[a.verdict] = (tally.after[a.verdict] ?? 0) + 1;
}
const r = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const ok = (vs) => vs.filter((v) => v === "ok").length;
for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(52)} truth ${v.truth.toFixed(3)}  before ${r(v.b)} ok ${ok(v.bv)}/${v.bv.length}  after ${r(v.a)} ok ${ok(v.av)}/${v.av.length} ${v.av.filter((x) => x !== "ok" && x !== "untrusted").join(" ")}`);
console.log(JSON.stringify(tally));
