// Answers that are the library's own source, pasted (library-likeness.mjs): such a cell gets a
// note for the instructor, the course's reference solutions and the example class never do.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { libraryCopyNotes, libraryRuns, likeness, MIN_TOKENS, SHARE_FLAGGED } from "../../autograder/src/grade/library-likeness.mjs";
import { parseNotebook } from "../../autograder/src/notebook/format.mjs";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { repoRoot } from "./helpers.mjs";

const ts = createRequire(import.meta.url)("typescript");
const runs = libraryRuns(join(repoRoot, "lib", "src"));
const course = readdirSync(join(repoRoot, "notebooks"))
  .filter((name) => name.endsWith(".ipynb"))
  .map((name) => {
    const notebook = parseNotebook(readFileSync(join(repoRoot, "notebooks", name), "utf8"));
    return { name, notebook, released: releaseNotebook(notebook, loadStubs()).student };
  });
const answerCell = (id, source) => ({ cell_type: "code", id, source, outputs: [], execution_count: null, metadata: { nbgrader: { grade: false, solution: true, grade_id: id, locked: false, schema_version: 3 } } });

/** The text of the library's top-level declaration `name` in `file` (lib/src/…). */
function librarySource(file, name) {
  const text = readFileSync(join(repoRoot, "lib", "src", file), "utf8");
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = sourceFile.statements.filter((node) => node.name?.text === name && (node.body || node.members));
  assert.ok(found.length > 0, `${name} in ${file}`);
  return found.map((node) => node.getText(sourceFile)).join("\n");
}

test("the course's reference solutions, written to the same exercises, are far from the library's source", () => {
  const shares = [];
  for (const { name, notebook } of course) {
    for (const cell of notebook.cells) {
      if (cell.cell_type !== "code" || !cell.metadata.nbgrader?.solution) continue;
      const { share } = likeness(cell.source.replace(/\/\/ (BEGIN|END) SOLUTION/g, ""), runs);
      shares.push(share);
      assert.ok(share < SHARE_FLAGGED / 2, `${name} ${cell.metadata.nbgrader.grade_id}: ${share}`);
    }
    assert.deepEqual(libraryCopyNotes(notebook, course.find((chapter) => chapter.name === name).released, runs), [], name);
  }
  assert.equal(shares.length, 5);
});

test("the example class's answers get no note", () => {
  for (const student of ["perfect", "partial", "tampered"]) {
    for (const name of readdirSync(join(repoRoot, "autograder", "examples", student))) {
      const submission = parseNotebook(readFileSync(join(repoRoot, "autograder", "examples", student, name), "utf8"));
      const { released } = course.find((chapter) => chapter.name === name);
      assert.deepEqual(libraryCopyNotes(submission, released, runs), [], `${student}/${name}`);
    }
  }
});

test("a list of numbers is data, not the library's code: a cell that is mostly one gets no note", () => {
  const values = Array.from({ length: 60 }, (_, i) => (i / 61).toFixed(4)).join(", ");
  const { share } = likeness(`const rhos = [${values}];\nconsole.log(rhos.length);`, runs);
  assert.ok(share < SHARE_FLAGGED / 2, `${share}`); // 0.92 when such runs counted
});

test("the library's resample and Dense pasted as answers, their names changed, are noted with the files they are from", () => {
  const { notebook: reference, released } = course.find((chapter) => chapter.name.startsWith("05-"));
  const renamed = (text) => text.replace(/\bdata\b/g, "samples").replace(/\bsize\b/g, "count").replace(/\bweights\b/g, "w");
  const pasted = {
    ...reference,
    cells: [
      answerCell("resample", renamed(librarySource("estimators/resample.ts", "resample"))),
      answerCell("MINE-Net", `class MyLayer ${librarySource("estimators/net.ts", "Dense").replace(/^export class Dense /, "")}`),
      // short, or the course's own text: never noted
      answerCell("short", "function twice(x: number): number {\n  return 2 * x;\n}"),
    ],
  };
  const notes = libraryCopyNotes(pasted, released, runs);
  assert.deepEqual(notes.map((note) => note.cell), ["resample", "MINE-Net"]);
  assert.match(notes[0].message, /^the answer cell "resample" is \d+ % the library's own source \(lib\/src\/estimators\/resample\.ts.*its points stand; check by hand/);
  assert.match(notes[1].message, /lib\/src\/estimators\/net\.ts/);
  assert.ok(likeness(pasted.cells[2].source, runs).tokens < MIN_TOKENS);
});
