// The release (student versions, made by nbgrader's own preprocessors) against
// nbgrader's generate_assignment, what students must never get, and the release
// command's behaviour and errors.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { parseNotebook } from "../../autograder/src/notebook/format.mjs";
import { computeChecksum, isGrade, isLocked, isSolution } from "../../autograder/src/notebook/nbgrader-cells.mjs";
import { releaseNotebooks, releaseOutcomes } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { fixtureCourse, nbgrader, nbgraderOutput, pythonJson, repoRoot, runNode, temporaryDir } from "./helpers.mjs";

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

// A picture pasted into a written answer's solution: nbgrader's steps replace the text with the stub and
// leave the cell's attachments, which went out in the student's notebook as base64.
const PICTURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
function fixtureWithPicture() {
  const dir = temporaryDir();
  for (const name of readdirSync(fixtureCourse).filter((file) => file.endsWith(".ipynb"))) {
    const notebook = JSON.parse(readFileSync(join(fixtureCourse, name), "utf8"));
    for (const cell of notebook.cells) {
      if (cell.metadata?.nbgrader?.grade_id !== "why-square") continue;
      cell.source = [...cell.source, "\n", "![the answer drawn](attachment:answer%20sketch.png)"];
      cell.attachments = { "answer sketch.png": { "image/png": PICTURE } };
    }
    writeFileSync(join(dir, name), JSON.stringify(notebook));
  }
  return dir;
}

for (const [what, sourceDir] of [
  ["the fixture course (a picture in a written answer's solution)", fixtureWithPicture()],
  ["the course notebooks", join(repoRoot, "notebooks")],
]) {
  test(`npm run release of ${what} equals nbgrader generate_assignment's, cell for cell and byte for byte`, async () => {
    for (const { name, ours, theirs } of await bothReleases(sourceDir)) {
      assertSameCells(name, ours, theirs);
      assert.equal(ours, theirs, `${name}: the files differ`);
      assert.ok(!ours.includes(PICTURE) && !ours.includes("attachments"), `${name}: the released notebook holds no attachment its text no longer names`);
    }
  });
}

/** Lines inside `begin`/`end` regions (and whole marked cells without regions) that occur nowhere else in the notebook. */
function secretLines(notebook, { begin, end, wholeCell }) {
  const secret = new Set();
  const elsewhere = new Set();
  for (const cell of notebook.cells) {
    const lines = cell.source.split("\n");
    const hasRegion = lines.some((line) => line.includes(begin));
    let inside = false;
    for (const line of lines) {
      if (line.includes(begin)) inside = true;
      else if (line.includes(end)) inside = false;
      else if (inside || (!hasRegion && wholeCell(cell))) secret.add(line.trim());
      else elsewhere.add(line.trim());
    }
  }
  return [...secret].filter((line) => line.length > 3 && !elsewhere.has(line));
}

const courses = { fixture: fixtureCourse, course: join(repoRoot, "notebooks") };

for (const [what, dir] of Object.entries(courses)) {
  test(`the ${what}'s student versions hold no solution or hidden test, a stub in every solution cell, and checksums nbgrader autograde accepts`, () => {
    const names = readdirSync(dir).filter((name) => name.endsWith(".ipynb")).sort();
    const sources = names.map((name) => parseNotebook(readFileSync(join(dir, name), "utf8")));
    releaseNotebooks(sources, stubs, names).forEach(({ student, studentText, reference }, index) => {
      const name = names[index];
      const solutions = secretLines(sources[index], { begin: "BEGIN SOLUTION", end: "END SOLUTION", wholeCell: isSolution });
      const hidden = secretLines(sources[index], { begin: "BEGIN HIDDEN TESTS", end: "END HIDDEN TESTS", wholeCell: () => false });
      assert.ok(solutions.length > 0, `${name}: the check needs solution lines to look for`);
      for (const line of solutions) assert.ok(!studentText.includes(line), `${name}: the student version leaks the solution line ${JSON.stringify(line)}`);
      for (const line of hidden) {
        assert.ok(!studentText.includes(line), `${name}: the student version leaks the hidden test line ${JSON.stringify(line)}`);
        assert.ok(reference.cells.some((cell) => cell.source.includes(line)), `${name}: the reference version keeps hidden tests to restore them`);
      }
      assert.doesNotMatch(studentText, /BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN TESTS|END HIDDEN TESTS/);
      for (const cell of student.cells) {
        if (cell.cell_type === "code") assert.deepEqual(cell.outputs, [], `${name}: outputs are cleared`);
        if (isSolution(cell)) {
          const stub = (cell.cell_type === "code" ? stubs.code : stubs.text).split("\n");
          assert.ok(stub.every((line) => cell.source.includes(line)), `${name}: a stub in ${cell.metadata.nbgrader.grade_id}`);
        }
        if (isGrade(cell) || isSolution(cell) || isLocked(cell)) {
          assert.equal(cell.metadata.nbgrader.checksum, computeChecksum(cell), `${name}: checksum of ${cell.metadata.nbgrader.grade_id}`);
        }
      }
    });
  });
}

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

