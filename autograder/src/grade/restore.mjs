// @ts-check
// Puts a submitted notebook back into the shape the course expects before it
// runs, one step per job (nbgrader's ClearOutput, DeduplicateIds,
// OverwriteKernelspec and OverwriteCells, plus restoring deleted cells). Every
// step records what it changed as a note an instructor can read.
import { computeChecksum, gradeId, isGrade, isLocked, isSolution, isTracked, nbgraderMeta } from "../notebook/nbgrader-cells.mjs";

/**
 * @typedef {import("../notebook/format.mjs").Notebook} Notebook
 * @typedef {import("../notebook/format.mjs").Cell} Cell
 * @typedef {{ kind: string, cell?: string, message: string, omitted?: number }} Note
 * @typedef {{ reference: Notebook, student: Notebook }} Versions the released reference (hidden tests in) and the student version
 * @typedef {(submission: Notebook, versions: Versions, notes: Note[]) => void} RestoreStep
 */

/** @param {Cell} cell */
function roleOf(cell) {
  if (isGrade(cell) && !isSolution(cell)) return "test cell";
  if (isSolution(cell)) return cell.cell_type === "markdown" ? "written answer cell" : "answer cell";
  if (isLocked(cell)) return "read-only cell";
  return "task cell";
}

/** @param {Notebook} notebook @returns {Map<string, Cell>} */
function trackedById(notebook) {
  const cells = new Map();
  for (const cell of notebook.cells) {
    const id = gradeId(cell);
    if (id && isTracked(cell)) cells.set(id, cell);
  }
  return cells;
}

/**
 * A notebook saved with another kernel runs on the course's kernel (OverwriteKernelspec).
 * @type {RestoreStep}
 */
export function restoreKernel(submission, { reference }, notes) {
  const expected = reference.metadata.kernelspec;
  const found = submission.metadata.kernelspec;
  if (!found || found.name !== expected?.name || found.language !== expected?.language) {
    const what = found ? `the ${found.display_name ?? found.name} kernel (${found.language ?? "unknown language"})` : "no kernel";
    notes.push({
      kind: "other-kernel",
      message: `saved with ${what}; graded with the course's ${expected?.display_name ?? "TypeScript"} kernel (${expected?.name})`,
    });
  }
  submission.metadata.kernelspec = structuredClone(expected);
  if (reference.metadata.language_info) submission.metadata.language_info = structuredClone(reference.metadata.language_info);
}

/**
 * Outputs saved by the student are never graded.
 * @type {RestoreStep}
 */
export function clearSubmittedOutputs(submission) {
  for (const cell of submission.cells) {
    if (cell.cell_type !== "code") continue;
    cell.outputs = [];
    cell.execution_count = null;
    delete cell.metadata.collapsed;
    delete cell.metadata.scrolled;
  }
}

/**
 * A written answer (a markdown or raw cell marked as an answer) that claims the grade id of one of the course's code tests is
 * not that test: the test runs as the course's wherever it is (its own cell, or put back as deleted), and the text is the
 * student's written answer. It takes the id of the course's written answer that no cell claims, when exactly one is missing;
 * otherwise no one can tell which answer it is, and it stays an ordinary cell, the note saying so and what to do. Before, the
 * test's source replaced the text (the last cell of an id counts) or the text lost its flags, and the written answer was
 * graded "no answer": the person grading never saw it. And a markdown cell without grading metadata that has the cell id the
 * release gave a written answer no cell claims is that answer. nbgrader's CourseCells (src/nbgrader/course_flags.py) does the same.
 * @type {RestoreStep}
 */
