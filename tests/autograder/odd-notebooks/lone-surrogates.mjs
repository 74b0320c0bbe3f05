// Text that UTF-8 cannot encode: JavaScript strings may hold a UTF-16 code unit that pairs with
// nothing ("😀".slice(0, 1)), JSON carries it as an escape ("\ud800"), and Python keeps it in a
// string, but writing it to a file fails. A notebook whose cells printed or showed one, or held one
// in a cell's source, was the grader's own error under `npm run autograde` (the runner could not
// write the executed notebook) and, under nbgrader, failed the student's whole assignment. Both
// graders now write U+FFFD in its place, and grade the notebook as any other.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertGradedInFull, perfectArith, studentFolder } from "./graded.mjs";

const LONE = "\ud800";

export const cases = [
  {
    student: "halves",
    title: "a notebook holding lone surrogates is graded as any other, by both graders",
    build(classDir) {
      const notebook = perfectArith();
      const square = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
      square.source = `// half of an emoji: ${LONE}\n${[square.source].flat().join("")}`;
      const at = notebook.cells.indexOf(square) + 1;
      notebook.cells.splice(
        at,
        0,
        { cell_type: "markdown", id: "own-text", metadata: {}, source: `a note ${LONE} of the student's` },
        {
          cell_type: "code",
          execution_count: null,
          id: "own-code",
          metadata: {},
          outputs: [],
          source: `import { display } from "tslab";\nconst half = "😀".slice(0, 1);\nconsole.log("printed " + half);\ndisplay.text("shown " + half);`,
        },
      );
      // JSON.stringify writes the lone code unit as the escape "\ud800", as Jupyter would save it
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), JSON.stringify(notebook));
    },
    check(graded) {
      assertGradedInFull(graded, this.student);
      const executed = readFileSync(join(graded.out, "students", this.student, "arith.ipynb"), "utf8");
      assert.match(executed, /printed \uFFFD/);
      assert.match(executed, /shown \uFFFD/);
    },
  },
];
