// The patched tslab kernel reports errors like any Jupyter kernel: an `error`
// output with ename/evalue/traceback and a complete error reply, nothing on stderr.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runHeadless, makeNotebook } from "../../scripts/lib/notebook.mjs";
import { errorsOf, stripAnsi, streams } from "./helpers.mjs";

const cells = [
  'const a: number = 1;\nconsole.log("first", a);',
  'throw new TypeError("boom");',
  'const b: number = "not a number";',
  'async function later() {\n  await new Promise((r) => setTimeout(r, 10));\n  throw new RangeError("late");\n}\nawait later();',
  'throw "a plain string";',
  'console.error("written by the cell");',
  'console.log("after the errors");',
];

test("errors in cells become error outputs and later cells still run (nbclient --allow-errors)", async () => {
  const { notebook, status, stderr } = await runHeadless(makeNotebook(cells), { allowErrors: true });
  assert.equal(status, 0, stderr);
  const [ok, thrown, typeError, rejected, plain, userStderr, after] = notebook.cells;

  assert.equal(streams(ok, "stdout"), "first 1\n");
  assert.deepEqual(ok.outputs.map((o) => o.output_type), ["stream"], "a clean cell has stdout only");

  for (const cell of [thrown, typeError, rejected, plain]) {
    assert.equal(errorsOf(cell).length, 1, `one error output in: ${cell.source}`);
    assert.equal(streams(cell, "stderr"), "", `no stderr for: ${cell.source}`);
    const [error] = errorsOf(cell);
    assert.ok(Array.isArray(error.traceback) && error.traceback.every((l) => typeof l === "string"));
  }

  const [thrownError] = errorsOf(thrown);
  assert.equal(thrownError.ename, "TypeError");
  assert.equal(thrownError.evalue, "boom");
  assert.equal(stripAnsi(thrownError.traceback[0]), "TypeError: boom");

  const [tsError] = errorsOf(typeError);
  assert.equal(tsError.ename, "TypeScriptError");
  assert.match(tsError.evalue, /^1:7 - Type 'string' is not assignable to type 'number'\.$/);
  const shown = stripAnsi(tsError.traceback.join("\n"));
  assert.match(shown, /const b: number = "not a number";/, "the traceback quotes the offending line");

  const [asyncError] = errorsOf(rejected);
  assert.equal(asyncError.ename, "RangeError");
  assert.equal(asyncError.evalue, "late");
  assert.ok(asyncError.traceback.some((l) => l.includes("at later")), "the stack names the user's function");
  assert.ok(!asyncError.traceback.some((l) => l.includes("tslab/dist")), "tslab's own frames are hidden");

  const [plainError] = errorsOf(plain);
  assert.equal(plainError.ename, "Error");
  assert.equal(plainError.evalue, "a plain string");

  assert.equal(streams(userStderr, "stderr"), "written by the cell\n", "stderr is what the cell writes");
  assert.equal(streams(after, "stdout"), "after the errors\n");
  assert.deepEqual(notebook.cells.map((c) => c.execution_count), [1, 2, 3, 4, 5, 6, 7]);
});

test("without --allow-errors nbclient stops at the first error and names it", async () => {
  const { notebook, status, stderr } = await runHeadless(makeNotebook(cells.slice(0, 3)), { allowErrors: false });
  assert.equal(status, 1);
  assert.match(stderr, /TypeError/);
  assert.match(stderr, /boom/);
  assert.equal(errorsOf(notebook.cells[1]).length, 1);
  assert.deepEqual(notebook.cells[2].outputs, [], "the cell after the error did not run");
});

test("a cell that calls process.exit() kills the kernel and nbclient reports it", async () => {
  const nb = makeNotebook(['console.log("before")', "process.exit(3);", 'console.log("never")']);
  const { notebook, status, stderr } = await runHeadless(nb, { allowErrors: true, timeout: 60 });
  assert.equal(status, 2);
  assert.match(stderr, /DeadKernelError/);
  assert.equal(streams(notebook.cells[0], "stdout"), "before\n");
  assert.deepEqual(notebook.cells[2].outputs, []);
});
