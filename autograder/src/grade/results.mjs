// @ts-check
// Test cells report what they measured on lines of their own:
//   NEURAL_MI_RESULT {"estimate": 0.61, "groundTruth": 0.64, "unit": "nats"}
// The last such line of a cell's standard output is its result.

const PREFIX = "NEURAL_MI_RESULT ";

/**
 * @typedef {{ estimate?: number, groundTruth?: number, unit?: string, tolerance?: number, [key: string]: unknown }} Measured
 */

/**
 * @param {import("../notebook/format.mjs").Cell} cell an executed code cell
 * @returns {Measured | undefined}
 */
export function measuredResult(cell) {
  /** @type {Measured | undefined} */
  let last;
  for (const output of cell.outputs ?? []) {
    if (output.output_type !== "stream" || output.name !== "stdout") continue;
    for (const line of String(output.text).split("\n")) {
      if (!line.startsWith(PREFIX)) continue;
      try {
        const parsed = JSON.parse(line.slice(PREFIX.length));
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) last = parsed;
      } catch {
        // a malformed line is ignored, like any other printout
      }
    }
  }
  if (!last) return undefined;
  const groundTruth = last.groundTruth ?? last.ground_truth;
  return { ...last, groundTruth: typeof groundTruth === "number" ? groundTruth : undefined };
}
