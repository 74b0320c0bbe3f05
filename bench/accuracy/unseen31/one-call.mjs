// node bench/accuracy/unseen31/one-call.mjs <set name prefix> <method> <seed>: one call on one of the probe's draws, with its
// result and diagnostics (long arrays shortened).
import { SETS } from "./sets.mjs";
import { init, estimator } from "neural-mi";
await init();
const [pat, method, seed] = process.argv.slice(2);
const s = SETS.find((t) => t.name.startsWith(pat));
const { x, y } = s.sample(Number(seed));
const r = await estimator(method).estimate(x, y, { seed: Number(seed) });
const { diagnostics, ...rest } = r;
console.log(JSON.stringify(rest, null, 1).slice(0, 3000));
console.log(JSON.stringify(diagnostics, (k, v) => (Array.isArray(v) && v.length > 20 ? `[${v.length}]` : v), 1).slice(0, 6000));
