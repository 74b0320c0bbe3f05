// @ts-check
// A release in the order nbgrader's generate_assignment runs its steps: the
// "reference" version (solutions stubbed, hidden tests kept) is what test and
// read-only cells are restored from when grading; the "student" version is
// what students get.
import { cloneNotebook } from "../notebook/format.mjs";
import {
  checkCellMetadata,
  clearHiddenTests,
  clearMarkScheme,
  clearOutputs,
  clearSolutions,
  computeChecksums,
  lockCells,
} from "./steps.mjs";

/**
 * @typedef {import("../notebook/format.mjs").Notebook} Notebook
 * @typedef {import("./steps.mjs").Stubs} Stubs
 * @typedef {import("./steps.mjs").Step} Step
 */

/** @param {Stubs} stubs @returns {Step[]} */
export function referenceSteps(stubs) {
  return [lockCells, clearSolutions(stubs), clearOutputs, checkCellMetadata, computeChecksums];
}

/** @type {Step[]} */
export const studentSteps = [clearHiddenTests, clearMarkScheme, computeChecksums, checkCellMetadata];

/** @param {Notebook} notebook @param {Step[]} steps @returns {Notebook} */
export function applySteps(notebook, steps) {
  const result = cloneNotebook(notebook);
  for (const step of steps) step(result);
  return result;
}

/**
 * @param {Notebook} source the instructor's notebook, solutions and hidden tests in
 * @param {Stubs} stubs
 * @returns {{ reference: Notebook, student: Notebook }}
 */
export function releaseNotebook(source, stubs) {
  const reference = applySteps(source, referenceSteps(stubs));
  const student = applySteps(reference, studentSteps);
  return { reference, student };
}
