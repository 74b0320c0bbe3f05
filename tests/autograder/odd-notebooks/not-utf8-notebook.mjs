// A notebook file holding bytes that are not UTF-8: an editor that saves in Latin-1 or Windows-1252
// writes "é" as the one byte 0xE9. `npm run autograde` read each such byte as U+FFFD and graded the
// notebook in full, while nbgrader, which could not decode it, graded it as released (0 points): the
// same file, two scores. Both now read it as ours did, with a note saying how to save it.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertGradedInFull, perfectArith, studentFolder } from "./graded.mjs";

export const cases = [
  {
    student: "latin",
    title: "a notebook saved with bytes that are not UTF-8 is graded as any other, by both graders, with a note",
    build(classDir) {
      // the fixture's right submission, saved with "é" as Latin-1 in an answer's comment and in a written answer
      const notebook = perfectArith();
      const square = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
      square.source = `// carré\n${[square.source].flat().join("")}`;
      const why = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "why-square");
      why.source = "Le produit de deux nombres de même signe est positif.";
      const file = join(studentFolder(classDir, this.student), "arith.ipynb");
      writeFileSync(file, Buffer.from(JSON.stringify(notebook, null, 1), "latin1"));
      assert.ok(readFileSync(file).includes(Buffer.from([0x20, 0x6d, 0xea, 0x6d, 0x65])), "saved as Latin-1");
    },
    check(graded) {
      const arith = assertGradedInFull(graded, this.student);
      assert.equal(arith.exercises[1].answer, "Le produit de deux nombres de m\ufffdme signe est positif.");
      assert.ok(arith.notes.some((note) => /bytes that are not UTF-8/.test(note.message)), JSON.stringify(arith.notes));
    },
  },
];
