// Under `nbgrader autograde`, a cell the kernel's interrupt does not end (a loop after an `await`:
// the interrupt stops a cell's synchronous code only) fails, the kernel is stopped and the cells
// after it are not run, as `npm run autograde` stops such a kernel (src/nbgrader/notebook_time.py).
// nbclient's CellTimeoutError ("Timeout waiting for IOPub output") went out of Execute, and the
// student's whole assignment, every notebook of it, was left ungraded: one line spared failing
// work its grade.
import assert from "node:assert/strict";

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";

import { fixtureCourse, nbgraderOutput, readNbgraderGradebook, releaseAssignment, submitEditedFixture, temporaryDir } from "./helpers.mjs";

test("a cell that loops out of the interrupt's reach fails, its kernel is stopped, and the rest of the assignment is graded", async () => {
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  await releaseAssignment(courseDir, "fixture");
  // past an await the interrupt cannot reach the loop; it waits (Atomics.wait) rather than computes,
  // so that the cell's 10 s and the stop after them cost no core
  submitEditedFixture(courseDir, "unstoppable", (source) => `${source}\nawait null;\nconst pause = new Int32Array(new SharedArrayBuffer(4));\nwhile (true) Atomics.wait(pause, 0, 0, 100);`);
  submitEditedFixture(courseDir, "perfect", (source) => source);

  // cells of 10 s, and 5 s for the outputs after a reply, instead of the course's 600 s and 120 s
  const { code, output } = await nbgraderOutput(["autograde", "fixture", "--force", "--Execute.timeout=10", "--Execute.iopub_timeout=5"], courseDir);
  assert.doesNotMatch(output, /There was an error processing assignment/);
  assert.equal(code, 0, output.slice(-5000));
  const gradebook = readNbgraderGradebook(courseDir, "fixture");
  const auto = (student) => Object.fromEntries(Object.entries(gradebook[student]).map(([cell, grade]) => [cell, grade.auto]));
  const full = { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 1 };
  assert.deepEqual(auto("perfect"), full);
  // its tests after the loop were not run; its other notebook is graded
  assert.deepEqual(auto("unstoppable"), { ...full, "arith.ipynb:square-test": 0, "arith.ipynb:mean-test": 0 });
  const cells = JSON.parse(readFileSync(join(courseDir, "autograded", "unstoppable", "fixture", "arith.ipynb"), "utf8")).cells;
  const answer = cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  assert.match(JSON.stringify(answer.outputs), /the kernel did not end cell \d+ when interrupted/);
  const squareTest = cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square-test");
  assert.deepEqual(squareTest.outputs.map((o) => o.ename), ["NotRun"]);
});
