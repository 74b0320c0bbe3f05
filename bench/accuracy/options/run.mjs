// node bench/accuracy/options/run.mjs [methods, comma-separated: mine,ksg,trainer] [out.jsonl]: every option case (cases.mjs) on the data sets
// (sets.mjs), one JSON line per call and a count per class at the end.
import { writeFileSync, appendFileSync } from "node:fs";
import { init, estimateMI } from "../../../lib/dist/index.js";
import { dataSets } from "./sets.mjs";
import { allCases } from "./cases.mjs";
import { CLASSES, classifyResult, classifyError } from "./classify.mjs";

const [filter = "", out = new URL("./results.jsonl", import.meta.url).pathname] = process.argv.slice(2);
await init();
const sets = dataSets();
const show = (o) => JSON.stringify(o, (k, v) => (typeof v === "function" ? `<${v.name}>` : typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
writeFileSync(out, "");
const counts = Object.fromEntries(CLASSES.map((c) => [c, 0]));
for (const c of allCases().filter((c) => (filter === "" && c.group === undefined) || (c.group === undefined ? filter.split(",").includes(c.method) : filter.split(",").includes(c.group)))) {
  const data = sets[c.set];
  const t0 = Date.now();
  let line;
  try {
    const r = c.run ? await c.run(data) : await estimateMI(data.x, data.y, { method: c.method, ...c.options });
    const cls = classifyResult(r, data.truth, c.options?.unit);
    line = { cls, estimate: r.estimate, interval: r.interval, trusted: r.trusted, warnings: (r.warnings ?? []).map((w) => w.slice(0, 160)) };
  } catch (e) {
    line = { cls: classifyError(e), error: String(e?.message ?? e).slice(0, 300) };
  }
  counts[line.cls]++;
  const row = { set: c.set, truth: data.truth, method: c.method, options: c.label ?? show(c.options), seconds: (Date.now() - t0) / 1000, ...line };
  appendFileSync(out, JSON.stringify(row) + "\n");
  console.log(row.cls.padEnd(15), c.method.padEnd(8), c.set.padEnd(12), row.options.padEnd(40), row.estimate?.toFixed?.(3) ?? "", row.interval ? `[${row.interval.map((v) => v.toFixed(3))}]` : "", row.error?.slice(0, 120) ?? "", row.seconds);
}
console.log(JSON.stringify(counts));
