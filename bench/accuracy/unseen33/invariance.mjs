// node invariance.mjs file.jsonl...: the "same-data" sets side by side (the same draws as is, y against x, rows permuted,
// columns permuted, x scaled by 10⁶): per method and seed, each way's estimate and trust, the spread of the estimates, and
// whether every pair of the ways' intervals overlaps.
import fs from "node:fs";

const recs = process.argv.slice(2).flatMap((f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l))).filter((r) => r.set.startsWith("same-data-"));
for (const r of recs) if (r.hi === null) r.hi = Infinity; // JSON writes an infinite upper end as null
const way = (s) => s.replace(/^same-data-/, "").replace(/-exp-and-cube.*$/, "");
const groups = new Map();
for (const r of recs) { const k = `${r.method} s${r.seed}`; if (!groups.has(k)) groups.set(k, []); groups.get(k).push(r); }
console.log("| method, seed | " + ["as-is", "y-against-x", "rows-permuted", "columns-permuted", "x-times-1e6"].join(" | ") + " | spread | intervals all overlap | trust agrees |");
console.log("| --- | --- | --- | --- | --- | --- | ---: | --- | --- |");
for (const [k, rs] of groups) {
  const by = Object.fromEntries(rs.map((r) => [way(r.set), r]));
  const cell = (w) => { const r = by[w]; return r ? (r.verdict === "ERROR" ? "error" : `${r.estimate.toFixed(3)} [${r.lo.toFixed(2)}, ${Number.isFinite(r.hi) ? r.hi.toFixed(2) : "∞"}]${r.trusted ? " T" : ""}`) : ""; };
  const ok = rs.filter((r) => r.verdict !== "ERROR"), est = ok.map((r) => r.estimate);
  const overlap = ok.every((a) => ok.every((b) => a.lo <= b.hi && b.lo <= a.hi));
  const trust = new Set(ok.map((r) => r.trusted)).size === 1;
  console.log(`| ${k} | ${["as-is", "y-against-x", "rows-permuted", "columns-permuted", "x-times-1e6"].map(cell).join(" | ")} | ${(Math.max(...est) - Math.min(...est)).toFixed(3)} | ${overlap ? "yes" : "**no**"} | ${trust ? "yes" : "**no**"} |`);
}
