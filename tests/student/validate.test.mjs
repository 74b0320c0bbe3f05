// `npm run validate`: a student's notebook runs on the real TypeScript kernel and the student
// reads which visible tests pass and which fail, with their messages; a released notebook
// has no hidden tests, so none runs and none is shown.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";

const nbgrader = (fields) => ({ nbgrader: { schema_version: 3, task: false, locked: false, ...fields } });
const HIDDEN_CHECK = "hidden check: square(3) must be 9";

/** A small course notebook: one code exercise, two visible tests, a hidden test. */
function courseNotebook() {
  const notebook = makeNotebook([
    "function square(x: number): number {\n  // BEGIN SOLUTION\n  return x * x;\n  // END SOLUTION\n}",
    'if (square(2) !== 4) throw new Error(`square(2) should be 4, got ${square(2)}`);',
    `if (square(-1) !== 1) throw new Error(\`square(-1) should be 1, got \${square(-1)}\`);\n// BEGIN HIDDEN TESTS\nif (square(3) !== 9) throw new Error("${HIDDEN_CHECK}");\n// END HIDDEN TESTS`,
  ]);
  const [answer, first, second] = notebook.cells;
  answer.metadata = nbgrader({ grade_id: "square", grade: false, solution: true });
  first.metadata = nbgrader({ grade_id: "square-test", grade: true, solution: false, locked: true, points: 1 });
  second.metadata = nbgrader({ grade_id: "square-negative-test", grade: true, solution: false, locked: true, points: 1 });
  return parseNotebook(JSON.stringify(notebook));
}

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-validate-"));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const validate = (...files) =>
  spawnSync(process.execPath, [fromRoot("scripts", "validate.mjs"), ...files], { cwd: fromRoot(), encoding: "utf8", env: { ...process.env, INIT_CWD: dir } });

/** The released notebook with the exercise answered by `body`, saved in the test's folder. */
function answered(file, body) {
  const { student } = releaseNotebook(courseNotebook(), loadStubs());
  assert.doesNotMatch(JSON.stringify(student), /hidden check/, "the release has no hidden test");
  const notebook = JSON.parse(serializeNotebook(student));
  notebook.cells[0].source = `function square(x: number): number {\n  ${body}\n}`;
  fs.writeFileSync(path.join(dir, file), JSON.stringify(notebook));
  return file;
}

test("each answer runs on the kernel: the tests it passes and those it fails, with their messages; nothing hidden", () => {
  // Doubling gives 4 for 2, as the first test wants, and -2 for -1. The third answer is right
  // but reaches the kernel's globals, which grading rejects: validate must say so, not pass it.
  const run = validate(
    answered("mine.ipynb", "return x + x;"),
    answered("done.ipynb", "return x * x;"),
    answered("reach.ipynb", "return (globalThis as any).Math.pow(x, 2);"),
  );
  assert.equal(run.status, 1, `a failing test makes the exit status 1:\n${run.stdout}\n${run.stderr}`);
  const [mine, done, reach] = run.stdout.split(/^validate: running /m).slice(1);
  assert.match(reach, /REJECTED {2}the answer cell "square" was rejected: it uses the global object \(globalThis\).*graded as not answered.*\(grading does the same\)/);
  assert.match(reach, /0 of 2 visible tests pass/, "the answer ran as grading runs it: replaced by its stub");
  assert.match(mine, /^mine\.ipynb \(ran in \d+ s\)$/m, "the notebook is named as the student named it");
  assert.match(mine, /pass {2}test square-test \(1 point\)/);
  assert.match(mine, /FAIL {2}test square-negative-test \(1 point\): Error: square\(-1\) should be 1, got -2/);
  assert.match(mine, /1 of 2 visible tests pass: read the messages above/);
  assert.match(mine, /hidden tests/i, "the student is told grading runs more tests");
  assert.match(done, /2 of 2 visible tests pass\./);
  assert.doesNotMatch(run.stdout + run.stderr, /hidden check|square\(3\)/);
});

