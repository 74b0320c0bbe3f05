// TensorFlow.js's engine, environment and backends hold state that changes while the kernel
// runs (scopes, tapes, the tensors' bookkeeping, flags, WebAssembly memory views), so
// harden.cjs cannot freeze them. A cell reaching them by computed names could otherwise leave
// code of its own where TensorFlow.js calls or reads it in every later operation: a method of
// the environment (`getBool`), an accessor on a flag or a tensor, a `push` of its own on the
// engine's scope stack, a fake backend in a tensor's record, the WebAssembly backend's
// `_malloc` or memory views. A test's own computations would then run that code, which could
// change what the test reads, or call the library's reference implementation outside the
// test's guard. This module keeps the shape of that state: objects keep the properties they
// have, as data, and what TensorFlow.js itself reassigns is checked or copied as it is stored.
// The values still change (numbers, tensors' contents, WebAssembly memory): tests compare
// numbers of their own, and touch a student's objects only inside their guard
// (notebooks/README.md), which is what no change of values reaches.
"use strict";
const { types } = require("util");

/** An error saying the change is refused once the kernel is hardened. */
function refused(what) {
  return new TypeError(`${what} is not available once the kernel is hardened: a notebook may not change how TensorFlow.js computes`);
}

const isPrimitive = (value) => value === null || (typeof value !== "object" && typeof value !== "function");

/** A plain, empty array (what TensorFlow.js assigns as a new gradient tape). */
const isNewArray = (value) => Array.isArray(value) && !types.isProxy(value) && Object.getPrototypeOf(value) === Array.prototype && Reflect.ownKeys(value).length === 1;

/** Makes each listed property (or every own one) non-configurable, and read-only unless `writable`. */
function fixProperties(object, keys = Reflect.ownKeys(object), { writable = false } = {}) {
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    if (!descriptor || !descriptor.configurable) continue;
    if ("value" in descriptor) Object.defineProperty(object, key, { value: descriptor.value, writable: writable && descriptor.writable, enumerable: descriptor.enumerable, configurable: false });
    else Object.defineProperty(object, key, { get: descriptor.get, set: descriptor.set, enumerable: descriptor.enumerable, configurable: false });
  }
}

/** A property whose every new value passes `check` (which returns what is stored). */
function checkedProperty(object, key, check) {
  let current = check(object[key]);
  Object.defineProperty(object, key, {
    get: () => current,
    set: (value) => {
      current = check(value);
    },
    enumerable: true,
    configurable: false,
  });
}

/** A property that only grows (an id counter: reusing an id would let two tensors share it). */
function growingProperty(object, key, what) {
  checkedProperty(object, key, (next) => {
    if (typeof next !== "number" || next < (object[key] ?? next)) throw refused(`lowering ${what}`);
    return next;
  });
}

/** A non-negative integer (the engine's nesting depths). */
function depth(value) {
  if (!Number.isInteger(value) || value < 0) throw refused("a nesting depth that is not a count");
  return value;
}

/**
 * A WeakMap's methods as own, read-only functions over `map`, which no one else can then
 * reach: each stored value is what `store(value)` returns, each read value passes `onRead`.
 */
function guardedMap(map, store, onRead = (value) => value) {
  return Object.freeze({
    get: (key) => onRead(map.get(key)),
    has: (key) => map.has(key),
    set(key, value) {
      map.set(key, store(value));
      return this;
    },
    delete: (key) => map.delete(key),
  });
}

/**
 * Records of a tensor's bookkeeping are stored as sealed copies of plain data: whatever a cell
 * stores, reading the record later runs no code (the copy reads each field once, now), and no
 * accessor can be added to it afterwards. The engine's record (its shape is not read again):
 */
function copyTensorInfo(info) {
  if (info === null || typeof info !== "object") throw refused("storing a tensor's record that is not an object");
  return Object.seal({ backend: info.backend, dtype: info.dtype, shape: info.shape, bytes: info.bytes });
}

/**
 * The WebAssembly backend's record of a tensor's memory (its shape, read by readSync, copied too).
 * Only its reference count changes afterwards (TensorFlow.js counts references in place); the rest
 * is fixed: a cell that pointed a record it reached through the backend at memory the test had
 * just filled had the kernel's scrub zero it when the record's tensor was disposed.
 */
