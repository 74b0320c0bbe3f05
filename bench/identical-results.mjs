// Prints, as JSON, the outputs of a fixed set of library calls: estimateMI with every method on a
// few tasks, seeds and sizes (n > 2000 included), Rng streams, and the near-copies check. A speed
// change must leave this output byte-identical:
//   node bench/identical-results.mjs > before.json   (then change, npm run build)
//   node bench/identical-results.mjs > after.json && cmp before.json after.json
// `--quick` skips the neural estimators on the largest size.
import { init, estimateMI, estimators, miTask, Rng } from "../lib/dist/index.js";
import { nearCopiesWarning } from "../lib/dist/estimators/standardise.js";


const quick = process.argv.includes("--quick");
await init();
const out = {};

// Rng streams: permutation, choice with and without replacement, sizes small and large
const rng = new Rng(7);
out.rng = {
  permutation: [0, 1, 2, 10, 1000, 5000].map((n) => rng.permutation(n)),
  choice: [[10, 3], [5000, 2000], [100000, 50], [3, 3], [7, 0]].map(([n, k]) => rng.choice(n, k)),
  replace: rng.choice(50, 20, { replace: true }),
  after: rng.nextUint32(),
};

// the near-copies check on independent draws, on jittered copies, with a column of classes, n > 2000
const rows = (n, d, seed) => new Rng(seed).normals(n * d);
const matrix = (values, cols) => ({ values: Float64Array.from(values), rows: values.length / cols, cols });
const jittered = (n, copies, seed, jitter = 1e-6) => {
  const r = new Rng(seed);
  const base = r.normals(n * 2);
  const v = [];
  for (let c = 0; c < copies; c++) for (const b of base) v.push(b + jitter * r.normal());
  return v;
};
const split = (v) => [matrix(v.filter((_, i) => i % 2 === 0), 1), matrix(v.filter((_, i) => i % 2 === 1), 1)];
const withClass = (n, seed) => {
  const r = new Rng(seed);
  return Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? r.integer(0, 4) : r.normal()));
};
out.nearCopies = [
  ["independent 500", split(rows(500, 2, 1))],
  ["independent 3000", split(rows(3000, 2, 2))],
  ["copies 200×5", split(jittered(200, 5, 3))],
  ["copies 1500×2", split(jittered(1500, 2, 4))],
  ["copies 500×2, jitter 0.003", split(jittered(500, 2, 6, 0.003))],
  ["copies 400×3, jitter 0.003", split(jittered(400, 3, 7, 0.003))],
  ["class column 800", split(withClass(800, 5))],
  ["class column, copies 300×2", split([...withClass(300, 8), ...withClass(300, 8).map((v, i) => (i % 2 === 1 ? v + 1e-4 : v))])],
  ["4 columns, copies 300×2", [matrix(jittered(300, 2, 9, 1e-3), 2), matrix(jittered(300, 2, 9, 1e-3).reverse(), 2)]],
  ["exact and jittered copies 300", split([...rows(300, 2, 10), ...rows(300, 2, 10), ...rows(300, 2, 10).map((v) => v * (1 + 1e-7))])],
  ["rows on a curve 1000", split(rows(1000, 1, 12).flatMap((v) => [v, v ** 3]))],
].map(([name, [x, y]]) => [name, nearCopiesWarning(x, y, 11) ?? null]);

// estimateMI, every method
const calls = [
  ["gaussian-1x1-rho0.9", 400, 1],
  ["gaussian-1x1-rho0.9", 400, 2],
  ["cubed-gaussian-1x1-rho0.9", 600, 3],
  ["mixture-2gauss-rho0.9", 500, 5],
  ["gaussian-dense-5x5", 2500, 4],
];
const keep = (r) => ({ estimate: r.estimate, interval: r.interval, trusted: r.trusted, warnings: r.warnings, history: r.history, diagnostics: r.diagnostics });
out.estimates = [];
for (const [name, n, seed] of calls) {
  const { x, y } = miTask(name).sample(n, seed);
  for (const method of estimators()) {
    if (quick && n > 2000 && method !== "ksg") continue;
    const options = method === "ksg" ? { seed } : { seed, steps: 150, hiddenSize: 16 };
    const r = await estimateMI(x, y, { method, ...options });
    out.estimates.push({ name, n, seed, method, result: keep(r) });
  }
}
// repeated values (KSG's ties, the rules for repeated values)
{
  const { x, y } = miTask("gaussian-1x1-rho0.9").sample(800, 6);
  const round = (rows) => rows.map((row) => row.map((v) => Math.round(4 * v) / 4));
  for (const method of ["ksg", "mine"]) {
    const r = await estimateMI(round(x), round(y), method === "ksg" ? { method, seed: 6 } : { method, seed: 6, steps: 150, hiddenSize: 16 });
    out.estimates.push({ name: "rounded to 1/4", n: 800, seed: 6, method, result: keep(r) });
  }
}
process.stdout.write(JSON.stringify(out, (k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 1) + "\n");
