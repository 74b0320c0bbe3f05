// demonstrationLength: a course demonstration trains in full for students and shortened, with a
// note in its output, only while the notebook is graded (NBGRADER_EXECUTION=autograde).
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { demonstrationLength, isBeingGraded } from "neural-mi";

const saved = process.env.NBGRADER_EXECUTION;
afterEach(() => {
  if (saved === undefined) delete process.env.NBGRADER_EXECUTION;
  else process.env.NBGRADER_EXECUTION = saved;
});

/** What demonstrationLength returns and prints (console.log) under `execution`. */
function run(execution, ...args) {
  if (execution === undefined) delete process.env.NBGRADER_EXECUTION;
  else process.env.NBGRADER_EXECUTION = execution;
  const printed = [];
  const log = console.log;
  console.log = (...parts) => printed.push(parts.join(" "));
  try {
    return { length: demonstrationLength(...args), printed };
  } finally {
    console.log = log;
  }
}

test("a student's run (no NBGRADER_EXECUTION, or nbgrader's validate) trains in full and prints nothing", () => {
  for (const execution of [undefined, "", "validate"]) {
    assert.deepEqual(run(execution, 80, 8), { length: 80, printed: [] }, `NBGRADER_EXECUTION=${execution}`);
  }
});

test("a graded run trains the shorter length and says so in one line, with how to see it in full", () => {
  const { length, printed } = run("autograde", 3000, 300, "steps");
  assert.equal(length, 300);
  assert.equal(printed.length, 1);
  assert.match(printed[0], /^Shortened for grading: this demonstration trains 300 of its 3000 steps .*run the notebook yourself to see it in full\.$/);
  assert.equal(isBeingGraded(), true);
});

test("bad lengths and units are refused with the name of the argument", () => {
  assert.throws(() => demonstrationLength(8, 80), /whenGraded \(80\) must not exceed full \(8\)/);
  assert.throws(() => demonstrationLength(0, 0), /full/);
  assert.throws(() => demonstrationLength(80, 2.5), /whenGraded/);
  assert.throws(() => demonstrationLength(80, 8, "minutes"), /unit/);
});
