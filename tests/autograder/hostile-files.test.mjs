// Submissions whose files, not their code, are hostile or broken: a notebook nested thousands
// of levels deep (copying or writing it would overflow the stack), a notebook file of many
// hundreds of megabytes or of tens of millions of objects, names that are not UTF-8 (an archive unpacked with another
// encoding), a folder of twenty thousand files (none of which the notebook is given), and what
// nbgrader's collect leaves beside a notebook. Only the last two run a kernel: each is that
// student's status, with the reason, the others are graded, and the run ends with exit code 0.
import assert from "node:assert/strict";
import { closeSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync, ftruncateSync } from "node:fs";
import { basename, join } from "node:path";
import { spawnSync } from "node:child_process";
import { before, test } from "node:test";
import { fixtureCourse, fixtureSubmissions, python, readJson, runNode, temporaryDir } from "./helpers.mjs";

const perfect = () => JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
/** A path below `dir` whose last part is the given bytes. */
const bytesPath = (dir, ...parts) => Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(parts)]);

const DEEP_DISPLAY = `let deep: object = [0];
for (let i = 0; i < 1500; i++) deep = [deep];
tslab.display.raw("application/json", deep);
console.log("displayed");`;

let run;
let report;
let out;
const student = (name) => report.students.find((item) => item.student === name);
const arith = (name) => student(name).notebooks.find((item) => item.notebook === "arith.ipynb");

