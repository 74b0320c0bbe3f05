// What a refusal for too few samples suggests instead: a setting that runs on the samples given, so that
// following the message never leads to the same refusal (with 12 to 19 samples the trained methods said
// to change holdout so that 10 train and 10 are held out, which no holdout can do).

/**
 * The fewest samples per neighbour whose interval is trusted: each half of the convergence check
 * (`biasFromHalves`) then holds at least 4k points. Below, KSG is far from its large-n regime (its
 * k neighbours span much of each half) and its downward bias is larger than the change from n/2 to
 * n bounds: on Gaussian pairs with k = 10 it gave 0.137 on average for 0.223 at n = 30 and 0.229 for
 * 0.337 at n = 40, and of the trusted intervals 7 of 35 (n = 30, ρ = 0.7), 8 of 59 (n = 40, ρ = 0.7)
 * and 11 of 167 (n = 40, ρ = 0.6) ended below the truth; at 8 samples per neighbour or more (k = 10
 * at n = 80, k = 5 at n = 40, k = 3 at n = 24) at most 2 % of the trusted ones did.
 */
export const MIN_SAMPLES_PER_NEIGHBOUR = 8;

/** The most neighbours KSG takes with n samples: k + 1 in each half of its convergence check. */
export const mostNeighbors = (n: number): number => Math.floor(n / 2) - 1;

/**
 * The KSG call to suggest for n samples: the most neighbours whose interval can be trusted (n/8), at least 1 and
 * at most what runs; undefined below 4 samples, where no k runs.
 */
export function ksgCallFor(n: number): string | undefined {
  const most = mostNeighbors(n);
  if (most < 1) return undefined;
  const k = Math.max(1, Math.min(most, Math.floor(n / MIN_SAMPLES_PER_NEIGHBOUR)));
  return `estimateMI(x, y, { method: "ksg", neighbors: ${k} })`;
}

/** The sentence naming what to do where the trained methods cannot split n samples into two parts of `part` each. */
export function fewerThanTwoParts(n: number, part: number): string {
  const ksg = ksgCallFor(n);
  return (
    `no holdout splits ${n} samples into ${part} to train on and ${part} held out (the trained methods need at least ${2 * part}); ` +
    (ksg === undefined ? `no method here estimates from ${n} samples (KSG needs at least 4): give more samples.` : `give more samples, or use ${ksg}.`)
  );
}
