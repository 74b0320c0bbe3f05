import { init, estimateMI } from "neural-mi";
import { SETS5 } from "/tmp/libB/bench/accuracy/unseen9/sets.mjs";
await init();
const s = SETS5.find((t) => t.name === "daily-weekday-in-order-independent");
let above = 0, out = [];
for (let seed = 0; seed < 40; seed++) {
  const { x, y } = s.sample(seed);
  const r = await estimateMI(x, y, { method: "ksg", seed });
  if (r.interval[0] > 0) above++;
  out.push(`${seed}:${r.estimate.toFixed(3)}/${r.interval[0].toFixed(4)}${r.trusted ? "T" : ""}`);
}
console.log(above, "of 40 with lo > 0;", out.join(" "));
