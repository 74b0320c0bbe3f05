// Hardens the kernel's JavaScript realm before the first cell runs, so that a cell
// cannot change what later cells (the course's tests) compute with or what the kernel
// reports. Loaded first by every way the course's kernel starts (`node -r` in the
// JupyterLab/nbgrader kernel, required by the grading sandbox's launcher).
//
// 1. Loads everything tests rely on: tslab (protocol, compiler), TensorFlow.js and its
//    backends, neural-mi; tslab's server opens its sockets as kernel-sockets.cjs says.
//    Then code runs only from the cells (tslab's own compile) and the packages' files:
//    no eval, Function, vm, Compartment or module compiled from other text, and no
//    WebAssembly but TensorFlow.js's backend and the library's kernel (compiled here).
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
const { lockEngine, lockEnvironment, lockBackend, scrubFreedMemory } = require("./tensorflow-state.cjs");
const { openSocketsAsAsked } = require("./kernel-sockets.cjs");
const { hideHiddenCodeInErrors } = require("./hidden-errors.cjs");
const { descriptorsOnlyOwn, REFUSED_DESCRIPTOR } = require("./own-descriptors.cjs");
const { CONFINED, noLocalSockets, noNetworkWhenConfined, REFUSED_NETWORK } = require("./no-local-sockets.cjs");

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

// tslab's TypeScript, whose exports are a bundle's accessors (freezeCompiler)
const COMPILER = /[\\/]node_modules[\\/]@tslab[\\/]typescript-for-tslab[\\/]/;

const LOCKDOWN_OPTIONS = {
  // stacks stay as V8 writes them: tracebacks show the student's frames
  errorTaming: "unsafe",
  stackFiltering: "verbose",
  // libraries assign to instances properties that the frozen prototypes also have
  // (toString, constructor, name): "severe" keeps those assignments working
  overrideTaming: "severe",
  // tslab routes the cell's console output through process.stdout
  consoleTaming: "unsafe",
  // tslab runs cells with its own vm.runInThisContext, taken when it loads; eval and Function
  // throw (codeOnlyFromCells)
  evalTaming: "no-eval",
  localeTaming: "unsafe",
  domainTaming: "unsafe",
  // tslab reports uncaught exceptions and unhandled rejections itself
  errorTrapping: "none",
  unhandledRejectionTrapping: "none",
};

function resolveFrom(base, request) {
  return require.resolve(request, { paths: [base] });
}

/** Loads PRELOAD from the kernel's packages (those next to this library); returns where each package resolved. */
function preload(base) {
  const resolved = new Map();
  for (const request of PRELOAD) {
    try {
      const filename = resolveFrom(base, request);
      require(filename);
      if (!request.includes("/") || request.startsWith("@") && request.split("/").length === 2) resolved.set(request, filename);
    } catch (error) {
      // The wasm or cpu backend may be absent from an installation; the rest may not.
      if (!request.startsWith("@tensorflow/tfjs-backend-")) throw error;
    }
  }
  return resolved;
}

/**
 * `import ... from "neural-mi"` (or tslab, TensorFlow.js) always means the preloaded package,
 * whatever folder asks: otherwise a notebook could write node_modules/neural-mi or a
 * package.json naming itself "neural-mi" into its working folder, clear node's path
 * cache, and hand a test its own references.
 */
function pinPackageResolution(resolved) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolvePreloaded(request, ...rest) {
    const filename = typeof request === "string" ? resolved.get(request) : undefined;
    return filename !== undefined ? filename : resolve.call(this, request, ...rest);
  };
}

/**
 * TypeScript's resolution of the same names is pinned to the same packages (tslab's converter,
 * `pinPackages`): typings a cell writes as node_modules/neural-mi (or @tensorflow/tfjs-core…) into
 * its folder or one above are not what later cells, the tests among them, are compiled against.
 * Before tslab is frozen.
 */
function pinPackageTypes(base, resolved) {
  const fs = require("fs");
  const folders = new Map();
  for (const [name, filename] of resolved) {
    for (let dir = path.dirname(filename); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
      const manifest = path.join(dir, "package.json");
      if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === name) {
        folders.set(name, sameCopyFromHere(fs, name, manifest) ?? dir);
        break;
      }
    }
  }
  require(resolveFrom(base, "tslab/dist/converter.js")).pinPackages(folders);
}

/**
 * The folder of package `name` that TypeScript finds from the kernel's starting folder, when its
 * package.json is the installed one's own file (the same inode: a link, or nbgrader's course copy made
 * of hard links), or undefined. nbgrader's confined kernel reads the packages' types only in that copy
 * (autograder/src/nbgrader/confined_kernels.py): pinned to the installation, whose node_modules it may not
 * list, the library's typings lost TensorFlow.js's and a test's `got instanceof tf.Tensor` narrowed nothing.
 * A copy of other files (a cell's, a submission's) is never taken.
 */
