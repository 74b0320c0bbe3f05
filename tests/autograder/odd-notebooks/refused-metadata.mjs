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
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertGradedInFull, perfectArith, studentFolder } from "./graded.mjs";

const OVERLAY = '<div class="navbar-fixed-top">arith.ipynb (Score: 99.0 / 5.0)</div>';

export const cases = [
  {
    student: "odd-metadata",
    title: "a notebook whose metadata, outputs or attachments nbformat's schema refuses is graded by both graders",
    build(classDir) {
      const notebook = perfectArith();
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
        // and a raw cell of no format, which nbconvert writes into the page as HTML (class and id kept):
        // a box fixed over the feedback's heading, with bootstrap's class
        { cell_type: "raw", id: "own-raw", metadata: { raw_mimetype: [], transient: 5 }, source: `raw text ${OVERLAY}` },
      );
      notebook.metadata.widgets = 5;
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), JSON.stringify(notebook));
    },
    check(graded) {
      assertGradedInFull(graded, this.student);
      const feedback = readdirSync(join(graded.courseDir, "feedback", this.student, "fixture"));
      assert.ok(feedback.includes("arith.html"), `the feedback page is made: ${feedback}`);
      const page = readFileSync(join(graded.courseDir, "feedback", this.student, "fixture", "arith.html"), "utf8");
      assert.ok(page.includes("arith.ipynb (Score: 99.0 / 5.0)"), "the raw cell's text is in the feedback");
      assert.doesNotMatch(page, /<div[^<>]*class="navbar-fixed-top"/, "as text, not a box of its own over the page's heading");
    },
  },
];
