/** One training run of a neural estimator, as the held-out evaluations saw it (nats). */
export interface Run {
  best: { estimate: number; standardError: number; step: number; epoch: number; values: Float32Array[] } | undefined;
  curve: { step: number; estimate: number }[];
  stopped: "patience" | "budget" | "diverged";
  divergence?: string;
  steps: number;
}

const Z95 = 1.96;
/**
 * A run is unsettled when its held-out estimates after the best point vary by more than
 * this many nats plus this fraction of the estimate (standard deviation); converged runs
 * on the benchmark's data sets stayed below 0.1 + 0.05·estimate in our runs.
 */
const UNSETTLED_SPREAD = 0.25;
const UNSETTLED_FRACTION = 0.1;

/**
 * The interval around the run's best held-out estimate and the reasons, if any, not to
 * trust it. The interval is estimate ± 1.96·sqrt(s_h² + s_o²), s_h the held-out standard
 * error and s_o the spread of the held-out estimates from the best point on; an untrusted
 * run's interval is open above, since an unconverged bound is below its optimum by an
 * unknown amount.
 */
export function judgeRun(
  run: Run,
  best: NonNullable<Run["best"]>,
  budget: number,
): { interval: [number, number]; optimisationSpread: number; reasons: string[] } {
  const late = run.curve.filter((point) => point.step >= best.step).map((point) => point.estimate);
  const optimisationSpread = standardDeviation(late.length >= 3 ? late : run.curve.slice(-5).map((p) => p.estimate));
  const halfWidth = Z95 * Math.sqrt(best.standardError ** 2 + optimisationSpread ** 2);
  const reasons: string[] = [];
  if (run.stopped === "budget" && best.step > 0.8 * run.steps) {
    reasons.push(
      `the held-out estimate was still rising when the step budget (${budget} steps) ran out; ` +
        "give more steps (or epochs) or a larger learningRate.",
    );
  }
  if (run.stopped === "diverged" && best.step < run.steps / 3) {
    reasons.push("training diverged early, so the best held-out point is early in training; the estimate may be far from converged.");
  }
  if (optimisationSpread > UNSETTLED_SPREAD + UNSETTLED_FRACTION * Math.abs(best.estimate)) {
    reasons.push(
      `the held-out estimate swung with a standard deviation of ${optimisationSpread.toFixed(2)} nats between evaluations ` +
        "after the best point, so training did not settle; lower learningRate, or give more samples.",
    );
  }
  if (best.estimate + halfWidth < 0) {
    reasons.push(
      "the estimate is clearly below 0, which no mutual information is: the network overfit its training part or diverged; " +
        "lower learningRate or hiddenSize.",
    );
  }
  const interval: [number, number] = [best.estimate - halfWidth, reasons.length > 0 ? Infinity : best.estimate + halfWidth];
  return { interval, optimisationSpread, reasons };
}

function standardDeviation(values: number[]): number {
  if (values.length < 2) return 0;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}
