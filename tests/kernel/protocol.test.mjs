// Protocol-level behaviour of the patched kernel (jupyter_client talking to it):
// complete error replies, the iopub `error` message, stop_on_error, interrupts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { kernelSessionParts } from "./helpers.mjs";

// The cases share two kernels (a kernel start less each): the printing, then the two queues after
// an error, each batch sent once the one before has its replies, stop_on_error's last (the kernel
// aborts what comes in the 200 ms after a cell that stops the queue); the interrupts, then the
// failed promise, a kernel that lives on after each. The first kernel's stderr is read whole.
const LINES = 200_000;
const PLANS = {
  printing: {
    requests: [
      { code: `for (let i = 0; i < ${LINES}; i++) console.log(i);`, stop_on_error: false },
      {
        code: 'import * as tslab from "tslab";\nconsole.log("a");\ntslab.display.text("shown");\nconsole.error("e");\nconsole.log("b");\nthrow new Error("x");',
        stop_on_error: false,
      },
    ],
  },
  stopOnError: {
    batch: true,
    requests: [{ code: 'throw new Error("first")' }, { code: 'console.log("queued behind it")' }],
  },
  goOnAfterError: {
    batch: true,
    requests: [
      { code: 'throw new Error("first")', stop_on_error: false },
      { code: 'console.log("queued behind it")' },
    ],
  },
  interrupts: {
    requests: [
      { code: 'console.log("looping");\nwhile (true) {}', interrupt_on_output: true, stop_on_error: false },
      // Print from a later task: at the instant the cell's synchronous part ends, Node's
      // breakOnSigint has a window where a SIGINT is lost or ends the process.
      {
        code: 'await new Promise((r) => setTimeout(r, 0));\nconsole.log("waiting");\nawait new Promise(() => {});',
        interrupt_on_output: true,
        stop_on_error: false,
      },
      { code: 'const shown = { [Symbol.for("nodejs.util.inspect.custom")]() { throw new Error("cannot show"); } };\nshown', stop_on_error: false },
      { code: 'console.log("still alive")' },
    ],
  },
  failedPromise: {
    requests: [
      { code: 'import { init } from "neural-mi";\nawait init();\nPromise.reject(new Error("boom"));\nawait new Promise((r) => setTimeout(r, 300));', stop_on_error: false },
      { code: 'console.log("still alive")' },
    ],
  },
};
const sessions = [["printing", "goOnAfterError", "stopOnError"], ["interrupts", "failedPromise"]];
const started = new Map();
/** The named plan's { results, alive, stderr }, its session started at the first plan asked of it. */
function kernelSession(name) {
  const names = sessions.find((session) => session.includes(name));
  if (!started.has(names)) started.set(names, kernelSessionParts(names.map((n) => PLANS[n])));
  return started.get(names).then((parts) => parts[names.indexOf(name)]);
}

const errorReplyShape = (reply) => {
  assert.equal(reply.status, "error");
  assert.equal(typeof reply.ename, "string");
  assert.equal(typeof reply.evalue, "string");
  assert.ok(Array.isArray(reply.traceback) && reply.traceback.length > 0);
  assert.equal(typeof reply.execution_count, "number");
};

test("an error reply carries ename/evalue/traceback and an iopub error precedes it; stop_on_error aborts the queue", async () => {
  const { results, alive } = await kernelSession("stopOnError");
  const [failed, queued] = results;
  errorReplyShape(failed.reply);
  assert.equal(failed.reply.ename, "Error");
  assert.equal(failed.reply.evalue, "first");
  assert.deepEqual(failed.iopub.map(([type]) => type), ["error"]);
  assert.deepEqual(failed.iopub[0][1], {
    ename: failed.reply.ename,
    evalue: failed.reply.evalue,
    traceback: failed.reply.traceback,
  });
  assert.equal(queued.reply.status, "aborted");
  assert.deepEqual(queued.iopub, []);
  assert.ok(alive);
});

test("with stop_on_error false the queued request still runs", async () => {
  const { results } = await kernelSession("goOnAfterError");
  assert.equal(results[0].reply.status, "error");
  assert.equal(results[1].reply.status, "ok");
  assert.deepEqual(results[1].iopub, [["stream", { name: "stdout", text: "queued behind it\n" }]]);
});

test("interrupting a busy cell (sync loop or pending await) gives an InterruptError and the kernel lives on; what it printed arrived while it ran", async () => {
  const { results, alive } = await kernelSession("interrupts");
  const [loop, pending, printing, after] = results.map((r) => r.reply);
  // what a cell prints reaches the notebook while the cell still runs, even a loop that never awaits
  assert.deepEqual(results[0].before_interrupt, [["stream", { name: "stdout", text: "looping\n" }]]);
  assert.deepEqual(results[1].before_interrupt, [["stream", { name: "stdout", text: "waiting\n" }]]);
  for (const reply of [loop, pending]) {
    errorReplyShape(reply);
    assert.equal(reply.ename, "InterruptError");
  }
  // Printing the last expression runs the value's own code; its error is the cell's.
  errorReplyShape(printing);
  assert.equal(printing.evalue, "cannot show");
  assert.equal(after.status, "ok");
  assert.ok(alive);
});

test("printing in a loop arrives as a few messages, in order with the cell's other outputs; the kernel starts without errors of its own", async () => {
  const { results, stderr } = await kernelSession("printing");
  const [loop, mixed] = results;
  assert.equal(loop.reply.status, "ok");
  assert.ok(loop.iopub.every(([type, content]) => type === "stream" && content.name === "stdout"));
  assert.equal(loop.iopub.map(([, content]) => content.text).join(""), Array.from({ length: LINES }, (_, i) => `${i}\n`).join(""));
  // one message per write would be 200 000; pieces of 64 KiB make 21 of these 1.3 MB
  assert.ok(loop.iopub.length < 200, `${loop.iopub.length} stream messages`);
  assert.deepEqual(
    mixed.iopub.map(([type, content]) => (type === "stream" ? `${content.name}:${content.text}` : type)),
    ["stdout:a\n", "display_data", "stderr:e\n", "stdout:b\n", "error"],
  );
  assert.doesNotMatch(stderr, /Unhandled|Uncaught/);
});

test("a promise that fails with nothing awaiting it is reported in its cell, readably, and the kernel lives on (TensorFlow.js's backend had it end the kernel)", async () => {
  const { results, alive } = await kernelSession("failedPromise");
  const [failed, after] = results;
  const stderr = failed.iopub.filter(([type, content]) => type === "stream" && content.name === "stderr").map(([, content]) => content.text).join("");
  assert.match(stderr, /UnhandledPromiseRejection: Error: boom[\s\S]*a promise failed with nothing awaiting it: await it, or add \.catch/);
  assert.deepEqual(after.iopub, [["stream", { name: "stdout", text: "still alive\n" }]]);
  assert.ok(alive);
});
