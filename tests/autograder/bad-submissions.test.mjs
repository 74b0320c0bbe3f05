// `npm run autograde` on a class of small submissions, most of them broken on
// purpose (tests/autograder/fixtures/submissions, made by make-fixtures.mjs):
// each gets a clear status, none stops the others, the reports are complete.
// Real nbgrader grades the submissions it can handle beside it, and must agree.
// The class is graded once, with short limits, and every test reads that run.
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { parseNotebook } from "../../autograder/src/notebook/format.mjs";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import {
  fixtureCourse,
  fixtureSubmissionsCopy,
  gradeWithNbgrader,
  readJson,
  repoRoot,
  runNode,
  temporaryDir,
  temporaryFilesUnder,
} from "./helpers.mjs";

// 15 s per cell is ample for the fixture's tiny cells (under a second each, a few
// seconds for the first one under load) and bounds the deliberate infinite loops.
const LIMITS = ["--cell-timeout", "15", "--notebook-timeout", "120", "--memory-mb", "1024"];

let submissions;
let out;
let run;
let report;
const student = (name) => report.students.find((item) => item.student === name);
const notebookOf = (name, notebook = "arith.ipynb") => student(name).notebooks.find((item) => item.notebook === notebook);
const exercise = (name, id, notebook = "arith.ipynb") => notebookOf(name, notebook).exercises.find((item) => item.id === id);
const executed = (name, notebook = "arith.ipynb") => parseNotebook(readFileSync(join(out, "students", name, notebook), "utf8"));

// What nbgrader grades as ours does: a notebook that is not JSON it grades as released
// (tests/autograder/refused-notebooks.test.mjs, with the encodings), and it has no time limit
// short enough for the loops and hogs. Duplicated cells, a test cell whose flags were changed and
// a cell of the student's own claiming points under a schema nbgrader does not know
// (duplicated-cells, edited-test) it grades since the course's CourseCells step: before, the
// metadata its DeduplicateIds leaves on a duplicate, or that schema, raised an error that stopped
// nbgrader's autograde for every student after this one (gradeWithNbgrader fails on it).
const FOR_NBGRADER = ["perfect", "partial", "empty", "edited-test", "retyped-cells", "other-kernel", "deleted-cells", "duplicated-cells", "format-3"];
let nbgraderCourse;
let gradebook;

