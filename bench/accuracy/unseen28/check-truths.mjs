// node bench/accuracy/unseen28/check-truths.mjs: the truths of sets.mjs a second way (the scale truths are quadratures), on draws of seeds of their own (2898
// on): y = |x|·ε through the closed-form density of a product of two normals, K₀(|y|)/π; y = e^x·ε through log|y| = x +
// log|ε|, a convolution by quadrature (h(y) = log 2 + h(log|y|) + E log|y|); 0.1 + x² by Monte Carlo on another seed and a
// finer grid; the rare event, the shapes and the angles by Monte Carlo of log p(y | x)/p(y) (p(θ) a wrapped normal).
import { rng, SETS, SCALES, quadrature, normalDensity, scaleTruth, scaleTruthByMonteCarlo, rareLogRatio, drawRare, drawShape, SHAPE, ANGLE } from "./sets.mjs";
import { line, monteCarlo, report, truthOf as truthIn, f4 } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const N = 200000;
const mc = "Monte Carlo (200 000)";
const EULER = 0.5772156649015329;
const hNormal = 0.5 * Math.log(2 * Math.PI * Math.E);

// |x|·ε: p(y) = K₀(|y|)/π, K₀(z) = ∫₀^∞ exp(−z cosh t) dt; I = h(y) − h(ε) − E log|x|, E log|x| = −(γ + log 2)/2
const k0 = (z) => quadrature(0, 40, 4000, (t) => Math.exp(-z * Math.cosh(t)));
report("y-abs-x (K0 density)", truthOf("y-abs-x"), meanSe(20000, 2898001, (r) => -Math.log(k0(Math.abs(r.normal() * r.normal())) / Math.PI) - hNormal + (EULER + Math.log(2)) / 2), "Monte Carlo (20 000) of h(y)");

// e^x·ε: u = log|y| = x + log|ε|, density of log|ε| is 2φ(e^v)e^v; h(y) = log 2 + h(u) + E u, E u = −(γ + log 2)/2
const pLogAbs = (v) => 2 * normalDensity(Math.exp(v)) * Math.exp(v);
const pU = (u) => quadrature(-25, 5, 3000, (v) => pLogAbs(v) * normalDensity(u - v));
const hU = -quadrature(-30, 12, 4200, (u) => { const p = pU(u); return p > 0 ? p * Math.log(p) : 0; });
line("y-exp-x (convolution)", `truth ${f4(truthOf("y-exp-x"))}  quadrature ${f4(Math.log(2) + hU - (EULER + Math.log(2)) / 2 - hNormal)}`);

// 0.1 + x²: another seed and a grid twice as fine
const quadFine = (y) => quadrature(-9, 9, 3600, (x) => { const s = 0.1 + x * x; return normalDensity(x) * normalDensity(y / s) / s; });
report("y-0.1-plus-x2 (finer grid)", truthOf("y-0.1-plus-x2"), meanSe(20000, 2898002, (r) => { const x = r.normal(), e = r.normal(), s = SCALES.quad.sigma(x); return Math.log(normalDensity(e) / s) - Math.log(quadFine(s * e)); }), "Monte Carlo (20 000)");
line("five pairs", `truths 5 × the 1-D ones: ${f4(truthOf("five-pairs-y-exp"))}, ${f4(truthOf("five-pairs-y-0.1"))}`);
line("scale truths' own se", ["exp", "abs", "quad"].map((k) => `${k} ${f4(scaleTruthByMonteCarlo(k, 20000, 2898003))}`).join(", ") + " (Monte Carlo of 20 000 on a third seed)");

report("rare event", truthOf("rare-event"), meanSe(N, 2898004, (r) => { const [x, y] = drawRare(r); return rareLogRatio(x, y); }), mc);

const bimodal = (y) => { const b = SHAPE.b, a = Math.sqrt(1 - b * b); return 0.5 * (normalDensity(y - a, b) + normalDensity(y + a, b)); };
const skewed = (y) => (y > -1 ? Math.exp(-(y + 1)) : 0);
report("shape", truthOf("x-sign-chooses"), meanSe(N, 2898005, (r) => { const [x, y] = drawShape(r), p = x > 0 ? bimodal(y) : skewed(y); return Math.log(p / (0.5 * bimodal(y) + 0.5 * skewed(y))); }), mc);

const wrapped = (t, sd, period) => { let s = 0; for (let k = -30; k <= 30; k++) s += normalDensity(t + k * period, sd); return s; };
for (const [prefix, period] of [["y-direction", 2 * Math.PI], ["y-axis", Math.PI]]) {
  report(prefix, truthOf(prefix), meanSe(N, 2898006 + period, (r) => {
    const x = r.normal(), th = ANGLE.gain * x + ANGLE.noise * r.normal(), t = ((th % period) + period) % period;
    return Math.log(wrapped(t - ((ANGLE.gain * x) % period), ANGLE.noise, period) / wrapped(t, Math.hypot(ANGLE.gain, ANGLE.noise), period));
  }), mc);
}
