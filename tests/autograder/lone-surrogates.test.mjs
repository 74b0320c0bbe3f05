// Text that UTF-8 cannot encode: JavaScript strings may hold a UTF-16 code unit that pairs with
// nothing ("😀".slice(0, 1)), JSON carries it as an escape ("\ud800"), and Python keeps it in a
// string, but writing it to a file fails. A notebook whose cells printed or showed one, or held one
// in a cell's source, was the grader's own error under `npm run autograde` (the runner could not
// write the executed notebook) and, under nbgrader, failed the student's whole assignment. Both
// graders now write U+FFFD in its place, and grade the notebook as any other.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureSubmissions, gradeByBoth, temporaryDir } from "./helpers.mjs";

const LONE = "\ud800";

/** The fixture course's right submission, with a lone surrogate in an answer, a cell of its own, its output, a display and a Markdown cell. */
function submission() {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
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
  const dir = join(temporaryDir(), "class", "halves");
  mkdirSync(dir, { recursive: true });
  // JSON.stringify writes the lone code unit as the escape "\ud800", as Jupyter would save it
  writeFileSync(join(dir, "arith.ipynb"), JSON.stringify(notebook));
  return dir;
}

test("a notebook holding lone surrogates is graded as any other, by both graders", async () => {
  const folder = submission();
  const { out, report, gradebook } = await gradeByBoth(folder);
  const arith = report.students[0].notebooks.find((notebook) => notebook.notebook === "arith.ipynb");
  assert.equal(arith.status, "graded", arith.message);
  assert.deepEqual(
    arith.exercises.map((exercise) => [exercise.id, exercise.points]),
    [["square-test", 2], ["why-square", null], ["mean-test", 3]],
  );
  const executed = readFileSync(join(out, "students", "halves", "arith.ipynb"), "utf8");
  assert.match(executed, /printed \uFFFD/);
  assert.match(executed, /shown \uFFFD/);
  assert.deepEqual(
    Object.fromEntries(Object.entries(gradebook.halves).map(([cell, grade]) => [cell, grade.auto])),
    { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 0 },
  );
});
