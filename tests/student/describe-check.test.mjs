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
