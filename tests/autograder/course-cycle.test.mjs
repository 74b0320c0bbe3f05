// The whole course, end to end, twice: the example submissions graded by
// `npm run autograde`, and by real nbgrader through a course cycle
// (generate_assignment, submissions, autograde, generate_feedback). The two
// must agree cell by cell. The course trains networks, so each grader runs once
// and every test reads those runs.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { makeExamples } from "../../autograder/examples/make-examples.mjs";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { gradeWithNbgrader, readJson, repoRoot, runNode, temporaryDir } from "./helpers.mjs";

const examplesDir = join(repoRoot, "autograder", "examples");
const ASSIGNMENT = "neural-mi";

let ours;
let courseDir;
let gradebook;

before(async () => {
  // The two graders run side by side: together they keep both cores busy.
  const out = join(temporaryDir(), "grading");
  const oursDone = runNode(["autograder/bin/autograde.mjs", "--out", out]);

  ({ courseDir } = createCourseDir({ courseDir: temporaryDir(), assignment: ASSIGNMENT }));
  const students = readdirSync(examplesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  gradebook = await gradeWithNbgrader(courseDir, ASSIGNMENT, Object.fromEntries(students.map((entry) => [entry.name, join(examplesDir, entry.name)])));

  const run = await oursDone;
  assert.equal(run.code, 0, `npm run autograde failed:\n${run.stdout}\n${run.stderr}`);
  ours = readJson(join(out, "report.json"));
});

const student = (name) => ours.students.find((item) => item.student === name);
const exercisesOf = (name) =>
  Object.fromEntries(student(name).notebooks.flatMap((notebook) => notebook.exercises.map((item) => [`${notebook.notebook}:${item.id}`, item])));

test("the shipped examples are what make-examples.mjs makes from the current notebooks", () => {
  const { files, readme } = makeExamples();
  const stale = [];
  for (const [name, notebooks] of Object.entries(files)) {
    for (const [file, text] of Object.entries(notebooks)) {
      const path = join(examplesDir, name, file);
      if (!existsSync(path) || readFileSync(path, "utf8") !== text) stale.push(`${name}/${file}`);
    }
  }
  if (readFileSync(join(examplesDir, "README.md"), "utf8") !== readme) stale.push("README.md");
  assert.deepEqual(stale, [], "the notebooks changed: run `node autograder/examples/make-examples.mjs` and commit autograder/examples");
});

test("npm run autograde grades the examples: the perfect student passes every test", () => {
  assert.equal(ours.complete, true);
  const perfect = student("perfect");
  assert.equal(perfect.status, "graded", perfect.message);
  const tests = Object.values(exercisesOf("perfect")).filter((item) => item.kind === "test");
  assert.ok(tests.length >= 5);
  for (const item of tests) assert.equal(item.status, "passed", `${item.id}: ${item.error}`);
  const written = Object.values(exercisesOf("perfect")).filter((item) => item.kind === "written");
  assert.ok(written.every((item) => item.status === "needs-manual-grading"));
  assert.equal(perfect.score + perfect.pendingManual, perfect.maxScore);
  const mine = Object.values(exercisesOf("perfect")).find((item) => item.id === "MINETrainer-test");
  assert.ok(Math.abs(mine.estimate - mine.groundTruth) <= mine.tolerance, `MINE estimate ${mine.estimate} vs ${mine.groundTruth}`);
});

test("the partial student: right answers pass, wrong and missing ones fail with the tests' messages", () => {
  const exercises = exercisesOf("partial");
  const status = (id) => Object.values(exercises).find((item) => item.id === id);
  assert.equal(status("sampling-test").status, "passed");
  assert.equal(status("MINE-Net-test").status, "passed");
  assert.equal(status("ground_truth-test").status, "failed");
  assert.match(status("ground_truth-test").error, /groundTruth\(/);
  assert.equal(status("resample-test").status, "failed");
  assert.match(status("MINETrainer-test").error, /No answer given yet/);
  assert.equal(status("unknown-distribution").status, "needs-manual-grading");
  assert.equal(status("optional-r").status, "no-answer");
});

test("the empty and tampered students: missing notebooks, restored tests, all reported", () => {
  const empty = student("empty");
  assert.equal(empty.score, 0);
  assert.deepEqual(
    empty.notebooks.filter((notebook) => notebook.status === "not-submitted").map((notebook) => notebook.notebook),
    ["04-extension-f-divergence.ipynb", "05-mutual-information-estimation.ipynb"],
  );
  const tampered = student("tampered");
  const notes = tampered.notebooks.flatMap((notebook) => notebook.notes.map((note) => note.message));
  assert.ok(notes.includes('the test cell "sampling-test" was edited; the course\'s version was restored and run'), notes.join("\n"));
  assert.ok(notes.includes('the test cell "ground_truth-test" was deleted; it was put back and run'), notes.join("\n"));
  const exercises = exercisesOf("tampered");
  assert.equal(exercises["01-problem-formulation.ipynb:sampling-test"].status, "failed");
  assert.equal(exercises["03-training-the-neural-network.ipynb:ground_truth-test"].status, "failed");
});

test("nbgrader's gradebook agrees with npm run autograde, cell by cell", () => {
  assert.deepEqual(Object.keys(gradebook).sort(), ours.students.map((item) => item.student).sort());
  const differences = [];
  for (const item of ours.students) {
    const theirs = gradebook[item.student];
    for (const [key, exercise] of Object.entries(exercisesOf(item.student))) {
      const cell = theirs[key];
      const notebook = item.notebooks.find((nb) => key.startsWith(`${nb.notebook}:`));
      if (notebook.status === "not-submitted") {
        // nbgrader gives a missing notebook's cells 0 points, as we do
        if (cell && cell.auto !== 0 && cell.auto !== null) differences.push(`${item.student} ${key}: nbgrader ${cell.auto}, ours 0 (not submitted)`);
        continue;
      }
      if (notebook.notes.some((note) => note.kind === "deleted-cell" && note.cell === exercise.id)) {
        // nbgrader cannot put a deleted TypeScript test back (it would prepend a "#" comment,
        // a syntax error in TypeScript): it records no automatic score where we run the test
        assert.equal(cell.auto, null, `${item.student} ${key}: nbgrader has a score for a deleted cell`);
        continue;
      }
      if (!cell) {
        differences.push(`${item.student} ${key}: not in nbgrader's gradebook`);
        continue;
      }
      if (cell.max !== exercise.maxPoints || cell.auto !== exercise.points) {
        differences.push(`${item.student} ${key}: nbgrader ${cell.auto}/${cell.max}, ours ${exercise.points}/${exercise.maxPoints} (${exercise.status})`);
      }
    }
  }
  assert.deepEqual(differences, []);
});

test("the autograded notebooks nbgrader writes hold no hidden tests: the kernel of the student's next notebook reads their folder", () => {
  const folder = join(courseDir, "autograded", "perfect", ASSIGNMENT);
  const notebooks = readdirSync(folder).filter((name) => name.endsWith(".ipynb"));
  assert.equal(notebooks.length, 5);
  for (const name of notebooks) assert.doesNotMatch(readFileSync(join(folder, name), "utf8"), /BEGIN HIDDEN TESTS|randomInt\(-990_000/, name);
  assert.match(readFileSync(join(folder, "03-training-the-neural-network.ipynb"), "utf8"), /hidden tests, run when the notebook was graded: not shown/);
});

test("nbgrader's feedback pages show the plots and readable error messages", () => {
  const feedback = join(courseDir, "feedback", "partial", ASSIGNMENT);
  const page = readFileSync(join(feedback, "05-mutual-information-estimation.html"), "utf8");
  const images = [...page.matchAll(/src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/g)].map((match) => Buffer.from(match[1], "base64").toString("utf8"));
  assert.ok(images.length >= 3, `plots are drawn from their SVG fallback (found ${images.length})`);
  assert.ok(images.every((svg) => svg.startsWith("<svg")));
  const chapter3 = readFileSync(join(feedback, "03-training-the-neural-network.html"), "utf8");
  const error = exercisesOf("partial")["03-training-the-neural-network.ipynb:ground_truth-test"].error.replace(/^Error: /, "");
  assert.ok(chapter3.includes(error.slice(0, 40).replace(/"/g, "&quot;")) || chapter3.includes(error.slice(0, 40)), "the test's message is on the page");
  assert.doesNotMatch(chapter3, /\u001b\[|\[0;31m/, "no raw terminal colour codes");
});
