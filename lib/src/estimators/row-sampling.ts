import { logGamma } from "../tasks/special-functions";

/** At most `most` row indices of `n`, evenly spaced (all of them when n ≤ most). */
export function evenlySpaced(n: number, most: number): number[] {
  if (n <= most) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: most }, (_, k) => Math.floor((k * n) / most));
}

/** P(K ≥ k) for K ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k > n) return 0;
  let total = 0;
  for (let j = k; j <= n; j++) {
    total += Math.exp(logGamma(n + 1) - logGamma(j + 1) - logGamma(n - j + 1) + j * Math.log(p) + (n - j) * Math.log1p(-p));
  }
  return Math.min(1, total);
}