export function reclaimWrittenAnswers(submission, { reference }, notes) {
  const course = trackedById(reference);
  const isCodeTest = (/** @type {Cell | undefined} */ cell) => cell !== undefined && cell.cell_type === "code" && isGrade(cell) && !isSolution(cell);
  const misplaced = submission.cells.filter((cell) => cell.cell_type !== "code" && isSolution(cell) && isCodeTest(course.get(gradeId(cell) ?? "")));
  if (misplaced.length > 0) reclaimMisplaced(submission, reference, misplaced, notes);
  // a written answer whose nbgrader metadata was removed (JupyterLab's metadata editor keeps the cell's id): found by the id the
  // release gave it, when no cell claims that answer
  const claimed = new Set(submission.cells.filter(isTracked).map(gradeId));
  for (const original of reference.cells) {
    const id = gradeId(original);
    if (original.cell_type !== "markdown" || !isSolution(original) || !id || claimed.has(id) || typeof original.id !== "string") continue;
    const cell = submission.cells.find((item) => item.id === original.id && item.cell_type === "markdown" && !isTracked(item));
    if (!cell || typeof cell.metadata !== "object" || cell.metadata === null) continue;
    cell.metadata.nbgrader = structuredClone(original.metadata.nbgrader);
    notes.push({
      kind: "written-answer-id",
      cell: id,
      message: `cell ${submission.cells.indexOf(cell) + 1}, the written answer "${id}", had lost its grading metadata; it was found by its cell id and graded as that answer: restore the cell's metadata from the released notebook`,
    });
  }
}

/**
 * The written answers claiming a test's grade id (reclaimWrittenAnswers).
 * @param {Notebook} submission @param {Notebook} reference @param {Cell[]} misplaced @param {Note[]} notes
 */
function reclaimMisplaced(submission, reference, misplaced, notes) {
  const claimed = new Set(submission.cells.filter((cell) => !misplaced.includes(cell) && isTracked(cell)).map(gradeId));
  const missing = reference.cells.filter((cell) => cell.cell_type === "markdown" && isSolution(cell) && !claimed.has(gradeId(cell))).map((cell) => /** @type {string} */ (gradeId(cell)));
  // a cell that kept the cell id the release gave a missing written answer is that answer (as for one without metadata); before,
  // of two misplaced cells it was kept as an ordinary cell, "not graded", and then graded as that answer by its id all the same
  const byCellId = new Map(reference.cells.filter((cell) => missing.includes(/** @type {string} */ (gradeId(cell))) && typeof cell.id === "string").map((cell) => [cell.id, gradeId(cell)]));
  for (const cell of misplaced) {
    const index = submission.cells.indexOf(cell) + 1;
    const test = gradeId(cell);
    const found = typeof cell.id === "string" ? byCellId.get(cell.id) : undefined;
    if (found) byCellId.delete(cell.id);
    const answer = found ?? (misplaced.length === 1 && missing.length === 1 ? missing[0] : undefined);
    if (answer) {
      /** @type {any} */ (cell.metadata.nbgrader).grade_id = answer;
      notes.push({
        kind: "written-answer-id",
        cell: answer,
        message: `cell ${index}, a written answer, carried the grade id "${test}" of a test cell; it was graded as the written answer "${answer}", ${found ? "found by its cell id" : "the one the notebook lacked"}, and the test ran as the course's: restore the cell's metadata from the released notebook`,
      });
    } else {
      delete cell.metadata.nbgrader;
      notes.push({
        kind: "written-answer-id",
        cell: test,
        message: `cell ${index}, a written answer, carried the grade id "${test}" of a test cell, and which written answer it is cannot be told; it was kept as an ordinary cell, not graded, and the test ran as the course's: copy its text into the released notebook's written answer cell and hand in again`,
      });
    }
  }
}

/**
 * Cells claiming an id the course does not have become ordinary cells.
 * @type {RestoreStep}
 */
export function dropUnknownIds(submission, { reference }, notes) {
  const known = trackedById(reference);
  submission.cells.forEach((cell, index) => {
    if (!nbgraderMeta(cell)) return;
    const id = gradeId(cell);
    if (id && known.has(id)) return;
    if (isTracked(cell)) {
      notes.push({
        kind: "unknown-cell",
        cell: id,
        message: `cell ${index + 1} is marked as ${id ? `"${id}"` : "graded"}, which this notebook of the course does not have; it ran as an ordinary cell`,
      });
    }
    delete cell.metadata.nbgrader;
  });
}

