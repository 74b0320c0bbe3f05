// node bench/accuracy/unseen37/inputs.mjs > bench/accuracy/unseen37/inputs.txt: a sensor export's bad values and forms
// (Infinity, null, undefined, numeric strings, booleans, Dates, records, ragged and deeper rows, unequal lengths, a
// constant y, a dead column, n = 20) through KSG and the careless call, and the rows-twice set with the copy float32-rounded,
// jittered by 1e-9 or rounded to 6 decimals through KSG and MINE (seeds 0–1): what each says.
import { init, estimateMI, estimator } from "neural-mi";
import { rng } from "./sets.mjs";
import { binormalDraw, gaussI, BINORMAL_RHO } from "../unseen25/sets.mjs";

await init();
const r = rng(3798000), n = 300;
const a = Array.from({ length: n }, () => r.normal()), b = a.map((v) => 0.8 * v + 0.6 * r.normal());
const at7 = (v) => a.map((t, i) => (i === 7 ? v : t));
const cases = {
  "flat arrays": [a, b], Infinity: [at7(Infinity), b], null: [at7(null), b], undefined: [at7(undefined), b],
  "numeric strings": [a.map((v) => v.toFixed(3)), b], "unequal lengths": [a, b.slice(1)],
  ragged: [a.map((v, i) => (i === 5 ? [v] : [v, 2 * v])), b], "constant y": [a, b.map(() => 3)],
  "dead column in x": [a.map((v) => [v, 0]), b], "empty row": [a.map((v, i) => (i === 3 ? [] : [v])), b],
  "n = 20": [a.slice(0, 20), b.slice(0, 20)], "boolean y": [a, b.map((v) => v > 0)],
  "Dates in x": [a.map((_, i) => new Date(1.7e12 + i * 1000)), b], "rows of rows": [a.map((v) => [[v]]), b],
  records: [a.map((v) => ({ v })), b],
};
const show = (res) => `${res.estimate.toFixed(3)} [${res.interval.map((v) => v.toFixed(3)).join(", ")}] ${res.trusted ? "trusted" : "untrusted"}${res.warnings.length ? ` — ${res.warnings.map((w) => w.slice(0, 110)).join(" | ")}` : ""}`;
for (const [name, [x, y]] of Object.entries(cases)) {
  for (const m of ["estimateMI", "ksg"]) {
    let text;
    try { text = show(m === "estimateMI" ? await estimateMI(x, y) : await estimator(m).estimate(x, y, { seed: 0 })); } catch (e) { text = `refused: ${e.message}`; }
    console.log(`${name.padEnd(17)} ${m.padEnd(10)} ${text}`);
  }
}
// rows twice, the copy not quite equal
const copies = { "float32 copy": (v) => Math.fround(v), "1e-9 jitter": (v, s) => v + 1e-9 * s.normal(), "6 decimals": (v) => Number(v.toFixed(6)) };
for (const [name, copy] of Object.entries(copies)) {
  for (const seed of [0, 1]) {
    const s = rng(3798100 + seed), x = [], y = [];
    for (let i = 0; i < 500; i++) { const [u, v] = binormalDraw(s); x.push([u], [copy(u, s)]); y.push([v], [copy(v, s)]); }
    for (const m of ["ksg", "mine"]) console.log(`${name.padEnd(17)} ${m.padEnd(10)} s${seed} truth ${gaussI(BINORMAL_RHO).toFixed(3)}: ${show(await estimator(m).estimate(x, y, { seed }))}`);
  }
}
