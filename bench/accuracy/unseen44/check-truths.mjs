// node check-truths.mjs: the inliers' Monte Carlo checked where it has a closed form (no share replaced: d·I(ρ)), and
// again on other draws; the spiral's turn checked to keep |x| (so it is invertible and the MI is the Gaussian's).
import { rng, inlierTruthMc, INLIER_RHO, spiralTurn } from "./sets.mjs";
import { gaussI } from "../unseen25/sets.mjs";
import { report, line } from "../monte-carlo.mjs";

for (const d of [2, 5]) report(`inliers-${d}x${d}-a0`, d * gaussI(INLIER_RHO), inlierTruthMc(d, 0, 200000, 4498000), "Monte Carlo");
report("inliers-2x2-a0.5", inlierTruthMc(2, 0.5)[0], inlierTruthMc(2, 0.5, 400000, 4497000), "other draws");
report("inliers-5x5-a0.2", inlierTruthMc(5, 0.2)[0], inlierTruthMc(5, 0.2, 400000, 4496000), "other draws");
const r = rng(4495000);
let worst = 0;
for (let i = 0; i < 10000; i++) { const v = Array.from({ length: 5 }, () => 2 * r.normal()), w = spiralTurn(v); worst = Math.max(worst, Math.abs(Math.hypot(...v) - Math.hypot(...w))); }
line("spiral keeps |x|", `largest change of |x| over 10 000 draws: ${worst.toExponential(1)}`);
