// node bench/accuracy/unseen16/careless.mjs > careless.txt: a careless user's calls to estimateMI, every method,
// seeds 0–2 where the call runs; each line the outcome (estimate, interval, trusted, first warning) or the error.
// A ρ = 0.75 Gaussian pair (0.413 nats), 500 rows, drawn by the fifth probe's generator.
import { init, estimateMI, estimators } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";

await init();
const TRUTH = -0.5 * Math.log(1 - 0.75 ** 2);
const pairs = (n, seed) => { const r = rng(168000 + seed), x = [], y = []; for (let i = 0; i < n; i++) { const a = r.normal(); x.push(a); y.push(0.75 * a + Math.sqrt(1 - 0.75 ** 2) * r.normal()); } return { x, y }; };
const col = (a) => a.map((v) => [v]);
const CASES = [
  ["x and y flat arrays (1-D)", (s) => { const { x, y } = pairs(500, s); return [x, y, {}]; }],
  ["x flat, y rows", (s) => { const { x, y } = pairs(500, s); return [x, col(y), {}]; }],
  ["columns at 1e-8 and 1e8 scale (2+1, x2 noise)", (s) => { const { x, y } = pairs(500, s), r = rng(168100 + s); return [x.map((v) => [1e-8 * v, 1e8 * r.normal()]), col(y.map((v) => 1e6 * v)), {}]; }],
  ["a column of identical values beside x", (s) => { const { x, y } = pairs(500, s); return [x.map((v) => [v, 3.5]), col(y), {}]; }],
  ["y all identical", (s) => { const { x } = pairs(500, s); return [col(x), x.map(() => [2]), {}]; }],
  ["NaN in one row of x", (s) => { const { x, y } = pairs(500, s); const X = col(x); X[17] = [NaN]; return [X, col(y), {}]; }],
  ["Infinity in one row of y", (s) => { const { x, y } = pairs(500, s); const Y = col(y); Y[3] = [Infinity]; return [col(x), Y, {}]; }],
  ["null in one row of x", (s) => { const { x, y } = pairs(500, s); const X = col(x); X[5] = [null]; return [X, col(y), {}]; }],
  ["n of x 500, of y 499", (s) => { const { x, y } = pairs(500, s); return [col(x), col(y).slice(1), {}]; }],
  ["ragged rows in x", (s) => { const { x, y } = pairs(500, s); const X = col(x); X[9] = [X[9][0], 1]; return [X, col(y), {}]; }],
  ["batchSize 5000 > n", (s) => { const { x, y } = pairs(500, s); return [col(x), col(y), { batchSize: 5000 }]; }],
  ["epochs 0", (s) => { const { x, y } = pairs(500, s); return [col(x), col(y), { epochs: 0 }]; }],
  ["epochs 1e6", (s) => { const { x, y } = pairs(500, s); return [col(x), col(y), { epochs: 1e6 }]; }],
  ["learningRate 10", (s) => { const { x, y } = pairs(500, s); return [col(x), col(y), { learningRate: 10 }]; }],
  ["seed as a string '7'", (s) => { const { x, y } = pairs(500, s); return [col(x), col(y), { seed: "7" }]; }],
  ["neighbors 0 (ksg)", (s) => { const { x, y } = pairs(500, s); return [col(x), col(y), { neighbors: 0 }]; }],
];
for (const [name, make] of CASES) {
  for (const method of estimators()) {
    for (const seed of [0, 1, 2]) {
      const [x, y, opts] = make(seed);
      let line;
      try {
        const r = await estimateMI(x, y, { method, seed, ...opts });
        const [lo, hi] = r.interval, bad = !Number.isFinite(r.estimate) || Number.isNaN(lo) || Number.isNaN(hi);
        const verdict = bad ? "NONFINITE" : !r.trusted ? "untrusted" : lo <= TRUTH && TRUTH <= hi ? "ok" : "TRUSTED-WRONG";
        line = `${verdict} ${r.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] ${(r.warnings[0] ?? "").slice(0, 160)}`;
      } catch (e) {
        line = `REFUSED ${String(e?.message ?? e).slice(0, 300)}`;
      }
      console.log(`${name} | ${method} | s${seed} | ${line}`);
      if (line.startsWith("REFUSED")) break; // the same refusal for every seed
    }
  }
}
