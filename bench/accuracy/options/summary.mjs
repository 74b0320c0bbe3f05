// node bench/accuracy/options/summary.mjs results.jsonl… > results.md: counts per class and method, and every call
// that is not "right" or "untrusted" (or refused by an option check) listed.
import { readFileSync } from "node:fs";
import { CLASSES } from "./classify.mjs";

const rows = process.argv.slice(2).flatMap((file) => readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)));
const methods = [...new Set(rows.map((r) => r.method))];
const count = (m, c) => rows.filter((r) => (m === "all" || r.method === m) && r.cls === c).length;
const lines = [`# Options probe: ${rows.length} calls`, "", `| method | ${CLASSES.join(" | ")} |`, `|---|${CLASSES.map(() => "---:").join("|")}|`];
for (const m of [...methods, "all"]) lines.push(`| ${m} | ${CLASSES.map((c) => count(m, c)).join(" | ")} |`);
const fmt = (v) => (v === null ? "∞" : typeof v === "number" ? v.toFixed(3) : String(v));
lines.push("", "## Every call", "", "| class | method | set (truth) | options | estimate | interval | error or first warning |", "|---|---|---|---|---:|---|---|");
for (const r of rows) {
  const note = (r.error ?? r.warnings?.[0] ?? "").replace(/\|/g, "\\|").slice(0, 140);
  const interval = r.interval ? `[${r.interval.map(fmt).join(", ")}]` : "";
  lines.push(`| ${r.cls} | ${r.method} | ${r.set} (${r.truth.toFixed(3)}) | \`${r.options.replace(/\|/g, "\\|")}\` | ${r.estimate === undefined ? "" : fmt(r.estimate)} | ${interval} | ${note} |`);
}
console.log(lines.join("\n"));
