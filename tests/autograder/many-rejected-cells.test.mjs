// A notebook of as many forbidden cells as fit in its size cap (120,000 `require("fs")`): every cell
// is rejected, and the report names a bounded number of them (30 MB of notes went into the
// student's result and the class's report.json, rewritten after every student). The reading of its
// code once took time in the square of the cells (17 s on the grader's thread, now about 1.6 s);
// that time is not asserted here: it shows in the test runner's time per file.
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

test("120,000 forbidden cells are each rejected, and named in a bounded report", () => {
  const submission = manyForbiddenCells();
  const rejections = rejectForbiddenCells(submission, { reference, student });
  assert.equal(rejections.length, CELLS + 1);
  const notes = rejectionNotes(rejections);
  assert.ok(notes.length <= 500, `${notes.length} notes`);
  assert.ok(Buffer.byteLength(JSON.stringify(notes)) < 200_000);
  // the answer's rejection, which costs its points, is among those named
  assert.match(notes[0].message, /^the answer cell "[^"]+" was rejected: it uses require/);
  assert.match(notes.at(-1).message, new RegExp(`^${CELLS + 1 - 499} more cells were rejected, each marked with its reason in the executed notebook$`));
  assert.deepEqual(rejectionNotes(rejections.slice(0, 3)).length, 3);
});

test("notes of any kind are bounded: a thousand cells claiming grade ids of 10 kB each", async () => {
  const { boundedNotes, NOTES_PER_KIND } = await import("../../autograder/src/grade/bounded-notes.mjs");
  const { restoreSubmission } = await import("../../autograder/src/grade/restore.mjs");
  const submission = structuredClone(student);
  for (let index = 0; index < 1000; index++) {
    const id = `${index}-${"x".repeat(10_000)}`;
    submission.cells.push({ cell_type: "code", execution_count: null, id: `claim-${index}`, metadata: { nbgrader: { grade: true, grade_id: id, points: 1, solution: false, locked: true } }, outputs: [], source: "1" });
  }
  const all = restoreSubmission(submission, { reference, student });
  assert.ok(Buffer.byteLength(JSON.stringify(all)) > 20_000_000, "each note names its cell's grade id twice");
  const notes = boundedNotes(all);
  assert.equal(notes.length, NOTES_PER_KIND + 1);
  assert.ok(Buffer.byteLength(JSON.stringify(notes)) < 600_000);
  assert.equal(notes.at(-1).message, `and ${1000 - NOTES_PER_KIND} more notes of this kind (unknown-cell), not listed`);
  // the grader bounds a notebook's notes where it reads them and again with its run's notes
  assert.deepEqual(boundedNotes(notes), notes, "notes bounded twice keep their count of the rest");
});