function sameCopyFromHere(fs, name, installedManifest) {
  let installed;
  try {
    installed = fs.statSync(installedManifest);
  } catch {
    return undefined;
  }
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const folder = path.join(dir, "node_modules", name);
    try {
      const found = fs.statSync(path.join(folder, "package.json"));
      // another copy nearer (one an earlier notebook's kernel wrote into the folder) is passed over, not taken
      if (found.ino === installed.ino && found.dev === installed.dev) return folder;
    } catch {
      // not here, or not readable: the next folder up
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Node's lazily loaded globals, loaded now. Loading Headers, Request or Response compiles
 * fetch's HTTP parser (WebAssembly): loaded after WebAssembly is restricted, by lockGlobals,
 * the parser was refused (an unhandled rejection on every kernel's stderr, and a fetch that
 * could not connect).
 */
function loadLazyGlobals() {
  for (const key of Reflect.ownKeys(globalThis)) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
    if (descriptor?.get && descriptor.set && descriptor.configurable) descriptor.get.call(globalThis);
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

/** The value behind each accessor that freezePrototype made of a data property. */
const frozenValues = new WeakMap();

/**
 * Makes a prototype's own data properties read-only without breaking code that assigns
 * a property of the same name to an instance (the "override mistake"): each becomes an
 * accessor whose setter defines the property on the instance, as lockdown does for
 * the intrinsics. Then the prototype is frozen.
 */
function freezePrototype(proto, seen, { chain = true } = {}) {
  if (proto === null || typeof proto !== "object" || seen.has(proto) || Object.isFrozen(proto)) return;
  seen.add(proto);
  freezeOverridable(proto);
  if (chain) freezePrototype(Object.getPrototypeOf(proto), seen);
}

/**
 * Freezes an object that others may inherit from, its data properties (with `methodsOnly`, those
 * holding functions, which an heir's own would override) made accessors (freezePrototype).
 */
function freezeOverridable(proto, { methodsOnly = false } = {}) {
  for (const key of Reflect.ownKeys(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (!descriptor.configurable || !("value" in descriptor)) continue;
    if (methodsOnly && typeof descriptor.value !== "function") continue;
    const value = descriptor.value;
    const get = () => value;
    frozenValues.set(get, value);
    Object.defineProperty(proto, key, {
      configurable: false,
      enumerable: descriptor.enumerable,
      get,
      set(newValue) {
        if (this === proto) throw new TypeError(`${String(key)} of a frozen prototype cannot be changed`);
        Object.defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  Object.freeze(proto);
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
function freezeExports(value, seen, { instances = false, accessors = false } = {}) {
  if (typeof value === "function") {
    // a bundle calls its own functions through its bindings, never through the exports
    if (!accessors) freezeFunction(value, seen, { whole: instances });
    return;
  }
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  if (accessors && (value instanceof Map || value instanceof Set)) {
    seen.add(value);
    sealCollection(value, () => {
      throw new TypeError("the compiler's tables cannot be changed once the kernel is hardened");
    });
    return;
  }
  const instance = !isPlainObject(value) && !(accessors && Array.isArray(value)) && value[Symbol.toStringTag] !== "Module";
  seen.add(value);
  if (instance && !instances) return;
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if ("value" in descriptor) freezeExports(descriptor.value, seen, { instances, accessors });
    else if (accessors && descriptor.get) freezeExports(descriptor.get.call(value), seen, { instances, accessors });
  }
  // the compiler's objects may serve as prototypes (tslab's compiler host inherits from ts.sys)
  if (accessors && !Array.isArray(value)) freezeOverridable(value, { methodsOnly: true });
  else Object.freeze(value);
  if (instance) freezePrototype(Object.getPrototypeOf(value), seen);
}

/**
 * TypeScript's `Debug` namespace replaces each of its assertions that the assertion level
 * leaves off with a no-op the first time it runs (`shouldAssertFunction`); the kernel's level
 * never changes, so that is done here for all of them, and the namespace can then be frozen
 * (a cell's own `Debug.assertNode`, which the binder calls with every node of a test, never runs).
 */
function offAssertionsUpFront(Debug, noop) {
  for (const [name, assertion] of Object.entries(Debug)) {
    if (typeof assertion !== "function") continue;
    const gated = /\bshouldAssertFunction\(\s*(\d+)/.exec(Function.prototype.toString.call(assertion));
    if (gated && !Debug.shouldAssert(Number(gated[1]))) Debug[name] = noop;
  }
}

/**
 * tslab's TypeScript compiles every later cell, the course's tests among them, in this realm:
 * what decides how it parses and emits stays as the package made it. Its exports are
 * accessors (a bundle's live bindings), so the objects behind them (`ts.sys`, `ts.factory`,
 * the object allocator, the namespaces, the arrays, and the Maps and Sets, sealed) are frozen
 * through them; and the classes the object
 * allocator makes every syntax node, symbol and type with are frozen, so that no cell can
 * swap them (`setObjectAllocator`, which assigns into the frozen allocator, throws) or put
 * accessors on their prototypes that would rewrite a test's syntax tree as it is parsed
 * (a `throw` made an expression statement) or read its source.
 */
function freezeCompiler(ts, seen) {
  offAssertionsUpFront(ts.Debug, ts.noop);
  freezeExports(ts, seen, { accessors: true });
  for (const [name, make] of Object.entries(ts.objectAllocator)) {
    if (typeof make === "function" && name.startsWith("get")) freezeFunction(make(), seen, { whole: true });
  }
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

const REFUSED_INTERNAL_MODULE =
  "is one of the library's own modules, not available in the course's kernel: import what you need from \"neural-mi\" " +
  "(a function the package does not export, such as the one its Gaussian information is computed with, runs outside the guard the tests rely on)";

/**
 * The library is reached through its entry point only (`neural-mi`, resolved to `entry`). Its other
 * modules export functions the package does not, which its guard does not know: a cell that required
 * `dist/tasks/multivariate-gaussian.js` by its path, or read it from the module cache, computed the
 * Gaussian pair's information as −½ logDeterminant([[1, ρ], [ρ, 1]]) inside chapter 3's test, and
 * `dist/tasks/gaussian.js`'s courseDataMI (the course data's own truth, which the test's count of the
 * library's calls leaves out) made a table of it before the test: 2 of 2 points each. Their cache
 * entries give a stand-in whose exports refuse, and no module links to them any more (a module's
 * `children`, and the `parent` of a package they loaded first).
 * @returns {(key: string, loaded: object) => object} what the cache keeps for each entry
 */
function libraryThroughItsEntryOnly(cache, entry) {
  const dist = path.dirname(entry) + path.sep;
  const internal = new Set(Object.keys(cache).filter((key) => key.startsWith(dist) && key !== entry).map((key) => cache[key]));
  for (const key of Object.keys(cache)) {
    const loaded = cache[key];
    if (Array.isArray(loaded.children)) loaded.children = internal.has(loaded) ? [] : loaded.children.filter((child) => !internal.has(child));
    if (!internal.has(loaded) && internal.has(loaded.parent)) Object.defineProperty(loaded, "parent", { value: undefined, writable: false, configurable: false });
  }
  return (key, loaded) => {
    if (!internal.has(loaded)) return loaded;
    const refuse = () => {
      throw new Error(`${path.relative(path.dirname(dist), key)} ${REFUSED_INTERNAL_MODULE}`);
    };
    return Object.freeze({ id: key, filename: key, loaded: true, children: Object.freeze([]), get exports() { return refuse(); } });
  };
}

/** The cache entries of the frozen packages stay, with their exports (the library's behind its entry point). */
function lockCacheEntries(seen, libraryEntry) {
  const cache = Module._cache;
  const kept = libraryThroughItsEntryOnly(cache, libraryEntry);
  // TensorFlow.js first: its engine state, also reachable through neural-mi's `tf`, is
  // then known as left alone before neural-mi's own objects are frozen whole
  // (modules still loading, this one among them, are left: node marks them loaded later)
  const keys = Object.keys(cache).filter((key) => FROZEN_PACKAGES.test(key) && cache[key].loaded);
  const ordered = [...keys.filter((key) => !FROZEN_WHOLE.test(key)), ...keys.filter((key) => FROZEN_WHOLE.test(key))];
  for (const key of ordered) {
    const loaded = cache[key];
    // tslab's objects (its display, whose bundle sends a test's result) and neural-mi's
    // hold no state that changes: they are frozen whole
    if (COMPILER.test(key)) freezeCompiler(loaded.exports, seen);
    else freezeExports(loaded.exports, seen, { instances: FROZEN_WHOLE.test(key) });
    for (const property of ["exports", "loaded", "filename", "id"]) {
      Object.defineProperty(loaded, property, { value: loaded[property], writable: false, configurable: false, enumerable: true });
    }
    Object.defineProperty(cache, key, { value: kept(key, loaded), writable: false, configurable: false, enumerable: true });
  }
}

/**
 * node looks a built-in module's name up in the module cache before it loads the module itself
 * (`require("crypto")` returns `Module._cache.crypto.exports` when there is one): a cell that
 * put an entry there answered every later `import … from "crypto"` of the tests, so the hidden
 * checks' fresh draws (`randomInt`) were the cell's choice, and a forward pass that looked its
 * outputs up in a table made for those draws passed chapter 5's MINE-Net test. Each built-in name
 * now holds an entry that cannot be replaced, giving the module itself, loaded when first asked.
 */
function lockBuiltinNames() {
  const cache = Module._cache;
  for (const name of Module.builtinModules) {
    if (Object.prototype.hasOwnProperty.call(cache, name)) continue;
    let entry;
    Object.defineProperty(cache, name, {
      get() {
        entry ??= Object.freeze({ id: name, filename: name, loaded: true, children: Object.freeze([]), exports: require(`node:${name}`) });
        return entry;
      },
      configurable: false,
      enumerable: false,
    });
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

/**
 * Native code loads only from the packages (zeromq, the kernel's transport, and any addon of
 * theirs). Under node's permission model the kernel runs with --allow-addons, which on its own
 * would let a notebook write a shared library into its folder and load it, outside every check.
 */
function nativeCodeFromPackagesOnly(base) {
  const fs = require("fs");
  const tslab = fs.realpathSync(resolveFrom(base, "tslab/dist/jupyter.js"));
  const packages = tslab.slice(0, tslab.lastIndexOf(`${path.sep}tslab${path.sep}`) + 1);
  const loadNative = process.dlopen;
  function dlopenFromPackages(module, filename, flags) {
    const real = fs.realpathSync(filename);
    if (!real.startsWith(packages)) {
      throw new Error(`loading native code from ${filename} is not allowed in the course's kernel; only the course's packages may load native addons`);
    }
    return flags === undefined ? loadNative.call(process, module, real) : loadNative.call(process, module, real, flags);
  }
  Object.defineProperty(process, "dlopen", { value: dlopenFromPackages, writable: false, configurable: false, enumerable: true });
}

/** `object[name]`, where it exists, becomes a function that throws `message`, and stays so. */
function pinRefusal(object, name, message) {
  if (!(name in object)) return;
  const refused = function () {
    throw new Error(message);
  };
  Object.defineProperty(object, name, { value: refused, writable: false, configurable: false, enumerable: true });
}

const REFUSED_INSIDE =
  "is not available in the course's kernel: a notebook may not look into or change how the kernel runs the cells after it (the tests)";

/**
 * Nothing reaches into the running kernel from beside the cells. Before, a cell could open an
 * inspector session on its own kernel (`Runtime.evaluate` runs text, past "no-eval"; a paused
 * test's frames can be read and written), start a worker (an unhardened realm, which can
 * connect to the kernel's inspector) or the inspector itself (`process._debugProcess`,
 * SIGUSR1), write or read the heap with every test's compiled text (`v8.writeHeapSnapshot`), or
 * describe its live objects (`v8.queryObjects`: a test's syntax tree, hidden literals included),
 * change V8's flags for every later cell (`v8.setFlagsFromString`), and register loader hooks
 * (`module.register`, a thread of its own running any text).
 */
function debugInside() {
  const refuse = (object, name, what) => pinRefusal(object, name, `${what} ${REFUSED_INSIDE}`);
  // the promises module first: it wraps the Session of the other as it loads
  for (const module of ["inspector/promises", "inspector"]) {
    let loaded;
    try {
      loaded = require(module);
    } catch {
      continue;
    }
    for (const name of ["Session", "open", "url", "waitForDebugger", "console"]) refuse(loaded, name, `${module}.${name}`);
    Object.freeze(loaded);
  }
  const v8 = require("v8");
  // queryObjects describes every live object of a class (its summaries are util.inspect's): the
  // running test's syntax tree, its hidden literals and the arrays it made
  for (const name of ["getHeapSnapshot", "writeHeapSnapshot", "setHeapSnapshotNearHeapLimit", "queryObjects", "setFlagsFromString", "takeCoverage", "stopCoverage"]) refuse(v8, name, `v8.${name}`);
  // hooks handed every promise and async resource the kernel makes: the promise zeromq settles with
  // each request it receives holds the frames of the next cell, so a hook of a cell's read a test's
  // code as it arrived, hidden checks and attestation token included, before the test ran
  for (const name of ["onInit", "onSettled", "onBefore", "onAfter", "createHook"]) refuse(v8.promiseHooks, name, `v8.promiseHooks.${name}`);
  Object.freeze(v8.promiseHooks);
  Object.freeze(v8);
  const asyncHooks = require("async_hooks");
  for (const name of ["createHook", "executionAsyncResource"]) refuse(asyncHooks, name, `async_hooks.${name}`);
  // a trace of V8's categories: newer V8s write each script's source into it, the tests' among them
  const traceEvents = require("trace_events");
  refuse(traceEvents, "createTracing", "trace_events.createTracing");
  Object.freeze(traceEvents);
  const workers = require("worker_threads");
  refuse(workers, "Worker", "worker_threads.Worker");
  Object.freeze(workers);
  // node's loader hooks: `module.register` runs a module of the caller's choosing (a `data:` address
  // holding any text) in a thread of its own, which the permission model lets start: an unhardened
  // realm past "no-eval", whose inspector session connected to this thread (`connectToMainThread`)
  // and ran `Runtime.evaluate` in the kernel's realm (lockModuleLoader, later, keeps the refusal)
  refuse(require("module"), "register", "module.register");
  for (const name of ["_debugProcess", "_debugEnd", "_startProfilerIdleNotifier"]) refuse(process, name, `process.${name}`);
}

const REFUSED_EVALUATION =
  "is not available in the course's kernel: code runs from the notebook's cells only, not from text made or read at run time " +
  "(a copy of the library's code run so would not be your work)";

/**
 * Code runs from the cells (tslab compiles them and runs them with its own
 * `vm.runInThisContext`, taken when it loaded) and from the packages' files, nothing else: a
 * library function's own text (`Function.prototype.toString`) or its file, run through `eval`,
 * `Function`, `vm`, SES's `Compartment` or a module of the student's (`Module.prototype._compile`
 * of other text than a package file's), was a copy of the library whose guard refuses nothing
 * (withoutReference), and answered a test that refuses the library. `eval` and `Function` throw
 * (lockdown's "no-eval"), and so does `Compartment` (hardenKernel, after lockdown); here: `vm`'s
 * evaluators, `process.binding("contextify")`, and `_compile` of anything but a package file as
 * it is on disk.
 */
function codeOnlyFromCells(base, resolved) {
  const fs = require("fs");
  const vm = require("vm");
  for (const name of ["runInThisContext", "runInNewContext", "runInContext", "compileFunction", "createScript", "Script", "SourceTextModule", "SyntheticModule"]) {
    pinRefusal(vm, name, `vm.${name} ${REFUSED_EVALUATION}`);
  }
  const binding = process.binding;
  function bindingWithoutEvaluators(name) {
    if (String(name) === "contextify") throw new Error(`process.binding("contextify") ${REFUSED_EVALUATION}`);
    if (["inspector", "worker", "v8", "heap_utils", "async_wrap", "trace_events"].includes(String(name))) throw new Error(`process.binding("${String(name)}") ${REFUSED_INSIDE}`);
    // each works on any descriptor of the process (own-descriptors.cjs)
    if (["fs", "pipe_wrap", "tcp_wrap", "tty_wrap", "udp_wrap", "stream_wrap"].includes(String(name))) throw new Error(`process.binding("${String(name)}") ${REFUSED_DESCRIPTOR}`);
    // name lookups without the dns module (noNetworkWhenConfined)
    if (String(name) === "cares_wrap" && CONFINED) throw new Error(`process.binding("cares_wrap") ${REFUSED_NETWORK}`);
    return binding.call(process, name);
  }
  Object.defineProperty(process, "binding", { value: bindingWithoutEvaluators, writable: false, configurable: false, enumerable: true });
  // the folders the packages run from (their real paths), which no kernel may write
  const roots = new Set();
  const tslab = fs.realpathSync(resolveFrom(base, "tslab/dist/jupyter.js"));
  roots.add(tslab.slice(0, tslab.lastIndexOf(`${path.sep}tslab${path.sep}`) + 1));
  for (const filename of resolved.values()) {
    const real = fs.realpathSync(filename);
    const packageRoot = real.lastIndexOf(`${path.sep}node_modules${path.sep}`);
    roots.add(packageRoot === -1 ? path.dirname(path.dirname(real)) + path.sep : real.slice(0, packageRoot + "/node_modules/".length));
  }
  const compile = Module.prototype._compile;
  const cache = Module._cache;
  const hasOwn = Object.prototype.hasOwnProperty;
  // each package file once, as node loads it: a second instance of the guard's module (whose
  // refusals are its own) or a module whose `require` is the student's would hand the library's
  // code another guard
  const compiled = new Set();
  function compilePackageFiles(content, filename) {
    let genuine = false;
    try {
      const real = fs.realpathSync(filename);
      if ([...roots].some((root) => real.startsWith(root)) && !compiled.has(real) && cache[real] === this && this.filename === real && !hasOwn.call(this, "require")) {
        const text = fs.readFileSync(real, "utf8");
        genuine = content === text || content === text.slice(1);
        if (genuine) compiled.add(real);
      }
    } catch {
      genuine = false;
    }
    if (!genuine) throw new Error(`compiling ${filename} as a module ${REFUSED_EVALUATION}`);
    return compile.call(this, content, filename);
  }
  Object.defineProperty(Module.prototype, "_compile", { value: compilePackageFiles, writable: true, configurable: true, enumerable: false });
}

const REFUSED_WEBASSEMBLY =
  "is not available in the course's kernel: WebAssembly is compiled only for TensorFlow.js's backend and the library " +
  "(the library's fused kernel instantiated from its .wasm file, and driven on weights of your own, would not be your work)";

/**
 * WebAssembly compiles only TensorFlow.js's own backend binaries (by their SHA-256), and the
 * library's fused kernel once, here, before a cell runs. Without this a cell could read the
 * library's mlp.wasm (every package file is readable), compile and instantiate it on memory of
 * its own and call its forward pass for a student's network, out of reach of the guard on the
 * library's instances (fast/kernel.ts). `WebAssembly.Module` (and its prototype's constructor),
 * `compile` and `instantiate` with bytes check a copy of the bytes and compile that copy; the
 * streaming forms, which node's TensorFlow.js never uses, refuse.
 */
function webAssemblyOnlyForPackages(base) {
  const fs = require("fs");
  const crypto = require("crypto");
  // the library compiles its kernel now (its module is kept in a closure of its own)
  require(resolveFrom(base, "neural-mi/dist/fast/kernel.js")).kernelStatus();
  const wasmDir = path.dirname(resolveFrom(base, "@tensorflow/tfjs-backend-wasm"));
  const allowedBySize = new Map();
  for (const name of fs.readdirSync(wasmDir)) {
    if (!name.endsWith(".wasm")) continue;
    const file = path.join(wasmDir, name);
    const size = fs.statSync(file).size;
    if (!allowedBySize.has(size)) allowedBySize.set(size, []);
    allowedBySize.get(size).push({ file, hash: undefined });
  }
  const sha256 = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");
  const W = WebAssembly;
  const OriginalModule = W.Module;
  const originalCompile = W.compile;
  const originalInstantiate = W.instantiate;
  function checkedCopy(what, source) {
    let bytes;
    if (ArrayBuffer.isView(source)) bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice();
    else if (source instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && source instanceof SharedArrayBuffer)) bytes = new Uint8Array(source).slice();
    else throw new TypeError(`${what}: expected an ArrayBuffer or a typed array of WebAssembly bytes`);
    const candidates = allowedBySize.get(bytes.byteLength) ?? [];
    const hash = candidates.length > 0 ? sha256(bytes) : "";
    for (const candidate of candidates) {
      if (candidate.hash === undefined) candidate.hash = sha256(fs.readFileSync(candidate.file));
      if (candidate.hash === hash) return bytes;
    }
    throw new Error(`${what} ${REFUSED_WEBASSEMBLY}`);
  }
  const isModule = (value) => {
    try {
      OriginalModule.exports(value);
      return true;
    } catch {
      return false;
    }
  };
  function Module(bytes) {
    if (new.target === undefined) throw new TypeError("WebAssembly.Module must be called with new");
    return Reflect.construct(OriginalModule, [checkedCopy("compiling WebAssembly (WebAssembly.Module)", bytes)], new.target === Module ? OriginalModule : new.target);
  }
  Module.prototype = OriginalModule.prototype;
  for (const name of ["exports", "imports", "customSections"]) Module[name] = OriginalModule[name];
  const define = (object, name, value) => Object.defineProperty(object, name, { value, writable: false, configurable: false, enumerable: false });
  define(OriginalModule.prototype, "constructor", Module);
  define(W, "Module", Module);
  // the asynchronous forms report a refusal as a rejected promise, as they report any failure
  const settled = (start) => {
    try {
      return start();
    } catch (error) {
      return Promise.reject(error);
    }
  };
  define(W, "compile", function compile(bytes) {
    return settled(() => originalCompile.call(W, checkedCopy("compiling WebAssembly (WebAssembly.compile)", bytes)));
  });
  define(W, "instantiate", function instantiate(source, imports) {
    if (isModule(source)) return originalInstantiate.call(W, source, imports);
    return settled(() => originalInstantiate.call(W, checkedCopy("compiling WebAssembly (WebAssembly.instantiate)", source), imports));
  });
  for (const name of ["compileStreaming", "instantiateStreaming"]) {
    if (!(name in W)) continue;
    define(W, name, function refused() {
      return Promise.reject(new Error(`WebAssembly.${name} ${REFUSED_WEBASSEMBLY}`));
    });
  }
}

/**
 * The kernel signals no process but itself. Under nbgrader it runs as the instructor, its parent
 * the nbgrader process grading the whole class: `process.kill(process.ppid)` stopped the grading
 * of every student after this one, and `process.kill(-1)` every process of the instructor's; under
 * `npm run autograde` without a user of its own, it reached the grader. `process.kill` goes
 * through `process._kill`, which now refuses (EPERM) any other process id than the one the kernel
 * had when it started.
 */
function signalsOnlyItself() {
  const self = process.pid;
  const rawKill = process._kill;
  if (typeof rawKill !== "function") throw new Error("harden.cjs: this node has no process._kill to guard");
  const { errno, signals } = require("os").constants;
  // SIGUSR1 to itself would open node's inspector (debugInside)
  function killOnlyItself(pid, signal) {
    return pid === self && signal !== signals.SIGUSR1 ? rawKill.call(process, pid, signal) : -errno.EPERM;
  }
  Object.defineProperty(process, "_kill", { value: killOnlyItself, writable: false, configurable: false, enumerable: false });
}

/**
 * A promise that fails with nothing awaiting it, or an error thrown where nothing catches it, is
 * reported in the cell and the kernel runs on, as tslab means it to (its own listeners print them):
 * TensorFlow.js's WebAssembly backend adds listeners that throw them again, which ended the kernel
 * (exit code 7) at a forgotten `await` on a failing estimateMI(...), losing every later cell.
 * Listeners for these two events are called so that what they throw is dropped.
 */
function failuresDoNotEndTheKernel() {
  const events = new Set(["unhandledRejection", "uncaughtException"]);
  for (const name of ["on", "addListener", "prependListener", "once", "prependOnceListener"]) {
    const original = process[name];
    function adding(event, listener) {
      if (!events.has(event) || typeof listener !== "function") return Reflect.apply(original, this, [event, listener]);
      const called = function (...args) {
        try {
          return Reflect.apply(listener, this, args);
        } catch {
          return undefined; // tslab's own listener has reported it in the cell
        }
      };
      return Reflect.apply(original, this, [event, called]);
    }
    Object.defineProperty(process, name, { value: adding, writable: false, configurable: false, enumerable: false });
  }
}

// TensorFlow.js's functions that change what its ops compute: which kernel or gradient runs
// an op, which backends exist. Every package registers its own when it loads (all preloaded).
const TF_REGISTRY_API = ["registerKernel", "unregisterKernel", "registerGradient", "unregisterGradient", "registerBackend", "removeBackend", "copyRegisteredKernels", "setPlatform"];

function refusal(what) {
  return new Error(`${what} is not available once the kernel is hardened: a notebook may not change how TensorFlow.js computes`);
}

/**
 * An object's methods (its prototypes' functions) become its own read-only properties, so
 * that assigning a method to the object (`engine.readSync = ...`) fails instead of shadowing
 * it; its data stays writable. Methods of prototypes frozen here (which freezePrototype
 * turned into accessors) count too.
 */
function pinMethods(object) {
  for (let proto = Object.getPrototypeOf(object); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor" || Object.prototype.hasOwnProperty.call(object, key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      const value = "value" in descriptor ? descriptor.value : frozenValues.get(descriptor.get);
      if (typeof value === "function") Object.defineProperty(object, key, { value, writable: false, configurable: false, enumerable: false });
    }
  }
}

/** A registry (a Map) that reads what it held when sealed and refuses changes. */
function sealRegistry(map, what) {
  for (const config of map.values()) if (config && typeof config === "object") Object.freeze(config);
  sealCollection(map, () => {
    throw refusal(`changing TensorFlow.js's ${what}`);
  });
}

/**
 * A Map or Set that reads, through its own methods, a copy of what it held when sealed, and
 * calls `refuse` on a change: freezing the object does not stop Map.prototype.set.call(it, ...),
 * which changes only what no reader sees.
 */
function sealCollection(collection, refuse) {
  const isMap = collection instanceof Map;
  const held = isMap ? new Map(collection) : new Set(collection);
  const reads = {
    has: (key) => held.has(key),
    entries: () => held.entries(),
    keys: () => held.keys(),
    values: () => held.values(),
    forEach: (callback, thisArg) => held.forEach((value, key) => callback.call(thisArg, value, key, collection)),
    [Symbol.iterator]: () => held[Symbol.iterator](),
    ...(isMap ? { get: (key) => held.get(key), set: refuse } : { add: refuse }),
    delete: refuse,
    clear: refuse,
  };
  for (const key of Reflect.ownKeys(reads)) Object.defineProperty(collection, key, { value: reads[key], writable: false, configurable: false });
  Object.defineProperty(collection, "size", { get: () => held.size, configurable: false });
  Object.freeze(collection);
}

/**
 * TensorFlow.js's engine state changes while the kernel runs, so it is not frozen; but what
 * computes is kept as the packages made it: the kernel and gradient registries are sealed and
 * the functions that change them refuse; the engine's methods cannot be replaced; backends are
 * only those the packages' factories make, with their methods (and those of their tensor
 * storage) pinned; the active backend can only be one of them.
 */
function lockTensorFlow(base) {
  const tf = require(resolveFrom(base, "@tensorflow/tfjs-core"));
  for (const name of TF_REGISTRY_API) {
    if (typeof tf[name] !== "function") continue;
    const refuse = function refuseRegistryChange() {
      throw refusal(`tf.${name}`);
    };
    Object.defineProperty(tf, name, { value: refuse, writable: false, configurable: false, enumerable: true });
  }
  // eslint-disable-next-line no-underscore-dangle
  const registries = globalThis._tfGlobals;
  sealRegistry(registries.get("kernelRegistry"), "kernel registry");
  sealRegistry(registries.get("gradRegistry"), "gradient registry");
  const engine = tf.engine();
  const genuine = new WeakSet();
  const isGenuine = (value) => value === null || value === undefined || genuine.has(value);
  const adopt = (backend) => {
    if (backend && typeof backend === "object") {
      if (backend.wasm) scrubFreedMemory(backend);
      pinMethods(backend);
      for (const value of Object.values(backend)) {
        if (value && typeof value === "object" && !isPlainObject(value) && !ArrayBuffer.isView(value)) pinMethods(value);
      }
      lockBackend(backend, pinMethods);
      genuine.add(backend);
    }
    return backend;
  };
  for (const entry of Object.values(engine.registryFactory)) {
    const make = entry.factory;
    entry.factory = function makeGenuineBackend() {
      const backend = make.call(this);
      return backend && typeof backend.then === "function" ? backend.then(adopt) : adopt(backend);
    };
    Object.freeze(entry);
  }
  Object.freeze(engine.registryFactory);
  for (const backend of Object.values(engine.registry)) adopt(backend);
  const registry = new Proxy(engine.registry, {
    set: (target, key, value) => isGenuine(value) && Reflect.set(target, key, value),
    defineProperty: (target, key, descriptor) => "value" in descriptor && isGenuine(descriptor.value) && Reflect.defineProperty(target, key, descriptor),
  });
  let active = engine.backendInstance;
  Object.defineProperty(engine, "registry", { value: registry, writable: false, configurable: false, enumerable: true });
  Object.defineProperty(engine, "backendInstance", {
    get: () => active,
    set: (value) => {
      if (!isGenuine(value)) throw refusal("replacing TensorFlow.js's backend");
      active = value;
    },
    configurable: false,
    enumerable: true,
  });
  // the engine's state, the environment and each backend keep their shape (tensorflow-state.cjs)
  lockEngine(engine, tf, (backend) => genuine.has(backend), pinMethods);
  lockEnvironment(tf.env(), pinMethods);
}

let hardened = null;

/** Hardens this realm once; returns what it cost. */
function hardenKernel() {
  if (hardened) return hardened;
  const base = path.join(__dirname, "..");
  const started = process.hrtime.bigint();
  nativeCodeFromPackagesOnly(base);
  signalsOnlyItself();
  failuresDoNotEndTheKernel();
  debugInside();
  tolerateDeniedWatches();
  descriptorsOnlyOwn();
  noLocalSockets();
  noNetworkWhenConfined();
  const resolved = preload(base);
  codeOnlyFromCells(base, resolved);
  loadLazyGlobals();
  webAssemblyOnlyForPackages(base);
  // before tslab is frozen: its server opens its sockets on the transport asked for, or ends
  openSocketsAsAsked(require(resolveFrom(base, "tslab/dist/jupyter.js")).ZmqServer);
  // and a test cell's errors leave it without the hidden code they quote
  hideHiddenCodeInErrors(require(resolveFrom(base, "tslab/dist/jupyter.js")).JupyterHandlerImpl);
  // and its compiler sees the packages node loads wherever a cell's folder is
  pinPackageTypes(base, resolved);
  const loaded = process.hrtime.bigint();
  require(resolveFrom(base, "ses"));
  // eslint-disable-next-line no-undef
  lockdown(LOCKDOWN_OPTIONS);
  // SES's Compartment evaluates with the evaluator it took before "no-eval" (codeOnlyFromCells)
  Object.defineProperty(globalThis, "Compartment", {
    value: function Compartment() {
      throw new Error(`Compartment ${REFUSED_EVALUATION}`);
    },
    writable: false,
    configurable: false,
    enumerable: false,
  });
  // WebAssembly's namespace, which lockdown leaves as node made it: a cell that replaced its
  // Instance was handed the library's compiled kernel as a trainer made its network, and instances
  // of that module made with the original have a forward pass no guard of the library's refuses
  // (fast/kernel.ts guards the library's own instances); its members, constructors and prototypes
  // (Memory's buffer, which the library and TensorFlow.js read) are fixed now
  // (frozen one level down: its error classes lead to JavaScript's Error, whose stackTraceLimit
  // tslab sets, which harden() would fix too)
  for (const member of Object.values(Object.getOwnPropertyDescriptors(WebAssembly))) {
    if (typeof member.value !== "function") continue;
    if (member.value.prototype) Object.freeze(member.value.prototype);
    Object.freeze(member.value);
  }
  Object.freeze(WebAssembly);
  const seen = new WeakSet(nodeInitialisedPrototypes());
  lockGlobals();
  lockTensorFlow(base);
  pinPackageResolution(resolved);
  lockModuleLoader(seen);
  freezeNodeProtocolObjects(seen);
  lockCacheEntries(seen, resolved.get("neural-mi"));
  lockBuiltinNames();
  const done = process.hrtime.bigint();
  hardened = Object.freeze({ preloadMs: Number(loaded - started) / 1e6, hardenMs: Number(done - loaded) / 1e6 });
  return hardened;
}

module.exports = { hardenKernel };
hardenKernel();
