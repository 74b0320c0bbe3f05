// node bench/accuracy/unseen13/check-truths.mjs: the quadrature and closed-form truths against Monte Carlo means of log p(y|x)/p(y)
import { rng } from "../unseen5/sets.mjs";
import { rareBinaryTruth, poissonPlusGaussTruth, symmetricChannelTruth } from "./sets.mjs";
const logPhi = (z, s) => -0.5 * z * z / (s * s) - Math.log(s * Math.sqrt(2 * Math.PI));
const mixLog = (y, ws, ms, s) => Math.log(ws.reduce((a, w, k) => a + w * Math.exp(logPhi(y - ms[k], s)), 0));
function mc(n, draw) { const r = rng(999); let m = 0, q = 0; for (let i = 0; i < n; i++) { const v = draw(r); m += v; q += v * v; } m /= n; return [m, Math.sqrt((q / n - m * m) / n)]; }
const show = (name, truth, [m, se]) => console.log(`${name}: truth ${truth.toFixed(4)}, Monte Carlo ${m.toFixed(4)} ± ${se.toFixed(4)} (${((truth - m) / se).toFixed(1)} s.e.)`);
show("rare-binary-1pct-shift3", rareBinaryTruth(0.01, 3), mc(2000000, (r) => { const b = r.u() < 0.01 ? 1 : 0, y = 3 * b + r.normal(); return logPhi(y - 3 * b, 1) - mixLog(y, [0.99, 0.01], [0, 3], 1); }));
const pk = [Math.exp(-3)]; for (let k = 1; k < 40; k++) pk.push((pk[k - 1] * 3) / k);
const poisson = (r) => { let k = 0, p = 1; do { k++; p *= r.u(); } while (p > Math.exp(-3)); return k - 1; };
show("int-and-float-poisson3", poissonPlusGaussTruth(3), mc(400000, (r) => { const k = poisson(r), z = r.normal(), y = k + z + r.normal(); return logPhi(y - k - z, 1) - mixLog(y, pk, pk.map((_, j) => j), Math.SQRT2); }));
show("labels200-symmetric-channel", symmetricChannelTruth(200, 0.5), mc(400000, (r) => { const a = r.int(200), b = r.u() < 0.5 ? a : r.int(200); const p = a === b ? 0.5 + 0.5 / 200 : 0.5 / 200; return Math.log(p) - Math.log(1 / 200); }));
