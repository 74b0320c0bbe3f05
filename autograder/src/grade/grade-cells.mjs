// @ts-check
// Scores of an executed notebook, cell by cell, by nbgrader's rules
// (determine_grade), made strict where a submission could forge them: a test cell
// earns its points only if the kernel replied "ok", it has no error output anywhere
// (nbgrader keeps the points of a result shown before an error; we do not) and did not
// write to stderr, and, for a test that reports an estimate, the estimate the test
// itself reported (attestation.mjs) is within the course's tolerance of the course's
// ground truth. A written answer left as released scores 0 and any other needs a person.
import { createHash } from "node:crypto";
import { computeChecksum, gradeId, isGrade, isSolution, isTask, maxPoints } from "../notebook/nbgrader-cells.mjs";
import { measuredResult } from "./results.mjs";
import { cellAttestation } from "./attestation.mjs";

/**
 * @typedef {import("../notebook/format.mjs").Notebook} Notebook
 * @typedef {import("../notebook/format.mjs").Cell} Cell
 * @typedef {{ id: string, kind: "test" | "written" | "answer" | "task", points: number | null, maxPoints: number,
 *   status: "passed" | "failed" | "timeout" | "not-run" | "not-submitted" | "no-answer" | "needs-manual-grading" | "graded-by-hand" | "partial",
 *   error?: string, estimate?: number, groundTruth?: number, unit?: string, tolerance?: number, seconds?: number,
 *   answer?: string, manual?: { points: number, comment: string }, checks?: { name: string, points: number, passed: boolean }[] }} Exercise
 *   answer: the student's text, for answers that wait for a person (report/manual-grades.mjs)
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** @param {string} text */
function clip(text, length = 600) {
  const clean = text.replace(ANSI, "").trim();
  return clean.length > length ? `${clean.slice(0, length - 1)}…` : clean;
}

// A written answer is kept in the reports for a person to grade: the student's result, the class's
// report.json (rewritten after every student), manual-grades.json and its pages. A notebook may hold
// 20 MB of text, so one student's five chapters put about 100 MB of answers into every rewrite of the
// class report, and six such students more than the longest string V8 makes (512 MB), where writing
// the report (JSON.stringify) throws, which would stop the run for the whole class. What is kept past this many characters is
// a note naming the whole answer's SHA-256, so that a changed answer is still a changed answer to
// manual-grades.mjs (its hash of what is kept); the whole answer is in the executed notebook.
const MAX_KEPT_ANSWER = 100_000;

/** @param {string} text */
export function keptAnswer(text) {
  if (text.length <= MAX_KEPT_ANSWER) return text;
  const whole = createHash("sha256").update(text).digest("hex");
  // not between the two halves of a character beyond the BMP
  const kept = /[\uD800-\uDBFF]/.test(text[MAX_KEPT_ANSWER - 1]) ? MAX_KEPT_ANSWER - 1 : MAX_KEPT_ANSWER;
  return (
    `${text.slice(0, kept)}\n\n[… ${text.length - kept} more characters, left out of the reports by the autograder ` +
    `(SHA-256 of the whole answer: ${whole}); the whole answer is in the student's executed notebook]`
  );
}

// Errors the runner adds (time and memory limits, a stopped kernel) explain more
// than what the kernel said when it was interrupted.
const RUNNER_ERRORS = new Set(["CellTimeoutError", "NotRun", "KernelDiedError", "MemoryLimitError", "DiskLimitError", "KernelStartError"]);

/** @param {Cell} cell @returns {string | undefined} */
export function errorMessage(cell) {
  const outputs = cell.outputs ?? [];
  const errors = outputs.filter((output) => output.output_type === "error");
  const error = errors.find((output) => RUNNER_ERRORS.has(output.ename)) ?? errors[0];
  if (error) return clip(`${error.ename}: ${error.evalue}`);
  const stderr = outputs.filter((output) => output.output_type === "stream" && output.name === "stderr");
  if (stderr.length > 0) return clip(`wrote to stderr: ${stderr.map((output) => output.text).join("")}`);
  return undefined;
}

/**
 * Whether a test cell failed outright: an error or stderr output anywhere. (An
 * execute_result never gives points here, unlike nbgrader: output alone can be forged;
 * partial credit comes from the checks of the test's attested result, below.)
 * @param {Cell} cell
 */
function failedOutright(cell) {
  return (cell.outputs ?? []).some((output) => output.output_type === "error" || (output.output_type === "stream" && output.name === "stderr"));
}

/**
 * Partial credit, for a test whose course metadata gives points per check
 * (`neural_mi.checks`, e.g. {"loss": 2, "estimate": 2}): the checks the test's own attested
 * result says passed earn their weights. A check named "estimate" of a test that reports
 * an estimate is decided by the grader, from the course's ground truth and tolerance.
 * The same rule runs in nbgrader (nbgrader_config.py), so both give the same points.
 * @param {Record<string, any> | undefined} course the cell's neural_mi metadata
 * @param {import("./results.mjs").Measured | undefined} measured the test's own (attested) result
 * @returns {{ name: string, points: number, passed: boolean }[] | undefined} undefined for an all-or-nothing test
 */
export function checkResults(course, measured) {
  const weights = course?.checks;
  if (!weights || typeof weights !== "object") return undefined;
  const reported = measured?.checks && typeof measured.checks === "object" ? /** @type {Record<string, unknown>} */ (measured.checks) : {};
  return Object.entries(weights).map(([name, points]) => ({
    name,
    points: Number(points),
    passed: name === "estimate" && course.reports_estimate ? estimateWithinTolerance(course, measured) : reported[name] === true,
  }));
}