test("validate refuses the course's source and says what to validate instead", () => {
  const source = fs.readdirSync(notebooksDir).find((f) => f.endsWith(".ipynb"));
  const run = validate(path.join(notebooksDir, source));
  assert.equal(run.status, 2);
  assert.match(run.stderr, /is the course's source, not your work; validate your copy in your workspace/);
  assert.match(validate("nothing-here.ipynb").stderr, /nothing-here\.ipynb does not exist/);
  // a notebook whose name starts with a dash: said how to name it
  assert.match(validate("-mine.ipynb").stderr, /-mine\.ipynb is taken for an option, its name starting with -: name it as \.\/-mine\.ipynb/);
  assert.match(validate("./-mine.ipynb").stderr, /-mine\.ipynb does not exist/);
  // the workspace given as a notebook
  fs.mkdirSync(path.join(dir, "my-folder"), { recursive: true });
  assert.match(validate("my-folder").stderr, /my-folder is a folder: npm run validate -- --workspace my-folder checks every notebook in it/);
  // a name ending in a carriage return (a script saved with Windows line ends) printed as the right name, "is not a notebook"
  fs.writeFileSync(path.join(dir, "typed.ipynb"), "{}");
  assert.match(validate("typed.ipynb\r").stderr, /"typed\.ipynb\\r" ends in a carriage return: .*Windows line ends/);
  // a notebook's text version (jupytext's .py or .md, paired with it or converted): the notebook is named
  for (const text of ["typed.py", "typed.md"]) {
    fs.writeFileSync(path.join(dir, text), "");
    assert.match(validate(text).stderr, new RegExp(`${text.replace(".", "\\.")} is a text version of a notebook .*jupytext.*: validate typed\\.ipynb`));
  }
});

test("a chapter saved under another name, with a byte-order mark, is checked as that chapter, and the student told to rename and resave it", async () => {
  const { studentChapter } = await import("../../scripts/lib/student-release.mjs");
  const chapter = "01-problem-formulation.ipynb";
  const file = path.join(dir, "01-problem-formulation (1).ipynb");
  fs.writeFileSync(file, `\uFEFF${serializeNotebook(studentChapter(notebooksDir, chapter))}`);
  const run = validate(file);
  assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /holds the exercises of 01-problem-formulation\.ipynb under another name; .*rename it to 01-problem-formulation\.ipynb before you hand it in/);
  assert.match(run.stdout, /begins with a byte-order mark .*save it as UTF-8 without a byte-order mark/);
  assert.match(run.stdout, /FAIL {2}test sampling-test \(2 points\): Error: No answer given yet/);
  // outside the checkout and any workspace neural-mi is not found where the notebook lies: it ran beside the course's packages
  assert.match(run.stdout, /lies outside this checkout and your workspace, where neural-mi is not found: it ran in a folder of its own beside the course's packages/);
  assert.doesNotMatch(run.stdout, /Cannot find module/);
});

test("a chapter's newer version that npm start put beside the student's copy is checked as that chapter, and the student told that grading takes the copy of the chapter's name", async () => {
  const { studentChapter } = await import("../../scripts/lib/student-release.mjs");
  const chapter = "01-problem-formulation.ipynb";
  // in a folder of packages of her own, which an npm install there left without the course's links
  const file = path.join(dir, "own", "01-problem-formulation.course-update.ipynb");
  fs.mkdirSync(path.join(dir, "own", "node_modules", "mine"), { recursive: true });
  fs.writeFileSync(file, serializeNotebook(studentChapter(notebooksDir, chapter)));
  const run = validate(file);
  assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /own\/node_modules holds packages of your own but not the course's neural-mi \(an npm install there takes out the links npm start puts in\): .*npm start puts the links back/);
  assert.doesNotMatch(run.stdout, /lies outside this checkout/);
  assert.match(
    run.stdout,
    /01-problem-formulation\.course-update\.ipynb is the course's newer version of 01-problem-formulation\.ipynb.* the grader looks for 01-problem-formulation\.ipynb .*copy what you wrote here into 01-problem-formulation\.ipynb/,
  );
  assert.match(run.stdout, /FAIL {2}test sampling-test \(2 points\): Error: No answer given yet/, "its tests are the chapter's");
});

test("a notebook in a folder reached from inside the course's folder through a symbolic link runs where neural-mi is found", async () => {
  const { studentChapter } = await import("../../scripts/lib/student-release.mjs");
  // chapter 1, the one whose demonstrations cost least (about 5 s of CPU against chapter 3's 7)
  const chapter = "01-problem-formulation.ipynb";
  const real = path.join(dir, "synced");
  fs.mkdirSync(real);
  fs.writeFileSync(path.join(real, chapter), serializeNotebook(studentChapter(notebooksDir, chapter)));
  const link = fromRoot(".cache", `validate-link-${process.pid}`);
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(real, link);
  try {
    const run = validate(path.join(link, chapter));
    assert.doesNotMatch(run.stdout, /Cannot find module 'neural-mi'/);
    assert.match(run.stdout, /FAIL {2}test sampling-test \(2 points\): Error: No answer given yet/, `${run.stdout}\n${run.stderr}`);
  } finally {
    fs.rmSync(link);
  }
});

test("validate -- --workspace <dir> checks that workspace's notebooks, as npm start -- --workspace <dir> opens them", () => {
  const workspace = path.join(dir, "elsewhere");
  fs.mkdirSync(workspace);
  fs.renameSync(path.join(dir, answered("only.ipynb", "return x * x;")), path.join(workspace, "only.ipynb"));
  // JupyterLab's copy of a notebook from before its save (".~<name>", left by a JupyterLab stopped while it saved), hidden
  // as JupyterLab hides it: it had been run as a copy of the chapter, and the student told to rename it to the chapter's name
  fs.copyFileSync(path.join(workspace, "only.ipynb"), path.join(workspace, ".~only.ipynb"));
  // notebooks of her own beside the chapters (JupyterLab's Untitled.ipynb, a Python one): no exercise of the course, said
  // and left out; each had failed the whole run (exit 2) with "not one of the course's chapters; validate the chapters of your workspace"
  fs.writeFileSync(path.join(workspace, "Untitled.ipynb"), JSON.stringify(makeNotebook(["console.log(1 + 1);"])));
  const python = makeNotebook(["print(1)"]);
  python.metadata = { kernelspec: { name: "python3", display_name: "Python 3 (ipykernel)", language: "python" } };
  fs.writeFileSync(path.join(workspace, "scratch.ipynb"), JSON.stringify(python));
  const run = validate("--workspace", "elsewhere");
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /validate: running elsewhere\/only\.ipynb[\s\S]*2 of 2 visible tests pass\./);
  assert.doesNotMatch(run.stdout + run.stderr, /\.~only/);
  for (const name of ["Untitled", "scratch"]) {
    assert.match(run.stdout, new RegExp(`validate: note: elsewhere/${name}\\.ipynb holds no exercise of the course \\(.*\\): not checked`));
  }
  assert.equal(run.stderr, "");
  assert.match(validate(path.join("elsewhere", "Untitled.ipynb")).stderr, /Untitled\.ipynb has no graded cells/, "named, it is still refused");
  assert.match(validate("--workspace").stderr, /--workspace needs a folder/);
});

