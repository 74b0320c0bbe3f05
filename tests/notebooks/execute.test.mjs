// Every chapter, as written (solutions in), runs headlessly through nbclient on the real
// tslab kernel without any error or stderr output and passes its own tests; then, in the same
// kernel, each wrong but plausible answer of wrong-answers.mjs makes its exercise's test fail.
// It runs as the graders run it (NBGRADER_EXECUTION=autograde): the course's demonstrations
// train their shortened length and say so; the browser test runs them in full.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { codeExercises, courseNotebooks, describeFailures, runNotebook, sourceOf, withAnswer } from "./helpers.mjs";
import { wrongAnswers } from "./wrong-answers.mjs";

const times = [];

// Two chapters at a time, each in its own kernel: a kernel computes on one core.
describe("every chapter", { concurrency: 2 }, () => {
  for (const { name, file, notebook } of courseNotebooks()) {
    const exercises = codeExercises(notebook);
    // Each probe: the wrong answer, the exercise's test (must fail), the right answer again.
    const probes = exercises.flatMap(({ id, solution, test: testCell }) =>
      (wrongAnswers[id] ?? []).map((wrong) => ({
        name: `${id}: ${wrong.why}`,
        cells: [withAnswer(sourceOf(solution), wrong.code), sourceOf(testCell), sourceOf(solution)],
      })),
    );

    // what a probe's failing test must say, where wrong-answers.mjs says it
    const messages = new Map(exercises.flatMap(({ id }) => (wrongAnswers[id] ?? []).filter((wrong) => wrong.message).map((wrong) => [`${id}: ${wrong.why}`, wrong.message])));
    // and what the answer itself writes to stderr, where TensorFlow.js says something of it
    const answerStderr = new Map(exercises.flatMap(({ id }) => (wrongAnswers[id] ?? []).filter((wrong) => wrong.stderr).map((wrong) => [`${id}: ${wrong.why}`, wrong.stderr])));

    test(`${name} runs without errors and passes its tests; wrong answers fail them`, async (t) => {
      const report = await runNotebook(file, { probes });
      times.push([name, report.seconds]);
      t.diagnostic(`${name}: executed in ${report.seconds.toFixed(1)} s`);

      assert.equal(describeFailures(report.cells), "", `cells failed${report.stop ? `; the runner stopped: ${report.stop.message}` : ""}`);
      const noisy = report.cells.filter((c) => c.stderr.trim() !== "");
      assert.deepEqual(noisy.map((c) => `cell ${c.index}: ${c.stderr}`), [], "nothing may be written to stderr");
      const codeCells = notebook.cells.filter((c) => c.cell_type === "code").length;
      assert.equal(report.cells.length, codeCells, "every code cell ran");

      // every demonstration that can be shortened was, and said so in its output
      const shortenable = notebook.cells.flatMap((c, index) => (c.cell_type === "code" && /\bdemonstrationLength\s*\(/.test(sourceOf(c)) ? [index] : []));
      assert.deepEqual(
        report.cells.filter((c) => c.stdout.includes("Shortened for grading:")).map((c) => c.index),
        shortenable,
        "the demonstrations' notes",
      );

      // every test cell that reports an estimate (our metadata says which) sends exactly one
      const reporting = notebook.cells.filter((c) => c.cell_type === "code" && c.metadata?.neural_mi?.reports_estimate);
      assert.deepEqual(
        report.cells.filter((c) => c.results.length > 0).map((c) => [c.id, c.results.length]),
        reporting.map((c) => [c.id, 1]),
      );
      for (const cell of report.cells.filter((c) => c.results.length > 0)) {
        for (const result of cell.results) {
          assert.ok(
            Math.abs(result.estimate - result.groundTruth) <= result.tolerance,
            `${result.exercise}: estimate ${result.estimate} is not within ${result.tolerance} of ${result.groundTruth}`,
          );
        }
      }

      for (const id of exercises.map((e) => e.id)) {
        assert.ok((wrongAnswers[id] ?? []).length > 0, `${id} has no wrong answers to try`);
      }
      for (const probe of report.probes) {
        const [wrong, testCell, restored] = probe.cells;
        assert.ok(wrong.ok, `${probe.name}: the wrong answer itself should run (${wrong.ename}: ${wrong.evalue})`);
        assert.equal(testCell.ok, false, `${probe.name}: the test passed a wrong answer`);
        assert.equal(testCell.ename, "Error", `${probe.name}: the test must throw an Error, got ${testCell.ename}: ${testCell.evalue}`);
        assert.ok(testCell.evalue && testCell.evalue.length > 20, `${probe.name}: the message must say what is wrong, got "${testCell.evalue}"`);
        const message = messages.get(probe.name);
        if (message) assert.match(testCell.evalue, message, `${probe.name}: the message must name the real problem`);
        const allowed = answerStderr.get(probe.name);
        if (allowed) assert.match(testCell.stderr.trim(), allowed, `${probe.name}: what the answer wrote to stderr`);
        else assert.equal(testCell.stderr.trim(), "", `${probe.name}: the failing test wrote to stderr`);
        assert.ok(restored.ok, `${probe.name}: restoring the right answer failed`);
        t.diagnostic(`${probe.name} -> ${testCell.evalue}`);
      }
    });
  }
});

after(() => {
  const total = times.reduce((sum, [, s]) => sum + s, 0);
  console.log("execution time per notebook:");
  for (const [name, seconds] of times) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
  console.log(`  ${total.toFixed(1).padStart(6)} s  the whole course`);
});
