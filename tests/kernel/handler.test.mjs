// The patched execute handler on its own (no kernel process): a failure inside
// tslab itself still yields a complete error reply, and an error does not abort
// later requests when the client asked not to stop on errors.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";

const require = createRequire(import.meta.url);
const { JupyterHandlerImpl } = require(fromRoot("node_modules", "tslab", "dist", "jupyter.js"));

// handleExecute redirects process.stdout/stderr to the cell; put them back afterwards.
async function execute(handler, request) {
  const { write: out } = process.stdout;
  const { write: err } = process.stderr;
  try {
    return await handler.handleExecute(request, () => {}, () => {});
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

test("an exception escaping the executor becomes a KernelError reply with an execution count", async () => {
  const handler = new JupyterHandlerImpl({ execute: async () => { throw new Error("compiler crashed"); } }, false);
  const reply = await execute(handler, { code: "1", stop_on_error: false });
  assert.equal(reply.status, "error");
  assert.equal(reply.ename, "KernelError");
  assert.match(reply.evalue, /compiler crashed/);
  assert.equal(reply.execution_count, 1);
  assert.ok(Array.isArray(reply.traceback));
});

test("executor errors pass through as the reply's ename/evalue/traceback", async () => {
  const failure = { status: "error", ename: "RangeError", evalue: "x", traceback: ["RangeError: x"] };
  let calls = 0;
  const handler = new JupyterHandlerImpl({ execute: async () => (++calls === 1 ? failure : { status: "ok" }) }, false);
  const first = await execute(handler, { code: "a", stop_on_error: false });
  const second = await execute(handler, { code: "b", stop_on_error: false });
  assert.deepEqual(first, { status: "error", execution_count: 1, ename: "RangeError", evalue: "x", traceback: ["RangeError: x"] });
  assert.deepEqual(second, { status: "ok", execution_count: 2 });
});
