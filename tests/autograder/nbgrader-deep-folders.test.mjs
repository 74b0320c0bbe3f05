// Under `nbgrader autograde`, folders a kernel nests thousands deep in its folder are removed
// after its run like any other file it made (src/nbgrader/set_aside.py). shutil.rmtree and os.walk
// recurse once a level: a folder 2000 deep, made by one `mkdirSync` in a cell, raised RecursionError
// as the course's Execute cleaned up, and again in nbgrader's own removal of the failed assignment,
// which stopped `nbgrader autograde` for every student after this one. And a kernel writing in a
// folder past the longest path the system takes (its own path relative to the kernel's folder is
// shorter) is stopped: the watch on its disk could not look there, and it wrote past its limit.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";

import { executeWatched, fixtureCourse, python, readNbgraderGradebook, releaseAssignment, repoRoot, runNode, submitEditedFixture, temporaryDir } from "./helpers.mjs";

// One class graded once: a kernel that nests folders 2000 deep, a folder 2000 deep left in the
// autograded folder by an earlier run, a submission holding a folder 1500 deep, one holding thousands
// of files and files over nbgrader's bounds on bytes, and a student after them.
let graded;
// a learning platform's download names a student's folder so, and nbgrader takes the folder's name for her id
const PERFECT = "Doe, Jane";
// clears the screen, then writes a progress line of its own over the start of the warning's
const FORGED_NAME = "\x1b[2J\x1b[Hnotes\r[6\u22156] elapsed 1 s, done: mallory graded\x1b[K.ipynb";
before(async () => {
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  mkdirSync(join(courseDir, "source", "fixture", "data"), { recursive: true });
  writeFileSync(join(courseDir, "source", "fixture", "data", "values.txt"), "1 2 3\n");
  await releaseAssignment(courseDir, "fixture");
  submitEditedFixture(courseDir, "deep-kernel", (source) =>
    [
      'const files = (process as any)["getBuilt" + "inModule"]("fs");',
      'files.mkdirSync("a/".repeat(2000), { recursive: true });',
      'files.mkdirSync("data/" + "b/".repeat(2000), { recursive: true });',
      source,
    ].join("\n"),
  );
  for (const student of ["deep-left", "deep-submitted", "many-files", PERFECT]) submitEditedFixture(courseDir, student, (source) => source);
  mkdirSync(join(courseDir, "autograded", "deep-left", "fixture", "a/".repeat(2000)), { recursive: true });
  const submitted = join(courseDir, "submitted", "deep-submitted", "fixture");
  writeFileSync(join(submitted, "notes.txt"), "kept\n");
  mkdirSync(join(submitted, "a/".repeat(1500)), { recursive: true });
  writeFileSync(join(submitted, "a/".repeat(1500), "x.txt"), "x\n");

  // beside the notebooks: 2500 empty files, a file over max_file_size (1000 kB here) and two that
  // together pass max_dir_size (1000 kB)
  const many = join(courseDir, "submitted", "many-files", "fixture");
  for (let i = 0; i < 2500; i++) writeFileSync(join(many, `f${String(i).padStart(4, "0")}`), "");
  writeFileSync(join(many, "big.bin"), Buffer.alloc(1_200_000));
  for (const name of ["a1.bin", "a2.bin"]) writeFileSync(join(many, name), Buffer.alloc(600_000));
  // a notebook named with a terminal's escape sequences (the hub's submit takes any UTF-8 name), which nbgrader
  // names in a warning the command shows
  writeFileSync(join(many, FORGED_NAME), JSON.stringify(makeNotebook(["1"])));

  // and a student nbgrader fails (its autograded/ folder cannot be made: a file stands in its place)
  submitEditedFixture(courseDir, "blocked", (source) => source);
  writeFileSync(join(courseDir, "autograded", "blocked"), "");

  // graded two at a time (autograder/bin/nbgrader-autograde.mjs: nbgrader processes side by side), which must give
  // what one `nbgrader autograde fixture --force ...` gave
  const run = await runNode(["autograder/bin/nbgrader-autograde.mjs", "fixture", "--jobs", "2", "--force", "--course", courseDir, "--", "--CourseDirectory.max_file_size=1000", "--CourseDirectory.max_dir_size=1000"]);
  const output = run.stdout + run.stderr;
  assert.doesNotMatch(output, /RecursionError/, output.slice(-3000));
  assert.equal(run.code, 1, output.slice(-3000));
  const gradebook = readNbgraderGradebook(courseDir, "fixture");
  const auto = (student) => Object.fromEntries(Object.entries(gradebook[student] ?? {}).map(([cell, grade]) => [cell, grade.auto]));
  // each student graded by one nbgrader process: a share left out at nbgrader's commas went to every process
  const log = readFileSync(join(courseDir, "autograde-logs", "fixture.log"), "utf8");
  const starts = (student) => log.split("\n").filter((line) => line.includes(`Creating/updating student with ID '${student}'`)).length;
  graded = { courseDir, output, auto, starts, autograded: (student) => join(courseDir, "autograded", student, "fixture") };
});
const FULL = { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 1 };

