// node bench/accuracy/unseen9/outlier-warning.mjs: KSG's heavy-tail warning on the sets with rare unit errors (seed 0)
import { init, estimateMI } from "neural-mi";
import { SETS, SETS2 } from "./sets.mjs";
await init();
for (const s of [...SETS, ...SETS2].filter((t) => /rare-offsets/.test(t.name))) {
  const { x, y } = s.sample(0);
  const r = await estimateMI(x, y, { method: "ksg" });
  console.log(`${s.name}: ${r.warnings.find((w) => /heavy/.test(w))}`);
}
