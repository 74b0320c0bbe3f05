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
//   is in progress, and a cell printing in a loop lost most of its lines.
// - A heartbeat answered as the kernel shuts down is dropped: tslab does not wait for the
//   answer's send, which fails on the closed socket, and TensorFlow.js's WebAssembly module
//   turns that unhandled rejection into a crash with a bare `{ errno: 9, code: 'EBADF' }`.
"use strict";

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

/**
 * The socket, but its sends go one after another:
 * zeromq accepts one send in progress at a time and throws EBUSY at the next, which tslab
 * (sending each output as it comes, unawaited) did not expect: a cell printing lines in a loop
 * lost many, its stderr among them, and a message that failed after the cell (its error, its
 * reply, the status "idle") left the client waiting until its time limit.
 * A send goes out at once when zeromq can take it (it takes about 500 in a row without the event
 * loop turning): a cell that prints and then computes without awaiting shows what it printed
 * while it runs. Only a send zeromq refuses as busy waits, and every later one waits behind it,
 * in order, until the event loop lets the waiting send finish.
 */
function oneSendAtATime(socket) {
  const report = (error) => {
    // a send refused at once or later: the next ones still go
    if (!socket.closed) kernelLog(`tslab: a message could not be sent (${describe(error)})\n`);
  };
  let last = Promise.resolve();
  let waiting = 0;
  const send = (...args) => {
    if (waiting === 0) {
      try {
        last = socket.send(...args).then(undefined, report);
        return last;
      } catch (error) {
        if (!error || error.code !== "EBUSY") {
          report(error);
          return Promise.resolve();
        }
      }
    }
    waiting += 1;
    last = last
      .then(() => socket.send(...args))
      .then(undefined, report)
      .finally(() => {
        waiting -= 1;
      });
    return last;
  };
  return new Proxy(socket, {
    get(target, key) {
      if (key === "send") return send;
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** @param {{ prototype: { bindSocket: Function, init: Function } }} ZmqServer tslab's server class */
function openSocketsAsAsked(ZmqServer) {
  const init = ZmqServer.prototype.init;
  ZmqServer.prototype.bindSocket = async function bindSocket(socket, port) {
    // tslab's heartbeat loop reads this.hb at each answer
    if (socket === this.hb) this.hb = droppingSendsAfterClose(socket);
    // tslab reads this.iopub at each output; they queue however many (no high-water mark: past
    // 1000 waiting, a publisher drops what it sends)
    if (socket === this.iopub) {
      socket.sendHighWaterMark = 0;
      this.iopub = oneSendAtATime(socket);
    }
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
