// node bench/accuracy/unseen7/concurrent.mjs: the same calls one after another and all at once (Promise.all),
// as a practitioner comparing methods would write it; the estimates should not depend on which.
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const r = rng(9300); const x = [], y = [];
for (let i = 0; i < 1000; i++) { const a = r.normal(); x.push([a]); y.push([0.8 * a + 0.6 * r.normal()]); }
const calls = [["mine", 0], ["mine-f", 0], ["minee", 0], ["infonce", 0], ["smile", 0], ["mine", 1], ["ksg", 0]];
const fmt = (res) => `${res.estimate.toFixed(6)} [${res.interval.map((v) => v.toFixed(4)).join(", ")}] ${res.trusted}`;
const seq = [];
for (const [method, seed] of calls) seq.push(await estimateMI(x, y, { method, seed }));
let par;
try { par = await Promise.all(calls.map(([method, seed]) => estimateMI(x, y, { method, seed }))); }
catch (e) { console.log("Promise.all failed:", e.stack); process.exit(0); }
calls.forEach(([method, seed], i) => console.log(`${method.padEnd(7)} s${seed} one by one ${fmt(seq[i])} | together ${fmt(par[i])} ${seq[i].estimate === par[i].estimate ? "same" : "DIFFERENT"}`));
