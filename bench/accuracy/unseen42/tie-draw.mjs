// node bench/accuracy/unseen42/tie-draw.mjs: the careless call on the draw of seed 5 of the 10 %-ties set, with its diagnostics
import { init, estimateMI } from "neural-mi";
import { SETS } from "./sets.mjs";
await init();
const s = SETS.find((t) => t.name.startsWith("x-exactly-0-in-10pct"));
const { x, y } = s.sample(5);
const r = await estimateMI(x, y);
const d = r.diagnostics;
console.log(r.estimate, r.interval, r.trusted, r.warnings);
console.log(Object.keys(d));
for (const k of Object.keys(d)) { const v = d[k]; if (typeof v !== "object" || v === null) console.log(k, v); else console.log(k, JSON.stringify(v).slice(0, 300)); }