async function gradeNbgradersShare() {
  ({ courseDir: nbgraderCourse } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" }));
  const submitted = Object.fromEntries(FOR_NBGRADER.map((name) => [name, join(submissions, name)]));
  gradebook = await gradeWithNbgrader(nbgraderCourse, "fixture", submitted);
}

before(async () => {
  submissions = fixtureSubmissionsCopy();
  out = join(temporaryDir(), "grading");
  const ours = runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--jobs", "2", ...LIMITS]);
  await gradeNbgradersShare();
  run = await ours;
  assert.equal(run.code, 0, `autograde failed:\n${run.stdout}\n${run.stderr}`);
  report = readJson(join(out, "report.json"));
});

test("every submission is graded and the class report is complete", () => {
  assert.equal(report.complete, true);
  assert.equal(report.students.length, 21);
  assert.ok(report.students.every((item) => item.status !== "pending" && item.status !== "grader-error"), JSON.stringify(report.students.map((s) => [s.student, s.status])));
  assert.equal(report.settings.isolated, true);
  assert.match(run.stdout, /21 graded, 0 unchanged/);
  assert.match(run.stderr, /\[21\/21\]/, "progress is shown");
});

test("a correct submission earns every automatic point; written answers wait for a person", () => {
  const perfect = student("perfect");
  assert.equal(perfect.status, "graded");
  assert.equal(perfect.score, 6);
  assert.equal(perfect.maxScore, 7);
  assert.equal(perfect.pendingManual, 1);
  assert.deepEqual(
    notebookOf("perfect").exercises.map((item) => [item.id, item.status, item.points]),
    [["square-test", "passed", 2], ["why-square", "needs-manual-grading", null], ["mean-test", "passed", 3]],
  );
  assert.equal(exercise("perfect", "mean-test").estimate, 0.4995);
  assert.equal(exercise("perfect", "mean-test").groundTruth, 0.4995);
  const plot = executed("perfect").cells.at(-1).outputs[0];
  assert.ok(plot.data["image/svg+xml"].startsWith("<svg") && plot.data["application/vnd.plotly.v1+json"], "the plot keeps both representations");
});

test("a partly wrong submission: right answers pass, a wrong one fails with the test's message and its estimate", () => {
  assert.equal(exercise("partial", "square-test").status, "passed");
  const mean = exercise("partial", "mean-test");
  assert.equal(mean.status, "failed");
  assert.equal(mean.points, 0);
  assert.match(mean.error, /^Error: the mean of the grid should be 0.4995, got 499.5/);
  assert.equal(mean.estimate, 499.5);
  assert.equal(exercise("partial", "why-square").status, "no-answer");
  assert.equal(notebookOf("partial", "strings.ipynb").status, "not-submitted");
  assert.equal(student("partial").score, 2);
});

test("an unanswered submission fails every test with the stub's message", () => {
  const empty = student("empty");
  assert.equal(empty.score, 0);
  for (const item of [exercise("empty", "square-test"), exercise("empty", "mean-test"), exercise("empty", "shout-test", "strings.ipynb")]) {
    assert.equal(item.status, "failed");
    assert.match(item.error, /No answer given yet/);
  }
});

test("a folder without notebooks says so", () => {
  const none = student("no-notebooks");
  assert.equal(none.status, "no-notebooks");
  assert.equal(none.score, 0);
  assert.match(none.message, /no notebooks in the folder \(expected arith.ipynb, strings.ipynb\)/);
});

test("a notebook that is not valid JSON is reported and its other notebook still graded", () => {
  const arith = notebookOf("malformed");
  assert.equal(arith.status, "unreadable");
  assert.match(arith.message, /not valid JSON.*JupyterLab cannot open it either: hand in its last good copy \(the checkpoint JupyterLab keeps in \.ipynb_checkpoints\/ beside it/);
  assert.equal(notebookOf("malformed", "strings.ipynb").score, 1);
});

test("a notebook for another kernel runs on the course's kernel and fails where its code is not TypeScript", () => {
  const other = notebookOf("other-kernel");
  assert.equal(other.notes[0].kind, "other-kernel");
  assert.equal(exercise("other-kernel", "square-test").status, "failed");
  assert.equal(student("other-kernel").status, "graded-with-problems");
});

test("deleting or editing a test earns nothing: the course's test runs anyway", () => {
  assert.equal(exercise("deleted-cells", "square-test").status, "failed");
  assert.match(exercise("deleted-cells", "square-test").error, /square\(3\) should be 9, got 6/);
  assert.match(exercise("deleted-cells", "mean-test").error, /No answer given yet/);
  assert.deepEqual(notebookOf("deleted-cells").notes.map((note) => note.kind), ["deleted-cell", "deleted-cell"]);

  const edited = exercise("edited-test", "square-test");
  assert.equal(edited.status, "failed");
  assert.equal(edited.maxPoints, 2, "points raised by the student do not count");
  assert.match(edited.error, /square\(3\) should be 9, got 6/);
  assert.ok(!JSON.stringify(executed("edited-test").cells).includes("looks fine to me"));
  // the test was also marked as an answer, a copy claiming its id came before the answer, and a cell claimed 50 points
  assert.equal(notebookOf("edited-test").score, 3);
  assert.deepEqual(notebookOf("edited-test").notes.map((note) => note.kind).sort(), ["changed-points", "duplicated-cell", "edited-test", "unknown-cell"]);
});

test("duplicated and re-typed cells are put right and graded", () => {
  assert.equal(student("duplicated-cells").score, 5);
  assert.match(notebookOf("duplicated-cells").notes[0].message, /cell "square" appears 2 times/);
  assert.equal(student("retyped-cells").score, 5);
  assert.equal(notebookOf("retyped-cells").notes.length, 2);
});

test("an infinite loop is interrupted at the cell's time limit and the notebook goes on", () => {
  const mean = exercise("infinite-loop", "mean-test");
  assert.equal(mean.status, "timeout");
  assert.match(mean.error, /CellTimeoutError: the cell ran longer than 15 s and was interrupted/);
  assert.equal(exercise("infinite-loop", "square-test").status, "passed");
  assert.equal(notebookOf("infinite-loop").status, "graded");
  assert.equal(executed("infinite-loop").cells.at(-1).outputs[0].output_type, "display_data", "the cell after the loop ran");
});

test("a kernel that cannot be interrupted is stopped; later cells are marked as not run", () => {
  const arith = notebookOf("stuck-after-await");
  assert.equal(arith.status, "stopped");
  assert.match(arith.message, /stopped at cell 4: the cell ran past its 15 s limit and the kernel did not respond to an interrupt/);
  assert.equal(exercise("stuck-after-await", "square-test").status, "not-run");
  assert.match(exercise("stuck-after-await", "square-test").error, /NotRun/);
  assert.equal(notebookOf("stuck-after-await", "strings.ipynb").score, 1);
});

test("process.exit() and a crash end the notebook with a clear reason; the student's other notebook is graded", () => {
  assert.match(notebookOf("process-exit").message, /the kernel exited \(exit code 3\): process\.exit\(\) in a cell, or an error it could not recover from/);
  assert.equal(notebookOf("process-exit", "strings.ipynb").score, 1);
  assert.match(notebookOf("kernel-crash", "strings.ipynb").message, /the kernel crashed \(SIGSEGV\)/);
  assert.equal(notebookOf("kernel-crash").score, 5);
});

test("memory without bound, in the JavaScript heap or outside it, stops the kernel at the limit", () => {
  assert.equal(notebookOf("heap-hog").run.stop.kind, "memory");
  assert.match(notebookOf("heap-hog").message, /ran out of memory \(JavaScript heap over \d+ MB\)/);
  assert.equal(notebookOf("buffer-hog").run.stop.kind, "memory");
  assert.match(notebookOf("buffer-hog").message, /used \d+ MB of memory, over the limit of 1024 MB/);
  // past the limit by at most the margin where the operating system refuses it more (RLIMIT_DATA)
  assert.ok(notebookOf("buffer-hog").run.peakRssMb <= 1024 + 512, `${notebookOf("buffer-hog").run.peakRssMb} MB`);
});

test("many megabytes of output are cut at the cap without changing the grades", () => {
  assert.equal(student("huge-output").score, 5);
  assert.equal(notebookOf("huge-output").notes[0].kind, "output-truncated");
  const size = statSync(join(out, "students", "huge-output", "arith.ipynb")).size;
  assert.ok(size < 6 * 2 ** 20, `the executed notebook has ${size} bytes`);
  assert.match(JSON.stringify(executed("huge-output").cells), /output truncated: [\d.]+ MB more were dropped/);
});

test("a notebook can read neither the solutions, the hidden tests nor the repository, nor write outside its folder", () => {
  const square = executed("snoop").cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  const lines = square.outputs.filter((output) => output.name === "stdout").map((output) => output.text).join("").trim().split("\n");
  assert.equal(lines.length, 17, lines.join("\n"));
  for (const line of lines) assert.match(line, /^DENIED /);
  assert.ok(lines.some((line) => line.includes("fixtures/course/arith.ipynb")));
  assert.match(lines.find((line) => line.startsWith("DENIED native code")), /is not allowed in the course.s kernel; only the course.s packages may load native addons/);
  assert.ok(!existsSync(join(repoRoot, "escaped.txt")));
  assert.ok(!existsSync("/tmp/neural-mi-escaped.txt"));
  assert.match(lines.find((line) => line.includes("solutions/arith.ipynb")), /ENOENT/, "a symbolic link in the submission is not followed");
  assert.match(student("snoop").notes[0].message, /symbolic links are not graded and were left out: solutions/);
  // its strings.ipynb, a hard link to the course's solution, is not graded
  assert.match(student("snoop").notes[1].message, /files that are hard links .* are not graded and were left out: strings.ipynb\. Hand in copies/);
  assert.equal(student("snoop").score, 5);
});

test("reports: JSON, CSV gradebook and summaries are complete, and no temporary file is left", () => {
  const csv = readFileSync(join(out, "gradebook.csv"), "utf8").trimEnd().split("\r\n");
  assert.equal(csv.length, 22);
  assert.equal(csv[0], "student,status,score,max_score,auto_score,manual_score,pending_manual_points,arith.ipynb,arith.ipynb:square-test,arith.ipynb:why-square,arith.ipynb:mean-test,strings.ipynb,strings.ipynb:shout-test");
  assert.ok(csv.includes("perfect,graded,6,7,6,0,1,5,2,,3,1,1"), csv.join("\n"));
  const summary = readFileSync(join(out, "summary.md"), "utf8");
  for (const item of report.students) {
    assert.ok(summary.includes(`| ${item.student} |`), `${item.student} is in the class summary`);
    assert.ok(existsSync(join(out, "students", item.student, "summary.md")));
  }
  assert.match(readFileSync(join(out, "students", "partial", "summary.md"), "utf8"), /mean-test \(test\) \| failed \| 0 \/ 3 \| 499.5 \| 0.4995/);
  assert.deepEqual(temporaryFilesUnder(out), []);
});

test("running again skips what is already graded; --redo grades again", async () => {
  const again = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, ...LIMITS]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 graded, 21 unchanged/);
  assert.deepEqual(
    readJson(join(out, "report.json")).students.map((item) => [item.student, item.score, item.gradedAt]),
    report.students.map((item) => [item.student, item.score, item.gradedAt]),
  );
  const single = join(temporaryDir(), "class");
  cpSync(join(submissions, "partial"), join(single, "partial"), { recursive: true });
  const singleOut = join(temporaryDir(), "out");
  const first = await runNode(["autograder/bin/autograde.mjs", single, "--source", fixtureCourse, "--out", singleOut, ...LIMITS]);
  assert.match(first.stdout, /1 graded, 0 unchanged/);
  assert.equal(readJson(join(singleOut, "report.json")).students[0].score, 2);
  // a new submission whose notebook no longer runs leaves no executed notebook of the old one as its feedback
  const executed = join(singleOut, "students", "partial", "arith.ipynb");
  assert.ok(existsSync(executed));
  writeFileSync(join(single, "partial", "arith.ipynb"), "{broken");
  const broken = await runNode(["autograder/bin/autograde.mjs", single, "--source", fixtureCourse, "--out", singleOut, ...LIMITS]);
  assert.match(broken.stdout, /1 graded, 0 unchanged/);
  const arithOf = () => readJson(join(singleOut, "report.json")).students[0].notebooks.find((item) => item.notebook === "arith.ipynb");
  assert.equal(arithOf().status, "unreadable");
  assert.equal(existsSync(executed), false, "the old run's executed notebook is gone");
  // --redo grades the unchanged submission again (no kernel: its notebook is the unreadable one; a
  // run of the same submission without --redo is "0 graded, 1 unchanged", as the class's above)
  const gradedAt = () => readJson(join(singleOut, "report.json")).students[0].gradedAt;
  const before = gradedAt();
  const redo = await runNode(["autograder/bin/autograde.mjs", single, "--source", fixtureCourse, "--out", singleOut, "--redo", ...LIMITS]);
  assert.match(redo.stdout, /1 graded, 0 unchanged/);
  assert.equal(arithOf().status, "unreadable");
  assert.notEqual(gradedAt(), before, "graded again, not kept");
});

