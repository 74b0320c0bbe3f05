// A cell works on the file descriptors it opened, not on the kernel's. node's permission model
// checks paths, never descriptors: a cell could close, read, write, truncate or stat any descriptor
// of its process, among them the kernel's zeromq connections (raw frames read off nbclient's
// shell connection, before the kernel's own reader; frames written into the graders' channels).
//
// A descriptor counts as the kernel's JavaScript's own when `fs.open`, `fs.openSync` or
// `fs.promises.open` returned it and it still names the same file (its device and inode, so a
// number closed and reused by the kernel is not). The standard three (node's stdio, which a cell
// may write to: the runner keeps and reports it) may be read and written but not closed, which
// would hand their numbers to the kernel's next socket, nor truncated or changed. Everything that takes a descriptor from a cell asks:
// fs's functions (and through them its streams), a FileHandle's descriptor, and the handles that
// adopt one as a socket (net's pipes and TCP, dgram, tty).
"use strict";

const REFUSED_DESCRIPTOR =
  "is not a file descriptor this notebook opened: the course's kernel lets a cell work only on the files it opened itself " +
  "(fs.open, fs.openSync or fs.promises.open), not on the kernel's own connections";

const STANDARD = new Set([0, 1, 2]);

// what a cell may not do to the standard three, which may be a file of the grader's (nbgrader's log)
const CHANGING = new Set(["ftruncate", "fchmod", "fchown", "futimes"]);

// fs's functions whose first argument is a descriptor, or may be (the *File functions)
const DESCRIPTOR_FIRST = [
  "close", "fstat", "ftruncate", "fsync", "fdatasync", "fchmod", "fchown", "futimes", "read", "readv", "write", "writev",
  "readFile", "writeFile", "appendFile",
];

/** The descriptor the kernel's launcher hands the connection through (grading sandbox): read once. */
let connection = null;
let installed = false;

/**
 * Names, before the kernel is hardened, the inherited descriptor tslab reads its connection from
 * (`fs.readFileSync(fd)`, once, as it starts); it is closed once read.
 */
function connectionThrough(fd) {
  if (installed) throw new Error("the kernel's connection descriptor is named before the kernel is hardened, not after");
  connection = fd;
}

function refused(what, fd) {
  const error = new Error(`${what}(${fd}) ${REFUSED_DESCRIPTOR}`);
  error.code = "EBADF";
  return error;
}

function descriptorsOnlyOwn() {
  if (installed) return;
  installed = true;
  const fs = require("fs");
  const fstat = fs.fstatSync;
  const identity = (fd) => {
    const stats = fstat(fd);
    return `${stats.dev}:${stats.ino}`;
  };
  /** descriptor → the file it named when opened */
  const own = new Map();
  const remember = (fd) => {
    if (typeof fd === "number") own.set(fd, identity(fd));
    return fd;
  };
  const isOwn = (fd) => {
    const opened = own.get(fd);
    if (opened === undefined) return false;
    let now;
    try {
      now = identity(fd);
    } catch {
      now = undefined;
    }
    if (now === opened) return true;
    own.delete(fd);
    return false;
  };
  /** throws unless `fd` is a descriptor the cells may use for `what` */
  const check = (what, fd, { changing = false } = {}) => {
    if (typeof fd !== "number" || !Number.isInteger(fd)) return;
    if (STANDARD.has(fd) ? changing : !isOwn(fd)) throw refused(what, fd);
  };
  const pin = (object, name, value) => {
    // what util.promisify reads on the original (fs.read's and fs.write's named results)
    for (const key of Object.getOwnPropertySymbols(object[name])) Object.defineProperty(value, key, Object.getOwnPropertyDescriptor(object[name], key));
    Object.defineProperty(object, name, { value, writable: false, configurable: false, enumerable: true });
  };

  const closeSync = fs.closeSync;
  const openSync = fs.openSync;
  pin(fs, "openSync", function openSync_(...args) {
    return remember(Reflect.apply(openSync, this, args));
  });
  const open = fs.open;
  pin(fs, "open", function open_(...args) {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = function opened(error, fd) {
        if (!error) remember(fd);
        return Reflect.apply(callback, this, arguments);
      };
    }
    return Reflect.apply(open, this, args);
  });
  for (const base of DESCRIPTOR_FIRST) {
    for (const name of [base, `${base}Sync`]) {
      const original = fs[name];
      if (typeof original !== "function") continue;
      const closing = base === "close";
      const changing = closing || CHANGING.has(base);
      const connectionRead = name === "readFileSync";
      pin(fs, name, function guarded(fd, ...rest) {
        if (connectionRead && fd === connection && connection !== null) {
          connection = null;
          try {
            return Reflect.apply(original, this, [fd, ...rest]);
          } finally {
            closeSync(fd);
          }
        }
        check(`fs.${name}`, fd, { changing });
        const result = Reflect.apply(original, this, [fd, ...rest]);
        if (closing && name === "closeSync") own.delete(fd);
        return result;
      });
    }
  }
  // a stream on a descriptor reads and writes through the functions above; refused at once here
  for (const name of ["createReadStream", "createWriteStream"]) {
    const original = fs[name];
    pin(fs, name, function streamOnOwn(file, options) {
      if (options && typeof options === "object") check(`fs.${name}`, options.fd, { changing: options.autoClose !== false });
      return Reflect.apply(original, this, [file, options]);
    });
  }
  guardFileHandles(fs, remember, check, pin);
  guardSocketHandles(check);
  guardTerminals(check);
  return { isOwn };
}

