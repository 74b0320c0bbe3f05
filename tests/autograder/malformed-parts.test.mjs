// Parts of a notebook file that nbformat's reading raises on and that no grade depends on: saved
// outputs that are not objects or not of an output's shape, attachments that are not bundles of
// text, a cell id that is not text; and metadata nbformat's schema refuses in a way its normalize
// leaves (tags that are not all text, an execution record of numbers), which nbgrader then refused.
// `npm run autograde` clears the outputs and keeps the well-formed attachments, and graded such a notebook in full; nbgrader's reading raised first, which failed the
// student's whole assignment (every notebook of it ungraded). And an id that is a list stopped our
// runner, whose nbformat keeps ids in a set: the grader's error. Both graders now grade it in full.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureSubmissions, gradeByBoth, temporaryDir } from "./helpers.mjs";

/** The fixture course's right submission with each such part, as an editor, a merge or a script may leave them. */
function submission() {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const cell = (id) => notebook.cells.find((each) => each.metadata.nbgrader?.grade_id === id);
  cell("square").id = ["square"];
  cell("square").outputs = [7, null, { output_type: ["stream"] }, { output_type: "stream", name: "stdout", text: [1] }];
  cell("mean").outputs = [{ output_type: "display_data", data: "x", metadata: {} }, { output_type: "error", ename: "E", evalue: "v", traceback: "x" }];
  cell("why-square").attachments = "image.png";
  // metadata whose parts nbformat's schema types: tags that are not all text, an execution record of numbers
  cell("square-test").metadata.tags = [1, null];
  cell("why-square").metadata.tags = ["answer", 2];
  cell("mean").metadata.execution = { "iopub.execute_input": 5 };
  const mean = notebook.cells.indexOf(cell("mean"));
  notebook.cells.splice(mean, 0, { cell_type: "markdown", id: "own", metadata: {}, source: "notes", attachments: { "a.png": { "image/png": 5 } } });
  const dir = join(temporaryDir(), "class", "mended");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "arith.ipynb"), JSON.stringify(notebook));
  return dir;
}

test("a notebook with outputs, attachments, ids and metadata of shapes nbformat cannot read is graded in full by both graders", async () => {
  const { report, gradebook } = await gradeByBoth(submission());
  const student = report.students[0];
  const arith = student.notebooks.find((notebook) => notebook.notebook === "arith.ipynb");
  assert.equal(arith.status, "graded", arith.message);
  assert.notEqual(student.status, "grader-error", student.message);
  assert.deepEqual(
    arith.exercises.map((exercise) => [exercise.id, exercise.points]),
    [["square-test", 2], ["why-square", null], ["mean-test", 3]],
  );
  assert.deepEqual(
    Object.fromEntries(Object.entries(gradebook.mended).map(([cell, grade]) => [cell, grade.auto])),
    { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 0 },
  );
});

/** The fixture's submission in format 3 (IPython 2's worksheets) with shapes nbformat's conversion to format 4 raised on. */
function format3Submission() {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "format-3", "arith.ipynb"), "utf8"));
  const cells = notebook.worksheets[0].cells;
  const code = cells.filter((cell) => cell.cell_type === "code");
  code[1].outputs = [7];
  code[2].outputs = null;
  code[2].prompt_number = "3";
  cells.push(
    { cell_type: "heading", level: "2", source: "Notes", metadata: {} },
    { cell_type: "markdown", source: "more notes", metadata: null },
  );
  notebook.worksheets.push({ metadata: {} });
  const dir = join(temporaryDir(), "class", "ipython2");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "arith.ipynb"), JSON.stringify(notebook));
  return dir;
}

test("a notebook of format 3 with outputs, headings and metadata nbformat's conversion raised on is converted as ours converts it, and graded in full by both", async () => {
  const { report, gradebook } = await gradeByBoth(format3Submission());
  const arith = report.students[0].notebooks.find((notebook) => notebook.notebook === "arith.ipynb");
  assert.equal(arith.status, "graded", arith.message);
  assert.deepEqual(
    arith.exercises.map((exercise) => [exercise.id, exercise.points]),
    [["square-test", 2], ["why-square", null], ["mean-test", 3]],
  );
  assert.deepEqual(
    Object.fromEntries(Object.entries(gradebook.ipython2).map(([cell, grade]) => [cell, grade.auto])),
    { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 0 },
  );
});