test("a notebook nbgrader rejects is an error naming the cell, nbgrader's reason and the fix", () => {
  const notebookWith = (source, nbgrader = { grade: false, grade_id: "broken", locked: false, schema_version: 3, solution: true }) => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } },
    cells: [
      { cell_type: "markdown", source: "Intro", metadata: {} },
      { cell_type: "code", source, metadata: { nbgrader }, outputs: [], execution_count: null },
    ],
  });
  const python = notebookWith("x = 1");
  python.metadata.kernelspec = { name: "python3", language: "python", display_name: "Python 3" };
  const errors = releaseOutcomes(
    [
      notebookWith("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION"),
      notebookWith("// BEGIN SOLUTION\nx = 1"),
      notebookWith("// BEGIN SOLUTION\n// END SOLUTION", { grade: false, grade_id: "plain", locked: false, schema_version: 3, solution: false }),
      notebookWith("// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS", { grade: false, grade_id: "ro", locked: true, schema_version: 3, solution: false }),
      notebookWith("x", { grade: true, grade_id: "pointless", locked: true, schema_version: 3, solution: false }),
      python,
    ],
    stubs,
  ).map((outcome) => ("error" in outcome ? outcome.error : "released"));
  assert.match(errors[0], /cell "broken" \(cell 2\): nbgrader rejects it: .*nested begin solution/i);
  assert.match(errors[1], /cell "broken" \(cell 2\): .*no end solution statement found/i);
  assert.match(errors[2], /cell "plain" \(cell 2\): .*Solution region detected in a non-solution cell/);
  assert.match(errors[3], /cell "ro" \(cell 2\): .*Hidden test region detected in a non-grade cell/);
  assert.match(errors[4], /cell "pointless" \(cell 2\): .*does not have points/);
  assert.match(errors[5], /language 'python'.*set metadata.kernelspec.language to "typescript"/);
  assert.throws(() => releaseNotebooks([python], stubs, ["intro.ipynb"]), /^Error: intro\.ipynb: .*language 'python'/);
});

// while a test waits, what the student's cells left pending (timers, promises) runs between its
// checks: the grader's guarantee that nothing of the student's runs inside a test holds only while
// no test awaits, so the release refuses a test that does
test("a test cell that awaits, or calls .then(), is refused at release, naming the cell and why", () => {
  const withTest = (source) => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } },
    cells: [{ cell_type: "code", source, metadata: { nbgrader: { grade: true, grade_id: "trained", locked: true, points: 1, schema_version: 3, solution: false } }, outputs: [], execution_count: null }],
  });
  const outcomes = releaseOutcomes(
    [
      withTest("const estimate = await trainer.train();\nif (!(estimate > 0)) throw new Error('no estimate');"),
      withTest("trainer.train().then((estimate) => { if (!(estimate > 0)) throw new Error('no estimate'); });"),
      withTest("// then the estimate is checked; awaiting nothing\nconst then = 1;\nif (then !== 1) throw new Error('one');"),
    ],
    stubs,
  ).map((outcome) => ("error" in outcome ? outcome.error : "released"));
  assert.match(outcomes[0], /cell 1 \("trained"\): the test awaits; while it waits, timers and promises the student's cells left pending run between its checks/);
  assert.match(outcomes[1], /cell 1 \("trained"\): the test calls \.then\(\)/);
  assert.equal(outcomes[2], "released", "the words in a comment or a name are no waiting");
});