test("a workspace with no notebook at its top is said to have had nothing checked, naming the notebooks in its folders, and fails", () => {
  // it said nothing and ended as a success: chapters moved into a folder of the workspace, or --workspace one folder off
  const workspace = path.join(dir, "sorted");
  fs.mkdirSync(path.join(workspace, "done"), { recursive: true });
  fs.renameSync(path.join(dir, answered("only.ipynb", "return x * x;")), path.join(workspace, "done", "only.ipynb"));
  const run = validate("--workspace", "sorted");
  assert.equal(run.status, 2, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, /validate: no notebook in sorted, so nothing was checked; its folders hold sorted\/done\/only\.ipynb: name the ones to check/);
  fs.rmSync(path.join(workspace, "done"), { recursive: true });
  const empty = validate("--workspace", "sorted");
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /no notebook in sorted, so nothing was checked; npm start puts the course's chapters back into it/);
  fs.writeFileSync(path.join(workspace, "Untitled.ipynb"), JSON.stringify(makeNotebook(["console.log(1 + 1);"])));
  const scratchOnly = validate("--workspace", "sorted");
  assert.equal(scratchOnly.status, 2, "notebooks of her own alone: nothing checked");
  assert.match(scratchOnly.stderr, /no notebook in sorted holds the course's exercises, so nothing was checked; npm start puts the course's chapters back into it/);
});

