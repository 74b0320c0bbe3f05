// The release (student versions) against nbgrader's own generate_assignment,
// and the release command's behaviour and errors.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { computeChecksum } from "../../autograder/src/notebook/nbgrader-cells.mjs";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { fixtureCourse, nbgrader, pythonJson, repoRoot, runNode, temporaryDir } from "./helpers.mjs";

const stubs = loadStubs();

/** Our release and nbgrader's of the same folder, notebook by notebook. */
async function bothReleases(sourceDir) {
  const ours = join(temporaryDir(), "release");
  const run = await runNode(["autograder/bin/release.mjs", "--source", sourceDir, "--out", ours]);
  assert.equal(run.code, 0, run.stderr);
  const { courseDir, assignment } = createCourseDir({ courseDir: temporaryDir(), sourceDir, assignment: "course" });
  nbgrader(["generate_assignment", assignment, "--force"], courseDir);
  const theirs = join(courseDir, "release", assignment);
  const names = readdirSync(theirs).filter((name) => name.endsWith(".ipynb")).sort();
  assert.deepEqual(readdirSync(ours).filter((name) => name.endsWith(".ipynb")).sort(), names);
  return names.map((name) => ({ name, ours: readFileSync(join(ours, name), "utf8"), theirs: readFileSync(join(theirs, name), "utf8") }));
}

function assertSameCells(name, ours, theirs) {
  const a = parseNotebook(ours);
  const b = parseNotebook(theirs);
  assert.equal(a.cells.length, b.cells.length, `${name}: number of cells`);
  a.cells.forEach((cell, index) => {
    const other = b.cells[index];
    const where = `${name}, cell ${index + 1}`;
    assert.equal(cell.cell_type, other.cell_type, `${where}: type`);
    assert.equal(cell.source, other.source, `${where}: source`);
    assert.deepEqual(cell.metadata.nbgrader, other.metadata.nbgrader, `${where}: nbgrader metadata`);
  });
  assert.deepEqual(a.metadata.kernelspec, b.metadata.kernelspec, `${name}: kernelspec`);
}

for (const [what, sourceDir] of [
  ["the fixture course", fixtureCourse],
  ["the course notebooks", join(repoRoot, "notebooks")],
]) {
  test(`npm run release of ${what} equals nbgrader generate_assignment's, cell for cell and byte for byte`, async () => {
    for (const { name, ours, theirs } of await bothReleases(sourceDir)) {
      assertSameCells(name, ours, theirs);
      assert.equal(ours, theirs, `${name}: the files differ`);
    }
  });
}

test("the student version has stubs for solutions and no hidden tests, outputs or solution text", () => {
  const source = parseNotebook(readFileSync(join(fixtureCourse, "arith.ipynb"), "utf8"));
  const { student, reference } = releaseNotebook(source, stubs);
  const text = serializeNotebook(student);
  assert.doesNotMatch(text, /BEGIN SOLUTION|BEGIN HIDDEN TESTS|square\(-2\)|x \* x/);
  assert.match(text, /YOUR CODE HERE/);
  assert.match(text, /YOUR ANSWER HERE/);
  assert.ok(student.cells.every((cell) => cell.cell_type !== "code" || cell.outputs.length === 0));
  // the reference keeps the hidden tests: grading restores test cells from it
  assert.match(serializeNotebook(reference), /square\(-2\)/);
  assert.doesNotMatch(serializeNotebook(reference), /x \* x/);
});