// tslab shares a test cell's top-level names with every later cell: a hidden test inside a function the
// cell declares was printed by a student's next cell, String(secretCheck), into her own feedback
test("a test cell whose hidden tests are part of a top-level declaration is refused at release, naming it", () => {
  const withTest = (source) => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } },
    cells: [{ cell_type: "code", source, metadata: { nbgrader: { grade: true, grade_id: "squares", locked: true, points: 1, schema_version: 3, solution: false } }, outputs: [], execution_count: null }],
  });
  const hidden = (lines) => ["if (square(3) !== 9) throw new Error('square(3)');", "// BEGIN HIDDEN TESTS", ...lines, "// END HIDDEN TESTS"].join("\n");
  const outcomes = releaseOutcomes(
    [
      withTest(hidden(["function secretCheck(): void {", "  if (square(-2) !== 4) throw new Error('square(-2)');", "}", "secretCheck();"])),
      withTest(["const check = () => {", "  // BEGIN HIDDEN TESTS", "  if (square(-2) !== 4) throw new Error('square(-2)');", "  // END HIDDEN TESTS", "};", "check();"].join("\n")),
      withTest(hidden(["const inputs = [-2, 5];"])),
      withTest(hidden(["import { randomInt } from \"node:crypto\";", "{", "  const inputs = [-2, randomInt(0, 9)];", "  for (const x of inputs) if (square(x) !== x * x) throw new Error(`square(${x})`);", "}", "if (square(0) !== 0) throw new Error('square(0)');"])),
    ],
    stubs,
  ).map((outcome) => ("error" in outcome ? outcome.error : "released"));
  assert.match(outcomes[0], /cell 1 \("squares"\): hidden tests are part of what the cell declares at its top level \(function secretCheck\(\): void \{\).*put the hidden tests in a block/);
  assert.match(outcomes[1], /cell 1 \("squares"\): hidden tests are part of what the cell declares at its top level \(const check = \(\) => \{\)/);
  assert.match(outcomes[2], /top level \(const inputs = \[-2, 5\];\)/);
  assert.equal(outcomes[3], "released", "hidden tests in a block, statements declaring nothing and imports are what the course does");
});

// the course hub releases with nbgrader's generate_assignment: an instructor's own assignment went out
// with its hidden tests in a top-level declaration, where the course's release refuses it
test("nbgrader generate_assignment refuses a source notebook the release refuses, naming the cell and the fix", async () => {
  const source = join(temporaryDir(), "source");
  mkdirSync(source);
  writeFileSync(join(source, "arith.ipynb"), readFileSync(join(fixtureCourse, "arith.ipynb")));
  const testCell = (grade_id, text) => ({ cell_type: "code", id: grade_id, source: text, metadata: { nbgrader: { grade: true, grade_id, locked: true, points: 1, schema_version: 3, solution: false } }, outputs: [], execution_count: null });
  const leaky = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } },
    cells: [
      testCell("secret", ["if (1 + 1 !== 2) throw new Error('sum');", "// BEGIN HIDDEN TESTS", "function secretCheck(): void {", "  if (2 * 2 !== 4) throw new Error('product');", "}", "secretCheck();", "// END HIDDEN TESTS"].join("\n")),
      testCell("waits", "const value = await Promise.resolve(1);\nif (value !== 1) throw new Error('one');"),
    ],
  };
  writeFileSync(join(source, "leaky.ipynb"), JSON.stringify(leaky));
  const { courseDir, assignment } = createCourseDir({ courseDir: temporaryDir(), sourceDir: source, assignment: "own" });
  const { code, output } = await nbgraderOutput(["generate_assignment", assignment, "--force"], courseDir);
  assert.notEqual(code, 0, output.slice(-3000));
  assert.match(output, /leaky\.ipynb is not released: the course's checks found 2 problem\(s\) in its source/);
  assert.match(output, /cell 1 \("secret"\): hidden tests are part of what the cell declares at its top level \(function secretCheck\(\): void \{\).*put the hidden tests in a block/);
  assert.match(output, /cell 2 \("waits"\): the test awaits/);
  const released = join(courseDir, "release", assignment, "leaky.ipynb");
  assert.ok(!existsSync(released) || !readFileSync(released, "utf8").includes("secretCheck"), "no released notebook holds the hidden test");
});