test("a cell that never ends is interrupted at the time limit and named, the cells after it still run, a cell over the memory limit is named, and a broken notebook stops only its own check", async () => {
  const { allPassed, checkNotebook, describeCheck } = await import("../../scripts/validate/check-notebook.mjs");
  const file = path.join(dir, answered("endless.ipynb", "return x * x;"));
  const notebook = JSON.parse(fs.readFileSync(file, "utf8"));
  // a loop that never ends, waiting rather than computing: its 5 s cost no core
  notebook.cells[0].source += "\nconst pause = new Int32Array(new SharedArrayBuffer(4));\nwhile (Date.now() > 0) Atomics.wait(pause, 0, 0, 100);";
  // the kernel has grading's JavaScript heap limit for grading's memory limit (node's own, 4 GB on a machine of 16 GB, let a
  // notebook holding 2 to 3 GB of objects pass here and run out of heap in grading)
  const { DEFAULT_LIMITS, heapMbFor } = await import("../../autograder/src/execute/execute-notebook.mjs");
  const heapCell = makeNotebook([
    `const heapMb = (await import("node:v8")).getHeapStatistics().heap_size_limit / 2 ** 20;\n` +
      `if (heapMb < ${heapMbFor(DEFAULT_LIMITS.memoryMb)} || heapMb > ${heapMbFor(DEFAULT_LIMITS.memoryMb) + 100}) throw new Error(\`heap limit \${heapMb} MB\`);`,
  ]).cells[0];
  heapCell.id = "heap-test";
  heapCell.metadata = nbgrader({ grade_id: "heap-test", grade: true, solution: false, locked: true, points: 0 });
  notebook.cells.push(heapCell);
  fs.writeFileSync(file, JSON.stringify(notebook));
  // while it runs, the cell running is named with how long it has run (a line a second here), and its interruption is said when it comes
  const { cellProgress } = await import("../../scripts/validate/cell-progress.mjs");
  const said = [];
  const progress = cellProgress("endless.ipynb", { everySeconds: 1, say: (line) => said.push(line) });
  const check = await checkNotebook(file, { timeout: 5, onCell: progress.onCell });
  progress.stop();
  const progressLines = said.join("\n");
  assert.match(progressLines, /validate: endless\.ipynb: cell 1 \("function square\(x: number\): number \{"\) still running after \d+ s \(its time limit: 5 s, then it is interrupted\)/);
  assert.match(progressLines, /validate: endless\.ipynb: cell 1 \("function square\(x: number\): number \{"\) ran past its time limit of 5 s and was interrupted; .*a loop that never ends.*run the chapter in JupyterLab \(npm start\)/);
  const lines = describeCheck("endless.ipynb", check).join("\n");
  assert.match(lines, /TIME {2}cell 1 of the notebook \("function square\(x: number\): number \{"\) ran longer than 5 s and was interrupted: look for a loop that never ends.*run the chapter in JupyterLab/);
  assert.equal(check.cells.filter((cell) => cell.kind === "test").length, 3, "the tests after it ran and have their verdicts");
  const heap = check.cells.find((cell) => cell.id === "heap-test");
  assert.equal(heap?.status, "passed", `the kernel's heap limit is grading's: ${heap?.error}`);

  // a notebook of another course, in Python, with nbgrader's cells: said, not run on the TypeScript kernel
  const python = JSON.parse(fs.readFileSync(path.join(dir, answered("python.ipynb", "return x * x;")), "utf8"));
  python.metadata = { kernelspec: { name: "python3", display_name: "Python 3 (ipykernel)", language: "python" }, language_info: { name: "python" } };
  fs.writeFileSync(path.join(dir, "python.ipynb"), JSON.stringify(python));
  const other = validate("python.ipynb");
  assert.equal(other.status, 2);
  assert.match(other.stderr, /python\.ipynb is a python notebook \(its kernel: Python 3 \(ipykernel\)\), not one of the course's: the chapters are TypeScript/);

  // a test cell deleted from the copy: grading puts it back and runs it, so validate fails it, saying so
  const deleted = JSON.parse(fs.readFileSync(path.join(dir, answered("deleted.ipynb", "return x + x;")), "utf8"));
  deleted.cells = deleted.cells.filter((cell) => cell.metadata?.nbgrader?.grade_id !== "square-negative-test");
  fs.writeFileSync(path.join(dir, "deleted.ipynb"), JSON.stringify(deleted));
  const released = releaseNotebook(courseNotebook(), loadStubs()).student;
  const withoutTest = await checkNotebook(path.join(dir, "deleted.ipynb"), { released, timeout: 60 });
  const missing = withoutTest.cells.find((cell) => cell.id === "square-negative-test");
  assert.equal(missing?.status, "failed", JSON.stringify(withoutTest.cells));
  assert.match(missing.error, /this test cell is not in your copy .*grading puts the course's test back and runs it/);

  // an editor that rewrote the chapter without its cells' metadata: no grader finds the answers; the student is told how to recover
  const stripped = JSON.parse(fs.readFileSync(path.join(dir, answered("stripped.ipynb", "return x * x;")), "utf8"));
  for (const cell of stripped.cells) {
    delete cell.id;
    cell.metadata = {};
  }
  fs.writeFileSync(path.join(dir, "stripped.ipynb"), JSON.stringify(stripped));
  await assert.rejects(
    checkNotebook(path.join(dir, "stripped.ipynb"), { released, timeout: 60 }),
    /stripped\.ipynb has lost the course's grading metadata .* rename it \(e\.g\. to stripped\.mine\.ipynb\), run `npm start`, which puts stripped\.ipynb back as the course gives it, and copy your answers into its cells/,
  );
  await assert.rejects(checkNotebook(path.join(dir, "stripped.ipynb"), { timeout: 60 }), /has no graded cells \(nbgrader metadata\): it is not one of the course's chapters/);

  // a notebook past the bounds by which grading reads a hand-in is refused here too, saying what grading does, unrun (it was
  // run in full and passed): a file over 100 MB (outputs of a cell that printed a great deal, saved; sparse here, its size is what counts)
  const big = path.join(dir, answered("big.ipynb", "return x * x;"));
  // 100.5 MB of 10⁶ bytes: under 100 MiB, which validate and grading had allowed, over nbgrader's max_file_size, past which
  // the hub's submit left it out
  fs.truncateSync(big, 100_500_000);
  await assert.rejects(
    checkNotebook(big, { released, timeout: 60 }),
    /big\.ipynb has 100\.5 MB, more than the 100 MB a notebook file may have; grading refuses such a notebook .*no answer counts\): clear its outputs/,
  );
  // and an output of more than 5,000,000 lists, objects and entries (a plot's data shown whole)
  const plotted = JSON.parse(fs.readFileSync(path.join(dir, answered("plotted.ipynb", "return x * x;")), "utf8"));
  plotted.cells[0].outputs = [{ output_type: "display_data", metadata: {}, data: { "application/json": { points: new Array(5_000_001).fill(0) } } }];
  fs.writeFileSync(path.join(dir, "plotted.ipynb"), JSON.stringify(plotted));
  await assert.rejects(
    checkNotebook(path.join(dir, "plotted.ipynb"), { released, timeout: 60 }),
    /plotted\.ipynb: the file holds more than 5000000 entries of lists and objects.*; grading refuses such a notebook/,
  );

  // a cell holding more memory than grading allows is stopped and named, as grading stops it
  const hog = JSON.parse(fs.readFileSync(path.join(dir, answered("hog.ipynb", "return x * x;")), "utf8"));
  // held while the cell still runs, so that the watchdog's poll finds it in this cell, not the next
  hog.cells[0].source += "\nconst hoard = new Float64Array(2e8).fill(1);\nfor (const until = Date.now() + 4000; Date.now() < until; ) hoard[0] += 1;";
  fs.writeFileSync(path.join(dir, "hog.ipynb"), JSON.stringify(hog));
  await assert.rejects(
    checkNotebook(path.join(dir, "hog.ipynb"), { timeout: 120, memoryMb: 1024 }),
    /cell 1 of the notebook \("function square\(x: number\): number \{"\) used more memory than grading allows \(the kernel used \d+ MB of memory, over the limit of 1024 MB, and was stopped\); the cells after it did not run/,
  );

  // a notebook past grading's limit for its cells together (1800 s; each cell under its own 600 s) is stopped there, as grading
  // stops it (validate had let it run a day); a wait costs no core
  const slow = JSON.parse(fs.readFileSync(path.join(dir, answered("slow.ipynb", "return x * x;")), "utf8"));
  slow.cells[0].source += "\nconst still = new Int32Array(new SharedArrayBuffer(4));\nwhile (Date.now() > 0) Atomics.wait(still, 0, 0, 100);";
  fs.writeFileSync(path.join(dir, "slow.ipynb"), JSON.stringify(slow));
  await assert.rejects(
    checkNotebook(path.join(dir, "slow.ipynb"), { timeout: 30, notebookTimeout: 4 }),
    /cell 1 of the notebook \("function square\(x: number\): number \{"\) was running when the notebook reached grading's time limit for all its cells together \(the notebook ran past its 4 s limit.*\); the cells after it did not run, and grading stops this notebook there too/,
  );

  // an answer cell deleted: said as such, beside the tests it makes fail
  const noAnswer = JSON.parse(fs.readFileSync(path.join(dir, answered("no-answer.ipynb", "return x * x;")), "utf8"));
  noAnswer.cells = noAnswer.cells.filter((cell) => cell.metadata?.nbgrader?.grade_id !== "square");
  fs.writeFileSync(path.join(dir, "no-answer.ipynb"), JSON.stringify(noAnswer));
  // in the same copy, of a chapter with two written answers: "why" with its grading metadata removed (its cell id kept), "how"
  // carrying a test's grade id, and a markdown cell of hers: each named as grading names it, the first two failing with the fix
  // (validate ran the course's test in the place of "how" and said nothing of either; nbgrader's Validate fails the second)
  const written = courseNotebook();
  const writtenCell = (id, source) => ({ cell_type: "markdown", id: `${id}-cell`, metadata: nbgrader({ grade_id: id, grade: true, solution: true, points: 1 }), source });
  written.cells.push(writtenCell("why", "Because signs agree."), writtenCell("how", "By multiplying."));
  const releasedWritten = releaseNotebook(written, loadStubs()).student;
  noAnswer.cells.push(...structuredClone(releasedWritten.cells.slice(-2)), { cell_type: "markdown", id: "mine", metadata: {}, source: "How: by  multiplying." });
  const [why, how] = noAnswer.cells.slice(-3);
  Object.assign(why, { metadata: {}, source: "Squares are never negative." });
  // (a copy of the cell, a new cell id: which answer it is cannot be told)
  Object.assign(how, { id: "copied-how", metadata: nbgrader({ grade_id: "square-negative-test", grade: true, solution: true, points: 1 }), source: "My how." });
  fs.writeFileSync(path.join(dir, "no-answer.ipynb"), JSON.stringify(noAnswer));
  const withoutAnswerCheck = await checkNotebook(path.join(dir, "no-answer.ipynb"), { released: releasedWritten, timeout: 60 });
  const withoutAnswer = describeCheck("no-answer.ipynb", withoutAnswerCheck).join("\n");
  assert.match(withoutAnswer, /answer square \(0 points\): not in your copy \(deleted, or its grading metadata removed\): graded as not answered/);
  const [whyAt, howAt, mineAt] = [2, 1, 0].map((back) => noAnswer.cells.length - back);
  assert.match(withoutAnswer, new RegExp(`NOTE {2}cell ${howAt}, a written answer, carried the grade id "square-negative-test" of a test cell, and which written answer it is cannot be told; .*copy its text into the released notebook's written answer cell`));
  assert.match(withoutAnswer, new RegExp(`NOTE {2}cell ${whyAt}, the written answer "why", had lost its grading metadata; it was found by its cell id and graded as that answer: restore the cell's metadata`));
  assert.match(withoutAnswer, /written answer why \(1 point\): answered, graded by hand/);
  assert.match(withoutAnswer, new RegExp(`NOTE {2}the written answer "how" \\(deleted\\) is as released, empty or deleted, .*: cell ${howAt} \\("My how\\."\\), cell ${mineAt} \\("How: by multiplying\\."\\); if the answer is there, put its text in the written answer's cell`));
  assert.match(withoutAnswer, /FAIL {2}a written answer's cell was changed \(NOTE above\): restore it/);
  assert.equal(allPassed(withoutAnswerCheck), false);

  // a test cell whose check the student deleted runs as the course's, as in grading: it fails
  const edited = JSON.parse(fs.readFileSync(path.join(dir, answered("edited.ipynb", "return x + x;")), "utf8"));
  const negativeTest = edited.cells.find((cell) => cell.metadata?.nbgrader?.grade_id === "square-negative-test");
  negativeTest.source = "// nothing to check";
  // and a test whose points and grading metadata the student edited (a check no test reports, 5 points): weighed here by the
  // course's, as grading's restore weighs it (validate read the copy's, and failed a test grading passes, or the other way)
  const firstTest = edited.cells.find((cell) => cell.metadata?.nbgrader?.grade_id === "square-test");
  firstTest.metadata.nbgrader.points = 5;
  // its grade flag taken off: validate named it as missing from the copy, where grading gives the flag back and runs it
  firstTest.metadata.nbgrader.grade = false;
  firstTest.metadata.neural_mi = { checks: { never: 1 }, tolerance: 100 };
  fs.writeFileSync(path.join(dir, "edited.ipynb"), JSON.stringify(edited));
  const restoredCheck = await checkNotebook(path.join(dir, "edited.ipynb"), { released, timeout: 60 });
  const restoredLines = describeCheck("edited.ipynb", restoredCheck).join("\n");
  assert.match(restoredLines, /FAIL {2}test square-negative-test \(1 point\): Error: square\(-1\) should be 1, got -2\n {8}this test cell was changed: the course's own version of it ran here, as grading runs it/);
  assert.match(restoredLines, /pass {2}test square-test \(1 point\)\n {8}this test cell's points or grading metadata were changed: the course's were applied here/);

  // a cell claiming a test's id before that test (a copy of the test cell, edited): grading keeps the last copy as the test and
  // runs the others as ordinary cells, their own code; validate ran the course's test in its place, so an answer this copy
  // redefined passed here and failed in grading
  const copied = JSON.parse(fs.readFileSync(path.join(dir, answered("copied.ipynb", "return x * x;")), "utf8"));
  const testIndex = copied.cells.findIndex((cell) => cell.metadata?.nbgrader?.grade_id === "square-test");
  copied.cells.splice(testIndex, 0, { ...structuredClone(copied.cells[testIndex]), id: "my-copy", source: "function square(x: number): number {\n  return 0;\n}" });
  fs.writeFileSync(path.join(dir, "copied.ipynb"), JSON.stringify(copied));
  const copiedLines = describeCheck("copied.ipynb", await checkNotebook(path.join(dir, "copied.ipynb"), { released, timeout: 60 })).join("\n");
  assert.match(copiedLines, /NOTE {2}cell "square-test" appears 2 times; the last copy was graded, the earlier ones ran as ordinary cells/);
  assert.match(copiedLines, /FAIL {2}test square-test \(1 point\): Error: square\(2\) should be 4, got 0/);
  assert.match(copiedLines, /0 of 2 visible tests pass/);

  fs.writeFileSync(path.join(dir, "broken.ipynb"), '{"cells": [');
  const run = validate("broken.ipynb", answered("fine.ipynb", "return x * x;"));
  assert.equal(run.status, 2, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, /validate: .*broken\.ipynb/);
  assert.match(run.stdout, /validate: running fine\.ipynb[\s\S]*2 of 2 visible tests pass\./, "the next notebook is still checked");
});

// Two ways a copy passed here and lost points in grading: a test cell the kernel did not run (tslab
// replies "aborted" to the cells that reach it just after a failure of its own, here from a frozen
// process.stdout, where it puts its writer before each cell) had no output and passed; a test cell
// the student turned into markdown was not run and passed. Grading fails the first and gives the
// second back its type and runs it.
test("an interrupt that comes while the kernel still compiles a cell is sent again: the cell is interrupted, not its kernel stopped", async () => {
  const { checkNotebook } = await import("../../scripts/validate/check-notebook.mjs");
  // a limit of 0.05 s sends the interrupt while the cell compiles, where node's SIGINT is lost (it breaks only code already
  // running), in about two tries of three: the runner sent it once, then stopped the kernel with every cell after it
  const endless = "const pause = new Int32Array(new SharedArrayBuffer(4));\nwhile (Date.now() > 0) Atomics.wait(pause, 0, 0, 100);";
  const notebook = makeNotebook([endless, endless, endless, endless, "console.log(1);"]);
  notebook.cells[4].id = "after-test";
  notebook.cells[4].metadata = nbgrader({ grade_id: "after-test", grade: true, solution: false, locked: true, points: 1 });
  const file = path.join(dir, "compiling.ipynb");
  fs.writeFileSync(file, JSON.stringify(notebook));
  // a kernel stopped is thrown as "did not stop when interrupted (… did not respond to an interrupt …)"
  const check = await checkNotebook(file, { timeout: 0.05 });
  assert.deepEqual(check.timeouts.map((cell) => cell.number).slice(0, 4), [1, 2, 3, 4], "each endless cell interrupted in turn");
  assert.equal(check.cells.find((cell) => cell.id === "after-test")?.kind, "test", "the test after them ran");
});

test("a test cell the kernel did not run fails, naming the kernel's reply; a test cell turned into markdown runs as code", async () => {
  const { allPassed, checkNotebook, describeCheck } = await import("../../scripts/validate/check-notebook.mjs");
  const released = releaseNotebook(courseNotebook(), loadStubs()).student;
  const frozen = path.join(dir, answered("frozen.ipynb", 'Object.freeze((process as any)["std" + "out"]);\n  return x * x;'));
  const notebook = JSON.parse(fs.readFileSync(frozen, "utf8"));
  // the freeze runs when the answer cell does, not when square is called
  notebook.cells[0].source += '\nObject.freeze((process as any)["std" + "out"]);';
  fs.writeFileSync(frozen, JSON.stringify(notebook));
  const aborted = await checkNotebook(frozen, { released, timeout: 60 });
  const negative = aborted.cells.find((cell) => cell.id === "square-negative-test");
  assert.equal(negative?.status, "failed", JSON.stringify(aborted.cells));
  assert.match(negative.error, /reply status "aborted"/);
  assert.equal(allPassed(aborted), false);

  const markdown = JSON.parse(fs.readFileSync(path.join(dir, answered("markdown.ipynb", "return x + x;")), "utf8"));
  const testCell = markdown.cells.find((cell) => cell.metadata?.nbgrader?.grade_id === "square-negative-test");
  Object.assign(testCell, { cell_type: "markdown" });
  delete testCell.outputs;
  delete testCell.execution_count;
  fs.writeFileSync(path.join(dir, "markdown.ipynb"), JSON.stringify(markdown));
  for (const course of [released, undefined]) {
    const check = await checkNotebook(path.join(dir, "markdown.ipynb"), { released: course, timeout: 60 });
    const lines = describeCheck("markdown.ipynb", check).join("\n");
    assert.match(lines, /FAIL {2}test square-negative-test \(1 point\): Error: square\(-1\) should be 1, got -2/, lines);
    assert.equal(allPassed(check), false);
  }
});

test("a folder or a broken link with a notebook's name is named by validate, with its fix", () => {
  const workspace = path.join(dir, "odd");
  fs.mkdirSync(path.join(workspace, "05-a folder.ipynb"), { recursive: true });
  fs.symlinkSync(path.join(dir, "gone.ipynb"), path.join(workspace, "06-link.ipynb"));
  // read to an end that never comes: validate hung, its memory growing
  const chapter = fs.readdirSync(notebooksDir).find((name) => name.endsWith(".ipynb"));
  // cut short while JupyterLab saved it, its copy from before the save beside it
  fs.writeFileSync(path.join(workspace, "09-saving.ipynb"), '{"cells": [');
  fs.writeFileSync(path.join(workspace, ".~09-saving.ipynb"), "{}");
  const unix = process.platform !== "win32"; // no /dev/zero nor mkfifo on Windows
  if (unix) {
    fs.symlinkSync("/dev/zero", path.join(workspace, chapter));
    fs.symlinkSync("/dev/zero", path.join(workspace, "07-zero.ipynb"));
    assert.equal(spawnSync("mkfifo", [path.join(workspace, "08-pipe.ipynb")]).status, 0);
  }
  const run = spawnSync(process.execPath, [fromRoot("scripts", "validate.mjs"), "--workspace", "odd"], {
    cwd: fromRoot(),
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: dir },
    timeout: 30_000,
  });
  assert.equal(run.status, 2, `${run.stdout}\n${run.stderr}`);
  if (unix) {
    assert.match(run.stderr, new RegExp(`validate: .*${chapter.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is a symbolic link to /dev/zero, which is not a file: delete it`));
    assert.match(run.stderr, /validate: .*07-zero\.ipynb is a symbolic link to \/dev\/zero, which is not a file: delete it/);
    assert.match(run.stderr, /validate: .*08-pipe\.ipynb is not a file \(a device or a pipe\): delete it/);
  }
  assert.match(run.stderr, /validate: .*05-a folder\.ipynb is a folder, not a notebook: rename it/);
  assert.match(run.stderr, /validate: .*06-link\.ipynb is a symbolic link to .*gone\.ipynb, which does not exist: delete the link/);
  assert.match(run.stderr, /validate: .*09-saving\.ipynb: .*; JupyterLab was saving it, or was stopped while it saved it: its copy from before that save is .*\.~09-saving\.ipynb \(hidden\)\. Validate again/);
});

test("a chapter saved with another kernel (Python 3 picked in JupyterLab) is checked on the course's kernel, as grading runs it, and the student told how to switch back", async () => {
  const { checkNotebook, describeCheck } = await import("../../scripts/validate/check-notebook.mjs");
  const file = path.join(dir, answered("other-kernel.ipynb", "return x * x;"));
  const notebook = JSON.parse(fs.readFileSync(file, "utf8"));
  notebook.metadata = { kernelspec: { name: "python3", display_name: "Python 3 (ipykernel)", language: "python" }, language_info: { name: "python" } };
  fs.writeFileSync(file, JSON.stringify(notebook));
  const released = releaseNotebook(courseNotebook(), loadStubs()).student;
  const check = await checkNotebook(file, { released, timeout: 60 });
  assert.match(describeCheck("other-kernel.ipynb", check).join("\n"), /2 of 2 visible tests pass\./);
  assert.match(check.kernel, /saved with the Python 3 \(ipykernel\) kernel, and checked, as it is graded, on the course's TypeScript kernel: .*Change Kernel/);
});

test("a notebook read while JupyterLab saves it over itself (cut short, its copy from before the save beside it) is read again once the save is done", async () => {
  const { checkNotebook } = await import("../../scripts/validate/check-notebook.mjs");
  const workspace = path.join(dir, "saving");
  fs.mkdirSync(workspace);
  const file = path.join(workspace, "plain.ipynb");
  // a notebook with no graded cell: its check stops, after reading it, naming that
  const whole = JSON.stringify(makeNotebook(["const x = 1;"]));
  fs.writeFileSync(path.join(workspace, ".~plain.ipynb"), whole);
  fs.writeFileSync(file, whole.slice(0, 20));
  // the save ends 300 ms later: the file whole, JupyterLab's copy removed
  fs.writeFileSync(`${file}.whole`, whole);
  const saver = spawn("sh", ["-c", `sleep 0.3; cat '${file}.whole' > '${file}'; rm '${path.join(workspace, ".~plain.ipynb")}'`]);
  const saved = new Promise((resolve) => saver.on("exit", resolve));
  await assert.rejects(checkNotebook(file), /has no graded cells/);
  await saved;
});
