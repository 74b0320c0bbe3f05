// node bench/accuracy/unseen14/check-truths.mjs: the quadrature truths against Monte Carlo means of log p(x, y)/(p(x)p(y))
import { rng } from "../unseen5/sets.mjs";
import { sinTruth, sinDensity, sparseMixtureTruth, ratioRho, gumbelTruth, gumbelLogC, gumbelPair, atomsTruth } from "./sets.mjs";
const logPhi = (z, s) => -0.5 * z * z / (s * s) - Math.log(s * Math.sqrt(2 * Math.PI));
function mc(n, draw) { const r = rng(999); let m = 0, q = 0; for (let i = 0; i < n; i++) { const v = draw(r); m += v; q += v * v; } m /= n; return [m, Math.sqrt((q / n - m * m) / n)]; }
const show = (name, truth, [m, se]) => console.log(`${name}: truth ${truth.toFixed(4)}, Monte Carlo ${m.toFixed(4)} ± ${se.toFixed(4)} (${((truth - m) / se).toFixed(1)} s.e.)`);
show("gumbel2-copula", gumbelTruth(2), mc(1000000, (r) => { const [p, q] = gumbelPair(r, 2); return gumbelLogC(p, q, 2); }));
for (const k of [1, 5, 20]) { const p = sinDensity(k, 0.3, 4000); show(`sin-${k}x-plus-0.3noise`, sinTruth(k, 0.3), mc(20000, (r) => { const a = r.normal(), y = Math.sin(k * a) + 0.3 * r.normal(); return logPhi(y - Math.sin(k * a), 0.3) - Math.log(p(y)); })); }
show("dependent-in-5pct-rho0.95", sparseMixtureTruth(0.05, 0.95), mc(2000000, (r) => { let x, y; if (r.u() < 0.05) { x = r.normal(); y = 0.95 * x + Math.sqrt(1 - 0.95 * 0.95) * r.normal(); } else { x = r.normal(); y = r.normal(); } return Math.log(0.95 + 0.05 * ratioRho(x, y, 0.95)); }));
const mix = (y) => { let p = 0.6 * Math.exp(logPhi(y, Math.sqrt(1.25))); for (let a = -2; a <= 2; a++) p += 0.08 * Math.exp(logPhi(y - a, 0.5)); return p; };
show("x-five-atoms-plus-gauss", atomsTruth(), mc(1000000, (r) => { const a = r.u() < 0.4 ? r.int(5) - 2 : r.normal(), y = a + 0.5 * r.normal(); return logPhi(y - a, 0.5) - Math.log(mix(y)); }));
