// @ts-check
// The reading of the code (src/grade/inspect-cells.mjs) for nbgrader's rejected_cells.py, which
// keeps this process for all the notebooks it grades (loading TypeScript costs more than reading a
// notebook). Each line on stdin is a request, {"notebook", "reference", "student"}: the submission
// after nbgrader restored it, the course's source version and the released one, as nbformat JSON.
// Each answer is a line: for each cell that may not run, its index, the code that runs instead and
// the message the notebook shows.
import { createInterface } from "node:readline";
import { parseNotebook } from "../notebook/format.mjs";
import { rejectForbiddenCells, rejectionMessage } from "../grade/inspect-cells.mjs";

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const request = JSON.parse(line);
  const [notebook, reference, student] = ["notebook", "reference", "student"].map((key) => parseNotebook(JSON.stringify(request[key])));
  const rejections = rejectForbiddenCells(notebook, { reference, student });
  const answer = rejections.map((rejection) => ({ index: rejection.index, runs: notebook.cells[rejection.index].source, message: rejectionMessage(rejection) }));
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
