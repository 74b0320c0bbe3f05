// A display shown in one cell and updated from a later one (tslab's newDisplay) is updated where
// it is, whatever the runner did to the first cell's outputs once it ended: joining its streams
// moved the display to a lower position, and nbclient, which keeps the position it was shown at,
// wrote the update into the output that took that place or, past the list's end, stopped the
// runner with an IndexError, the notebook then graded as the grader's own error. And a display whose
// content a cell shaped (tslab's display function is reachable) is dropped with a note, under both
// graders: one naming a list as its display id stopped the runner, or raised out of nbgrader's
// Execute, which left the student's whole assignment ungraded.
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

/** `notebook` run by the autograder's runner (scripts/run_notebook.py), in a folder beside the course's packages: the executed notebook. */
function runnerRun(notebook) {
  const dir = temporaryDir();
  const work = join(dir, "work");
  mkdirSync(work);
  symlinkSync(join(repoRoot, "node_modules"), join(work, "node_modules"));
  writeFileSync(join(dir, "in.ipynb"), JSON.stringify(notebook));
  const run = spawnSync(
    python,
    [join(repoRoot, "scripts", "run_notebook.py"), join(dir, "in.ipynb"), "--output", join(dir, "out.ipynb"), "--cwd", work, "--kernel", "tslab", "--allow-errors"],
    { cwd: repoRoot, env: jupyterEnv(), encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
  );
  assert.equal(run.status, 0, `the runner failed:\n${run.stderr.slice(-3000)}`);
  return JSON.parse(readFileSync(join(dir, "out.ipynb"), "utf8"));
}

test("a display updated from a later cell is updated in place, after the runner joined its cell's streams", () => {
  const executed = runnerRun(NOTEBOOK);
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

// tslab's function that sends a display (its module is in node's module cache, reached by computed
// names), given contents nbclient cannot take: a display id that is a list, a string for `transient`,
// no data, a string for the whole content
const MALFORMED = {
  ...NOTEBOOK,
  cells: [
    code(`const R: any = (process as any)["main" + "Module"]["req" + "uire"];
const M: any = R("module");
const J: any = M._cache[Object.keys(M._cache).find((f: string) => /tslab[\\\\/]dist[\\\\/]jupyter\\.js$/.test(f))!].exports;
J.lastWriteDisplayData({ data: { "text/plain": "x" }, metadata: {}, transient: { display_id: ["a list"] } }, false);
J.lastWriteDisplayData({ data: { "text/plain": "x" }, metadata: {}, transient: { display_id: ["a list"] } }, true);
J.lastWriteDisplayData({ data: { "text/plain": "x" }, metadata: {}, transient: "a string" }, false);
J.lastWriteDisplayData({ metadata: {} }, false);
J.lastWriteDisplayData("a string", false);
J.lastWriteDisplayData({ data: { "text/plain": "well formed" }, metadata: {} }, false);`),
    code(`console.log("the cells after it ran");`),
    // Past a cell's cap (5 MiB), an output that does not fit is dropped, and so is every one after
    // it: a smaller one that still fitted was kept, and a copy of a test's result, shown once the test
    // had published its own (tests/autograder/odd-notebooks/own-iopub-subscriber.mjs), then counted
    // where the test's own, pushed past the cap by a flood of the answer's, was dropped.
    code(`import * as tslab from "tslab";
for (let i = 0; i < 4; i++) console.log("y".repeat(1024 * 1024 - 100));
console.log("y".repeat(1024 * 1024 - 150 * 1024));
tslab.display.text("z".repeat(300 * 1024));
tslab.display.text("after the cut");`),
  ].map((cell, i) => ({ ...cell, id: `cell-${i}` })),
};

/** The outputs of the malformed notebook's cells, as the runner or nbgrader's Execute left them. */
function checkMalformed(executed, dropped) {
  const [sent, after, capped] = executed.cells.map((cell) => cell.outputs);
  assert.deepEqual(capped.filter((output) => output.output_type === "display_data"), [], "past the cap, the smaller display after the one dropped is dropped too");
  const text = (output) => [output.data?.["text/plain"] ?? output.text].flat().join("");
  assert.deepEqual(sent.filter((output) => output.output_type === "display_data").map(text), ["well formed"]);
  const notes = sent.filter((output) => output.output_type === "stream").map(text).join("");
  assert.equal(notes.match(/could not read/g)?.length, dropped, notes);
  assert.equal(text(after[0]), "the cells after it ran\n");
}

test("display messages a cell shaped are dropped with a note, and the notebook runs on (the runner)", () => {
  const executed = runnerRun(MALFORMED);
  checkMalformed(executed, 1);
  assert.match(executed.cells[0].outputs.map((output) => output.text ?? "").flat().join(""), /5 output message\(s\) the runner could not read/);
});

// nbgrader's Execute as the course configures it (src/nbgrader/notebook_time.py), its kernel on Unix
// sockets as the course's configuration asks (on TCP another test could take a port first)
const COURSE_EXECUTE = `
import json, sys
sys.path.insert(0, ${JSON.stringify(join(repoRoot, "autograder", "src", "nbgrader"))})
import nbformat
from notebook_time import Execute
from unix_socket_kernels import UnixSocketKernelManager
notebook = nbformat.reads(sys.stdin.read(), as_version=4)
executed, _ = Execute(timeout=120, kernel_name="tslab", kernel_manager_class=UnixSocketKernelManager).preprocess(notebook, {})
print(nbformat.writes(executed))
`;

test("display messages a cell shaped are dropped with a note, and the notebook runs on (nbgrader's Execute)", () => {
  const dir = temporaryDir();
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  const run = spawnSync(python, ["-c", COURSE_EXECUTE], { cwd: dir, env: jupyterEnv(), encoding: "utf8", input: JSON.stringify(MALFORMED), maxBuffer: 64 * 2 ** 20 });
  assert.equal(run.status, 0, `nbgrader's Execute failed:\n${run.stderr.slice(-3000)}`);
  checkMalformed(JSON.parse(run.stdout), 5);
});
