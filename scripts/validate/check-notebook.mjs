// Checks a student's notebook before hand-in, as nbgrader's `validate` does: runs it on the
// course's kernel and tells which of its test cells pass and which fail, with their
// messages. Only the tests in the student's own copy run (the released notebooks hold no
// hidden tests), so nothing of the hidden tests is shown.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gradeCell } from "../../autograder/src/grade/grade-cells.mjs";
import { markRejectedCells, rejectForbiddenCells, rejectionMessage } from "../../autograder/src/grade/inspect-cells.mjs";
import { MAX_NOTEBOOK_FILE_BYTES, megabytesOf, MAX_SUBMITTED_CELLS, MAX_SUBMITTED_DEPTH, MAX_SUBMITTED_ENTRIES, parseNotebook, submittedNotebookText } from "../../autograder/src/notebook/format.mjs";
import { workBytes, workSizeReason } from "../../autograder/src/notebook/work-size.mjs";
import { computeChecksum, gradeId, isGrade, isLocked, isSolution, isTask, isTracked, maxPoints, nbgraderMeta } from "../../autograder/src/notebook/nbgrader-cells.mjs";
import { DEFAULT_LIMITS, heapMbFor } from "../../autograder/src/execute/execute-notebook.mjs";
import { deduplicateIds, dropUnknownIds, pointToMovedAnswers, reclaimWrittenAnswers, takeCourseMetadata } from "../../autograder/src/grade/restore.mjs";
import { attestTestCells, cellAttestation, newAttestation, restoreAttestedSources } from "../../autograder/src/grade/attestation.mjs";
import { runHeadless } from "../lib/notebook.mjs";
import { fromRoot } from "../lib/paths.mjs";

// As autograder/nbgrader_config.py: training cells can take minutes on two cores.
const CELL_TIMEOUT_SECONDS = 600;

/**
 * Runs the notebook in its own folder as the grader would: cells the grader's inspection
 * rejects are replaced first (a rejected answer by its stub), so what passes here passes
 * there. `released` is the course's released version of this notebook, when known; without
 * it the notebook's own cells stand in for the course's, and only answer cells are inspected.
 * `memoryMb`: grading's memory limit, by default, and the heap limit grading gives a kernel for it; `notebookTimeout`
 * (s): grading's limit for the cells together, by default (past it, grading stops the notebook, and so does this). `onCell`, when given, is told as each code cell
 * starts and ends: { kind: "start" | "end", number (from 1), firstLine, limit (its time limit, in s), status (at the end) }.
 * Resolves to { cells, rejections, notes (what was done to the copy as grading does it: ids dropped or deduplicated), seconds, encoding, kernel, elsewhere, ownPackages } (see checkCells; encoding: what to change
 * in how the file is saved, or null; kernel: what to change in a chapter saved with another kernel, or null; elsewhere: whether
 * it ran beside the course's packages, neural-mi not found from its folder; ownPackages: then, the folder's node_modules of
 * the student's own, when it has one).
 */
/** The code of checkNotebook's error for a notebook that holds none of the course's exercises (a student's own scratch notebook). */
export const NOT_COURSE = "ENOTCOURSE";

