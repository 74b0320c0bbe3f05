// A later version of the course renames a chapter, or takes one out. The student's copy under the
// old name stays (her answers are in it), but grading takes the chapter by its new name: npm start
// said only "new in the course: <new name>", and she went on writing in a notebook nobody grades.
// And a chapter the student renamed herself is put back under its own name, empty, beside her copy,
// and a duplicate she answered in leaves the chapter of the graded name empty: both are named.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { notebooksDir } from "../../scripts/lib/paths.mjs";
import { copyCourseNotebooks } from "./helpers.mjs";
import { describeUpdate, updateWorkspace } from "../../scripts/lib/workspace.mjs";

let root;
let course;
let workspace;
const chapters = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
const [first, second, third, fourth] = chapters;
const update = () => updateWorkspace({ workspaceDir: workspace, sourceDir: course });
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-retired-"));
  course = path.join(root, "course");
  workspace = path.join(root, "my-work");
  copyCourseNotebooks(course);
  update();
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("a chapter renamed by the course is named with the chapter that now holds its exercises; one taken out is said not graded", () => {
  // the student answers the first exercise of the first chapter, and only runs the second
  const mine = path.join(workspace, first);
  const notebook = readJson(mine);
  notebook.cells.find((cell) => cell.metadata?.nbgrader?.solution).source = "const answer = 42;";
  fs.writeFileSync(mine, JSON.stringify(notebook));
  const answered = fs.readFileSync(mine);

  const renamed = first.replace(/\.ipynb$/, "-revised.ipynb");
  fs.renameSync(path.join(course, first), path.join(course, renamed));
  fs.rmSync(path.join(course, second));
  const result = update();
  const said = describeUpdate(result, root).join("\n");

  assert.deepEqual(fs.readFileSync(mine), answered, "the student's copy stays as she wrote it");
  assert.ok(fs.existsSync(path.join(workspace, renamed)), "the renamed chapter arrives");
  assert.match(said, new RegExp(`${first} is no longer a chapter of the course: its exercises are now in ${renamed}.*copy your answers into ${renamed}`));
  assert.match(said, new RegExp(`${second} is no longer a chapter of the course \\(it was taken out of the course, and grading does not take it\\), and you had not changed it`));
  assert.doesNotMatch(said, new RegExp(`${third} is no longer`), "a chapter still in the course is not named");
  assert.doesNotMatch(said, /up to date/);
});

test("an update put beside a chapter still in the course is not taken for a retired chapter", () => {
  const mine = path.join(workspace, third);
  const notebook = readJson(mine);
  notebook.cells.find((cell) => cell.metadata?.nbgrader?.solution).source = "const mine = 1;";
  fs.writeFileSync(mine, JSON.stringify(notebook));
  const source = readJson(path.join(course, third));
  source.cells.push({ cell_type: "markdown", id: "added-by-course", metadata: {}, source: "One more paragraph." });
  fs.writeFileSync(path.join(course, third), JSON.stringify(source));
  const result = update();
  assert.equal(result.beside.length, 1);
  assert.doesNotMatch(describeUpdate(result, root).join("\n"), new RegExp(`${result.beside[0].file.replace(/[.]/g, "\\.")} is no longer`));
});

test("a chapter the student renamed is put back under its own name, and her copy is named as the one holding her answers", () => {
  const mine = path.join(workspace, fourth);
  const notebook = readJson(mine);
  notebook.cells.find((cell) => cell.metadata?.nbgrader?.solution).source = "My written answer.";
  fs.writeFileSync(mine, JSON.stringify(notebook));
  // JupyterLab's Rename
  const renamed = path.join(workspace, "chapter 4 (mine).ipynb");
  fs.renameSync(mine, renamed);
  const result = update();
  assert.ok(result.restored.includes(fourth));
  const said = describeUpdate(result, root).join("\n");
  assert.match(said, new RegExp(`put back \\(it was missing from the workspace\\): ${fourth}`));
  assert.match(said, new RegExp(`chapter 4 \\(mine\\)\\.ipynb holds your answers to the exercises of ${fourth}, which holds none of them: grading takes ${fourth} only`));
  assert.equal(readJson(renamed).cells.find((cell) => cell.metadata?.nbgrader?.solution).source, "My written answer.", "her copy is untouched");
  // a chapter put back with no copy of it elsewhere is said as before
  fs.rmSync(mine);
  fs.rmSync(renamed);
  assert.doesNotMatch(describeUpdate(update(), root).join("\n"), /holds your answers/);
});

test("answers written in a duplicate (…-Copy1.ipynb) of a chapter left as delivered are named; a duplicate left unanswered, or a chapter answered too, is not", () => {
  const fifth = chapters[4];
  const duplicate = path.join(workspace, fifth.replace(/\.ipynb$/, "-Copy1.ipynb"));
  fs.copyFileSync(path.join(workspace, fifth), duplicate);
  assert.doesNotMatch(describeUpdate(update(), root).join("\n"), /holds your answers/, "a duplicate with no answer in it");
  const notebook = readJson(duplicate);
  notebook.cells.find((cell) => cell.metadata?.nbgrader?.solution).source = "const mine = 5;";
  fs.writeFileSync(duplicate, JSON.stringify(notebook));
  const said = describeUpdate(update(), root).join("\n");
  assert.match(said, new RegExp(`${path.basename(duplicate)} holds your answers to the exercises of ${fifth}, which holds none of them`));
  assert.doesNotMatch(said, /up to date/);
  // the chapter itself answered: grading finds her answers there
  fs.copyFileSync(duplicate, path.join(workspace, fifth));
  assert.doesNotMatch(describeUpdate(update(), root).join("\n"), /holds your answers/);
});
