// A notebook too large for the kept copy of the student's work (kept-work.mjs: 50 MB a file, 500 MB
// in all) is nearly always large by its outputs: a loop that printed at each step, a plot of a
// million points. Its answers, a few kilobytes of cell text, had been left out of the copy with the
// outputs. The copy now keeps such a notebook with its outputs cleared, as JupyterLab's "Clear All
// Outputs" saves it: every cell's text, type and metadata, and attachments (pasted images) too.
import fs from "node:fs";
import { notebookText } from "../../autograder/src/notebook/format.mjs";

// beyond this a notebook is not read (node's strings stop near 512 MB)
const MAX_READ_BYTES = 400 * 1024 * 1024;

/** The notebook `file` with its code cells' outputs and counts cleared (a Buffer), or undefined when it cannot be read as a notebook. */
export function notebookWithoutOutputs(file) {
  try {
    if (fs.statSync(file).size > MAX_READ_BYTES) return undefined;
    // as grading reads it: an editor's byte-order mark or UTF-16 left out
    const notebook = JSON.parse(notebookText(fs.readFileSync(file)).text);
    if (!Array.isArray(notebook?.cells)) return undefined;
    for (const cell of notebook.cells) {
      if (cell?.cell_type !== "code") continue;
      cell.outputs = [];
      cell.execution_count = null;
    }
    return Buffer.from(JSON.stringify(notebook, null, 1) + "\n");
  } catch {
    return undefined;
  }
}
