// A notebook file holding bytes that are not UTF-8: an editor that saves in Latin-1 or Windows-1252
// writes "é" as the one byte 0xE9. `npm run autograde` read each such byte as U+FFFD and graded the
// notebook in full, while nbgrader, which could not decode it, graded it as released (0 points): the
// same file, two scores. Both now read it as ours did, with a note saying how to save it.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureSubmissions, gradeByBoth, temporaryDir } from "./helpers.mjs";

/** The fixture course's right submission, saved with "é" as Latin-1 in an answer's comment and in a written answer. */
function submission() {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const square = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  square.source = `// carré\n${[square.source].flat().join("")}`;
  const why = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "why-square");
  why.source = "Le produit de deux nombres de même signe est positif.";
  const dir = join(temporaryDir(), "class", "latin");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "arith.ipynb"), Buffer.from(JSON.stringify(notebook, null, 1), "latin1"));
  return dir;
}

test("a notebook saved with bytes that are not UTF-8 is graded as any other, by both graders, with a note", async () => {
  const folder = submission();
  assert.ok(readFileSync(join(folder, "arith.ipynb")).includes(Buffer.from([0x20, 0x6d, 0xea, 0x6d, 0x65])), "saved as Latin-1");
  const { report, gradebook } = await gradeByBoth(folder);
  const arith = report.students[0].notebooks.find((notebook) => notebook.notebook === "arith.ipynb");
  assert.equal(arith.status, "graded", arith.message);
  assert.deepEqual(
    arith.exercises.map((exercise) => [exercise.id, exercise.points]),
    [["square-test", 2], ["why-square", null], ["mean-test", 3]],
  );
  assert.equal(arith.exercises[1].answer, "Le produit de deux nombres de m\ufffdme signe est positif.");
  assert.ok(arith.notes.some((note) => /bytes that are not UTF-8/.test(note.message)), JSON.stringify(arith.notes));
  assert.deepEqual(
    Object.fromEntries(Object.entries(gradebook.latin).map(([cell, grade]) => [cell, grade.auto])),
    { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 0 },
  );
});
