// node bench/accuracy/unseen17/surface-power.mjs > surface-power-after.txt: for each set of shares-sets.mjs and seeds 0–7, whether
// partialCopyWarning names rows on a thin smooth surface (S), another partial copy (o) or nothing (.)
import { partialCopyWarning } from "neural-mi/dist/estimators/partial-copies.js";
import { SETS } from "./shares-sets.mjs";

const toMatrix = (rows) => { const r = rows.map((row) => (typeof row === "number" ? [row] : row)); return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length }; };
for (const s of SETS) {
  const marks = [];
  for (let seed = 0; seed < 8; seed++) {
    const { x, y } = s.sample(seed);
    const w = partialCopyWarning(toMatrix(x), toMatrix(y)) ?? "";
    marks.push(w.includes("thin smooth surface") ? "S" : w ? "o" : ".");
  }
  console.log(s.name.padEnd(52), marks.join(""));
}
