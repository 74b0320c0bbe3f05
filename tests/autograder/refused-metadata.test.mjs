// A notebook nbformat reads but whose schema it fails: cell metadata of the wrong type (tags as a
// string, `jupyter.source_hidden` that is not true or false: JupyterLab's metadata editor takes any
// JSON), a submitted output of no known kind, an execution count that is text, an attachment whose
// data is a number. nbconvert checks the notebook after each step of `nbgrader autograde`, and such a
// notebook failed the student's whole assignment, every notebook of it ungraded
// ("Notebook is invalid after preprocessor ..."); `npm run autograde` graded it. Now nbgrader grades
// it too (src/nbgrader/valid_submission.py), as the right answers it holds. And metadata the schema
// lets be anything but nbconvert's templates read as text or an object (a raw cell's `raw_mimetype`, a
// cell's `transient`, the notebook's `widgets`) failed the student's feedback page: it is left out.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureSubmissions, gradeByBoth, temporaryDir } from "./helpers.mjs";

function submission() {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const at = notebook.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id === "square") + 1;
  notebook.cells.splice(
    at,
    0,
    { cell_type: "markdown", id: "own-note", metadata: { tags: "a string", jupyter: { source_hidden: "yes" }, collapsed: "no" }, source: "a note" },
    {
      cell_type: "code",
      execution_count: "seven",
      id: "own-code",
      metadata: { tags: [1, 1], jupyter: { outputs_hidden: 5 }, scrolled: "auto?" },
      outputs: [{ output_type: "of no kind" }],
      source: 'console.log("ran");',
    },
    { cell_type: "markdown", id: "own-image", metadata: {}, source: "an image", attachments: { "a.png": { "image/png": 5 } } },
    // metadata the schema lets be anything, which nbconvert's templates read as text or an object:
    // the student's feedback failed ("'list object' has no attribute 'lower'")
    { cell_type: "raw", id: "own-raw", metadata: { raw_mimetype: [], transient: 5 }, source: "raw text" },
  );
  notebook.metadata.widgets = 5;
  const dir = join(temporaryDir(), "class", "odd-metadata");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "arith.ipynb"), JSON.stringify(notebook));
  return dir;
}

test("a notebook whose metadata, outputs or attachments nbformat's schema refuses is graded by both graders", async () => {
  const folder = submission();
  const { report, gradebook, courseDir } = await gradeByBoth(folder);
  const arith = report.students[0].notebooks.find((notebook) => notebook.notebook === "arith.ipynb");
  assert.deepEqual(
    arith.exercises.map((exercise) => [exercise.id, exercise.points]),
    [["square-test", 2], ["why-square", null], ["mean-test", 3]],
  );
  assert.deepEqual(
    Object.fromEntries(Object.entries(gradebook["odd-metadata"]).map(([cell, grade]) => [cell, grade.auto])),
    { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 0 },
  );
  const feedback = readdirSync(join(courseDir, "feedback", "odd-metadata", "fixture"));
  assert.ok(feedback.includes("arith.html"), `the feedback page is made: ${feedback}`);
});
