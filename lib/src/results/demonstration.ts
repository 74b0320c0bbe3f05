import { checkOneOf, checkPositiveInteger, fail } from "../data/checks";

/** The value nbgrader and the course's grader give NBGRADER_EXECUTION in every kernel they grade in. */
export const GRADING_EXECUTION = "autograde";

const UNITS = ["epochs", "steps", "iterations"] as const;

/** Whether this kernel is running a notebook for grading (NBGRADER_EXECUTION is "autograde"). */
export function isBeingGraded(): boolean {
  return typeof process !== "undefined" && process.env?.NBGRADER_EXECUTION === GRADING_EXECUTION;
}

/**
 * How long a course demonstration trains: `full` (epochs, steps or iterations) when a student
 * runs the notebook, `whenGraded` while it is being graded. Demonstrations are the course's own
 * cells that no test reads, so grading only needs them to run, not to converge; each one costs
 * every submission of the class its full training otherwise. When it shortens, it prints one
 * line saying so and how to see the demonstration in full. Test cells never use it: their
 * tolerances were measured for their own training.
 */
export function demonstrationLength(full: number, whenGraded: number, unit: (typeof UNITS)[number] = "epochs"): number {
  const what = "demonstrationLength(full, whenGraded, unit)";
  checkPositiveInteger(full, `${what}: full`);
  checkPositiveInteger(whenGraded, `${what}: whenGraded`);
  checkOneOf(unit, `${what}: unit`, UNITS);
  if (whenGraded > full) fail(`${what}: whenGraded (${whenGraded}) must not exceed full (${full}).`);
  if (!isBeingGraded() || whenGraded === full) return full;
  console.log(
    `Shortened for grading: this demonstration trains ${whenGraded} of its ${full} ${unit} ` +
      `(NBGRADER_EXECUTION=${GRADING_EXECUTION}); run the notebook yourself to see it in full.`,
  );
  return whenGraded;
}