function copyWasmRecord(record) {
  if (record === null || typeof record !== "object") throw refused("storing a tensor's storage record that is not an object");
  const shape = record.shape;
  const fixed = (value) => ({ value, writable: false, enumerable: true, configurable: false });
  return Object.seal(
    Object.defineProperties(
      { refCount: record.refCount },
      {
        id: fixed(record.id),
        memoryOffset: fixed(record.memoryOffset),
        shape: fixed(Array.isArray(shape) ? Object.freeze(Array.prototype.slice.call(shape)) : shape),
        dtype: fixed(record.dtype),
        stringBytes: fixed(record.stringBytes),
      },
    ),
  );
}

/**
 * Tensors are sealed as TensorFlow.js tracks them: a cell cannot give one (a variable every
 * cell can reach, a tensor a test passed it) an accessor or a method of its own, such as a
 * `dispose` that a later tidy would call. `scopeId`, which tracking sets later, is made first.
 * Their shape, strides, size, dtype and id cannot change (TensorFlow.js sets them once; `assign`
 * changes a variable's data only).
 */
const FIXED_AT_BIRTH = ["shape", "strides", "size", "dtype", "id"];

function tensorAdmission(tf) {
  const prototypes = new Set([tf.Tensor.prototype, tf.Variable.prototype]);
  return (tensor) => {
    if (tensor === null || typeof tensor !== "object" || !prototypes.has(Object.getPrototypeOf(tensor))) throw refused("tracking a tensor that is not TensorFlow.js's");
    if (!Object.isSealed(tensor)) {
      if (!Object.prototype.hasOwnProperty.call(tensor, "scopeId")) tensor.scopeId = undefined;
      // what a tensor is, set once when it is made: a variable's shape and size, written by a cell
      // that reached the test's reference network through the engine, had the test draw it no weights
      for (const key of FIXED_AT_BIRTH) {
        if (!Object.prototype.hasOwnProperty.call(tensor, key)) continue;
        if (Array.isArray(tensor[key])) Object.freeze(tensor[key]);
        Object.defineProperty(tensor, key, { writable: false });
      }
      Object.seal(tensor);
    }
    return tensor;
  };
}

/**
 * The engine's state as a cell can reach it: tensors' records are plain copies naming a
 * genuine backend, only TensorFlow.js's variables are registered, a tape starts empty, depths
 * are counts, profiling stays off.
 */
function lockState(state, tf, isGenuineBackend, admit) {
  const registeredVariables = new Proxy(state.registeredVariables, {
    // makeVariable registers a variable before it tracks it
    defineProperty(target, key, descriptor) {
      const v = descriptor.value;
      if (!("value" in descriptor) || v === null || typeof v !== "object" || Object.getPrototypeOf(v) !== tf.Variable.prototype || v.name !== key) throw refused("registering a variable that is not TensorFlow.js's");
      admit(v);
      return Reflect.defineProperty(target, key, descriptor);
    },
    setPrototypeOf: () => false,
    preventExtensions: () => false,
  });
  for (const v of Object.values(registeredVariables)) admit(v);
  // a tensor's record names the backend that reads and disposes it
  const genuineBackendOf = (info) => {
    if (info !== undefined && !isGenuineBackend(info.backend)) throw refused("a tensor's backend that is not one of TensorFlow.js's");
    return info;
  };
  const numDataMoves = state.numDataMovesStack;
  const replacements = {
    tensorInfo: guardedMap(state.tensorInfo, (info) => genuineBackendOf(copyTensorInfo(info)), genuineBackendOf),
    registeredVariables,
    numDataMovesStack: new Proxy(numDataMoves, {
      defineProperty: (target, key, descriptor) => "value" in descriptor && typeof descriptor.value === "number" && Reflect.defineProperty(target, key, descriptor),
      setPrototypeOf: () => false,
    }),
  };
  for (const [key, value] of Object.entries(replacements)) Object.defineProperty(state, key, { value, writable: false, enumerable: true, configurable: false });
  Object.freeze(state.activeProfile);
  if (!("activeTape" in state)) state.activeTape = null;
  checkedProperty(state, "activeTape", (tape) => {
    if (tape !== null && tape !== undefined && !isNewArray(tape)) throw refused("a gradient tape that is not a new one");
    return tape;
  });
  checkedProperty(state, "gradientDepth", depth);
  checkedProperty(state, "kernelDepth", depth);
  growingProperty(state, "nextScopeId", "the engine's scope ids");
  // profiling and DEBUG route every kernel through the profiler, whose logger prints with console
  checkedProperty(state, "profiling", (on) => {
    if (on) throw refused("tf.profile");
    return false;
  });
}

