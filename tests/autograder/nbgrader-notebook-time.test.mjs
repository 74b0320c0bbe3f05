// Under `nbgrader autograde`, once a notebook has run for its time (`Execute.notebook_timeout`,
// src/nbgrader/notebook_time.py), the cells left are not run, each failing with an error, as
// `npm run autograde` marks them. Before, each still ran for up to a second and was interrupted:
// a notebook of the 5,000 looping cells RefusedNotebooks lets through would have held nbgrader, which
// grades the class one notebook after another, for over an hour past its limit (20 cells: 30 s
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

// the course's Execute, as nbgrader_config.py configures it, with the limits given (a notebook time of 12 s)
const RUN = `
import json, sys, time
sys.modules.setdefault("rfc3987_syntax", None)
import nbformat
from traitlets.config import Config, PyFileConfigLoader
repo, notebook, folder, limits = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=repo + "/autograder").load_config()
config.merge(Config({"Execute": limits}))
execute = next(step for step in config.Autograde.autograde_preprocessors if step.__name__ == "Execute")
nb = nbformat.reads(json.dumps(notebook), as_version=4)
started = time.monotonic()
execute(config=config).preprocess(nb, {"metadata": {"path": folder}})
print(json.dumps({"seconds": time.monotonic() - started, "notebook": nb}))
`;

/** The notebook run by the course's Execute with `limits` (its traits): { seconds, notebook }. */
function execute(notebook, limits) {
  const folder = join(temporaryDir(), "autograded", "s", "a");
  mkdirSync(folder, { recursive: true });
  prepareCourseRoot(join(folder, "..", "..", ".."));
  const run = spawnSync(python, ["-c", RUN], { input: JSON.stringify([repoRoot, notebook, folder, limits]), env: jupyterEnv(), encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test("under nbgrader the cells left once a notebook's time has run out are not run, and fail", () => {
  // cells that each loop until they are interrupted: the notebook's 6 s are spent on a core
  const notebook = makeNotebook(Array.from({ length: 20 }, (_, i) => `console.log("cell ${i}");\nwhile (true) {}`));
  const { seconds, notebook: executed } = execute(notebook, { notebook_timeout: 6, timeout: 120 });
  const notRun = (cell) => cell.outputs.length === 1 && cell.outputs[0].ename === "NotRun";
  const firstNotRun = executed.cells.findIndex(notRun);
  // (on a machine so loaded that the kernel took the notebook's 6 s to start, no cell runs at all)
  assert.ok(firstNotRun >= 0, `every cell ran, each interrupted, where the notebook's time had run out (it took ${seconds.toFixed(0)} s)`);
  // those that ran (until the notebook's time ran out) were interrupted; every one after them was not run
  for (const cell of executed.cells.slice(0, firstNotRun)) assert.ok(cell.outputs.some((output) => output.output_type === "error"));
  const rest = executed.cells.slice(firstNotRun);
  assert.ok(rest.length >= 10, `${executed.cells.length - rest.length} cells ran in 6 s`);
  for (const cell of rest) {
    assert.equal(cell.execution_count, null);
    assert.deepEqual(cell.outputs.map((output) => [output.output_type, output.ename]), [["error", "NotRun"]]);
    assert.match(cell.outputs[0].evalue, /not run: the notebook ran past its 6 s limit/);
  }
});

test("under nbgrader an interrupt that reaches the kernel while it still compiles a cell is sent again: the cell ends, and the next runs", () => {
  // node's SIGINT breaks only code already running: a cell past its time while its thousands of lines
  // were compiled looped on, and the kernel was stopped once the wait for its outputs ran out, every
  // cell after it not run
  const declarations = Array.from({ length: 6000 }, (_, i) => `let v${i}: Array<Record<string, number>> = [{ a: ${i} }];`).join("\n");
  const notebook = makeNotebook(['console.log("first");', `${declarations}\nconsole.log("compiled");\nwhile (true) {}`, 'console.log("after");']);
  const { notebook: executed } = execute(notebook, { notebook_timeout: 300, timeout: 1, iopub_timeout: 120 });
  const [, looping, after] = executed.cells;
  assert.ok(looping.outputs.some((output) => output.ename === "InterruptError"), JSON.stringify(looping.outputs));
  // the next cell runs; it has the same 1 s limit, which a loaded machine can pass (its compiling alone),
  // and then it too is interrupted, after its line, with nbgrader's own timeout error (CellTimeoutError
  // with no message) or the kernel's; but it ran, in a kernel still running, not stopped
  const [first, ...rest] = after.outputs;
  assert.deepEqual([first?.output_type, first?.text], ["stream", "after\n"], JSON.stringify(after.outputs));
  for (const output of rest) {
    assert.equal(output.output_type, "error", JSON.stringify(after.outputs));
    assert.ok(!["NotRun", "DeadKernelError"].includes(output.ename), JSON.stringify(after.outputs));
    assert.ok(output.ename !== "CellTimeoutError" || output.evalue === "", `the kernel was stopped: ${JSON.stringify(after.outputs)}`);
  }
});
