// What the odd-notebook cases read from one class graded by both graders (odd-notebooks.test.mjs).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureSubmissions } from "../helpers.mjs";

/** The fixture's right `arith.ipynb`, parsed, to change. */
export const perfectArith = () => JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));

/** The student's folder in the class folder, made. */
export function studentFolder(classDir, student) {
  const dir = join(classDir, student);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** `arith.ipynb` of `student` in our report. */
export function arithOf(report, student) {
  const entry = report.students.find((item) => item.student === student);
  assert.ok(entry, `${student} is in the report`);
  return entry.notebooks.find((notebook) => notebook.notebook === "arith.ipynb");
}

/** Graded in full by both graders: arith.ipynb's points in ours, and in nbgrader's gradebook (strings.ipynb not handed in). */
export function assertGradedInFull({ report, gradebook }, student) {
  const arith = arithOf(report, student);
  assert.equal(arith.status, "graded", arith.message);
  assert.deepEqual(
    arith.exercises.map((exercise) => [exercise.id, exercise.points]),
    [["square-test", 2], ["why-square", null], ["mean-test", 3]],
  );
  assert.ok(gradebook[student], `nbgrader graded ${student}`);
  assert.deepEqual(
    Object.fromEntries(Object.entries(gradebook[student]).map(([cell, grade]) => [cell, grade.auto])),
    { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 0 },
  );
  return arith;
}
