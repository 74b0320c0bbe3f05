/** One training run of a neural estimator, as the held-out evaluations saw it (nats). */
export interface Run {
  best: { estimate: number; standardError: number; step: number; epoch: number; values: Float32Array[] } | undefined;
  curve: { step: number; estimate: number }[];
  stopped: "patience" | "budget" | "diverged";
  divergence?: string;
  steps: number;
  /**
   * Set when the default budget was extended because the held-out estimate was still rising at
   * its end: the default budget, the budget it grew to and the most it could grow to, in steps.
   */
  extension?: { from: number; to: number; cap: number };
}

/** The share of a run's steps after which a best held-out point at the budget's end means the estimate was still rising. */
const STILL_RISING_AFTER = 0.8;

/**
 * Whether a run that has taken `steps` steps and ended at its budget (not by patience or a
 * divergence) was still rising: its best held-out point came in the last fifth of its steps.
 */
export function stillRising(stopped: Run["stopped"], bestStep: number, steps: number): boolean {
  return stopped === "budget" && bestStep > STILL_RISING_AFTER * steps;
}

const Z95 = 1.96;
/**
 * A run is unsettled when its held-out estimates after the best point vary by more than
 * this many nats plus this fraction of the estimate (standard deviation); converged runs
 * on the benchmark's data sets stayed below 0.1 + 0.05·estimate in our runs.
 */
export const UNSETTLED_SPREAD = 0.25;
const UNSETTLED_FRACTION = 0.1;

/** How much a run's held-out estimates, or one estimate's standard error, may spread at `estimate` and still be trusted. */
const settlingAllowance = (estimate: number) => UNSETTLED_SPREAD + UNSETTLED_FRACTION * Math.max(0, estimate);

/**
 * The interval around the run's best held-out estimate and the reasons, if any, not to
 * trust it. The interval is estimate ± 1.96·sqrt(s_h² + s_o²), plus the training gap above (trainingGap), s_h the held-out standard
 * error and s_o the spread of the held-out estimates from the best point on; an untrusted
 * run's interval is open above, since an unconverged bound is below its optimum by an
 * unknown amount.
 */