/**
 * The engine's scopes (how `tidy` knows which tensors to dispose) on a stack of this module's
 * own, which no cell can reach: startScope, endScope and track as TensorFlow.js writes them,
 * the state's `activeScope` a frozen view (name, id) of the top one and `scopeStack` a frozen
 * list of views. The engine's own stack would take a `push` of a cell's, run by every tidy.
 */
function lockScopes(engine, tf, admit) {
  const scopes = [];
  const top = () => scopes[scopes.length - 1];
  const view = (scope) => (scope.view ??= Object.freeze({ name: scope.name, id: scope.id }));
  const { getTensorsInContainer } = tf.tensor_util;
  const methods = {
    startScope(name) {
      const id = this.state.nextScopeId++;
      scopes.push({ track: [], id, name: name || "unnamed scope", view: undefined });
    },
    endScope(result) {
      const inParent = getTensorsInContainer(result);
      const returned = new Set(inParent.map((tensor) => tensor.id));
      const ending = top();
      for (const tensor of ending.track) if (!tensor.kept && !returned.has(tensor.id)) tensor.dispose();
      scopes.pop();
      // the result's tensors made in this scope are tracked in the one below, unless kept for good
      for (const tensor of inParent) if (!tensor.kept && tensor.scopeId === ending.id) this.track(tensor);
    },
    track(result) {
      const scope = top();
      if (scope !== undefined) {
        admit(result);
        result.scopeId = scope.id;
        scope.track.push(result);
      }
      return result;
    },
  };
  for (const [key, value] of Object.entries(methods)) Object.defineProperty(engine, key, { value, writable: false, configurable: false });
  Object.defineProperty(engine.state, "activeScope", {
    get: () => (scopes.length === 0 ? null : view(top())),
    set: () => {
      throw refused("setting the engine's active scope");
    },
    enumerable: true,
    configurable: false,
  });
  Object.defineProperty(engine.state, "scopeStack", { get: () => Object.freeze(scopes.map(view)), enumerable: true, configurable: false });
}

/**
 * The engine: its state and environment stay the objects they are, every tensor it tracks is
 * sealed, its scopes are out of reach, each outermost gradient computation starts on a fresh
 * tape, and its methods (`pinMethods`) are its own, read-only. No property can be added (one
 * would shadow the prototype's `backend` getter).
 */
function lockEngine(engine, tf, isGenuineBackend, pinMethods) {
  const proto = Object.getPrototypeOf(engine);
  const admit = tensorAdmission(tf);
  const trackTensor = proto.trackTensor;
  const gradients = proto.gradients;
  let computingGradients = 0;
  const methods = {
    trackTensor(tensor, backend) {
      return trackTensor.call(this, admit(tensor), backend);
    },
    // a tape left by a gradient computation that failed, or a depth a cell raised, is not the next one's
    gradients(...args) {
      if (computingGradients === 0) {
        this.state.gradientDepth = 0;
        this.state.activeTape = null;
      }
      computingGradients += 1;
      try {
        return gradients.apply(this, args);
      } finally {
        computingGradients -= 1;
      }
    },
    // disposes every tensor and backend and makes the state afresh, without these locks
    reset() {
      throw refused("tf.engine().reset");
    },
  };
  for (const [key, value] of Object.entries(methods)) Object.defineProperty(engine, key, { value, writable: false, configurable: false });
  for (const key of ["nextTensorId", "nextVariableId"]) if (typeof proto.constructor[key] === "number") growingProperty(proto.constructor, key, `TensorFlow.js's ${key}`);
  lockState(engine.state, tf, isGenuineBackend, admit);
  lockScopes(engine, tf, admit);
  fixProperties(engine.state, undefined, { writable: true });
  Object.preventExtensions(engine.state);
  checkedProperty(engine, "backendName", (name) => {
    if (name !== null && name !== undefined && typeof name !== "string") throw refused("a backend name that is not a string");
    return name;
  });
  checkedProperty(engine, "pendingBackendInit", (pending) => {
    if (pending !== null && pending !== undefined && !(Object.getPrototypeOf(pending) === Promise.prototype && Reflect.ownKeys(pending).length === 0 && !types.isProxy(pending))) {
      throw refused("a pending backend that is not a promise");
    }
    return pending;
  });
  checkedProperty(engine, "pendingBackendInitId", (id) => {
    if (typeof id !== "number") throw refused("a backend initialisation id that is not a number");
    return id;
  });
  // setBackend makes the profiler later (used only by DEBUG and tf.profile, both off)
  if (!("profiler" in engine)) engine.profiler = undefined;
  pinMethods(engine);
  fixProperties(engine, ["ENV", "state", "registry", "registryFactory"]);
  fixProperties(engine, undefined, { writable: true });
  Object.preventExtensions(engine);
}