before(async () => {
  const root = temporaryDir();
  const submissions = join(root, "class");
  const folder = (name) => {
    mkdirSync(join(submissions, name), { recursive: true });
    return join(submissions, name);
  };
  const deep = perfect();
  deep.cells[1].metadata.padding = "DEEP";
  // written as text: JSON.stringify itself would overflow the stack
  const nested = `${"[".repeat(5000)}${"]".repeat(5000)}`;
  writeFileSync(join(folder("deep-nesting"), "arith.ipynb"), JSON.stringify(deep).replace('"DEEP"', nested));
  // a sparse file: 600 MB long, no disk used; past 512 MB it cannot even be read as one string
  const huge = openSync(join(folder("huge-file"), "arith.ipynb"), "w");
  ftruncateSync(huge, 600e6);
  closeSync(huge);
  // and one just past the bound, 100.5 MB of 10⁶ bytes: under the 100 MiB once allowed, over nbgrader's max_file_size
  const overBound = openSync(join(folder("huge-file"), "strings.ipynb"), "w");
  ftruncateSync(overBound, 100_500_000);
  closeSync(overBound);
  // under the size allowed (10⁸ bytes), 99 MB of `{}` in a saved output (which the size of the work leaves out): 33 million
  // objects, which stopped the whole run, the grader out of memory as it read them (4 GB)
  const crowdedOutput = perfect();
  crowdedOutput.cells[1].outputs = [{ output_type: "display_data", metadata: {}, data: { "application/json": "MANY" } }];
  const [head, tail] = JSON.stringify(crowdedOutput).split('"MANY"');
  const objects = Math.floor((99e6 - head.length - tail.length) / 3);
  writeFileSync(join(folder("many-entries"), "arith.ipynb"), `${head}[${"{},".repeat(objects - 1)}{}]${tail}`);
  // Latin-1 names: "Jos\xe9" is not UTF-8
  mkdirSync(bytesPath(submissions, ...Buffer.from("Jos"), 0xe9));
  writeFileSync(Buffer.concat([bytesPath(submissions, ...Buffer.from("Jos"), 0xe9), Buffer.from("/arith.ipynb")]), JSON.stringify(perfect()));
  writeFileSync(join(folder("latin1-file"), "arith.ipynb"), "{ not a notebook");
  writeFileSync(bytesPath(join(submissions, "latin1-file"), ...Buffer.from("donn"), 0xe9, ...Buffer.from("es.csv")), "x,y\n");
  // more files than the sandbox's folder may hold (20000 on the own-user path): the notebook still runs
  const crowded = join(folder("many-files"), "files");
  mkdirSync(crowded);
  for (let i = 0; i < 20_001; i++) writeFileSync(join(crowded, `f${i}`), "");
  // and one of its cells displays data nested 1500 levels deep, deeper than Python's JSON parser goes
  const crowdedNotebook = perfect();
  crowdedNotebook.cells.push({ cell_type: "code", execution_count: null, id: "deep-display", metadata: {}, outputs: [], source: DEEP_DISPLAY });
  writeFileSync(join(submissions, "many-files", "arith.ipynb"), JSON.stringify(crowdedNotebook));
  // what nbgrader's collect brings from the exchange beside every submission's notebooks
  for (const name of ["arith.ipynb", "strings.ipynb"]) writeFileSync(join(folder("nbgrader-collected"), name), readFileSync(join(fixtureSubmissions, "perfect", name)));
  writeFileSync(join(submissions, "nbgrader-collected", "timestamp.txt"), "2026-12-03 10:00:00.000000 UTC");
  writeFileSync(join(submissions, "nbgrader-collected", "submission_secret.txt"), "c2VjcmV0");
  // nbgrader's collect: a folder per assignment, this course's named like its source folder, another assignment beside it
  const assignment = join(folder("nbgrader-layout"), basename(fixtureCourse));
  mkdirSync(assignment);
  for (const name of ["arith.ipynb", "strings.ipynb"]) writeFileSync(join(assignment, name), readFileSync(join(fixtureSubmissions, "perfect", name)));
  writeFileSync(join(assignment, "timestamp.txt"), "2026-12-03 10:00:00.000000 UTC");
  mkdirSync(join(submissions, "nbgrader-layout", "02-another-assignment"));
  writeFileSync(join(submissions, "nbgrader-layout", "02-another-assignment", "another.ipynb"), readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb")));
  // folders nested past the longest path the file system allows (a copy that recursed into itself)
  const deepFolders = spawnSync(python, ["-c", "import os\nd = os.open('.', os.O_RDONLY)\nfor i in range(100):\n    os.mkdir('a' * 60, dir_fd=d)\n    n = os.open('a' * 60, os.O_RDONLY, dir_fd=d)\n    os.close(d)\n    d = n"], { cwd: folder("deep-folders") });
  assert.equal(deepFolders.status, 0, String(deepFolders.stderr));
  // links named by control characters, six characters each in JSON: 23,000 such links with paths of 4,000
  // bytes, each named in the folder's note, made one result longer than node can write, which stopped the
  // run before the next student; a few show the bound without a kernel
  const links = folder("many-links");
  for (let i = 0; i < 30; i++) symlinkSync("nowhere", join(links, `${"\u0001".repeat(200)}${String(i).padStart(2, "0")}`));
  out = join(root, "grading");
  run = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--jobs", "1"]);
  assert.equal(run.code, 0, `autograde failed:\n${run.stdout}\n${run.stderr}`);
  report = readJson(join(out, "report.json"));
  // removed by descriptor (the test's own clean-up, by path, cannot reach so deep)
  const removed = spawnSync(python, ["-c", "import shutil; shutil.rmtree('deep-folders')"], { cwd: submissions });
  assert.equal(removed.status, 0, String(removed.stderr));
});

test("every entry has a status of its own and none is a grader error", () => {
  assert.equal(report.complete, true);
  assert.deepEqual(report.students.map((item) => [item.student, item.status]), [
    ["Jos\ufffd", "skipped"],
    ["deep-folders", "no-notebooks"],
    ["deep-nesting", "graded-with-problems"],
    ["huge-file", "graded-with-problems"],
    ["latin1-file", "graded-with-problems"],
    ["many-entries", "graded-with-problems"],
    ["many-files", "graded-with-problems"],
    ["many-links", "no-notebooks"],
    ["nbgrader-collected", "graded"],
    ["nbgrader-layout", "graded"],
  ]);
});

test("a note names at most 20 of a folder's links, each shortened, and counts the rest: its length is bounded whatever the folder holds", () => {
  const note = student("many-links").notes.find((item) => item.kind === "links-ignored");
  assert.match(note?.message ?? "", /^symbolic links are not graded and were left out: (\u0001{60}…\u0001{38}\d\d, ){19}\u0001{60}…\u0001{38}19 and 10 more$/);
  assert.ok(JSON.stringify(student("many-links")).length < 30_000);
});

test("folders nested past the longest path are left out with a note, not a grader error", () => {
  const note = student("deep-folders").notes.find((item) => item.kind === "folders-unreadable");
  assert.match(note?.message ?? "", /^folders that could not be read were left out, with what they hold: a{60}….*a{40} \(ENAMETOOLONG\)\. Put the notebooks where a path is shorter/);
});

test("the files nbgrader's exchange puts beside a collected submission's notebooks are no problem of the student's", () => {
  assert.deepEqual(student("nbgrader-collected").notes, []);
  assert.equal(student("nbgrader-collected").message, "all notebooks ran to the end");
  const { score, pendingManual, maxScore } = student("nbgrader-collected");
  assert.equal(score + pendingManual, maxScore, "every automatic point, the rest waiting for a person");
  // in nbgrader's layout the folder named like the course's source is the submission, and the
  // student's other assignments beside it are not this grading's business
  const layout = student("nbgrader-layout");
  assert.deepEqual(layout.notes, []);
  assert.equal(layout.score, score);
});

test("a folder of more files than the sandbox holds: none goes with the notebook, which is graded, and a note names the first 20", () => {
  assert.equal(arith("many-files").status, "graded", arith("many-files").message);
  assert.equal(student("many-files").score, 5);
  const notes = student("many-files").notes;
  assert.deepEqual(notes.map((note) => note.kind), ["files-not-used"]);
  assert.match(notes[0].message, /^the folder's other files were not given to the notebooks, .*: files\/f0, files\/f1, files\/f10, (files\/f\d+, ){16}files\/f\d+ and 19981 more$/);
  // the student's line says which problem: its status alone would not
  assert.ok(student("many-files").message.includes(notes[0].message), student("many-files").message);
});

test("a display nested deeper than Python's JSON parser goes is dropped with a note; the runner goes on", () => {
  const executed = JSON.parse(readFileSync(join(out, "students", "many-files", "arith.ipynb"), "utf8"));
  const deep = executed.cells.find((cell) => cell.id === "deep-display");
  const text = deep.outputs.map((output) => [].concat(output.text ?? "").join("")).join("");
  assert.match(text, /displayed/, JSON.stringify(deep.outputs).slice(0, 1000));
  assert.match(text, /\[autograder\] 1 output\(s\) nested too deeply to be read were dropped/);
});

test("a notebook nested deeper than any saved notebook is unreadable, with the reason", () => {
  assert.equal(arith("deep-nesting").status, "unreadable");
  assert.match(arith("deep-nesting").message, /nests its data more than 100 levels deep; save it again in JupyterLab/);
});

test("a notebook file of hundreds of megabytes is rejected without being read", () => {
  assert.equal(arith("huge-file").status, "unreadable");
  assert.equal(arith("huge-file").message, "rejected: the file has 600 MB (at most 100); clear its outputs");
  const justOver = student("huge-file").notebooks.find((item) => item.notebook === "strings.ipynb");
  assert.equal(justOver.status, "unreadable");
  assert.equal(justOver.message, "rejected: the file has 100.5 MB (at most 100); clear its outputs");
});

test("a notebook of more entries of lists and objects than any saved notebook is rejected before it is read", () => {
  assert.equal(arith("many-entries").status, "unreadable");
  assert.match(arith("many-entries").message, /^the notebook could not be read: the file holds more than 5000000 entries of lists and objects/);
});

test("names that are not UTF-8: a folder is skipped, a file left out, each with the reason", () => {
  assert.equal(student("Jos\ufffd").message, "not graded: its name is not valid UTF-8: rename it");
  assert.deepEqual(student("latin1-file").notes.map((note) => note.message), ["files whose names are not valid UTF-8 were left out: donn\ufffdes.csv"]);
  assert.match(arith("latin1-file").message, /not valid JSON/);
});

test("the key that decides a regrade reads at most 100 MB of a submission: many large sparse files do not hold up the class", async () => {
  const { listFiles } = await import("../../autograder/src/grade/files.mjs");
  const { submissionKey } = await import("../../autograder/src/util/fingerprint.mjs");
  const dir = temporaryDir();
  writeFileSync(join(dir, "arith.ipynb"), JSON.stringify(perfect()));
  // 40 files of 100 MB, each a few kB of disk: read whole, 20 s and more of the grader's thread before any student started
  for (let i = 0; i < 40; i++) {
    const fd = openSync(join(dir, `data-${i}.bin`), "w");
    ftruncateSync(fd, 100 * 2 ** 20);
    closeSync(fd);
  }
  const key = () => {
    const files = listFiles(dir);
    return submissionKey({ files: [...files.notebooks, ...files.others.map((file) => ({ path: file.from, relative: file.to }))], course: "c", settings: {} });
  };
  const started = process.hrtime.bigint();
  const first = key();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  assert.ok(seconds < 5, `the key took ${seconds} s`);
  assert.equal(key(), first, "the same files, the same key");
  // the notebook is read: an edit of the same size and time changes the key
  const nb = perfect();
  nb.cells[1].source = [nb.cells[1].source].flat().join("").replace("tslab", "TSLAB");
  writeFileSync(join(dir, "arith.ipynb"), JSON.stringify(nb));
  const edited = key();
  assert.notEqual(edited, first);
  // a file past the budget counts by its size and time
  const fd = openSync(join(dir, "data-7.bin"), "r+");
  ftruncateSync(fd, 99 * 2 ** 20);
  closeSync(fd);
  assert.notEqual(key(), edited);
});
