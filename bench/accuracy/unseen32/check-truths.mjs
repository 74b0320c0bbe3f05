// node bench/accuracy/unseen32/check-truths.mjs: the truths of sets.mjs a second way, by Monte Carlo means of
// log p(x, y)/p(x)p(y) on draws of seeds of their own (3299001 on), with the densities found otherwise than in sets.mjs
// (quadratures over the hidden variable where sets.mjs has a closed form, and the reverse), plug-in MIs of a million
// discrete draws, and the Gaussian process's variance of the mean from drawn curves.
import {
  rng, SETS, BUMP, CLASS_MEANS, SHOCK, poisson, RATIO_SIGMA, WALK, GP, gpCurve, gpMeanVariance, SCORE, score, saturationPoint, SENTINEL, ROUNDED,
  DOSES, response, SOFTMAX, SENTINEL_HARD, CLASS_MEANS_200, MNAR, mnarCut, DOSES_20, CLASS_MEANS_WEAK, SCORE_STEEP, SHOCK_STRONG, softmaxDraw, posteriorEntropy, SHUFFLED_NOISE, normalDensity, quadrature, poissonPmf, gaussPairMI,
} from "./sets.mjs";
import { monteCarlo, report, line, f4, truthOf as truthIn } from "../monte-carlo.mjs";

const truthOf = (prefix) => truthIn(SETS, prefix);
const { meanSe } = monteCarlo(rng);
const mc = (n) => `Monte Carlo (${n})`;
/** plug-in MI of n discrete pairs */
function plugInMI(n, seed, draw) {
  const r = rng(seed), joint = new Map(), px = new Map(), py = new Map();
  const add = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  for (let i = 0; i < n; i++) { const [a, b] = draw(r); add(joint, `${a},${b}`); add(px, a); add(py, b); }
  let s = 0;
  for (const [k, c] of joint) { const [a, b] = k.split(",").map(Number); s += (c / n) * Math.log((c * n) / (px.get(a) * py.get(b))); }
  return s;
}

// the bump: p(y) a quadrature over the position (sets.mjs: the difference of two normal CDFs)
report("bump-image", truthOf("bump-image"), meanSe(20000, 3299001, (r) => {
  const s = BUMP.lo + (BUMP.hi - BUMP.lo) * r.u(), y = s + BUMP.noise * r.normal();
  const py = quadrature(BUMP.lo, BUMP.hi, 2000, (t) => normalDensity(y - t, BUMP.noise)) / (BUMP.hi - BUMP.lo);
  return Math.log(normalDensity(y - s, BUMP.noise) / py);
}), mc(20000));

// one-hot classes: p(y) the mixture at the draw
report("one-hot-100", truthOf("one-hot-100"), meanSe(1000000, 3299002, (r) => {
  const c = r.int(100), y = CLASS_MEANS[c] + r.normal();
  return Math.log(normalDensity(y - CLASS_MEANS[c]) / CLASS_MEANS.reduce((s, m) => s + 0.01 * normalDensity(y - m), 0));
}), mc(1000000));

// rare counts: the plug-in MI of a million draws (bias about (K − 1)²/2n, 1e-5 here)
line("rare-counts-shock", `truth ${f4(truthOf("rare-counts"))}  plug-in (1 000 000) ${f4(plugInMI(1e6, 3299003, (r) => { const c = poisson(r, SHOCK.shared); return [poisson(r, SHOCK.own) + c, poisson(r, SHOCK.own) + c]; }))}`);

// the ratio: the correlation of the logs of 400 000 draws
{
  const r = rng(3299004);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < 400000; i++) { const la = RATIO_SIGMA * r.normal(), lb = RATIO_SIGMA * r.normal(), u = la - lb; sxy += u * la; sxx += u * u; syy += la * la; }
  line("ratio-beside-numerator", `truth ${f4(truthOf("ratio"))}  from the logs' sample correlation (400 000) ${f4(gaussPairMI(sxy / Math.sqrt(sxx * syy)))}`);
}

// sorted rows: y given x through the mean (the sort keeps it), y ~ N(0, 0.24)
report("rows-sorted-within", truthOf("rows-sorted"), meanSe(200000, 3299005, (r) => {
  const v = Array.from({ length: 5 }, () => r.normal()).sort((a, b) => a - b), m = v.reduce((s, a) => s + a, 0) / 5, y = m + 0.2 * r.normal();
  return Math.log(normalDensity(y - m, 0.2) / normalDensity(y, Math.sqrt(0.24)));
}), mc(200000));

