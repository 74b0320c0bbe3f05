// @ts-check
// One submitted notebook, from file to scores: read, restore, run, grade.
import { NOTES_PER_KIND, boundedNotes } from "./bounded-notes.mjs";
import { MAX_SUBMITTED_CELLS as MAX_CELLS, MAX_SUBMITTED_DEPTH, MAX_SUBMITTED_ENTRIES, NotebookFormatError, parseNotebook } from "../notebook/format.mjs";
import { workBytes, workSizeReason } from "../notebook/work-size.mjs";
import { executeNotebook } from "../execute/execute-notebook.mjs";
import { gradeId } from "../notebook/nbgrader-cells.mjs";
import { gradeNotebookCells } from "./grade-cells.mjs";
import { restoreSubmission } from "./restore.mjs";
import { attestTestCells, newAttestation, restoreAttestedSources } from "./attestation.mjs";
import { markRejectedCells, rejectForbiddenCells, rejectionMessage } from "./inspect-cells.mjs";
import { libraryCopyNotes } from "./library-likeness.mjs";
import { hideHiddenTests } from "./hide-hidden-tests.mjs";

/**
 * @typedef {import("../notebook/format.mjs").Notebook} Notebook
 * @typedef {import("./grade-cells.mjs").Exercise} Exercise
 * @typedef {import("./restore.mjs").Note} Note
 * @typedef {{ name: string, reference: Notebook, student: Notebook, maxScore: number,
 *   exercises: { id: string, kind: string, maxPoints: number, reference?: string }[] }} CourseNotebook
 * @typedef {{ notebook: string, status: "graded" | "stopped" | "unreadable" | "not-submitted" | "grader-error",
 *   message: string, notes: Note[], score: number, maxScore: number, pendingManual: number, exercises: Exercise[],
 *   run?: { outcome: string, stop?: import("../execute/execute-notebook.mjs").Stop | null, seconds?: number,
 *     peakRssMb?: number, events?: unknown[] } }} NotebookResult
 */


/**
 * @param {CourseNotebook} course @param {NotebookResult["status"]} status
 * @param {string} message @param {Exercise["status"]} exerciseStatus @param {Note[]} notes
 * @returns {NotebookResult}
 */
export function ungradedNotebook(course, status, message, exerciseStatus, notes = []) {
  return {
    notebook: course.name,
    status,
    message,
    notes,
    score: 0,
    maxScore: course.maxScore,
    pendingManual: 0,
    exercises: course.exercises.map((exercise) => ({
      id: exercise.id,
      kind: /** @type {Exercise["kind"]} */ (exercise.kind),
      points: 0,
      maxPoints: exercise.maxPoints,
      status: exerciseStatus,
      error: message,
    })),
  };
}

// Notes named one by one for the rejected cells of a notebook; the rest are counted. Every rejected
// cell still shows its reason in the executed notebook. A notebook of 120,000 rejected cells put
// 30 MB of notes into the student's result, and so into the class's report.json and summary.md,
// which are rewritten after every student: a few such submissions passed the longest string node
// can write.
// (with the note counting the rest, one kind's share of boundedNotes)
const NAMED_REJECTIONS = NOTES_PER_KIND - 1;

/** @param {import("./inspect-cells.mjs").Rejection[]} rejections */
export function rejectionNotes(rejections) {
  const named = rejections.filter((rejection) => rejection.id).concat(rejections.filter((rejection) => !rejection.id));
  const notes = named
    .slice(0, NAMED_REJECTIONS)
    .sort((a, b) => a.index - b.index)
    .map((rejection) => ({ kind: "rejected-cell", ...(rejection.id ? { cell: rejection.id } : {}), message: rejectionMessage(rejection) }));
  const more = rejections.length - notes.length;
  if (more > 0) {
    notes.push({ kind: "rejected-cell", message: `${more} more cells were rejected, each marked with its reason in the executed notebook` });
  }
  return notes;
}


/**
 * @param {{ course: CourseNotebook, text: string, jobId: string,
 *   runtime: import("../execute/sandbox.mjs").Runtime, limits: import("../execute/execute-notebook.mjs").Limits,
 *   python: string, keepWork?: boolean, onProgress?: (line: string) => void,
 *   keepExecuted?: (notebook: Notebook) => void }} options
 * @returns {Promise<NotebookResult>}
 */
