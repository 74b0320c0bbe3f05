// nbgrader's Execute step reads `ename` from the execute reply; with the unpatched
// kernel it crashed (KeyError) on the first failing cell. Now it records the error.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { repoRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { errorsOf, streams } from "./helpers.mjs";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "nbgrader_execute.py");

test("nbgrader's Execute preprocessor runs through failing cells and keeps their errors", () => {
  const notebook = makeNotebook([
    'throw new Error("the student\'s code fails");',
    "const n: number = 'text';",
    'console.log("graded anyway");',
  ]);
  const run = spawnSync(venvPython, [script, repoRoot], {
    input: JSON.stringify(notebook),
    env: jupyterEnv(),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  const executed = JSON.parse(run.stdout);
  const [thrown, typed, last] = executed.cells;
  assert.deepEqual(errorsOf(thrown).map((e) => [e.ename, e.evalue]), [["Error", "the student's code fails"]]);
  assert.deepEqual(errorsOf(typed).map((e) => e.ename), ["TypeScriptError"]);
  assert.equal(streams(last, "stdout"), "graded anyway\n");
});
