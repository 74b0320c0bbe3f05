import { fail, suggestName, withoutUndefined } from "../data/checks";
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
      e.estimate(x, y, options !== null && typeof options === "object" && !Array.isArray(options) && !(options instanceof Map) ? withoutUndefined(options) : options),
  };
}

const REGISTRY = new Map<string, MIEstimator>([...NEURAL_ESTIMATORS, KSG_ESTIMATOR].map((e) => [e.name, undefinedMeansDefault(e)]));

/** Other names of the methods, by name without case or punctuation. */
const METHOD_ALIASES = new Map([
  ["nwj", "mine-f"], ["fmine", "mine-f"], ["kraskov", "ksg"], ["knn", "ksg"], ["nce", "infonce"], ["cpc", "infonce"], ["nee", "minee"],
]);

/** The names of the registered estimators. */
export function estimators(): string[] {
  return [...REGISTRY.keys()];
}

/** The estimator registered as `name`; an unknown name is an error that lists the known ones. */
export function estimator(name: string): MIEstimator {
  const found = REGISTRY.get(name);
  if (found === undefined) {
    // the papers' spellings (MINE, MI-NEE, InfoNCE, KSG) and their other names (NWJ is MINE-f's bound)
    const alias = typeof name === "string" ? METHOD_ALIASES.get(name.toLowerCase().replace(/[^a-z0-9]/g, "")) : undefined;
    const meant = alias ?? (typeof name === "string" ? suggestName(name, estimators()) : undefined);
    fail(
      `there is no estimator named ${JSON.stringify(name)}${meant === undefined ? "" : ` (did you mean "${meant}"?)`}; ` +
        `the estimators are ${estimators().map((n) => JSON.stringify(n)).join(", ")}.`,
    );
  }
  return found;
}
