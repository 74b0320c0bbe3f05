// node bench/accuracy/unseen10/summary.mjs file.jsonl...: per set, the calls and their verdicts (a markdown table)
import fs from "node:fs";
const rows = process.argv.slice(2).flatMap((f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l)));
const by = new Map();
for (const r of rows) { const k = r.set; if (!by.has(k)) by.set(k, { truth: r.truth, n: 0, ok: 0, wrong: 0, untrusted: 0, above: 0, error: 0, nonfinite: 0, methods: new Set() }); const b = by.get(k); b.n++; b.methods.add(r.method);
  if (r.verdict === "ok") b.ok++; else if (r.verdict === "SILENT-WRONG") b.wrong++; else if (r.verdict === "untrusted") b.untrusted++; else if (r.verdict === "untrusted-LO-ABOVE") b.above++; else if (r.verdict === "ERROR") b.error++; else b.nonfinite++; }
const t = { n: 0, ok: 0, wrong: 0, untrusted: 0, above: 0, error: 0, nonfinite: 0 };
console.log("| set | truth | calls | trusted and right | silently wrong | untrusted | untrusted, above | errors | non-finite |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [k, b] of by) { for (const f of Object.keys(t)) t[f] += b[f]; console.log(`| ${k} | ${Number.isFinite(b.truth) ? b.truth.toFixed(3) : "∞"} | ${b.n} | ${b.ok} | ${b.wrong} | ${b.untrusted} | ${b.above} | ${b.error} | ${b.nonfinite} |`); }
console.log(`| **all** | | ${t.n} | ${t.ok} | ${t.wrong} | ${t.untrusted} | ${t.above} | ${t.error} | ${t.nonfinite} |`);
