// @ts-check
// Which reported result is the test's own. Before a notebook runs, every test cell's
// `reportResult({ ... })` call gets a field `attestation` holding a token made for this
// run; the grader reads only results carrying it. The token exists only in the test
// cell's code as sent to the kernel, so cells that run before it cannot know it, and
// an output that merely looks like a result (printed by the student, or by a timer of
// theirs while the test runs) does not count. Afterwards the cells get their course
// source back and the results lose their token, so the executed notebook shows the test
// as written and is the same whichever run made it.
import { randomBytes } from "node:crypto";
import { isGrade, isSolution } from "../notebook/nbgrader-cells.mjs";
import { RESULT_MIME } from "./results.mjs";

const CALL = /\breportResult\(\{/g;
const HAS_CALL = /\breportResult\(\{/;

/** @returns {string} */
export function newAttestation() {
  return randomBytes(16).toString("hex");
}

/**
 * @param {import("../notebook/format.mjs").Notebook} notebook changed in place
 * @param {string} attestation
 * @returns {Map<number, string>} the course source of each changed cell, by index
 */
export function attestTestCells(notebook, attestation) {
  /** @type {Map<number, string>} */
  const originals = new Map();
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code" || !isGrade(cell) || isSolution(cell) || !HAS_CALL.test(cell.source)) return;
    originals.set(index, cell.source);
    cell.source = cell.source.replace(CALL, `reportResult({ attestation: ${JSON.stringify(attestation)}, `);
  });
  return originals;
}

/**
 * @param {import("../notebook/format.mjs").Notebook} executed changed in place
 * @param {Map<number, string>} originals from attestTestCells
 */
export function restoreAttestedSources(executed, originals) {
  for (const [index, source] of originals) {
    if (executed.cells[index]) executed.cells[index].source = source;
  }
  for (const cell of executed.cells) {
    for (const output of cell.outputs ?? []) {
      const result = output.data?.[RESULT_MIME];
      if (result && typeof result === "object" && "attestation" in result) delete result.attestation;
      if (output.output_type === "stream" && typeof output.text === "string") {
        output.text = output.text.replace(ATTESTATION_FIELD, "");
      }
    }
  }
}

/** The field as reportResult's printed fallback line (NEURAL_MI_RESULT {json}) writes it. */
const ATTESTATION_FIELD = /"attestation":\s*"[0-9a-f]*",?\s*/g;
