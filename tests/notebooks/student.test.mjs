// The student version of every chapter (nbgrader's ClearSolutions with autograder/stubs.json
// and ClearHiddenTests, as `nbgrader generate_assignment` makes it) fails the test cell of
// every code exercise, and no other test cell: each test really tests its exercise.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { codeExercises, courseNotebooks, runNotebook } from "./helpers.mjs";

// Two chapters at a time, each in its own kernel: a kernel computes on one core.
describe("every chapter", { concurrency: 2 }, () => {
  for (const { name, file, notebook } of courseNotebooks()) {
    test(`${name}: the student version fails exactly the tests of its code exercises`, async (t) => {
      const report = await runNotebook(file, { student: true });
      t.diagnostic(`${name} (student version): executed in ${report.seconds.toFixed(1)} s`);
      if (report.firstStart) t.diagnostic(`${name}: its first kernel did not start (${report.firstStart}); run with a second`);

      const expected = codeExercises(notebook).map((e) => `${e.id}-test`);
      const graded = report.cells.filter((c) => c.kind === "test");
      const failing = graded.filter((c) => !c.ok).map((c) => c.grade_id);
      assert.deepEqual(failing, expected, report.stop ? `the run stopped: ${report.stop.message}` : undefined);
      for (const cell of graded.filter((c) => !c.ok)) {
        assert.equal(cell.ename, "Error", `${cell.grade_id}: ${cell.ename}: ${cell.evalue}`);
        assert.equal(cell.stderr.trim(), "", `${cell.grade_id} wrote to stderr`);
      }

      // Everything before the first exercise runs, so the student starts from a working notebook.
      const firstSolution = notebook.cells.findIndex((c) => c.metadata?.nbgrader?.solution && c.cell_type === "code");
      const before = report.cells.filter((c) => firstSolution < 0 || c.index < firstSolution);
      assert.deepEqual(before.filter((c) => !c.ok).map((c) => `cell ${c.index}: ${c.evalue}`), []);
    });
  }
});
