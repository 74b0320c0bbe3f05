// A notebook of as many forbidden cells as fit in its size cap (120,000 `require("fs")`): the
// reading of its code takes time in proportion to the cells, not to their square (it held the
// grader's thread 17 s), and the report names a bounded number of them (30 MB of notes went into
// the student's result and the class's report.json, rewritten after every student).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { rejectionNotes } from "../../autograder/src/grade/grade-notebook.mjs";
import { rejectForbiddenCells } from "../../autograder/src/grade/inspect-cells.mjs";
import { parseNotebook } from "../../autograder/src/notebook/format.mjs";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { repoRoot } from "./helpers.mjs";

const CELLS = 120_000;
const { reference, student } = releaseNotebook(parseNotebook(readFileSync(join(repoRoot, "notebooks", "03-training-the-neural-network.ipynb"), "utf8")), loadStubs());

function manyForbiddenCells() {
  const submission = structuredClone(student);
  const answer = submission.cells.find((cell) => cell.metadata.nbgrader?.solution && cell.cell_type === "code");
  answer.source = 'require("fs");';
  for (let index = 0; index < CELLS; index++) {
    submission.cells.push({ cell_type: "code", execution_count: null, id: `forbidden-${index}`, metadata: {}, outputs: [], source: 'require("fs")' });
  }
  return submission;
}

test("120,000 forbidden cells are read in a few seconds, and named in a bounded report", () => {
  const submission = manyForbiddenCells();
  const began = Date.now();
  const rejections = rejectForbiddenCells(submission, { reference, student });
  const seconds = (Date.now() - began) / 1000;
  assert.equal(rejections.length, CELLS + 1);
  // 17 s on this machine when each cell was looked up among those already rejected; 1.6 s now
  assert.ok(seconds < 8, `the reading took ${seconds} s`);
  const notes = rejectionNotes(rejections);
  assert.ok(notes.length <= 501, `${notes.length} notes`);
  assert.ok(Buffer.byteLength(JSON.stringify(notes)) < 200_000);
  // the answer's rejection, which costs its points, is among those named
  assert.match(notes[0].message, /^the answer cell "[^"]+" was rejected: it uses require/);
  assert.match(notes.at(-1).message, new RegExp(`^${CELLS + 1 - 500} more cells were rejected, each marked with its reason in the executed notebook$`));
  assert.deepEqual(rejectionNotes(rejections.slice(0, 3)).length, 3);
});
