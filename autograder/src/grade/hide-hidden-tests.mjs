// @ts-check
// The executed notebook a student may be shown as feedback (students/<name>/<notebook>.ipynb)
// holds the course's test cells again, hidden tests included: each hidden-test region becomes
// one line saying it is hidden, and an error's traceback loses the lines that quote its code
// (a TypeScript diagnostic quotes the line it is about). The error's name and message stay:
// they say in words what failed. A TypeScript diagnostic about a hidden line is the exception:
// its message is the compiler's, not the test's, and a submission chooses the types it compares
// against (an answer taking a parameter of type `7` made a hidden call's diagnostic read
// "Argument of type '20000' is not assignable to parameter of type '7'"), so it is replaced.
// nbgrader's feedback does the same (nbgrader_feedback.py).
import { createRequire } from "node:module";
import { isGrade, isSolution } from "../notebook/nbgrader-cells.mjs";

// The same hiding as the kernel's own, before an error leaves it (lib/kernel/hidden-errors.cjs).
const { BEGIN, END, HIDDEN_DIAGNOSTIC: hiddenDiagnostic, withoutHiddenCode } = createRequire(import.meta.url)("../../../lib/kernel/hidden-errors.cjs");

export const HIDDEN_NOTICE = "// (hidden tests, run when the notebook was graded: not shown)";
/** @type {string} */
export const HIDDEN_DIAGNOSTIC = hiddenDiagnostic;

export const MARK_SCHEME_NOTICE = "(the mark scheme, for the graders: not shown)";
const MARK_SCHEME_BEGIN = "BEGIN MARK SCHEME";
const MARK_SCHEME_END = "END MARK SCHEME";

/**
 * The source with each region, from a line holding `begin` to one holding `end`, replaced by the line
 * `notice(beginLine)`; a region left open runs to the end, and an `end` outside a region stays, as
 * nbgrader's feedback cuts them (nbgrader_feedback.py's cut_regions), so both graders show a
 * malformed cell alike.
 * @param {string} source @param {string} begin @param {string} end @param {(line: string) => string} notice
 */
function withoutRegions(source, begin, end, notice) {
  /** @type {string[]} */
  const kept = [];
  let inside = false;
  for (const line of source.split("\n")) {
    if (line.includes(begin)) {
      inside = true;
      kept.push(notice(line));
    } else if (inside && line.includes(end)) {
      inside = false;
    } else if (!inside) {
      kept.push(line);
    }
  }
  return kept.join("\n");
}

/** @param {string} source */
const withoutHiddenRegions = (source) => withoutRegions(source, BEGIN, END, (line) => (/^\s*/.exec(line)?.[0] ?? "") + HIDDEN_NOTICE);
/** @param {string} source */
const withoutMarkSchemes = (source) => withoutRegions(source, MARK_SCHEME_BEGIN, MARK_SCHEME_END, () => MARK_SCHEME_NOTICE);

/**
 * Also leaves out a task cell's mark scheme, which the restore puts back with the locked cell as the
 * course wrote it: an instructor's own assignment with mark schemes showed each in the feedback.
 * @param {import("../notebook/format.mjs").Notebook} executed changed in place
 */
export function hideHiddenTests(executed) {
  for (const cell of executed.cells) {
    if (typeof cell.source === "string" && cell.source.includes(MARK_SCHEME_BEGIN)) cell.source = withoutMarkSchemes(cell.source);
  }
  for (const cell of executed.cells) {
    if (cell.cell_type !== "code" || !isGrade(cell) || isSolution(cell) || !cell.source.includes(BEGIN)) continue;
    for (const output of cell.outputs ?? []) {
      if (output.output_type !== "error") continue;
      const { evalue, traceback } = withoutHiddenCode(cell.source, output);
      output.evalue = evalue;
      if (Array.isArray(output.traceback)) output.traceback = traceback;
    }
    cell.source = withoutHiddenRegions(cell.source);
  }
}
