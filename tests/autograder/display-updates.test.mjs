// A display shown in one cell and updated from a later one (tslab's newDisplay) is updated where
// it is, whatever the runner did to the first cell's outputs once it ended: joining its streams
// moved the display to a lower position, and nbclient, which keeps the position it was shown at,
// wrote the update into the output that took that place or, past the list's end, stopped the
// runner with an IndexError, the notebook then graded as the grader's own error.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { python, repoRoot, temporaryDir } from "./helpers.mjs";

const code = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });

// Two prints of 768 KiB each are two stream messages (the kernel joins a stream's pieces up to
// 1 MiB a message), joined into one output once the cell ended: the displays after them move down.
const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  cells: [
    code(`import { newDisplay } from "tslab";
const half = "x".repeat(768 * 1024);
console.log(half);
console.log(half);
const first = newDisplay();
first.text("first, as shown");
const second = newDisplay();
second.text("second, as shown");`),
    code(`first.text("first, updated");`),
    code(`second.text("second, updated");`),
    code(`console.log("the cells after it ran");`),
  ].map((cell, i) => ({ ...cell, id: `cell-${i}` })),
};

test("a display updated from a later cell is updated in place, after the runner joined its cell's streams", () => {
  const dir = temporaryDir();
  const work = join(dir, "work");
  mkdirSync(work);
  symlinkSync(join(repoRoot, "node_modules"), join(work, "node_modules"));
  writeFileSync(join(dir, "in.ipynb"), JSON.stringify(NOTEBOOK));
  const run = spawnSync(
    python,
    [join(repoRoot, "scripts", "run_notebook.py"), join(dir, "in.ipynb"), "--output", join(dir, "out.ipynb"), "--cwd", work, "--kernel", "tslab", "--allow-errors"],
    { cwd: repoRoot, env: jupyterEnv(), encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
  );
  assert.equal(run.status, 0, `the runner failed:\n${run.stderr.slice(-3000)}`);
  const executed = JSON.parse(readFileSync(join(dir, "out.ipynb"), "utf8"));
  const text = (output) => [output.data?.["text/plain"] ?? output.text].flat().join("");
  const [shown, ...later] = executed.cells.map((cell) => cell.outputs);
  assert.deepEqual(
    shown.map((output) => output.output_type),
    ["stream", "display_data", "display_data"],
    "the two prints are one output, the displays after it",
  );
  assert.equal(text(shown[0]).length, 2 * (768 * 1024 + 1), "the stream holds both prints, nothing else");
  assert.equal(text(shown[1]), "first, updated");
  assert.equal(text(shown[2]), "second, updated");
  assert.deepEqual(later[0], [], "an update shows nothing in the cell that sent it");
  assert.match(text(later[2][0]), /the cells after it ran/);
});