export async function checkNotebook(file, { timeout = CELL_TIMEOUT_SECONDS, notebookTimeout = DEFAULT_LIMITS.notebookTimeout, released, memoryMb = DEFAULT_LIMITS.memoryMb, onCell } = {}) {
  let notebook;
  let { text, note: encoding } = submittedNotebookText(readNotebookFile(file));
  // JupyterLab saves a notebook over itself, its previous version copied aside (".~<name>") until the save is done: read
  // while JupyterLab saved it (its autosave, every two minutes, while validate ran the chapters before), the notebook was
  // cut short, and validate failed it with only the parser's message; read again once the save is done
  const before = path.join(path.dirname(file), `.~${path.basename(file)}`);
  for (let wait = 0; wait < 10 && fs.existsSync(before) && !parsesAsNotebook(text); wait += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    ({ text, note: encoding } = submittedNotebookText(readNotebookFile(file)));
  }
  try {
    // as the graders read a hand-in (src/grade/grade-notebook.mjs, src/nbgrader/refused_notebooks.py): a notebook past their
    // bounds was checked here in full and passed, and graded as not readable
    notebook = parseNotebook(text, { maxDepth: MAX_SUBMITTED_DEPTH, maxEntries: MAX_SUBMITTED_ENTRIES });
  } catch (error) {
    // after a JupyterLab stopped while it saved, the notebook stays cut short
    const saving = fs.existsSync(before)
      ? `; JupyterLab was saving it, or was stopped while it saved it: its copy from before that save is ${before} (hidden). ` +
        "Validate again once JupyterLab has saved it; if it is still cut short, open it in JupyterLab, which puts that copy back"
      : "";
    throw new Error(`${file}: ${error.message}${saving}${parsesAsNotebook(text) ? `; ${REFUSED}` : ""}`);
  }
  if (notebook.cells.length > MAX_SUBMITTED_CELLS) {
    throw new Error(`${file} has ${notebook.cells.length} cells, more than the ${MAX_SUBMITTED_CELLS} a notebook may have; ${REFUSED}: delete the cells of your own you do not need`);
  }
  const tooMuch = workSizeReason(workBytes(text), DEFAULT_LIMITS.notebookOutputMb);
  if (tooMuch) throw new Error(`${file}: ${tooMuch}; ${REFUSED}`);
  const kernelspec = notebook.metadata?.kernelspec;
  const language = kernelspec?.language ?? notebook.metadata?.language_info?.name;
  const otherKernel = typeof language === "string" && !/typescript/i.test(language);
  // a chapter of the course saved with another kernel (Python 3 picked in JupyterLab's dialog): grading
  // runs it on the course's kernel, and so does this check (it was refused as "not one of the course's")
  const kernel = otherKernel && released
    ? `saved with the ${kernelspec?.display_name ?? kernelspec?.name ?? language} kernel, and checked, as it is graded, on the course's TypeScript kernel: ` +
      "in JupyterLab choose Kernel > Change Kernel… > TypeScript and save, so that what you run there is what is graded"
    : null;
  if (otherKernel && !released) {
    const error = new Error(
      `${file} is a ${language} notebook (its kernel: ${kernelspec?.display_name ?? kernelspec?.name ?? "not named"}), not one of the course's: ` +
        "the chapters are TypeScript, run on the tslab kernel; validate the chapters of your workspace",
    );
    throw Object.assign(error, { code: NOT_COURSE, why: `a ${language} notebook` });
  }
  if (!notebook.cells.some((cell) => isGrade(cell) && gradeId(cell))) {
    if (released) {
      // a chapter of the course whose cells lost their ids (an editor or a script that rewrote the file)
      const name = path.basename(file);
      throw new Error(
        `${file} has lost the course's grading metadata (each cell's nbgrader id, which an editor or script that rewrote the file dropped), ` +
          `so no grader can find your answers in it: rename it (e.g. to ${name.replace(/\.ipynb$/, "")}.mine.ipynb), run \`npm start\`, which puts ` +
          `${name} back as the course gives it, and copy your answers into its cells`,
      );
    }
    const error = new Error(`${file} has no graded cells (nbgrader metadata): it is not one of the course's chapters; validate the chapters of your workspace`);
    throw Object.assign(error, { code: NOT_COURSE, why: "no graded cells" });
  }
  // as grading's restore: a cell claiming an id the course has not is an ordinary cell, and of several claiming one id the last
  // counts, the others running as ordinary cells, their own code (here a copy of a test's id before the answer's tests ran the
  // course's test in its place, and passed, where grading ran the copy's code, which redefined the answer)
  const notes = [];
  // and a written answer carrying a test's grade id, or whose grading metadata was removed, is that answer when grading can tell
  // which (named, with the fix; here the course's test ran in its place, and nothing was said of the written answer)
  const asReleased = released && { reference: released, student: released };
  if (asReleased) reclaimWrittenAnswers(notebook, asReleased, notes);
  if (asReleased) dropUnknownIds(notebook, asReleased, notes);
  deduplicateIds(notebook, { reference: released ?? notebook, student: released ?? notebook }, notes);
  // the course's points and grading metadata (ground truth, tolerance, points per check), as grading's restore puts them back:
  // a copy whose test claimed a tolerance of 10, or no checks, passed here what grading failed
  const regraded = courseGradingMetadata(notebook, released);
  // a written answer left as released beside markdown cells of her own (the answer written in a new cell): named, as grading notes it
  if (asReleased) pointToMovedAnswers(notebook, asReleased, notes);
  const reference = released ?? notebook;
  // without the released stubs, a rejected answer runs as an empty cell
  const student = released ?? { ...notebook, cells: notebook.cells.map((cell) => (isSolution(cell) ? { ...cell, source: "" } : cell)) };
  const submitted = parseNotebook(JSON.stringify(notebook));
  const turnedTests = testsAsCode(notebook, submitted, released);
  // with the released chapter, what ran is the course's test, as in grading
  const changedTests = new Set([...(released ? turnedTests : []), ...restoreCourseTests(submitted, released)]);
  const rejections = rejectForbiddenCells(submitted, { reference, student });
  // the test cells in strict mode, each result with its cell's token, as grading runs them: without, the last result-like
  // output of a test cell counted here (one a microtask of the answer's printed after the test's own), where grading
  // takes the first carrying the token
  const attestation = newAttestation();
  const attested = attestTestCells(submitted, attestation);
  const started = Date.now();
  // grading's memory limit: a notebook that grading would stop is stopped here, naming its cell
  const folder = path.dirname(path.resolve(file));
  // a notebook where neural-mi is not found (outside the checkout and every workspace) runs in a
  // folder of its own beside the course's packages, as a workspace outside the checkout does
  const packages = findsPackages(folder) ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-validate-"));
  if (packages) fs.symlinkSync(fromRoot("node_modules"), path.join(packages, "node_modules"), process.platform === "win32" ? "junction" : "dir");
  let run;
  try {
    run = await runHeadless(submitted, { cwd: packages ?? folder, allowErrors: true, timeout, notebookTimeout, kernel: "tslab", memoryMb, heapMb: heapMbFor(memoryMb), replies: true,
      onCell: onCell && (({ kind, index, limit, status }) => onCell({ kind, number: index + 1, firstLine: firstLineOf(submitted.cells[index] ?? {}), limit, status })),
    });
  } finally {
    if (packages) fs.rmSync(packages, { recursive: true, force: true });
  }
  if (run.status === 2) throw new Error(`${file}: ${stoppedAt(run)}`);
  const executed = parseNotebook(JSON.stringify(run.notebook));
  const verdicts = checkCells(notebook, executed, changedTests, run.cells, attestation);
  restoreAttestedSources(executed, attested);
  markRejectedCells(executed, rejections);
  return {
    cells: [...verdicts.map((cell) => (regraded.has(cell.id) ? { ...cell, metadataRestored: true } : cell)), ...missingTests(notebook, released)],
    rejections,
    notes,
    timeouts: timedOutCells(executed, timeout),
    seconds: (Date.now() - started) / 1000,
    encoding,
    kernel,
    elsewhere: packages !== undefined,
    ownPackages: packages && ownPackagesFolder(folder),
  };
}

