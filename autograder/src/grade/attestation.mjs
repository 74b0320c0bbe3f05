// @ts-check
// Which reported result is the test's own. Before a notebook runs, every test cell's
// `reportResult({ ... })` call gets a field `attestation` holding a token made for this
// run and this cell; the grader reads only results carrying the cell's token. The token
// exists only in the test cell's code as sent to the kernel, so cells that run before it
// cannot know it, and an output that merely looks like a result (printed by the student,
// or by a timer of theirs while the test runs) does not count. Each cell has its own, so
// one cell's token, were it learnt, says nothing about another's.
//
// The test cells also run in strict mode ("use strict" on their first line): cells are
// sloppy JavaScript as tslab compiles them, and a sloppy function of the student's that a
// sloppy test calls can read its caller (`f.caller`), the test's compiled code, with its
// token and its hidden tests; a strict caller is hidden (null).
//
// Afterwards the cells get their course source back and the results lose their token, so
// the executed notebook shows the test as written and is the same whichever run made it.
import { createHash, randomBytes } from "node:crypto";
import { isGrade, isSolution } from "../notebook/nbgrader-cells.mjs";
import { RESULT_MIME } from "./results.mjs";

const CALL = /\breportResult\(\{/g;
// on the first line, so that the cell's line numbers stay
const STRICT = '"use strict"; ';

/** @returns {string} the run's secret, from which each cell's token is made */
export function newAttestation() {
  return randomBytes(16).toString("hex");
}

/**
 * The token of the test cell at `index`.
 * @param {string} attestation the run's secret (newAttestation) @param {number} index
 */
export function cellAttestation(attestation, index) {
  return createHash("sha256").update(`${attestation}:${index}`).digest("hex").slice(0, 32);
}

/**
 * @param {import("../notebook/format.mjs").Notebook} notebook changed in place
 * @param {string} attestation the run's secret
 * @returns {Map<number, string>} the course source of each changed cell, by index
 */
export function attestTestCells(notebook, attestation) {
  /** @type {Map<number, string>} */
  const originals = new Map();
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code" || !isGrade(cell) || isSolution(cell) || !cell.source.trim()) return;
    originals.set(index, cell.source);
    const token = JSON.stringify(cellAttestation(attestation, index));
    cell.source = STRICT + cell.source.replace(CALL, `reportResult({ attestation: ${token}, `);
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
