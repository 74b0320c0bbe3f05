// A written answer is kept in every report for a person to grade (the student's result, the class's
// report.json, rewritten after every student, manual-grades.json and its pages). A notebook may hold
// 20 MB of text: five chapters of such answers put 100 MB into each rewrite of the class report, and
// six such students more than the longest string V8 makes, where writing the report throws, which
// would stop the run for the whole class. The reports keep an answer's first 100,000 characters and a note with the
// whole answer's hash, so that an answer changed anywhere is still a changed answer to grade again.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gradeCell } from "../../autograder/src/grade/grade-cells.mjs";
import { manualPages } from "../../autograder/src/report/manual-pages.mjs";

const written = (source) => ({
  cell_type: "markdown",
  metadata: { nbgrader: { grade: true, solution: true, grade_id: "why", points: 1, schema_version: 3, checksum: "released" } },
  source,
});

test("a written answer of megabytes is kept in the reports as its beginning and the hash of the whole", () => {
  const long = `Because ${"the product of two numbers of the same sign is positive; ".repeat(100_000)}`;
  const exercise = gradeCell(written(long), written(""), undefined, undefined);
  assert.equal(exercise.status, "needs-manual-grading");
  assert.ok(exercise.answer.length < 101_000, `${exercise.answer.length} characters kept`);
  assert.ok(exercise.answer.startsWith(long.slice(0, 100_000)));
  assert.match(exercise.answer, /\[… 5600008 more characters, left out of the reports by the autograder \(SHA-256 of the whole answer: [0-9a-f]{64}\)/);
  // changed past what is kept, it is another answer to grade by hand
  const changed = gradeCell(written(`${long}!`), written(""), undefined, undefined);
  assert.notEqual(changed.answer, exercise.answer);
  // a short answer is kept whole, and a character beyond the BMP is not cut in two
  assert.equal(gradeCell(written("Because."), written(""), undefined, undefined).answer, "Because.");
  const emoji = gradeCell(written(`${"a".repeat(99_999)}😀${"b".repeat(10)}`), written(""), undefined, undefined).answer;
  assert.doesNotMatch(emoji, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  // and the page for grading it by hand is short too
  const [page] = manualPages({ about: "", grades: [{ student: "eve", notebook: "a.ipynb", exercise: "why", maxPoints: 1, points: null, comment: "", answer: exercise.answer, reference: "r", answerHash: "0" }] });
  assert.ok(page.text.length < 110_000, `${page.text.length} characters on the page`);
});
