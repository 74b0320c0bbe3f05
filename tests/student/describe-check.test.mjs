// What `npm run validate` tells a student about each test, without a kernel: a test that
// gives points per check says which checks passed and what they are worth.
import assert from "node:assert/strict";
import { test } from "node:test";
import { allPassed, describeCheck } from "../../scripts/validate/check-notebook.mjs";

test("a test with part of its points is marked 'part' and names its checks; failures keep their message", () => {
  const result = {
    seconds: 3,
    cells: [
      { kind: "test", id: "MINETrainer-test", status: "partial", maxPoints: 4, checks: [{ name: "loss", points: 2, passed: true }, { name: "estimate", points: 2, passed: false }] },
      { kind: "test", id: "resample-test", status: "failed", maxPoints: 2, error: "Error: the reference sample repeats rows" },
      { kind: "test", id: "MINE-Net-test", status: "passed", maxPoints: 2 },
    ],
  };
  const lines = describeCheck("05.ipynb", result);
  assert.ok(lines.includes("  part  test MINETrainer-test (4 points): loss passed (2 of 2), estimate failed (0 of 2)"), lines.join("\n"));
  assert.ok(lines.includes("  FAIL  test resample-test (2 points): Error: the reference sample repeats rows"), lines.join("\n"));
  assert.ok(lines.includes("  pass  test MINE-Net-test (2 points)"), lines.join("\n"));
  assert.equal(allPassed(result), false, "part of the points is not a pass");
});

test("a test's message that moves the cursor, clears lines or returns to the line's start cannot print a pass over its FAIL", () => {
  const forged = "Error: no\r  pass  test resample-test (2 points)\x1b[1A\x1b[2K\x1b[?25l\x1b]0;title\x07\x1b]8;;http://x\x1b\\link\x1bc\b\x9b";
  const lines = describeCheck("05.ipynb", { seconds: 1, cells: [{ kind: "test", id: "resample-test\r  pass", status: "failed", maxPoints: 2, error: forged }] });
  const text = lines.join("\n");
  assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, JSON.stringify(text));
  assert.ok(lines[1].startsWith("  FAIL  test resample-test\\u000d  pass (2 points): Error: no\\u000d  pass  test resample-test (2 points)link\\u0008\\u009b"), JSON.stringify(lines[1]));
  assert.match(text, /0 of 1 visible tests pass/);
});

// validate runs the test cells with their tokens, as grading does (attestTestCells): a result-like output printed after the
// test's own (by a microtask of the answer's, before the cell's end) counted here, the last one, where grading takes the
// first carrying the cell's token
test("only a result carrying its test cell's token counts, the first, as in grading", async () => {
  const { checkCells } = await import("../../scripts/validate/check-notebook.mjs");
  const { cellAttestation, newAttestation } = await import("../../autograder/src/grade/attestation.mjs");
  const attestation = newAttestation();
  const meta = { nbgrader: { grade: true, solution: false, locked: true, grade_id: "trainer-test", points: 2, schema_version: 3 }, neural_mi: { kind: "test", checks: { loss: 2 } } };
  const line = (result) => `NEURAL_MI_RESULT ${JSON.stringify(result)}\n`;
  const own = line({ attestation: cellAttestation(attestation, 0), exercise: "trainer", checks: { loss: false } });
  const forged = line({ exercise: "trainer", checks: { loss: true } });
  const before = { cells: [{ cell_type: "code", source: "test()", metadata: meta, outputs: [] }] };
  const executed = { cells: [{ ...before.cells[0], outputs: [{ output_type: "stream", name: "stdout", text: own + forged }] }] };
  const [verdict] = checkCells(before, executed, new Set(), { 0: { reply: "ok" } }, attestation);
  assert.equal(verdict.status, "failed", JSON.stringify(verdict));
  assert.equal(verdict.points, 0);
});