test("a notebook saved under another name is graded as the course notebook whose exercises it holds, and says so", () => {
  const perfect = notebookOf("perfect");
  const renamed = student("renamed");
  assert.equal(renamed.score, student("perfect").score);
  for (const [name, file] of [["arith.ipynb", "arith (1).ipynb"], ["strings.ipynb", "Strings-Copy1.ipynb.txt"]]) {
    const notebook = notebookOf("renamed", name);
    assert.equal(notebook.status, "graded");
    assert.deepEqual(notebook.exercises.map(({ id, points }) => [id, points]), notebookOf("perfect", name).exercises.map(({ id, points }) => [id, points]));
    assert.match(notebook.notes[0].message, new RegExp(`^${file.replace(/[()]/g, "\\$&")} was graded as ${name}: no file of that name .*\\(save it as ${name}\\)$`));
  }
  assert.equal(perfect.notes.length, 0);
  assert.match(renamed.notes.find((note) => note.kind === "extra-notebooks").message, /not part of the course were not graded: scratch.ipynb$/);
  assert.match(renamed.message, /arith \(1\).ipynb was graded as arith.ipynb/);
  // two copies of one notebook: neither is chosen, and the message names both
  const twoCopies = notebookOf("two-copies");
  assert.equal(twoCopies.status, "not-submitted");
  assert.equal(twoCopies.score, 0);
  assert.match(twoCopies.message, /arith.ipynb was not in the folder under its name, and 2 notebooks hold its exercises \(arith \(1\).ipynb, arith \(2\).ipynb\), so none was graded: keep the one to grade, named arith.ipynb/);
  assert.match(student("two-copies").message, /2 notebooks hold its exercises/);
  assert.equal(notebookOf("two-copies", "strings.ipynb").score, 1);
  assert.match(
    student("two-copies").notes.find((note) => note.kind === "copy-not-graded").message,
    /^strings \(1\).ipynb holds the exercises of strings.ipynb and was not graded: strings.ipynb was, under the course's name/,
  );
  assert.ok(!student("two-copies").notes.some((note) => note.kind === "extra-notebooks"), "the copies are not called notebooks outside the course");
});

