// Both graders bound a notebook's code, text and metadata (its outputs left out) measured alike, on
// the file the student handed in, and refuse past it with the same words (src/notebook/work-size.mjs,
// src/nbgrader/refused_notebooks.py). `npm run autograde` measured the notebook written out one entry
// a line, which made 20 MB of short headings in a 30 MB file 104.9 MB and refused it, 0 points, while
// nbgrader graded it. And both refuse a notebook of more than 5,000 cells, which nbgrader graded as
// released and ours in full. No kernel is started: both come before any cell runs.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gradeNotebook } from "../../autograder/src/grade/grade-notebook.mjs";
import { loadCourse } from "../../autograder/src/grade/course.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { DEFAULT_LIMITS } from "../../autograder/src/execute/execute-notebook.mjs";
import { workBytes } from "../../autograder/src/notebook/work-size.mjs";
import { fixtureCourse, fixtureSubmissions, pythonJson, repoRoot, temporaryDir } from "./helpers.mjs";

const EXAMINE = `
import json, sys
paths, folder = json.load(sys.stdin)
sys.path.insert(0, folder)
from refused_notebooks import examine
print(json.dumps([examine(path)[0] for path in paths]))
`;

/** The perfect arith notebook with a written answer of `lines` headings, saved as JupyterLab saves (indent 1). */
function withHeadings(lines) {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  notebook.cells.push({ cell_type: "markdown", id: "headings", metadata: {}, source: Array.from({ length: lines }, () => "# h\n") });
  // and an output, which neither grader counts
  notebook.cells.push({ cell_type: "code", id: "shown", metadata: {}, execution_count: 1, source: "1", outputs: [{ output_type: "stream", name: "stdout", text: "x".repeat(2 ** 20) }] });
  return JSON.stringify(notebook, null, 1);
}

test("a notebook's code, text and metadata: both graders take 18.3 MB of headings in a 30 MB file and refuse 20.6 MB alike", async () => {
  const course = loadCourse(fixtureCourse, loadStubs()).notebooks.find((notebook) => notebook.name === "arith.ipynb");
  // each line "# h\n" is 8 bytes written compactly, 13 in the file
  const kept = withHeadings(2_400_000);
  const refused = withHeadings(2_700_000);
  assert.ok(Buffer.byteLength(kept) > 30 * 2 ** 20, "the kept notebook's file is over 30 MB");
  const folder = temporaryDir();
  writeFileSync(join(folder, "kept.ipynb"), kept);
  writeFileSync(join(folder, "refused.ipynb"), refused);
  const [nbgraderKept, nbgraderRefused] = pythonJson(EXAMINE, [[join(folder, "kept.ipynb"), join(folder, "refused.ipynb")], join(repoRoot, "autograder", "src", "nbgrader")]);

  // ours goes on to run the kept notebook (its runtime, asked for, says so), and refuses the other
  const ran = new Proxy({}, { get: () => { throw new Error("the notebook goes on to run"); } });
  const grade = (text) => gradeNotebook({ course, text, jobId: "work-size", runtime: /** @type {any} */ (ran), limits: DEFAULT_LIMITS, python: "python3" });
  await assert.rejects(grade(kept), /the notebook goes on to run/);
  assert.equal(nbgraderKept, null, "nbgrader grades it too");

  const result = await grade(refused);
  assert.equal(result.status, "unreadable");
  const reason = "without its outputs the notebook has 20.7 MB of code, text and metadata, over the 20 MB a notebook may have; remove what is not part of the work and resubmit";
  assert.equal(result.message, `rejected: ${reason}`);
  assert.equal(nbgraderRefused, reason, "nbgrader refuses it in the same words (and grades it as released)");
});

test("a notebook of more than 5,000 cells is refused by both graders, in the same words; 5,000 are graded by both", async () => {
  const course = loadCourse(fixtureCourse, loadStubs()).notebooks.find((notebook) => notebook.name === "arith.ipynb");
  const perfect = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const withCells = (count) => {
    const cells = [...perfect.cells];
    for (let i = cells.length; i < count; i++) cells.push({ cell_type: "markdown", id: `m${i}`, metadata: {}, source: "" });
    return JSON.stringify({ ...perfect, cells });
  };
  const folder = temporaryDir();
  writeFileSync(join(folder, "kept.ipynb"), withCells(5000));
  writeFileSync(join(folder, "refused.ipynb"), withCells(5001));
  const [kept, refused] = pythonJson(EXAMINE, [[join(folder, "kept.ipynb"), join(folder, "refused.ipynb")], join(repoRoot, "autograder", "src", "nbgrader")]);
  assert.equal(kept, null);
  assert.equal(refused, "it has 5001 cells (at most 5000)");
  const ran = new Proxy({}, { get: () => { throw new Error("the notebook goes on to run"); } });
  const grade = (text) => gradeNotebook({ course, text, jobId: "cells", runtime: /** @type {any} */ (ran), limits: DEFAULT_LIMITS, python: "python3" });
  await assert.rejects(grade(withCells(5000)), /the notebook goes on to run/);
  const result = await grade(withCells(5001));
  assert.equal(result.status, "unreadable");
  assert.equal(result.message, `rejected: ${refused}`, "ours graded it in full, nbgrader as released");
});

// the measure itself, byte for byte, on what JSON's numbers and text can be: JavaScript writes 1.0 as 1,
// 1e16 as 10000000000000000 and a whole number past 2^53 as the nearest double, Python otherwise
const MEASURE = `
import json, sys
[path, folder] = json.load(sys.stdin)
sys.path.insert(0, folder)
import refused_notebooks
with open(path, encoding="utf-8") as file:
    notebook = json.loads(file.read(), parse_int=lambda digits: refused_notebooks._integer(digits, []))
print(json.dumps(refused_notebooks.work_bytes(notebook)))
`;

test("both graders measure a notebook's work to the byte, numbers and lone surrogates included", () => {
  const perfect = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const numbers = ["1.0", "100.0", "1e16", "1e21", "1.5e-7", "0.000001234", "-0.0", "-0", "12345678901234567890", "123456789012345678901234", "1e300", "5e-324", "1e999", "9".repeat(5000), "2.5E+3"];
  const many = Array.from({ length: 20_000 }, (_, i) => `${(i * 7919) % 1000}.0e${(i % 40) - 20}`);
  const marked = JSON.stringify({ ...perfect, metadata: { ...perfect.metadata, numbers: "NUMBERS", text: "\ud800 \u2028 \u0001 é" } });
  const text = marked.replace('"NUMBERS"', `[${[...numbers, ...many].join(",")}]`);
  const path = join(temporaryDir(), "numbers.ipynb");
  writeFileSync(path, text);
  assert.equal(pythonJson(MEASURE, [path, join(repoRoot, "autograder", "src", "nbgrader")]), workBytes(text));
});
