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
import { isGrade, isSolution } from "../notebook/nbgrader-cells.mjs";

const BEGIN = "BEGIN HIDDEN TESTS";
const END = "END HIDDEN TESTS";
export const HIDDEN_NOTICE = "// (hidden tests, run when the notebook was graded: not shown)";
export const HIDDEN_DIAGNOSTIC =
  "the hidden tests do not compile with this notebook's code (not shown): check that each answer's types are as the exercise gives them";
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
// Lines this short ("}", "return x;") quote nothing worth hiding and occur everywhere.
const MIN_QUOTED = 12;
// tslab's line of a diagnostic: "<line>:<column> - <message>", after a file name when the
// diagnostic is about another file; its chained messages and the quoted line follow, indented.
const DIAGNOSTIC = /^(\S+ )?(\d+):(\d+) - /;

/**
 * The source with each hidden-test region replaced by one notice line (indented as its BEGIN
 * line; a region left open runs to the end), the region's lines long enough to be quoted, and
 * the region's line numbers (1-based, as diagnostics count them).
 * @param {string} source
 */
function withoutHiddenRegions(source) {
  /** @type {string[]} */
  const kept = [];
  /** @type {string[]} */
  const quoted = [];
  /** @type {Set<number>} */
  const hiddenLines = new Set();
  let inside = false;
  source.split("\n").forEach((line, index) => {
    if (line.includes(BEGIN)) {
      if (!inside) kept.push((/^\s*/.exec(line)?.[0] ?? "") + HIDDEN_NOTICE);
      inside = true;
    } else if (line.includes(END)) {
      inside = false;
    } else if (inside) {
      hiddenLines.add(index + 1);
      if (line.trim().length >= MIN_QUOTED) quoted.push(line.trim());
    } else {
      kept.push(line);
    }
  });
  return { source: kept.join("\n"), quoted, hiddenLines };
}

/**
 * Lines of a TypeScript error (its evalue's or its traceback's) with each diagnostic about a
 * hidden line reduced to its position and HIDDEN_DIAGNOSTIC, and the lines under it (chained
 * messages, the quoted line) dropped. Only a cell's own diagnostics (no file name) are hidden.
 * @param {string[]} lines @param {Set<number>} hiddenLines
 */
function withoutHiddenDiagnostics(lines, hiddenLines) {
  /** @type {string[]} */
  const kept = [];
  let hiding = false;
  for (const line of lines) {
    const plain = line.replace(ANSI, "");
    const diagnostic = DIAGNOSTIC.exec(plain);
    if (diagnostic) {
      hiding = !diagnostic[1] && hiddenLines.has(Number(diagnostic[2]));
      kept.push(hiding ? `${diagnostic[2]}:${diagnostic[3]} - ${HIDDEN_DIAGNOSTIC}` : line);
    } else if (!hiding) {
      kept.push(line);
    }
  }
  return kept;
}

/** @param {import("../notebook/format.mjs").Notebook} executed changed in place */
export function hideHiddenTests(executed) {
  for (const cell of executed.cells) {
    if (cell.cell_type !== "code" || !isGrade(cell) || isSolution(cell) || !cell.source.includes(BEGIN)) continue;
    const { source, quoted, hiddenLines } = withoutHiddenRegions(cell.source);
    cell.source = source;
    for (const output of cell.outputs ?? []) {
      if (output.output_type !== "error") continue;
      if (output.ename === "TypeScriptError") {
        if (typeof output.evalue === "string") output.evalue = withoutHiddenDiagnostics(output.evalue.split("\n"), hiddenLines).join("\n");
        if (Array.isArray(output.traceback)) output.traceback = withoutHiddenDiagnostics(output.traceback.map(String), hiddenLines);
      }
      if (!Array.isArray(output.traceback)) continue;
      output.traceback = output.traceback.filter((/** @type {unknown} */ line) => !quoted.some((hidden) => String(line).replace(ANSI, "").includes(hidden)));
    }
  }
}
