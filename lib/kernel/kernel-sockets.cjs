// How the course's kernel opens its five sockets (tslab's ZmqServer), changed in two ways,
// before harden.cjs freezes tslab:
//
// - The client's choice of transport is honoured: besides TCP, `ipc` (Unix sockets at
//   `<ip>-<port>`, jupyter_client's naming). With TCP the client picks free ports and the
//   kernel binds them seconds later, once TypeScript is loaded; on a busy machine another
//   process can take one in between. A Unix socket in a folder of the kernel's own cannot
//   be taken. The grader and the course's nbgrader configuration ask for ipc.
// - A kernel that cannot bind a socket ends at once, saying which and why. tslab would
//   log the rejection and run on, deaf on that socket, until its client gave up waiting
//   (two minutes under nbgrader); ended, the client notices in a second and can start another.
// - Outputs are sent one after another (oneSendAtATime): zeromq throws at a send while one
//   is in progress, and a cell printing in a loop lost most of its lines. Those that wait
//   meanwhile go as few messages (a stream's pieces joined, a display's updates as the last), and
//   a reply goes once the outputs before it are sent (repliesAfterOutputs): nbclient reads about
//   1,200 messages a second and waits only so long after a reply for what came before it.
// - A heartbeat answered as the kernel shuts down is dropped: tslab does not wait for the
//   answer's send, which fails on the closed socket, and TensorFlow.js's WebAssembly module
//   turns that unhandled rejection into a crash with a bare `{ errno: 9, code: 'EBADF' }`.
//   And no message is larger than bounded-messages.cjs lets it be.
// - Under `nbgrader autograde` (NEURAL_MI_KERNEL_ONE_CLIENT=1, set by confined_kernels.py's ConfinedKernelManager when it
//   starts the kernel), requests are taken from one client only: the first to reach the shell socket
//   (nbclient, whose kernel_info_request comes before any cell runs; jupyter_client's shell and
//   control sockets share its routing id). There a cell may read the connection file and its key:
//   one that signed an `execute_request` of its own ran code the course's reading of cells never saw
//   (a `const Math` that every later test read) and, sent with the next request's predictable
//   `msg_id`, had its outputs and `idle` taken for the test's. Another peer may only ask the kernel
//   to shut down (the kernel manager's own control socket); anything else from it is dropped.
// - A message not signed with the kernel's key is dropped before tslab reads it: tslab's check
//   threw "invalid hmac <given>; want <the right signature>", an unhandled rejection written into the
//   running cell's stderr, so a cell that sent its kernel an unsigned request read there the signature
//   of that very request and sent it again, signed, without the key (our grader pipes the key to the
//   kernel, which drains it before any cell runs): its code ran unread by the course's reading of cells.
// - A shutdown ends the process, at once, once tslab has closed its sockets: tslab only closed them,
//   and a cell's timers and promises ran on in a process without them, whose addresses were free
//   for the cell to bind as a kernel of its own, with the key it may read under nbgrader (and a
//   peer's shutdown_request is the one request another peer may send). The kernel managers do not
//   wait for the reply; they wait for the process to end.
"use strict";
const crypto = require("crypto");
const { boundedMessage } = require("./bounded-messages.cjs");

/** `frames` within the size a message may have; as they are when they cannot be read. */
function bounded(frames, key) {
  try {
    return boundedMessage(frames, key);
  } catch {
    return frames;
  }
}

/** The exit code of a kernel that could not open its sockets (EX_UNAVAILABLE in sysexits.h). */
const SOCKETS_UNAVAILABLE = 69;

/** @param {{ transport: string, ip: string }} connection @param {number} port */
function socketAddress({ transport, ip }, port) {
  return transport === "ipc" ? `ipc://${ip}-${port}` : `${transport}://${ip}:${port}`;
}

function describe(error) {
  if (error && typeof error === "object") {
    const parts = [error.code, error.address, error.message].filter((part) => typeof part === "string" && part !== "");
    if (parts.length > 0) return [...new Set(parts)].join(" ");
  }
  return String(error);
}

/**
 * The socket, but a send that fails because the socket has been closed meanwhile is dropped;
 * any other failure stays. (zeromq's sockets are not extensible: a view, not a patch.)
 */
