// Our estimators as the benchmark calls them: every estimator of the library's registry
// (`estimators()` / `estimator(name)`), answering `estimate(x, y, { seed })` with
// { estimate, interval, trusted, warnings }.
import * as mi from "neural-mi";

/** { interface, names, estimate(name, x, y, seed) } */
export function ourEstimators() {
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
