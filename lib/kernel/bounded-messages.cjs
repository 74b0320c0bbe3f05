// A message the kernel sends is at most MAX_MESSAGE_BYTES (kernel-sockets.cjs sends every output
// and reply through boundedMessage). A Jupyter client reads each message whole before it can weigh
// it: one `console.log` of a 256 MB string, or a display of 300 MB, took the memory of the grader's
// process (`nbgrader autograde` and `npm run autograde` grade the class one notebook after another
// in one process) up by several times that, however small the caps it then applies to a cell's
// outputs (5 MB). Cut here, in the kernel, such an output reaches the grader as a note; the
// graders' caps, under this size, are unchanged.
//
// What a test's verdict depends on is kept in kind: a stream stays on its stream (stderr fails a
// test), cut to its first MiB; an error (its output, and the execute reply that carries it too)
// stays an error, its message and traceback cut as the graders cut them. Any other output
// (a display, an update of one) becomes a note on stdout.
"use strict";
const crypto = require("crypto");

const MAX_MESSAGE_BYTES = 8 * 2 ** 20;
/** Of a stream past the size, the text sent. */
const KEPT_TEXT = 2 ** 20;
const MAX_ENAME = 200;
const MAX_EVALUE = 4000;
const MAX_TRACEBACK_LINES = 100;
const MAX_TRACEBACK_LINE = 1000;

const DELIMITER = Buffer.from("<IDS|MSG>");
const createHmac = crypto.createHmac;
const byteLength = Buffer.byteLength;

function frameBytes(frame) {
  if (typeof frame === "string") return byteLength(frame);
  return frame && typeof frame.length === "number" ? frame.length : 0;
}

function cut(value, limit) {
  const text = typeof value === "string" ? value : String(value);
  return text.length <= limit ? text : `${text.slice(0, limit)}... [${text.length - limit} characters not sent]`;
}

const note = (bytes) => `\n[kernel] this output was cut: the kernel sends at most ${MAX_MESSAGE_BYTES / 2 ** 20} MB a message (this one: ${(bytes / 2 ** 20).toFixed(1)} MB)\n`;

/** The content to send in place of `content`, a message of type `type` of `bytes` bytes. */
function boundedContent(type, content, bytes) {
  if (type === "stream" && content && typeof content.text === "string") {
    return { type, content: { name: content.name === "stderr" ? "stderr" : "stdout", text: content.text.slice(0, KEPT_TEXT) + note(bytes) } };
  }
  const isError = type === "error" || (content !== null && typeof content === "object" && ("ename" in content || "evalue" in content || "traceback" in content));
  if (isError) {
    // an error stays one, whatever shape its content has: it fails the cell
    content = content !== null && typeof content === "object" ? content : {};
    const bounded = {};
    if (typeof content.status === "string") bounded.status = cut(content.status, MAX_ENAME);
    if (typeof content.execution_count === "number") bounded.execution_count = content.execution_count;
    bounded.ename = cut(content.ename || "Error", MAX_ENAME);
    bounded.evalue = cut(content.evalue ?? "", MAX_EVALUE) + note(bytes);
    const traceback = Array.isArray(content.traceback) ? content.traceback : [];
    bounded.traceback = traceback.slice(0, MAX_TRACEBACK_LINES).map((line) => cut(line, MAX_TRACEBACK_LINE));
    return { type, content: bounded };
  }
  // a reply is the client's answer, whatever its size: only an error's is cut
  if (type.endsWith("_reply")) return null;
  return { type: "stream", content: { name: "stdout", text: note(bytes).trimStart() } };
}

/**
 * `frames` ([identities…, "<IDS|MSG>", signature, header, parent, metadata, content]) as sent when
 * they hold at most MAX_MESSAGE_BYTES; else the message cut (above), signed with `key` as tslab signs.
 */
function boundedMessage(frames, key) {
  if (!Array.isArray(frames)) return frames;
  let bytes = 0;
  for (const frame of frames) bytes += frameBytes(frame);
  if (bytes <= MAX_MESSAGE_BYTES) return frames;
  const at = frames.findIndex((frame) => Buffer.isBuffer(frame) && frame.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) return frames;
  const [header, parent, metadata, content] = frames.slice(at + 2, at + 6).map(String);
  const headerObject = JSON.parse(header);
  const type = headerObject.msg_type;
  // a display's content is not read: it need not be, and may be as large as the kernel's memory allows
  const readContent = type === "stream" || type === "error" || type === "execute_reply";
  const bounded = boundedContent(String(type), readContent ? JSON.parse(content) : null, bytes);
  if (bounded === null) return frames;
  const parts = [bounded.type === type ? header : JSON.stringify({ ...headerObject, msg_type: bounded.type }), parent, metadata, JSON.stringify(bounded.content)];
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return [...frames.slice(0, at + 1), hmac.digest("hex"), ...parts];
}

module.exports = { boundedMessage, MAX_MESSAGE_BYTES };
