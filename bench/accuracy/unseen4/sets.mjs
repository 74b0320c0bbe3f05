// The fourth unseen probe's data sets (README.md beside this file): each with its truth, a closed
// form, or Infinity where y is a function of a continuous x, or a copy of it in a share of the rows.
import { Rng, studentTCorrection } from "neural-mi";
const n = 1000;
const rows = (len, f) => Array.from({ length: len }, (_, i) => f(i));
function tPair(dof, seed) {
  const r = new Rng(5000 + seed);
  const x = [], y = [];
  for (let i = 0; i < n; i++) {
    let w = 0;
    for (let k = 0; k < dof; k++) w += r.normal() ** 2;
    const s = Math.sqrt(w / dof);
    x.push([r.normal() / s]); y.push([r.normal() / s]);
  }
  return { x, y };
}
function manyLabels(seed) {
  const r = new Rng(6000 + seed); const K = 300, p = 0.6;
  const x = [], y = [];
  for (let i = 0; i < n; i++) { const a = r.integer(0, K); x.push([a]); y.push([r.uniform() < p ? a : r.integer(0, K)]); }
  return { x, y };
}
// y = x with probability 0.6, else a label drawn afresh: I = log K − H(Y | X)
const pStay = 0.6 + 0.4 / 300, pOther = 0.4 / 300;
const manyLabelsTruth = Math.log(300) + pStay * Math.log(pStay) + 299 * pOther * Math.log(pOther);
/** @type {{ name: string, truth: number, sample: (seed: number) => { x: number[][], y: number[][] } }[]} */
export const SETS = [
  { name: "t-uncorrelated-dof1", truth: studentTCorrection(1, 1, 1), sample: (s) => tPair(1, s) },
  { name: "t-uncorrelated-dof2", truth: studentTCorrection(2, 1, 1), sample: (s) => tPair(2, s) },
  { name: "y-is-x-squared", truth: Infinity, sample: (s) => { const r = new Rng(7000 + s); const a = rows(n, () => r.normal()); return { x: a.map((v) => [v]), y: a.map((v) => [v * v]) }; } },
  { name: "y-is-sin-5x", truth: Infinity, sample: (s) => { const r = new Rng(7100 + s); const a = rows(n, () => r.normal()); return { x: a.map((v) => [v]), y: a.map((v) => [Math.sin(5 * v)]) }; } },
  { name: "half-copied", truth: Infinity, sample: (s) => { const r = new Rng(7200 + s); const a = rows(n, () => r.normal()); return { x: a.map((v) => [v]), y: a.map((v) => [r.uniform() < 0.5 ? v : r.normal()]) }; } },
  { name: "many-labels-300", truth: manyLabelsTruth, sample: manyLabels },
  { name: "n40-rho0.99", truth: -0.5 * Math.log(1 - 0.99 ** 2), sample: (s) => { const r = new Rng(7300 + s); const x = [], y = []; for (let i = 0; i < 40; i++) { const a = r.normal(); x.push([a]); y.push([0.99 * a + Math.sqrt(1 - 0.99 ** 2) * r.normal()]); } return { x, y }; } },
  { name: "ten-clusters", truth: Math.log(10), sample: (s) => { const r = new Rng(7400 + s); const x = [], y = []; for (let i = 0; i < n; i++) { const c = r.integer(0, 10); x.push([c + 0.1 * r.normal()]); y.push([c + 0.1 * r.normal()]); } return { x, y }; } },
  { name: "one-x-30-readings", truth: 0.5 * Math.log(1 + 30 * 0.09), sample: (s) => { const r = new Rng(7500 + s); const x = [], y = []; for (let i = 0; i < n; i++) { const a = r.normal(); x.push([a]); y.push(rows(30, () => 0.3 * a + r.normal())); } return { x, y }; } },
];
const rhoG = (r, rho) => { const a = r.normal(); return [a, rho * a + Math.sqrt(1 - rho * rho) * r.normal()]; };
const gaussI = -0.5 * Math.log(1 - 0.81);
// a sentinel (−999) in place of a value, missing independently of everything: I = P(both seen)·I_gauss
SETS.push(
  { name: "sentinel-x-10pct", truth: 0.9 * gaussI, sample: (s) => { const r = new Rng(7600 + s); const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = rhoG(r, 0.9); x.push([r.uniform() < 0.1 ? -999 : a]); y.push([b]); } return { x, y }; } },
  { name: "sentinel-both-10pct", truth: 0.81 * gaussI, sample: (s) => { const r = new Rng(7700 + s); const x = [], y = []; for (let i = 0; i < n; i++) { const [a, b] = rhoG(r, 0.9); x.push([r.uniform() < 0.1 ? -999 : a]); y.push([r.uniform() < 0.1 ? -999 : b]); } return { x, y }; } },
  { name: "binary-separated", truth: Math.log(2), sample: (s) => { const r = new Rng(7800 + s); const x = [], y = []; for (let i = 0; i < n; i++) { const c = r.integer(0, 2); x.push([c]); y.push([c + 0.01 * r.normal()]); } return { x, y }; } },
);
