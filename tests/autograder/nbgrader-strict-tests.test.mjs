// Under `nbgrader autograde` too, a function of the student's that a test calls cannot read the
// test's code (hidden tests included) through `caller` and print it into the feedback, a test
// cell or an answer the submission tagged `skip-execution` still runs, and a result the student's code prints
// after the test's own does not count: the steps that autograder/nbgrader_config.py puts around
// nbgrader's Execute run the test cells in strict mode, every cell without its tags, with a token in
// their reportResult, then give them their course source and tags back, and count only results
// carrying the token. Runs those configured steps, with nbgrader's own Execute, on the course's
// kernel.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { prepareCourseRoot } from "../../autograder/src/nbgrader/course-dir.mjs";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { autogradedFolder, executeWatched, python, repoRoot, temporaryDir } from "./helpers.mjs";
import { ATTEMPTS, RESULT_COPIER } from "./hostile-cells.mjs";

const RUN = `
import json, sys
sys.modules.setdefault("rfc3987_syntax", None)
import nbformat
from traitlets.config import Config, PyFileConfigLoader
repo, notebook, course = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=repo + "/autograder").load_config()
steps = config.Autograde.autograde_preprocessors
names = [step.__name__ for step in steps]
nb = nbformat.reads(json.dumps(notebook), as_version=4)
# where nbgrader runs a submission: autograded/<student>/<assignment>/ of the course directory;
# ReportedChecks reads each test's points per check from the course's own source/<assignment>/
resources = {"metadata": {"path": course + "/autograded/s/a"}, "nbgrader": {"assignment": "a", "notebook": "n"}}
# every step from the course's flags to the grades nbgrader saves (which need its database)
ran = steps[names.index("CourseFlags") : names.index("SaveAutoGrades")]
config.merge(Config({"CourseDirectory": {"root": course}}))
# a notebook of the student's that nbgrader autograded before, in the folder where this one runs
kept = steps[-1]
folder = resources["metadata"]["path"]
earlier = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("The earlier notebook, as nbgrader wrote it.")])
kept(config=config)(earlier, {"metadata": {"path": folder}, "nbgrader": {"assignment": "a", "notebook": "earlier"}})
nbformat.write(earlier, folder + "/earlier.ipynb")
for step in ran:
    options = {"timeout": 120} if step.__name__ == "Execute" else {}
    # called as nbgrader calls them: a step that is not enabled does nothing
    nb, resources = step(config=config, **options)(nb, resources)
# this notebook's last step, once its kernel ended
nb, resources = kept(config=config)(nb, resources)
with open(folder + "/earlier.ipynb", encoding="utf-8") as file:
    earlier_after = file.read()
from nbgrader.utils import determine_grade, is_grade
grades = {cell.metadata.nbgrader.grade_id: determine_grade(cell)[0] for cell in nb.cells if is_grade(cell)}
print(json.dumps({"steps": [step.__name__ for step in ran], "last": kept.__name__, "notebook": nb, "grades": grades, "earlier": earlier_after}))
`;

