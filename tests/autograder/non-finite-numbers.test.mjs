// Numbers JSON does not allow, NaN, Infinity and -Infinity, in a notebook file: Python's json module
// reads and writes them (nbformat saves a float("nan") put into metadata by a Python tool as `NaN`), so
// Jupyter's server and nbgrader read such a notebook. `npm run autograde` called it "not valid JSON"
// and gave it nothing, and under nbgrader the course's reading of the code (node) could not parse it,
// which failed the student's whole assignment. Both graders now read them as null and grade the notebook.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureSubmissions, gradeByBoth, temporaryDir } from "./helpers.mjs";

/** The fixture course's right submission with NaN and ±Infinity in its metadata and a saved output, as Python's json writes them. */
function submission() {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  notebook.metadata.papermill = { duration: "@NAN@", parameters: { lower: "@-INF@", upper: "@INF@" } };
  const square = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  square.metadata.scores = ["@NAN@", 1];
  square.outputs = [{ output_type: "display_data", data: { "text/plain": "NaN" }, metadata: { width: "@INF@" } }];
  const dir = join(temporaryDir(), "class", "floats");
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(notebook, null, 1).replaceAll('"@NAN@"', "NaN").replaceAll('"@-INF@"', "-Infinity").replaceAll('"@INF@"', "Infinity");
  writeFileSync(join(dir, "arith.ipynb"), text);
  return dir;
}

test("a notebook holding NaN and Infinity, as Python writes them, is graded as any other, by both graders", async () => {
  const folder = submission();
  assert.throws(() => JSON.parse(readFileSync(join(folder, "arith.ipynb"), "utf8")), "the file is not JSON as JavaScript reads it");
  const { report, gradebook } = await gradeByBoth(folder);
  const arith = report.students[0].notebooks.find((notebook) => notebook.notebook === "arith.ipynb");
  assert.equal(arith.status, "graded", arith.message);
  assert.deepEqual(
    arith.exercises.map((exercise) => [exercise.id, exercise.points]),
    [["square-test", 2], ["why-square", null], ["mean-test", 3]],
  );
  assert.ok(arith.notes.some((note) => /5 number\(s\) written NaN, Infinity or -Infinity/.test(note.message)), JSON.stringify(arith.notes));
  assert.deepEqual(
    Object.fromEntries(Object.entries(gradebook.floats).map(([cell, grade]) => [cell, grade.auto])),
    { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 0 },
  );
});
