// The Dirichlet shares' family (for scan.mjs and run.mjs-style calls): x, y the first two shares of a Dirichlet(a₁, a₂, a₃),
// whose joint density is infinite along x + y = 1 when a₃ < 1 (the third share piled at every scale near 0), and infinite
// at the margins' edges when a₁, a₂ < 1. Symmetric a = 0.1, 0.3, 0.5, 1 (1: uniform on the simplex, bounded); a = 0.3 at
// n = 500, 1000 and 4000; margins near uniform with only the edge x + y = 1 singular, Dirichlet(1, 1, 0.2) and (2, 2, 0.3);
// and the a = 0.3 shares after a log and a logit of each side (the MI is unchanged by maps of one side; the library's
// normal scores come from ranks, so KSG sees the same points). Truth: the shares are Beta(a₁, a₂ + a₃) and Beta(a₂, a₁ + a₃)
// (stick-breaking), so I = h(Beta(a₁, a₂ + a₃)) + h(Beta(a₂, a₁ + a₃)) − h(Dir(a₁, a₂, a₃)).
import { rng, dirichletEntropy, dirichletDraw } from "./sets.mjs";

export const sharesTruth = (al) => dirichletEntropy([al[0], al[1] + al[2]]) + dirichletEntropy([al[1], al[0] + al[2]]) - dirichletEntropy(al);
const logit = (p) => Math.log(p) - Math.log1p(-p);
const sharesSet = (name, al, n, base, map = (v) => v) => ({
  name: `${name}-n${n}`,
  alphas: al,
  n,
  truth: sharesTruth(al),
  sample: (seed) => {
    const r = rng(base + seed), x = [], y = [];
    for (let i = 0; i < n; i++) { const p = dirichletDraw(r, al); x.push(map(p[0])); y.push(map(p[1])); }
    return { x, y };
  },
});
export const FAMILY = [
  sharesSet("dirichlet-0.1-shares", [0.1, 0.1, 0.1], 1000, 3991000),
  sharesSet("dirichlet-0.3-shares", [0.3, 0.3, 0.3], 500, 3992000),
  sharesSet("dirichlet-0.3-shares", [0.3, 0.3, 0.3], 1000, 3993000),
  sharesSet("dirichlet-0.3-shares", [0.3, 0.3, 0.3], 4000, 3994000),
  sharesSet("dirichlet-0.5-shares", [0.5, 0.5, 0.5], 1000, 3995000),
  sharesSet("dirichlet-1-shares-uniform-on-simplex", [1, 1, 1], 1000, 3996000),
  sharesSet("dirichlet-1-1-0.2-shares-edge-x+y=1", [1, 1, 0.2], 1000, 3997000),
  sharesSet("dirichlet-2-2-0.3-shares-edge-x+y=1", [2, 2, 0.3], 1000, 3998000),
  sharesSet("dirichlet-0.3-shares-log", [0.3, 0.3, 0.3], 1000, 3993000, Math.log),
  sharesSet("dirichlet-0.3-shares-logit", [0.3, 0.3, 0.3], 1000, 3993000, logit),
];
