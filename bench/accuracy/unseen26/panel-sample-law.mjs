// node bench/accuracy/unseen26/panel-sample-law.mjs: the MI of the law each panel draw's rows actually follow. With the 20
// subjects' effects u_s drawn, the 1000 rows (shuffled or not) are draws of the 20-component mixture x = u_s + 0.5e,
// y = u_s + 0.5e' (s uniform): its MI, h(x) + h(y) − h(x, y) by Monte Carlo with the mixture's densities, is what an estimator
// reading the rows as independent draws estimates; the probe's truth (0.511) is that of a row under the population law.
import { SETS, rng, normalDensity, PANEL } from "./sets.mjs";

const draws = 100000;
for (const prefix of ["panel-20-subjects-of-50-rows-shuffled", "panel-20-subjects-of-50-rows-in-subject-order"]) {
  const set = SETS.find((s) => s.name.startsWith(prefix));
  for (const seed of [0, 1, 2, 3]) {
    const effects = effectsOf(prefix, seed);
    const r = rng(2690 + seed);
    const sd = PANEL.noise;
    let sum = 0;
    for (let k = 0; k < draws; k++) {
      const u = effects[r.int(effects.length)];
      const a = u + sd * r.normal();
      const b = u + sd * r.normal();
      let pxy = 0, px = 0, py = 0;
      for (const v of effects) { const fa = normalDensity(a - v, sd), fb = normalDensity(b - v, sd); pxy += fa * fb; px += fa; py += fb; }
      sum += Math.log((pxy * effects.length) / (px * py));
    }
    console.log(`${set.name} seed ${seed}: the sample law's MI ${(sum / draws).toFixed(3)} (population truth ${set.truth.toFixed(3)})`);
  }
}

/** The 20 effects the set's sampler drew for this seed (its generator replayed: one normal per subject, then its rows' noise). */
function effectsOf(prefix, seed) {
  const r = rng((prefix.includes("shuffled") ? 2613000 : 2612000) + seed);
  const effects = [];
  for (let s = 0; s < PANEL.subjects; s++) {
    effects.push(r.normal());
    for (let k = 0; k < PANEL.rows; k++) { r.normal(); r.normal(); }
  }
  return effects;
}