/**
 * Of several cells with the same id the last one counts, as in nbgrader.
 * @type {RestoreStep}
 */
export function deduplicateIds(submission, _versions, notes) {
  const seen = new Set();
  /** @type {Map<string, number>} */
  const copies = new Map();
  for (let index = submission.cells.length - 1; index >= 0; index--) {
    const cell = submission.cells[index];
    const id = gradeId(cell);
    if (!id) continue;
    if (seen.has(id)) {
      delete cell.metadata.nbgrader;
      copies.set(id, (copies.get(id) ?? 1) + 1);
    }
    seen.add(id);
  }
  for (const [id, count] of copies) {
    notes.push({
      kind: "duplicated-cell",
      cell: id,
      message: `cell "${id}" appears ${count} times; the last copy was graded, the earlier ones ran as ordinary cells`,
    });
  }
}

/**
 * Gives `cell` the course cell's `nbgrader` metadata (flags, points, checksum) and its grading metadata (`neural_mi`: ground
 * truth, tolerance, points per check, time limit): the grader reads the course's own, and the executed notebook shows it,
 * not the student's. Also what `npm run validate` weighs a copy's cells by (scripts/validate/check-notebook.mjs).
 * @param {Cell} cell @param {Cell} original
 */
export function takeCourseMetadata(cell, original) {
  cell.metadata.nbgrader = structuredClone(original.metadata.nbgrader);
  if (original.metadata.neural_mi === undefined) delete cell.metadata.neural_mi;
  else cell.metadata.neural_mi = structuredClone(original.metadata.neural_mi);
}

/**
 * Restores each known cell's type, nbgrader and neural_mi metadata (points, checksum, ground
 * truth, weights) and,
 * for test and read-only cells, its source from the reference version: hidden
 * tests included, student edits undone (OverwriteCells).
 * @type {RestoreStep}
 */
export function restoreKnownCells(submission, { reference, student }, notes) {
  const originals = trackedById(reference);
  const released = trackedById(student);
  for (const cell of submission.cells) {
    const id = gradeId(cell);
    const original = id ? originals.get(id) : undefined;
    if (!id || !original) continue;
    if (cell.cell_type !== original.cell_type) {
      notes.push({
        kind: "retyped-cell",
        cell: id,
        message: `the ${roleOf(original)} "${id}" was changed from ${original.cell_type} to ${cell.cell_type}; it was changed back`,
      });
      setCellType(cell, original.cell_type);
    }
    const submittedPoints = nbgraderMeta(cell)?.points;
    takeCourseMetadata(cell, original);
    if (isGrade(original) && submittedPoints !== undefined && Number(submittedPoints) !== Number(original.metadata.nbgrader.points)) {
      notes.push({
        kind: "changed-points",
        cell: id,
        message: `the points of "${id}" were changed to ${submittedPoints}; the course's ${original.metadata.nbgrader.points} apply`,
      });
    }
    if (isLocked(original)) {
      const asReleased = released.get(id)?.source ?? original.source;
      if (cell.source !== asReleased && cell.source !== original.source) {
        notes.push({
          kind: isGrade(original) ? "edited-test" : "edited-read-only",
          cell: id,
          message: `the ${roleOf(original)} "${id}" was edited; the course's version was restored and run`,
        });
      }
      cell.source = original.source;
    }
  }
}

/**
 * Puts deleted cells back where they were, after the nearest known cell before
 * them: tests (with hidden tests) and read-only cells as in the course, answer
 * cells as released (no answer).
 * @type {RestoreStep}
 */
