// Restoring a submission before it runs: the course's tests (hidden ones
// included) always run, whatever the student did to the notebook.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { gradeId } from "../../autograder/src/notebook/nbgrader-cells.mjs";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { restoreSubmission } from "../../autograder/src/grade/restore.mjs";
import { fixtureCourse, fixtureSubmissions, pythonJson, repoRoot, temporaryDir } from "./helpers.mjs";

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

// A written answer whose metadata was edited to carry a test's grade id (after the test or before it): the test runs as
// the course's, and the text is graded as the written answer when it is the one the notebook lacks. Before, the test's
// source replaced the text, or the text lost its flags, and the written answer was graded "no answer".
test("a written answer carrying a test's grade id, or none, is still the written answer, and the test runs as the course's", () => {
  const perfect = () => parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const withTestId = (notebook, test) => {
    const answer = cell(notebook, "why-square");
    answer.metadata.nbgrader.grade_id = test;
    return [].concat(answer.source).join("");
  };
  for (const test of ["square-test", "mean-test"]) {
    const submission = perfect();
    const text = withTestId(submission, test);
    const notes = restoreSubmission(submission, versions);
    assert.deepEqual(ids(submission), COURSE_ORDER, test);
    assert.equal(cell(submission, "why-square").cell_type, "markdown", test);
    assert.equal([].concat(cell(submission, "why-square").source).join(""), text, test);
    assert.equal(cell(submission, test).source, referenceCell(test).source, test);
    assert.deepEqual(notes.map((note) => note.kind), ["written-answer-id"], test);
    assert.match(notes[0].message, new RegExp(`a written answer, carried the grade id "${test}" of a test cell; it was graded as the written answer "why-square"`));
  }
  // the written answer still there too: which answer the copy is cannot be told, so it is an ordinary cell, the note saying what to do
  const submission = perfect();
  const answer = cell(submission, "why-square");
  submission.cells.push({ ...structuredClone(answer), id: "copy", metadata: { nbgrader: { ...answer.metadata.nbgrader, grade_id: "mean-test" } } });
  const notes = restoreSubmission(submission, versions);
  assert.deepEqual(ids(submission), COURSE_ORDER);
  assert.equal(submission.cells.at(-1).metadata.nbgrader, undefined);
  assert.equal(cell(submission, "mean-test").source, referenceCell("mean-test").source);
  assert.match(notes.find((note) => note.kind === "written-answer-id").message, /cannot be told; it was kept as an ordinary cell, not graded, .*copy its text into the released notebook's written answer cell/);
  // two written answers carrying a test's grade id, the course's one (its cell id kept) and a copy: the first is the answer, found by
  // its cell id, the copy an ordinary cell. Before, both were "not graded", and then the first graded as the answer by its id all the same
  const twice = perfect();
  const twiceAnswer = cell(twice, "why-square");
  twiceAnswer.metadata.nbgrader.grade_id = "square-test";
  twice.cells.push({ ...structuredClone(twiceAnswer), id: "copy", metadata: { nbgrader: { ...twiceAnswer.metadata.nbgrader, grade_id: "mean-test" } } });
  const twiceNotes = restoreSubmission(twice, versions);
  assert.deepEqual(ids(twice), COURSE_ORDER);
  assert.equal(twice.cells.at(-1).metadata.nbgrader, undefined);
  assert.deepEqual(twiceNotes.map((note) => note.kind), ["written-answer-id", "written-answer-id"]);
  assert.match(twiceNotes[0].message, /^cell 7, a written answer, carried the grade id "square-test" of a test cell; it was graded as the written answer "why-square", found by its cell id/);
  assert.match(twiceNotes[1].message, /^cell 13, a written answer, carried the grade id "mean-test" of a test cell, and which written answer it is cannot be told/);
  // its grading metadata removed (JupyterLab's metadata editor keeps the cell's id): found by the id the release gave it
  const bare = perfect();
  const text = [].concat(cell(bare, "why-square").source).join("");
  delete cell(bare, "why-square").metadata.nbgrader;
  const bareNotes = restoreSubmission(bare, versions);
  assert.deepEqual(ids(bare), COURSE_ORDER);
  assert.equal([].concat(cell(bare, "why-square").source).join(""), text);
  assert.deepEqual(bareNotes.map((note) => note.message), ['cell 7, the written answer "why-square", had lost its grading metadata; it was found by its cell id and graded as that answer: restore the cell\'s metadata from the released notebook']);
});

// A written answer moved by the student into a new markdown cell, the answer's cell deleted or left empty: graded "no answer",
// as before, but the note names the cell of hers and the start of its text, for the person grading, and tells her what to do.
// Before, no note: the person grading never saw her text.
test("a written answer moved into a new cell is pointed to by a note beside the empty answer, not graded", () => {
  for (const left of ["deleted", "empty"]) {
    const submission = parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
    const answer = cell(submission, "why-square");
    const at = submission.cells.indexOf(answer);
    const mine = { ...structuredClone(answer), id: "mine", metadata: {}, source: "My answer:   the two factors\nhave the same sign." };
    if (left === "deleted") submission.cells.splice(at, 1, mine);
    else submission.cells.splice(at, 1, { ...answer, source: "" }, mine);
    const notes = restoreSubmission(submission, versions);
    assert.deepEqual(ids(submission), COURSE_ORDER, left);
    assert.deepEqual(notes.map((note) => note.kind), left === "deleted" ? ["written-answer-elsewhere", "deleted-cell"] : ["written-answer-elsewhere"], left);
    // the places of the student's notebook (before the deleted answer is put back)
    const [where, place] = left === "deleted" ? ["deleted", at + 1] : [`cell ${at + 1}`, at + 2];
    assert.match(notes[0].message, new RegExp(`^the written answer "why-square" \\(${where}\\) is as released, empty or deleted, graded as no answer, .*: cell ${place} \\("My answer: the two factors have the same sign\\."\\); if the answer is there, put its text in the written answer's cell`), left);
  }
  // her own markdown beside an answered written answer: no note
  const answered = parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  answered.cells.push({ cell_type: "markdown", id: "notes", metadata: {}, source: "scratch notes" });
  assert.deepEqual(restoreSubmission(answered, versions), []);
});

// The same under nbgrader: CourseCells, its first step on a submission (src/nbgrader/course_flags.py), on the same copies.
// Before, OverwriteCells made the answer after the test the test (its text replaced), the answer before it lost its flags,
// and nbgrader left the written answer's point to a person with no cell to show.
const COURSE_CELLS = `
import json, logging, sys
sys.path.insert(0, sys.argv[1])
import nbformat
from traitlets.config import Config
from course_flags import CourseCells
root, notebooks = json.load(sys.stdin)
config = Config()
config.CourseDirectory.root = root
out = []
logged = []
class Kept(logging.Handler):
    def emit(self, record):
        logged[-1].append(record.getMessage())
for nb in notebooks:
    logged.append([])
    step = CourseCells(config=config)
    step.log.addHandler(Kept(logging.WARNING))
    nb, _ = step.preprocess(nbformat.reads(json.dumps(nb), as_version=4), {"nbgrader": {"assignment": "fixture", "notebook": "arith"}})
    step.log.handlers.clear()
    out.append([[cell.cell_type, "".join(cell.source), cell.metadata.get("nbgrader", {}).get("grade_id")] for cell in nb.cells])
print(json.dumps([out, logged]))
`;

test("nbgrader's CourseCells keeps a written answer carrying a test's grade id, or none, as the written answer", () => {
  const root = temporaryDir();
  try {
    mkdirSync(join(root, "release", "fixture"), { recursive: true });
    writeFileSync(join(root, "release", "fixture", "arith.ipynb"), serializeNotebook(versions.student));
    const copies = ["square-test", "mean-test", undefined].map((test) => {
      const notebook = parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
      // a test's grade id, or (undefined) the grading metadata removed
      if (test) cell(notebook, "why-square").metadata.nbgrader.grade_id = test;
      else delete cell(notebook, "why-square").metadata.nbgrader;
      return notebook;
    });
    const text = [].concat(cell(parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8")), "why-square").source).join("");
    // and the written answer moved into a new cell of hers, the answer's cell left as released: graded "no answer", noted
    const moved = parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
    const answerAt = moved.cells.indexOf(cell(moved, "why-square"));
    moved.cells.splice(answerAt, 1, structuredClone(cell(versions.student, "why-square")), { cell_type: "markdown", id: "mine", metadata: {}, source: "My answer: the signs agree." });
    // and two written answers carrying a test's grade id, the course's one (its cell id kept) and a copy: the first is the answer
    const twice = parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
    cell(twice, "why-square").metadata.nbgrader.grade_id = "square-test";
    const twiceAnswer = twice.cells.find((item) => item.cell_type === "markdown" && gradeId(item) === "square-test");
    twice.cells.push({ ...structuredClone(twiceAnswer), id: "copy", metadata: { nbgrader: { ...twiceAnswer.metadata.nbgrader, grade_id: "mean-test" } } });
    const [[...graded], logged] = pythonJson(COURSE_CELLS.replace("sys.argv[1]", JSON.stringify(join(repoRoot, "autograder", "src", "nbgrader"))), [root, [...copies, moved, twice]]);
    assert.deepEqual(logged[4].filter((line) => line.includes("written answer")).map((line) => line.replace(/,? (and|found|the test|it was kept).*/, "")), ['cell 7, a written answer, carried the grade id "square-test" of a test cell; it was graded as the written answer "why-square"', 'cell 13, a written answer, carried the grade id "mean-test" of a test cell']);
    assert.match(logged[4][0], /"why-square", found by its cell id/);
    const [movedCells] = graded.splice(3, 1);
    assert.deepEqual(movedCells.map(([, , id]) => id).filter(Boolean), COURSE_ORDER);
    assert.ok(logged[3].some((line) => new RegExp(`^the written answer "why-square" \\(cell ${answerAt + 1}\\) is as released, empty or deleted, graded as no answer, .*: cell ${answerAt + 2} \\("My answer: the signs agree\\."\\); if the answer is there, put its text in the written answer's cell`).test(line)), JSON.stringify(logged[3]));
    assert.equal(logged[0].concat(logged[1], logged[2]).filter((line) => line.includes("not in the release")).length, 0);
    for (const cells of graded) {
      assert.deepEqual(cells.map(([, , id]) => id).filter(Boolean), COURSE_ORDER);
      assert.deepEqual(cells.find(([, , id]) => id === "why-square"), ["markdown", text, "why-square"]);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