test("checksums are nbgrader's, for code and markdown, fractional points and non-ASCII text", () => {
  const cells = [
    { cell_type: "code", source: "const ρ = 0.9; // ∧\nconsole.log(ρ);", metadata: { nbgrader: { grade: true, grade_id: "a-1", locked: true, points: 2.5, schema_version: 3, solution: false } } },
    { cell_type: "markdown", source: "YOUR ANSWER HERE", metadata: { nbgrader: { grade: true, grade_id: "b_2", locked: false, points: 1, schema_version: 3, solution: true } } },
    { cell_type: "code", source: "", metadata: { nbgrader: { grade: false, grade_id: "c", locked: true, schema_version: 3, solution: false } } },
    { cell_type: "code", source: "x", metadata: { nbgrader: { grade: true, grade_id: "d", locked: false, points: 0.1, schema_version: 3, solution: true } } },
  ];
  const theirs = pythonJson(
    "import json, sys\nfrom nbformat import from_dict\nfrom nbgrader.utils import compute_checksum\n" +
      "print(json.dumps([compute_checksum(from_dict(c)) for c in json.load(sys.stdin)]))",
    cells,
  );
  assert.deepEqual(cells.map(computeChecksum), theirs);
});

test("a malformed solution or hidden-test region is an error naming the cell and the fix", () => {
  const notebookWith = (source, nbgrader = { grade: false, grade_id: "broken", locked: false, schema_version: 3, solution: true }) => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } },
    cells: [{ cell_type: "code", source, metadata: { nbgrader }, outputs: [], execution_count: null }],
  });
  assert.throws(() => releaseNotebook(notebookWith("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION"), stubs), /cell "broken".*nested "BEGIN SOLUTION"/);
  assert.throws(() => releaseNotebook(notebookWith("// BEGIN SOLUTION\nx = 1"), stubs), /cell "broken".*without a matching "END SOLUTION"/);
  assert.throws(
    () => releaseNotebook(notebookWith("// BEGIN SOLUTION\n// END SOLUTION", { grade: false, grade_id: "plain", locked: false, schema_version: 3, solution: false }), stubs),
    /cell "plain".*solution region but is not a solution cell/,
  );
  assert.throws(
    () => releaseNotebook(notebookWith("// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS", { grade: false, grade_id: "ro", locked: true, schema_version: 3, solution: false }), stubs),
    /hidden tests region but is not a grade cell/,
  );
  const python = notebookWith("x = 1");
  python.metadata.kernelspec = { name: "python3", language: "python", display_name: "Python 3" };
  assert.throws(() => releaseNotebook(python, stubs), /kernel language is "python".*set metadata.kernelspec.language to "typescript"/);
  const unknownKey = notebookWith("x", { grade: false, grade_id: "k", locked: false, schema_version: 3, solution: true, ground_truth: 1 });
  assert.throws(() => releaseNotebook(unknownKey, stubs), /unknown key "ground_truth".*metadata.neural_mi/);
});

test("release copies images and data beside the notebooks, never their sources", async () => {
  const source = temporaryDir();
  writeFileSync(join(source, "arith.ipynb"), readFileSync(join(fixtureCourse, "arith.ipynb")));
  mkdirSync(join(source, "images"));
  mkdirSync(join(source, "src"));
  writeFileSync(join(source, "images", "plot.svg"), "<svg/>");
  writeFileSync(join(source, "src", "arith.md"), "the answers: return x * x");
  writeFileSync(join(source, "helper.ts"), "export const answer = 42;");
  const out = join(temporaryDir(), "out");
  const run = await runNode(["autograder/bin/release.mjs", "--source", source, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /arith\.ipynb: 2 code and 1 written exercises, 6 points/);
  assert.ok(existsSync(join(out, "images", "plot.svg")));
  assert.ok(!existsSync(join(out, "src")), "the notebooks' sources hold solutions and must stay out of a release");
  assert.ok(!existsSync(join(out, "helper.ts")));
});

test("release says what is wrong with its arguments", async () => {
  const missing = await runNode(["autograder/bin/release.mjs", "--source", "/nonexistent/notebooks"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /source folder \/nonexistent\/notebooks does not exist/);
  const unknown = await runNode(["autograder/bin/release.mjs", "--outt", "x"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown option '--outt'[\s\S]*Usage: npm run release/);
});
