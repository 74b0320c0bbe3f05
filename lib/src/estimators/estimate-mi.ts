import { checkOptionsObject, describeValue, fail, suggestName, withoutUndefined } from "../data/checks";
import type { Samples } from "../data/matrix";
import type { MIEstimateResult } from "./interface";
import type { NeuralEstimateOptions } from "./neural";
import { estimator, estimators } from "./registry";

export interface EstimateMIOptions extends NeuralEstimateOptions {
  /** A registered estimator's name (`estimators()`); default "mine". */
  method?: string;
  /** MINE only: the moving average's weight β. */
  beta?: number;
  /** MI-NEE only: reference batch size as a multiple of the data batch size (default 2). */
  refBatchFactor?: number;
  /** MI-NEE only: "gaussian" references fitted to the data (default) or "uniform" on their box. */
  reference?: "uniform" | "gaussian";
  /** InfoNCE only: the other y's each x is contrasted with in training (default 31). */
  negatives?: number;
  /** SMILE only: τ, the clip of e^t on reference samples (default 5). */
  clip?: number;
  /** KSG only: neighbours k. */
  neighbors?: number;
}

export interface MIEstimate extends MIEstimateResult {
  /** Half the width of the interval over 1.96 (a standard error), kept for older code. */
  spread: number;
}

/**
 * Estimates I(X∧Y) from paired samples with the estimator `method` (default "mine"): the
 * estimator's own `estimate(x, y, options)` with `spread` added. See the README for what
 * the neural estimators do (standardise, hold out, stop early) and what the interval means.
 */
export async function estimateMI(x: Samples, y: Samples, options: EstimateMIOptions = {}): Promise<MIEstimate> {
  if (typeof options === "string") {
    fail(`estimateMI(x, y, options): options must be an object, got the string ${JSON.stringify(options)}; to choose a method, pass { method: ${JSON.stringify(options)} }.`);
  }
  const { method = "mine", ...given } = checkOptionsObject(options, "estimateMI(x, y, options)");
  const rest = withoutUndefined(given);
  if (typeof method !== "string") fail(`estimateMI: method must be one of ${estimators().map((n) => JSON.stringify(n)).join(", ")}, got ${describeValue(method)}.`);
  const chosen = estimator(method);
  const ownersOf = (name: string) => estimators().filter((other) => estimator(other).optionNames.includes(name));
  const everyName = ["method", ...new Set(estimators().flatMap((other) => estimator(other).optionNames))];
  for (const name of Object.keys(rest)) {
    if (chosen.optionNames.includes(name)) continue;
    const owners = ownersOf(name);
    if (owners.length > 0) fail(`estimateMI: ${name} applies to method ${owners.map((o) => `"${o}"`).join(", ")} only, not "${method}".`);
    // a misspelt name, or another library's name for an option (methods, k, lr, random_state)
    const meant = suggestName(name, everyName);
    if (meant !== undefined && !chosen.optionNames.includes(meant) && meant !== "method") {
      fail(
        `estimateMI(x, y, { method: "${method}" }) got an unknown option "${name}" (did you mean "${meant}"? it applies to method ` +
          `${ownersOf(meant).map((o) => `"${o}"`).join(", ")} only); known options of "${method}": ${chosen.optionNames.join(", ")}.`,
      );
    }
    if (meant === "method") {
      fail(`estimateMI(x, y, options) got an unknown option "${name}" (did you mean "method"?); the methods are ${estimators().map((n) => JSON.stringify(n)).join(", ")}.`);
    }
  }
  const result = await chosen.estimate(x, y, rest as Record<string, unknown>);
  const [lo, hi] = result.interval;
  return { ...result, spread: Number.isFinite(hi) ? (hi - lo) / (2 * 1.96) : (result.estimate - lo) / 1.96 };
}
