// @ts-check
// Scores of an executed notebook, cell by cell, by nbgrader's rules
// (determine_grade), made strict where a submission could forge them: a test cell
// earns its points only if the kernel replied "ok", it has no error output anywhere
// (nbgrader keeps the points of a result shown before an error; we do not) and did not
// write to stderr, and, for a test that reports an estimate, the estimate the test
// itself reported (attestation.mjs) is within the course's tolerance of the course's
// ground truth. A written answer left as released scores 0 and any other needs a person.
import { computeChecksum, gradeId, isGrade, isSolution, isTask, maxPoints } from "../notebook/nbgrader-cells.mjs";
import { measuredResult } from "./results.mjs";

/**
 * @typedef {import("../notebook/format.mjs").Notebook} Notebook
 * @typedef {import("../notebook/format.mjs").Cell} Cell
 * @typedef {{ id: string, kind: "test" | "written" | "answer" | "task", points: number | null, maxPoints: number,
 *   status: "passed" | "failed" | "timeout" | "not-run" | "not-submitted" | "no-answer" | "needs-manual-grading" | "partial",
 *   error?: string, estimate?: number, groundTruth?: number, unit?: string, tolerance?: number, seconds?: number }} Exercise
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** @param {string} text */
function clip(text, length = 600) {
  const clean = text.replace(ANSI, "").trim();
  return clean.length > length ? `${clean.slice(0, length - 1)}…` : clean;
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
 * The verdict on a test cell's outputs: an error or stderr output anywhere fails it;
 * otherwise its first result, if it is a number, gives that many points (nbgrader's
 * partial credit), else it earns all its points.
 * @param {Cell} cell @param {number} max
 * @returns {{ failed: boolean, points: number }}
 */
function verdict(cell, max) {
  const outputs = cell.outputs ?? [];
  if (outputs.some((output) => output.output_type === "error" || (output.output_type === "stream" && output.name === "stderr"))) {
    return { failed: true, points: 0 };
  }
  for (const output of outputs) {
    if (output.output_type === "execute_result") {
      const value = Number(String(output.data?.["text/plain"] ?? "").trim());
      const points = Number.isFinite(value) && value >= 0 ? Math.min(value, max) : max;
      return { failed: false, points };
    }
  }
  return { failed: false, points: max };
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
  if (!course?.reports_estimate) return undefined;
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
      : { id, kind, points: null, maxPoints: max, status: "needs-manual-grading" };
  }
  /** @type {Exercise} */
  const exercise = { id, kind: "test", points: max, maxPoints: max, status: "passed" };
  if (run?.seconds !== undefined) exercise.seconds = run.seconds;
  const course = original.metadata.neural_mi;
  const measured = measuredResult(cell, attestation);
  const { failed, points } = verdict(cell, max);
  const forged = failed ? undefined : forgedPass(run, course, measured);
  exercise.points = forged ? 0 : points;
  if (failed) {
    exercise.status = run?.status === "not-run" ? "not-run" : run?.status === "timeout" ? "timeout" : "failed";
    exercise.error = errorMessage(cell);
  } else if (forged) {
    exercise.status = "failed";
    exercise.error = forged;
  } else if (points < max) {
    exercise.status = "partial";
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
 * @param {string} [attestation] the run's token (attestation.mjs)
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
      return gradeCell(found.cell, original, runCells[String(found.index)], attestation);
    });
}
