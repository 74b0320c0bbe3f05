// A submission chooses the types a hidden test's code is checked against: an answer declared
// `square(x: 3)` made TypeScript's diagnostic of the hidden call `square(-2)` read "Argument of
// type '-2' is not assignable to parameter of type '3'", in the student's feedback (both graders')
// and in the messages of our reports. Graded for real, nothing of it is left in our reports;
// nbgrader's feedback step is checked on such an error in feedback-hidden-tests.test.mjs.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { HIDDEN_DIAGNOSTIC } from "../../autograder/src/grade/hide-hidden-tests.mjs";
import { fixtureCourse, fixtureSubmissions, readJson, runNode, temporaryDir } from "./helpers.mjs";

const LEAK = /type '-2'/;

/** Every file under `dir` whose text matches `pattern`. */
function filesMatching(dir, pattern) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile() && pattern.test(readFileSync(path, "latin1")));
}

const out = join(temporaryDir(), "grading");
before(async () => {
  const folder = join(temporaryDir(), "class", "eve");
  mkdirSync(folder, { recursive: true });
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const answer = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  answer.source = "function square(x: 3): number {\n  return x * x;\n}";
  writeFileSync(join(folder, "arith.ipynb"), JSON.stringify(notebook));
  const run = await runNode(["autograder/bin/autograde.mjs", join(folder, ".."), "--source", fixtureCourse, "--out", out, "--jobs", "1", "--cell-timeout", "60", "--notebook-timeout", "180"]);
  assert.equal(run.code, 0, `autograde failed:\n${run.stdout}\n${run.stderr}`);
});

test("our grader: the feedback notebook and the reports say the hidden tests do not compile, not what TypeScript quoted of them", () => {
  const report = readJson(join(out, "report.json"));
  const exercise = report.students[0].notebooks.find((notebook) => notebook.notebook === "arith.ipynb").exercises.find((e) => e.id === "square-test");
  assert.deepEqual([exercise.status, exercise.points], ["failed", 0]);
  assert.ok(exercise.error.includes(HIDDEN_DIAGNOSTIC), exercise.error);
  assert.deepEqual(filesMatching(out, LEAK), []);
});

