// node bench/accuracy/unseen12/check-truths.mjs: the quadrature truths against Monte Carlo means of log p(y|x)/p(y)
import { rng } from "../unseen5/sets.mjs";
import { absTruth, absDensity, squareTruth, squareDensity, cauchyTruth, zeroInflatedTruth, poissonChannelTruth } from "./sets.mjs";
const logPhi = (z, s) => -0.5 * z * z / (s * s) - Math.log(s * Math.sqrt(2 * Math.PI));
function mc(n, draw) { const r = rng(999); let m = 0, q = 0; for (let i = 0; i < n; i++) { const v = draw(r); m += v; q += v * v; } m /= n; return [m, Math.sqrt((q / n - m * m) / n)]; }
const show = (name, truth, [m, se]) => console.log(`${name}: quadrature ${truth.toFixed(4)}, Monte Carlo ${m.toFixed(4)} ± ${se.toFixed(4)} (${((truth - m) / se).toFixed(1)} s.e.)`);
show("abs-x-plus-0.01-noise", absTruth(0.01), mc(200000, (r) => { const a = r.normal(), y = Math.abs(a) + 0.01 * r.normal(); return logPhi(y - Math.abs(a), 0.01) - Math.log(absDensity(y, 0.01)); }));
show("x-squared-plus-0.1-noise", squareTruth(0.1), mc(20000, (r) => { const a = r.normal(), y = a * a + 0.1 * r.normal(); return logPhi(y - a * a, 0.1) - Math.log(squareDensity(y, 0.1)); }));
// bivariate Cauchy density 1/(2π)(1 + x² + y²)^(−3/2); margins 1/(π(1 + x²))
show("bivariate-cauchy", cauchyTruth, mc(1000000, (r) => { const w = Math.abs(r.normal()), x = r.normal() / w, y = r.normal() / w; return -Math.log(2 * Math.PI) - 1.5 * Math.log1p(x * x + y * y) + Math.log(Math.PI * (1 + x * x)) + Math.log(Math.PI * (1 + y * y)); }));
const mixLog = (y, ws, ms, sds) => Math.log(ws.reduce((a, w, k) => a + w * Math.exp(logPhi(y - ms[k], sds[k])), 0));
show("zero-inflated", zeroInflatedTruth(), mc(400000, (r) => { const a = r.u() < 0.4 ? 0 : r.normal(), y = a + 0.5 * r.normal(); return logPhi(y - a, 0.5) - mixLog(y, [0.4, 0.6], [0, 0], [0.5, Math.sqrt(1.25)]); }));
const pk = [Math.exp(-3)]; for (let k = 1; k < 40; k++) pk.push((pk[k - 1] * 3) / k);
const poisson = (r) => { let k = 0, p = 1; do { k++; p *= r.u(); } while (p > Math.exp(-3)); return k - 1; };
show("poisson-channel", poissonChannelTruth(3), mc(400000, (r) => { const k = poisson(r), y = k + r.normal(); return logPhi(y - k, 1) - mixLog(y, pk, pk.map((_, j) => j), pk.map(() => 1)); }));
