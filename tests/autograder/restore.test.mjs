// Restoring a submission before it runs: the course's tests (hidden ones
// included) always run, whatever the student did to the notebook.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseNotebook } from "../../autograder/src/notebook/format.mjs";
import { gradeId } from "../../autograder/src/notebook/nbgrader-cells.mjs";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { restoreSubmission } from "../../autograder/src/grade/restore.mjs";
import { fixtureCourse, fixtureSubmissions } from "./helpers.mjs";

const versions = releaseNotebook(parseNotebook(readFileSync(join(fixtureCourse, "arith.ipynb"), "utf8")), loadStubs());
const COURSE_ORDER = ["setup", "square", "square-test", "why-square", "mean", "mean-test"];

function restored(student) {
  const submission = parseNotebook(readFileSync(join(fixtureSubmissions, student, "arith.ipynb"), "utf8"));
  const notes = restoreSubmission(submission, versions);
  return { submission, notes };
}

const ids = (notebook) => notebook.cells.map(gradeId).filter(Boolean);
const cell = (notebook, id) => notebook.cells.find((item) => gradeId(item) === id);
const referenceCell = (id) => versions.reference.cells.find((item) => gradeId(item) === id);

test("an untouched submission keeps its answers and gets the hidden tests back, with no notes", () => {
  const { submission, notes } = restored("perfect");
  assert.deepEqual(notes, []);
  assert.deepEqual(ids(submission), COURSE_ORDER);
  assert.equal(cell(submission, "square-test").source, referenceCell("square-test").source);
  assert.match(cell(submission, "square-test").source, /square\(-2\)/);
  assert.match(cell(submission, "square").source, /return x \* x/);
});

test("an edited test cell is restored and its points reset", () => {
  const { submission, notes } = restored("edited-test");
  assert.equal(cell(submission, "square-test").source, referenceCell("square-test").source);
  assert.equal(cell(submission, "square-test").metadata.nbgrader.points, 2);
  assert.equal(cell(submission, "square-test").metadata.nbgrader.solution, false, "marked as an answer, it is a test again");
  assert.deepEqual(notes.map((note) => note.kind).sort(), ["changed-points", "duplicated-cell", "edited-test", "unknown-cell"]);
  assert.match(notes.find((note) => note.kind === "edited-test").message, /test cell "square-test" was edited; the course's version was restored/);
});

test("deleted cells come back in their place: tests as in the course, answers as released", () => {
  const { submission, notes } = restored("deleted-cells");
  assert.deepEqual(ids(submission), COURSE_ORDER);
  const order = submission.cells.map((item) => gradeId(item) ?? item.cell_type);
  assert.ok(order.indexOf("square-test") === order.indexOf("square") + 1, "the test comes right after its answer");
  assert.equal(cell(submission, "square-test").source, referenceCell("square-test").source);
  assert.match(cell(submission, "mean").source, /YOUR CODE HERE/);
  assert.deepEqual(
    notes.map((note) => note.message),
    [
      'the test cell "square-test" was deleted; it was put back and run',
      'the answer cell "mean" was deleted; it was put back empty, as released (no answer)',
    ],
  );
});

test("of duplicated cells the last copy counts; the earlier copy runs as an ordinary cell", () => {
  const { submission, notes } = restored("duplicated-cells");
  const squares = submission.cells.filter((item) => /function square/.test(item.source));
  assert.equal(squares.length, 2);
  assert.equal(gradeId(squares[0]), undefined);
  assert.equal(gradeId(squares[1]), "square");
  assert.match(squares[1].source, /x \* x/);
  assert.deepEqual(notes.map((note) => note.kind), ["duplicated-cell"]);
});

test("cells whose type was changed get their type back", () => {
  const { submission, notes } = restored("retyped-cells");
  assert.equal(cell(submission, "square").cell_type, "code");
  assert.deepEqual(cell(submission, "square").outputs, []);
  assert.equal(cell(submission, "mean-test").cell_type, "code");
  assert.equal(cell(submission, "mean-test").source, referenceCell("mean-test").source);
  assert.deepEqual(notes.map((note) => note.kind), ["retyped-cell", "retyped-cell"]);
});

test("a notebook saved with another kernel is run with the course's, and says so", () => {
  const { submission, notes } = restored("other-kernel");
  assert.deepEqual(submission.metadata.kernelspec, versions.reference.metadata.kernelspec);
  assert.equal(notes[0].kind, "other-kernel");
  assert.match(notes[0].message, /saved with the Python 3 kernel \(python\); graded with the course's TypeScript kernel \(tslab\)/);
});

test("outputs saved in a submission are cleared before it runs", () => {
  const submission = parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const test = cell(submission, "square-test");
  test.outputs = [{ output_type: "stream", name: "stdout", text: "all tests passed\n" }];
  test.execution_count = 3;
  restoreSubmission(submission, versions);
  assert.deepEqual(cell(submission, "square-test").outputs, []);
  assert.equal(cell(submission, "square-test").execution_count, null);
});

test("a cell claiming an id the course does not have becomes an ordinary cell", () => {
  const submission = parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  submission.cells.push({
    cell_type: "code",
    source: "console.log('extra credit please');",
    metadata: { nbgrader: { grade: true, grade_id: "bonus", locked: true, points: 50, schema_version: 3, solution: false } },
    outputs: [],
    execution_count: null,
  });
  const notes = restoreSubmission(submission, versions);
  assert.equal(submission.cells.at(-1).metadata.nbgrader, undefined);
  assert.match(notes[0].message, /marked as "bonus", which this notebook of the course does not have/);
});

test("a test cell turned into an answer, with its own points, weights and ground truth, is the course's again", () => {
  const submission = parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const test = cell(submission, "mean-test");
  test.source = "// graded by hand, please";
  test.metadata.nbgrader = { ...test.metadata.nbgrader, solution: true, locked: false, points: 30 };
  test.metadata.neural_mi = { ground_truth: 1, tolerance: 1e9, reports_estimate: true, checks: { estimate: 30 }, timeout: 1800 };
  restoreSubmission(submission, versions);
  const restoredTest = cell(submission, "mean-test");
  assert.deepEqual(restoredTest.metadata.nbgrader, referenceCell("mean-test").metadata.nbgrader);
  assert.deepEqual(restoredTest.metadata.neural_mi, referenceCell("mean-test").metadata.neural_mi);
  assert.equal(restoredTest.source, referenceCell("mean-test").source);
  // a course cell without such metadata loses what the submission gave it
  cell(submission, "square-test").metadata.neural_mi = { checks: { estimate: 2 } };
  restoreSubmission(submission, versions);
  assert.equal(cell(submission, "square-test").metadata.neural_mi, undefined);
});
