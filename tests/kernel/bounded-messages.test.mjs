// No message of the kernel's is larger than 8 MB (lib/kernel/bounded-messages.cjs): a Jupyter
// client reads a message whole before it can weigh it, so one print of hundreds of MB took the
// grader's process (which grades the class one notebook after another) up by several times that.
// Cut, a stream stays on its stream and an error stays an error, both in its output and in the
// execute reply; a display becomes a note.
import assert from "node:assert/strict";
import { test } from "node:test";
import { kernelSession } from "./helpers.mjs";

const BIG = 40_000_000;
const MB = 2 ** 20;

test("a print, an error, a display and an update of tens of MB reach the client cut, each as what it was", async () => {
  const { results, alive } = await kernelSession({
    requests: [
      { code: `console.log("x".repeat(${BIG}));` },
      { code: `console.error("e".repeat(${BIG}));` },
      { code: `throw new Error("y".repeat(${BIG}));`, stop_on_error: false },
      { code: `import * as tslab from "tslab";\ntslab.display.html("z".repeat(${BIG}));` },
      { code: `const live = tslab.newDisplay();\nlive.html("small");\nlive.html("w".repeat(${BIG}));` },
      { code: 'console.log("after");' },
    ],
  });
  assert.equal(alive, true);
  const [print, stderr, thrown, display, update, after] = results;
  const size = (value) => JSON.stringify(value).length;
  for (const [i, result] of results.entries()) {
    for (const [type, content] of result.iopub) assert.ok(size(content) < 2 * MB, `request ${i}: a ${type} of ${(size(content) / MB).toFixed(1)} MB reached the client`);
    assert.ok(size(result.reply) < 2 * MB, `request ${i}: a reply of ${(size(result.reply) / MB).toFixed(1)} MB`);
  }
  const text = (result, name) => result.iopub.filter(([type, c]) => type === "stream" && c.name === name).map(([, c]) => c.text).join("");
  assert.match(text(print, "stdout"), /^x{1000}[^]*\[kernel\] this output was cut/);
  assert.match(text(stderr, "stderr"), /^e{1000}[^]*\[kernel\] this output was cut/, "stderr stays stderr: it fails a test");
  assert.equal(thrown.reply.status, "error");
  assert.equal(thrown.reply.ename, "Error");
  assert.match(thrown.reply.evalue, /^y{1000}/);
  const errors = thrown.iopub.filter(([type]) => type === "error");
  assert.equal(errors.length, 1, "the error output is still sent");
  assert.match(errors[0][1].evalue, /^y{1000}[^]*\[kernel\] this output was cut/);
  assert.equal(display.reply.status, "ok");
  assert.match(text(display, "stdout"), /\[kernel\] this output was cut/, "the display is a note");
  assert.equal(update.reply.status, "ok");
  assert.match(text(update, "stdout"), /\[kernel\] this output was cut/);
  assert.equal(text(after, "stdout"), "after\n");
});

test("an error message past the size stays an error whatever its content holds; a reply other than an error's goes as it is", async () => {
  const { createRequire } = await import("node:module");
  const { boundedMessage } = createRequire(import.meta.url)("../../lib/kernel/bounded-messages.cjs");
  const frames = (type, content) => [Buffer.from("client"), Buffer.from("<IDS|MSG>"), "signature", JSON.stringify({ msg_id: "m", msg_type: type }), "{}", "{}", JSON.stringify(content)];
  const sent = (type, content) => {
    const out = boundedMessage(frames(type, content), "key");
    return { type: JSON.parse(out[3]).msg_type, content: JSON.parse(out[6]) };
  };
  const odd = sent("error", { note: "x".repeat(9 * MB) });
  assert.equal(odd.type, "error");
  assert.equal(odd.content.ename, "Error");
  const reply = sent("execute_reply", { status: "ok", execution_count: 3, other: "y".repeat(9 * MB) });
  assert.equal(reply.type, "execute_reply");
  assert.equal(reply.content.status, "ok");
});
