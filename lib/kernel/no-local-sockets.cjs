"use strict";
// A cell cannot connect to a Unix socket (a path, or Linux's abstract names). node's permission
// model checks the files a kernel reads and writes, never what it connects to, and the services
// listening on such sockets take their client's user id as its credential: the session bus of
// systemd (which starts any command as that user), an ssh agent, docker's socket. Under
// `nbgrader autograde`, and under `npm run autograde` on the same-user path, the kernel runs as
// the grader, so a cell connected to them as the instructor (a notebook graded by nbgrader connected
// to a socket of the grader's in /tmp). The kernel's own sockets are zeromq's, opened natively;
// nothing of the course connects to a path. TCP stays as it was (autograder/README.md).
const REFUSED_LOCAL_SOCKET =
  "is refused in the course's kernel: a Unix socket's service (the session bus, an ssh agent, docker) takes the kernel's user for its client";

/** Whether `net.Socket.prototype.connect`'s arguments name a path, as node's own normalizeArgs reads them. */
function namesPath(args) {
  // net.connect hands the socket the array it normalized
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "string") return !(Number(first) >= 0);
  if (first !== null && typeof first === "object") return first.path !== undefined && first.path !== null;
  return false;
}

function noLocalSockets() {
  const net = require("net");
  const connect = net.Socket.prototype.connect;
  Object.defineProperty(net.Socket.prototype, "connect", {
    value: function connectOverTcpOnly(...args) {
      if (namesPath(args)) throw new Error(`connecting to a Unix socket ${REFUSED_LOCAL_SOCKET}`);
      return Reflect.apply(connect, this, args);
    },
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

module.exports = { noLocalSockets, REFUSED_LOCAL_SOCKET };
