// nbgrader's Validate (the toolbar's button and `nbgrader validate`, one Validator built from the
// course's config) says "Success" only of a notebook whose visible tests grading gives all their
// points. nbgrader's own steps said it of a test with points per check whose estimate missed its
// tolerance (no error: the test reports partial credit), of test cells the kernel aborted (no
// output), and refused a test cell saved as markdown as corrupted metadata, where grading runs it
// as code. Runs `nbgrader validate` with the student's door's configuration on the course's kernel.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { prepareCourseRoot } from "../../autograder/src/nbgrader/course-dir.mjs";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, notebooksDir, venvBin } from "../../scripts/lib/paths.mjs";
import { studentChapter } from "../../scripts/lib/student-release.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-validate-verdicts-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const home = prepareCourseRoot(path.join(scratch, "home"));

const ANSWER = "function answer(): number {\n  return 1;\n}";
const PLAIN_TEST = 'if (answer() !== 1) throw new Error("answer() must be 1");';
// a test with points per check that reports a right loss and a trained estimate, as chapter 5's MINETrainer test does
const checkedTest = (estimate) =>
  `import { reportResult } from "neural-mi";\nreportResult({ exercise: "trainer", estimate: ${estimate}, groundTruth: 0.94, tolerance: 0.18, checks: { loss: true } });`;
const testMeta = (id, points, extra = {}) => ({
  nbgrader: { grade: true, solution: false, locked: true, grade_id: id, points, schema_version: 3 },
  neural_mi: { kind: "test", exercise: id, ...extra },
});
const CHECKS = { ground_truth: 0.94, tolerance: 0.18, reports_estimate: true, checks: { loss: 2, estimate: 2 } };

/**
 * What `nbgrader validate` says of each of the notebooks `names` in the student's folder (`path`: the
 * server's PATH), in one run of it: name -> the lines it wrote from "Validating '<the notebook>'" on,
 * after what it wrote before the first (a run of nbgrader for each notebook cost a second of Python's imports).
 */
function validateFiles(names, { path: searchPath } = {}) {
  // unbuffered, stdout and stderr in one file: each notebook's lines stay after its own "Validating"
  const env = { ...jupyterEnv(), JUPYTER_CONFIG_PATH: fromRoot("jupyter", "student"), PYTHONUNBUFFERED: "1", ...(searchPath === undefined ? {} : { PATH: searchPath }) };
  const log = path.join(scratch, "validate.log");
  const fd = fs.openSync(log, "w");
  try {
    spawnSync(venvBin("nbgrader"), ["validate", ...names], { cwd: home, env, stdio: ["ignore", fd, fd], timeout: 300_000 * names.length });
  } finally {
    fs.closeSync(fd);
  }
  const text = fs.readFileSync(log, "utf8");
  const starts = [...text.matchAll(/^\[ValidateApp \| INFO\] Validating '(.*)'$/gm)];
  const before = text.slice(0, starts[0]?.index ?? text.length);
  const said = Object.fromEntries(starts.map((start, k) => [path.basename(start[1]), before + text.slice(start.index, starts[k + 1]?.index)]));
  for (const name of names) assert.ok(name in said, `nbgrader validate said nothing of ${name}:\n${text}`);
  return said;
}

/** What `nbgrader validate` says of the notebook `name` in the student's folder. */
const validateFile = (name, options) => validateFiles([name], options)[name];

/** A notebook of `cells` ([source, metadata, type] triples). */
function notebookOf(cells) {
  const notebook = makeNotebook(cells.map(([source]) => source));
  cells.forEach(([, metadata, type], index) => {
    const cell = notebook.cells[index];
    Object.assign(cell.metadata, metadata ?? {});
    if (type === "markdown") {
      delete cell.outputs;
      delete cell.execution_count;
      cell.cell_type = "markdown";
    }
  });
  return notebook;
}