// random walks: y given the path through its tenth step
report("random-walk-paths", truthOf("random-walk-paths"), meanSe(200000, 3299006, (r) => {
  let s = 0; const p = Array.from({ length: WALK.steps }, () => (s += r.normal()));
  const d = p[WALK.step - 1] - p[WALK.step - 2], y = d + WALK.noise * r.normal();
  return Math.log(normalDensity(y - d, WALK.noise) / normalDensity(y, Math.sqrt(1 + WALK.noise ** 2)));
}), mc(200000));

// smooth curves: the variance of the mean of 200 000 drawn curves against 1ᵀK1/30²
{
  const r = rng(3299007);
  let s2 = 0;
  for (let i = 0; i < 200000; i++) { const m = gpCurve(r).reduce((a, b) => a + b, 0) / GP.points; s2 += m * m; }
  const v = s2 / 200000, se = v * Math.sqrt(2 / 200000);
  line("smooth-curves", `truth ${f4(truthOf("smooth-curves"))} (variance ${f4(gpMeanVariance())})  from the drawn curves' variance ${f4(0.5 * Math.log(1 + v / GP.noise ** 2))} (variance ${f4(v)} ± ${f4(se)})`);
}

// saturated scores: p(y | score = 1) a quadrature over z ≥ c (sets.mjs: a closed form)
{
  const c = saturationPoint(), s = SCORE.noise, t = Math.sqrt(1 + s * s), tail = quadrature(c, 12, 4000, (z) => normalDensity(z));
  report("classifier-scores", truthOf("classifier-scores"), meanSe(200000, 3299008, (r) => {
    const z = r.normal(), y = z + s * r.normal();
    const pGiven = score(z) === 1 ? quadrature(c, 12, 2000, (w) => normalDensity(w) * normalDensity(y - w, s)) / tail : normalDensity(y - z, s);
    return Math.log(pGiven / normalDensity(y, t));
  }), mc(200000));
}

// the sentinels: the pairs' log ratios where both cells of a pair are there
for (const [name, prefix, { d, rho, missing }, seed] of [["sentinel-per-cell", "sentinel-minus-999-in-10pct", SENTINEL, 3299009], ["sentinel-per-cell-30pct-5x5", "sentinel-minus-999-in-30pct", SENTINEL_HARD, 3299015]]) {
  report(name, truthOf(prefix), meanSe(200000, seed, (r) => {
    const q = Math.sqrt(1 - rho ** 2);
    let l = 0;
    for (let i = 0; i < d; i++) {
      const a = r.normal(), b = rho * a + q * r.normal();
      if (r.u() >= missing && r.u() >= missing) l += Math.log(normalDensity(b - rho * a, q) / normalDensity(b));
    }
    return l;
  }), mc(200000));
}

// rounded pairs: eight times the plug-in MI of a million rounded pairs
line("rounded-8-pairs", `truth ${f4(truthOf("rounded"))}  8 × plug-in (1 000 000) ${f4(ROUNDED.d * plugInMI(1e6, 3299010, (r) => { const a = r.normal(); return [Math.round(a), Math.round(ROUNDED.rho * a + Math.sqrt(1 - ROUNDED.rho ** 2) * r.normal())]; }))}`);

// doses: the mixture at the draw
report("doses", truthOf("doses"), meanSe(200000, 3299011, (r) => {
  const d = DOSES[r.int(DOSES.length)], y = response(d) + 0.1 * r.normal();
  return Math.log(normalDensity(y - response(d), 0.1) / DOSES.reduce((s, e) => s + normalDensity(y - response(e), 0.1) / DOSES.length, 0));
}), mc(200000));

// softmax rows: the posterior from x as stored (p(c | x) ∝ x_c^2.5), on draws of another seed (sets.mjs: from the logits)
report("softmax-rows", truthOf("softmax"), meanSe(400000, 3299012, (r) => {
  const { x } = softmaxDraw(r);
  return Math.log(SOFTMAX.classes) - posteriorEntropy(x.map((v) => SOFTMAX.gap * Math.log(v)));
}), mc(400000));

// three column types: the three log ratios summed
report("three-column-types", truthOf("three-column-types"), meanSe(400000, 3299013, (r) => {
  const flip = r.u() < 0.1, k = poisson(r, 0.3), extra = poisson(r, 0.2), a = r.normal(), b = 0.8 * a + 0.6 * r.normal();
  return Math.log((flip ? 0.1 : 0.9) / 0.5) + Math.log(poissonPmf(extra, 0.2) / poissonPmf(k + extra, 0.5)) + Math.log(normalDensity(b - 0.8 * a, 0.6) / normalDensity(b));
}), mc(400000));