// what grading does with a notebook past its bounds (grade-submission.mjs, grade-notebook.mjs; refused_notebooks.py)
const REFUSED = "grading refuses such a notebook (npm run autograde grades it as not readable, nbgrader as the course released it: no answer counts)";

const parsesAsNotebook = (text) => {
  try {
    parseNotebook(text);
    return true;
  } catch {
    return false;
  }
};

/** The bytes of the notebook `file`; what stops reading them is named with the file and its fix (node said "EISDIR: illegal operation on a directory, read", naming neither). */
function readNotebookFile(file) {
  try {
    // a device or a pipe of a notebook's name (a link to /dev/zero, a FIFO): read to an end that never came, validate
    // hung there, its memory growing, and checked none of the notebooks after it
    const stat = fs.statSync(file);
    // not read: grading refuses it unread, and a file of several hundred MB cannot be one string
    if (stat.isFile() && stat.size > MAX_NOTEBOOK_FILE_BYTES) {
      throw Object.assign(
        new Error(
          `${file} has ${megabytesOf(stat.size)} MB, more than the ${megabytesOf(MAX_NOTEBOOK_FILE_BYTES)} MB a notebook file may have; ${REFUSED}: ` +
            "clear its outputs (in JupyterLab, Edit > Clear Outputs of All Cells) and save it",
        ),
        { code: "ENOTFILE" },
      );
    }
    if (!stat.isFile() && !stat.isDirectory()) {
      const what = fs.lstatSync(file).isSymbolicLink() ? `a symbolic link to ${fs.readlinkSync(file)}, which is not a file` : "not a file (a device or a pipe)";
      throw Object.assign(new Error(`${file} is ${what}: delete it; npm start puts a chapter missing from the workspace back`), { code: "ENOTFILE" });
    }
    return fs.readFileSync(file);
  } catch (error) {
    if (error.code === "ENOTFILE") throw error;
    const putBack = "npm start puts a chapter missing from the workspace back";
    if (error.code === "EISDIR") throw new Error(`${file} is a folder, not a notebook: rename it (or move it out of the workspace); ${putBack}`);
    if (error.code === "ENOENT" && fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new Error(`${file} is a symbolic link to ${fs.readlinkSync(file)}, which does not exist: delete the link; ${putBack}`);
    }
    throw new Error(`${file} cannot be read (${error.message}): make it a notebook of your own you can read, or delete it; ${putBack}`);
  }
}

