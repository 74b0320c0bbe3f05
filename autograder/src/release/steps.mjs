// @ts-check
// The steps of a release, one job each, in the spirit of nbgrader's
// preprocessors. Each takes a notebook and changes it in place.
import { computeChecksum, gradeId, isGrade, isLocked, isSolution, isTask, nbgraderMeta } from "../notebook/nbgrader-cells.mjs";
import { RegionError, replaceRegions } from "./regions.mjs";
import { checkNbgraderMetadata } from "./check-metadata.mjs";

/**
 * @typedef {import("../notebook/format.mjs").Notebook} Notebook
 * @typedef {import("../notebook/format.mjs").Cell} Cell
 * @typedef {{ language: string, code: string, text: string }} Stubs
 * @typedef {(notebook: Notebook) => void} Step
 */

/** @param {Cell} cell @param {number} index */
function describe(cell, index) {
  const id = gradeId(cell);
  return id ? `cell "${id}" (cell ${index + 1})` : `cell ${index + 1}`;
}

/** Makes graded, solution and read-only cells undeletable (LockCells). @type {Step} */
export function lockCells(notebook) {
  for (const cell of notebook.cells) {
    if (isSolution(cell)) {
      cell.metadata.deletable = false;
    } else if (isGrade(cell) || isLocked(cell)) {
      cell.metadata.deletable = false;
      cell.metadata.editable = false;
    }
  }
}

/**
 * Replaces solution regions (or whole solution cells) by the stubs (ClearSolutions).
 * @param {Stubs} stubs
 * @returns {Step}
 */
export function clearSolutions(stubs) {
  return (notebook) => {
    const language = notebook.metadata.kernelspec?.language ?? "python";
    if (language !== stubs.language) {
      throw new Error(
        `the notebook's kernel language is "${language}" but the code stub is for "${stubs.language}": ` +
          `set metadata.kernelspec.language to "${stubs.language}" (the tslab kernel)`,
      );
    }
    notebook.cells.forEach((cell, index) => {
      const replacement = (cell.cell_type === "code" ? stubs.code : stubs.text).split("\n");
      const { source, found } = withRegionContext(cell, index, () =>
        replaceRegions(cell.source, { begin: "BEGIN SOLUTION", end: "END SOLUTION", replacement, what: "solution" }),
      );
      if (found && !isSolution(cell)) {
        throw new Error(`${describe(cell, index)} has a solution region but is not a solution cell: mark it as one in nbgrader's metadata`);
      }
      cell.source = source;
      if (isSolution(cell) && !found) cell.source = cell.cell_type === "code" ? stubs.code : stubs.text;
    });
    delete notebook.metadata.celltoolbar;
  };
}

/** Removes hidden test regions from test cells (ClearHiddenTests). @type {Step} */
export function clearHiddenTests(notebook) {
  notebook.cells.forEach((cell, index) => {
    const { source, found } = withRegionContext(cell, index, () =>
      replaceRegions(cell.source, { begin: "BEGIN HIDDEN TESTS", end: "END HIDDEN TESTS", replacement: null, what: "hidden tests" }),
    );
    if (found && !isGrade(cell)) {
      throw new Error(`${describe(cell, index)} has a hidden tests region but is not a grade cell: mark it as an autograder test`);
    }
    cell.source = source;
  });
  delete notebook.metadata.celltoolbar;
}

/** Removes marking-scheme regions from task cells (ClearMarkScheme). @type {Step} */
export function clearMarkScheme(notebook) {
  notebook.cells.forEach((cell, index) => {
    const { source, found } = withRegionContext(cell, index, () =>
      replaceRegions(cell.source, { begin: "BEGIN MARK SCHEME", end: "END MARK SCHEME", replacement: null, what: "mark scheme" }),
    );
    if (found && !isTask(cell)) {
      throw new Error(`${describe(cell, index)} has a mark scheme region but is not a task cell`);
    }
    cell.source = source;
  });
  delete notebook.metadata.celltoolbar;
}

/** Clears outputs and execution counts of code cells (ClearOutput). @type {Step} */
export function clearOutputs(notebook) {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    cell.outputs = [];
    cell.execution_count = null;
    delete cell.metadata.collapsed;
    delete cell.metadata.scrolled;
  }
}

/** Records each tracked cell's checksum and type (ComputeChecksums). @type {Step} */
export function computeChecksums(notebook) {
  for (const cell of notebook.cells) {
    const meta = nbgraderMeta(cell);
    if (!meta || !(isGrade(cell) || isSolution(cell) || isLocked(cell))) continue;
    meta.checksum = computeChecksum(cell);
    meta.cell_type = cell.cell_type;
  }
}

/** Fails on nbgrader metadata nbgrader itself would reject (CheckCellMetadata). @type {Step} */
export function checkCellMetadata(notebook) {
  checkNbgraderMetadata(notebook);
}

/**
 * @template T
 * @param {Cell} cell @param {number} index @param {() => T} work
 * @returns {T}
 */
function withRegionContext(cell, index, work) {
  try {
    return work();
  } catch (error) {
    if (error instanceof RegionError) throw new Error(`${describe(cell, index)}: ${error.message}`);
    throw error;
  }
}
