// A notebook whose kernel dies (`process.exit()` in a cell of the student's) is graded with the
// cells before it, under nbgrader as under `npm run autograde`: the cells after it are not run and
// their tests fail. nbclient's DeadKernelError went out of nbgrader's Execute, and "There was an
// error processing assignment" left the student's whole assignment ungraded, the notebook that
// failed and the other, right one alike (src/nbgrader/notebook_time.py).
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureSubmissions } from "../helpers.mjs";
import { studentFolder } from "./graded.mjs";

export const cases = [
  {
    student: "exits",
    title: "a kernel that exits fails the tests after it, and the rest of the assignment is graded, by both graders",
    build(classDir) {
      const folder = studentFolder(classDir, this.student);
      cpSync(join(fixtureSubmissions, "perfect"), folder, { recursive: true });
      const notebook = JSON.parse(readFileSync(join(folder, "arith.ipynb"), "utf8"));
      const at = notebook.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id === "square-test") + 1;
      notebook.cells.splice(at, 0, { cell_type: "code", execution_count: null, id: "own-exit", metadata: {}, outputs: [], source: "process.exit(3);" });
      writeFileSync(join(folder, "arith.ipynb"), JSON.stringify(notebook));
    },
    check({ report, courseDir, gradebook }) {
      const ours = Object.fromEntries(
        report.students
          .find((item) => item.student === this.student)
          .notebooks.flatMap((notebook) => notebook.exercises.map((exercise) => [`${notebook.notebook}:${exercise.id}`, exercise.points])),
      );
      const expected = { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 0, "strings.ipynb:shout-test": 1 };
      assert.deepEqual(ours, expected);
      assert.deepEqual(Object.fromEntries(Object.entries(gradebook[this.student]).map(([cell, grade]) => [cell, grade.auto])), expected);
      const autograded = JSON.parse(readFileSync(join(courseDir, "autograded", this.student, "fixture", "arith.ipynb"), "utf8"));
      const mean = autograded.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "mean-test");
      assert.match(mean.outputs.map((output) => `${output.ename}: ${output.evalue}`).join("\n"), /NotRun: not run: the kernel died at cell \d+/);
    },
  },
];
