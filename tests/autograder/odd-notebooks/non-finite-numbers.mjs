// Numbers JSON does not allow, NaN, Infinity and -Infinity, in a notebook file: Python's json module
// reads and writes them (nbformat saves a float("nan") put into metadata by a Python tool as `NaN`), so
// Jupyter's server and nbgrader read such a notebook. `npm run autograde` called it "not valid JSON"
// and gave it nothing, and under nbgrader the course's reading of the code (node) could not parse it,
// which failed the student's whole assignment. Both graders now read them as null and grade the notebook.
// So too an integer written with more digits than Python reads (4,300): JSON sets no bound, JavaScript
// reads it as Infinity (written back as null), and under nbgrader the notebook was graded as released.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertGradedInFull, perfectArith, studentFolder } from "./graded.mjs";

export const cases = [
  {
    student: "floats",
    title: "a notebook holding NaN and Infinity, as Python writes them, is graded as any other, by both graders",
    build(classDir) {
      // the fixture's right submission with NaN and ±Infinity in its metadata and a saved output
      const notebook = perfectArith();
      notebook.metadata.papermill = { duration: "@NAN@", parameters: { lower: "@-INF@", upper: "@INF@" } };
      const square = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
      square.metadata.scores = ["@NAN@", 1];
      square.outputs = [{ output_type: "display_data", data: { "text/plain": "NaN" }, metadata: { width: "@INF@" } }];
      const text = JSON.stringify(notebook, null, 1).replaceAll('"@NAN@"', "NaN").replaceAll('"@-INF@"', "-Infinity").replaceAll('"@INF@"', "Infinity");
      const file = join(studentFolder(classDir, this.student), "arith.ipynb");
      writeFileSync(file, text);
      assert.throws(() => JSON.parse(readFileSync(file, "utf8")), "the file is not JSON as JavaScript reads it");
    },
    check(graded) {
      const arith = assertGradedInFull(graded, this.student);
      assert.ok(arith.notes.some((note) => /5 number\(s\) written NaN, Infinity or -Infinity/.test(note.message)), JSON.stringify(arith.notes));
    },
  },
  {
    student: "long-digits",
    title: "a notebook holding an integer of 5,000 digits is graded as any other, by both graders",
    build(classDir) {
      const notebook = perfectArith();
      notebook.metadata.checksum = "@DIGITS@";
      const text = JSON.stringify(notebook, null, 1).replace('"@DIGITS@"', "7".repeat(5000));
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), text);
    },
    check(graded) {
      assertGradedInFull(graded, this.student);
    },
  },
];