// columns in random order: p(y | x) = ½φ(y − x₁) + ½φ(y − x₂) at the draw (sets.mjs: a quadrature over x₁ − x₂)
report("columns-in-random-order", truthOf("columns-in-random-order"), meanSe(400000, 3299014, (r) => {
  const a = r.normal(), b = r.normal(), s = SHUFFLED_NOISE, y = a + s * r.normal();
  return Math.log((0.5 * normalDensity(y - a, s) + 0.5 * normalDensity(y - b, s)) / normalDensity(y, Math.sqrt(1 + s * s)));
}), mc(400000));

// --- the harder batch
report("one-hot-200", truthOf("one-hot-200"), meanSe(400000, 3299016, (r) => {
  const c = r.int(200), y = CLASS_MEANS_200[c] + r.normal();
  return Math.log(normalDensity(y - CLASS_MEANS_200[c]) / CLASS_MEANS_200.reduce((s, m) => s + normalDensity(y - m) / 200, 0));
}), mc(400000));
// y coded −999 when x > c: log(1/share) on those rows, else φ_q(y − ρx)/p(y, x ≤ c) with p(y, x ≤ c) a quadrature over x
for (const [name, prefix, rho, share, seed] of [["y-coded-when-x-high", "y-recorded-as-minus-999-when-x-in-its-top-20pct", MNAR.rho, MNAR.share, 3299017], ["y-coded-when-x-high-40pct", "y-recorded-as-minus-999-when-x-in-its-top-40pct", 0.95, 0.4, 3299019]]) {
  const cut = mnarCut(share);
  report(name, truthOf(prefix), meanSe(100000, seed, (r) => {
    const q = Math.sqrt(1 - rho ** 2), a = r.normal(), b = rho * a + q * r.normal();
    if (a > cut) return -Math.log(share);
    return Math.log(normalDensity(b - rho * a, q) / quadrature(-9, cut, 1500, (t) => normalDensity(t) * normalDensity(b - rho * t, q)));
  }), mc(100000));
}
line("five-rare-count-pairs", `truth ${f4(truthOf("five-rare"))}  5 × the plug-in of one pair above (the pairs independent)`);
report("doses-20", truthOf("doses-1e-3-to-1e2-log-spaced-20"), meanSe(200000, 3299018, (r) => {
  const d = DOSES_20[r.int(DOSES_20.length)], y = response(d) + 0.05 * r.normal();
  return Math.log(normalDensity(y - response(d), 0.05) / DOSES_20.reduce((s, e) => s + normalDensity(y - response(e), 0.05) / DOSES_20.length, 0));
}), mc(200000));

// --- the last batch
report("one-hot-100-weak", truthOf("one-hot-100-classes-weak"), meanSe(400000, 3299020, (r) => {
  const c = r.int(100), y = CLASS_MEANS_WEAK[c] + r.normal();
  return Math.log(normalDensity(y - CLASS_MEANS_WEAK[c]) / CLASS_MEANS_WEAK.reduce((s, m) => s + 0.01 * normalDensity(y - m), 0));
}), mc(400000));
report("doses-noise-0.2", truthOf("doses-1e-3-to-1e2-log-spaced-8-levels-y-hill-response-plus-0.2"), meanSe(200000, 3299021, (r) => {
  const d = DOSES[r.int(DOSES.length)], y = response(d) + 0.2 * r.normal();
  return Math.log(normalDensity(y - response(d), 0.2) / DOSES.reduce((s, e) => s + normalDensity(y - response(e), 0.2) / DOSES.length, 0));
}), mc(200000));
{
  const { slope, noise: s } = SCORE_STEEP, c = saturationPoint(slope), t = Math.sqrt(1 + s * s), tail = quadrature(c, 12, 4000, (z) => normalDensity(z));
  report("classifier-scores-slope-200", truthOf("classifier-scores-sigmoid-200z"), meanSe(100000, 3299022, (r) => {
    const z = r.normal(), y = z + s * r.normal();
    const pGiven = score(z, slope) === 1 ? quadrature(c, 12, 2000, (w) => normalDensity(w) * normalDensity(y - w, s)) / tail : normalDensity(y - z, s);
    return Math.log(pGiven / normalDensity(y, t));
  }), mc(100000));
}
line("rare-counts-strong-shock", `truth ${f4(truthOf("rare-counts-sharing-a-poisson-shock-0.3"))}  plug-in (1 000 000) ${f4(plugInMI(1e6, 3299023, (r) => { const c = poisson(r, SHOCK_STRONG.shared); return [poisson(r, SHOCK_STRONG.own) + c, poisson(r, SHOCK_STRONG.own) + c]; }))}`);