function droppingSendsAfterClose(socket) {
  // zeromq refuses a send on a closed socket at once or, when it closes during the send, later
  const sendUnlessClosed = async (...args) => {
    try {
      return await socket.send(...args);
    } catch (error) {
      if (!socket.closed) throw error;
    }
  };
  return new Proxy(socket, {
    get(target, key) {
      if (key === "send") return sendUnlessClosed;
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The kernel process's own stderr, taken before tslab sends each cell's stderr to the notebook. */
const kernelLog = process.stderr.write.bind(process.stderr);

/** What separates a message's routing frames from its signed parts (the Jupyter wire protocol). */
const DELIMITER = Buffer.from("<IDS|MSG>");
const createHmac = crypto.createHmac;

/** Where a message's routing frames end: the index of "<IDS|MSG>" among `frames`, or -1. */
const delimiterAt = (frames) => frames.findIndex((frame) => Buffer.isBuffer(frame) && frame.equals(DELIMITER));

/** A message in the frames tslab sends ([identities…, "<IDS|MSG>", signature, header, parent, metadata, content]), read; null for any other shape. */
function readMessage(frames) {
  if (!Array.isArray(frames)) return null;
  const at = delimiterAt(frames);
  if (at < 0 || frames.length !== at + 6) return null;
  const [header, parent, metadata, content] = frames.slice(at + 2).map(String);
  try {
    return { frames, at, header, parent, metadata, type: JSON.parse(header).msg_type, content: JSON.parse(content) };
  } catch {
    return null;
  }
}

/** The longest text a stream message gets by merging. */
const MERGED_TEXT = 2 ** 20;

/** Whether `a` and `b` answer the same request, to the same client. */
function sameRequest(a, b) {
  return a.parent === b.parent && a.at === b.at && a.frames.slice(0, a.at).every((frame, i) => Buffer.from(frame).equals(Buffer.from(b.frames[i])));
}

const isStream = (message) => message !== null && message.type === "stream" && typeof message.content.name === "string" && typeof message.content.text === "string";
const displayOf = (message) => message !== null && message.type === "update_display_data" && message.content.transient ? message.content.transient.display_id : undefined;

/** A stream message of `message`'s request with `text` instead of its own, signed with the kernel's key as tslab signs. */
function withText(message, text, key) {
  const parts = [message.header, message.parent, message.metadata, JSON.stringify({ name: message.content.name, text })];
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return [...message.frames.slice(0, message.at + 1), hmac.digest("hex"), ...parts];
}

/**
 * The messages to send for `first` and those after it in `waiting` that say the same in fewer
 * (taken out of `waiting`): of a run of stream messages of one request, one per stream (stdout,
 * stderr), each up to MERGED_TEXT of text, as ipykernel's buffered streams send them; of a run of
 * updates of one display, the last.
 */
function takeMerged(first, waiting, key) {
  const message = readMessage(first);
  const display = displayOf(message);
  if (display !== undefined) {
    let last = first;
    while (waiting.length > 0) {
      const next = readMessage(waiting[0]);
      if (displayOf(next) !== display || !sameRequest(message, next)) break;
      last = waiting.shift();
    }
    return [last];
  }
  if (!isStream(message)) return [first];
  const streams = new Map([[message.content.name, { message, texts: [message.content.text], length: message.content.text.length }]]);
  while (waiting.length > 0) {
    const next = readMessage(waiting[0]);
    if (!isStream(next) || !sameRequest(message, next)) break;
    const stream = streams.get(next.content.name);
    if (stream === undefined) {
      streams.set(next.content.name, { message: next, texts: [next.content.text], length: next.content.text.length });
    } else {
      if (stream.length + next.content.text.length > MERGED_TEXT) break;
      stream.texts.push(next.content.text);
      stream.length += next.content.text.length;
    }
    waiting.shift();
  }
  return [...streams.values()].map(({ message: piece, texts }) => (texts.length === 1 ? piece.frames : withText(piece, texts.join(""), key)));
}

/**
 * The socket, but a send zeromq refuses as busy waits, with every later one behind it, in order,
 * and what waits is merged. zeromq takes about 500 sends in a row at once, then delays one and
 * accepts one send in progress at a time and throws EBUSY at the next, which tslab
 * (sending each output as it comes, unawaited) did not expect: a cell printing lines in a loop
 * lost many, its stderr among them, and a message that failed after the cell (its error, its
 * reply, the status "idle") left the client waiting until its time limit. And a client reads each
 * message on its own: nbclient (nbgrader's executor) took 16 s over 20,000 lines printed one by
 * one, and waits 4 s after the reply for the status "idle" behind them ("Timeout waiting for IOPub
 * output", which failed the whole notebook under `nbgrader autograde`). So the messages that wait
 * together go as few (takeMerged). While nothing waits, a send goes at once. zeromq also refuses
 * every send with EBUSY while the socket binds: what is sent then waits for the bind the same way.
 */
function oneSendAtATime(socket, key) {
  const report = (error) => {
    // a send refused at once or later: the next ones still go
    if (!socket.closed) kernelLog(`tslab: a message could not be sent (${describe(error)})\n`);
  };
  const waiting = [];
  let drainWaiters = [];
  let lastSend = Promise.resolve();
  // whether lastSend, handed to zeromq from here, has not settled yet
  let inFlight = false;
  let retry = null;
  /**
   * Hands `frames` to zeromq; false when it refuses them as busy (EBUSY): with a send it delayed,
   * or while the socket binds ("blocked by a bind or unbind operation").
   */
  const handOver = (frames) => {
    try {
      const sending = socket.send(frames);
      lastSend = sending;
      inFlight = true;
      // before any flush chained on it (scheduleFlush), which then sees it settled
      const settled = () => {
        if (lastSend === sending) inFlight = false;
      };
      sending.then(settled, (error) => {
        settled();
        report(error);
      });
      return true;
    } catch (error) {
      if (error && error.code === "EBUSY") return false;
      report(error);
      return true;
    }
  };
  const merged = (first) => {
    try {
      return takeMerged(first, waiting, key);
    } catch {
      return [first];
    }
  };
  const flush = () => {
    if (retry !== null) clearTimeout(retry);
    retry = null;
    while (waiting.length > 0) {
      const batch = merged(waiting.shift());
      const refused = batch.findIndex((frames) => !handOver(frames));
      if (refused !== -1) {
        waiting.unshift(...batch.slice(refused));
        scheduleFlush();
        return;
      }
    }
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const resolve of waiters) resolve();
  };
  // zeromq finishes a delayed send as the event loop turns: try again when it says so, and on a
  // timer too, which an interrupt that ends a cell's code midway cannot lose as it can a
  // promise's continuation (a queue left waiting on one stalled every later output). A refusal
  // that no send of ours explains (none in flight: the socket still binds, as it does when a
  // request reaches the shell socket, bound first, before IOPub's bind has finished) is tried
  // again on the timer only. Chained on a send already settled, the retry ran as a microtask at
  // once, was refused again and chained again, never letting the event loop turn, which is where
  // zeromq finishes a bind: the kernel spun at full CPU and never answered (nbgrader's "Kernel
  // didn't respond in 120 seconds").
  const scheduleFlush = () => {
    if (retry !== null) return;
    retry = setTimeout(flush, 5);
    if (inFlight) lastSend.then(flush, flush);
  };
  const send = (whole) => {
    const frames = bounded(whole, key);
    // at once while nothing waits: a cell that prints and then computes without awaiting shows
    // what it printed while it runs
    if (waiting.length === 0 && handOver(frames)) return Promise.resolve();
    waiting.push(frames);
    scheduleFlush();
    return new Promise((resolve) => drainWaiters.push(resolve));
  };
  const queued = new Proxy(socket, {
    get(target, key) {
      if (key === "send") return send;
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  // null when nothing waits, else a promise that what waits now has been handed to zeromq
  outputsWaiting.set(queued, () => (waiting.length === 0 ? null : new Promise((resolve) => drainWaiters.push(resolve))));
  return queued;
}

/** For each output queue (oneSendAtATime): null when no output waits, else a promise that the outputs waiting now have gone. */
const outputsWaiting = new WeakMap();

/**
 * The shell socket, but a reply goes once the outputs queued before it have been sent: a cell
 * printing thousands of lines left its reply far ahead of its outputs, and nbclient (nbgrader's
 * executor) waits only 4 s after a reply for the status "idle" that follows them ("Timeout
 * waiting for IOPub output"), which failed the whole notebook under `nbgrader autograde`.
 * `queue()` is the server's output queue when the reply is sent. A reply behind no output goes at once.
 */
function repliesAfterOutputs(socket, queue, key) {
  const send = (whole) => {
    const frames = bounded(whole, key);
    const waiting = outputsWaiting.get(queue())?.();
    return waiting ? waiting.then(() => socket.send(frames)) : socket.send(frames);
  };
  return new Proxy(socket, {
    get(target, key) {
      if (key === "send") return send;
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const timingSafeEqual = crypto.timingSafeEqual;

/**
 * Whether `frames`, as a socket of the kernel received them, carry the signature that `key` gives
 * their parts, as tslab signs and checks them (every part after the signature); compared in constant time.
 */
function signedWith(frames, key) {
  const at = delimiterAt(frames);
  if (at < 0 || frames.length < at + 2) return false;
  const hmac = createHmac("sha256", key);
  for (const part of frames.slice(at + 2)) hmac.update(part);
  const wanted = Buffer.from(hmac.digest("hex"));
  const given = Buffer.from(frames[at + 1]);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Whether requests are taken from one client only (read once, before any cell runs). */
const ONE_CLIENT = process.env.NEURAL_MI_KERNEL_ONE_CLIENT === "1";

/** The routing frames of a message as ROUTER received it (before "<IDS|MSG>"), as one string; null for another shape. */
function routingOf(frames) {
  const at = delimiterAt(frames);
  if (at < 1) return null;
  return frames.slice(0, at).map((frame) => Buffer.from(frame).toString("hex")).join(".");
}

/** The type of a message's header, or null when it cannot be read. */
function typeOf(frames) {
  const at = delimiterAt(frames);
  try {
    return at < 0 ? null : JSON.parse(String(frames[at + 2])).msg_type;
  } catch {
    return null;
  }
}

/** node's own exit, without exit handlers, taken before any cell runs (a cell may replace process.exit and process.reallyExit). */
const exitNow = typeof process.reallyExit === "function" ? process.reallyExit.bind(process) : process.exit.bind(process);

/** @param {{ prototype: { bindSocket: Function, init: Function, handleShellMessage: Function, close?: Function } }} ZmqServer tslab's server class */
function openSocketsAsAsked(ZmqServer) {
  const init = ZmqServer.prototype.init;
  const close = ZmqServer.prototype.close;
  if (typeof close === "function") {
    ZmqServer.prototype.close = function closeAndEnd(...args) {
      try {
        close.apply(this, args);
      } finally {
        exitNow(0);
      }
    };
  }
  if (ONE_CLIENT) {
    const handleShellMessage = ZmqServer.prototype.handleShellMessage;
    let client = null;
    ZmqServer.prototype.handleShellMessage = function fromTheClientOnly(socket, ...frames) {
      const from = routingOf(frames);
      if (client === null && from !== null && socket === this.shell) client = from;
      if (from === null || from !== client) {
        if (!(socket === this.control && typeOf(frames) === "shutdown_request")) {
          kernelLog(`tslab: a ${String(typeOf(frames)).slice(0, 40)} from a peer other than the kernel's client was dropped\n`);
          return undefined;
        }
      }
      return handleShellMessage.call(this, socket, ...frames);
    };
  }
  // first of all: tslab's own check told the sender the signature it wanted
  const handleAnyPeer = ZmqServer.prototype.handleShellMessage;
  ZmqServer.prototype.handleShellMessage = function signedOnly(socket, ...frames) {
    if (!signedWith(frames, this.connInfo.key)) {
      kernelLog("tslab: a message not signed with the kernel's key was dropped\n");
      return undefined;
    }
    return handleAnyPeer.call(this, socket, ...frames);
  };
  ZmqServer.prototype.bindSocket = async function bindSocket(socket, port) {
    // tslab's heartbeat loop reads this.hb at each answer
    if (socket === this.hb) this.hb = droppingSendsAfterClose(socket);
    // tslab reads this.iopub at each output; they queue however many (no high-water mark: past
    // 1000 waiting, a publisher drops what it sends)
    if (socket === this.iopub) {
      socket.sendHighWaterMark = 0;
      this.iopub = oneSendAtATime(socket, this.connInfo.key);
    }
    // tslab reads this.shell at each request, and replies on it
    if (socket === this.shell) this.shell = repliesAfterOutputs(socket, () => this.iopub, this.connInfo.key);
    await socket.bind(socketAddress(this.connInfo, port));
  };
  ZmqServer.prototype.init = async function initOrEnd() {
    try {
      await init.call(this);
    } catch (error) {
      const why = error && error.code === "EADDRINUSE" ? "another process took one of the ports its client chose; " : "";
      process.stderr.write(`tslab: the kernel could not open its sockets (${describe(error)}): ${why}start the kernel again.\n`);
      process.exit(SOCKETS_UNAVAILABLE);
    }
  };
}

module.exports = { openSocketsAsAsked, socketAddress, SOCKETS_UNAVAILABLE };
