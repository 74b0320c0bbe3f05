// @ts-check
// The executed notebook a student may be shown as feedback (students/<name>/<notebook>.ipynb)
// holds the course's test cells again, hidden tests included: each hidden-test region becomes
// one line saying it is hidden, and an error's traceback loses the lines that quote its code
// (a TypeScript diagnostic quotes the line it is about). The error's name and message stay:
// they say in words what failed. nbgrader's feedback does the same (nbgrader_feedback.py).
import { isGrade, isSolution } from "../notebook/nbgrader-cells.mjs";

const BEGIN = "BEGIN HIDDEN TESTS";
const END = "END HIDDEN TESTS";
export const HIDDEN_NOTICE = "// (hidden tests, run when the notebook was graded: not shown)";
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
// Lines this short ("}", "return x;") quote nothing worth hiding and occur everywhere.
const MIN_QUOTED = 12;

/**
 * The source with each hidden-test region replaced by one notice line (indented as its BEGIN
 * line; a region left open runs to the end), and the region's lines long enough to be quoted.
 * @param {string} source
 */
function withoutHiddenRegions(source) {
  /** @type {string[]} */
  const kept = [];
  /** @type {string[]} */
  const quoted = [];
  let inside = false;
  for (const line of source.split("\n")) {
    if (line.includes(BEGIN)) {
      if (!inside) kept.push((/^\s*/.exec(line)?.[0] ?? "") + HIDDEN_NOTICE);
      inside = true;
    } else if (line.includes(END)) {
      inside = false;
    } else if (inside) {
      if (line.trim().length >= MIN_QUOTED) quoted.push(line.trim());
    } else {
      kept.push(line);
    }
  }
  return { source: kept.join("\n"), quoted };
}

/** @param {import("../notebook/format.mjs").Notebook} executed changed in place */
export function hideHiddenTests(executed) {
  for (const cell of executed.cells) {
    if (cell.cell_type !== "code" || !isGrade(cell) || isSolution(cell) || !cell.source.includes(BEGIN)) continue;
    const { source, quoted } = withoutHiddenRegions(cell.source);
    cell.source = source;
    for (const output of cell.outputs ?? []) {
      if (output.output_type !== "error" || !Array.isArray(output.traceback)) continue;
      output.traceback = output.traceback.filter((/** @type {unknown} */ line) => !quoted.some((hidden) => String(line).replace(ANSI, "").includes(hidden)));
    }
  }
}
