// node bench/accuracy/unseen39/check-family2-truths.mjs [draws] > check-family2-truths.txt: each Dirichlet truth of
// family2.mjs (closed form, by aggregation) against the Monte Carlo mean of log p(x, y)/p(x)p(y), the densities of the free
// shares (the rest summed from its parts, not as 1 less the others, which rounding ruins at α = 0.1) written from the Dirichlets of the shares taken and the rest summed; within 2 standard errors or not.
import { FAMILY2 } from "./family2.mjs";
import { rng, dirichletDraw, dirichletLogDensity } from "./sets.mjs";

const draws = Number(process.argv[2] ?? 200000);
const sum = (a) => a.reduce((s, v) => s + v, 0);
for (const set of FAMILY2.filter((s) => s.alphas !== undefined && !s.name.includes("logit"))) {
  const { alphas, xs, ys } = set;
  const logDensity = (parts, p) => dirichletLogDensity([...parts.map((j) => alphas[j]), sum(alphas) - sum(parts.map((j) => alphas[j]))], [...parts.map((j) => p[j]), sum(p.filter((_, j) => !parts.includes(j)))]);
  const r = rng(7);
  let s = 0, s2 = 0;
  for (let i = 0; i < draws; i++) {
    const p = dirichletDraw(r, alphas).map((v) => Math.max(v, 1e-300));
    const v = logDensity([...xs, ...ys], p) - logDensity(xs, p) - logDensity(ys, p);
    s += v; s2 += v * v;
  }
  const m = s / draws, se = Math.sqrt((s2 / draws - m * m) / draws);
  console.log(`${set.name.padEnd(52)} closed form ${set.truth.toFixed(4)}  Monte Carlo ${m.toFixed(4)} ± ${se.toFixed(4)}  ${Math.abs(m - set.truth) <= 2 * se ? "within 2 s.e." : "OUTSIDE"}`);
}
