// The class's gradebook as an instructor keeps it with `npm run autograde`: graded through
// another Python environment (NEURAL_MI_VENV, the README's conda route), honest totals,
// partial credit per check (the same with nbgrader), and written answers graded by hand
// with `npm run autograde -- manual <report folder>`, kept when the class is graded again.
// One notebook of the fixture course, two students: four kernel runs in all.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { EXERCISE_COLUMNS } from "../../autograder/src/report/write-reports.mjs";
import { spawnSync } from "node:child_process";
import { defaultVenvDir, repoRoot, venvBin, venvPython } from "../../scripts/lib/paths.mjs";
import { fixtureCourse, fixtureSubmissions, nbgraderAsync, readNbgraderGradebook, readJson, runNode, temporaryDir } from "./helpers.mjs";
import { answerHash, updateManualGrades, withManualGrades } from "../../autograder/src/report/manual-grades.mjs";

const LIMITS = ["--cell-timeout", "30", "--memory-mb", "1024"];
const course = temporaryDir();
const submissions = temporaryDir();
const out = join(temporaryDir(), "grading");
// another environment: the project's, reached through a folder elsewhere, as conda's would be
const otherEnv = join(temporaryDir(), "conda-env");
const inOtherEnv = { NEURAL_MI_VENV: otherEnv };
const autograde = (...args) =>
  runNode(["autograder/bin/autograde.mjs", submissions, "--source", course, "--out", out, ...LIMITS, ...args], { env: inOtherEnv });
const manual = () => runNode(["autograder/bin/autograde.mjs", "manual", out]);
const gradesPath = join(out, "manual-grades.json");
const report = () => readJson(join(out, "report.json"));
const student = (name) => report().students.find((item) => item.student === name);
const exercise = (name, id) => student(name).notebooks[0].exercises.find((item) => item.id === id);

// The fixture's mean test with points per check: 1 for the mean of [1, 1, 1], 2 for the
// mean of the grid (the estimate, which the graders check against the course's ground truth).
const MEAN_TEST = `import { reportResult } from "neural-mi";
{
  const grid: number[] = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 1000);
  const estimate = mean(grid);
  const ones = mean([1, 1, 1]) === 1;
  reportResult({ exercise: "mean", estimate, groundTruth: 0.4995, tolerance: 1e-9, checks: { ones, estimate: Math.abs(estimate - 0.4995) < 1e-9 } });
}`;
// right on [1, 1, 1], but rounded to two decimals: 0.5 for the grid
const ROUNDED_MEAN = "function mean(values: number[]): number {\n  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;\n}";

/** Edits one student's arith.ipynb: the source of the cells with the given grade ids. */
function editSubmission(name, sources) {
  const path = join(submissions, name, "arith.ipynb");
  const notebook = JSON.parse(readFileSync(path, "utf8"));
  for (const [id, source] of Object.entries(sources)) notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === id).source = source;
  writeFileSync(path, JSON.stringify(notebook));
}

let first;
let nbgraderGrades;
before(async () => {
  const notebook = JSON.parse(readFileSync(join(fixtureCourse, "arith.ipynb"), "utf8"));
  const meanTest = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "mean-test");
  meanTest.source = MEAN_TEST;
  meanTest.metadata.neural_mi.checks = { ones: 1, estimate: 2 };
  writeFileSync(join(course, "arith.ipynb"), JSON.stringify(notebook));
  for (const name of ["perfect", "rounded"]) {
    mkdirSync(join(submissions, name));
    cpSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), join(submissions, name, "arith.ipynb"));
  }
  // released with the test above (a test that differs from the course's is restored, and noted)
  for (const name of ["perfect", "rounded"]) editSubmission(name, { "mean-test": MEAN_TEST });
  editSubmission("rounded", { mean: ROUNDED_MEAN, "why-square": "Minus times minus is plus." });
  symlinkSync(realpathSync(defaultVenvDir), otherEnv, "dir");
  const nbgraderCourse = createCourseDir({ courseDir: temporaryDir(), sourceDir: course, assignment: "fixture" }).courseDir;
  const theirs = (async () => {
    await nbgraderAsync(["generate_assignment", "fixture", "--force"], nbgraderCourse);
    mkdirSync(join(nbgraderCourse, "submitted", "rounded", "fixture"), { recursive: true });
    cpSync(join(submissions, "rounded"), join(nbgraderCourse, "submitted", "rounded", "fixture"), { recursive: true });
    await nbgraderAsync(["autograde", "fixture", "--force"], nbgraderCourse);
    return readNbgraderGradebook(nbgraderCourse, "fixture");
  })();
  first = await autograde();
  nbgraderGrades = await theirs;
  assert.equal(first.code, 0, first.stderr);
});

