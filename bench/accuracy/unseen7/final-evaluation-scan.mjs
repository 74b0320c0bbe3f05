// node bench/accuracy/unseen7/final-evaluation-scan.mjs: large learning rates (1, 3, 10) on Gaussian pairs drawn by the
// library's Rng, every neural method, seeds 0–2; prints the calls where the best network could not be evaluated again
// on fresh reference draws (HIT), and errors (before the first fix, both threw out of estimateMI).
import { init, estimateMI, Rng } from "neural-mi";
await init();
function gp(n, rho, seed) { const rng = new Rng(seed); const x = [], y = []; for (let i = 0; i < n; i++) { const a = rng.normal(); x.push([a]); y.push([rho * a + Math.sqrt(1 - rho * rho) * rng.normal()]); } return { x, y }; }
for (const method of ["smile", "mine-f", "mine", "infonce", "minee"]) for (const lr of [1, 3, 10]) for (const seed of [0, 1, 2]) {
  const { x, y } = gp(1000, 0.8, 9100 + seed);
  const t0 = Date.now();
  try { const r = await estimateMI(x, y, { method, seed, learningRate: lr }); const hit = r.warnings.some((w) => /could not be evaluated again/.test(w)); console.log(method, lr, seed, hit ? "HIT" : "", r.estimate.toFixed(3), r.trusted, (Date.now() - t0) / 1000); }
  catch (e) { console.log(method, lr, seed, "ERROR", e.message.slice(0, 100)); }
}