// the renamed student's notebooks are also saved so (a kernel pair less than a student of their own)
test("a notebook saved with a byte-order mark or as UTF-16 is graded as the same work, with what to change", () => {
  for (const name of ["arith.ipynb", "strings.ipynb"]) {
    const notebook = notebookOf("renamed", name);
    assert.equal(notebook.status, "graded", JSON.stringify(notebook));
    assert.deepEqual(notebook.exercises.map(({ id, points }) => [id, points]), notebookOf("perfect", name).exercises.map(({ id, points }) => [id, points]));
  }
  const encoding = (name) => notebookOf("renamed", name).notes.find((note) => note.kind === "encoding")?.message;
  assert.match(encoding("arith.ipynb"), /byte-order mark .*was left out; Jupyter and nbgrader cannot open such a file: .*save it as UTF-8 without a byte-order mark/);
  assert.match(encoding("strings.ipynb"), /saved as UTF-16 \(little-endian\), and was read as such/);
});

test("a notebook saved in format 3 is graded as the same work saved by JupyterLab, by both graders", () => {
  const perfect = notebookOf("perfect");
  const old = notebookOf("format-3");
  assert.equal(old.status, "graded", JSON.stringify(old));
  assert.deepEqual(
    old.exercises.map(({ id, points, status }) => ({ id, points, status })),
    perfect.exercises.map(({ id, points, status }) => ({ id, points, status })),
  );
  assert.deepEqual(gradebook["format-3"], gradebook.perfect);
});

