// @ts-check
// What a test cell measured, for the report: the estimate, the ground truth and the
// tolerance. Test cells send it with neural-mi's reportResult, as one output whose
// RESULT_MIME part is the JSON (the student sees its text/plain), or, on a kernel without
// display bundles, as a line of standard output:
//   NEURAL_MI_RESULT {"estimate": 0.61, "groundTruth": 0.64, "unit": "nats"}
// The cell's last result counts. While grading, only results that carry the run's
// attestation (attestation.mjs) count, and of those the first: the test cell's own.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../util/paths.mjs";

// The names of the format are defined once, beside neural-mi's reportResult.
const protocol = JSON.parse(readFileSync(join(repoRoot, "lib", "src", "results", "protocol.json"), "utf8"));
/** @type {string} */
export const RESULT_MIME = protocol.mime;
/** @type {string} */
export const RESULT_LINE_PREFIX = protocol.linePrefix;
const PREFIX = RESULT_LINE_PREFIX;

/**
 * @typedef {{ estimate?: number, groundTruth?: number, unit?: string, tolerance?: number, [key: string]: unknown }} Measured
 */

/** @param {unknown} value @returns {Record<string, unknown> | undefined} */
function asObject(value) {
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined; // malformed, like any other printout
    }
  }
  return value && typeof value === "object" && !Array.isArray(value) ? /** @type {Record<string, unknown>} */ (value) : undefined;
}

/**
 * @param {import("../notebook/format.mjs").Cell} cell an executed code cell
 * @param {string} [attestation] when given, results without it are ignored
 * @returns {Measured | undefined}
 */
export function measuredResult(cell, attestation) {
  /** @param {Record<string, unknown> | undefined} found */
  const counts = (found) => found !== undefined && (attestation === undefined || found.attestation === attestation);
  // With a token, the first result carrying it is the test's own: the token is published with that
  // result (on the kernel's IOPub, which a cell may subscribe to), so any other result carrying it
  // is a copy made after it, by code that ran before the cell's "idle" (a microtask of the answer's).
  const firstOnly = attestation !== undefined;
  /** @type {Record<string, unknown> | undefined} the result that counts: the last, or with a token the first */
  let counted;
  const take = (/** @type {Record<string, unknown> | undefined} */ found) => {
    if (counts(found) && !(firstOnly && counted)) counted = found;
  };
  for (const output of cell.outputs ?? []) {
    if (output.output_type === "stream" && output.name === "stdout") {
      for (const line of String(output.text).split("\n")) {
        if (line.startsWith(PREFIX)) take(asObject(line.slice(PREFIX.length)));
      }
    } else if ((output.output_type === "display_data" || output.output_type === "execute_result") && output.data) {
      const data = /** @type {Record<string, unknown>} */ (output.data);
      take(RESULT_MIME in data ? asObject(data[RESULT_MIME]) : undefined);
    }
  }
  if (!counted) return undefined;
  const groundTruth = counted.groundTruth ?? counted.ground_truth;
  const { attestation: _token, ...result } = counted;
  return { ...result, groundTruth: typeof groundTruth === "number" ? groundTruth : undefined };
}