test("NEURAL_MI_VENV names the Python that grades; an environment without one is named with the fix", async () => {
  assert.ok(first.stderr.includes(`python: ${join(otherEnv, "bin", "python")}\n`), first.stderr);
  const missing = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", course, "--out", join(temporaryDir(), "out")], {
    env: { NEURAL_MI_VENV: join(otherEnv, "nothing-here") },
  });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /NEURAL_MI_VENV=.*nothing-here has no Python at .*point NEURAL_MI_VENV at an environment/);
});

test("partial credit: the checks that passed earn their points, the student is told which, and nbgrader agrees", () => {
  const rounded = exercise("rounded", "mean-test");
  assert.equal(rounded.status, "partial");
  assert.equal(rounded.points, 1);
  assert.deepEqual(rounded.checks, [
    { name: "ones", points: 1, passed: true },
    { name: "estimate", points: 2, passed: false },
  ]);
  assert.equal(rounded.estimate, 0.5);
  const executed = readFileSync(join(out, "students", "rounded", "arith.ipynb"), "utf8");
  assert.match(executed, /checks: ones passed, estimate failed/, "the test's output tells the student");
  assert.match(readFileSync(join(out, "students", "rounded", "summary.md"), "utf8"), /mean-test \(test\) \| partial \| 1 \/ 3 .*ones passed \(1 \/ 1\), estimate failed \(0 \/ 2\)/);
  assert.equal(exercise("perfect", "mean-test").points, 3);
  assert.equal(exercise("perfect", "mean-test").status, "passed");
  // nbgrader, cell by cell
  const theirs = nbgraderGrades.rounded;
  for (const ours of student("rounded").notebooks[0].exercises) {
    const cell = theirs[`arith.ipynb:${ours.id}`];
    assert.equal(cell.max, ours.maxPoints, ours.id);
    if (ours.kind === "test") assert.equal(cell.auto, ours.points, `${ours.id}: nbgrader ${cell.auto}, ours ${ours.points}`);
    else assert.equal(cell.manual, true, `${ours.id} waits for a person in nbgrader too`);
  }
});

test("the console and the reports say what the score holds and what waits for a person", () => {
  assert.match(first.stdout, /perfect: 5 \/ 6 points \(5 automatic; up to 1 more from answers still to grade by hand\)/);
  assert.match(first.stdout, /Answers worth 2 points in all wait for grading by hand: npm run autograde -- manual /);
  const perfect = student("perfect");
  assert.deepEqual([perfect.score, perfect.autoScore, perfect.manualScore, perfect.pendingManual], [5, 5, 0, 1]);
});

test("every row of the class summary's exercise table adds up to the students graded", () => {
  const summary = readFileSync(join(out, "summary.md"), "utf8");
  const header = summary.split("\n").find((line) => line.startsWith("| Notebook | Exercise |"));
  for (const column of EXERCISE_COLUMNS) assert.ok(header.includes(`| ${column.title} |`), header);
  const rows = summary.split("\n").filter((line) => line.startsWith("| arith.ipynb |"));
  assert.equal(rows.length, 3);
  const column = (row, title) => row.split("|").map((cell) => cell.trim())[5 + EXERCISE_COLUMNS.findIndex((item) => item.title === title)];
  for (const row of rows) {
    const cells = row.split("|").slice(1, -1).map((cell) => cell.trim());
    assert.equal(cells[3], "2", row);
    const counts = cells.slice(4, 4 + EXERCISE_COLUMNS.length).map(Number);
    assert.equal(counts.reduce((sum, count) => sum + count, 0), 2, `the columns add up: ${row}`);
  }
  assert.equal(column(rows.find((row) => row.includes("why-square")), "Pending manual"), "2");
  assert.equal(column(rows.find((row) => row.includes("mean-test")), "Partial"), "1");
});