/**
 * `fs.promises.open`'s handles: their class, reached through one, makes a handle of any object
 * (`new FileHandle({ fd: 37 })`, whose read, write, stat and truncate then work on the kernel's
 * descriptor 37), and node's own handle inside, reached alike, of any number. Its `fd`, which each
 * of its operations reads, is now the descriptor only when node's own handle inside holds that
 * descriptor, and that handle is made only of a descriptor the cells opened. Guarded when the first handle is made, before
 * any cell sees one (open is the one way a FileHandle reaches a cell).
 */
function guardFileHandles(fs, remember, check, pin) {
  const promises = fs.promises;
  const open = promises.open;
  let guarded = false;
  const guard = (handle) => {
    const proto = Object.getPrototypeOf(handle);
    const symbols = Object.getOwnPropertySymbols(handle);
    const kHandle = symbols.find((symbol) => symbol.description === "kHandle");
    const fdGetter = Object.getOwnPropertyDescriptor(proto, "fd").get;
    const native = handle[kHandle];
    const nativeProto = Object.getPrototypeOf(native);
    const nativeFd = Object.getOwnPropertyDescriptor(nativeProto, "fd").get;
    // node's own handle class, reached as its instances' constructor, wraps any number it is given
    const Native = nativeProto.constructor;
    function OwnNativeHandle(fd, ...rest) {
      check("a FileHandle's handle", fd);
      return Reflect.construct(Native, [fd, ...rest], new.target === OwnNativeHandle || new.target === undefined ? Native : new.target);
    }
    OwnNativeHandle.prototype = nativeProto;
    Object.defineProperty(nativeProto, "constructor", { value: OwnNativeHandle, writable: false, configurable: false, enumerable: false });
    Object.defineProperty(proto, "fd", {
      get() {
        const fd = fdGetter.call(this);
        if (fd === -1) return fd;
        let held;
        try {
          held = nativeFd.call(this[kHandle]);
        } catch {
          held = undefined;
        }
        if (held !== fd) throw refused("a FileHandle's fd", fd);
        return fd;
      },
      configurable: false,
      enumerable: false,
    });
    guarded = true;
  };
  pin(promises, "open", async function openHandle(...args) {
    const handle = await Reflect.apply(open, this, args);
    if (!guarded) guard(handle);
    remember(handle.fd);
    return handle;
  });
}

/**
 * net's pipes and TCP sockets and dgram's sockets adopt a descriptor through their handle's `open`
 * (`new net.Socket({ fd })`, `server.listen({ fd })`, `socket.bind({ fd })`, or the handle's own
 * class reached through any socket's `_handle`). Each class is reached once through a socket made
 * and closed here.
 */
function guardSocketHandles(check) {
  const net = require("net");
  const dgram = require("dgram");
  const prototypes = [];
  for (const address of ["/nonexistent/neural-mi-descriptors", { port: 9, host: "127.0.0.1" }]) {
    const socket = new net.Socket();
    socket.on("error", () => {});
    socket.connect(address);
    prototypes.push(Object.getPrototypeOf(socket._handle));
    socket.destroy();
  }
  const udp = dgram.createSocket("udp4");
  const state = Object.getOwnPropertySymbols(udp).map((symbol) => udp[symbol]).find((value) => value && typeof value === "object" && value.handle);
  prototypes.push(Object.getPrototypeOf(state.handle));
  udp.close();
  for (const proto of prototypes) {
    const open = proto.open;
    const name = proto.constructor.name;
    Object.defineProperty(proto, "open", {
      value: function openOwn(fd) {
        check(`${name}.open`, fd);
        return Reflect.apply(open, this, arguments);
      },
      writable: false,
      configurable: false,
      enumerable: true,
    });
  }
}

/** tty's streams open any descriptor that is not a file (a socket too) as a terminal's. */
function guardTerminals(check) {
  const tty = require("tty");
  for (const name of ["ReadStream", "WriteStream"]) {
    const Original = tty[name];
    function OwnTerminal(fd, options) {
      check(`tty.${name}`, fd);
      return new.target ? Reflect.construct(Original, [fd, options], new.target === OwnTerminal ? Original : new.target) : Original(fd, options);
    }
    OwnTerminal.prototype = Original.prototype;
    Object.defineProperty(Original.prototype, "constructor", { value: OwnTerminal, writable: false, configurable: false, enumerable: false });
    Object.defineProperty(tty, name, { value: OwnTerminal, writable: false, configurable: false, enumerable: true });
  }
  // what refused the terminals' own class is the handle it wraps, which a cell could reach only
  // through a terminal's stream: none in a graded kernel (its stdio are pipes)
}

module.exports = { descriptorsOnlyOwn, connectionThrough, REFUSED_DESCRIPTOR };
