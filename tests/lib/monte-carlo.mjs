// Monte Carlo of E[logRatio(...draw(rng))] with its standard error: the tests check the
// library's mutual-information truths against densities they write out themselves.
import assert from "node:assert/strict";
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

/**
 * A task's truth against E[logRatio(x, y)] over n of the task's own samples (drawn with
 * `sampleSeed`), within 4 standard errors of the Monte Carlo mean (odds of a false failure below
 * 1 in 10 000 per task): a wrong sampler fails as surely as a wrong quadrature.
 */
export function assertTaskAgreesWithMonteCarlo(task, logRatio, { n = 20_000, sampleSeed }) {
  const { x, y } = task.sample(n, sampleSeed);
  let i = 0;
  const { mean, standardError } = monteCarloMean(() => [x[i], y[i++]], logRatio, { n, seed: 0 });
  const truth = task.mutualInformation();
  assert.ok(Math.abs(truth - mean) < 4 * standardError + 1e-9, `${task.name}: library ${truth} vs Monte Carlo ${mean} ± ${standardError}`);
}
