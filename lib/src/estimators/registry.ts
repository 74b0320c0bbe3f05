import { fail, withoutUndefined } from "../data/checks";
import type { MIEstimator } from "./interface";
import { KSG_ESTIMATOR } from "./ksg";
import { NEURAL_ESTIMATORS } from "./methods";

/** `e` with an option set to undefined taken as its default, as if it were left out. */
function undefinedMeansDefault(e: MIEstimator): MIEstimator {
  return {
    name: e.name,
    description: e.description,
    optionNames: e.optionNames,
    estimate: (x, y, options) =>
      e.estimate(x, y, options !== null && typeof options === "object" && !Array.isArray(options) ? withoutUndefined(options) : options),
  };
}

const REGISTRY = new Map<string, MIEstimator>([...NEURAL_ESTIMATORS, KSG_ESTIMATOR].map((e) => [e.name, undefinedMeansDefault(e)]));

/** The names of the registered estimators. */
export function estimators(): string[] {
  return [...REGISTRY.keys()];
}

/** The estimator registered as `name`; an unknown name is an error that lists the known ones. */
export function estimator(name: string): MIEstimator {
  const found = REGISTRY.get(name);
  if (found === undefined) {
    fail(`there is no estimator named ${JSON.stringify(name)}; the estimators are ${estimators().map((n) => JSON.stringify(n)).join(", ")}.`);
  }
  return found;
}
