// node bench/accuracy/unseen15/check-truths.mjs: the quadrature truths against Monte Carlo means of log p(x, y)/(p(x)p(y))
import { rng } from "../unseen5/sets.mjs";
import { mixtureEntropy } from "../unseen14/sets.mjs";
import { ringTruth, ringDensity, paretoTruth, emgDensity, thresholdTruth, Phi, sinLabelP } from "./sets.mjs";
const logPhi = (z, s) => -0.5 * z * z / (s * s) - Math.log(s * Math.sqrt(2 * Math.PI));
function mc(n, draw) { const r = rng(999); let m = 0, q = 0; for (let i = 0; i < n; i++) { const v = draw(r); m += v; q += v * v; } m /= n; return [m, Math.sqrt((q / n - m * m) / n)]; }
const show = (name, truth, [m, se]) => console.log(`${name}: truth ${truth.toFixed(4)}, Monte Carlo ${m.toFixed(4)} ± ${se.toFixed(4)} (${((truth - m) / se).toFixed(1)} s.e.)`);
// ring: log p(x | θ) − log p(x), x = θ + 0.3E
const pRing = ringDensity(0.3);
show("ring-angle-noise0.3", ringTruth(0.3), mc(1000000, (r) => { const t = 2 * Math.PI * r.u(), x = t + 0.3 * r.normal(); return logPhi(x - t, 0.3) - Math.log(pRing(x)); }));
// Pareto × log-normal, in logs: s = t + 0.5E, t ~ Exp(1)
show("pareto1-x-times-lognormal0.5", paretoTruth(), mc(1000000, (r) => { const t = -Math.log(r.u()), s = t + 0.5 * r.normal(); return logPhi(s - t, 0.5) - Math.log(emgDensity(s)); }));
// threshold label: log P(y | x) − log P(y), P(y = 1 | x) = Φ(2x), P(y = 1) = ½
show("threshold-label", thresholdTruth(), mc(1000000, (r) => { const a = r.normal(), q = Phi(2 * a), y = a + 0.5 * r.normal() > 0; return Math.log(y ? q : 1 - q) - Math.log(0.5); }));
// 40 classes: x = c + 0.3E
const mix = (x) => { let p = 0; for (let c = 0; c < 40; c++) p += Math.exp(logPhi(x - c, 0.3)) / 40; return p; };
show("40-class", mixtureEntropy(Array(40).fill(1 / 40), Array.from({ length: 40 }, (_, c) => c), Array(40).fill(0.3), -5, 45) - 0.5 * Math.log(2 * Math.PI * Math.E * 0.09), mc(400000, (r) => { const c = Math.floor(40 * r.u()), x = c + 0.3 * r.normal(); return logPhi(x - c, 0.3) - Math.log(mix(x)); }));
// sign of sin(10x): the label's probability against its frequency
const [m] = mc(2000000, (r) => (Math.sin(10 * r.normal()) > 0 ? 1 : 0));
console.log(`label-sign-of-sin-10x: P(y = 1) ${sinLabelP(10).toFixed(5)}, Monte Carlo ${m.toFixed(5)} ± ${Math.sqrt(m * (1 - m) / 2e6).toFixed(5)}`);