test("manual writes each answer beside the reference answer, and checks the points entered", async () => {
  const made = await manual();
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /0 of 2 answers graded by hand; 2 to grade, worth 2 points/);
  const file = readJson(gradesPath);
  const entry = file.grades.find((item) => item.student === "perfect");
  assert.deepEqual(
    [entry.notebook, entry.exercise, entry.maxPoints, entry.points, entry.comment],
    ["arith.ipynb", "why-square", 1, null, ""],
  );
  assert.equal(entry.answer, "Because $x \\cdot x$ multiplies two numbers of the same sign.");
  assert.match(entry.reference, /^A product of two numbers of the same sign is positive/);
  const [page] = readdirSync(join(out, "manual"));
  const text = readFileSync(join(out, "manual", page), "utf8");
  assert.match(text, /## Reference answer\n\n> A product of two numbers[\s\S]*## perfect: not graded yet\n\n> Because[\s\S]*## rounded: not graded yet\n\n> Minus times minus/);

  const bad = structuredClone(file);
  bad.grades[0].points = 3;
  bad.grades.push({ ...file.grades[0], student: "nobody", points: 1 }, { ...file.grades[0], exercise: "square-test", points: 1 });
  // a number too large for a double is read as Infinity, and said as what was written
  bad.grades[1].points = "TOO LARGE";
  writeFileSync(gradesPath, JSON.stringify(bad).replace('"TOO LARGE"', "1e999"));
  const refused = await manual();
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /3 problem\(s\); nothing was changed/);
  assert.match(refused.stderr, /entry 2 .*points must be a number from 0 to 1, or null while not graded; got Infinity/);
  assert.match(refused.stderr, /entry 1 \(perfect \/ arith.ipynb \/ why-square\): points 3 are out of range: why-square is worth 0 to 1/);
  assert.match(refused.stderr, /entry 4 .*square-test is graded automatically/);
  assert.equal(student("perfect").score, 5, "a refused file changes no report");
  const rerun = await autograde();
  assert.equal(rerun.code, 1, "grading refuses a manual-grades file with problems too, before grading");
  assert.match(rerun.stderr, /points 3 are out of range/);
  // the same file saved while a run grades (after its start): the run goes on with the points
  // read at its start, and says so, instead of stopping with most of the class not graded
  const { writeClassReports } = await import("../../autograder/src/report/write-reports.mjs");
  const problems = [];
  const during = { file: { ...file, grades: file.grades.map((item) => ({ ...item, points: 1 })) }, onProblem: (error) => problems.push(error.message) };
  const written = writeClassReports(out, readJson(join(out, "report.json")), during);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /points 3 are out of range/);
  assert.equal(written.students.find((item) => item.student === "perfect").score, 6, "the points that fitted count: 5 automatic and 1 by hand");
  writeClassReports(out, readJson(join(out, "report.json")), { file: undefined, onProblem: () => {} });
  // a student whose folder is gone (removed or renamed) stops nothing: the points entered are kept, not counted
  // (its name, as the console shows every name, with a terminal's escapes and line ends as text: a name's
  // "\x1b[2J" cleared the instructor's terminal, and "\r" wrote over the line)
  const goneName = "nobody\x1b[2J\r\u202e";
  writeFileSync(gradesPath, JSON.stringify({ ...file, grades: [...file.grades, { ...file.grades[0], student: goneName, points: 1 }] }));
  const gone = await manual();
  assert.equal(gone.code, 0, gone.stderr);
  const kept = readJson(gradesPath).grades.find((item) => item.student === goneName);
  assert.equal(kept.points, 1);
  assert.match(kept.notCounted, /the class has no folder of this name now \(removed, or renamed\): these points do not count/);
  assert.match(gone.stdout, /note: 1 entry with points do not count: nobody\\u001b\[2J\\u000d\\u202e \S+ \(the class has no folder of this name now \(removed, or renamed\)\)/);
  assert.doesNotMatch(gone.stdout + gone.stderr, /[\x1b\r\u202e]/u);
  // and so in the problems found in the file, which name the entry's student
  const { manualGradesProblems } = await import("../../autograder/src/report/manual-grades.mjs");
  const named = readJson(join(out, "report.json"));
  named.students.find((item) => item.student === "perfect").student = goneName;
  const found = manualGradesProblems({ grades: [{ ...file.grades[0], student: goneName, points: 7 }] }, named);
  assert.equal(found.length, 1);
  assert.match(found[0], /^entry 1 \(nobody\\u001b\[2J\\u000d\\u202e \/ arith.ipynb \/ why-square\): points 7 are out of range/);
  assert.equal(student("perfect").score, 5);
  writeFileSync(gradesPath, JSON.stringify(file));
});

