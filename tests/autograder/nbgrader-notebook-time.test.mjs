// Under `nbgrader autograde`, once a notebook has run for its time (`Execute.notebook_timeout`,
// src/nbgrader/notebook_time.py), the cells left are not run, each failing with an error, as
// `npm run autograde` marks them. Before, each still ran for up to a second and was interrupted:
// a notebook of the 5,000 looping cells RefusedNotebooks lets through would have held nbgrader, which
// grades the class one notebook after another, for over an hour past its limit (20 cells here: 30 s
// for a limit of 12 s).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { prepareCourseRoot } from "../../autograder/src/nbgrader/course-dir.mjs";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { python, repoRoot, temporaryDir } from "./helpers.mjs";

// the course's Execute, as nbgrader_config.py configures it, with a notebook time of 12 s
const RUN = `
import json, sys, time
sys.modules.setdefault("rfc3987_syntax", None)
import nbformat
from traitlets.config import Config, PyFileConfigLoader
repo, notebook, folder = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=repo + "/autograder").load_config()
config.merge(Config({"Execute": {"notebook_timeout": 12, "timeout": 120}}))
execute = next(step for step in config.Autograde.autograde_preprocessors if step.__name__ == "Execute")
nb = nbformat.reads(json.dumps(notebook), as_version=4)
started = time.monotonic()
execute(config=config).preprocess(nb, {"metadata": {"path": folder}})
print(json.dumps({"seconds": time.monotonic() - started, "notebook": nb}))
`;

test("under nbgrader the cells left once a notebook's time has run out are not run, and fail", () => {
  const folder = join(temporaryDir(), "autograded", "s", "a");
  mkdirSync(folder, { recursive: true });
  prepareCourseRoot(join(folder, "..", "..", ".."));
  // cells that each loop until they are interrupted
  const notebook = makeNotebook(Array.from({ length: 20 }, (_, i) => `console.log("cell ${i}");\nwhile (true) {}`));
  const run = spawnSync(python, ["-c", RUN], { input: JSON.stringify([repoRoot, notebook, folder]), env: jupyterEnv(), encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  assert.equal(run.status, 0, run.stderr);
  const { seconds, notebook: executed } = JSON.parse(run.stdout);
  const notRun = (cell) => cell.outputs.length === 1 && cell.outputs[0].ename === "NotRun";
  const firstNotRun = executed.cells.findIndex(notRun);
  // (on a machine so loaded that the kernel took the notebook's 12 s to start, no cell runs at all)
  assert.ok(firstNotRun >= 0, `every cell ran, each interrupted, where the notebook's time had run out (it took ${seconds.toFixed(0)} s)`);
  // those that ran (until the notebook's time ran out) were interrupted; every one after them was not run
  for (const cell of executed.cells.slice(0, firstNotRun)) assert.ok(cell.outputs.some((output) => output.output_type === "error"));
  const rest = executed.cells.slice(firstNotRun);
  assert.ok(rest.length >= 10, `${executed.cells.length - rest.length} cells ran in 12 s`);
  for (const cell of rest) {
    assert.equal(cell.execution_count, null);
    assert.deepEqual(cell.outputs.map((output) => [output.output_type, output.ename]), [["error", "NotRun"]]);
    assert.match(cell.outputs[0].evalue, /not run: the notebook ran past its 12 s limit/);
  }
});
