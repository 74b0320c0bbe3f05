// Hardens the kernel's JavaScript realm before the first cell runs, so that a cell
// cannot change what later cells (the course's tests) compute with or what the kernel
// reports. Loaded first by every way the course's kernel starts (`node -r` in the
// JupyterLab/nbgrader kernel, required by the grading sandbox's launcher).
//
// 1. Loads everything tests rely on: tslab (protocol, compiler), TensorFlow.js and its
//    backends, neural-mi.
// 2. Hardened JavaScript's lockdown() (the `ses` package) freezes the intrinsics:
//    Object, Array, Function, Promise, JSON, Math, Error... and their prototypes.
// 3. The global bindings of those intrinsics (and of node's globals) become read-only,
//    which lockdown leaves alone in the start realm.
// 4. The exports of the loaded packages are frozen, with the prototypes of the
//    classes they export and the plain namespace objects they hold; the module cache
//    entries of those packages and node's module loader cannot be replaced.
//
// What it deliberately does not freeze (engine state that changes while the kernel
// runs: tf.ENV, the backends, the engine's registries; instances in general) and what
// no in-process measure can guarantee is in autograder/README.md ("Tests that see the truth").
"use strict";
const Module = require("module");
const path = require("path");

const PRELOAD = [
  "tslab/dist/main.js",
  "tslab",
  "@tslab/typescript-for-tslab",
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-backend-cpu",
  "@tensorflow/tfjs-backend-wasm",
  "zeromq",
  "neural-mi",
];

// Packages whose loaded modules are frozen: the kernel's protocol and compiler, the
// library and what it computes with.
const FROZEN_PACKAGES = /[\\/]node_modules[\\/](tslab|@tslab[\\/]typescript-for-tslab|@tensorflow[\\/][^\\/]+|zeromq|neural-mi)[\\/]|[\\/]lib[\\/]dist[\\/]/;

// Of those, the ones whose exported objects hold no state that changes: frozen whole.
const FROZEN_WHOLE = /[\\/]node_modules[\\/](tslab|neural-mi)[\\/]|[\\/]lib[\\/]dist[\\/]/;

const LOCKDOWN_OPTIONS = {
  // stacks stay as V8 writes them: tracebacks show the student's frames
  errorTaming: "unsafe",
  stackFiltering: "verbose",
  // libraries assign to instances properties that the frozen prototypes also have
  // (toString, constructor, name): "severe" keeps those assignments working
  overrideTaming: "severe",
  // tslab routes the cell's console output through process.stdout
  consoleTaming: "unsafe",
  // tslab runs cells with vm.runInThisContext; eval stays what it is
  evalTaming: "unsafe-eval",
  localeTaming: "unsafe",
  domainTaming: "unsafe",
  // tslab reports uncaught exceptions and unhandled rejections itself
  errorTrapping: "none",
  unhandledRejectionTrapping: "none",
};

function resolveFrom(base, request) {
  return require.resolve(request, { paths: [base] });
}

/** Loads PRELOAD from the kernel's packages (those next to this library). */
function preload(base) {
  for (const request of PRELOAD) {
    try {
      require(resolveFrom(base, request));
    } catch (error) {
      // The wasm or cpu backend may be absent from an installation; the rest may not.
      if (!request.startsWith("@tensorflow/tfjs-backend-")) throw error;
    }
  }
}

/** Globals stay what they are: a cell cannot put its own JSON, Math or Promise there. */
function lockGlobals() {
  for (const key of Reflect.ownKeys(globalThis)) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
    if (!descriptor || !descriptor.configurable) continue;
    if ("value" in descriptor) {
      Object.defineProperty(globalThis, key, { value: descriptor.value, writable: false, configurable: false, enumerable: descriptor.enumerable });
    } else if (!descriptor.set) {
      Object.defineProperty(globalThis, key, { get: descriptor.get, configurable: false, enumerable: descriptor.enumerable });
    } else {
      // node's lazily loaded globals (process, Buffer, fetch...): read them once
      const value = descriptor.get.call(globalThis);
      Object.defineProperty(globalThis, key, { value, writable: false, configurable: false, enumerable: descriptor.enumerable });
    }
  }
}

