// node bench/accuracy/unseen34/check-truths.mjs: the truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3499001 on), with the densities written from the generating
// model (sets.mjs: quadratures of entropies, closed forms, a 2-D rule in asinh coordinates), and a plug-in MI of a
// million draws of the codes' co-occurrence.
import { rng, SETS, CODE_1000, CODE_EDGE, COOCCUR, MCAR, normalDensity, gumbelPair, shockJoint, shockMargin, SHOCK, SHOCKS_MILD, shockTruth } from "./sets.mjs";
import { studentPairs } from "../unseen20/sets.mjs";
import { gumbelLogC } from "../unseen14/sets.mjs";
import { monteCarlo, report, line, f4, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe, plugInEntropy } = monteCarlo(rng);
const mc = (n) => `Monte Carlo (${n})`;
const N = 1000000;
const pairDensity = (x, y, rho) => Math.exp(-(x * x - 2 * rho * x * y + y * y) / (2 * (1 - rho * rho))) / (2 * Math.PI * Math.sqrt(1 - rho * rho));

// an informative code: pmi = log p(y | D)/p(y) in the code's rows, log φ_ρ(x, y)/(φ(x)p(y)) elsewhere
for (const [prefix, c] of [["code-1000-on-10pct", CODE_1000], ["code-minus999-on-2.5pct", CODE_EDGE]]) {
  const py = (y) => (1 - c.share) * normalDensity(y) + c.share * normalDensity(y - c.shift, c.sd);
  report(prefix, truthOf(prefix), meanSe(N, 3499001, (r) => {
    if (r.u() < c.share) { const y = c.shift + c.sd * r.normal(); return Math.log((c.share * normalDensity(y - c.shift, c.sd)) / (c.share * py(y))); }
    const a = r.normal(), y = c.rho * a + Math.sqrt(1 - c.rho * c.rho) * r.normal();
    return Math.log(((1 - c.share) * pairDensity(a, y, c.rho)) / ((1 - c.share) * normalDensity(a) * py(y)));
  }), mc(N));
}
// the codes' co-occurrence: H(Dx) + H(Dy) − H(Dx, Dy) by plug-in entropies of a million draws
{
  const draw = (r) => { const u = r.u(); return u < COOCCUR[0][0] ? 0 : u < COOCCUR[0][0] + COOCCUR[0][1] ? 1 : u < 1 - COOCCUR[1][1] ? 2 : 3; };
  const h = (f) => plugInEntropy(N, 3499002, (r) => f(draw(r)));
  const i = h((k) => (k === 1 || k === 3 ? 1 : 0)) + h((k) => (k >= 2 ? 1 : 0)) - h((k) => k);
  line("codes-co-occurring", `truth ${f4(truthOf("codes-minus999-on-x"))}  plug-in of 10⁶ draws ${f4(i)}`);
}
// MCAR codes: (1 − share)·I_ρ; pmi of the observed rows only
report("mcar-cauchy", truthOf("code-minus999-on-10pct-mcar"), meanSe(N, 3499003, (r) => { if (r.u() < MCAR) return 0; const a = r.normal(), b = 0.8 * a + 0.6 * r.normal(); return Math.log(pairDensity(a, b, 0.8) / (normalDensity(a) * normalDensity(b))); }), mc(N));
report("mcar-10x10", truthOf("codes-minus999-in-10pct"), meanSe(N / 10, 3499004, (r) => { let s = 0; for (let k = 0; k < 10; k++) { const a = r.normal(), b = 0.5 * a + Math.sqrt(0.75) * r.normal(), ox = r.u() >= MCAR, oy = r.u() >= MCAR; if (ox && oy) s += Math.log(pairDensity(a, b, 0.5) / (normalDensity(a) * normalDensity(b))); } return s; }), mc(N / 10));
// the five-valued x with a code: pmi log p(y | c)/p(y) in observed rows
{
  const py = (y) => [0, 1, 2, 3, 4].reduce((s, c) => s + normalDensity(y - c, 0.5) / 5, 0);
  report("code-99-label", truthOf("code-99-on-10pct"), meanSe(N, 3499005, (r) => { const c = r.int(5), y = c + 0.5 * r.normal(); return r.u() < MCAR ? 0 : Math.log(normalDensity(y - c, 0.5) / py(y)); }), mc(N));
}
// Student-t copulas: pmi of the t pair (margins are monotone maps)
for (const [prefix, nu, rho] of [["t-copula-nu1-rho0.5", 1, 0.5], ["t-copula-nu3-rho0.7", 3, 0.7], ["t-copula-nu1-rho0-", 1, 0]]) {
  const m = studentPairs(nu, 1, rho);
  report(prefix, truthOf(prefix), meanSe(N, 3499006 + nu, (r) => { const [x, y] = m.draw(r); return m.pmi(x, y); }), mc(N));
}
// the Gumbel copula: E log c on Marshall–Olkin draws (sets.mjs: a 2-D rule in log p, log q)
report("gumbel-theta2", truthOf("gumbel-copula"), meanSe(N, 3499010, (r) => { const [p, q] = gumbelPair(r, 2); return gumbelLogC(p, q, 2); }), mc(N));
// the Cauchy channel: log p(y | x)/p(y), y − x ~ Cauchy(0, 1), y ~ Cauchy(0, 2), per coordinate
{
  const c = (v, s) => s / (Math.PI * (s * s + v * v));
  const one = meanSe(N, 3499011, (r) => { const x = Math.tan(Math.PI * (r.u() - 0.5)), y = x + Math.tan(Math.PI * (r.u() - 0.5)); return Math.log(c(y - x, 1) / c(y, 2)); });
  report("cauchy-channel-2x2", truthOf("cauchy-channel-2x2-n1000"), one.map((v) => 2 * v), mc(N) + " ×2");
  report("cauchy-channel-5x5", truthOf("cauchy-channel-5x5"), one.map((v) => 5 * v), mc(N) + " ×5");
}
// the shared shock: pmi from the mixture's densities
report("shared-shock", truthOf("shared-shock"), meanSe(N, 3499012, (r) => { const a = r.normal(), b = r.normal(), S = r.u() < SHOCK.share ? SHOCK.sd * r.normal() : 0; const x = a + S, y = b + S; return Math.log(shockJoint(x, y) / (shockMargin(x) * shockMargin(y))); }), mc(N));
for (const [k, shock] of SHOCKS_MILD.entries()) {
  report(`shock-sd${shock.sd}-${shock.share * 100}pct`, shockTruth(shock), meanSe(N, 3499013 + k, (r) => { const a = r.normal(), b = r.normal(), S = r.u() < shock.share ? shock.sd * r.normal() : 0; const x = a + S, y = b + S; return Math.log(shockJoint(x, y, shock) / (shockMargin(x, shock) * shockMargin(y, shock))); }), mc(N));
}
// the survival Clayton copula: E log c on conditional-inverse draws (sets.mjs: a 2-D rule in log u, log v)
{
  const { CLAYTON, claytonTruth, claytonPair, claytonLogC } = await import("./sets.mjs");
  report("survival-clayton", claytonTruth(), meanSe(N, 3499020, (r) => { const [u, v] = claytonPair(r, CLAYTON.theta); return claytonLogC(Math.log(u), Math.log(v), CLAYTON.theta); }), mc(N));
}
