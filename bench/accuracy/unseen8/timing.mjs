// node bench/accuracy/unseen8/timing.mjs [method] [n] [dx] [dy]: one call on independent Gaussian columns, its time
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const [method = "ksg", n = "5000", dx = "20", dy = "20"] = process.argv.slice(2);
const r = rng(4242);
const x = Array.from({ length: +n }, () => Array.from({ length: +dx }, () => r.normal()));
const y = Array.from({ length: +n }, () => Array.from({ length: +dy }, () => r.normal()));
const t0 = Date.now();
const res = await estimateMI(x, y, { method, seed: 0 });
console.log(`${method} n=${n} ${dx}+${dy}: ${res.estimate.toFixed(3)} [${res.interval.map((v) => v.toFixed(3))}] trusted ${res.trusted} ${(Date.now() - t0) / 1000}s`);
