// A test cell's verdict comes from facts a submission cannot forge: the kernel's reply,
// the absence of any error output, and the estimate the test itself reported (carrying
// the run's attestation) checked against the course's own ground truth and tolerance.
import assert from "node:assert/strict";
import { test } from "node:test";
import { attestTestCells, cellAttestation, restoreAttestedSources } from "../../autograder/src/grade/attestation.mjs";
import { gradeCell, gradeNotebookCells } from "../../autograder/src/grade/grade-cells.mjs";
import { HIDDEN_DIAGNOSTIC, hideHiddenTests } from "../../autograder/src/grade/hide-hidden-tests.mjs";
import { measuredResult, RESULT_MIME as MIME } from "../../autograder/src/grade/results.mjs";
import { withoutHiddenCode } from "../../lib/kernel/hidden-errors.cjs";

const TOKEN = "0123456789abcdef0123456789abcdef";
const grade = (points, neuralMi) => ({
  cell_type: "code",
  metadata: { nbgrader: { grade: true, grade_id: "mean-test", locked: true, points, schema_version: 3, solution: false }, ...(neuralMi ? { neural_mi: neuralMi } : {}) },
  source: "",
  outputs: [],
});
const executed = (outputs) => ({ cell_type: "code", metadata: {}, source: "", outputs });
const result = (fields) => ({ output_type: "display_data", data: { "text/plain": "mean: …", [MIME]: fields }, metadata: {} });
const error = (evalue) => ({ output_type: "error", ename: "Error", evalue, traceback: [] });
const stdout = (text) => ({ output_type: "stream", name: "stdout", text });
const ok = { seconds: 1, status: "ok", reply: "ok" };
const course = { ground_truth: 0.5, tolerance: 0.01, reports_estimate: true };

test("an error anywhere fails the cell: a result shown before it keeps no points", () => {
  const forged = gradeCell(executed([{ output_type: "execute_result", data: { "text/plain": "3" }, metadata: {}, execution_count: 1 }, error("wrong")]), grade(3), ok);
  assert.equal(forged.points, 0);
  assert.equal(forged.status, "failed");
  assert.match(forged.error, /Error: wrong/);
});

test("a cell the kernel did not answer with \"ok\" earns nothing, even without an error output", () => {
  const exercise = gradeCell(executed([]), grade(2), { seconds: 1, status: "ok", reply: "aborted" });
  assert.equal(exercise.points, 0);
  assert.match(exercise.error, /reply status "aborted"/);
  assert.equal(gradeCell(executed([]), grade(2), ok).points, 2);
});

test("only results carrying the run's attestation count; printed look-alikes are ignored", () => {
  const cell = executed([
    result({ exercise: "mean", estimate: 0.3, groundTruth: 0.5, tolerance: 0.01, attestation: TOKEN }),
    stdout(`NEURAL_MI_RESULT ${JSON.stringify({ estimate: 0.5, groundTruth: 0.5 })}\n`),
    result({ exercise: "mean", estimate: 0.5, groundTruth: 0.5, tolerance: 0.01, attestation: "guessed" }),
  ]);
  assert.equal(measuredResult(cell, TOKEN)?.estimate, 0.3);
  assert.equal(measuredResult(cell, TOKEN)?.attestation, undefined, "the token stays out of the report");
  const exercise = gradeCell(cell, grade(4, course), ok, TOKEN);
  assert.equal(exercise.points, 0);
  assert.equal(exercise.estimate, 0.3);
  assert.match(exercise.error, /the estimate the test reported, 0.3000, is more than 0.01 from the ground truth 0.5000/);
});

test("the course's ground truth and tolerance decide, not the ones the output claims", () => {
  const claims = executed([result({ exercise: "mean", estimate: 2, groundTruth: 2, tolerance: 100, attestation: TOKEN })]);
  const exercise = gradeCell(claims, grade(4, course), ok, TOKEN);
  assert.equal(exercise.points, 0);
  assert.equal(exercise.groundTruth, 0.5);
  assert.equal(exercise.tolerance, 0.01);
  const honest = gradeCell(executed([result({ exercise: "mean", estimate: 0.505, groundTruth: 0.5, tolerance: 0.01, attestation: TOKEN })]), grade(4, course), ok, TOKEN);
  assert.equal(honest.points, 4);
  assert.equal(honest.status, "passed");
});

test("a test that must report an estimate and reported none of its own fails", () => {
  const exercise = gradeCell(executed([stdout("all good\n")]), grade(4, course), ok, TOKEN);
  assert.equal(exercise.points, 0);
  assert.match(exercise.error, /reported no estimate of its own/);
});

