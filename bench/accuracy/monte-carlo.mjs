// What the probes' check-truths.mjs scripts share: a set's truth by its name's start, a line of the report, and Monte
// Carlo means and plug-in entropies on draws of a probe's generator.

/** The truth of the set of `sets` whose name starts with `prefix` (a number, or a function computing it). */
export function truthOf(sets, prefix) {
  const set = sets.find((t) => t.name.startsWith(prefix));
  return typeof set.truth === "function" ? set.truth() : set.truth;
}

export const f4 = (v) => v.toFixed(4);
export const line = (name, text) => console.log(`${name.padEnd(34)} ${text}`);
/** A truth beside a Monte Carlo mean [m, se], and how many standard errors apart they are. */
export const report = (name, truth, [m, se], what) => line(name, `truth ${f4(truth)}  ${what} ${f4(m)} ± ${f4(se)} (${((m - truth) / se).toFixed(2)} se)`);

/** The Monte Carlo helpers on draws of `rng(seed)`, a probe's generator. */
export function monteCarlo(rng) {
  return {
    /** mean and standard error of n draws of f(r) */
    meanSe(n, seed, f) {
      const r = rng(seed);
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const v = f(r);
        s += v;
        s2 += v * v;
      }
      const m = s / n;
      return [m, Math.sqrt((s2 / n - m * m) / n)];
    },
    /** plug-in entropy of n draws of a discrete value (bias about (K − 1)/2n, below 1e-4 for the probes' draws) */
    plugInEntropy(n, seed, draw) {
      const r = rng(seed);
      const counts = new Map();
      for (let i = 0; i < n; i++) {
        const k = draw(r);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      let h = 0;
      for (const c of counts.values()) h -= (c / n) * Math.log(c / n);
      return h;
    },
  };
}