export async function gradeNotebook({ course, text, jobId, runtime, limits, python, keepWork = false, onProgress, keepExecuted }) {
  /** @type {Notebook} */
  let submission;
  try {
    submission = parseNotebook(text, { maxDepth: MAX_SUBMITTED_DEPTH, maxEntries: MAX_SUBMITTED_ENTRIES });
  } catch (error) {
    if (!(error instanceof NotebookFormatError)) throw error;
    return ungradedNotebook(course, "unreadable", `the notebook could not be read: ${error.message}`, "not-run");
  }
  const notes = boundedNotes(restoreSubmission(submission, { reference: course.reference, student: course.student }));
  // as nbgrader's reading is bounded (src/nbgrader/refused_notebooks.py, MAX_CELLS), in its words:
  // it graded such a notebook as released, and ours in full
  if (submission.cells.length > MAX_CELLS) {
    return ungradedNotebook(course, "unreadable", `rejected: it has ${submission.cells.length} cells (at most ${MAX_CELLS})`, "not-run", notes);
  }
  const tooMuch = workSizeReason(workBytes(text), limits.notebookOutputMb);
  if (tooMuch) return ungradedNotebook(course, "unreadable", `rejected: ${tooMuch}`, "not-run", notes);
  notes.push(...libraryCopyNotes(submission, course.student));
  const rejections = rejectForbiddenCells(submission, { reference: course.reference, student: course.student });
  notes.push(...rejectionNotes(rejections));
  const attestation = newAttestation();
  const attested = attestTestCells(submission, attestation);
  const cellTimeouts = courseCellTimeouts(submission, course.reference, limits.maxCellTimeout);
  const execute = () =>
    executeNotebook({ runtime, jobId, notebook: submission, limits, python, keep: keepWork, cellTimeouts, onProgress });
  let { notebook: executed, result } = await execute();
  // A kernel that does not start has run none of the student's code, so starting afresh
  // changes nothing for the student; on a loaded machine a start can stall once.
  if (result.stop?.kind === "startup-failed") {
    onProgress?.(`the kernel did not start (${result.stop.message}); starting a new one`);
    ({ notebook: executed, result } = await execute());
  }
  if (result.stop?.kind === "startup-failed") {
    // the log without V8's lines that carry addresses (native stack frames "3: 0xee85e7 v8::…",
    // garbage-collector traces "[17911:0x13eb8220] 506 ms: Mark-Compact …"): they say nothing to a reader
    const log = (result.kernel_log_tail ?? "")
      .split("\n")
      .filter((line) => line.trim() !== "" && !/0x[0-9a-f]{6,}/.test(line))
      .join("\n")
      .slice(-600);
    return ungradedNotebook(
      course,
      "grader-error",
      `the autograder could not start a kernel, twice (not the student's fault): ${result.stop.message}` +
        (log ? `; the kernel's log ends: ${log}` : "") +
        " (with small limits such as --memory-mb, raise them)",
      "not-run",
      notes,
    );
  }
  if (result.outcome === "runner-stopped") {
    return {
      ...ungradedNotebook(
        course,
        "stopped",
        `the notebook stopped the grader (the process running it: ${result.message}): 0 points for this notebook, ` +
          "whose cells were not graded",
        "not-run",
        notes,
      ),
      run: { outcome: result.outcome, stop: { kind: "stopped-grader", message: result.message ?? "", cell: -1 } },
    };
  }
  if (!executed || result.outcome === "runner-error") {
    return ungradedNotebook(
      course,
      "grader-error",
      `the autograder failed to run this notebook (not the student's fault; please report it): ${result.message ?? "no result"}`,
      "not-run",
      notes,
    );
  }
  // before the grade too, whose messages quote the errors (the attested sources keep the hidden
  // regions' lines where they were); again once the course's sources are back
  hideHiddenTests(executed);
  const exercises = gradeNotebookCells(executed, course.reference, result.cells ?? {}, attestation);
  restoreAttestedSources(executed, attested);
  hideHiddenTests(executed);
  markRejectedCells(executed, rejections);
  keepExecuted?.(executed);
  const score = exercises.reduce((sum, exercise) => sum + (exercise.points ?? 0), 0);
  const stop = result.stop ?? null;
  const pendingManual = exercises.filter((exercise) => exercise.points === null).reduce((sum, exercise) => sum + exercise.maxPoints, 0);
  const truncated = (result.events ?? []).filter((event) => event.kind === "output-truncated");
  // a cell that stopped the run is told about in the stop message already
  const interrupted = (result.events ?? []).filter(
    (event) => event.kind === "interrupted" && event.reason === "cell-timeout" && event.cell !== stop?.cell,
  );
  const runNotes = [
    ...interrupted.map((event) => ({
      kind: "cell-timeout",
      message: `cell ${Number(event.cell) + 1} ran longer than its time limit and was interrupted`,
    })),
    ...truncated.map((event) => ({
      kind: "output-truncated",
      message: `cell ${Number(event.cell) + 1} printed too much; ${(Number(event.dropped_bytes) / 2 ** 20).toFixed(1)} MB of output were dropped`,
    })),
  ];
  return {
    notebook: course.name,
    status: stop ? "stopped" : "graded",
    message: stop ? `stopped at cell ${stop.cell + 1}: ${stop.message}; the cells after it did not run` : "ran to the end",
    notes: boundedNotes([...notes, ...runNotes]),
    score,
    maxScore: course.maxScore,
    pendingManual,
    exercises,
    run: {
      outcome: result.outcome,
      stop,
      seconds: result.seconds,
      peakRssMb: result.peak_rss_mb,
      events: result.events,
    },
  };
}

/**
 * Time limits of cells that the instructor raised in the course (`metadata.neural_mi.timeout`
 * of the course's nbgrader cell with the same grade id, at most `max` seconds), by the
 * submission's cell index. A submission's own metadata never changes a limit.
 * @param {Notebook} submission @param {Notebook} reference @param {number} max
 * @returns {Record<string, number>}
 */
export function courseCellTimeouts(submission, reference, max) {
  /** @type {Map<string, number>} */
  const byGradeId = new Map();
  for (const cell of reference.cells) {
    const timeout = /** @type {{ timeout?: unknown } | undefined} */ (cell.metadata?.neural_mi)?.timeout;
    const id = gradeId(cell);
    if (id && typeof timeout === "number" && timeout > 0) byGradeId.set(id, Math.min(timeout, max));
  }
  /** @type {Record<string, number>} */
  const timeouts = {};
  submission.cells.forEach((cell, index) => {
    const timeout = byGradeId.get(gradeId(cell) ?? "");
    if (timeout !== undefined) timeouts[String(index)] = timeout;
  });
  return timeouts;
}