export function judgeRun(
  run: Run,
  best: NonNullable<Run["best"]>,
  budget: number,
  samples: { referencesPerStep: number; referencesPerEvaluation: number },
  differenceOfBounds = false,
): { interval: [number, number]; optimisationSpread: number; constantCritic: boolean; reasons: string[] } {
  const late = run.curve.filter((point) => point.step >= best.step).map((point) => point.estimate);
  const optimisationSpread = standardDeviation(late.length >= 3 ? late : run.curve.slice(-5).map((p) => p.estimate));
  const halfWidth = Z95 * Math.sqrt(best.standardError ** 2 + optimisationSpread ** 2);
  const reasons: string[] = [];
  if (stillRising(run.stopped, best.step, run.steps)) {
    reasons.push(
      run.extension === undefined
        ? `the held-out estimate was still rising when the step budget (${budget} steps) ran out; ` +
            "give more steps (or epochs) or a larger learningRate."
        : `the held-out estimate was still rising when the step budget ran out, after the default budget (${run.extension.from} steps) ` +
            `had been extended to its cap (${run.extension.cap} steps); give steps (or epochs) beyond the cap (a budget given is trained as given, ` +
            "never extended) or a larger learningRate.",
    );
  }
  if (run.stopped === "diverged" && best.step < run.steps / 3) {
    reasons.push("training diverged early, so the best held-out point is early in training; the estimate may be far from converged.");
  }
  // the allowance grows with the MI the estimate claims; a negative estimate claims none (an
  // estimate of −2e27 with a spread of 1e27 passed as settled, trusted, on |estimate|)
  if (optimisationSpread > settlingAllowance(best.estimate)) {
    reasons.push(
      `the held-out estimate swung with a standard deviation of ${optimisationSpread.toFixed(2)} nats between evaluations ` +
        "after the best point, so training did not settle; lower learningRate, or give more samples.",
    );
  }
  // the same allowance for the held-out estimate's own standard error: a network whose outputs vary
  // wildly between held-out samples (SMILE restarted at learningRate 1.875 on a Gaussian pair: 0.39 ± 0.58
  // nats) gave a trusted interval, [−0.84, 1.61], too wide to say anything, and a mean of such terms is far
  // from normal, so the interval is not a 95 % one either
  if (best.standardError > settlingAllowance(best.estimate)) {
    reasons.push(
      `the held-out estimate's standard error is ${best.standardError.toFixed(2)} nats: the network's outputs vary so much between held-out ` +
        "samples that the interval says little and is not a 95 % one; lower learningRate, or give more samples.",
    );
  }
  const constantCritic = best.standardError === 0 && late.every((estimate) => estimate === best.estimate);
  if (constantCritic) {
    reasons.push(
      "the held-out estimate is the same at every evaluation from the best point on, with no spread between samples: the network " +
        "is a constant on held-out samples (MI-NEE: every divergence fell below 0 and was held at 0), so training found nothing that " +
        "holds on new samples yet; give more steps (or epochs) or a larger learningRate.",
    );
  }
  const capacity = boundCapacity(samples.referencesPerStep, samples.referencesPerEvaluation);
  if (best.estimate > capacity) {
    reasons.push(
      `the estimate (${best.estimate.toFixed(2)} nats) is above ½·log of the reference samples per step or evaluation ` +
        `(${capacity.toFixed(2)} nats), ` +
        (differenceOfBounds
          ? // MI-NEE's D_XY − D_X − D_Y: each term is biased low there, their difference either way (8 Gaussian
            // pairs at ρ = 0.95, 9.3 nats: 20.5 and 28.4, told "biased low")
            "where the bounds whose difference is this estimate are each biased low by an unknown amount, so the difference " +
            "may be far above or far below the MI; give more samples and a larger batchSize, or use \"mine\" or \"smile\"."
          : "where these bounds are biased low by an unknown amount (the MI may be much larger, even infinite); give more " +
            "samples and a larger batchSize."),
    );
  }
  if (best.estimate + halfWidth < 0) {
    reasons.push(
      "the estimate is clearly below 0, which no mutual information is: the network overfit its training part or diverged; " +
        "lower learningRate or hiddenSize.",
    );
  }
  const gap = trainingGap(best.estimate, samples.referencesPerStep);
  const interval: [number, number] = [best.estimate - halfWidth, reasons.length > 0 ? Infinity : best.estimate + halfWidth + gap];
  return { interval, optimisationSpread, constantCritic, reasons };
}

/**
 * The largest MI, in nats, that a bound averaged over N reference samples can be trusted to
 * reach: ½·log N, N the smaller of the reference samples per training step and per held-out
 * evaluation. At the bound's optimum t = log r + c, r the density ratio dP_XY/d(P_X×P_Y), the
 * reference term averages r over the product of the marginals, and its relative variance per
 * sample is E[r²] − 1 = e^{D₂} − 1, with D₂ the Rényi divergence of order 2: at least I, and
 * exactly 2I for Gaussian dependence. Once e^{D₂} exceeds N the average, and the gradient that
 * trains t, rest on a few samples, and the trained bound stays below the MI by an amount the
 * held-out standard error does not see (on y = x + 0.01·noise, I = 4.6 nats, MINE with
 * batches of 256 gave 3.8 ± 0.3). Gaussian dependence reaches e^{2I} = N at I = ½·log N.
 */
/**
 * How far below the MI the trained bound may settle because each step sees only B reference
 * samples, added to the interval's upper end: the minibatch's log-mean-exp of e^t misses
 * log E e^t by about Var(e^t)/(2B·(E e^t)²) (the delta method), which at the optimum is
 * (e^{D₂} − 1)/(2B), with D₂ = 2I for Gaussian dependence (see {@link boundCapacity}). Training
 * fits t to that distorted objective. Negligible below 1 nat at B = 256 (< 0.02), 0.1 nats at
 * 2 nats, and ½ nat at the capacity, where the result is not trusted anyway.
 */
export function trainingGap(estimate: number, referencesPerStep: number): number {
  return Math.expm1(2 * Math.max(0, estimate)) / (2 * referencesPerStep);
}

