// Parts of a notebook file that nbformat's reading raises on and that no grade depends on: saved
// outputs that are not objects or not of an output's shape, attachments that are not bundles of
// text, a cell id that is not text; and metadata nbformat's schema refuses in a way its normalize
// leaves (tags that are not all text, an execution record of numbers), which nbgrader then refused.
// `npm run autograde` clears the outputs and keeps the well-formed attachments, and graded such a notebook in full; nbgrader's reading raised first, which failed the
// student's whole assignment (every notebook of it ungraded). And an id that is a list stopped our
// runner, whose nbformat keeps ids in a set: the grader's error. Both graders now grade it in full.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureSubmissions } from "../helpers.mjs";
import { arithOf, assertGradedInFull, perfectArith, studentFolder } from "./graded.mjs";

export const cases = [
  {
    student: "mended",
    title: "a notebook with outputs, attachments, ids and metadata of shapes nbformat cannot read is graded in full by both graders",
    build(classDir) {
      // the fixture's right submission with each such part, as an editor, a merge or a script may leave them
      const notebook = perfectArith();
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
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), JSON.stringify(notebook));
    },
    check(graded) {
      assertGradedInFull(graded, this.student);
      const student = graded.report.students.find((item) => item.student === this.student);
      assert.notEqual(student.status, "grader-error", student.message);
      assert.ok(arithOf(graded.report, this.student));
    },
  },
  {
    student: "ipython2",
    title: "a notebook of format 3 with outputs, headings and metadata nbformat's conversion raised on is converted as ours converts it, and graded in full by both",
    build(classDir) {
      // the fixture's submission in format 3 (IPython 2's worksheets) with shapes nbformat's conversion to format 4 raised on
      const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "format-3", "arith.ipynb"), "utf8"));
      const cells = notebook.worksheets[0].cells;
      const code = cells.filter((cell) => cell.cell_type === "code");
      code[1].outputs = [7];
      code[2].outputs = null;
      code[2].prompt_number = "3";
      cells.push({ cell_type: "heading", level: "2", source: "Notes", metadata: {} }, { cell_type: "markdown", source: "more notes", metadata: null });
      notebook.worksheets.push({ metadata: {} });
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), JSON.stringify(notebook));
    },
    check(graded) {
      assertGradedInFull(graded, this.student);
    },
  },
];
