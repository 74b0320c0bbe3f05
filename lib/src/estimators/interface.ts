import type { InformationUnit } from "../tasks/task";
import type { Samples } from "../data/matrix";

/** What every estimator answers; the same shape for neural and non-neural methods. */
export interface MIEstimateResult {
  /** The estimate of I(X∧Y), in `unit`. */
  estimate: number;
  /**
   * An approximate 95 % interval for I(X∧Y) from this call's own evidence (see the README:
   * what it includes and its measured coverage). When `trusted` is false it is widened to
   * say so: do not read it as a confidence interval then.
   */
  interval: [number, number];
  unit: InformationUnit;
  method: string;
  /** False when the estimator's own diagnostics show it did not converge; `warnings` says why. */
  trusted: boolean;
  warnings: string[];
  /** Method-specific numbers behind the estimate (step counts, standard errors, …). */
  diagnostics: Record<string, unknown>;
  /** Per-step and per-evaluation curves for plotting, in `unit` (losses as trained). */
  history: EstimateHistory;
  /** Wall time of the call. */
  seconds: number;
}

export interface EstimateHistory {
  /** The training loss of every step (empty for non-neural methods). */
  loss: number[];
  /** The estimate on the training part after every epoch. */
  estimate: number[];
  /** The held-out estimate at each evaluation: steps taken so far and the estimate. */
  heldOut: { step: number; estimate: number }[];
}

export interface MIEstimator {
  readonly name: string;
  /** One line: what it estimates and how. */
  readonly description: string;
  /** The option names `estimate` accepts (others are refused). */
  readonly optionNames: readonly string[];
  estimate(x: Samples, y: Samples, options?: Record<string, unknown>): Promise<MIEstimateResult>;
}