/**
 * TensorFlow.js's environment: its flags' values live here (DEBUG stays off, PROD once on
 * stays on, every value a primitive), read and set by the environment's own methods; its
 * flag registry and platform stay TensorFlow.js's; `pinMethods` pins its other methods.
 */
function lockEnvironment(env, pinMethods) {
  const values = new Map(Object.entries(env.flags));
  const checked = (name, value) => {
    if (!isPrimitive(value)) throw refused(`setting flag ${name} to anything but a value`);
    if ((name === "DEBUG" && value) || (name === "PROD" && values.get("PROD") === true && value !== true)) throw refused(`changing flag ${name}`);
    return value;
  };
  const methods = {
    get(name) {
      if (values.has(name)) return values.get(name);
      const value = this.evaluateFlag(name);
      if (value !== null && typeof value === "object" && typeof value.then === "function") {
        throw new Error(`Flag ${name} cannot be synchronously evaluated. Please use getAsync() instead.`);
      }
      values.set(name, checked(name, value));
      return value;
    },
    async getAsync(name) {
      if (values.has(name)) return values.get(name);
      const value = checked(name, await this.evaluateFlag(name));
      values.set(name, value);
      return value;
    },
    set(name, value) {
      const registered = this.flagRegistry[name];
      if (registered == null) throw new Error(`Cannot set flag ${name} as it has not been registered.`);
      values.set(name, checked(name, value));
      if (registered.setHook != null) registered.setHook(value);
    },
    setFlags() {
      throw refused("tf.env().setFlags");
    },
    reset() {
      throw refused("tf.env().reset");
    },
  };
  for (const [key, value] of Object.entries(methods)) Object.defineProperty(env, key, { value, writable: false, configurable: false });
  // what getFlags() and `features` return: a copy
  Object.defineProperty(env, "flags", { get: () => Object.freeze(Object.fromEntries(values)), enumerable: true, configurable: false });
  pinMethods(env);
  for (const entry of Object.values(env.flagRegistry)) Object.freeze(entry);
  const flagRegistry = new Proxy(env.flagRegistry, {
    // a new flag may be registered, once; a registered one stays as it is
    defineProperty(target, key, descriptor) {
      if (Object.prototype.hasOwnProperty.call(target, key) || !("value" in descriptor)) throw refused(`changing the registered flag ${String(key)}`);
      return Reflect.defineProperty(target, key, { ...descriptor, value: Object.freeze(descriptor.value) });
    },
    deleteProperty: () => false,
    setPrototypeOf: () => false,
    preventExtensions: () => false,
  });
  Object.defineProperty(env, "flagRegistry", { value: flagRegistry, writable: false, enumerable: true, configurable: false });
  Object.freeze(env.urlFlags);
  const platform = env.platform;
  if (platform && typeof platform === "object") {
    pinMethods(platform);
    for (const value of Object.values(platform)) if (value && typeof value === "object" && !Object.isFrozen(value)) pinMethods(value);
    fixProperties(platform);
    Object.preventExtensions(platform);
  }
  fixProperties(env);
  Object.preventExtensions(env);
}

const HEAP_VIEWS = { HEAP8: Int8Array, HEAP16: Int16Array, HEAP32: Int32Array, HEAPU8: Uint8Array, HEAPU16: Uint16Array, HEAPU32: Uint32Array, HEAPF32: Float32Array, HEAPF64: Float64Array };

/**
 * The WebAssembly backend's Emscripten module: its functions (`_malloc`, the kernels' entry
 * points) and `tfjs` table stay its own, its memory views are views of its own memory
 * (Emscripten replaces them when the memory grows; nothing else may), and nothing is added.
 */