/**
 * Makes a prototype's own data properties read-only without breaking code that assigns
 * a property of the same name to an instance (the "override mistake"): each becomes an
 * accessor whose setter defines the property on the instance, as lockdown does for
 * the intrinsics. Then the prototype is frozen.
 */
function freezePrototype(proto, seen, { chain = true } = {}) {
  if (proto === null || typeof proto !== "object" || seen.has(proto) || Object.isFrozen(proto)) return;
  seen.add(proto);
  for (const key of Reflect.ownKeys(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (!descriptor.configurable || !("value" in descriptor)) continue;
    const value = descriptor.value;
    Object.defineProperty(proto, key, {
      configurable: false,
      enumerable: descriptor.enumerable,
      get() {
        return value;
      },
      set(newValue) {
        if (this === proto) throw new TypeError(`${String(key)} of a frozen prototype cannot be changed`);
        Object.defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  Object.freeze(proto);
  if (chain) freezePrototype(Object.getPrototypeOf(proto), seen);
}

/**
 * A class or function exported by a package: its prototype is frozen, and its methods
 * (static functions) become read-only. Its other static data (registries, lazily made
 * singletons) can change as the package works.
 */
function freezeFunction(fn, seen, { whole = false } = {}) {
  if (seen.has(fn)) return;
  seen.add(fn);
  for (const key of Reflect.ownKeys(fn)) {
    const descriptor = Object.getOwnPropertyDescriptor(fn, key);
    if (!descriptor.configurable) continue;
    if (key === "prototype") continue;
    if ("value" in descriptor && typeof descriptor.value === "function") {
      Object.defineProperty(fn, key, { value: descriptor.value, writable: false, configurable: false, enumerable: descriptor.enumerable });
      freezeFunction(descriptor.value, seen, { whole });
    }
  }
  const proto = fn.prototype;
  if (proto && typeof proto === "object") freezePrototype(proto, seen);
  // nothing can be added either (a Symbol.hasInstance that makes instanceof lie)
  if (whole) Object.freeze(fn);
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/**
 * A module's exports: frozen, with the functions it exports (see freezeFunction) and the
 * plain objects it holds (namespaces such as tf.train), recursively. Instances of classes
 * (tf.ENV, the engine, the backends) are left alone: they hold state that changes. With
 * `instances` (tslab's and neural-mi's modules, which keep no such state in what they
 * export) instances and functions are frozen whole too.
 */
function freezeExports(value, seen, { instances = false } = {}) {
  if (typeof value === "function") {
    freezeFunction(value, seen, { whole: instances });
    return;
  }
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  const instance = !isPlainObject(value) && value[Symbol.toStringTag] !== "Module";
  seen.add(value);
  if (instance && !instances) return;
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if ("value" in descriptor) freezeExports(descriptor.value, seen, { instances });
  }
  Object.freeze(value);
  if (instance) freezePrototype(Object.getPrototypeOf(value), seen);
}

/** Node's module loader: no cell can swap how `require` finds or caches modules. */
function lockModuleLoader(seen) {
  Object.freeze(Module._extensions);
  for (const key of Reflect.ownKeys(Module)) {
    const descriptor = Object.getOwnPropertyDescriptor(Module, key);
    if (!descriptor.configurable || key === "prototype") continue;
    if ("value" in descriptor) Object.defineProperty(Module, key, { value: descriptor.value, writable: false, configurable: false, enumerable: descriptor.enumerable });
  }
  freezePrototype(Module.prototype, seen);
}

/** The cache entries of the frozen packages stay, with their exports. */
function lockCacheEntries(seen) {
  const cache = Module._cache;
  // TensorFlow.js first: its engine state, also reachable through neural-mi's `tf`, is
  // then known as left alone before neural-mi's own objects are frozen whole
  // (modules still loading, this one among them, are left: node marks them loaded later)
  const keys = Object.keys(cache).filter((key) => FROZEN_PACKAGES.test(key) && cache[key].loaded);
  const ordered = [...keys.filter((key) => !FROZEN_WHOLE.test(key)), ...keys.filter((key) => FROZEN_WHOLE.test(key))];
  for (const key of ordered) {
    const loaded = cache[key];
    // tslab's objects (its display, whose bundle sends a test's result) and neural-mi's
    // hold no state that changes: they are frozen whole
    freezeExports(loaded.exports, seen, { instances: FROZEN_WHOLE.test(key) });
    for (const property of ["exports", "loaded", "filename", "id"]) {
      Object.defineProperty(loaded, property, { value: loaded[property], writable: false, configurable: false, enumerable: true });
    }
    Object.defineProperty(cache, key, { value: loaded, writable: false, configurable: false, enumerable: true });
  }
}

/** Node objects the kernel's protocol uses: Buffer (messages) and the EventEmitter behind sockets and streams. */
function freezeNodeProtocolObjects(seen) {
  freezeFunction(Buffer, seen);
  // Hmac's own methods only: above it are node's streams and EventEmitter, which node
  // itself initialises through their prototypes
  freezePrototype(Object.getPrototypeOf(require("crypto").createHmac("sha256", "k")), seen, { chain: false });
  for (const name of ["crypto", "vm", "util", "fs", "path"]) freezeExports(require(name), seen);
}

/**
 * Prototypes that node initialises instances through (EventEmitter.init assigns to
 * them): left unfrozen where exported classes inherit from them.
 */
function nodeInitialisedPrototypes() {
  const stream = require("stream");
  return [require("events").EventEmitter.prototype, ...["Stream", "Readable", "Writable", "Duplex", "Transform"].map((name) => stream[name].prototype)];
}

/**
 * TypeScript's compiler host watches files and folders, among them some above what the
 * grading sandbox may read (a missing node_modules/@types in each parent folder). Node's
 * permission model answers such a watch with ERR_ACCESS_DENIED, thrown synchronously, and
 * tslab would fail the cell (every cell importing a module, when the grading folder is not
 * directly in /tmp). A watch the kernel may not have is one it does not need: it becomes a
 * watcher that never fires.
 */
function tolerateDeniedWatches() {
  const fs = require("fs");
  const { EventEmitter } = require("events");
  const inert = () => Object.assign(new EventEmitter(), { close() {}, ref() { return this; }, unref() { return this; } });
  const allowed = (watcher) =>
    function watchIfAllowed(...args) {
      try {
        return watcher.apply(fs, args);
      } catch (error) {
        if (error && error.code === "ERR_ACCESS_DENIED") return inert();
        throw error;
      }
    };
  fs.watch = allowed(fs.watch);
  fs.watchFile = allowed(fs.watchFile);
}

let hardened = null;

/** Hardens this realm once; returns what it cost. */
function hardenKernel() {
  if (hardened) return hardened;
  const base = path.join(__dirname, "..");
  const started = process.hrtime.bigint();
  tolerateDeniedWatches();
  preload(base);
  const loaded = process.hrtime.bigint();
  require(resolveFrom(base, "ses"));
  // eslint-disable-next-line no-undef
  lockdown(LOCKDOWN_OPTIONS);
  const seen = new WeakSet(nodeInitialisedPrototypes());
  lockGlobals();
  lockModuleLoader(seen);
  freezeNodeProtocolObjects(seen);
  lockCacheEntries(seen);
  const done = process.hrtime.bigint();
  hardened = Object.freeze({ preloadMs: Number(loaded - started) / 1e6, hardenMs: Number(done - loaded) / 1e6 });
  return hardened;
}

module.exports = { hardenKernel };
hardenKernel();
