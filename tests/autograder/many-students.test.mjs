// @ts-check
// A class of hundreds: the reports, rewritten after every student, apply the file of points
// entered by hand to every student. Each student's entries are found in an index of the file
// made once, not by searching the whole file for each student (which made every rewrite grow
// with students × entries). Counted in reads of the file's entries, not timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerHash, withManualGrades } from "../../autograder/src/report/manual-grades.mjs";

const STUDENTS = 60;
const ANSWERS = 3;

/** The file of points entered by hand for the whole class, its entries' reads counted. */
function countedFile() {
  const grades = [];
  for (let s = 0; s < STUDENTS; s++) {
    for (let a = 0; a < ANSWERS; a++) {
      grades.push({ student: `s${s}`, notebook: "nb", exercise: `e${a}`, maxPoints: 2, points: a === 0 ? 2 : null, comment: "",
        answer: `answer ${s}`, reference: "the reference", answerHash: answerHash(`answer ${s}`) });
    }
  }
  const reads = { count: 0 };
  const counted = new Proxy(grades, {
    get(target, property, receiver) {
      if (typeof property === "string" && /^\d+$/.test(property)) reads.count += 1;
      return Reflect.get(target, property, receiver);
    },
  });
  return { file: { about: "", grades: /** @type {any} */ (counted) }, reads };
}

/** @param {number} s */
function student(s) {
  const exercises = Array.from({ length: ANSWERS }, (_, a) => ({
    id: `e${a}`, kind: "written", status: "needs-manual-grading", points: null, maxPoints: 2, answer: `answer ${s}`,
  }));
  return /** @type {any} */ ({ student: `s${s}`, status: "graded", score: 0, maxScore: 6, pendingManual: 6, notes: [],
    notebooks: [{ notebook: "nb", status: "graded", score: 0, maxScore: 6, pendingManual: 6, exercises }] });
}

test("the points entered by hand for a class of 60 are applied reading each entry of the file a bounded number of times", () => {
  const { file, reads } = countedFile();
  const scored = Array.from({ length: STUDENTS }, (_, s) => withManualGrades(student(s), file));
  // every student's hand-graded answer counts, the others still wait
  assert.deepEqual(new Set(scored.map((item) => `${item.manualScore}/${item.pendingManual}`)), new Set(["2/4"]));
  // searching the whole file for each student read 60 × 180 = 10,800 entries
  assert.ok(reads.count <= 2 * STUDENTS * ANSWERS, `read ${reads.count} entries of ${STUDENTS * ANSWERS} to apply the file to ${STUDENTS} students`);
});

test("of two entries for the same answer, the later one counts, as before the index", () => {
  const { file } = countedFile();
  file.grades.push({ ...file.grades[0], points: 1 });
  assert.equal(withManualGrades(student(0), file).manualScore, 1);
});