function lockWasmModule(wasm) {
  const memory = wasm.asm && wasm.asm.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new Error("harden: the WebAssembly backend's memory was not found; update lib/kernel/tensorflow-state.cjs");
  for (const [key, View] of Object.entries(HEAP_VIEWS)) {
    if (!(key in wasm)) continue;
    checkedProperty(wasm, key, (view) => {
      if (Object.getPrototypeOf(view) !== View.prototype || view.buffer !== memory.buffer || view.byteOffset !== 0 || view.byteLength !== memory.buffer.byteLength) {
        throw refused(`replacing the WebAssembly backend's ${key}`);
      }
      return view;
    });
  }
  // Emscripten's exports start as stubs that set themselves to the module's export when called
  // (`Module["_malloc"] = function () { return (Module["_malloc"] = asm.malloc)… }`), and the
  // kernels hold those stubs: each property becomes that export and accepts being set to it again
  for (const key of Object.keys(wasm)) {
    if (typeof wasm[key] !== "function") continue;
    const exported = key.startsWith("_") && typeof wasm.asm[key.slice(1)] === "function" ? wasm.asm[key.slice(1)] : wasm.asm[key];
    const fixed = typeof exported === "function" ? exported : wasm[key];
    checkedProperty(wasm, key, (value) => {
      if (value !== fixed && value !== wasm[key]) throw refused(`replacing the WebAssembly backend's ${key}`);
      return fixed;
    });
  }
  if (wasm.tfjs && typeof wasm.tfjs === "object") Object.freeze(wasm.tfjs);
  fixProperties(wasm);
  Object.preventExtensions(wasm);
}

const BYTES_PER_ELEMENT = { float32: 4, int32: 4, bool: 1, complex64: 8 };

/**
 * The WebAssembly backend zeroes a tensor's memory as it frees it (harden.cjs, before it pins the
 * backend's methods): freed memory kept what it held, so a test's reference, computed and freed
 * before the student's code ran (its tidy ended), could be read back from the heap by that code
 * (the allocator overwrites only a block's first 8 bytes).
 */
function scrubFreedMemory(backend) {
  const dispose = backend.disposeData;
  const storage = backend.dataIdMap;
  function disposeAndScrub(dataId, force = false) {
    const record = storage.has(dataId) ? storage.get(dataId) : undefined;
    if (record && (force || record.refCount <= 1) && typeof record.memoryOffset === "number" && record.memoryOffset > 0 && Array.isArray(record.shape)) {
      const bytes = record.shape.reduce((size, length) => size * length, 1) * (BYTES_PER_ELEMENT[record.dtype] ?? 0);
      if (bytes > 0) backend.wasm.HEAPU8.fill(0, record.memoryOffset, record.memoryOffset + bytes);
    }
    return dispose.call(this, dataId, force);
  }
  Object.defineProperty(backend, "disposeData", { value: disposeAndScrub, writable: false, enumerable: false, configurable: false });
}

/**
 * A backend made by a package's factory (harden.cjs pins its methods first): its dataId
 * counter only grows (a reused id would make two tensors share one in the WebAssembly module),
 * its storage of tensors is a map no cell reaches (the WebAssembly backend's records copied
 * as plain data), its module is locked, and nothing is added.
 */
function lockBackend(backend, pinMethods) {
  const storage = Object.values(backend).find((value) => value && typeof value === "object" && value.data instanceof WeakMap && typeof value.get === "function");
  if (storage) {
    // DataStorage: `data` maps each tensor's dataId to its record
    const store = backend.wasm ? copyWasmRecord : (value) => value;
    Object.defineProperty(storage, "data", { value: guardedMap(storage.data, store), writable: false, enumerable: true, configurable: false });
    fixProperties(storage, ["backend", "dataMover"]);
    fixProperties(storage, undefined, { writable: true });
    Object.preventExtensions(storage);
  }
  if (backend.wasm) lockWasmModule(backend.wasm);
  for (const [key, value] of Object.entries(backend)) {
    if (value && typeof value === "object" && value !== storage && value !== backend.wasm && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) pinMethods(value);
    if (typeof value === "number" && /dataid/i.test(key)) growingProperty(backend, key, `the backend's ${key}`);
  }
  fixProperties(backend, undefined, { writable: true });
  Object.preventExtensions(backend);
}

module.exports = { lockEngine, lockEnvironment, lockBackend, scrubFreedMemory };
