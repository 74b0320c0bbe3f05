// node bench/accuracy/unseen2/summary.mjs: results.md from before-fixes.jsonl and after-fixes.jsonl.
import fs from "node:fs";
import path from "node:path";
const here = path.dirname(new URL(import.meta.url).pathname);
const read = (f) => fs.readFileSync(path.join(here, f), "utf8").trim().split("\n").map((l) => JSON.parse(l));
const before = read("before-fixes.jsonl");
const after = read("after-fixes.jsonl");
const METHODS = ["mine", "mine-f", "minee", "infonce", "smile", "ksg"];
const sets = [...new Set(after.map((r) => r.set))];
// JSON stores ±Infinity as null: an open upper end, or an infinite truth
const f = (v) => (v === null || v === Infinity ? "∞" : v.toFixed(3));
const cell = (rows) => {
  if (rows.length === 0) return "";
  const mean = rows.filter((r) => r.estimate !== undefined).reduce((s, r, _, a) => s + r.estimate / a.length, 0);
  const count = (v) => rows.filter((r) => r.verdict === v).length;
  const marks = [
    count("ok") && `${count("ok")} ok`,
    count("untrusted") && `${count("untrusted")} u`,
    count("untrusted-LO-ABOVE") && `**${count("untrusted-LO-ABOVE")} u↑**`,
    count("SILENT-WRONG") && `**${count("SILENT-WRONG")} ✗**`,
    count("ERROR") && `**${count("ERROR")} err**`,
    count("NONFINITE") && `**${count("NONFINITE")} NaN**`,
  ].filter(Boolean);
  return `${mean.toFixed(2)} (${marks.join(", ")})`;
};
const lines = [
  "# The second unseen probe: results",
  "",
  "`node bench/accuracy/unseen2/run.mjs . mine,mine-f,minee,infonce,smile,ksg 0,1,2 <out>`, every method with its defaults and",
  "`seed`, data seeds 0–2 (the AR(1) sets with f = 0.99 and 0.995 were added after the first results). Per set and method: the mean",
  "estimate (nats) over seeds and the calls' verdicts: ok = trusted and the truth in the interval; u = untrusted, with a reason;",
  "u↑ = untrusted with the whole interval above the truth; ✗ = silently wrong (trusted, truth outside the interval).",
  "",
  `| set | n | truth | ${METHODS.join(" | ")} |`,
  `| --- | ---: | ---: | ${METHODS.map(() => "---").join(" | ")} |`,
];
for (const s of sets) {
  const rows = after.filter((r) => r.set === s);
  lines.push(`| ${s} | ${rows[0].truth === undefined ? "" : ""}${s.match(/n(\d+)$/)?.[1] ?? 1000} | ${f(rows[0].truth)} | ${METHODS.map((m) => cell(rows.filter((r) => r.method === m))).join(" | ")} |`);
}
const tally = (rows) => ({
  calls: rows.length,
  ok: rows.filter((r) => r.verdict === "ok").length,
  silent: rows.filter((r) => r.verdict === "SILENT-WRONG"),
  above: rows.filter((r) => r.verdict === "untrusted-LO-ABOVE"),
  errors: rows.filter((r) => r.verdict === "ERROR" || r.verdict === "NONFINITE"),
});
for (const [name, rows] of [["Before the fixes", before], ["After the fixes", after]]) {
  const t = tally(rows);
  lines.push("", `## ${name}`, "", `${t.calls} calls: ${t.ok} trusted and right, ${t.silent.length} silently wrong, ${t.above.length} untrusted with the interval above the truth, ${t.errors.length} errors or non-finite.`, "");
  for (const r of [...t.silent, ...t.above, ...t.errors]) {
    lines.push(`- ${r.verdict}: ${r.set}, ${r.method}, seed ${r.seed}: ${r.estimate === undefined ? r.error : `${f(r.estimate)} [${f(r.lo)}, ${f(r.hi)}] for ${f(r.truth)}`}${r.warnings?.length ? ` — ${r.warnings.at(-1).slice(0, 110)}…` : ""}`);
  }
}
fs.writeFileSync(path.join(here, "results.md"), lines.join("\n") + "\n");
console.log(lines.join("\n"));