export function boundCapacity(referencesPerStep: number, referencesPerEvaluation: number): number {
  return 0.5 * Math.log(Math.min(referencesPerStep, referencesPerEvaluation));
}

/**
 * The most coordinates of x and y in all where a trained estimate is judged by its own run and
 * the cross-check alone. KSG, the cross-check's reference, is sharp in one and two coordinates
 * and biased low beyond, and from 3 + 3 coordinates on held-out curves flattened and stopped by
 * patience 10–70 % below the truth (the spiral, the normal-CDF and Student-t tasks, sparse
 * Gaussians in 5 + 5 and 25 + 25; in 2 + 2, log-normal columns mixed by matrices: 0.87
 * [0.74, 1.00] for 1.02, trusted) while nothing in the run told that plateau from the optimum:
 * the curve is as flat, its noise as small, and it falls afterwards (the network overfits its
 * training part before it represents the optimal critic). Beyond this many coordinates a
 * result is also checked against a second run on half the training samples (see
 * `sampleSizeGrowth`).
 */
export const FEW_COORDINATES = 2;

/**
 * Why an interval that reaches 0 (no dependence shown) is not trusted with more than
 * FEW_COORDINATES coordinates in all, where it would claim the MI is small. No estimator or check
 * rules out a dependence finer than the samples resolve in a combination of several coordinates:
 * y = frac(T·(x₁ + x₂ + x₃)) + 0.1·noise (1.06 nats), y = frac(5(x₁ + x₂)) + 0.02·noise (2.53), a
 * checkerboard parity of two coordinates beside a noise one, or a sign parity cut away from the
 * medians (log 2) gave every method, KSG included, about 0 with trusted intervals ending at
 * 0.05–0.4, at n = 1000 and 3000, where each single coordinate is independent of y and the
 * orthants, the projections and the neighbours see nothing. With one or two coordinates in all
 * the neighbour bound sees such structure (one sample's neighbour shares its tooth), and
 * independence keeps its trusted interval there.
 */
export function nothingFoundReason(dimX: number, dimY: number): string {
  return (
    `no dependence was found (the interval reaches 0), and with ${dimX} + ${dimY} coordinates a dependence finer than the samples resolve ` +
    "in a combination of several coordinates (a sawtooth of their sum, a parity of their cells) escapes every estimator and check, " +
    "so the MI may be far higher: read 0 as none found at this n, not as none; compare single coordinates or pairs, or give more samples."
  );
}

/**
 * What a second run, on half of the training samples with the same held-out part, says about
 * the first: a plateau that comes from too few samples for the network to find the optimal
 * critic is lower with fewer samples. `growth` is the full run's estimate minus the half
 * run's, with the standard error of the difference (the two held-out errors combined as if
 * independent, which overstates it: both use the same held-out samples).
 *
 * - growth clearly above 0 (by 1.96 standard errors): the estimate is still limited by the
 *   samples, so it is a lower bound: a reason not to trust it;
 * - otherwise the shortfall still to come is bounded as a learning curve decaying like n^(−½)
 *   would leave it: (growth + 1.96·s.e.)/(√2 − 1), added to the interval's upper end.
 */
export function sampleSizeGrowth(
  full: { estimate: number; standardError: number },
  half: { estimate: number; standardError: number },
  coordinates: number,
): { widen: number; reason?: string } {
  const growth = full.estimate - half.estimate;
  const standardError = Math.hypot(full.standardError, half.standardError);
  const widen = Math.max(0, growth + Z95 * standardError) / (Math.SQRT2 - 1);
  if (growth <= Z95 * standardError) return { widen };
  return {
    widen,
    reason:
      `in ${coordinates} coordinates the estimate still grows with the training samples (${half.estimate.toFixed(3)} nats on half of them, ` +
      `${full.estimate.toFixed(3)} on all): the network is limited by the samples and has not found the optimal critic, so the estimate is ` +
      "a lower bound; give more samples.",
  };
}

function standardDeviation(values: number[]): number {
  if (values.length < 2) return 0;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}