// The first four cases' notebooks, validated in one run when the first of them asks
const SMALL_NOTEBOOKS = {
  "right.ipynb": [[ANSWER], [PLAIN_TEST, testMeta("plain", 1)], [checkedTest(0.9), testMeta("trainer", 4, CHECKS)]],
  "partial.ipynb": [[ANSWER], [PLAIN_TEST, testMeta("plain", 1)], [checkedTest(0.3), testMeta("trainer", 4, CHECKS)]],
  // a cell that freezes process.stdout, where tslab puts its writer before each cell: tslab fails the
  // next cell itself and replies "aborted" to the cells that reach it within 200 ms, without running them
  "aborted.ipynb": [
    ['Object.freeze((process as any)["std" + "out"]);'],
    ["const seen = 1;"],
    ['throw new Error("first: the answer is wrong");', testMeta("first", 1)],
    ['throw new Error("second: the answer is wrong");', testMeta("second", 1)],
  ],
  "markdown.ipynb": [[ANSWER.replace("return 1", "return 2")], [PLAIN_TEST, testMeta("plain", 1), "markdown"]],
};
let smallVerdicts;
/** What `nbgrader validate` says of one of SMALL_NOTEBOOKS. */
function validate(name) {
  if (!smallVerdicts) {
    for (const [file, cells] of Object.entries(SMALL_NOTEBOOKS)) fs.writeFileSync(path.join(home, file), JSON.stringify(notebookOf(cells)));
    smallVerdicts = validateFiles(Object.keys(SMALL_NOTEBOOKS));
  }
  return smallVerdicts[name];
}

test("Validate says Success of a notebook whose visible tests all pass, their checks included", () => {
  const said = validate("right.ipynb");
  assert.match(said, /Success! Your notebook passes all the tests/, said);
});

test("Validate fails a test with points per check whose estimate misses its tolerance: partial credit, not Success", () => {
  const said = validate("partial.ipynb");
  assert.doesNotMatch(said, /Success!/, said);
  assert.match(said, /VALIDATION FAILED ON 1 CELL/, said);
  assert.match(said, /Partial credit/, said);
});

test("Validate fails test cells the kernel did not run (tslab replied aborted)", () => {
  const said = validate("aborted.ipynb");
  assert.doesNotMatch(said, /Success!/, said);
  assert.match(said, /CellNotRun/, said);
});

test("Validate runs a test cell saved as markdown as code, as grading does", () => {
  const said = validate("markdown.ipynb");
  assert.doesNotMatch(said, /Success!/, said);
  assert.match(said, /answer\(\) must be 1/, said);
});

// grading gives a test cell the course's source back and fails a test cell the copy lacks; Validate
// ran what the copy held: a chapter whose tests were emptied or deleted was "Success"
test("Validate runs a chapter's tests as the course released them, and fails the ones the copy lacks", () => {
  const chapter = "01-problem-formulation.ipynb";
  const released = studentChapter(notebooksDir, chapter);
  const isTest = (cell) => cell.cell_type === "code" && cell.metadata?.nbgrader?.grade && !cell.metadata.nbgrader.solution;
  const tests = released.cells.filter(isTest).map((cell) => cell.metadata.nbgrader.grade_id);
  assert.ok(tests.length > 0);
  // every test emptied: the chapter's unanswered stubs fail the course's tests
  const emptied = { ...released, cells: released.cells.map((cell) => (isTest(cell) ? { ...cell, source: "// nothing to check" } : cell)) };
  fs.writeFileSync(path.join(home, chapter), JSON.stringify(emptied));
  const edited = validateFile(chapter);
  assert.doesNotMatch(edited, /Success!/, edited);
  assert.match(edited, /VALIDATION FAILED/, edited);
  // every test deleted: each is named as missing
  fs.writeFileSync(path.join(home, chapter), JSON.stringify({ ...released, cells: released.cells.filter((cell) => !isTest(cell)) }));
  const deleted = validateFile(chapter);
  assert.doesNotMatch(deleted, /Success!/, deleted);
  for (const id of tests) assert.match(deleted, new RegExp(`the test cell ${id} is not in your copy`), deleted);
  // a JupyterLab whose PATH has no node (a desktop launcher's) runs the kernel from its kernelspec:
  // the course's tests ran only with node on PATH, and the copy without its tests was "Success"
  const withoutNode = validateFile(chapter, { path: path.dirname(venvBin("python")) });
  assert.doesNotMatch(withoutNode, /Success!/, withoutNode);
  for (const id of tests) assert.match(withoutNode, new RegExp(`the test cell ${id} is not in your copy`), withoutNode);
});