/** @param {Record<string, any>} course @param {import("./results.mjs").Measured | undefined} measured */
function estimateWithinTolerance(course, measured) {
  const groundTruth = course.ground_truth ?? course.groundTruth;
  const estimate = measured?.estimate;
  return typeof estimate === "number" && typeof groundTruth === "number" && Math.abs(estimate - groundTruth) <= course.tolerance;
}

/**
 * Why a test cell that ran cleanly still fails, from facts the notebook cannot forge:
 * the kernel's reply and the course's ground truth and tolerance.
 * @param {{ reply?: string | null } | undefined} run
 * @param {Record<string, any> | undefined} course the cell's neural_mi metadata
 * @param {import("./results.mjs").Measured | undefined} measured the test's own (attested) result
 * @returns {string | undefined}
 */
function forgedPass(run, course, measured) {
  if (run && "reply" in run && run.reply !== "ok") {
    return `the kernel did not report the cell as successful (reply status ${JSON.stringify(run.reply)})`;
  }
  // with points per check, a missed estimate costs its check's points only (checkResults)
  if (!course?.reports_estimate || course.checks) return undefined;
  const groundTruth = course.ground_truth ?? course.groundTruth;
  const tolerance = course.tolerance;
  if (typeof groundTruth !== "number" || typeof tolerance !== "number") return undefined;
  const estimate = measured?.estimate;
  if (typeof estimate !== "number" || !Number.isFinite(estimate)) {
    return "the test reported no estimate of its own (its reportResult did not run, or was not the course's)";
  }
  if (!(Math.abs(estimate - groundTruth) <= tolerance)) {
    return `the estimate the test reported, ${estimate.toFixed(4)}, is more than ${tolerance} from the ground truth ${groundTruth.toFixed(4)}`;
  }
  return undefined;
}

/**
 * @param {Cell} cell executed
 * @param {Cell} original the reference cell (course metadata such as ground truths)
 * @param {{ seconds?: number, status?: string, reply?: string | null } | undefined} run
 * @param {string} [attestation] the run's token: only results carrying it are the test's own
 * @returns {Exercise}
 */
export function gradeCell(cell, original, run, attestation) {
  const id = /** @type {string} */ (gradeId(original));
  const max = maxPoints(original);
  if (isTask(original)) return { id, kind: "task", points: null, maxPoints: max, status: "needs-manual-grading" };
  if (isSolution(original)) {
    const kind = cell.cell_type === "markdown" ? "written" : "answer";
    const unanswered = cell.metadata.nbgrader?.checksum === computeChecksum(cell);
    return unanswered
      ? { id, kind, points: 0, maxPoints: max, status: "no-answer" }
      : { id, kind, points: null, maxPoints: max, status: "needs-manual-grading", answer: keptAnswer(cell.source) };
  }
  /** @type {Exercise} */
  const exercise = { id, kind: "test", points: max, maxPoints: max, status: "passed" };
  if (run?.seconds !== undefined) exercise.seconds = run.seconds;
  const course = original.metadata.neural_mi;
  const measured = measuredResult(cell, attestation);
  const failed = failedOutright(cell);
  const forged = failed ? undefined : forgedPass(run, course, measured);
  const checks = failed || forged ? undefined : checkResults(course, measured);
  if (failed) {
    exercise.points = 0;
    exercise.status = run?.status === "not-run" ? "not-run" : run?.status === "timeout" ? "timeout" : "failed";
    exercise.error = errorMessage(cell);
  } else if (forged) {
    exercise.points = 0;
    exercise.status = "failed";
    exercise.error = forged;
  } else if (checks) {
    exercise.checks = checks;
    exercise.points = Math.min(max, checks.reduce((sum, check) => sum + (check.passed ? check.points : 0), 0));
    if (measured?.checks === undefined) {
      exercise.error = "the test reported no checks of its own (its reportResult did not run, or was not the course's)";
    }
    if (exercise.points === 0) exercise.status = "failed";
    else if (exercise.points < max) exercise.status = "partial";
  }
  const groundTruth = course?.ground_truth ?? course?.groundTruth ?? measured?.groundTruth;
  const tolerance = course?.tolerance ?? measured?.tolerance;
  if (typeof measured?.estimate === "number") exercise.estimate = measured.estimate;
  if (typeof groundTruth === "number") exercise.groundTruth = groundTruth;
  if (typeof tolerance === "number") exercise.tolerance = tolerance;
  if (typeof (course?.unit ?? measured?.unit) === "string") exercise.unit = course?.unit ?? measured?.unit;
  return exercise;
}

/**
 * Grades every grade and task cell of the reference, in its order.
 * @param {Notebook} executed @param {Notebook} reference
 * @param {Record<string, { seconds: number, status: string, reply?: string | null }>} runCells by cell index in `executed`
 * @param {string} [attestation] the run's secret (attestation.mjs): each test cell's result must carry its own token
 * @returns {Exercise[]}
 */
export function gradeNotebookCells(executed, reference, runCells, attestation) {
  /** @type {Map<string, { cell: Cell, index: number }>} */
  const byId = new Map();
  executed.cells.forEach((cell, index) => {
    const id = gradeId(cell);
    if (id) byId.set(id, { cell, index });
  });
  return reference.cells
    .filter((cell) => (isGrade(cell) || isTask(cell)) && gradeId(cell))
    .map((original) => {
      const found = byId.get(/** @type {string} */ (gradeId(original)));
      if (!found) {
        return { id: /** @type {string} */ (gradeId(original)), kind: "test", points: 0, maxPoints: maxPoints(original), status: "not-run", error: "the cell was not in the notebook" };
      }
      return gradeCell(found.cell, original, runCells[String(found.index)], attestation === undefined ? undefined : cellAttestation(attestation, found.index));
    });
}