// a test with points per check, whose own result says its check failed; the student's function
// prints a result of its own from a microtask, after the test's (the last result would count), and
// a copy of the test's own, its token and all, that claims the check passed: a subscriber of the
// student's to the kernel's IOPub received the test's result, and the copy, printed from a
// microtask the test's call queued, came before the cell's "idle" (1 point of 1 before)
const CHECKED_TEST = [
  'import { reportResult } from "neural-mi";',
  "forge();",
  'reportResult({ exercise: "t", estimate: 0, groundTruth: 1, tolerance: 0.1, checks: { loss: false } });',
].join("\n");
// and a test whose own result says its check passed
const PASSED_TEST = CHECKED_TEST.replace("forge();\n", "").replace("loss: false", "loss: true");
const FORGER = `${RESULT_COPIER}
function forge(): void {
  queueMicrotask(() => console.log('NEURAL_MI_RESULT {"exercise": "t", "estimate": 1, "groundTruth": 1, "tolerance": 0.1, "checks": {"loss": true}}'));
  copyResult((result) => console.log("NEURAL_MI_RESULT " + JSON.stringify({ ...result, checks: { loss: true }, copied: true })));
}
await new Promise((done) => setTimeout(done, 300));`;
// A cell of the student's that reaches node through names no reading of the code would see, and
// rewrites the course's source/<assignment>/ (an empty notebook: ReportedChecks then finds no
// points per check, adds no score, and nbgrader gives the failing test all its points), reads it
// (hidden tests, solutions) or the repository's files outside the packages, writes the gradebook, starts a process, signals
// nbgrader (which stopped the grading of every student after this one) or loads a library it wrote.
const CONFINEMENT = `const reach: any = (process as any)["main" + "Module"]["req" + "uire"];
${ATTEMPTS}
const fs: any = reach("fs");
const course = "../../../source/a/n.ipynb";
attempt("rewrite the course", () => fs.writeFileSync(course, JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 })));
attempt("read the course", () => fs.readFileSync(course, "utf8"));
// through the package folder's link to lib/ (its ".." is the repository), by both ways the kernel knows it
attempt("read the repository", () => fs.readFileSync("../../../node_modules/neural-mi/../package.json", "utf8"));
attempt("read the repository through a link", () => fs.readFileSync(reach.resolve("tslab").replace(/tslab[\\/].*$/, "neural-mi/../package.json"), "utf8"));
attempt("write the gradebook", () => fs.writeFileSync("../../../gradebook.db", ""));
attempt("start a process", () => reach("child_process").execFileSync("true"));
// the kernel's parent is nbgrader, grading the whole class as the instructor (signal 0 only asks)
attempt("signal nbgrader", () => process.kill(process.ppid, 0));
attempt("signal every process of the instructor's", () => process.kill(-1, 0));
attempt("load native code", () => {
  fs.writeFileSync("evil.node", "a shared library");
  (process as any)["dl" + "open"]({ exports: {} }, process.cwd() + "/evil.node");
});
// a table made elsewhere, handed in beside the notebook, in a markdown cell of a notebook (its own or
// one graded earlier), or in a link to the course's source: none is in the folder while it runs
for (const handedIn of ["table.json", "n.ipynb", "earlier.ipynb", "images/own.txt", "images/link", "source-link"]) {
  attempt(\`read \${handedIn}\`, () => fs.readFileSync(handedIn, "utf8"));
}
console.log("COURSE FILE " + fs.readFileSync("images/course.txt", "utf8"));
console.log("CONFINEMENT took: " + took.join(", "));
// and rewrites the notebook nbgrader autograded before this one in the folder, which the formgrader
// shows the instructor: a script for their session, where it could enter points
fs.writeFileSync("earlier.ipynb", JSON.stringify({ cells: [{ cell_type: "markdown", id: "x", metadata: {}, source: "<img src=x onerror=alert(5)>" }], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
// and writes one named like a notebook of the assignment the student did not hand in: nbgrader never
// grades nor writes it, and the formgrader shows the file as that notebook's autograded submission
fs.writeFileSync("unsubmitted.ipynb", JSON.stringify({ cells: [{ cell_type: "markdown", id: "y", metadata: {}, source: "<img src=x onerror=alert(6)>" }], metadata: {}, nbformat: 4, nbformat_minor: 5 }));`;
// A wrong answer, and a Math of the student's for every later cell (the reading of the code
// rejects the cell, which then runs as its released stub); the test reads Math.abs.
const MATH_ANSWER = "function answer(): number {\n  return 5;\n}\nconst Math = { abs: (x: number): number => 0 };";
const MATH_STUB = 'function answer(): number {\n  throw new Error("No answer given yet");\n}';
const MATH_TEST = 'if (Math.abs(answer() - 1) > 0.1) throw new Error("answer() must be 1");';
// what a written answer and a cell of the student's show the instructor grading them in the formgrader
const HTML_ANSWER = 'My answer <img src=x onerror="alert(1)">, [a link](javascript:alert(4)) and $a<b$';
const HTML_OUTPUTS = 'import * as tslab from "tslab";\ntslab.display.html(\'<img src=x onerror="alert(2)">\');\ntslab.display.javascript("alert(3)");\ntslab.display.text("plain");';
// A function of the student's that a test with points per check calls: it prints a thousand lines,
// then a warning to stderr. ReportedChecks gave no partial score to a test that wrote to stderr,
// and nbgrader's LimitOutput, after it, dropped the stderr past the cell's 1000 lines: nothing
// was left to fail the test, which got all its points whatever its checks said.
// Printed one by one, 20,000 lines and 6,000 displays: nbclient reads about 1,200 messages a second
// and waited 4 s after the reply for the status "idle" behind them, which failed the whole notebook
// ("Timeout waiting for IOPub output"); the kernel merges the waiting pieces of a stream, and
// nbgrader_config.py gives nbclient the time to read the displays.
const FLOOD = [
  'import * as tslab from "tslab";',
  "function flood(): void {",
  "  for (let i = 0; i < 20000; i++) console.log(`line ${i}`);",
  '  for (let i = 0; i < 6000; i++) tslab.display.text(`display ${i}`);',
  '  console.error("a warning");',
  "}",
].join("\n");
const FLOODED_TEST = CHECKED_TEST.replace("forge();", "flood();");
const SKIPPED_TEST = 'if (peek() === "hidden") throw new Error("the answer is wrong");';
// An answer (or any cell that is not a test) tagged skip-execution: our runner runs every cell whatever
// its tags, and nbclient skipped it, so an honest answer's test failed under nbgrader alone (0 of 1
// there, 1 of 1 under \`npm run autograde\`).
const TAGGED_ANSWER = "function tagged(): number {\n  return 1;\n}";
const TAGGED_ANSWER_TEST = 'if (tagged() !== 1) throw new Error("tagged() must be 1");';
const TEST_SOURCE = ['{', '  console.log("CALLER " + peek());', "  // BEGIN HIDDEN TESTS", '  if (peek() === "") throw new Error("hidden check");', "  // END HIDDEN TESTS", "}"].join("\n");