test("Validate runs a chapter saved under another name, or its update beside the student's copy, as that chapter", () => {
  // a notebook of another name was validated as it was: its test cells deleted, it said Success, while
  // the grader grades the chapter (the copy of its name, or this one as that chapter)
  const chapter = "01-problem-formulation.ipynb";
  const released = studentChapter(notebooksDir, chapter);
  const isTest = (cell) => cell.cell_type === "code" && cell.metadata?.nbgrader?.grade && !cell.metadata.nbgrader.solution;
  const tests = released.cells.filter(isTest).map((cell) => cell.metadata.nbgrader.grade_id);
  const withoutTests = JSON.stringify({ ...released, cells: released.cells.filter((cell) => !isTest(cell)) });
  const names = ["01-problem-formulation-Copy1.ipynb", "01-problem-formulation.course-update.ipynb"];
  for (const name of names) fs.writeFileSync(path.join(home, name), withoutTests);
  const verdicts = validateFiles(names);
  for (const name of names) {
    const said = verdicts[name];
    assert.doesNotMatch(said, /Success!/, `${name}: ${said}`);
    for (const id of tests) assert.match(said, new RegExp(`the test cell ${id} is not in your copy`), `${name}: ${said}`);
  }
});

// grading reads the code first and runs a rejected answer as its stub (autograder/README.md,
// "Rejected by reading the code"); Validate ran it as written and said "Success" of a chapter
// that grading gives no points
test("Validate rejects the cells grading's reading of the code rejects, and says why", () => {
  const chapter = "01-problem-formulation.ipynb";
  const source = JSON.parse(fs.readFileSync(path.join(notebooksDir, chapter), "utf8"));
  const isAnswer = (cell) => cell.cell_type === "code" && cell.metadata?.nbgrader?.solution;
  const answered = (extra) => ({
    ...source,
    cells: source.cells.map((cell, index) => (index === source.cells.findIndex(isAnswer) ? { ...cell, source: [...[cell.source].flat(), extra] } : cell)),
  });
  fs.writeFileSync(path.join(home, chapter), JSON.stringify(answered("\nconst kept: number = 1;")));
  const plain = validateFile(chapter);
  assert.match(plain, /Success! Your notebook passes all the tests/, plain);
  fs.writeFileSync(path.join(home, chapter), JSON.stringify(answered("\nconst kept: unknown = globalThis;")));
  const rejected = validateFile(chapter);
  assert.doesNotMatch(rejected, /Success!/, rejected);
  assert.match(rejected, /RejectedCell: cell \d+: the answer cell "\w+" was rejected/, rejected);
  assert.match(rejected, /globalThis/, rejected);
});

// a copy of another name passes the course's tests here, while grading looks for the chapter's own file
test("Validate of a chapter's copy of another name fails with a note naming the chapter grading looks for", () => {
  const chapter = "01-problem-formulation.ipynb";
  const answers = fs.readFileSync(path.join(notebooksDir, chapter), "utf8");
  const names = ["01-problem-formulation-Copy1.ipynb", "01-problem-formulation.course-update.ipynb"];
  for (const name of names) fs.writeFileSync(path.join(home, name), answers);
  const verdicts = validateFiles(names);
  for (const name of names) {
    const said = verdicts[name];
    assert.doesNotMatch(said, /Success!/, `${name}: ${said}`);
    assert.match(said, /OtherName: /, `${name}: ${said}`);
    assert.match(said.replace(/\s+/g, " "), /grading looks for 01-problem-formulation\.ipynb/, `${name}: ${said}`);
  }
});

// grading gives a test cell the course's points and neural_mi metadata back (restoreKnownCells, CourseCells); Validate ran the
// course's source but weighed its result by the copy's: a tolerance of 10 passed an estimate grading fails, a deleted `checks`
// or a check of the copy's own changed its verdict. CourseTests gives the copy's tests the released chapter's.
test("Validate weighs a chapter's tests by the released chapter's points and neural_mi metadata, not the copy's, and keeps the last cell of a grade id", () => {
  const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(fromRoot("autograder", "src", "nbgrader"))})