test("folders a kernel nests 2000 deep are removed after its run, and every student is graded", () => {
  assert.deepEqual(graded.auto(PERFECT), FULL);
  for (const student of [PERFECT, "deep-kernel", "deep-left", "deep-submitted", "many-files"]) assert.equal(graded.starts(student), 1, student);
  assert.deepEqual(graded.auto("deep-kernel"), FULL);
  assert.equal(existsSync(join(graded.autograded("deep-kernel"), "a")), false, "the kernel's folder is gone");
  assert.deepEqual(readdirSync(join(graded.autograded("deep-kernel"), "data")), ["values.txt"]);
});

test("a folder 2000 deep left in an autograded assignment is removed at a re-grade, and every student after it is graded", () => {
  for (const student of ["deep-left", "deep-submitted", PERFECT]) assert.deepEqual(graded.auto(student), FULL, student);
  assert.equal(existsSync(join(graded.autograded("deep-left"), "a")), false);
});

test("a submission's files beside the notebooks are copied within bounds: 2000 files and folders, nbgrader's bytes per file and in all", () => {
  assert.deepEqual(graded.auto("many-files"), FULL);
  const copied = readdirSync(graded.autograded("many-files"));
  assert.ok(copied.includes("f0000") && copied.includes("a1.bin"), copied.slice(0, 10).join(" "));
  for (const name of ["f2499", "big.bin", "a2.bin"]) assert.ok(!copied.includes(name), `${name} is left out`);
  assert.ok(copied.length <= 2000, `${copied.length} entries copied`);
  assert.match(graded.output, /Left out \S+\/many-files\/fixture\/f\d{4} and what follows it: a submission's files and folders beyond 2000 are not copied/);
  assert.match(graded.output, /Left out \S+\/many-files\/fixture\/big\.bin: a file over 1000 kB is not copied \(CourseDirectory\.max_file_size\)/);
  assert.match(graded.output, /Left out \S+\/many-files\/fixture\/a2\.bin: the files beside the notebooks are over \d+ kB in all \(CourseDirectory\.max_dir_size\)/);
});

test("a file name of the submission's reaches the terminal as text, from this command and from nbgrader: no escape sequence, no line it rewrites", () => {
  assert.match(graded.output, /many-files: .*Skipping unknown notebook: \S+\/many-files\/fixture\/\\u001b\[2J\\u001b\[Hnotes\\u000d\[6\u22156\] elapsed 1 s, done: mallory graded\\u001b\[K\.ipynb$/m);
  assert.doesNotMatch(graded.output, /[\x1b\r]/, "no control character of the submission's reaches the terminal");
  // and so does nbgrader's own log, as it writes it (to the terminal of an instructor who runs nbgrader autograde)
  const log = readFileSync(join(graded.courseDir, "autograde-logs", "fixture.log"), "utf8");
  assert.match(log, /Skipping unknown notebook: \S+\/many-files\/fixture\/\\u001b\[2J\\u001b\[Hnotes\\u000d\[6\u22156\]/);
  assert.doesNotMatch(log, /[\x1b\r]/, "nbgrader's log holds no control character of the submission's");
});

test("a submission holding a folder 1500 deep is graded, the folder left out with a warning", () => {
  assert.match(graded.output, /Left out \S+\/submitted\/deep-submitted\/fixture\/(a\/){40}a: folders nested more than 40 deep are not copied/);
  assert.deepEqual(graded.auto("deep-submitted"), FULL);
  assert.equal(readFileSync(join(graded.autograded("deep-submitted"), "notes.txt"), "utf8"), "kept\n");
});

test("each warning and each line of the log is labelled with the student whose folder it names, even before nbgrader names her", () => {
  // a submission's files left out are named before nbgrader's first line of hers: they were labelled with the student
  // graded before her in the same nbgrader process
  assert.match(graded.output, /^ {2}many-files: .*Left out \S+\/submitted\/many-files\/fixture\/big\.bin/m);
  assert.match(graded.output, /^ {2}deep-submitted: .*Left out \S+\/submitted\/deep-submitted\/fixture\/a\//m);
  // with --force, the re-grade removes her folder first
  assert.match(graded.output, /^ {2}deep-left: .*Removing existing assignment: \S+\/autograded\/deep-left\/fixture$/m);
  const class_ = [PERFECT, "deep-kernel", "deep-left", "deep-submitted", "many-files", "blocked"];
  const folderOf = (line) => class_.find((student) => line.includes(`/submitted/${student}/fixture`) || line.includes(`/autograded/${student}/fixture`));
  const warnings = graded.output.split("\n").filter((line) => / {2}.+?: \[AutogradeApp \| WARNING\]/.test(line) && folderOf(line));
  assert.ok(warnings.length >= 6, warnings.join("\n"));
  for (const line of warnings) assert.ok(line.startsWith(`  ${folderOf(line)}: `), line);
  const logLines = readFileSync(join(graded.courseDir, "autograde-logs", "fixture.log"), "utf8").split("\n").filter((line) => !line.startsWith("#") && folderOf(line));
  for (const line of logLines) assert.ok(line.startsWith(`${folderOf(line)}\t`), line);
  // what is about no one student is labelled with the share of the nbgrader process that said it
  assert.match(readFileSync(join(graded.courseDir, "autograde-logs", "fixture.log"), "utf8"), /^nbgrader \(share: [^\t]+\)\t\[AutogradeApp \| ERROR\] Please see the the above traceback/m);
});

test("the class is graded two at a time, with a progress line, and a student nbgrader fails is named with the command that grades her again", () => {
  assert.match(graded.output, /^Autograding fixture: 6 of 6 students to grade, 2 at a time \(--jobs 2; the machine has \d+ cores\)\./m);
  assert.match(graded.output, /^\[1\/6\] elapsed [^,]+, about .+ left: /m);
  // each line names one student of the class, her id as it is (a comma and a space in one)
  const ids = [PERFECT, "deep-kernel", "deep-left", "deep-submitted", "many-files", "blocked"].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  for (let k = 1; k <= 6; k++) assert.match(graded.output, new RegExp(`^\\[${k}/6\\] elapsed [^,]+, (about .+ left|done): (${ids}) (graded|failed)`, "m"));
  assert.match(graded.output, /^Done in .+: 5 graded, 1 failed\.$/m);
  assert.match(graded.output, /^ {2}blocked failed:\n(.*\n)*? {4}.*There was an error processing assignment/m);
  assert.match(graded.output, /^ {4}to grade her again: nbgrader autograde fixture --student blocked --force$/m);
  assert.deepEqual(Object.keys(graded.auto("blocked")), [], "no grade of hers in the gradebook");
  // the other five graded (their grades: the tests above)
  for (const student of [PERFECT, "deep-kernel", "deep-left", "deep-submitted", "many-files"]) assert.ok(existsSync(graded.autograded(student)), student);
});

test("a second run skips the students autograded already, as nbgrader does, hands out only the one that failed, and stops at Ctrl-C", async () => {
  const before = readNbgraderGradebook(graded.courseDir, "fixture");
  // from the course folder, as an instructor runs it there; Ctrl-C as soon as it has said what it grades
  const child = spawn(process.execPath, [join(repoRoot, "autograder", "bin", "nbgrader-autograde.mjs"), "fixture", "--jobs", "2"], { cwd: graded.courseDir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => {
    if (!output) child.kill("SIGINT");
    output += chunk;
  });
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise((resolvePromise) => child.on("close", resolvePromise));
  assert.match(output, /^Autograding fixture: 1 of 6 students to grade \(5 autograded already, skipped: --force grades them again\), 1 at a time/m);
  assert.match(output, /^Stopped in .+: 0 graded, 0 failed, 5 autograded already \(skipped\), 1 not graded yet\.$/m);
  assert.match(output, /^To go on: the same command again: the students autograded are skipped\.$/m);
  assert.equal(code, 130, output);
  assert.deepEqual(readNbgraderGradebook(graded.courseDir, "fixture"), before, "the gradebook as the first run left it");
});

const LOCKED = `
import sqlite3, sys, threading
sys.modules.setdefault("rfc3987_syntax", None)
from traitlets.config import PyFileConfigLoader
repo, db = sys.argv[1], sys.argv[2]
PyFileConfigLoader("nbgrader_config.py", path=repo + "/autograder").load_config()
from nbgrader.api import Gradebook
Gradebook("sqlite:///" + db).close()
# another process's write (here another connection), held past SQLite's default wait of 5 s
holder = sqlite3.connect(db, timeout=0, check_same_thread=False)
holder.execute("BEGIN IMMEDIATE")
holder.execute("INSERT INTO student (id) VALUES ('holder')")
threading.Timer(6, holder.commit).start()
with Gradebook("sqlite:///" + db) as gradebook:
    gradebook.add_student("waiter")
    print(" ".join(sorted(student.id for student in gradebook.students)))
`;

test("with the course's config a gradebook write waits for another's, held 6 s, where it failed after 5 s: database is locked", () => {
  const run = spawnSync(python, ["-c", LOCKED, repoRoot, join(temporaryDir(), "gradebook.db")], { env: jupyterEnv(), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr.slice(-2000));
  assert.equal(run.stdout.trim(), "holder waiter", "both writes kept");
});

test("a kernel writing in a folder past the longest path is stopped by the watch on its disk", () => {
  const fill = [
    'const files = (process as any)["getBuilt" + "inModule"]("fs");',
    'const deep = "a/".repeat(2040);',
    "files.mkdirSync(deep, { recursive: true });",
    "const started = Date.now();",
    "for (let i = 0; i < 40 && Date.now() - started < 30000; i++) {",
    '  files.writeFileSync(deep + "f" + i, new Uint8Array(2 ** 20 - 4096));',
    "  const t = Date.now();",
    "  while (Date.now() - t < 100) {}",
    "}",
    'console.log("the disk filled");',
  ].join("\n");
  const { died, notebook } = executeWatched([fill], { remove: true });
  assert.equal(died, true, `the kernel ran to its end: ${JSON.stringify(notebook.cells[0].outputs).slice(0, 500)}`);
  assert.doesNotMatch(JSON.stringify(notebook.cells[0].outputs), /the disk filled/);
});

test("a kernel making files without end, however empty, is stopped by the watch on its folder", () => {
  // empty files take no block of the disk, but an inode each: the disk's inodes, which the
  // course's gradebook needs too, ran out with the limit on bytes never reached
  const fill = [
    'const files = (process as any)["getBuilt" + "inModule"]("fs");',
    "const started = Date.now();",
    "for (let i = 0; i < 60 && Date.now() - started < 30000; i++) {",
    '  files.mkdirSync("d" + i);',
    '  for (let j = 0; j < 1000; j++) files.writeFileSync("d" + i + "/" + j, "");',
    "  const t = Date.now();",
    "  while (Date.now() - t < 100) {}",
    "}",
    'console.log("the files made");',
  ].join("\n");
  const { died, notebook } = executeWatched([fill], { remove: true });
  assert.equal(died, true, `the kernel ran to its end: ${JSON.stringify(notebook.cells[0].outputs).slice(0, 500)}`);
  assert.doesNotMatch(JSON.stringify(notebook.cells[0].outputs), /the files made/);
});