export function restoreDeletedCells(submission, { reference }, notes) {
  let previousIndex = -1;
  for (const original of reference.cells) {
    const id = gradeId(original);
    if (!id || !isTracked(original)) continue;
    const present = submission.cells.findIndex((cell) => gradeId(cell) === id && isTracked(cell));
    if (present >= 0) {
      previousIndex = present;
      continue;
    }
    const restored = structuredClone(original);
    delete restored.id; // a fresh cell; the submission may reuse the original's id elsewhere
    submission.cells.splice(previousIndex + 1, 0, restored);
    previousIndex += 1;
    const role = roleOf(original);
    notes.push({
      kind: "deleted-cell",
      cell: id,
      message:
        role === "test cell"
          ? `the test cell "${id}" was deleted; it was put back and run`
          : isSolution(original)
            ? `the ${role} "${id}" was deleted; it was put back empty, as released (no answer)`
            : `the ${role} "${id}" was deleted; it was put back`,
    });
  }
}

const textOf = (/** @type {Cell} */ cell) => [].concat(/** @type {any} */ (cell.source ?? "")).join("");

/**
 * A written answer left as released (or emptied) beside markdown cells of the student's own whose text is in no cell of the
 * release: her answer may be in one of them (written in a new cell, the answer's cell deleted or left empty), which no grader
 * grades. The note names each such cell's place and the start of its text, for the person grading, and tells the student to put
 * the text in the answer's cell; no points are given. Before, the answer was graded "no answer" and her text was shown to no one.
 * nbgrader's CourseCells (src/nbgrader/course_flags.py) notes the same.
 * @type {RestoreStep}
 */
export function pointToMovedAnswers(submission, { reference, student }, notes) {
  const released = new Set([...student.cells, ...reference.cells].map((cell) => textOf(cell).trim()));
  const own = submission.cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.cell_type !== "code" && !isTracked(cell) && textOf(cell).trim() !== "" && !released.has(textOf(cell).trim()));
  if (own.length === 0) return;
  for (const original of reference.cells) {
    const id = gradeId(original);
    if (original.cell_type !== "markdown" || !isSolution(original) || !id) continue;
    // before restoreDeletedCells, so that the places named are those of the student's notebook: a deleted answer is put back empty
    const cell = submission.cells.find((item) => gradeId(item) === id && isTracked(item));
    if (cell && nbgraderMeta(cell)?.checksum !== computeChecksum(cell) && textOf(cell).trim() !== "") continue;
    const shown = own.slice(0, 3).map(({ cell: item, index }) => `cell ${index + 1} ("${previewOf(textOf(item))}")`);
    const more = own.length > 3 ? ` and ${own.length - 3} more` : "";
    notes.push({
      kind: "written-answer-elsewhere",
      cell: id,
      message: `the written answer "${id}" (${cell ? `cell ${submission.cells.indexOf(cell) + 1}` : "deleted"}) is as released, empty or deleted, graded as no answer, and the notebook holds markdown cells of its own not in the release: ${shown.join(", ")}${more}; if the answer is there, put its text in the written answer's cell and hand in again (it was not graded)`,
    });
  }
}

/** The first 60 characters of a cell's text, on one line. @param {string} text */
const previewOf = (text) => {
  const line = text.trim().replace(/\s+/g, " ");
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
};

/** @param {Cell} cell @param {Cell["cell_type"]} type */
function setCellType(cell, type) {
  cell.cell_type = type;
  if (type === "code") {
    cell.outputs = [];
    cell.execution_count = null;
  } else {
    delete cell.outputs;
    delete cell.execution_count;
  }
}

/** @type {RestoreStep[]} */
export const restoreSteps = [restoreKernel, clearSubmittedOutputs, reclaimWrittenAnswers, dropUnknownIds, deduplicateIds, restoreKnownCells, pointToMovedAnswers, restoreDeletedCells];

/**
 * @param {Notebook} submission changed in place
 * @param {Versions} versions
 * @returns {Note[]}
 */
export function restoreSubmission(submission, versions) {
  /** @type {Note[]} */
  const notes = [];
  for (const step of restoreSteps) step(submission, versions, notes);
  return notes;
}
