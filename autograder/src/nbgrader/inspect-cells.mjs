// @ts-check
// The reading of the code (src/grade/inspect-cells.mjs) for nbgrader's rejected_cells.py, which
// keeps this process for all the notebooks it grades (loading TypeScript costs more than reading a
// notebook). Each line on stdin is a request, {"notebook", "reference", "student"}: the submission
// after nbgrader restored it, the course's source version and the released one, as nbformat JSON.
// Each answer is a line: for each cell that may not run, its index, the code that runs instead and
// the message the notebook shows; or {"error"} where the notebook cannot be read.
import { createInterface } from "node:readline";
import { parseNotebook } from "../notebook/format.mjs";
import { rejectForbiddenCells, rejectionMessage } from "../grade/inspect-cells.mjs";

// A notebook the reading cannot take (one nbformat reads with a warning only: a cell of another type, a source
// that is not text) gets an answer naming why, {"error"}, and the process goes on to the next student's: it
// ended, and the next notebook nbgrader graded often met its closed pipe and failed too.
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  let answer;
  try {
    const request = JSON.parse(line);
    const [notebook, reference, student] = ["notebook", "reference", "student"].map((key) => parseNotebook(JSON.stringify(request[key])));
    const rejections = rejectForbiddenCells(notebook, { reference, student });
    answer = rejections.map((rejection) => ({ index: rejection.index, runs: notebook.cells[rejection.index].source, message: rejectionMessage(rejection) }));
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