test("nbgrader runs the test cells in strict mode, whatever their tags: a student's function reads no caller; the test's source is the course's afterwards", () => {
  const notebook = makeNotebook([
    'function peek(): string {\n  const caller: unknown = (peek as any)["call" + "er"];\n  return caller === null ? "hidden" : String(caller);\n}',
    TEST_SOURCE,
    SKIPPED_TEST,
    FORGER,
    CHECKED_TEST,
    PASSED_TEST,
    CONFINEMENT,
    MATH_ANSWER,
    MATH_TEST,
    TEST_SOURCE,
    HTML_ANSWER,
    HTML_OUTPUTS,
    FLOOD,
    FLOODED_TEST,
    TAGGED_ANSWER,
    TAGGED_ANSWER_TEST,
  ]);
  notebook.cells[10].cell_type = "markdown";
  delete notebook.cells[10].outputs;
  delete notebook.cells[10].execution_count;
  notebook.cells[7].metadata.nbgrader = { grade: false, grade_id: "answer", locked: false, schema_version: 3, solution: true };
  notebook.cells[8].metadata.nbgrader = { grade: true, grade_id: "answer-test", locked: true, points: 1, schema_version: 3, solution: false };
  notebook.cells[9].metadata.nbgrader = { grade: true, grade_id: "t2", locked: true, points: 1, schema_version: 3, solution: false };
  notebook.cells[1].metadata.nbgrader = { grade: true, grade_id: "t", locked: true, points: 1, schema_version: 3, solution: false };
  // nbclient skips a cell tagged skip-execution: without an error output, nbgrader would count this failing test as passed
  notebook.cells[2].metadata.nbgrader = { grade: true, grade_id: "u", locked: true, points: 1, schema_version: 3, solution: false };
  notebook.cells[2].metadata.tags = ["skip-execution"];
  notebook.cells[4].metadata.nbgrader = { grade: true, grade_id: "v", locked: true, points: 1, schema_version: 3, solution: false };
  const course = temporaryDir();
  mkdirSync(join(course, "source", "a"), { recursive: true });
  notebook.cells[5].metadata.nbgrader = { grade: true, grade_id: "w", locked: true, points: 1, schema_version: 3, solution: false };
  notebook.cells[13].metadata.nbgrader = { grade: true, grade_id: "x", locked: true, points: 1, schema_version: 3, solution: false };
  notebook.cells[14].metadata.nbgrader = { grade: false, grade_id: "tagged", locked: false, schema_version: 3, solution: true };
  notebook.cells[14].metadata.tags = ["skip-execution"];
  notebook.cells[15].metadata.nbgrader = { grade: true, grade_id: "tagged-test", locked: true, points: 1, schema_version: 3, solution: false };
  const source = structuredClone(notebook);
  delete source.cells[14].metadata.tags;
  for (const index of [4, 5, 13]) source.cells[index].metadata.neural_mi = { checks: { loss: 1 } };
  source.cells[7].source = "function answer(): number {\n  return 1;\n}";
  source.cells[10].source = "The course's own text, where the student wrote theirs.";
  writeFileSync(join(course, "source", "a", "n.ipynb"), JSON.stringify(source));
  // a test the submission marks as an answer, which nbgrader's OverwriteCells leaves marked so:
  // it would run as one, not in strict mode, and the student's function would read its hidden code
  notebook.cells[9].metadata.nbgrader.solution = true;
  // the released notebook, where a rejected answer's stub comes from
  const released = structuredClone(notebook);
  released.cells[7].source = MATH_STUB;
  mkdirSync(join(course, "release", "a"), { recursive: true });
  writeFileSync(join(course, "release", "a", "n.ipynb"), JSON.stringify(released));
  mkdirSync(join(course, "autograded", "s", "a"), { recursive: true });
  // what the student handed in beside the notebook, and a file the course releases with it, which
  // nbgrader copied into the folder from source/<assignment>/
  const folder = join(course, "autograded", "s", "a");
  mkdirSync(join(folder, "images"), { recursive: true });
  mkdirSync(join(course, "source", "a", "images"), { recursive: true });
  writeFileSync(join(course, "source", "a", "images", "course.txt"), "the course's");
  writeFileSync(join(folder, "images", "course.txt"), "the course's");
  writeFileSync(join(folder, "table.json"), "[0.1, 0.2]");
  writeFileSync(join(folder, "images", "own.txt"), "handed in");
  writeFileSync(join(folder, "n.ipynb"), JSON.stringify(notebook));
  symlinkSync(join(course, "source", "a", "n.ipynb"), join(folder, "source-link"));
  symlinkSync(join(course, "source", "a", "n.ipynb"), join(folder, "images", "link"));
  prepareCourseRoot(course); // its copy of the packages, as nbgrader-course.mjs makes it
  const run = spawnSync(python, ["-c", RUN], { input: JSON.stringify([repoRoot, notebook, course]), env: jupyterEnv(), encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  assert.equal(run.status, 0, run.stderr);
  const { steps, last, notebook: executed, grades, earlier } = JSON.parse(run.stdout);
  // the earlier notebook is back as nbgrader wrote it
  assert.equal(last, "KeptAutograded");
  assert.match(earlier, /The earlier notebook, as nbgrader wrote it/);
  assert.doesNotMatch(earlier, /onerror/);
  // the points nbgrader saves: a test whose own result says its check failed gets none, even
  // after the student's function flooded its output and wrote to stderr
  assert.deepEqual({ v: grades.v, w: grades.w, x: grades.x }, { v: 0, w: 1, x: 0 });
  assert.deepEqual(steps, ["CourseFlags", "InspectCells", "StrictTests", "Execute", "LooseTests", "ShowRejectedCells", "InertHtml", "ShownText", "WellFormedText", "IgnorePattern", "ClearMetadataPreprocessor", "LimitOutput", "ReportedChecks"]);
  assert.match(executed.cells[13].outputs.map((output) => output.text ?? "").join(""), /Output truncated/, "nbgrader's LimitOutput cut the flood");
  const printed = executed.cells[1].outputs.filter((output) => output.name === "stdout").map((output) => output.text).join("");
  assert.equal(printed, "CALLER hidden\n");
  assert.equal(executed.cells[1].source, TEST_SOURCE);
  assert.match(executed.cells[0].source, /^function peek/, "the student's cells are left as they are");
  assert.deepEqual(
    executed.cells[2].outputs.filter((output) => output.output_type === "error").map((output) => output.evalue),
    ["the answer is wrong"],
    "the tagged test ran, and failed",
  );
  assert.deepEqual(executed.cells[2].metadata.tags, ["skip-execution"], "its tags are given back afterwards");
  // and so does an answer tagged so: its test passes as under \`npm run autograde\`, and the tags are given back
  assert.equal(grades["tagged-test"], 1, "the tagged answer ran");
  assert.deepEqual(executed.cells[14].metadata.tags, ["skip-execution"], "the answer's tags are given back afterwards");
  const checked = executed.cells[4].outputs;
  assert.match(checked.map((output) => output.text ?? "").join(""), /NEURAL_MI_RESULT .*"loss": true/, "the forged result came after the test's own");
  assert.match(checked.map((output) => output.text ?? "").join(""), /NEURAL_MI_RESULT .*"loss":true},"copied":true/, "so did the copy of the test's own, token and all");
  assert.deepEqual(
    checked.filter((output) => output.output_type === "execute_result").map((output) => output.data["text/plain"]),
    ["0"],
    "the points of the checks the test's own result passed: none",
  );
  assert.doesNotMatch(JSON.stringify(checked), /attestation/, "the token is taken out of the outputs");
  const passed = executed.cells[5].outputs.filter((output) => output.output_type === "execute_result");
  assert.deepEqual(passed.map((output) => output.data["text/plain"]), ["1"], "the test's own result counts");
  assert.equal(executed.cells[4].source, CHECKED_TEST);
  const confined = executed.cells[6].outputs.map((output) => output.text ?? "").join("");
  assert.equal(confined, "COURSE FILE the course's\nCONFINEMENT took: \n", "the kernel neither read nor changed anything outside the notebook's folder, nor read what was handed in");
  // and what was handed in is back in the folder afterwards, as it was
  assert.equal(readFileSync(join(folder, "table.json"), "utf8"), "[0.1, 0.2]");
  assert.equal(readFileSync(join(folder, "images", "own.txt"), "utf8"), "handed in");
  assert.equal(readlinkSync(join(folder, "source-link")), join(course, "source", "a", "n.ipynb"));
  assert.deepEqual(readdirSync(join(course, "autograded", "s")), ["a"], "nothing is left beside the folder");
  assert.deepEqual(readdirSync(folder).sort(), ["earlier.ipynb", "images", "n.ipynb", "source-link", "table.json"], "nothing the kernel wrote is left in it");
  assert.deepEqual(JSON.parse(readFileSync(join(course, "source", "a", "n.ipynb"), "utf8")), source, "the course's source is as it was");
  // the answer declaring Math was rejected, ran as its stub, and shows why
  assert.equal(executed.cells[7].source, MATH_ANSWER);
  assert.deepEqual(
    executed.cells[7].outputs.map((output) => [output.ename, output.evalue]),
    [["RejectedCell", executed.cells[7].outputs[0].evalue]],
  );
  assert.match(executed.cells[7].outputs[0].evalue, /the answer cell "answer" was rejected: it declares `Math`, which would replace JavaScript's own.*graded as not answered/);
  assert.deepEqual(executed.cells[8].outputs.filter((output) => output.output_type === "error").map((output) => output.evalue), ["No answer given yet"]);
  assert.equal(executed.cells[9].outputs.map((output) => output.text ?? "").join(""), "CALLER hidden\n", "the test marked as an answer ran as the course's test");
  assert.equal(executed.cells[9].metadata.nbgrader.solution, false);
  // nothing the submission wrote runs code in the grader's browser; what it means still shows
  assert.equal(executed.cells[10].source, 'My answer < img src=x onerror="alert(1)">, [a link] (javascript:alert(4)) and $a< b$');
  const leftOut = { "text/plain": "(an output of a kind that would run code in the grader's browser was left out)" };
  assert.deepEqual(executed.cells[11].outputs.map((output) => output.data), [{ "text/html": '&lt;img src=x onerror="alert(2)"&gt;' }, leftOut, { "text/plain": "plain" }]);
});

test("without the strict step the same test would show its hidden code (what the step is for)", () => {
  const notebook = makeNotebook(['function peek(): string {\n  return String((peek as any)["call" + "er"]);\n}', TEST_SOURCE]);
  const run = spawnSync(python, [join(repoRoot, "tests", "kernel", "nbgrader_execute.py"), repoRoot], {
    input: JSON.stringify(notebook),
    env: jupyterEnv(),
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  assert.equal(run.status, 0, run.stderr);
  const printed = JSON.parse(run.stdout).cells[1].outputs.map((output) => output.text ?? "").join("");
  assert.match(printed, /hidden check/);
});

// Under nbgrader the kernel's folder lies in the course directory, beside the gradebook: a kernel
// writing without end filled that disk. nbgrader's kernels have each file capped and are stopped
// once they added more than `ConfinedKernelManager.disk_mb` to their folder (here 5 MB).
const FILL = `const reach: any = (process as any)["main" + "Module"]["req" + "uire"];
const fs: any = reach("fs");
try {
  fs.writeFileSync("big.bin", new Uint8Array(3 * 2 ** 20));
  console.log("a 3 MB file written");
} catch (error) {
  console.log("a 3 MB file refused: " + (error as any).code);
}
fs.rmSync("big.bin", { force: true });
const started = Date.now();
for (let i = 0; i < 60 && Date.now() - started < 30000; i++) {
  fs.writeFileSync("fill-" + i + ".bin", new Uint8Array(2 ** 20 - 4096));
  const t = Date.now();
  while (Date.now() - t < 100) {}
}
console.log("the disk filled");`;

test("under nbgrader a kernel that fills its folder's disk is stopped, and no file it writes passes the cap", () => {
  const folder = autogradedFolder();
  const { died, notebook } = executeWatched([FILL], { folder });
  assert.equal(died, true, "the kernel was stopped");
  const printed = notebook.cells[0].outputs.map((output) => output.text ?? "").join("");
  assert.match(printed, /a 3 MB file refused: EFBIG/);
  assert.doesNotMatch(printed, /the disk filled/);
  const written = readdirSync(folder).filter((name) => name.startsWith("fill-")).length;
  assert.ok(written < 20, `${written} files of 1 MB written`);
});

// nbgrader limits each cell, not a notebook: a hundred cells that each loop until interrupted held
// `nbgrader autograde` (which grades the class one notebook after another) for hours. The course's
// Execute gives each cell only what is left of `Execute.notebook_timeout` (here 12 s).
const TIME = `
import json, sys, time
sys.modules.setdefault("rfc3987_syntax", None)
import nbformat
from traitlets.config import Config, PyFileConfigLoader
repo, notebook, folder = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=repo + "/autograder").load_config()
config.merge(Config({"Execute": {"notebook_timeout": 12, "timeout": 120}}))
execute = next(step for step in config.Autograde.autograde_preprocessors if step.__name__ == "Execute")
nb = nbformat.reads(json.dumps(notebook), as_version=4)
started = time.monotonic()
execute(config=config).preprocess(nb, {"metadata": {"path": folder}})
print(json.dumps({"seconds": time.monotonic() - started, "notebook": nb}))
`;

test("under nbgrader a notebook has a time limit, its cells together", () => {
  const folder = autogradedFolder();
  const loop = "const t0 = Date.now();\nwhile (Date.now() - t0 < 8000) {}\nconsole.log(\"looped\");";
  const notebook = makeNotebook(Array.from({ length: 6 }, () => loop));
  const run = spawnSync(python, ["-c", TIME], { input: JSON.stringify([repoRoot, notebook, folder]), env: jupyterEnv(), encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  assert.equal(run.status, 0, run.stderr);
  const { seconds, notebook: executed } = JSON.parse(run.stdout);
  assert.ok(seconds < 40, `the notebook ran ${seconds} s, where its cells would take 48 s`);
  const timedOut = executed.cells.filter((cell) => cell.outputs.some((output) => output.output_type === "error"));
  assert.ok(timedOut.length >= 4, `${timedOut.length} cells were interrupted`);
  assert.ok(timedOut.includes(executed.cells.at(-1)), "the last cell too");
});

// A cell of the student's that freezes process.stdout, where tslab puts its writer before each cell:
// tslab then fails the next cell itself and replies "aborted" to the cells that reach it within
// 200 ms, without running them. nbgrader adds an error for a reply "error" only, so each later test,
// however wrong the work, had no error and all its points. The course's Execute fails such a cell.
test("under nbgrader a test cell the kernel did not run fails: a frozen process.stdout made tslab abort every later cell", () => {
  const course = temporaryDir();
  const folder = join(course, "autograded", "s", "a");
  mkdirSync(folder, { recursive: true });
  const failing = (name) => `if (1 + 1 !== 3) throw new Error("${name}: the answer is wrong");`;
  const notebook = makeNotebook(['Object.freeze((process as any)["std" + "out"]);', failing("first"), failing("second"), failing("third")]);
  for (const [index, id] of [[1, "first"], [2, "second"], [3, "third"]]) {
    notebook.cells[index].metadata.nbgrader = { grade: true, grade_id: id, locked: true, points: 1, schema_version: 3, solution: false };
  }
  for (const version of ["source", "release"]) {
    mkdirSync(join(course, version, "a"), { recursive: true });
    writeFileSync(join(course, version, "a", "n.ipynb"), JSON.stringify(notebook));
  }
  prepareCourseRoot(course);
  const run = spawnSync(python, ["-c", RUN], { input: JSON.stringify([repoRoot, notebook, course]), env: jupyterEnv(), encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  assert.equal(run.status, 0, run.stderr);
  const { grades, notebook: executed } = JSON.parse(run.stdout);
  assert.deepEqual(grades, { first: 0, second: 0, third: 0 });
  const errors = executed.cells.slice(1).map((cell) => cell.outputs.filter((output) => output.output_type === "error").map((output) => output.ename));
  assert.ok(errors.every((names) => names.length > 0), JSON.stringify(errors));
  assert.ok(errors.flat().includes("CellNotRun"), `an aborted cell is named: ${JSON.stringify(errors)}`);
});

// and a kernel that takes memory without bound, outside its heap, is stopped at
// `ConfinedKernelManager.memory_mb` (here 1024 MB, the limit the other grading tests give, whose heap's kernel
// snapshot is built once for them all; a kernel holds about 250 MB)
// and its JavaScript heap is limited as \`npm run autograde\` limits it, to two thirds of \`memory_mb\` (at
// most 2048 MB): it had node's own, which follows the machine's memory (4 GB on a machine of 16 GB),
// and a notebook holding 2 to 3 GB of objects was graded in full here and stopped under \`npm run autograde\`
const HEAP = `const v8: any = (process as any)["main" + "Module"]["req" + "uire"]("v8");
console.log("HEAP " + Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20));`;

test("under nbgrader a kernel that takes memory without bound is stopped", () => {
  const folder = autogradedFolder();
  const hog = `const kept: Uint8Array[] = [];
const started = Date.now();
while (kept.length < 60 && Date.now() - started < 30000) {
  kept.push(new Uint8Array(50 * 2 ** 20).fill(1));
  const t = Date.now();
  while (Date.now() - t < 200) {}
}
console.log("3 GB taken");`;
  const { died, notebook } = executeWatched([HEAP, hog], { folder, limits: { memory_mb: 1024 } });
  assert.equal(died, true, "the kernel was stopped");
  assert.doesNotMatch(notebook.cells[1].outputs.map((output) => output.text ?? "").join(""), /3 GB taken/);
  // 1024 MB: a heap of 683 MB for the old generation, to which V8's limit adds the young one's (48 MB)
  const heap = Number(/HEAP (\d+)/.exec(notebook.cells[0].outputs.map((output) => output.text ?? "").join(""))?.[1]);
  assert.ok(heap >= 683 && heap <= 683 + 64, `the kernel's heap limit is ${heap} MB, where npm run autograde gives 683 MB for --memory-mb 1024`);
});

// Memory taken as fast as one thread can touch it (blocks of 256 MB, each filled at once): the
// watchdog samples once a second, so a kernel passed `memory_mb` (here 1024) by what it touched in
// that second (over 2 GB on this machine). The operating system now bounds what it can hold
// (RLIMIT_DATA, `memory_mb` + 512 MB): past it, an allocation fails in the cell.
test("under nbgrader a kernel taking memory at full speed holds at most memory_mb + 512 MB", () => {
  const folder = autogradedFolder();
  const hog = `const kept: Uint8Array[] = [];
try {
  for (let i = 0; i < 16; i++) {
    kept.push(new Uint8Array(256 * 2 ** 20).fill(1));
    console.log("HELD " + Math.round(process.memoryUsage().rss / 2 ** 20));
  }
} catch (error) {
  console.log("REFUSED " + (error as Error).message);
}
const t = Date.now();
while (Date.now() - t < 5000) {}
console.log("still running");`;
  const { died, notebook } = executeWatched([hog], { folder, limits: { memory_mb: 1024 } });
  assert.equal(died, true, "the kernel was stopped");
  const printed = notebook.cells[0].outputs.map((output) => output.text ?? "").join("");
  const held = Math.max(...[...printed.matchAll(/HELD (\d+)/g)].map((match) => Number(match[1])));
  assert.ok(held <= 1024 + 512, `the kernel held ${held} MB (printed: ${printed.slice(0, 400)})`);
  assert.doesNotMatch(printed, /still running/);
});

// The reading of the code is one process for every notebook an nbgrader process grades
// (rejected_cells.py). A notebook it could not take (nbformat reads a cell of another type or a source
// that is not text with a warning only) ended it, and the next student's notebook, as often as not,
// met its closed pipe and failed too: one bad submission stopped the grading of another.
const READER = `
import json, os, signal, sys
root, notebook = json.load(sys.stdin)
sys.path.insert(0, os.path.join(root, "autograder", "src", "nbgrader"))
import rejected_cells
good = {"notebook": notebook, "reference": notebook, "student": notebook}
bad = dict(good, notebook=dict(notebook, cells=[{"cell_type": "widget", "source": "", "metadata": {}}]))
said, next_failed = [], 0
for trial in range(10):
    try:
        rejected_cells._rejections(bad)
    except RuntimeError as error:
        said.append(str(error))
    try:
        rejected_cells._rejections(good)
    except Exception:
        next_failed += 1
# a reader ended by something else (the machine's memory) is started again for the next notebook
os.kill(rejected_cells._reader.pid, signal.SIGKILL)
for trial in range(2):
    try:
        rejected_cells._rejections(good)
    except Exception:
        next_failed += 1
print(json.dumps({"said": said, "next_failed": next_failed}))
`;

test("under nbgrader a notebook the reading of the code cannot take fails alone: the next student's is read", () => {
  const notebook = makeNotebook(["const a = 1;", "Math.abs(-1)"]);
  const run = spawnSync(python, ["-c", READER], { input: JSON.stringify([repoRoot, notebook]), env: jupyterEnv(), encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  assert.equal(run.status, 0, run.stderr);
  const { said, next_failed: nextFailed } = JSON.parse(run.stdout);
  assert.equal(nextFailed, 0, "a good notebook after a bad one failed its reading");
  assert.equal(said.length, 10);
  for (const message of said) assert.match(message, /the notebook's code could not be read: .*cell_type "widget" \(expected code, markdown or raw\)/);
});
