// node bench/accuracy/unseen38/co-extreme-near.mjs [draws]: the rows-extreme-in-both rule (co-extreme.ts, the bound drawn
// with seed 1) on draws of this probe's sets: how often its bound is clearly above 0 (1.645 standard errors), how often its
// rarest count is that rare (`coincidence` below 0.001, the bound above 0), and its mean, with the pair it chose.
import { coExtremeBound } from "neural-mi/dist/estimators/co-extreme.js";
import { SETS } from "./sets.mjs";

const draws = Number(process.argv[2] ?? 20);
const toMatrix = (v) => { const rows = v.map((r) => (Array.isArray(r) ? r : [r])); return { values: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length }; };
for (const s of SETS.filter((t) => !/decoys/.test(t.name))) {
  let clearly = 0, rare = 0, sum = 0, defined = 0;
  const pairs = new Map();
  for (let seed = 0; seed < draws; seed++) {
    const { x, y } = s.sample(100 + seed);
    const b = coExtremeBound(toMatrix(x), toMatrix(y), 1);
    if (b === undefined) continue;
    defined++;
    sum += b.estimate;
    const c = b.estimate > 1.645 * b.standardError, r = b.estimate > 0 && b.coincidence < 0.001;
    clearly += c ? 1 : 0;
    rare += r ? 1 : 0;
    if (c || r) pairs.set(b.corner.which, (pairs.get(b.corner.which) ?? 0) + 1);
  }
  console.log(`${s.name.padEnd(62)} ${draws} draws (defined ${defined}): clearly above 0 ${clearly}, count that rare ${rare}, mean ${(sum / Math.max(1, defined)).toFixed(4)} ${[...pairs].map(([w, k]) => `${w}: ${k}`).join("; ")}`);
}
