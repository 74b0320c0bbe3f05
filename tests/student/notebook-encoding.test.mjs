// A chapter saved by an editor as "UTF-8 with BOM" or as UTF-16 (Windows Notepad): JupyterLab shows
// only "File Load Error", and npm start said it was not a readable notebook ("Unexpected token '', …",
// the mark unseen) with the way back for a broken file: rename it, start again, and copy the answers
// over by hand. The work is whole: the start now names the encoding and the one change that fixes it.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { describeKeptWork, keepWork } from "../../scripts/lib/kept-work.mjs";
import { copyCourseNotebooks } from "./helpers.mjs";
import { describeUpdate, updateWorkspace } from "../../scripts/lib/workspace.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-notebook-encoding-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const course = path.join(root, "course");
copyCourseNotebooks(course);
const [first, second] = fs.readdirSync(course).filter((f) => f.endsWith(".ipynb")).sort();

test("a chapter saved with a byte-order mark, or as UTF-16, is named with its encoding and the way to save it again", () => {
  const workspace = path.join(root, "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  const text = fs.readFileSync(path.join(workspace, first), "utf8").replace("YOUR ANSWER HERE", "My answer.");
  const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  fs.writeFileSync(path.join(workspace, first), withMark);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fs.readFileSync(path.join(workspace, second), "utf8"), "utf16le")]);
  fs.writeFileSync(path.join(workspace, second), utf16);

  const said = describeUpdate(updateWorkspace({ workspaceDir: workspace, sourceDir: course }), root).join("\n");
  assert.deepEqual(fs.readFileSync(path.join(workspace, first)), withMark, "left as it is");
  assert.match(said, new RegExp(`${first} cannot be opened by JupyterLab, but your work in it is whole and kept as it is: the file begins with a byte-order mark .*save it as UTF-8 without a byte-order mark`));
  assert.match(said, new RegExp(`${second} cannot be opened by JupyterLab, .*saved as UTF-16 \\(little-endian\\)`));
  assert.doesNotMatch(said, /Unexpected token|broken\.txt/);
});

test("the kept copy takes a chapter saved with a byte-order mark as the student's latest version, not as a damaged one", () => {
  const workspace = path.join(root, "kept-ws");
  const env = { NEURAL_MI_KEPT_WORK: path.join(root, "kept") };
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  const text = fs.readFileSync(path.join(workspace, first), "utf8");
  fs.writeFileSync(path.join(workspace, first), text.replace("YOUR ANSWER HERE", "First answer."));
  keepWork(workspace, env);
  // later, answered further and saved by an editor with a mark
  const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace("YOUR ANSWER HERE", "Second, better answer."))]);
  fs.writeFileSync(path.join(workspace, first), withMark);
  const kept = keepWork(workspace, env);
  assert.deepEqual(kept.unreadable, []);
  assert.deepEqual(fs.readFileSync(path.join(kept.dir, first)), withMark, "the copy holds the latest version");
  assert.doesNotMatch(describeKeptWork({ restored: { files: [] }, kept, created: false }).join("\n"), /not a readable notebook/);
});

test("answers in a duplicate saved with a byte-order mark are named beside the chapter holding none", () => {
  const workspace = path.join(root, "copy-ws");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  const notebook = JSON.parse(fs.readFileSync(path.join(workspace, second), "utf8"));
  notebook.cells.find((cell) => cell.metadata?.nbgrader?.solution).source = "My answer.";
  const copy = second.replace(/\.ipynb$/, "-Copy1.ipynb");
  fs.writeFileSync(path.join(workspace, copy), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(notebook))]));
  const said = describeUpdate(updateWorkspace({ workspaceDir: workspace, sourceDir: course }), root).join("\n");
  assert.match(said, new RegExp(`${copy} holds your answers to the exercises of ${second}`));
});