/** Whether a notebook in `folder` finds the course's packages (node_modules/neural-mi in it or a folder above). */
function findsPackages(folder) {
  // from where the folder really is, as the kernel's working folder is
  for (let at = fs.realpathSync(folder); ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, "node_modules", "neural-mi"))) return true;
    if (path.dirname(at) === at) return false;
  }
}

/** `folder`'s node_modules when it is a folder of the student's own packages (not the course's link to its packages), or undefined. */
function ownPackagesFolder(folder) {
  const modules = path.join(folder, "node_modules");
  return fs.lstatSync(modules, { throwIfNoEntry: false })?.isDirectory() ? modules : undefined;
}

/**
 * A test cell of the course that the student turned into markdown runs as code, as grading gives it
 * back its type (in `submitted`, and in `notebook`, whose cells checkCells grades as tests), with the
 * released text when known. Returns the grade ids of the cells turned back.
 */
function testsAsCode(notebook, submitted, released) {
  const courseTests = new Set((released?.cells ?? []).filter((cell) => cell.cell_type === "code" && isGrade(cell) && !isSolution(cell)).map(gradeId));
  const turned = new Set();
  notebook.cells.forEach((cell, index) => {
    const id = gradeId(cell);
    if (cell.cell_type === "code" || !isGrade(cell) || isSolution(cell) || isTask(cell) || !id) return;
    // a graded cell that is no answer is a test (nbgrader allows no other); the course's, when known
    if (released && !courseTests.has(id)) return;
    for (const copy of [cell, submitted.cells[index]]) {
      Object.assign(copy, { cell_type: "code", outputs: [], execution_count: null });
      delete copy.attachments;
    }
    turned.add(id);
  });
  return turned;
}

/**
 * Puts the course's own text back into each test cell of `submitted` that the student changed,
 * as grading does, so that the verdict is the course's test's (a test with its checks deleted
 * passed here and failed in grading). Returns the grade ids of the cells restored.
 */
function restoreCourseTests(submitted, released) {
  if (!released) return new Set();
  const courseTests = new Map(released.cells.filter((cell) => cell.cell_type === "code" && isGrade(cell) && !isSolution(cell) && gradeId(cell)).map((cell) => [gradeId(cell), cell.source]));
  const restored = new Set();
  for (const cell of submitted.cells) {
    const id = gradeId(cell);
    if (cell.cell_type !== "code" || !courseTests.has(id) || cell.source === courseTests.get(id)) continue;
    cell.source = courseTests.get(id);
    restored.add(id);
  }
  return restored;
}

/**
 * Gives each cell of `notebook` claiming a grade id of the released chapter that chapter's `nbgrader` metadata (flags,
 * points, checksum) and `neural_mi` metadata, as grading's restoreKnownCells does with the course's, so that the verdict
 * is weighed as grading weighs it. Returns the grade ids of the graded cells whose metadata was changed.
 */
function courseGradingMetadata(notebook, released) {
  if (!released) return new Set();
  const course = new Map(released.cells.filter((cell) => isTracked(cell) && gradeId(cell)).map((cell) => [gradeId(cell), cell]));
  const changed = new Set();
  for (const cell of notebook.cells) {
    const original = course.get(gradeId(cell));
    if (!original || !cell.metadata) continue;
    const weighed = (meta, nbgrader) => JSON.stringify([nbgrader?.points, nbgrader?.grade, nbgrader?.solution, nbgrader?.task, meta.neural_mi]);
    if (isGrade(original) && weighed(cell.metadata, nbgraderMeta(cell)) !== weighed(original.metadata, nbgraderMeta(original))) changed.add(gradeId(cell));
    takeCourseMetadata(cell, original);
  }
  return changed;
}

/**
 * The released notebook's test cells that the student's copy no longer holds (deleted, or the
 * cell's grading metadata removed): grading puts them back and runs them, so here each fails,
 * saying so. A chapter saved under another chapter's name holds none of that chapter's tests.
 */