test("the attestation goes into each reportResult call of a test cell, which runs in strict mode, and is taken out afterwards", () => {
  const source = 'import { reportResult } from "neural-mi";\nreportResult({ exercise: "mean", estimate, groundTruth: 0.5, tolerance: 0.01 });';
  const notebook = {
    cells: [
      { ...grade(3), source },
      { cell_type: "code", metadata: { nbgrader: { grade: false, grade_id: "mean", solution: true, locked: false } }, source: "reportResult({ exercise: 'x' })", outputs: [] },
    ],
  };
  const originals = attestTestCells(notebook, TOKEN);
  // strict: a sloppy function of the student's that the test calls cannot read the test's code through `caller`
  const token = cellAttestation(TOKEN, 0);
  assert.equal(notebook.cells[0].source, `"use strict"; ${source.replace("reportResult({", `reportResult({ attestation: "${token}", `)}`);
  assert.equal(notebook.cells[0].source.split("\n").length, source.split("\n").length, "the test's line numbers stay");
  assert.equal(notebook.cells[1].source, "reportResult({ exercise: 'x' })", "the student's cells get no token");
  restoreAttestedSources(notebook, originals);
  assert.equal(notebook.cells[0].source, source);
});

test("each test cell has a token of its own: one cell's token counts in no other", () => {
  const reference = { cells: [grade(4, course), { ...grade(4, course), metadata: { ...grade(4, course).metadata, nbgrader: { ...grade(4, course).metadata.nbgrader, grade_id: "other-test" } } }] };
  assert.notEqual(cellAttestation(TOKEN, 0), cellAttestation(TOKEN, 1));
  // the second test shows a passing result made with the first test's token
  const run = structuredClone(reference);
  run.cells[0].outputs = [result({ exercise: "mean", estimate: 0.3, groundTruth: 0.5, tolerance: 0.01, attestation: cellAttestation(TOKEN, 0) })];
  run.cells[1].outputs = [result({ exercise: "mean", estimate: 0.5, groundTruth: 0.5, tolerance: 0.01, attestation: cellAttestation(TOKEN, 0) })];
  const [first, second] = gradeNotebookCells(run, reference, { 0: ok, 1: ok }, TOKEN);
  assert.equal(first.estimate, 0.3);
  assert.deepEqual([second.points, second.estimate], [0, undefined]);
  assert.match(second.error, /reported no estimate of its own/);
});

// Points per check (course metadata neural_mi.checks): only the attested result's checks count,
// and the grader decides the "estimate" check itself from the course's ground truth and tolerance.
const weighed = { ...course, checks: { loss: 2, estimate: 2 } };

test("partial credit: the checks the test's own result reports earn their points; the grader decides the estimate", () => {
  const lossOnly = executed([result({ exercise: "mean", estimate: 0.6, groundTruth: 0.5, tolerance: 0.01, checks: { loss: true, estimate: false }, attestation: TOKEN })]);
  const partial = gradeCell(lossOnly, grade(4, weighed), ok, TOKEN);
  assert.deepEqual([partial.status, partial.points], ["partial", 2]);
  assert.deepEqual(partial.checks, [{ name: "loss", points: 2, passed: true }, { name: "estimate", points: 2, passed: false }]);
  assert.equal(partial.error, undefined, "a missed estimate is not an error: the cell ran cleanly");

  const claimsEstimate = executed([result({ exercise: "mean", estimate: 0.6, groundTruth: 0.6, tolerance: 1, checks: { loss: true, estimate: true }, attestation: TOKEN })]);
  assert.equal(gradeCell(claimsEstimate, grade(4, weighed), ok, TOKEN).points, 2, "the output's claim about the estimate is not believed");

  const both = executed([result({ exercise: "mean", estimate: 0.505, groundTruth: 0.5, tolerance: 0.01, checks: { loss: true, estimate: true }, attestation: TOKEN })]);
  assert.deepEqual([gradeCell(both, grade(4, weighed), ok, TOKEN).status, gradeCell(both, grade(4, weighed), ok, TOKEN).points], ["passed", 4]);
});

test("partial credit cannot be forged: results without the attestation, and numbers shown as a cell's value, give nothing", () => {
  const forged = executed([
    result({ exercise: "mean", estimate: 0.5, groundTruth: 0.5, tolerance: 0.01, checks: { loss: true, estimate: true }, attestation: "guessed" }),
    { output_type: "execute_result", data: { "text/plain": "4" }, metadata: {}, execution_count: 1 },
  ]);
  const exercise = gradeCell(forged, grade(4, weighed), ok, TOKEN);
  assert.deepEqual([exercise.status, exercise.points], ["failed", 0]);
  assert.match(exercise.error, /reported no checks of its own/);
  // nbgrader would give a test without checks the execute_result's 1 point; the grader gives all or nothing
  const valueShown = gradeCell(executed([{ output_type: "execute_result", data: { "text/plain": "1" }, metadata: {}, execution_count: 1 }]), grade(3), ok, TOKEN);
  assert.equal(valueShown.points, 3);
  const erred = gradeCell(executed([result({ exercise: "mean", estimate: 0.5, groundTruth: 0.5, tolerance: 0.01, checks: { loss: true, estimate: true }, attestation: TOKEN }), error("late")]), grade(4, weighed), ok, TOKEN);
  assert.deepEqual([erred.status, erred.points], ["failed", 0], "an error after the result still fails the cell");
});

test("the executed notebook shows where hidden tests were, not their code, nor the lines an error quotes from them", () => {
  const hidden = 'if (square(-2) !== 4) throw new Error("square(-2) should be 4");';
  const source = ["if (square(3) !== 9) throw new Error(\"square(3) should be 9\");", "  // BEGIN HIDDEN TESTS", `  ${hidden}`, "  // END HIDDEN TESTS"].join("\n");
  const traceback = ["\u001b[0;31mTypeScriptError\u001b[0m: the cell does not compile", `  3 |   ${hidden}`, "  at notebook cell"];
  const executed = { cells: [{ ...grade(2), source, outputs: [{ output_type: "error", ename: "TypeScriptError", evalue: "3:7 - Expected 1 argument", traceback }] }] };
  hideHiddenTests(executed);
  assert.equal(executed.cells[0].source, ["if (square(3) !== 9) throw new Error(\"square(3) should be 9\");", "  // (hidden tests, run when the notebook was graded: not shown)"].join("\n"));
  assert.deepEqual(executed.cells[0].outputs[0].traceback, [traceback[0], traceback[2]]);
  assert.equal(executed.cells[0].outputs[0].evalue, `3:7 - ${HIDDEN_DIAGNOSTIC}`, "a diagnostic about a hidden line says so, not what it is");
});

test("a TypeScript diagnostic about a hidden line shows nothing the submission's own types drew out of it", () => {
  // an answer declared `samples(n: 7, seed: number)`: the hidden call's diagnostic names its argument
  const source = ["const few = samples(7, 4);", "// BEGIN HIDDEN TESTS", "const many = samples(20000, randomInt(0, 2 ** 32));", "// END HIDDEN TESTS"].join("\n");
  const visible = "1:21 - Argument of type '8' is not assignable to parameter of type '7'.";
  const leaked = "3:22 - Argument of type '20000' is not assignable to parameter of type '7'.";
  const chained = "  Type '20000' is not comparable to type '7'.";
  const traceback = [
    "\u001b[0;31mTypeScriptError\u001b[0m: the cell does not compile (2 errors)",
    `\u001b[1m${visible.replace(" - ", "\u001b[0m - ")}`,
    "  1 | const few = samples(7, 4);",
    "    |                     \u001b[0;31m~\u001b[0m",
    `\u001b[1m${leaked.replace(" - ", "\u001b[0m - ")}`,
    chained,
    "  3 | const many = samples(20000, randomInt(0, 2 ** 32));",
    "    |                      \u001b[0;31m~~~~~\u001b[0m",
  ];
  const executed = { cells: [{ ...grade(2), source, outputs: [{ output_type: "error", ename: "TypeScriptError", evalue: [visible, leaked, chained].join("\n"), traceback }] }] };
  hideHiddenTests(executed);
  const [output] = executed.cells[0].outputs;
  assert.equal(output.evalue, [visible, `3:22 - ${HIDDEN_DIAGNOSTIC}`].join("\n"));
  assert.deepEqual(output.traceback, [...traceback.slice(0, 4), `3:22 - ${HIDDEN_DIAGNOSTIC}`]);
  assert.ok(!JSON.stringify(output).includes("20000"), "nothing of the hidden call is left");
});

test("the kernel hides a test's error as the grader does, before any subscriber to its IOPub receives it", () => {
  // lib/kernel/hidden-errors.cjs, on the error of the test above as tslab makes it (the code as sent: strict)
  const source = ["const few = samples(7, 4);", "// BEGIN HIDDEN TESTS", "const many = samples(20000, randomInt(0, 2 ** 32));", "// END HIDDEN TESTS"].join("\n");
  const visible = "1:21 - Argument of type '8' is not assignable to parameter of type '7'.";
  const leaked = "3:22 - Argument of type '20000' is not assignable to parameter of type '7'.";
  const traceback = [
    "\u001b[0;31mTypeScriptError\u001b[0m: the cell does not compile (2 errors)",
    `\u001b[1m${visible.replace(" - ", "\u001b[0m - ")}`,
    "  1 | const few = samples(7, 4);",
    `\u001b[1m${leaked.replace(" - ", "\u001b[0m - ")}`,
    "  3 | const many = samples(20000, randomInt(0, 2 ** 32));",
  ];
  const error = { ename: "TypeScriptError", evalue: [visible, leaked].join("\n"), traceback };
  const inKernel = withoutHiddenCode(`"use strict"; ${source}`, error);
  const executed = { cells: [{ ...grade(2), source, outputs: [{ output_type: "error", ...error }] }] };
  hideHiddenTests(executed);
  assert.deepEqual(inKernel, { evalue: executed.cells[0].outputs[0].evalue, traceback: executed.cells[0].outputs[0].traceback });
  // a runtime error's traceback line quoting a hidden line goes too; its message stays
  const runtime = withoutHiddenCode(source, { ename: "Error", evalue: "boom", traceback: ["Error: boom", "    const many = samples(20000, randomInt(0, 2 ** 32));"] });
  assert.deepEqual(runtime, { evalue: "boom", traceback: ["Error: boom"] });
});
