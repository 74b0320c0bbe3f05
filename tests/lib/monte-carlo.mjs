// Monte Carlo of E[logRatio(...draw(rng))] with its standard error: the tests check the
// library's mutual-information truths against densities they write out themselves.
import { Rng } from "neural-mi";

/** @returns {{ mean: number, standardError: number }} over n draws from a seeded Rng */
export function monteCarloMean(draw, logRatio, { n, seed }) {
  const rng = new Rng(seed);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const v = logRatio(...draw(rng));
    sum += v;
    squares += v * v;
  }
  const mean = sum / n;
  return { mean, standardError: Math.sqrt((squares / n - mean * mean) / n) };
}