test("entered points count in every report, and grading again keeps them", async () => {
  const file = readJson(gradesPath);
  for (const entry of file.grades) {
    entry.points = entry.student === "perfect" ? 0.5 : 1;
    entry.comment = entry.student === "perfect" ? "half: why is 0 squared not negative?" : "";
  }
  writeFileSync(gradesPath, JSON.stringify(file));
  const applied = await manual();
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /2 of 2 answers graded by hand; 0 to grade/);
  const perfect = student("perfect");
  assert.deepEqual([perfect.score, perfect.autoScore, perfect.manualScore, perfect.pendingManual], [5.5, 5, 0.5, 0]);
  assert.equal(exercise("perfect", "why-square").status, "graded-by-hand");
  assert.deepEqual(exercise("perfect", "why-square").manual, { points: 0.5, comment: "half: why is 0 squared not negative?" });
  const csv = readFileSync(join(out, "gradebook.csv"), "utf8").split("\r\n");
  assert.equal(csv[0], "student,status,score,max_score,auto_score,manual_score,pending_manual_points,arith.ipynb,arith.ipynb:square-test,arith.ipynb:why-square,arith.ipynb:mean-test");
  assert.ok(csv.includes("perfect,graded,5.5,6,5,0.5,0,5.5,2,0.5,3"), csv.join("\n"));
  assert.ok(csv.includes("rounded,graded,4,6,3,1,0,4,2,1,1"), csv.join("\n"));
  assert.match(readFileSync(join(out, "students", "perfect", "summary.md"), "utf8"), /5\.5 \/ 6 points \(5 automatic; 0\.5 graded by hand\)[\s\S]*comment: half/);

  // graded again with the same answer (a new file in the folder changes the submission): kept
  writeFileSync(join(submissions, "rounded", "notes.txt"), "more work\n");
  const again = await autograde();
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /1 graded, 1 unchanged/);
  assert.deepEqual([student("rounded").score, student("rounded").manualScore], [4, 1], "the same answer keeps its points");
  assert.deepEqual([student("perfect").score, student("perfect").manualScore], [5.5, 0.5]);
});

test("an answer that changed since it was graded waits for a person again; its earlier points are kept beside it", () => {
  // the report as a re-submission would leave it: perfect's answer is new
  const regraded = structuredClone(report());
  const perfect = regraded.students.find((item) => item.student === "perfect");
  const whySquare = perfect.notebooks[0].exercises.find((item) => item.id === "why-square");
  Object.assign(whySquare, { status: "needs-manual-grading", points: null, answer: "Squares of real numbers are never negative." });
  delete whySquare.manual;
  const file = updateManualGrades(readJson(gradesPath), regraded);
  const entry = file.grades.find((item) => item.student === "perfect");
  assert.deepEqual([entry.points, entry.previousPoints, entry.previousComment], [null, 0.5, "half: why is 0 squared not negative?"]);
  assert.deepEqual([entry.answer, entry.answerHash], ["Squares of real numbers are never negative.", answerHash("Squares of real numbers are never negative.")]);
  const rescored = withManualGrades(perfect, file);
  assert.deepEqual([rescored.score, rescored.manualScore, rescored.pendingManual], [5, 0, 1]);
  assert.equal(file.grades.find((item) => item.student === "rounded").points, 1, "the unchanged answer keeps its points");
});

// nbgrader learned a new gradebook's schema version by running `alembic`, found on PATH only: started by its
// full path without the environment's bin folder on PATH (cron, a batch job), it stopped at its first gradebook.
test("nbgrader started by its path alone makes a new gradebook, stamped with its newest migration", () => {
  const root = temporaryDir();
  writeFileSync(
    join(root, "nbgrader_config.py"),
    `c = get_config()\nload_subconfig(${JSON.stringify(join(repoRoot, "autograder", "nbgrader_config.py"))})\nc.CourseDirectory.root = ${JSON.stringify(root)}\nc.CourseDirectory.course_id = "neural-mi"\n`,
  );
  const run = spawnSync(venvBin("nbgrader"), ["db", "student", "add", "ana"], { cwd: root, encoding: "utf8", env: { ...process.env, PATH: "/usr/bin:/bin" } });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  const where = spawnSync(venvPython, ["-c", "import importlib.util, sqlite3, sys; print(importlib.util.find_spec('nbgrader').submodule_search_locations[0]); print(sqlite3.connect(sys.argv[1]).execute('select version_num from alembic_version').fetchone()[0])", join(root, "gradebook.db")], { encoding: "utf8" });
  const [nbgraderDir, stamped] = where.stdout.trim().split("\n");
  // the head: the one revision no migration names as the one before it
  const migrations = readdirSync(join(nbgraderDir, "alembic", "versions")).filter((name) => name.endsWith(".py")).map((name) => readFileSync(join(nbgraderDir, "alembic", "versions", name), "utf8"));
  const field = (text, name) => new RegExp(`^${name} = ['"]?([0-9a-f]+|None)`, "m").exec(text)?.[1];
  const before = new Set(migrations.map((text) => field(text, "down_revision")));
  const heads = migrations.map((text) => field(text, "revision")).filter((revision) => !before.has(revision));
  assert.deepEqual(heads, [stamped]);
});
