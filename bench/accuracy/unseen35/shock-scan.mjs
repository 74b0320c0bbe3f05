// node bench/accuracy/unseen35/shock-scan.mjs <method>: the shock of tests/lib/rare-rows.test.mjs (x = a + S·B, y = b + S·B,
// B ~ Bernoulli(0.01), S ~ N(0, 10²), n = 1000, the library's Rng at seeds 3600–3699) through one method (call seed = data
// seed − 3600); prints how many calls were trusted with 0.0547 nats outside their interval, and their data seeds.
import { init, estimateMI, Rng } from "neural-mi";

await init();
const TRUTH = 0.0547;
const method = process.argv[2] ?? "ksg";
function shocks(seed) {
  const rng = new Rng(seed);
  const x = [], y = [];
  for (let i = 0; i < 1000; i++) {
    const s = rng.uniform() < 0.01 ? 10 * rng.normal() : 0;
    x.push([rng.normal() + s]);
    y.push([rng.normal() + s]);
  }
  return { x, y };
}
const misses = [];
for (let seed = 3600; seed < 3700; seed++) {
  const { x, y } = shocks(seed);
  const r = await estimateMI(x, y, { method, seed: seed - 3600 });
  if (r.trusted && !(r.interval[0] <= TRUTH && TRUTH <= r.interval[1])) misses.push(seed);
}
console.log(`${method}: ${misses.length} of 100 trusted and wrong (${misses.join(", ")})`);