from nbformat.v4 import new_code_cell, new_notebook
from validate_steps import CourseTests
course = json.loads(${JSON.stringify(JSON.stringify(testMeta("trainer", 4, CHECKS)))})
edited = json.loads(json.dumps(course))
edited["nbgrader"]["points"] = 40
edited["neural_mi"].update(tolerance=10, checks={"loss": 4})
plain = json.loads(${JSON.stringify(JSON.stringify(testMeta("plain", 1)))})
added = json.loads(json.dumps(plain))
added["neural_mi"]["checks"] = {"never": 1}
released = {"metadata": {}, "cells": [{"cell_type": "code", "source": "test()", "metadata": course}, {"cell_type": "code", "source": "plain()", "metadata": {"nbgrader": plain["nbgrader"]}}]}
class Released(CourseTests):
    def released(self):
        return released
# and the test's grade flag taken off: it was named missing from the copy, where grading gives the flag back and runs it
added["nbgrader"]["grade"] = False
# a copy of the plain test without flags before it, code of the student's: grading keeps the last cell of an id and runs
# the others as they are (it ran the course's test here, and passed what grading failed)
mine = {"nbgrader": {"grade_id": "plain"}}
# and a test of the student's own, an id the chapter has not: grading runs it as an ordinary cell, its failure no test's
own = json.loads(json.dumps(plain))
own["nbgrader"]["grade_id"] = "my-test"
nb = new_notebook(cells=[new_code_cell("// nothing", metadata=edited), new_code_cell("mine()", metadata=mine), new_code_cell("// nothing", metadata=added), new_code_cell("mine()", metadata=own)])
resources = {}
Released().preprocess(nb, resources)
print(json.dumps([[cell.source, cell.metadata] for cell in nb.cells] + [resources["neural_mi_missing_tests"]]))
`;
  const run = spawnSync(venvBin("python"), ["-c", script], { encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const [[trainerSource, trainer], copy, [plainSource, plain], ownTest, missing] = JSON.parse(run.stdout);
  assert.deepEqual(copy, ["mine()", { nbgrader: {} }]);
  assert.deepEqual(ownTest, ["mine()", { nbgrader: {}, neural_mi: testMeta("plain", 1).neural_mi }]);
  assert.deepEqual(missing, []);
  assert.equal(trainerSource, "test()");
  assert.deepEqual(trainer, testMeta("trainer", 4, CHECKS));
  assert.equal(plainSource, "plain()");
  assert.deepEqual(plain, { nbgrader: testMeta("plain", 1).nbgrader });
});

// A written answer whose metadata was edited to carry a test's grade id: nbgrader's CheckCellMetadata stopped Validate with a
// Python traceback ("Duplicate grade id", "the nbgrader metadata may be corrupted"). WrittenAnswerIds, before it, sets the
// answer aside and Validate names it as failing, with what to do; grading runs the course's test and grades the text as the
// written answer when it can tell which (tests/autograder/restore.test.mjs). The course's steps on the notebook, no kernel.
test("Validate names a written answer carrying a test's grade id, with the fix, where nbgrader stopped with a traceback", () => {
  const written = { nbgrader: { grade: true, solution: true, locked: false, grade_id: "plain", points: 1, schema_version: 3 } };
  const notebook = notebookOf([[ANSWER], [PLAIN_TEST, testMeta("plain", 1)], ["Because it is one.", written, "markdown"]]);
  const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(fromRoot("autograder", "src", "nbgrader"))})
import nbformat
from nbgrader.preprocessors import CheckCellMetadata
from validate_steps import MissingTests, TestCellsAsCode, WrittenAnswerIds
nb = nbformat.reads(sys.stdin.read(), as_version=4)
resources = {}
for step in (WrittenAnswerIds, TestCellsAsCode, CheckCellMetadata, MissingTests):
    nb, resources = step().preprocess(nb, resources)
print(json.dumps([[cell.cell_type, cell.metadata.get("nbgrader", {}).get("grade_id"), [output.get("evalue") for output in cell.get("outputs", [])]] for cell in nb.cells]))
`;
  const run = spawnSync(venvBin("python"), ["-c", script], { encoding: "utf8", input: JSON.stringify(notebook), timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const cells = JSON.parse(run.stdout);
  assert.deepEqual(cells.slice(0, 3).map(([type, id]) => [type, id]), [["code", null], ["code", "plain"], ["markdown", null]]);
  const [type, id, [message]] = cells[3];
  assert.deepEqual([type, id], ["code", "written-answer-3"]);
  assert.match(message, /cell 3, a written answer, carries the grade id "plain" of a test cell .*restore the cell's metadata \(copy your text into the released notebook's written answer cell\)/);
});
