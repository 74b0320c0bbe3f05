// The course's kernel (as JupyterLab and nbgrader start it) runs its cells in a realm
// hardened before the first cell (lib/kernel/harden.cjs): a cell that tries to replace
// what later cells compute with, or what the kernel talks through, changes nothing.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../../scripts/lib/paths.mjs";
import { kernelSession } from "./helpers.mjs";

const stdout = (result) =>
  result.iopub
    .filter(([type, content]) => type === "stream" && content.name === "stdout")
    .map(([, content]) => content.text)
    .join("");

/**
 * One kernel session in a fresh folder holding a link to the packages, as a notebook's folder is
 * placed; `prepare(folder)` may write files there first and return another working folder.
 */
async function inKernelFolder(prefix, requests, prepare = (folder) => folder) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  try {
    symlinkSync(join(repoRoot, "node_modules"), join(folder, "node_modules"));
    return await kernelSession({ requests }, { cwd: prepare(folder) });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Each attack is tried, whatever it throws; the cell after it checks nothing changed.
const ATTACKS = `const mainRequire: any = (process as any).mainModule.require;
const req: any = mainRequire("module").createRequire(process.cwd() + "/cell.js");
const G: any = (function (this: any) {
  return this;
})(); // a sloppy function's this: the global object (vm's evaluators refuse)
const attempt = (attack: () => void) => { try { attack(); } catch (_refused) {} };
attempt(() => { G.JSON = { stringify: () => "{}", parse: JSON.parse }; });
attempt(() => { (JSON as any).stringify = () => "{}"; });
attempt(() => { (Math as any).abs = () => 0; });
attempt(() => { (Array.prototype as any).every = () => true; });
attempt(() => { (Function.prototype as any).call = () => 0; });
attempt(() => { (Number.prototype as any).toFixed = () => "0"; });
attempt(() => { Object.defineProperty(Error, Symbol.hasInstance, { value: () => false }); });
attempt(() => { (Buffer.prototype as any).toString = () => "0"; });
attempt(() => { req("crypto").createHmac = () => null; });
attempt(() => { tf.sub = (() => tf.scalar(0)) as any; });
attempt(() => { (tf.Tensor.prototype as any).dataSync = () => [0]; });
attempt(() => { (gaussianMI as any).call = () => 0; });
attempt(() => { req("neural-mi").gaussianMI = () => 0; });
attempt(() => { req.cache[req.resolve("neural-mi")].exports = { gaussianMI: () => 0 }; });
attempt(() => { delete req.cache[req.resolve("neural-mi")]; });
attempt(() => { req("module")._load = () => ({ gaussianMI: () => 0 }); });
attempt(() => { req("tslab").display.bundle = () => undefined; });
attempt(() => { G.__tslab__ = { exports: {}, require: () => ({}) }; });
attempt(() => { (tf.engine() as any).readSync = () => new Float32Array(1); });
attempt(() => { (tf.backend() as any).readSync = () => new Float32Array(1); });
attempt(() => { (tf.getKernel("Sub", tf.getBackend()) as any).kernelFunc = () => null; });
attempt(() => { tf.unregisterKernel("Sub", tf.getBackend()); });
attempt(() => { G._tfGlobals.get("kernelRegistry").set("Sub_" + tf.getBackend(), { kernelFunc: () => null }); });
// tslab's own objects, reached by name: code of the cell's would answer a later cell's imports
// (a prototype's or an own \`apply\` on \`require\`) or run as they are stored (a setter inherited
// by the names cells share)
let hooked = 0;
const fake = () => { hooked += 1; return { gaussianMI: () => 0 }; };
attempt(() => { Object.setPrototypeOf(G.__tslab__.require, { apply: fake }); });
attempt(() => { Object.defineProperty(G.__tslab__.require, "apply", { value: fake }); });
attempt(() => { Object.setPrototypeOf(G.__tslab__.exports, { set reference(_value: unknown) { hooked += 1; } }); });
attempt(() => { Object.preventExtensions(G.__tslab__.exports); });
// node's module cache, where a built-in's name is looked up before the module (a test's
// \`import { randomInt } from "crypto"\` would get the cell's), and an accessor on it, which code
// that lists the cache (the library's search for tslab's display) would run
attempt(() => { mainRequire("module")._cache.crypto = { id: "crypto", filename: "crypto", loaded: true, children: [], exports: { randomInt: () => 4 } }; });
attempt(() => { Object.defineProperty(mainRequire("module")._cache, "/zz/tslab/dist/jupyter.js", { enumerable: true, get() { hooked += 1; return undefined; } }); });
// a global TensorFlow.js looks for as it makes a tensor (\`values.buffer instanceof GPUBuffer\`)
attempt(() => { Object.defineProperty(G, "GPUBuffer", { value: class { static [Symbol.hasInstance](_buffer: unknown) { hooked += 1; return false; } } }); });
attempt(() => { Object.setPrototypeOf(G, { get GPUBuffer() { hooked += 1; return Object; } }); });
console.log("attacks tried");`;

const CHECKS = `import { gaussianMI as reference, inKernel } from "neural-mi";
import { randomInt } from "crypto";
const fresh: any = (process as any).mainModule.require("module").createRequire(process.cwd() + "/cell.js");
console.log(JSON.stringify({
  json: JSON.stringify([1]),
  abs: Math.abs(-2),
  every: [1, 2].every((v) => v > 1),
  toFixed: (0.5).toFixed(2),
  isError: new Error("e") instanceof Error,
  sub: tf.sub(tf.scalar(3), tf.scalar(1)).dataSync()[0],
  gaussianMI: reference(0.5).toFixed(4),
  required: fresh("neural-mi").gaussianMI(0.5).toFixed(4),
  bundle: typeof fresh("tslab").display.bundle,
  fromTypedArray: tf.tensor1d(new Float32Array([1, 2])).dataSync()[1],
  drawn: [0, 1, 2, 3, 4].every(() => { const v = randomInt(10, 20); return v >= 10 && v < 20; }),
  kernel: inKernel(),
  hooked,
}));`;

test("replacing globals, intrinsics, tf, the library, the module cache or tslab's objects changes nothing; any thrown value fails its cell", async () => {
  const { results, alive } = await kernelSession({
    requests: [
      { code: 'import { tf, gaussianMI, init } from "neural-mi";\nawait init();', stop_on_error: false },
      { code: ATTACKS, stop_on_error: false },
      { code: CHECKS, stop_on_error: false },
      // the protocol still carries the cells' code and their failures, whatever is thrown
      { code: 'throw new Error("a failure is still a failure")', stop_on_error: false },
      { code: 'throw { get message(): string { throw new Error("no"); }, toString: () => "ok" };', stop_on_error: false },
      { code: 'throw { message: "plain", get stack(): string { throw 1; } };', stop_on_error: false },
      // outputs one after another, as fast as a loop prints them: every one is sent (zeromq took
      // one send at a time and refused the next while one was in progress, so most were lost)
      { code: 'for (let i = 0; i < 600; i++) console.log("line " + i);\nconsole.error("the last");', stop_on_error: false },
    ],
  });
  assert.equal(alive, true);
  for (const [i, result] of results.slice(0, 3).entries()) assert.equal(result.reply.status, "ok", `cell ${i}: ${result.reply.evalue}`);
  assert.equal(stdout(results[1]), "attacks tried\n");
  assert.deepEqual(JSON.parse(stdout(results[2])), {
    json: "[1]",
    abs: 2,
    every: false,
    toFixed: "0.50",
    isError: true,
    sub: 2,
    gaussianMI: "0.1438",
    required: "0.1438",
    bundle: "function",
    fromTypedArray: 2,
    drawn: true,
    kernel: true,
    hooked: 0,
  });
  assert.equal(results[3].reply.status, "error");
  assert.equal(results[3].reply.evalue, "a failure is still a failure");
  assert.equal(results[4].reply.status, "error");
  assert.match(results[4].reply.evalue, /could not be described/);
  assert.equal(results[5].reply.status, "error");
  assert.equal(results[5].reply.evalue, "plain");
  assert.equal(stdout(results[6]).split("\n").filter((line) => line.startsWith("line ")).length, 600);
  assert.equal(results[6].iopub.filter(([type, content]) => type === "stream" && content.name === "stderr").map(([, content]) => content.text).join(""), "the last\n");
});

// TensorFlow.js's engine, environment and backend (reached here directly): each attack would
// leave code of the cell's where every later operation runs it, or make reads lie. In strict
// mode, so that a refused assignment throws instead of failing silently.
const TF_HOOKS = `"use strict";
const E: any = tf.engine();
const B: any = tf.backend();
const ENV: any = tf.ENV;
let hooked = 0;
const hook = () => { hooked += 1; };
const pushing = function (this: unknown[], ...items: unknown[]) { hook(); return Array.prototype.push.apply(this, items); };
const v: any = tf.variable(tf.tensor1d([1, 2, 3]));
const t: any = tf.tensor1d([4, 5, 6]);
const tried: string[] = [];
const tryIt = (name: string, attack: () => void) => { try { attack(); tried.push(name); } catch (_refused) {} };
tryIt("getBool", () => { ENV.getBool = () => { hook(); return false; }; });
tryIt("flag getter", () => { Object.defineProperty(ENV.flags, "DEBUG", { get() { hook(); return false; } }); });
tryIt("DEBUG", () => { ENV.set("DEBUG", true); });
tryIt("platform", () => { ENV.platform.now = () => { hook(); return 0; }; });
tryIt("flag registry", () => { ENV.flagRegistry.IS_TEST.evaluationFn = () => { hook(); return false; }; });
tryIt("scope stack", () => { E.state.scopeStack.push = pushing; });
tryIt("active scope", () => { const track: any = []; track.push = pushing; E.state.activeScope = { track, name: "mine", id: -1 }; });
tryIt("tensor records", () => { E.state.tensorInfo.get = () => { hook(); }; });
tryIt("fake backend", () => { E.state.tensorInfo.set(v.dataId, { backend: { readSync() { hook(); return new Float32Array(3); } }, dtype: "float32", shape: [3], bytes: 12 }); });
tryIt("profiling", () => { E.state.profiling = true; });
tryIt("variable registry", () => { Object.defineProperty(E.state.registeredVariables, "variable999", { set: hook, get: hook }); });
tryIt("variable accessor", () => { Object.defineProperty(v, "dataId", { get() { hook(); return t.dataId; } }); });
tryIt("tensor method", () => { t.dispose = hook; });
tryIt("shape accessor", () => { Object.defineProperty(t.shape, 0, { get() { hook(); return 3; } }); });
tryIt("memory view", () => { B.wasm.HEAPU8 = new Uint8Array(B.wasm.HEAPU8.length); });
tryIt("malloc", () => { const malloc = B.wasm._malloc; B.wasm._malloc = (n: number) => { hook(); return malloc(n); }; });
tryIt("module table", () => { B.wasm.tfjs.registerTensor = hook; });
tryIt("storage map", () => { B.dataIdMap.data.get = hook; });
tryIt("storage record", () => { Object.defineProperty(B.dataIdMap.get(t.dataId), "memoryOffset", { get() { hook(); return 0; } }); });
// a record pointed at memory the test had just filled: the kernel's scrub zeroed it when the record's tensor was disposed
tryIt("storage offset", () => { B.dataIdMap.get(t.dataId).memoryOffset = 0; });
tryIt("storage shape", () => { B.dataIdMap.get(t.dataId).shape[0] = 100; });
tryIt("tensor shape", () => { t.shape[0] = 0; });
tryIt("tensor size", () => { t.size = 0; });
tryIt("data ids", () => { B.dataIdNextNumber = 0; });
tryIt("tracking", () => { E.trackTensor = hook; });
tryIt("disposal", () => { B.disposeData = hook; });
tryIt("engine property", () => { E.backend = { readSync: hook }; });
console.log("taken: " + tried.join(", "));`;

const TF_CHECKS = `const before = hooked;
const x = tf.tensor2d([[1, 2], [3, 4]]);
const w = tf.variable(tf.tensor2d([[0.5], [-1]]));
const { value, grads } = tf.tidy(() => tf.variableGrads(() => tf.sum(tf.matMul(x, w)), [w]));
// what a tidy computed and freed (a test's reference) is not left in the heap for later code to read
let offset = 0;
tf.tidy(() => { offset = B.dataIdMap.get(tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 8]).dataId).memoryOffset; });
const freed = Array.from(B.wasm.HEAPF32.subarray(offset / 4 + 2, offset / 4 + 8));
console.log(JSON.stringify({ value: value.dataSync()[0], grad: Array.from(grads[w.name].dataSync()), v: Array.from(v.dataSync()), t: Array.from(t.dataSync()), hooked: hooked - before, freed }));`;

test("TensorFlow.js's engine, environment and backend take no code of a cell's, and reads tell the truth", async () => {
  const { results } = await kernelSession({
    requests: [
      { code: 'import { tf, init } from "neural-mi";\nawait init();', stop_on_error: false },
      { code: TF_HOOKS, stop_on_error: false },
      { code: TF_CHECKS, stop_on_error: false },
    ],
  });
  for (const [i, result] of results.entries()) assert.equal(result.reply.status, "ok", `cell ${i}: ${result.reply.evalue}`);
  assert.equal(stdout(results[1]), "taken: \n", "every attack was refused");
  assert.deepEqual(JSON.parse(stdout(results[2])), { value: -4, grad: [4, 6], v: [1, 2, 3], t: [4, 5, 6], hooked: 0, freed: [0, 0, 0, 0, 0, 0] });
});

test("a package's name always means the package: a neural-mi.ts beside the notebook, compiled by a cell, is not what a test imports, nor a tslab in the notebook's folder the kernel", async () => {
  // a cell's type import makes tslab compile ./neural-mi.ts and keep its output where it looked
  // first for any `require(name)`; only a path ("./helper") reaches a cell's module now
  // a tslab a notebook wrote into its folder, where nbgrader starts the kernel of the student's
  // next notebook: tslab's own `kernel` command would run it, and it would answer for the kernel
  const realTslab = join(repoRoot, "node_modules", "tslab", "dist", "main.js");
  const writeNotebookFolder = (folder) => {
    const notebookFolder = join(folder, "notebook");
    mkdirSync(join(notebookFolder, "node_modules", "tslab", "dist"), { recursive: true });
    writeFileSync(
      join(notebookFolder, "node_modules", "tslab", "dist", "main.js"),
      `exports.startKernel = (options) => {\n  process.env.KERNEL_OF_THE_NOTEBOOK = "yes";\n  require(${JSON.stringify(realTslab)}).startKernel({ ...options, enableFindLocal: false });\n};\n`,
    );
    writeFileSync(join(notebookFolder, "neural-mi.ts"), "export const gaussianMI = (rho: number): number => 42;\nexport const reportResult = (result: unknown): string => \"\";\n");
    return notebookFolder;
  };
  const { results } = await inKernelFolder(
    "neural-mi-shadow-",
    [
      { code: 'type Lib = typeof import("./neural-mi");\nconst unused: Lib | null = null;', stop_on_error: false },
      { code: 'import { gaussianMI } from "neural-mi";\nconsole.log(gaussianMI(0.5).toFixed(4));', stop_on_error: false },
      { code: "/** @module helper */\nexport const two = 2;", stop_on_error: false },
      { code: 'import { two } from "./helper";\nconsole.log(two);', stop_on_error: false },
      { code: 'console.log(process.env.KERNEL_OF_THE_NOTEBOOK ?? "the course\'s");', stop_on_error: false },
      // a module cell named like a built-in module a test imports (chapters 3 and 5 draw their hidden
      // checks' inputs with `randomInt` from "crypto"): only a path reaches a cell's module
      { code: "/** @module crypto */\nexport function randomInt(_low: number, _high?: number): number { return 4; }", stop_on_error: false },
      { code: 'import { randomInt } from "crypto";\nconsole.log(new Set(Array.from({ length: 4 }, () => randomInt(0, 2 ** 40))).size);', stop_on_error: false },
    ],
    writeNotebookFolder,
  );
  for (const [i, result] of results.entries()) assert.equal(result.reply.status, "ok", `cell ${i}: ${result.reply.evalue}`);
  assert.equal(stdout(results[1]), "0.1438\n", "the library's gaussianMI, not the file's");
  assert.equal(stdout(results[3]), "2\n", "a module of a cell is still imported by its path");
  assert.equal(stdout(results[4]), "the course's\n", "the kernel is the course's tslab");
  assert.equal(stdout(results[6]), "4\n", "node's crypto draws, not the module cell's randomInt");
});

test("typings a cell writes into its folder's node_modules do not stand for the packages the kernel loaded; a student's own package keeps its types", async () => {
  // node runs the preloaded packages whatever a folder holds (harden.cjs, pinPackageResolution); the
  // compiler had read these, and a const enum of theirs made a later cell's read of the library a constant
  const writeTypings = `import * as fs from "fs";
const put = (folder: string, files: Record<string, string>) => {
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(folder + "/" + name, text);
};
put("node_modules/neural-mi", { "package.json": '{ "name": "neural-mi", "types": "index.d.ts" }', "index.d.ts": "declare const enum Fixed { version_core = 42 }\\nexport declare const tf: typeof Fixed;\\n" });
put("node_modules/@tensorflow", { "tfjs-core.d.ts": "export declare const enum Rank { R0 = 42 }\\n" });
put("node_modules/own-types", { "package.json": '{ "name": "own-types", "types": "index.d.ts" }', "index.d.ts": "export interface Pair { x: number; y: number }" });`;
  const { results } = await inKernelFolder(
    "neural-mi-typings-",
    [
      { code: writeTypings, stop_on_error: false },
      { code: 'import { tf } from "neural-mi";\nconsole.log(tf.version_core);', stop_on_error: false },
      { code: 'import { Rank } from "@tensorflow/tfjs-core";\nconsole.log(Rank.R0);', stop_on_error: false },
      { code: 'import type { Pair } from "own-types";\nconst pair: Pair = { x: 40, y: 2 };\nconsole.log(pair.x + pair.y);', stop_on_error: false },
      { code: 'const wrong: Pair = { x: "40", y: 2 };', stop_on_error: false },
    ],
    (folder) => {
      mkdirSync(join(folder, "notebook"));
      return join(folder, "notebook");
    },
  );
  for (const [i, result] of results.slice(0, 4).entries()) assert.equal(result.reply.status, "ok", `cell ${i}: ${result.reply.evalue}`);
  const { version } = JSON.parse(readFileSync(join(repoRoot, "node_modules", "@tensorflow", "tfjs-core", "package.json"), "utf8"));
  assert.equal(stdout(results[1]), `${version}\n`, "the library's tf, not the written typings' constant");
  assert.equal(stdout(results[2]), "R0\n", "TensorFlow.js's own typings (its Rank), not a file standing for the package");
  assert.equal(stdout(results[3]), "42\n", "a package of types of the student's own is imported");
  assert.equal(results[4].reply.ename, "TypeScriptError", "and compiled against its types");
  assert.match(results[4].reply.evalue, /'string' is not assignable to type 'number'/);
});

// Code runs from the cells and the packages' files only: a copy of the library made from its
// text (a function's own source, or a package file read or copied) and run by any evaluator had a
// guard of its own, which refused nothing while a test refused the library (harden.cjs,
// codeOnlyFromCells). Each route is tried under the test's guard; none may answer.
const EVALUATORS = `import * as library from "neural-mi";
const reach: any = (process as any)["main" + "Module"]["req" + "uire"]("module").createRequire(process.cwd() + "/cell.js");
const fs: any = reach("fs");
const path: any = reach("path");
const Module: any = reach("module");
const G: any = (function (this: any) {
  return this;
})();
const text = String((library as any)["gaussian" + "MI"]);
const copyText = "(() => { const reference_guard_1 = { refuseWhileTested() {} }; const checkCorrelation = () => {}; return (" + text + "); })()";
const index: string = reach.resolve("neural-mi");
const guardFile = path.join(path.dirname(index), "estimators", "reference-guard.js");
const gaussianFile = path.join(path.dirname(index), "tasks", "gaussian.js");
const routes: [string, () => any][] = [
  ["eval", () => G["ev" + "al"](copyText)],
  ["Function", () => G["Func" + "tion"]("return " + copyText)()],
  ["vm.runInThisContext", () => reach("vm").runInThisContext(copyText)],
  ["vm.Script", () => new (reach("vm").Script)(copyText).runInThisContext()],
  ["vm.compileFunction", () => reach("vm").compileFunction("return " + copyText)()],
  ["vm.runInNewContext", () => reach("vm").runInNewContext(copyText, { Math })],
  ["contextify", () => (process as any)["bind" + "ing"]("contextify").ContextifyScript],
  ["Compartment", () => new G["Compart" + "ment"]({ globals: { Math } }).evaluate(copyText)],
  ["a module of its own", () => {
    const own = new Module(path.join(process.cwd(), "own.js"));
    own["_com" + "pile"]("module.exports = " + copyText, path.join(process.cwd(), "own.js"));
    return own.exports;
  }],
  ["a copied file", () => {
    fs.mkdirSync("copy/tasks", { recursive: true });
    fs.mkdirSync("copy/estimators", { recursive: true });
    fs.mkdirSync("copy/data", { recursive: true });
    for (const file of ["tasks/gaussian.js", "estimators/reference-guard.js", "data/checks.js"]) fs.copyFileSync(path.join(path.dirname(index), file), "copy/" + file);
    return reach(path.join(process.cwd(), "copy", "tasks", "gaussian.js"))["gaussian" + "MI"];
  }],
  ["a second guard", () => {
    const fresh = new Module(guardFile);
    fresh.filename = guardFile;
    fresh["_com" + "pile"](fs.readFileSync(guardFile, "utf8"), guardFile);
    const copy = new Module(gaussianFile);
    copy.filename = gaussianFile;
    copy.paths = Module._nodeModulePaths(path.dirname(gaussianFile));
    copy.require = (id: string) => (id.includes("reference-guard") ? fresh.exports : reach(path.resolve(path.dirname(gaussianFile), id)));
    copy["_com" + "pile"](fs.readFileSync(gaussianFile, "utf8"), gaussianFile);
    return copy.exports["gaussian" + "MI"];
  }],
];
for (const [name, route] of routes) {
  let outcome: string;
  try {
    const copy = route();
    outcome = typeof copy === "function" ? String((library as any).withoutReference(["gaussianMI"], () => copy(0.5))) : "got " + typeof copy;
  } catch (error) {
    outcome = "refused";
  }
  console.log("EVALUATOR " + name + ": " + outcome);
}`;

test("no evaluator runs code made or read at run time: a copy of the library from its text answers nothing", async () => {
  const { results } = await inKernelFolder("neural-mi-evaluators-", [{ code: EVALUATORS, stop_on_error: false }]);
  assert.equal(results[0].reply.status, "ok", results[0].reply.evalue);
  const lines = stdout(results[0]).trim().split("\n");
  assert.equal(lines.length, 11, lines.join("\n"));
  for (const line of lines) assert.match(line, /^EVALUATOR [^:]+: refused$/, line);
});

// Nothing reaches into the running kernel from beside the cells: an inspector session runs text
// (Runtime.evaluate, past "no-eval") and can pause a test to read and write its frames; a worker is an
// unhardened realm that can connect to the kernel's inspector; a heap snapshot holds every test's
// compiled text, and v8.queryObjects describes every live object of a class (a test's syntax tree);
// V8's flags change how every later cell runs; a promise hook is handed the promise zeromq settles
// with each request, the next cell's code (a test's hidden checks and token) as it arrives.
const INSIDE = `const reach: any = (process as any)["main" + "Module"]["req" + "uire"];
const levers: [string, () => unknown][] = [
  ["inspector.Session", () => { const session = new (reach("inspector").Session)(); session.connect(); let answer = ""; session.post("Runtime.evaluate", { expression: "6 * 7" }, (_e: unknown, r: any) => (answer = String(r.result.value))); return answer; }],
  ["inspector/promises.Session", () => new (reach("inspector/promises").Session)()],
  ["inspector.open", () => reach("inspector").open(0)],
  ["process._debugProcess", () => (process as any)._debugProcess(process.pid)],
  ["SIGUSR1 to itself", () => process.kill(process.pid, "SIGUSR1")],
  ["worker_threads.Worker", () => new (reach("worker_threads").Worker)("1", { eval: true })],
  ["v8.writeHeapSnapshot", () => reach("v8").writeHeapSnapshot()],
  ["v8.getHeapSnapshot", () => reach("v8").getHeapSnapshot()],
  ["v8.queryObjects", () => reach("v8").queryObjects(Array, { format: "summary" }).length],
  ["v8.setFlagsFromString", () => reach("v8").setFlagsFromString("--stack-size=60")],
  ["process.binding(inspector)", () => (process as any).binding("inspector")],
  // hooks handed the kernel's own promises, one of which holds each request as it arrives (a test's code)
  ["v8.promiseHooks.onSettled", () => reach("v8").promiseHooks.onSettled(() => undefined)],
  ["async_hooks.createHook", () => reach("async_hooks").createHook({}).enable()],
  ["async_hooks.executionAsyncResource", () => reach("async_hooks").executionAsyncResource()],
  ["process.binding(async_wrap)", () => (process as any).binding("async_wrap")],
  // a trace of V8's categories: newer V8s write each script's source into it (the tests' code)
  ["trace_events.createTracing", () => reach("trace_events").createTracing({ categories: ["v8"] }).enable()],
  // loader hooks: a data: module run in a thread of its own (no hardening, no "no-eval"), whose inspector
  // session on the kernel's main thread ran Runtime.evaluate in the cells' realm
  ["module.register", () => {
    const hook = 'import { writeFileSync } from "node:fs"; writeFileSync(process.cwd() + "/hooked.txt", "ran"); const { Session } = await import("node:inspector"); const s = new Session(); s.connectToMainThread(); s.post("Runtime.evaluate", { expression: "6 * 7" }, (e, r) => writeFileSync(process.cwd() + "/evaluated.txt", String(r?.result?.value)));';
    reach("module").register("data:text/javascript," + encodeURIComponent(hook));
    return "registered";
  }],
];
for (const [name, lever] of levers) {
  try {
    const got = lever();
    console.log(\`LEVER \${name}: taken \${String(got)}\`);
  } catch (error) {
    console.log(\`LEVER \${name}: \${/not available in the course's kernel|EPERM|operation not permitted/.test(String(error)) ? "refused" : String(error)}\`);
  }
}
// what a registered hook would have written (the thread starts on its own, within a second here)
await new Promise((done) => setTimeout(done, 1500));
const wrote = ["hooked.txt", "evaluated.txt"].filter((file) => reach("fs").existsSync(file));
console.log(wrote.length === 0 ? "HOOKS ran nothing" : "HOOKS ran: " + wrote.join(", "));`;

// A cell works on the descriptors it opened (own-descriptors.cjs), not on the kernel's: each route
// below is tried on one of the kernel's zeromq sockets, the close last; the cell's own file works.
const DESCRIPTORS = `const reach: any = (process as any)["main" + "Module"]["req" + "uire"];
const fs: any = reach("fs");
const kernels = fs.readdirSync("/proc/self/fd").map(Number).filter((fd: number) => {
  try {
    return fd > 2 && fs.readlinkSync("/proc/self/fd/" + fd).startsWith("socket:");
  } catch {
    return false;
  }
});
const socket = kernels[0];
const verdict = (error: unknown) => (/not a file descriptor this notebook opened/.test(String(error)) ? "refused" : String(error));
const none = Buffer.alloc(0);
const routes: [string, () => unknown][] = [
  ["fs.fstatSync", () => fs.fstatSync(socket).ino],
  ["fs.fstat", () => fs.fstat(socket, () => {})],
  ["fs.readSync", () => fs.readSync(socket, Buffer.alloc(1), 0, 1, null)],
  ["fs.writeSync", () => fs.writeSync(socket, none)],
  ["fs.write", () => fs.write(socket, none, () => {})],
  ["fs.writevSync", () => fs.writevSync(socket, [none])],
  ["fs.writeFileSync", () => fs.writeFileSync(socket, "")],
  ["fs.appendFileSync", () => fs.appendFileSync(socket, "")],
  ["fs.readFileSync", () => fs.readFileSync(socket)],
  ["fs.ftruncateSync", () => fs.ftruncateSync(socket)],
  ["fs.fsyncSync", () => fs.fsyncSync(socket)],
  ["fs.fchmodSync", () => fs.fchmodSync(socket, 0o600)],
  ["fs.createReadStream", () => fs.createReadStream(null, { fd: socket, autoClose: false }).pause()],
  ["fs.createWriteStream", () => fs.createWriteStream(null, { fd: socket, autoClose: false })],
  ["net.Socket", () => new (reach("net").Socket)({ fd: socket, readable: false }).pause()],
  ["tty.WriteStream", () => new (reach("tty").WriteStream)(socket)],
  ["tty.WriteStream's own class", () => new (reach("tty").WriteStream.prototype.constructor)(socket)],
  ["process.binding(fs)", () => (process as any).binding("fs")],
  ["fs.ftruncateSync of stdout", () => fs.ftruncateSync(1)],
  ["fs.closeSync of stdout", () => fs.closeSync(1)],
  ["fs.closeSync", () => fs.closeSync(socket)],
];
for (const [name, route] of routes) {
  try {
    console.log(\`FD \${name}: taken \${String(route())}\`);
  } catch (error) {
    console.log(\`FD \${name}: \${verdict(error)}\`);
  }
}
const opened = await fs.promises.open(process.cwd() + "/own.txt", "w+");
const FileHandle = opened.constructor;
const symbol = (name: string) => Object.getOwnPropertySymbols(opened).find((s) => s.description === name)!;
const handles: [string, () => any][] = [
  ["a FileHandle of its own making", () => new FileHandle({ fd: socket, close: async () => {} })],
  ["a FileHandle given another fd", () => Object.assign(Object.create(opened), { [symbol("kFd")]: socket })],
  ["a FileHandle of node's own handle class", () => new FileHandle(new ((opened as any)[symbol("kHandle")].constructor)(socket))],
];
for (const [name, handle] of handles) {
  try {
    console.log(\`FD \${name}: taken \${(await handle().stat()).ino}\`);
  } catch (error) {
    console.log(\`FD \${name}: \${verdict(error)}\`);
  }
}
await opened.write("handle ");
await opened.close();
const own = fs.openSync(process.cwd() + "/own.txt", "a+");
fs.writeSync(own, "sync ");
const stream = fs.createWriteStream(null, { fd: own, autoClose: false });
await new Promise((done) => stream.end("stream", done));
console.log(\`OWN \${fs.fstatSync(own).size} \${fs.readFileSync(process.cwd() + "/own.txt", "utf8")}\`);
fs.closeSync(own);
try {
  fs.writeSync(own, "after");
  console.log("OWN closed: written");
} catch (error) {
  console.log(\`OWN closed: \${verdict(error)}\`);
}`;

// Nor a service of the kernel's user listening on a Unix socket (no-local-sockets.cjs): the session
// bus, an ssh agent or docker's socket take that user for their client, and under nbgrader the
// kernel runs as the grader. Each route to a socket of the test's own is tried, and so is replacing
// the refusal; TCP still connects.
const LOCAL_SOCKETS = (socketPath, port) => `const reach: any = (process as any)["main" + "Module"]["req" + "uire"];
const net: any = reach("net");
const said = (error: any) => (/connecting to a Unix socket is refused/.test(String(error)) ? "refused" : String(error.code ?? error));
const outcome = (connect: () => any) =>
  new Promise<string>((done) => {
    try {
      const socket = connect();
      socket.on("connect", () => {
        socket.destroy();
        done("connected");
      });
      socket.on("error", (error: any) => done(said(error)));
    } catch (error) {
      done(said(error));
    }
  });
const path = ${JSON.stringify(socketPath)};
const routes: [string, () => any][] = [
  ["net.connect", () => net.connect(path)],
  ["net.createConnection", () => net.createConnection({ path })],
  ["a Socket's connect", () => new net.Socket().connect({ path })],
  ["a Socket's connect with a callback", () => new net.Socket().connect(path, () => {})],
  ["tls.connect", () => reach("tls").connect({ path })],
  ["http.request", () => {
    const request = reach("http").request({ socketPath: path, path: "/" });
    request.end();
    const on = (event: string, listener: any) => (event === "connect" ? request.on("socket", (socket: any) => socket.on("connect", listener)) : request.on(event, listener));
    return { on, destroy: () => request.destroy() };
  }],
  ["an abstract name", () => net.connect("\\0neural-mi-test")],
];
for (const [name, route] of routes) console.log("LOCAL " + name + ": " + (await outcome(route)));
const refusing = net.Socket.prototype.connect;
try {
  net.Socket.prototype.connect = function () { return this; };
} catch {}
console.log("LOCAL the refusal replaced: " + (net.Socket.prototype.connect === refusing ? "refused" : "taken"));
try {
  net.Socket.prototype.connect = refusing;
} catch {}
console.log("TCP " + (await outcome(() => net.connect(${port}, "127.0.0.1"))));`;

test("nothing reaches into the running kernel: no inspector, worker, heap snapshot or V8 flag, nor any file descriptor the cell did not open, nor a Unix socket", async () => {
  const outside = mkdtempSync(join(tmpdir(), "neural-mi-outside-"));
  let reached = 0;
  const unix = createServer((socket) => {
    reached += 1;
    socket.destroy();
  });
  const tcp = createServer((socket) => socket.destroy());
  const socketPath = join(outside, "service.sock");
  await Promise.all([new Promise((done) => unix.listen(socketPath, done)), new Promise((done) => tcp.listen(0, "127.0.0.1", done))]);
  let session;
  try {
    session = await inKernelFolder("neural-mi-inside-", [
      { code: INSIDE, stop_on_error: false },
      { code: DESCRIPTORS, stop_on_error: false },
      { code: LOCAL_SOCKETS(socketPath, tcp.address().port), stop_on_error: false },
      { code: "console.log(\"still here\")", stop_on_error: false },
    ]);
  } finally {
    await Promise.all([new Promise((done) => unix.close(done)), new Promise((done) => tcp.close(done))]);
    rmSync(outside, { recursive: true, force: true });
  }
  const { results, alive } = session;
  assert.equal(alive, true);
  assert.equal(results[0].reply.status, "ok", results[0].reply.evalue);
  const lines = stdout(results[0]).trim().split("\n");
  assert.equal(lines.length, 18, lines.join("\n"));
  assert.ok(lines.includes("HOOKS ran nothing"), lines.join("\n"));
  for (const line of lines) assert.match(line, /^(LEVER [^:]+: refused|HOOKS ran nothing)$/, line);
  assert.equal(results[1].reply.status, "ok", results[1].reply.evalue);
  const descriptors = stdout(results[1]).trim().split("\n");
  assert.deepEqual(descriptors.filter((line) => line.startsWith("FD ") && !line.endsWith(": refused")), []);
  assert.equal(descriptors.filter((line) => line.startsWith("FD ")).length, 24, descriptors.join("\n"));
  assert.deepEqual(descriptors.filter((line) => line.startsWith("OWN ")), ["OWN 18 handle sync stream", "OWN closed: refused"]);
  assert.equal(results[2].reply.status, "ok", results[2].reply.evalue);
  const sockets = stdout(results[2]).trim().split("\n");
  assert.deepEqual(sockets.filter((line) => line.startsWith("LOCAL ") && !line.endsWith(": refused")), [], sockets.join("\n"));
  assert.equal(sockets.filter((line) => line.startsWith("LOCAL ")).length, 8, sockets.join("\n"));
  assert.ok(sockets.includes("TCP connected"), sockets.join("\n"));
  assert.equal(reached, 0);
  assert.equal(stdout(results[3]), "still here\n");
});

// WebAssembly compiles only TensorFlow.js's own backend and, once, the library's fused kernel
// (harden.cjs, webAssemblyOnlyForPackages): a cell that compiled the library's mlp.wasm from the
// package's file could drive its forward pass on weights of its own, out of reach of the guard
// on the library's instances. Every route to compile bytes is tried; TensorFlow.js and the
// library's trainer still work after. Nor does a cell change the namespace's other members (its
// Instance, which a trainer instantiates the library's kernel with, was a cell's to replace).
const WASM_ROUTES = `import * as tf from "@tensorflow/tfjs-core";
import * as library from "neural-mi";
const reach: any = (process as any)["main" + "Module"]["req" + "uire"]("module").createRequire(process.cwd() + "/cell.js");
const fs: any = reach("fs");
const path: any = reach("path");
const W: any = (globalThis as any)["WebAss" + "embly"];
const kernelFile = path.join(path.dirname(reach.resolve("neural-mi")), "fast", "mlp.wasm");
const bytes: Uint8Array = fs.readFileSync(kernelFile);
// the same module with a custom section added: other bytes, the same code
const renamed = new Uint8Array([...bytes, 0, 4, 3, 0x61, 0x62, 0x63]);
const empty = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const settle = async (make: () => any) => {
  try {
    const made = await make();
    return "compiled " + typeof made;
  } catch (error) {
    return "refused";
  }
};
const routes: [string, () => any][] = [
  ["Module", () => new W.Module(bytes)],
  ["Module of a copy with another section", () => new W.Module(renamed)],
  ["Module of an empty module", () => new W.Module(empty)],
  ["Module of its ArrayBuffer", () => new W.Module(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))],
  ["the prototype's constructor", () => new W.Module.prototype.constructor(bytes)],
  ["a subclass", () => new (class extends W.Module {
    constructor(source: any) {
      super(source);
    }
  })(bytes)],
  ["compile", () => W.compile(bytes)],
  ["instantiate", () => W.instantiate(bytes, { env: { abort() {} } })],
  ["compileStreaming", () => W.compileStreaming(new Response(bytes, { headers: { "content-type": "application/wasm" } }))],
  ["instantiateStreaming", () => W.instantiateStreaming(new Response(bytes, { headers: { "content-type": "application/wasm" } }), { env: { abort() {} } })],
];
for (const [name, route] of routes) console.log("WASM " + name + ": " + (await settle(route)));
await tf.setBackend("wasm");
await tf.ready();
console.log("TF " + tf.getBackend() + " " + tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]);
// the namespace's other members, which the library's kernel is instantiated and read through as
// a trainer makes its network: a cell's Instance was handed the library's compiled module, and
// instances of it made with the original have an unguarded forward pass
let captured: unknown = null;
const OriginalInstance = W.Instance;
const OriginalMemory = W.Memory;
const bufferGetter = Object.getOwnPropertyDescriptor(W.Memory.prototype, "buffer")!.get;
const exportsGetter = Object.getOwnPropertyDescriptor(W.Instance.prototype, "exports")!.get;
function Spying(this: unknown, module: unknown, imports: unknown) {
  captured = module;
  return new OriginalInstance(module, imports);
}
const hooks: [string, () => unknown, () => boolean][] = [
  ["Instance", () => (W.Instance = Spying), () => W.Instance !== OriginalInstance],
  ["Instance defined", () => Object.defineProperty(W, "Instance", { value: Spying }), () => W.Instance !== OriginalInstance],
  ["Memory", () => (W.Memory = Spying), () => W.Memory !== OriginalMemory],
  ["Memory's buffer", () => Object.defineProperty(W.Memory.prototype, "buffer", { get: () => new ArrayBuffer(8) }), () => Object.getOwnPropertyDescriptor(W.Memory.prototype, "buffer")!.get !== bufferGetter],
  ["Instance's exports", () => Object.defineProperty(W.Instance.prototype, "exports", { get: () => ({}) }), () => Object.getOwnPropertyDescriptor(W.Instance.prototype, "exports")!.get !== exportsGetter],
  ["a new member", () => (W.extra = 1), () => "extra" in W],
];
for (const [name, hook, taken] of hooks) {
  try {
    hook();
  } catch {}
  console.log("HOOK " + name + ": " + (taken() ? "taken" : "refused"));
}
await library.init();
const data = library.courseData({ seed: 0, n: 200 });
const trainer = new library.MINETrainer(data.x, data.y, new library.Net({ seed: 1 }));
trainer.step(1);
console.log("FUSED " + trainer.usesFusedKernel + " " + typeof trainer.history.estimate[0]);
console.log("CAPTURED " + (captured !== null));
`;

test("WebAssembly compiles only TensorFlow.js's backend and the library's kernel: the library's mlp.wasm compiled by a cell is refused", async () => {
  const { results } = await inKernelFolder("neural-mi-wasm-", [{ code: WASM_ROUTES, stop_on_error: false }]);
  assert.equal(results[0].reply.status, "ok", results[0].reply.evalue);
  const lines = stdout(results[0]).trim().split("\n");
  const routes = lines.filter((line) => line.startsWith("WASM "));
  assert.equal(routes.length, 10, lines.join("\n"));
  for (const line of routes) assert.match(line, /^WASM [^:]+: refused$/, line);
  assert.ok(lines.includes("TF wasm 6"), `TensorFlow.js's WebAssembly backend still starts and computes:\n${lines.join("\n")}`);
  assert.ok(lines.includes("FUSED true number"), `the library's fused kernel, compiled as the kernel hardened, still trains:\n${lines.join("\n")}`);
  const hooks = lines.filter((line) => line.startsWith("HOOK "));
  assert.equal(hooks.length, 6, lines.join("\n"));
  for (const line of hooks) assert.match(line, /^HOOK [^:]+: refused$/, line);
  assert.ok(lines.includes("CAPTURED false"), `no cell is handed the library's compiled kernel:\n${lines.join("\n")}`);
});

// tslab reads a name from an earlier cell's `exports` when the name has a declaration among the
// earlier cells' declarations. A cell's global augmentation gave JavaScript's own Math one, so a
// later cell (a test) read `exports.Math`, which another cell had set: every `Math.abs(got -
// expected) <= tolerance` of the tests passed. Only a name every declaration of which is an
// earlier cell's is read from `exports` now.
test("a cell's global augmentation does not make a later cell read JavaScript's own names from the cells' shared names", async () => {
  const augmentation = "declare global {\n  interface Math { readonly __tag?: never }\n  var __global: any\n}\nfunction shadow(global: number) { return global; }";
  const { results } = await kernelSession({
    requests: [
      { code: `${augmentation}\nconst fakeMath: any = { abs: (_v: number) => 0 };\nconst mine = 41;`, stop_on_error: false },
      { code: `${augmentation}\n{ [Math] = [fakeMath] as any[]; }`, stop_on_error: false },
      { code: "console.log(JSON.stringify({ abs: Math.abs(-3), mine: mine + 1 }));", stop_on_error: false },
      // the same with an interface of the cell's own (a module's, which the reading of the code lets
      // through as a type): a type, not a value, so the next cell's Math is JavaScript's too
      { code: "interface Math { readonly __own?: never }\n{ [Math] = [fakeMath] as any[]; }", stop_on_error: false },
      { code: "console.log(Math.abs(-3));", stop_on_error: false },
    ],
  });
  assert.equal(results[2].reply.status, "ok", results[2].reply.evalue);
  assert.deepEqual(JSON.parse(stdout(results[2])), { abs: 3, mine: 42 }, "JavaScript's Math, and an earlier cell's own name still shared");
  assert.equal(stdout(results[4]), "3\n", "a cell's own interface Math leaves JavaScript's Math");
});

test("the kernel's TypeScript keeps no trace: a cell that starts its tracing (every string literal the checker sees, a test's included) is refused", async () => {
  const { results } = await kernelSession({
    requests: [
      {
        code: `const mainRequire: any = (process as any)["main" + "Module"]["req" + "uire"];
const compilerOfKernel: any = mainRequire("module").createRequire(process.cwd() + "/cell.js")("@tslab/typescript-for-tslab");
let refused = "";
try { compilerOfKernel.startTracing("project", mainRequire("os").tmpdir() + "/neural-mi-trace-" + process.pid); } catch (e: any) { refused = e.message; }
console.log(JSON.stringify({ refused, tracing: compilerOfKernel.tracing === undefined }));`,
        stop_on_error: false,
      },
      { code: 'const seen: "a literal type" = "a literal type";\nconsole.log(seen);', stop_on_error: false },
    ],
  });
  for (const [i, result] of results.entries()) assert.equal(result.reply.status, "ok", `cell ${i}: ${result.reply.evalue}`);
  assert.deepEqual(JSON.parse(stdout(results[0])), { refused: "TypeScript's tracing is off in this kernel", tracing: true });
});