function missingTests(notebook, released) {
  if (!released) return [];
  const present = new Set(notebook.cells.filter((cell) => isGrade(cell) && gradeId(cell)).map((cell) => gradeId(cell)));
  const anyPresent = new Set(notebook.cells.map((cell) => gradeId(cell)).filter(Boolean));
  // an answer cell deleted: the tests that use its names fail with "Cannot find name", which says
  // nothing of why
  const answers = released.cells
    .filter((cell) => isSolution(cell) && gradeId(cell) && !anyPresent.has(gradeId(cell)))
    .map((cell) => ({ id: gradeId(cell), kind: cell.cell_type === "markdown" ? "written" : "answer", status: "missing", points: 0, maxPoints: maxPoints(cell), changed: false }));
  return [...answers, ...released.cells
    .filter((cell) => cell.cell_type === "code" && isGrade(cell) && !isSolution(cell) && gradeId(cell) && !present.has(gradeId(cell)))
    .map((cell) => ({
      id: gradeId(cell),
      kind: "test",
      status: "failed",
      points: 0,
      maxPoints: maxPoints(cell),
      error: "this test cell is not in your copy (deleted, or its grading metadata removed); grading puts the course's test back and runs it: restore it (copy the cell from the course's notebook)",
      changed: false,
    }))];
}

// what the runner records in the cell where it stopped the kernel (run_notebook.py's stop_ename)
const STOPS = {
  MemoryLimitError: "used more memory than grading allows",
  KernelDiedError: "ended the kernel",
  CellTimeoutError: "ran past its time limit and did not stop when interrupted",
};

// the runner's message for a notebook stopped at its limit (autograder/src/execute/run_notebook.py)
const NOTEBOOK_TIME = /^the notebook ran past its \d+ s limit/;

/** Why a run ended before the notebook's end, with the cell that ended it when it is known. */
function stoppedAt(run) {
  const cells = run.notebook?.cells ?? [];
  const index = cells.findIndex((cell) => (cell.outputs ?? []).some((output) => output.output_type === "error" && output.ename in STOPS));
  if (index === -1) return `the kernel died or the run was stopped before the end:\n${run.stderr.trim()}`;
  const stop = cells[index].outputs.find((output) => output.output_type === "error" && output.ename in STOPS);
  // the whole notebook's limit, not the cell's: the cell was interrupted at it
  const what = NOTEBOOK_TIME.test(stop.evalue) ? "was running when the notebook reached grading's time limit for all its cells together" : STOPS[stop.ename];
  return (
    `cell ${index + 1} of the notebook (${JSON.stringify(firstLineOf(cells[index]))}) ${what} (${stop.evalue}); ` +
    "the cells after it did not run, and grading stops this notebook there too: fix that cell, then validate again"
  );
}

const firstLineOf = (cell) =>
  (Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "")).split("\n").find((line) => line.trim() !== "")?.trim().slice(0, 60) ?? "";

/** The cells interrupted at the time limit (the others ran after them): numbered from 1, with their first line. */
function timedOutCells(executed, timeout) {
  return executed.cells.flatMap((cell, index) =>
    (cell.outputs ?? []).some((output) => output.output_type === "error" && output.ename === "CellTimeoutError")
      ? [{ number: index + 1, firstLine: firstLineOf(cell), timeout }]
      : [],
  );
}

/**
 * The verdict on each graded cell of `before` (the student's notebook) from its executed
 * version: [{ id, kind: "test" | "written" | "answer", status, points, maxPoints, error?, changed }].
 * `changed` marks a test cell whose text differs from the released one (grading runs the original,
 * and so did the run, where `restored` names it). `runCells`, runHeadless's `cells`, gives each
 * cell's reply status. `attestation`, the run's secret when the test cells ran with tokens (attestTestCells): only a result
 * carrying its cell's token counts, the first, as in grading.
 */
export function checkCells(before, executed, restored = new Set(), runCells = undefined, attestation = undefined) {
  return executed.cells.flatMap((cell, index) => {
    const original = before.cells[index];
    if (!isGrade(original) || !gradeId(original)) return [];
    // the kernel's reply, when known: a test cell it did not run ("aborted") fails, as in grading
    const reply = runCells?.[String(index)]?.reply;
    const verdict = gradeCell(cell, original, reply === undefined ? undefined : { reply }, attestation === undefined ? undefined : cellAttestation(attestation, index));
    const recorded = nbgraderMeta(original)?.checksum;
    const ranCourseVersion = restored.has(gradeId(original));
    const changed = ranCourseVersion || (isLocked(original) && !isSolution(original) && recorded !== undefined && recorded !== computeChecksum(original));
    return [{ ...verdict, maxPoints: maxPoints(original), changed, ranCourseVersion }];
  });
}

