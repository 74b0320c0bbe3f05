// node bench/accuracy/unseen7/random-gauss.mjs [methods] [draws] [out.jsonl]: Gaussian vectors with a random
// covariance (A·Aᵀ + 0.2·I, A standard normal) in 1–3 + 1–3 coordinates, MI kept in (0.05, 2.5) nats, n from
// {300, 1000, 3000}, each coordinate then passed through a random invertible map (identity, cube, tanh(x/2), sinh,
// 3x + 1000): the MI is the Gaussian's, ½ (log det Σ_X + log det Σ_Y − log det Σ). A line per call.
import fs from "node:fs";
import { init, estimateMI } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const [methodList = "ksg,mine", drawsArg = "20", out = "random-gauss.jsonl", firstArg = "0"] = process.argv.slice(2);
function logdet(S) { const n = S.length; const L = S.map((r) => r.map(() => 0)); let ld = 0; for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { let s = S[i][j]; for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k]; if (i === j) { L[i][i] = Math.sqrt(s); ld += 2 * Math.log(L[i][i]); } else L[i][j] = s / L[j][j]; } return { ld, L }; }
const MAPS = [["id", (v) => v], ["cube", (v) => v ** 3], ["tanh", (v) => Math.tanh(v / 2)], ["sinh", Math.sinh], ["affine", (v) => 3 * v + 1000]];
for (let d = Number(firstArg); d < Number(firstArg) + Number(drawsArg); d++) {
  const r = rng(60000 + d);
  let dx, dy, S, I;
  for (;;) {
    dx = 1 + r.int(3); dy = 1 + r.int(3); const D = dx + dy;
    const A = Array.from({ length: D }, () => Array.from({ length: D }, () => r.normal()));
    S = A.map((ra, i) => A.map((rb, j) => ra.reduce((s, v, k) => s + v * rb[k], 0) + (i === j ? 0.2 * D : 0)));
    const sub = (idx) => idx.map((i) => idx.map((j) => S[i][j]));
    const ix = [...Array(dx).keys()], iy = ix.length ? [...Array(dy).keys()].map((k) => k + dx) : [];
    I = 0.5 * (logdet(sub(ix)).ld + logdet(sub(iy)).ld - logdet(S).ld);
    if (I > 0.05 && I < 2.5) break;
  }
  const n = [300, 1000, 3000][r.int(3)];
  const maps = Array.from({ length: dx + dy }, () => MAPS[r.int(MAPS.length)]);
  const { L } = logdet(S); const x = [], y = [];
  for (let i = 0; i < n; i++) { const z = Array.from({ length: dx + dy }, () => r.normal()); const v = L.map((row) => row.reduce((s, l, k) => s + l * z[k], 0)).map((u, j) => maps[j][1](u)); x.push(v.slice(0, dx)); y.push(v.slice(dx)); }
  for (const method of methodList.split(",")) {
    const t0 = Date.now(); let rec;
    try { const res = await estimateMI(x, y, { method, seed: d }); const [lo, hi] = res.interval;
      rec = { draw: d, dx, dy, n, maps: maps.map((m) => m[0]).join(","), method, truth: I, estimate: res.estimate, lo, hi, trusted: res.trusted, verdict: !Number.isFinite(res.estimate) ? "NONFINITE" : !res.trusted ? (lo <= I ? "untrusted" : "untrusted-LO-ABOVE") : lo <= I && I <= hi ? "ok" : "SILENT-WRONG", warnings: res.warnings.map((w) => w.slice(0, 160)) };
    } catch (e) { rec = { draw: d, dx, dy, n, method, truth: I, verdict: "ERROR", error: String(e.message).slice(0, 300) }; }
    rec.s = (Date.now() - t0) / 1000; fs.appendFileSync(out, JSON.stringify(rec) + "\n");
    const f = (v) => (v === undefined ? "" : Number(v).toFixed(3));
    console.log(`${rec.verdict.padEnd(18)} d${d} ${dx}+${dy} n${n} ${(rec.maps ?? "").padEnd(28)} ${method.padEnd(7)} ${f(rec.estimate)} [${f(rec.lo)}, ${f(rec.hi)}] truth ${f(I)} ${rec.s}s ${rec.error ?? ""}`);
  }
}
