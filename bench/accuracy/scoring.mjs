// How one method did on one task over the seeds.

/** bmi's rule: an estimate solves a task when it is within a factor 1.5 of the truth. */
export const SOLVED_FACTOR = 1.5;
/**
 * For a truth of 0 the factor rule cannot apply; an estimate solves it when |estimate| is
 * below 0.1 nats (a quarter of the smallest non-zero truth in the benchmark, 0.22 nats).
 */
export const ZERO_TRUTH_TOLERANCE = 0.1;

export function isSolved(estimate, truth) {
  if (!Number.isFinite(estimate)) return false;
  if (truth === 0) return Math.abs(estimate) < ZERO_TRUTH_TOLERANCE;
  return estimate > 0 && Math.abs(Math.log(estimate / truth)) < Math.log(SOLVED_FACTOR);
}

const mean = (values) => values.reduce((s, v) => s + v, 0) / values.length;
const standardDeviation = (values) => {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
};

/**
 * calls: [{ estimate?, interval?, trusted?, error?, seconds }] for one task and method.
 * The mean and spread are over the finite estimates; the method solves the task when every
 * call gave a finite estimate and their mean passes {@link isSolved}.
 */
function covers(call, truth) {
  return call.interval[0] <= truth && truth <= call.interval[1];
}

export function scoreCalls(calls, truth) {
  const finite = calls.filter((c) => Number.isFinite(c.estimate));
  const estimates = finite.map((c) => c.estimate);
  const withInterval = finite.filter((c) => Array.isArray(c.interval));
  const m = estimates.length > 0 ? mean(estimates) : NaN;
  const failed = calls.length - finite.length;
  return {
    calls: calls.length,
    mean: m,
    sd: standardDeviation(estimates),
    relativeError: truth === 0 ? null : (m - truth) / truth,
    absoluteError: m - truth,
    solved: failed === 0 && calls.length > 0 && isSolved(m, truth),
    seedsSolved: estimates.filter((e) => isSolved(e, truth)).length,
    nonFinite: calls.filter((c) => c.error === undefined && !Number.isFinite(c.estimate)).length,
    errors: calls.filter((c) => c.error !== undefined).length,
    untrusted: finite.filter((c) => c.trusted === false).length,
    intervals: withInterval.length,
    covered: withInterval.filter((c) => covers(c, truth)).length,
    // the library's promise: right within the interval, or trusted: false with a reason
    silentlyWrong: withInterval.filter((c) => c.trusted !== false && !covers(c, truth)).length,
    secondsPerCall: calls.length > 0 ? mean(calls.map((c) => c.seconds)) : NaN,
  };
}
