// @ts-check
// Scores of an executed notebook, cell by cell, by nbgrader's rules
// (determine_grade): a test cell earns its points unless it has an error
// output or wrote to stderr; a written answer left as released scores 0 and
// any other needs a person to grade it.
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
 * nbgrader's verdict on a test cell's outputs, in their order: the first error
 * or stderr output fails it; a result that is a number before that gives that
 * many points (partial credit); otherwise it earns all its points.
 * @param {Cell} cell @param {number} max
 * @returns {{ failed: boolean, points: number }}
 */
function verdict(cell, max) {
  for (const output of cell.outputs ?? []) {
    if (output.output_type === "error" || (output.output_type === "stream" && output.name === "stderr")) {
      return { failed: true, points: 0 };
    }
    if (output.output_type === "execute_result") {
      const value = Number(String(output.data?.["text/plain"] ?? "").trim());
      const points = Number.isFinite(value) && value >= 0 ? Math.min(value, max) : max;
      return { failed: false, points };
    }
  }
  return { failed: false, points: max };
}

/**
 * @param {Cell} cell executed
 * @param {Cell} original the reference cell (course metadata such as ground truths)
 * @param {{ seconds?: number, status?: string } | undefined} run
 * @returns {Exercise}
 */
export function gradeCell(cell, original, run) {
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
  const { failed, points } = verdict(cell, max);
  exercise.points = points;
  if (failed) {
    exercise.status = run?.status === "not-run" ? "not-run" : run?.status === "timeout" ? "timeout" : "failed";
    exercise.error = errorMessage(cell);
  } else if (points < max) {
    exercise.status = "partial";
  }
  const course = original.metadata.neural_mi;
  const measured = measuredResult(cell);
  const groundTruth = measured?.groundTruth ?? course?.groundTruth ?? course?.ground_truth;
  const tolerance = measured?.tolerance ?? course?.tolerance;
  if (typeof measured?.estimate === "number") exercise.estimate = measured.estimate;
  if (typeof groundTruth === "number") exercise.groundTruth = groundTruth;
  if (typeof tolerance === "number") exercise.tolerance = tolerance;
  if (typeof (measured?.unit ?? course?.unit) === "string") exercise.unit = measured?.unit ?? course?.unit;
  return exercise;
}

/**
 * Grades every grade and task cell of the reference, in its order.
 * @param {Notebook} executed @param {Notebook} reference
 * @param {Record<string, { seconds: number, status: string }>} runCells by cell index in `executed`
 * @returns {Exercise[]}
 */
export function gradeNotebookCells(executed, reference, runCells) {
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
      return gradeCell(found.cell, original, runCells[String(found.index)]);
    });
}