// generate_assignment copies every other file of source/<assignment>/ to the students as it is: JupyterLab's
// .~<notebook> left by a save cut short, and an editor's backup, went out with the solutions and hidden tests;
// autograde copies them beside each student's notebook, where her kernel read them
test("nbgrader generate_assignment refuses a source folder holding a copy of a notebook's answers or hidden tests, naming the file; autograde keeps it from the kernels", async () => {
  const { courseDir, assignment } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "copies" });
  const folder = join(courseDir, "source", assignment);
  writeFileSync(join(folder, ".~arith.ipynb"), readFileSync(join(folder, "arith.ipynb")));
  mkdirSync(join(folder, "notes"));
  // one hidden line and no region marks: found by the line
  writeFileSync(join(folder, "notes", "checks.ts"), "if (square(-2) !== 4) throw new Error(`square(-2) should be 4, got ${square(-2)}`);\n");
  writeFileSync(join(folder, "notes", "data.csv"), "x,y\n1,2\n");
  // copies whose bytes do not show the text: compressed (a notebook.gz, a zip of the folder) or saved as UTF-16 (Notepad)
  writeFileSync(join(folder, "arith.ipynb.gz"), gzipSync(readFileSync(join(folder, "arith.ipynb"))));
  const hiddenLine = "if (square(-2) !== 4) throw new Error(`square(-2) should be 4, got ${square(-2)}`);\n";
  writeFileSync(join(folder, "notes", "checks-unicode.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(hiddenLine, "utf16le")]));
  pythonJson(`import json, sys, zipfile
folder = json.load(sys.stdin)
with zipfile.ZipFile(folder + "/backup.zip", "w", zipfile.ZIP_DEFLATED) as archive: archive.write(folder + "/arith.ipynb", "arith.ipynb")
print(1)`, folder);
  const { code, output } = await nbgraderOutput(["generate_assignment", assignment, "--force"], courseDir);
  assert.notEqual(code, 0, output.slice(-3000));
  assert.match(output, /arith\.ipynb is not released: the course's checks found 5 problem\(s\)/);
  for (const name of ["arith\\.ipynb\\.gz holds the mark 'BEGIN SOLUTION'", "backup\\.zip holds the mark 'BEGIN SOLUTION'", "notes/checks-unicode\\.txt holds a line of the answers or hidden tests"]) assert.match(output, new RegExp(name));
  assert.match(output, /\.~arith\.ipynb holds the mark 'BEGIN SOLUTION': generate_assignment copies every file beside the notebooks to the students as it is/);
  assert.match(output, /notes\/checks\.ts holds a line of the answers or hidden tests, 'if \(square\(-2\) !== 4\)/);
  assert.doesNotMatch(output, /data\.csv holds/);
  const release = join(courseDir, "release", assignment);
  for (const name of [".~arith.ipynb", "notes/checks.ts", "arith.ipynb.gz", "backup.zip", "notes/checks-unicode.txt"]) assert.ok(!existsSync(join(release, name)), `nothing of the copies is left in the release: ${name}`);
  // autograde copies them beside each student's notebook too, where her kernel read them: they are set aside as hers are
  const kept = pythonJson(
    `import json, sys; sys.path.insert(0, ${JSON.stringify(join(repoRoot, "autograder", "src", "nbgrader"))})
from set_aside import course_files
print(json.dumps(sorted(course_files(json.load(sys.stdin), [".ipynb_checkpoints"]))))`,
    folder,
  );
  assert.deepEqual(kept, ["notes/data.csv"], "the course's files a notebook's kernel may read while nbgrader autograde runs it");
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
