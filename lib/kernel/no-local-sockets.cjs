"use strict";
// A cell cannot connect to a Unix socket (a path, or Linux's abstract names). node's permission
// model checks the files a kernel reads and writes, never what it connects to, and the services
// listening on such sockets take their client's user id as its credential: the session bus of
// systemd (which starts any command as that user), an ssh agent, docker's socket. Under
// `nbgrader autograde`, and under `npm run autograde` on the same-user path, the kernel runs as
// the grader, so a cell connected to them as the instructor (a notebook graded by nbgrader connected
// to a socket of the grader's in /tmp). The kernel's own sockets are zeromq's, opened natively;
// nothing of the course connects to a path.
//
// A kernel confined by node's permission model (one that runs someone else's notebook: nbgrader's
// autograde, the instructor's Validate or kernel of a submission, `npm run autograde`) reaches no
// network at all: no TCP or UDP, no listening, no name lookup. On the course hub a student's
// submission, run as the instructor, connected to a listener of hers in her terminal and sent it what
// her functions were called with by the hidden tests as the class was graded (and a port it listened
// on, held by the instructor's account, was one the hub would take for the instructor's server).
// A student's own kernel, which runs her code as herself, keeps TCP.
const REFUSED_LOCAL_SOCKET =
  "is refused in the course's kernel: a Unix socket's service (the session bus, an ssh agent, docker) takes the kernel's user for its client";
const REFUSED_NETWORK =
  "is refused in a kernel that grades or checks a notebook: its cells reach no network, which would carry what they see to someone else";

/** Whether this kernel runs confined by node's permission model (the object exists only then), read before any cell. */
const CONFINED = process.permission !== undefined;

function refusal(what) {
  return function refusedNetwork() {
    throw new Error(`${what} ${REFUSED_NETWORK}`);
  };
}

function pin(object, name, value) {
  Object.defineProperty(object, name, { value, writable: false, configurable: false, enumerable: false });
}

/** Under the permission model: no listening, no UDP, no name lookup (connecting: noLocalSockets). */
function noNetworkWhenConfined() {
  if (!CONFINED) return;
  const net = require("net");
  pin(net.Server.prototype, "listen", refusal("listening on a port"));
  const dgram = require("dgram");
  for (const name of ["bind", "connect", "send", "sendto"]) if (name in dgram.Socket.prototype) pin(dgram.Socket.prototype, name, refusal(`a UDP socket's ${name}`));
  const dns = require("dns");
  const lookups = /^(lookup|resolve|reverse)/;
  for (const holder of [dns, dns.promises, dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
    for (const name of Object.getOwnPropertyNames(holder)) {
      if (lookups.test(name) && typeof holder[name] === "function") pin(holder, name, refusal(`dns.${name}`));
    }
  }
}

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
      if (CONFINED) throw new Error(`connecting ${REFUSED_NETWORK}`);
      return Reflect.apply(connect, this, args);
    },
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

module.exports = { CONFINED, noLocalSockets, noNetworkWhenConfined, REFUSED_LOCAL_SOCKET, REFUSED_NETWORK };