test("nbgrader's gradebook agrees with npm run autograde, cell by cell", () => {
  const differences = [];
  for (const name of FOR_NBGRADER) {
    for (const notebook of student(name).notebooks) {
      for (const item of notebook.exercises) {
        const key = `${notebook.notebook}:${item.id}`;
        const theirs = gradebook[name][key].auto;
        if (notebook.notes.some((note) => note.kind === "deleted-cell" && note.cell === item.id)) {
          // nbgrader cannot put a deleted TypeScript test back (it would prepend a "#"
          // comment, a syntax error): it leaves the cell to manual grading, with no score
          assert.equal(theirs, null, `${name} ${key}`);
          continue;
        }
        if (theirs !== item.points) differences.push(`${name} ${key}: nbgrader ${theirs}, ours ${item.points} (${item.status})`);
      }
    }
  }
  assert.deepEqual(differences, []);
});

/** The SVG images of an nbconvert HTML page (it embeds them as base64 data URLs). */
function svgImages(html) {
  return [...html.matchAll(/src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/g)].map((match) => Buffer.from(match[1], "base64").toString("utf8"));
}

test("nbgrader's feedback shows the plot's SVG fallback and the failing test's message", () => {
  const perfect = readFileSync(join(nbgraderCourse, "feedback", "perfect", "fixture", "arith.html"), "utf8");
  const images = svgImages(perfect);
  assert.equal(images.length, 1, "one plot, drawn from its SVG fallback");
  assert.match(images[0], /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="160"/);
  const partial = readFileSync(join(nbgraderCourse, "feedback", "partial", "fixture", "arith.html"), "utf8");
  assert.match(partial, /the mean of the grid should be 0.4995, got 499.5/);
  assert.doesNotMatch(partial, /\u001b\[/, "no raw terminal colour codes");
});
