// A notebook over the kept copy's limit of 50 MB a file by its outputs (a loop that printed at
// each step): its answers, a few kilobytes of cell text, had been left out of the copy with the
// outputs ("too large for that copy, kept only here"), and deleting the course's folder lost them.
// The copy keeps it with its outputs cleared (scripts/lib/kept-notebook.mjs).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { describeKeptWork, keepWork, restoreKeptWork } from "../../scripts/lib/kept-work.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-kept-notebook-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const env = { NEURAL_MI_KEPT_WORK: path.join(root, "kept") };

test("a notebook over 50 MB by its outputs is kept without them, its cells whole, and put back so", () => {
  const workspace = path.join(root, "course", "my-work");
  fs.mkdirSync(workspace, { recursive: true });
  const printed = "step 1: loss 0.6931\n".repeat(2_700_000); // about 54 MB
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: [
      { cell_type: "markdown", id: "answer-text", metadata: {}, source: "My written answer." },
      { cell_type: "code", id: "answer-code", metadata: {}, execution_count: 7, source: "for (let i = 0; i < 1e6; i++) console.log(i);", outputs: [{ output_type: "stream", name: "stdout", text: printed }] },
    ],
  };
  fs.writeFileSync(path.join(workspace, "05-mine.ipynb"), JSON.stringify(notebook));
  // and one an editor saved with a byte-order mark
  fs.writeFileSync(path.join(workspace, "05-marked.ipynb"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(notebook))]));
  fs.writeFileSync(path.join(workspace, "data.bin"), Buffer.alloc(51 * 1024 * 1024));
  const kept = keepWork(workspace, env);
  assert.deepEqual([kept.files.sort(), kept.withoutOutputs.sort(), kept.left], [["05-marked.ipynb", "05-mine.ipynb"], ["05-marked.ipynb", "05-mine.ipynb"], ["data.bin"]]);
  fs.rmSync(path.join(workspace, "05-marked.ipynb"));
  const copy = JSON.parse(fs.readFileSync(path.join(kept.dir, "05-mine.ipynb"), "utf8"));
  assert.deepEqual(copy.cells.map((cell) => cell.source), notebook.cells.map((cell) => cell.source));
  assert.deepEqual([copy.cells[1].outputs, copy.cells[1].execution_count], [[], null]);
  assert.match(describeKeptWork({ restored: { files: [] }, kept, created: false }).join("\n"), /kept in that copy without their outputs .*: 05-(mine|marked)\.ipynb/);
  fs.rmSync(path.join(kept.dir, "05-marked.ipynb"));

  // the course's folder deleted: the answers come back
  fs.rmSync(path.join(root, "course"), { recursive: true });
  assert.deepEqual(restoreKeptWork(workspace, env).files, ["05-mine.ipynb"]);
  assert.equal(JSON.parse(fs.readFileSync(path.join(workspace, "05-mine.ipynb"), "utf8")).cells[0].source, "My written answer.");
});
