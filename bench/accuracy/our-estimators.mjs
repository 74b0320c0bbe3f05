// Our estimators as the benchmark calls them: `estimate(x, y, { seed })` resolving to
// { estimate, interval, trusted, warnings }. The library's estimator registry
// (`estimators()` / `estimator(name)`) is used when it exists; until then this falls back to
// `estimateMI(x, y, { method, seed })` with methods "mine", "mine-f", "minee", whose interval
// is taken as estimate ± 2·spread. This file is the only place that knows about the fallback.
import * as mi from "neural-mi";

const FALLBACK_METHODS = ["mine", "mine-f", "minee"];

function fromRegistry() {
  return {
    interface: "estimator registry (estimators() / estimator(name))",
    names: mi.estimators(),
    async estimate(name, x, y, seed) {
      const result = await mi.estimator(name).estimate(x, y, { seed });
      return {
        estimate: result.estimate,
        interval: result.interval,
        trusted: result.trusted,
        warnings: result.warnings ?? [],
      };
    },
  };
}

function fromEstimateMI() {
  return {
    interface: "estimateMI(x, y, { method, seed }) fallback, interval = estimate ± 2·spread",
    names: FALLBACK_METHODS,
    async estimate(name, x, y, seed) {
      const { estimate, spread } = await mi.estimateMI(x, y, { method: name, seed });
      return { estimate, interval: [estimate - 2 * spread, estimate + 2 * spread], trusted: true, warnings: [] };
    },
  };
}

/** { interface, names, estimate(name, x, y, seed) } for whichever interface the library has. */
export function ourEstimators() {
  return typeof mi.estimators === "function" && typeof mi.estimator === "function" ? fromRegistry() : fromEstimateMI();
}
