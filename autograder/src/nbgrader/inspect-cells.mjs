// @ts-check
// The reading of the code (src/grade/inspect-cells.mjs) for nbgrader's rejected_cells.py: reads
// {"notebook", "reference", "student"} (the submission after nbgrader restored it, the course's
// source version and the released one, as nbformat JSON) on stdin and writes, for each cell that
// may not run, its index, the code that runs instead and the message the notebook shows.
import { parseNotebook } from "../notebook/format.mjs";
import { rejectForbiddenCells, rejectionMessage } from "../grade/inspect-cells.mjs";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const [notebook, reference, student] = ["notebook", "reference", "student"].map((key) => parseNotebook(JSON.stringify(input[key])));
const rejections = rejectForbiddenCells(notebook, { reference, student });
process.stdout.write(
  JSON.stringify(rejections.map((rejection) => ({ index: rejection.index, runs: notebook.cells[rejection.index].source, message: rejectionMessage(rejection) }))),
);