/** The lines a student reads for one notebook. */
export function describeCheck(file, { cells, rejections = [], notes = [], timeouts = [], seconds }) {
  const tests = cells.filter((c) => c.kind === "test");
  const passed = tests.filter((c) => c.status === "passed");
  const lines = [`${printable(file)} (ran in ${seconds.toFixed(0)} s)`];
  for (const rejection of rejections) lines.push(`  REJECTED  ${printable(rejectionMessage(rejection))} (grading does the same)`);
  for (const note of notes) lines.push(`  NOTE  ${printable(note.message)} (grading does the same)`);
  for (const { number, firstLine, timeout } of timeouts) {
    lines.push(`  TIME  cell ${number} of the notebook (${JSON.stringify(firstLine)}) ran longer than ${timeout} s and was interrupted: look for a loop that never ends or a promise never settled, and run the chapter in JupyterLab (npm start) to watch that cell`);
  }
  for (const cell of cells) {
    const points = `${cell.maxPoints} point${cell.maxPoints === 1 ? "" : "s"}`;
    if (cell.kind === "test") {
      const mark = cell.status === "passed" ? "pass" : cell.status === "partial" ? "part" : "FAIL";
      // a test that gives points per check says which passed
      const checks = cell.checks?.map((check) => `${check.name} ${check.passed ? "passed" : "failed"} (${check.passed ? check.points : 0} of ${check.points})`).join(", ");
      const detail = printable([checks, cell.error?.split("\n").join("\n        ")].filter(Boolean).join("; "));
      lines.push(`  ${mark}  test ${printable(String(cell.id))} (${points})${detail ? `: ${detail}` : ""}`);
      if (cell.ranCourseVersion) lines.push(`        this test cell was changed: the course's own version of it ran here, as grading runs it`);
      else if (cell.changed) lines.push(`        this test cell was changed; grading runs the course's own version of it`);
      if (cell.metadataRestored) lines.push(`        this test cell's points or grading metadata were changed: the course's were applied here, as grading applies them`);
    } else {
      const state =
        cell.status === "missing"
          ? "not in your copy (deleted, or its grading metadata removed): graded as not answered, and tests that use it fail; copy the cell from the course's notebook"
          : cell.status === "no-answer"
            ? "not answered yet"
            : "answered, graded by hand";
      lines.push(`  ....  ${cell.kind === "written" ? "written answer" : "answer"} ${printable(String(cell.id))} (${points}): ${state}`);
    }
  }
  lines.push(
    tests.length === 0
      ? "  no test cells in this notebook"
      : `  ${passed.length} of ${tests.length} visible tests pass${passed.length === tests.length ? "" : ": read the messages above, fix the answer, then validate again"}.`,
  );
  if (notes.some(misplacedWrittenAnswer)) lines.push("  FAIL  a written answer's cell was changed (NOTE above): restore it as the note says, then validate again.");
  lines.push("  Grading also runs hidden tests, which may check more than these.");
  return lines;
}

// A terminal's escape sequences (ESC [ … with any parameters, ESC ] … titles and links, two-character ones) and the
// other control characters but the line feed and tab
// eslint-disable-next-line no-control-regex
const CONTROLS = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * `text` (a test's message, a grade id: the student's code and notebook write them) as it may be printed on
 * a terminal: escape sequences taken out and other control characters shown by their code (`\r` as
 * `\u000d`). A message holding "\r" and a line of its own, or the sequences that move the cursor up and
 * clear a line, printed "  pass  test …" over the test's FAIL line, or hid it.
 */
export function printable(text) {
  return text.replace(CONTROLS, (match) => (match.startsWith("\x1b") && match.length > 1 ? "" : `\\u${match.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/** A note of a written answer carrying a test's grade id or without its grading metadata (reclaimWrittenAnswers): to be fixed, as nbgrader's Validate fails it. */
const misplacedWrittenAnswer = (note) => note.kind === "written-answer-id";

/** Whether every visible test passed, and no written answer's cell needs restoring. */
export const allPassed = ({ cells, rejections = [], notes = [] }) =>
  rejections.length === 0 && !notes.some(misplacedWrittenAnswer) && cells.every((c) => c.kind !== "test" || c.status === "passed");
