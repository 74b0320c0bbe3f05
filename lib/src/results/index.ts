import { activeKernel } from "../plot/display";
import { checkFinite, checkKnownOptions, checkOneOf, checkOptionsObject, checkPositive, describeValue, fail } from "../data/checks";
import { INFORMATION_UNITS, type InformationUnit } from "../tasks/task";
// The names of the result format, defined once: the autograder and the tests read the same file.
import protocol from "./protocol.json";

/**
 * How a test cell hands what it measured to the autograder: one output whose text the
 * student reads and whose RESULT_MIME part (JSON) the autograder reads. JupyterLab and
 * nbconvert have no renderer for RESULT_MIME, so they show the text.
 */
export const RESULT_MIME: string = protocol.mime;

/** The line kernels without display.bundle print instead; the autograder reads it too. */
export const RESULT_LINE_PREFIX: string = protocol.linePrefix;

export interface ExerciseResult {
  /** The exercise's grade id without "-test", e.g. "MINETrainer". */
  exercise: string;
  estimate: number;
  groundTruth: number;
  /** The largest |estimate − groundTruth| that passes. */
  tolerance: number;
  unit?: InformationUnit;
  /**
   * Set by the autograder in the test cell's code as it runs it: a token that tells the
   * test's own result from outputs that only look like one. Carried in the JSON only.
   */
  attestation?: string;
  /**
   * For a test that gives points per check: which checks passed, by name, e.g.
   * `{ loss: true, estimate: false }`. The points of each check are in the test cell's
   * metadata (`neural_mi.checks`), where the graders read them.
   */
  checks?: Record<string, boolean>;
}

const RESULT_FIELDS: readonly (keyof ExerciseResult)[] = ["exercise", "estimate", "groundTruth", "tolerance", "unit", "attestation", "checks"];

/**
 * Shows a test cell's measurement to the student ("MINETrainer: estimate 0.6012 nats,
 * ground truth 0.6364 nats, within 0.18: yes") and to the autograder, in one output.
 * Outside a kernel it only returns the line. A non-finite estimate is a result too: the
 * line shows it and the JSON carries null.
 */
export function reportResult(result: ExerciseResult): string {
  const what = "reportResult(result)";
  const given = checkOptionsObject(result, what);
  // a misspelt field ({ tolerence: 0.1 }) was dropped: the line and the grade used the field's absence
  checkKnownOptions(given, RESULT_FIELDS, what);
  const { exercise, estimate, groundTruth, tolerance, unit = "nats", attestation, checks } = given;
  if (typeof exercise !== "string" || exercise === "") fail(`${what}: exercise must be the exercise's name, got ${String(exercise)}.`);
  if (typeof estimate !== "number") fail(`${what}: estimate must be a number, got ${typeof estimate}.`);
  checkFinite(groundTruth, `${what}: groundTruth`);
  checkPositive(tolerance, `${what}: tolerance`);
  checkOneOf(unit, `${what}: unit`, INFORMATION_UNITS);
  if (checks !== undefined) {
    if (checks === null || typeof checks !== "object" || Array.isArray(checks) || Object.keys(checks).length === 0) {
      fail(`${what}: checks must be an object of check names and whether each passed, e.g. { loss: true, estimate: false }.`);
    }
    for (const [name, passedCheck] of Object.entries(checks)) {
      if (typeof passedCheck !== "boolean") fail(`${what}: checks.${name} must be true or false, got ${describeValue(passedCheck)}.`);
    }
  }
  const passed = Math.abs(estimate - groundTruth) <= tolerance;
  const line =
    `${exercise}: estimate ${estimate.toFixed(4)} ${unit}, ground truth ${groundTruth.toFixed(4)} ${unit}, ` +
    `within ${tolerance}: ${passed ? "yes" : "no"}` +
    (checks === undefined ? "" : `; checks: ${Object.entries(checks).map(([name, ok]) => `${name} ${ok ? "passed" : "failed"}`).join(", ")}`);
  const kernel = activeKernel();
  if (kernel === undefined) return line;
  if (attestation !== undefined && typeof attestation !== "string") fail(`${what}: attestation must be a string, got ${typeof attestation}.`);
  const data = {
    exercise,
    estimate: Number.isFinite(estimate) ? estimate : null,
    groundTruth,
    tolerance,
    unit,
    ...(checks === undefined ? {} : { checks: { ...checks } }),
    ...(attestation === undefined ? {} : { attestation }),
  };
  if (typeof kernel.display.bundle === "function") {
    kernel.display.bundle({ "text/plain": line, [RESULT_MIME]: data });
  } else {
    console.log(line);
    console.log(RESULT_LINE_PREFIX + JSON.stringify(data));
  }
  return line;
}
export * from "./demonstration";
