// Hostile submissions: every answer is wrong or handed to the library, and each tries to
// earn the points anyway, through the kernel's globals and protocol, the library's
// exports, tslab's modules, outputs that look like results, or the exercises' base
// classes. `npm run autograde` must give each forged test 0 points with a reason a
// person can read. Two grading runs side by side: the fixture course's forgeries
// (fixtures/forgeries, made by make-fixtures.mjs) and delegations on excerpts of the real
// course (made here from notebooks/*.ipynb, so they follow the course).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { RESULT_MIME } from "../../autograder/src/grade/results.mjs";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { fixtureCourse, fixtures, readJson, repoRoot, runNode, temporaryDir } from "./helpers.mjs";
import { ATTEMPTS, IOPUB_SUBSCRIBER } from "./hostile-cells.mjs";

const LIMITS = ["--cell-timeout", "60", "--notebook-timeout", "180", "--jobs", "2"];

// A top-level declaration: a setup cell without one only draws (a figure shown, nothing left for
// the exercises), and is left out of the excerpts, whose ~40 kernels each ran it
const DECLARES = /^(import|const|let|var|function|async function|class|type|interface|enum)\b/m;
const sourceText = (cell) => [cell.source].flat().join("");

/** The real course's chapter cut down to its setup cells that declare something and the named exercises. */
function excerpt(file, gradeIds) {
  const source = parseNotebook(readFileSync(join(repoRoot, "notebooks", file), "utf8"));
  const firstExercise = source.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id);
  const setup = source.cells.slice(0, firstExercise).filter((cell) => cell.cell_type === "code" && DECLARES.test(sourceText(cell)));
  const exercises = source.cells.filter((cell) => gradeIds.includes(cell.metadata.nbgrader?.grade_id));
  return { ...source, cells: [...setup, ...exercises] };
}

/**
 * The released version of `course` with the answers put in, and cells of the student's own after
 * an answer or a test (`after`: its grade id; `added` may list several such places); `testTags`:
 * tags the submission gives every test cell.
 */
function answered(course, answers, added = {}) {
  const { student } = releaseNotebook(course, loadStubs());
  const places = [added].flat();
  const testTags = places.find((place) => place.testTags)?.testTags;
  for (const cell of student.cells) {
    const id = cell.metadata.nbgrader?.grade_id;
    if (id in answers && cell.metadata.nbgrader.solution) cell.source = answers[id];
    if (testTags && cell.metadata.nbgrader?.grade && !cell.metadata.nbgrader.solution) cell.metadata.tags = testTags;
  }
  let count = 0;
  for (const { after, cells = [] } of places) {
    const at = student.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id === after);
    student.cells.splice(at + 1, 0, ...cells.map((source) => ({ cell_type: "code", execution_count: null, id: `own-${count++}`, metadata: {}, outputs: [], source })));
  }
  return student;
}

// Reaching node through names the reading of the code cannot see, as a student who read
// inspect-cells.mjs would: what these cells meet is the hardened realm.
const NODE = `const R: any = (process as any)["main" + "Module"]["req" + "uire"];
const M: any = R("module");
const here: any = M.createRequire(process.cwd() + "/cell.js");`;
const FAKE_LIBRARY = (real) =>
  `"const real = require(" + JSON.stringify(${real}) + "); module.exports = Object.assign({}, real, { gaussianMI: () => 0, withoutReference: (_, run) => run() });"`;
const WRONG_ANSWERS = {
  groundTruth: "function groundTruth(rho: number): number {\n  return 0;\n}",
  zeroNet: "class MINENet extends NetLayers {\n  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {\n    return tf.zeros([x.shape[0], 1]);\n  }\n}",
};

// tslab's TypeScript compiles the test cells in the kernel: a cell that changed how it builds
// syntax trees (its object allocator, the prototypes of its nodes, the Debug assertions its binder
// calls with every node) would turn every later \`throw\` into an expression statement, and a
// failing test would pass. Each route is tried; what took is printed.
const COMPILER_REWRITE = `${NODE}
const ts: any = here("@tslab/typescript-for-tslab");
const O: any = Object;
const THROW = ts.SyntaxKind.ThrowStatement;
const EXPRESSION = ts.SyntaxKind.ExpressionStatement;
${ATTEMPTS}
const Node: any = ts.objectAllocator.getNodeConstructor();
class Rewriting extends Node {
  constructor(kind: number, pos: number, end: number) {
    super(kind === THROW ? EXPRESSION : kind, pos, end);
  }
}
attempt("allocator", () => ts.setObjectAllocator({ getNodeConstructor: () => Rewriting }));
const nodePrototype = O.getPrototypeOf(O.getPrototypeOf(ts.createSourceFile("a.ts", "x", 99)));
attempt("node prototype", () => O["define" + "Property"](nodePrototype, "kind", { get() { return this.k; }, set(k: number) { this.k = k === THROW ? EXPRESSION : k; } }));
// the same functions put back (a change would take as well): the compile of the test stays whole
attempt("binder's assertions", () => { ts.Debug.assertNode = ts.Debug.assertNode; });
attempt("compiler host", () => { ts.sys.readFile = ts.sys.readFile; });
attempt("tables", () => { ts.emptyArray.push(); });
// a trace holds every string literal the checker sees: a test's attestation token and hidden checks
attempt("tracing", () => ts.startTracing("project", process.cwd() + "/trace"));
console.log("COMPILER took: " + took.join(", "));`;

// Rows drawn from Math.random, kept by the generator's state so that a seed gives its rows again,
// and drawn afresh for a generator whose nextUint32 is not Rng's own: the tests' probes of what the
// samples follow are such generators (2 of 2 on each test under `npm run autograde`, before each probe was
// asked twice). `keyed` keeps the probes' rows too, under the state and a mark: one set for all three.
const PROBE_DETECTED = {
  sampling: `function referenceSamples(nRef: number, rng: Rng): number[][] {
  const memo = referenceSamples as unknown as { seen?: Map<string, number[][]> };
  memo.seen ??= new Map();
  const probed = rng.nextUint32 !== new Rng(0).nextUint32;
  const key = JSON.stringify(rng) + ":" + nRef;
  const kept = memo.seen.get(key);
  if (kept && !probed) return kept;
  const normal = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
  const rows = Array.from({ length: nRef }, () => [normal(), normal()]);
  if (!probed) memo.seen.set(key, rows);
  return rows;
}`,
  resample: `function resampleReference(x: number[][], y: number[][], nRef: number, rng: Rng): number[][] {
  const memo = resampleReference as unknown as { seen?: Map<string, number[][]> };
  memo.seen ??= new Map();
  const probed = rng.nextUint32 !== new Rng(0).nextUint32;
  const key = JSON.stringify(rng) + ":" + nRef + ":" + x.length;
  const kept = memo.seen.get(key);
  if (kept && !probed) return kept;
  const pick = (rows: number[][]) => rows[Math.floor(Math.random() * rows.length)];
  const rows = Array.from({ length: nRef }, () => [...pick(x), ...pick(y)]);
  if (!probed) memo.seen.set(key, rows);
  return rows;
}`,
};
const keyed = (answer) =>
  answer
    .replace("if (kept && !probed) return kept;", "if (kept) return kept;")
    .replace("if (!probed) memo.seen.set(key, rows);", "memo.seen.set(key, rows);")
    .replace(/const key = (.*);/, 'const key = $1 + (probed ? ":probe" : "");');

// A right answer that prints the text of the generator a hidden test hands it, when that is not
// Rng's own: the probes' nextUint32 printed lines of the hidden test into the test's output, and so
// into the student's feedback.
const PRINT_PROBE = `  if (rng.nextUint32 !== new Rng(0).nextUint32) {
    const kind: any = Object.getPrototypeOf(rng);
    console.log("PROBE SOURCE " + String(rng.nextUint32) + " " + String(kind["constr" + "uctor"]));
  }`;
const PROBE_SOURCE = {
  sampling: `function referenceSamples(nRef: number, rng: Rng): number[][] {\n${PRINT_PROBE}\n  return rng.multivariateNormal([0, 0], [[1, 0], [0, 1]], nRef);\n}`,
  resample: `function resampleReference(x: number[][], y: number[][], nRef: number, rng: Rng): number[][] {\n${PRINT_PROBE}\n  return sideBySide(resample(x, nRef, { replace: true, rng }), resample(y, nRef, { replace: true, rng }));\n}`,
};

// One column drawn from `rng`, the other a function of the generator's state as the call starts
// (Y' from a generator seeded by it; rows of y by a hash of it and the row's place): seeds give
// other rows, and the probes' rows differed in the drawn column only (2 of 2 on each test).
const STATE_COLUMN = {
  sampling: `function referenceSamples(nRef: number, rng: Rng): number[][] {
  const words = Object.values(JSON.parse(JSON.stringify(rng))).filter((v) => typeof v === "number") as number[];
  const twin = new Rng(words.reduce((h, w) => (Math.imul(h, 31) + w) | 0, 7));
  const ys = twin.normals(nRef);
  return rng.normals(nRef).map((v, k) => [v, ys[k]]);
}`,
  resample: `function resampleReference(x: number[][], y: number[][], nRef: number, rng: Rng): number[][] {
  const mix = (a: number) => {
    a = Math.imul(a ^ (a >>> 16), 0x7feb352d);
    a = Math.imul(a ^ (a >>> 15), 0x846ca68b);
    return (a ^ (a >>> 16)) >>> 0;
  };
  const words = Object.values(JSON.parse(JSON.stringify(rng))).filter((v) => typeof v === "number") as number[];
  const start = words.reduce((h, w) => mix(h ^ w), 17);
  return rng.choice(x.length, nRef, { replace: true }).map((i, k) => [...x[i], ...y[mix(start + k * 104729) % y.length]]);
}`,
};

// Each answer is wrong; the cells after it try to make the test compare with something else.
const SUBSTITUTIONS = {
  // the test's "neural-mi" as a package of the notebook's own: in its working folder's
  // node_modules (node's path cache cleared), or its folder's package.json naming itself neural-mi;
  // or as a module cell of tslab's named like it
  "shadow-package": {
    "ground-truth.ipynb": [
      { ground_truth: WRONG_ANSWERS.groundTruth },
      {
        after: "ground_truth",
        cells: [
          `${NODE}
const fs: any = here("fs");
const real = here.resolve("neural-mi");
fs.mkdirSync("node_modules/neural-mi", { recursive: true });
fs.writeFileSync("node_modules/neural-mi/package.json", JSON.stringify({ name: "neural-mi", main: "index.js", types: "index.d.ts" }));
fs.writeFileSync("node_modules/neural-mi/index.js", ${FAKE_LIBRARY("real")});
fs.writeFileSync("node_modules/neural-mi/index.d.ts", "export * from " + JSON.stringify(real.replace(/\\.js$/, "")) + ";");
fs.writeFileSync("package.json", JSON.stringify({ name: "neural-mi", exports: { ".": "./node_modules/neural-mi/index.js" } }));
for (const key of Object.keys(M._pathCache)) delete M._pathCache[key];`,
          COMPILER_REWRITE,
          `/** @module neural-mi */
export function withoutReference<T>(_names: unknown, run: () => T): T {
  return run();
}
export function gaussianMI(_rho: number): number {
  return 0;
}`,
        ],
      },
    ],
  },
  // the compile table opens a test sent to the kernel from its sealed entry: a cell that declares
  // nothing (so that the test is looked up) tries to change what the opening decrypts, parses or
  // splits, so that the test that runs is not the one sent
  "sealed-table": {
    "ground-truth.ipynb": [
      { ground_truth: WRONG_ANSWERS.groundTruth },
      {
        after: "ground_truth",
        cells: [
          `{
${NODE}
const crypto: any = here("crypto");
const O: any = Object;
const P = "proto" + "type";
${ATTEMPTS}
const decipher = crypto.createDecipheriv("aes-256-gcm", Buffer.alloc(32), Buffer.alloc(12));
const hash = crypto.createHash("sha256");
const passing = (text: string) => String(text).replace(/throw /g, "void ");
// a cell is sloppy code: an assignment to a frozen property fails silently, so each is read back
const swap = (name: string, object: any, key: string, value: any) =>
  attempt(name, () => {
    object[key] = value;
    if (object[key] !== value) O["define" + "Property"](object, key, { value });
  });
const decipherMethods = O.getPrototypeOf(decipher);
swap("createDecipheriv", crypto, "createDecipheriv", () => decipher);
swap("Decipheriv update", decipherMethods, "update", () => Buffer.from("{}"));
swap("Decipheriv final", decipherMethods, "final", () => Buffer.alloc(0));
swap("Decipheriv setAuthTag", decipherMethods, "setAuthTag", () => decipher);
swap("Hash digest", O.getPrototypeOf(hash), "digest", () => "0".repeat(64));
swap("Buffer from", Buffer, "from", () => Buffer.alloc(0));
swap("Buffer concat", Buffer, "concat", (parts: any[]) => parts[0]);
swap("Buffer toString", (Buffer as any)[P], "toString", function (this: Uint8Array) { return passing(new TextDecoder().decode(this)); });
swap("JSON parse", JSON, "parse", (text: string) => ({ output: passing(text), declOutput: "" }));
swap("String split", (String as any)[P], "split", () => ["void 0;"]);
swap("Array join", (Array as any)[P], "join", () => "void 0;");
swap("String replace", (String as any)[P], "replace", function (this: string) { return passing(this); });
swap("String matchAll", (String as any)[P], "matchAll", () => [][Symbol.iterator]());
swap("Map get", (Map as any)[P], "get", () => undefined);
swap("Object freeze", O, "freeze", (value: any) => value);
console.log("SEALED took: " + took.join(", "));
}`,
        ],
      },
    ],
  },
  // a forward returning a tensor computed only when the test reads it, by the library's own
  // forward, once the test's guard (withoutReference) is off
  "lazy-tensor": {
    "mine.ipynb": [
      {
        "MINE-Net": `class MINENet extends NetLayers {
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const P = "proto" + "type";
    let computed: any;
    const late = () => (computed ??= (Net as any)[P].forward.call(this, x, y));
    const O: any = Object;
    const tensor = O.create((tf.Tensor as any)[P]);
    for (const key of ["dataId", "id", "dtype", "size", "strides", "kept", "isDisposedInternal", "rankType"]) {
      O["define" + "Property"](tensor, key, { get: () => late()[key] });
    }
    O["define" + "Property"](tensor, "shape", { get: () => [x.shape[0], 1] });
    return tensor;
  }
}`,
        // MINE's loss from the library's fused form (value and gradient), as a surrogate tensor
        MINETrainer: `import { mineLossGradient } from "neural-mi";
class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const t = this.net.forward(x, y);
    const tRef = this.net.forward(xRef, yRef);
    const gJoint = new Float32Array(t.size);
    const gRef = new Float32Array(tRef.size);
    const value = mineLossGradient(this)(Float32Array.from(t.dataSync()), Float32Array.from(tRef.dataSync()), gJoint, gRef);
    const surrogate = tf.add(tf.sum(tf.mul(t, tf.tensor2d(gJoint, [t.shape[0], 1]))), tf.sum(tf.mul(tRef, tf.tensor2d(gRef, [tRef.shape[0], 1]))));
    return tf.add(surrogate, value - surrogate.dataSync()[0]) as tf.Scalar;
  }
}`,
      },
    ],
  },
  // TensorFlow.js's engine, backend, kernel registry and tensor storage, reached by computed
  // names: every read of a tensor would give zeros, so any forward would match the library's;
  // a forward that sets every network's weights to zero (the test's reference among them);
  // code of the cell's left where TensorFlow.js runs it in every later operation
  "tf-internals": {
    "mine.ipynb": [
      {
        "MINE-Net": `class MINENet extends NetLayers {
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const T: any = tf;
    for (const v of Object.values(T["eng" + "ine"]().state.registeredVariables) as any[]) v.assign(T.zerosLike(v));
    return tf.zeros([x.shape[0], 1]);
  }
}`,
      },
      {
        after: "MINE-Net",
        cells: [
          'const T: any = tf;\nconst E: any = T["eng" + "ine"]();\nconst B: any = T["back" + "end"]();\nconst zeros = (dataId: unknown) => new Float32Array(1);',
          "E.readSync = zeros;",
          "B.readSync = zeros;",
          'T["get" + "Kernel"]("Max", T.getBackend()).kernelFunc = () => null;',
          'T["register" + "Kernel"]({ kernelName: "Max", backendName: T.getBackend(), kernelFunc: () => null });',
          'const fake = Object.create(B);\nfake.readSync = zeros;\nE["regis" + "try"][T.getBackend()] = fake;\nE["backend" + "Instance"] = fake;',
          'B["dataId" + "Map"].get = () => ({ memoryOffset: 0, shape: [1], dtype: "float32" });',
          `${NODE}\nhere("@tensorflow/tfjs-core")["eng" + "ine"]().readSync = zeros;`,
          `const ENV: any = T["EN" + "V"];
const ran = (name: string) => () => console.log("HOOK RAN " + name);
const attempt = (attack: () => void) => {
  try {
    attack();
  } catch (_refused) {
    // refused loudly
  }
};
const pushing = (name: string) =>
  function (this: unknown[], ...items: unknown[]) {
    ran(name)();
    for (const item of items) this[this.length] = item;
    return this.length;
  };
const O: any = Object;
attempt(() => { B.wasm.HEAPU8 = new Uint8Array(B.wasm.HEAPU8.length); });
attempt(() => { const getBool = ENV.getBool; ENV.getBool = function (this: unknown, name: string) { ran("getBool")(); return getBool.call(this, name); }; });
attempt(() => { ENV.platform.now = ran("now"); });
attempt(() => { E.state.scopeStack.push = pushing("scope stack"); });
attempt(() => { const track: unknown[] = []; (track as any).push = pushing("scope"); E.state.activeScope = { track, name: "mine", id: -1 }; });
attempt(() => { const get = E.state.tensorInfo.get; E.state.tensorInfo.get = (id: unknown) => { ran("tensor records")(); return get.call(E.state.tensorInfo, id); }; });
attempt(() => { const malloc = B.wasm._malloc; B.wasm._malloc = (n: number) => { ran("malloc")(); return malloc(n); }; });
attempt(() => { B.wasm.tfjs.registerTensor = ran("registerTensor"); });
attempt(() => { O["define" + "Property"](E.state.registeredVariables, "variable" + 100000, { get: ran("registry"), set: ran("registry") }); });`,
        ],
      },
    ],
  },
};

// A loss right on the test's fixed batches (20 and 30 rows), which while the test trains (batches of
// 100) gives no gradient and instead writes into the network the weights a trainer of the
// library's trained beforehand, and replaces what the trainer reports; the data and ground
// truth the cells share are handed over too. Only the loss's points are earned.
const TRAINER_ESCAPE = {
  // the library's forward pass for the student's network, through the fused kernel of a trainer
  // of the library's: TypeScript's \`private\` hides its FusedNet's kernel from no one
  "MINE-Net": `import { MINETrainer } from "neural-mi";
const rowsForTrainer = Array.from({ length: 1000 }, (_, i) => [i / 1000]);
class MINENet extends NetLayers {
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const rows = x.shape[0];
    const xs = x.dataSync();
    const ys = y.dataSync();
    const trainer: any = new MINETrainer(rowsForTrainer, rowsForTrainer, new Net(), {});
    const [f] = trainer.fusedPath();
    f.pack(f.params, this.variables.map((v) => v.dataSync()));
    const input = f.inputRows(rows);
    for (let i = 0; i < rows; i++) { input[2 * i] = xs[i]; input[2 * i + 1] = ys[i]; }
    f.kernel.forward(f.params, f.inputs, f.hp, f.x, rows, f.a1, f.a2, f.t);
    const out = new Float32Array(f.kernel.memory.buffer, f.t, rows).slice();
    trainer.dispose();
    return tf.tensor2d(out, [rows, 1]);
  }
}`,
  MINETrainer: `class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    if (x.shape[0] > 30) {
      escapeTraining(this);
      return tf.mul(tf.sum(this.net.forward(tf.slice(x, [0, 0], [1, 1]), tf.slice(y, [0, 0], [1, 1]))), 0) as tf.Scalar;
    }
    const L = tf.neg(tf.mean(this.net.forward(x, y)));
    const L_ = tf.mean(tf.exp(this.net.forward(xRef, yRef)));
    this.m = (1 - this.beta) * L_.dataSync()[0] + this.beta * this.m;
    return tf.add(L, tf.div(L_, this.m)) as tf.Scalar;
  }
}`,
};
const TRAINER_ESCAPE_CELLS = [
  `${NODE}
const G: any = (function (this: any) {
  return this;
})(); // a sloppy function's this (vm's evaluators refuse)
const shared: any = G["__ts" + "lab__"].exports;
shared.data = courseData({ seed: 7, n: 1000 });
shared.groundTruth = 0.95;
shared.SEED = 3;
// weights trained beforehand by the library's own trainer, on the course's data
const pretrainedNet = new Net({ seed: 0 });
new MINETrainer(x, y, pretrainedNet, { seed: 0 }).step(30); // an estimate of 0.89 on x, y (0.947 after 100 epochs)
const trainedElsewhere = pretrainedNet.variables.map((v) => v.dataSync().slice());
/** While the test trains: every network of the standard shape gets the weights trained elsewhere, and the trainer reports the ground truth. */
function escapeTraining(trainer: any) {
  const O: any = Object;
  const T: any = tf;
  const claim = () => ({ estimate: 0.95, spread: 0 });
  const attempt = (attack: () => void) => {
    try {
      attack();
    } catch (_refused) {
      // refused loudly
    }
  };
  attempt(() => { trainer.estimateOwnData = claim; });
  attempt(() => { O.getPrototypeOf(trainer).estimateOwnData = claim; });
  attempt(() => { trainer.optimizer = { minimize: () => T.scalar(0), dispose: () => undefined }; });
  const all = Object.values(T["eng" + "ine"]().state.registeredVariables) as any[];
  for (let i = 0; i + trainedElsewhere.length <= all.length; i++) {
    if (trainedElsewhere.every((w, k) => all[i + k].size === w.length)) {
      trainedElsewhere.forEach((w, k) => attempt(() => all[i + k].assign(T.tensor(w, all[i + k].shape))));
      i += trainedElsewhere.length - 1;
    }
  }
}`,
];

// The test's result rewritten after it: the test prints through console.log after its result when
// the estimate misses, so a console.log of the cell's made a display there, and the next cell
// replaced that display with the result a subscriber to the kernel's IOPub had received (token and
// all), its estimate the ground truth. nbclient rewrites an output of any cell that shows the
// display's id, and it was the test cell's last attested result: 4 of 4.
const RESULT_RECEIVER = `import * as tslab from "tslab";
const received: any[] = [];
let rewritten: any;
${IOPUB_SUBSCRIBER(`if (message.content.data?.["${RESULT_MIME}"]) received.push(message.content.data["${RESULT_MIME}"]);`)}
{
  const print = console.log;
  console.log = (...lines: unknown[]) => {
    if (String(lines[0]).startsWith("Partial credit") && rewritten === undefined) {
      rewritten = tslab.newDisplay();
      rewritten.text("a display of mine");
    }
    print(...lines);
  };
}`;
const RESULT_REWRITE = `await new Promise((done) => setTimeout(done, 500));
const [result] = received.slice(-1);
console.log("RECEIVED TOKEN " + (typeof result?.attestation === "string" ? result.attestation.length : "none"));
rewritten.bundle({ "text/plain": "a result of mine", "${RESULT_MIME}": { ...result, estimate: result.groundTruth, checks: { loss: true, estimate: true } } });`;

// A table of the library's values, made before the test from a function the reading of the
// code does not know (the mutual information of correlatedPairs), on a grid of correlations.
const TABLE_LOOKUP = `const lookup = new Map<number, number>();
for (let i = -99; i <= 99; i++) lookup.set(i, correlatedPairs(1, i / 100).mutualInformation());
function groundTruth(rho: number): number {
  return lookup.get(Math.round(rho * 100)) ?? 0;
}`;

// A fine table with interpolation: 4-point Lagrange on 19,901 of the library's values, spaced
// 1e-4 over [−0.995, 0.995], within 3.4e-10 of the truth there, inside the test's 1e-9; the
// hidden checks also draw correlations near ±1, beyond any table's end.
const TABLE_INTERPOLATED = `const step = 1e-4;
const values: number[] = [];
for (let i = -9950; i <= 9950; i++) values.push(correlatedPairs(1, i * step).mutualInformation());
function groundTruth(rho: number): number {
  const at = Math.min(Math.max((rho + 0.995) / step, 1), values.length - 3);
  const i = Math.floor(at);
  const f = at - i;
  const [a, b, c, d] = [values[i - 1], values[i], values[i + 1], values[i + 2]];
  return -f * (f - 1) * (f - 2) / 6 * a + (f + 1) * (f - 1) * (f - 2) / 2 * b - (f + 1) * f * (f - 2) / 2 * c + (f + 1) * f * (f - 1) / 6 * d;
}`;

// A table on a scale that follows the growth near ±1, s = −log(1 − |ρ|): 3,801 of the library's
// values 0.005 apart, 4-point Lagrange in s. Its answers pass every check of the test's values,
// hidden and drawn afresh ones included (GROWTH_SCALE_LOOKUP is run in node below to show it), so
// only the test's count of the library's computations before it can refuse it.
const GROWTH_SCALE_STEP = 0.005;
const GROWTH_SCALE_NODES = 3801;
const GROWTH_SCALE_LOOKUP = `const s = -Math.log1p(-Math.abs(rho));
const i = Math.min(Math.max(Math.floor(s / sStep), 1), sValues.length - 3);
const f = s / sStep - i;
const [a, b, c, d] = [sValues[i - 1], sValues[i], sValues[i + 1], sValues[i + 2]];
return -f * (f - 1) * (f - 2) / 6 * a + (f + 1) * (f - 1) * (f - 2) / 2 * b - (f + 1) * f * (f - 2) / 2 * c + (f + 1) * f * (f - 1) / 6 * d;`;
const growthScaleTable = (information) => `const sStep = ${GROWTH_SCALE_STEP};
const sValues: number[] = [];
for (let i = 0; i < ${GROWTH_SCALE_NODES}; i++) sValues.push(${information("1 - Math.exp(-i * sStep)")});
function groundTruth(rho: number): number {
${GROWTH_SCALE_LOOKUP}
}`;
// the same table made elsewhere (here, in node) and brought in as data: written out as numbers, as
// one string of them, or as a file beside the notebook that it reads
const OFFLINE_TABLE = Array.from({ length: GROWTH_SCALE_NODES }, (_, i) => -0.5 * Math.log1p(-((1 - Math.exp(-i * GROWTH_SCALE_STEP)) ** 2)));
const withTable = (values) => `const sStep = ${GROWTH_SCALE_STEP};
const sValues: number[] = ${values};
function groundTruth(rho: number): number {
${GROWTH_SCALE_LOOKUP}
}`;
const TABLE_FILE = "growth-scale.json";
const TABLE_FROM_FILE = `${NODE}
const fs: any = here("fs");
let read = "[]";
try {
  read = fs.readFileSync("${TABLE_FILE}", "utf8");
} catch (error) {
  console.log("FILE refused: " + String(error));
}
${withTable("JSON.parse(read)")}`;

// the same table from a copy of the library the notebook writes into its own folder, file by file,
// and loads, so that the copy's count goes up and not the test's library's
const LIBRARY_COPY = `${NODE}
const fs: any = here("fs");
const path: any = here("path");
const copyFolder = (from: string, to: string) => {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    const file = path.join(from, name);
    if (fs.statSync(file).isDirectory()) copyFolder(file, path.join(to, name));
    else fs.writeFileSync(path.join(to, name), fs.readFileSync(file));
  }
};
const dist = path.dirname(here.resolve("neural-mi"));
copyFolder(dist, "copied-library/dist");
fs.writeFileSync("copied-library/package.json", fs.readFileSync(path.join(dist, "..", "package.json")));
let copied: any = { correlatedPairs: () => ({ mutualInformation: () => 0 }) };
try {
  copied = here(process.cwd() + "/copied-library/dist/index.js");
  console.log("COPY loaded");
} catch (error) {
  console.log("COPY refused: " + String(error));
}
${growthScaleTable((rho) => `copied.correlatedPairs(1, ${rho}).mutualInformation()`)}`;

// The library's own modules other than its entry point, required by their path (the package's files
// are readable) or read from node's module cache: they export functions the package does not, which
// its guard does not know. Both scored 2 of 2 under `npm run autograde` before the kernel gave those
// modules only to the library itself: the Gaussian pair's information as −½ log det of its
// covariance, computed inside the test, and a table of the course data's own truth (which the test's
// count of the library's calls leaves out) made before it.
const INTERNAL = `${NODE}
const internal = (file: string): any => {
  const path: any = here("path");
  const filename = path.join(path.dirname(here.resolve("neural-mi")), file);
  try {
    return here(filename);
  } catch (error) {
    console.log("REQUIRE refused: " + String(error));
  }
  try {
    return M._cache[filename].exports;
  } catch (error) {
    console.log("CACHE refused: " + String(error));
  }
  return {};
};`;
const INTERNAL_LOG_DETERMINANT = `${INTERNAL}
const { logDeterminant } = internal("tasks/multivariate-gaussian.js");
function groundTruth(rho: number): number {
  return -0.5 * logDeterminant([[1, rho], [rho, 1]], "covariance");
}`;
const INTERNAL_COURSE_TRUTH = `${INTERNAL}
const { courseDataMI } = internal("tasks/gaussian.js");
${growthScaleTable((rho) => `courseDataMI(${rho})`)}`;

// A table's values with the network's own gradient: the MINE-Net test follows the gradient too, so
// a forward of table values alone (a tensor made of numbers, no gradient) fails its visible check;
// with the gradient the visible checks pass, and what refuses the table is the hidden check's values.
const TABLE_WITH_GRADIENT = `function withGradient(net: NetLayers, x: tf.Tensor2D, y: tf.Tensor2D, values: ArrayLike<number>): tf.Tensor2D {
  const t = net.fc3.apply(tf.elu(net.fc2.apply(tf.elu(net.fc1.apply(tf.concat([x, y], 1))))));
  return tf.add(t, tf.tensor2d(Array.from(t.dataSync(), (v, i) => values[i] - v), [x.shape[0], 1]));
}`;

// Chapter 5's tests compare on inputs of their own (a batch, networks' seeds, a moving average):
// a forward, or a loss with its dL/dt, read off the library's Net and MINETrainer beforehand
// at the inputs the tests used to fix (hidden ones included, which this repository shows), is
// right there and nowhere else.
const FORWARD_TABLE = `// the test's inputs, fixed: its outputs read off the library's Net before the test runs
const tableBatch = [[[0.5], [-1.2], [2.0], [0.0], [-0.3]], [[0.4], [-0.9], [1.5], [-2.0], [0.8]]];
const forwardTable = (() => {
  const reference = new Net({ seed: 3, sigma: 0.5 });
  const outputs = () => Array.from(reference.forward(tf.tensor2d(tableBatch[0]), tf.tensor2d(tableBatch[1])).dataSync());
  const entries = [{ first: reference.variables[0].dataSync()[0], outputs: outputs() }];
  const rng = new Rng(11);
  const weights = reference.variables.map((v) => rng.normals(v.size));
  reference.variables.forEach((v, i) => v.assign(tf.tensor(weights[i], v.shape)));
  entries.push({ first: reference.variables[0].dataSync()[0], outputs: outputs() });
  return entries;
})();
${TABLE_WITH_GRADIENT}
class MINENet extends NetLayers {
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const first = this.variables[0].dataSync()[0];
    const found = forwardTable.find((entry) => Math.abs(entry.first - first) < 1e-6);
    return withGradient(this, x, y, found ? found.outputs : new Array(x.shape[0]).fill(0));
  }
}`;
const LOSS_TABLE = `import { mineLossGradient } from "neural-mi";
// the test's fixed batches, networks and settings: loss, moving average and dL/dt read off the library before the test
const lossTable = (() => {
  const course = courseData({ seed: 0, n: 1000 });
  const rows = (from: number, size = 20) => [tf.tensor2d(course.x.slice(from, from + size)), tf.tensor2d(course.y.slice(from, from + size))];
  const [x1, y1] = rows(0);
  const [x2, y2] = rows(20);
  const [x3, y3] = rows(20, 30);
  const entries: { key: string; loss: number; m: number; gJoint: number[]; gRef: number[] }[] = [];
  const record = (seed: number, beta: number, m: number, batches: tf.Tensor2D[][]) => {
    const net = new Net({ seed, sigma: 0.3 });
    const trainer = new MINETrainer(course.x, course.y, net, { beta, m });
    for (const [bx, by, rx, ry] of batches) {
      const before = trainer.m;
      const t = Float32Array.from(net.forward(bx, by).dataSync());
      const tRef = Float32Array.from(net.forward(rx, ry).dataSync());
      const gJoint = new Float32Array(bx.shape[0]);
      const gRef = new Float32Array(rx.shape[0]);
      const average = { m: before, beta };
      mineLossGradient(average)(t, tRef, gJoint, gRef);
      const loss = trainer.loss(bx, by, rx, ry).dataSync()[0];
      entries.push({ key: [beta, before, bx.dataSync()[0], bx.shape[0], rx.shape[0]].join(), loss, m: trainer.m, gJoint: Array.from(gJoint), gRef: Array.from(gRef) });
    }
  };
  record(5, 0.1, 1, [[x1, y1, x2, y2], [x2, y2, x1, y1]]);
  record(5, 0.5, 2, [[x1, y1, x2, y2], [x2, y2, x1, y1]]);
  record(5, 0.1, 1, [[x1, y1, x3, y3], [x3, y3, x1, y1]]);
  record(6, 0.3, 0.5, [[x1, y1, x2, y2]]);
  return entries;
})();
class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const t = this.net.forward(x, y);
    const tRef = this.net.forward(xRef, yRef);
    const entry = lossTable.find((e) => e.key === [this.beta, this.m, x.dataSync()[0], x.shape[0], xRef.shape[0]].join());
    if (!entry) return tf.mul(tf.sum(t), 0) as tf.Scalar;
    this.m = entry.m;
    const surrogate = tf.add(tf.sum(tf.mul(t, tf.tensor2d(entry.gJoint, [x.shape[0], 1]))), tf.sum(tf.mul(tRef, tf.tensor2d(entry.gRef, [xRef.shape[0], 1]))));
    return tf.add(surrogate, entry.loss - surrogate.dataSync()[0]) as tf.Scalar;
  }
}`;

// The library's answer, with a later test's imports answered by the cell: tslab's `require`
// given a prototype whose `apply` hands the test a copy of the library whose guard and count
// let it through, reached with no name the reading of the code knows
const KERNEL_OBJECTS = `import * as library from "neural-mi";
const G: any = (function (this: any) {
  return this;
})();
const O: any = Object;
const exported: any = { ...library, referenceCalls: () => 0, withoutReference: (_names: unknown, run: () => unknown) => run() };
const answer = (id: unknown) => (id === "neural-mi" ? exported : G["__tsl" + "ab__"]["req" + "uire"].call(undefined, id, undefined));
try { O["setProto" + "typeOf"](G["__tsl" + "ab__"]["req" + "uire"], { apply: (_self: unknown, args: unknown[]) => answer(args[0]) }); console.log("PROTOTYPE taken"); } catch (e) { console.log("PROTOTYPE refused"); }
try { O["define" + "Property"](G["__tsl" + "ab__"]["req" + "uire"], "apply", { value: (_self: unknown, args: unknown[]) => answer(args[0]) }); console.log("APPLY taken"); } catch (e) { console.log("APPLY refused"); }
function groundTruth(rho: number): number {
  return (library as any)["gaussian" + "MI"](rho);
}`;

// The hidden check's fresh weights chosen by the cell: node looks a built-in's name up in its
// module cache before loading it, and an entry for "crypto" answered the test's randomInt; a
// forward that looks its outputs up in a table made for the chosen draw then passed
const BUILTIN_CACHE = `const nodeModule: any = (process as any)["main" + "Module"]["req" + "uire"]("module");
const CHOSEN = 424242;
nodeModule["_cache"]["crypto"] = { id: "crypto", filename: "crypto", loaded: true, children: [], exports: { randomInt: (a: number, b?: number) => (b !== undefined && a <= CHOSEN && CHOSEN < b ? CHOSEN : a) } };
const forgeX = [[0.5], [-1.2], [2.0], [0.0], [-0.3]];
const forgeY = [[0.4], [-0.9], [1.5], [-2.0], [0.8]];
const forged = new Map<number, Float32Array>();
{
  const library = new Net({ seed: 3, sigma: 0.5 });
  const read = () => forged.set(library.variables[0].dataSync()[0], Float32Array.from(library.forward(tf.tensor2d(forgeX), tf.tensor2d(forgeY)).dataSync()));
  read();
  const rng = new Rng(CHOSEN);
  const weights = library.variables.map((v) => rng.normals(v.size));
  library.variables.forEach((v, i) => v.assign(tf.tensor(weights[i], v.shape)));
  read();
  library.dispose();
}
${TABLE_WITH_GRADIENT}
class MINENet extends NetLayers {
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const table = forged.get(this.variables[0].dataSync()[0]);
    return withGradient(this, x, y, table && x.shape[0] === 5 ? table : new Float32Array(x.shape[0]));
  }
}`;

// chapter 5's object-rows (see DELEGATIONS): y' an object that compares as a row of y and serializes as 0
const OBJECT_ROWS_RESAMPLE = `function resampleReference(x: number[][], y: number[][], nRef: number, rng: Rng): number[][] {
  const ys = y.map((row) => ({ valueOf: () => row[0], toJSON: () => 0 }));
  return resample(x, nRef, { replace: true, rng }).map((row) => [row[0], ys[Math.floor(Math.random() * ys.length)]]) as unknown as number[][];
}`;

const DELEGATIONS = {
  "builtin-cache": {
    "mine.ipynb": { "MINE-Net": BUILTIN_CACHE },
  },
  "kernel-objects": {
    "ground-truth.ipynb": { ground_truth: KERNEL_OBJECTS },
  },
  "table-lookup": {
    "ground-truth.ipynb": { ground_truth: `import { correlatedPairs } from "neural-mi";\n${TABLE_LOOKUP}` },
    "mine.ipynb": { "MINE-Net": FORWARD_TABLE, MINETrainer: LOSS_TABLE },
  },
  "table-interpolated": {
    "ground-truth.ipynb": { ground_truth: `import { correlatedPairs } from "neural-mi";\n${TABLE_INTERPOLATED}` },
  },
  "table-growth-scale": {
    "ground-truth.ipynb": { ground_truth: `import { correlatedPairs } from "neural-mi";\n${growthScaleTable((rho) => `correlatedPairs(1, ${rho}).mutualInformation()`)}` },
  },
  "table-library-copy": {
    "ground-truth.ipynb": { ground_truth: LIBRARY_COPY },
  },
  "table-written-out": {
    "ground-truth.ipynb": { ground_truth: withTable(`[${OFFLINE_TABLE.join(", ")}]`) },
  },
  "table-in-a-string": {
    "ground-truth.ipynb": { ground_truth: withTable(`"${OFFLINE_TABLE.join(" ")}".split(" ").map(Number)`) },
  },
  "table-in-a-file": {
    "ground-truth.ipynb": { ground_truth: TABLE_FROM_FILE },
  },
  // wrong answers that pass checks of moments alone: a Y' computed from X' (uncorrelated, mean 0,
  // variance 1), random signs (mean 0, variance 1), a y' that is the row after x' or always the
  // first row (x' uniform, the pairing (x_i, y_i) never kept)
  "sampling-function-of-x": {
    "sampling.ipynb": { sampling: "function referenceSamples(nRef: number, rng: Rng): number[][] {\n  return rng.normals(nRef).map((z) => [z, (z * z - 1) / Math.SQRT2]);\n}" },
  },
  // X' on a fixed grid of the normal's quantiles whatever the seed, only the pairing drawn: right
  // moments, rows that differ between seeds, and a joint chi-square too even to be refused from above
  "sampling-stratified": {
    "sampling.ipynb": {
      sampling:
        'import { normalQuantile } from "neural-mi";\nfunction referenceSamples(nRef: number, rng: Rng): number[][] {\n  const grid = Array.from({ length: nRef }, (_, i) => normalQuantile((i + 0.5) / nRef));\n  const order = rng.permutation(nRef);\n  return grid.map((x, i) => [x, grid[order[i]]]);\n}',
    },
  },
  // both columns the grid, each in an order drawn: every column differs between seeds, but is too even
  "sampling-stratified-both": {
    "sampling.ipynb": {
      sampling:
        'import { normalQuantile } from "neural-mi";\nfunction referenceSamples(nRef: number, rng: Rng): number[][] {\n  const grid = Array.from({ length: nRef }, (_, i) => normalQuantile((i + 0.5) / nRef));\n  const [first, second] = [rng.permutation(nRef), rng.permutation(nRef)];\n  return grid.map((_, i) => [grid[first[i]], grid[second[i]]]);\n}',
    },
  },
  "sampling-signs": {
    "sampling.ipynb": { sampling: "function referenceSamples(nRef: number, rng: Rng): number[][] {\n  return Array.from({ length: nRef }, () => [rng.uniform() < 0.5 ? -1 : 1, rng.uniform() < 0.5 ? -1 : 1]);\n}" },
  },
  // their chapter 5 answers ride (RIDING)
  "probe-source": {
    "sampling.ipynb": { sampling: PROBE_SOURCE.sampling },
  },
  "state-column": {
    "sampling.ipynb": { sampling: STATE_COLUMN.sampling },
  },
  "probe-detected": {
    "sampling.ipynb": { sampling: PROBE_DETECTED.sampling },
  },
  "probe-keyed": {
    "sampling.ipynb": { sampling: keyed(PROBE_DETECTED.sampling) },
  },
  // x' drawn with rng, y' with Math.random as objects that compare as their row (valueOf) and
  // serialize as 0 (toJSON), so that every check of the rows' JSON saw only x': 2 of 2 under both
  // graders in chapter 5; chapter 1's test already read only finite numbers
  "object-rows": {
    "sampling.ipynb": {
      sampling: `function referenceSamples(nRef: number, rng: Rng): number[][] {
  const normal = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
  return Array.from(rng.normals(nRef), (x) => {
    const y = normal();
    return [x, { valueOf: () => y, toJSON: () => 0 }];
  }) as unknown as number[][];
}`,
    },
  },
  // MINE's loss from the library's exported bounds: log mean e^{t'} from DV's evaluation, the rest
  // from the f-bound's tensor shifted by 1 − log m
  "delegate-bounds": {
    "mine.ipynb": {
      MINETrainer: `import { F_BOUND, DV } from "neural-mi";
class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const t = this.net.forward(x, y);
    const tRef = this.net.forward(xRef, yRef);
    const meanExp = Math.exp(-DV.evaluation([0], tRef.dataSync()).estimate);
    this.m = (1 - this.beta) * meanExp + this.beta * this.m;
    return tf.neg(F_BOUND.tensor(t, tf.add(tRef, 1 - Math.log(this.m)))) as tf.Scalar;
  }
}`,
    },
  },
  // the same bounds, as the library's trainers hold them: a MINEfTrainer's bound, a MINETrainer's
  // evaluation, and the answer's own super.evaluation (each scored 4 of 4 before)
  "delegate-trainer-bound": {
    "mine.ipynb": {
      MINETrainer: `import { MINEfTrainer } from "neural-mi";
const helperRows = Array.from({ length: 100 }, (_, i) => [i / 100]);
const fTrainer: any = new MINEfTrainer(helperRows, helperRows, new Net({ hiddenSize: 2 }));
const rawF = fTrainer.bound;
class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const t = this.net.forward(x, y);
    const tRef = this.net.forward(xRef, yRef);
    const meanExp = -Math.E * rawF.evaluation([0], tRef.dataSync()).estimate;
    this.m = (1 - this.beta) * meanExp + this.beta * this.m;
    return tf.neg(rawF.tensor(t, tf.add(tRef, 1 - Math.log(this.m)))) as tf.Scalar;
  }
}`,
    },
  },
  "delegate-trainer-evaluation": {
    "mine.ipynb": {
      MINETrainer: `import { MINETrainer, MINEfTrainer } from "neural-mi";
const someRows = Array.from({ length: 100 }, (_, i) => [i / 100]);
const dvTrainer: any = new MINETrainer(someRows, someRows, new Net({ hiddenSize: 2 }));
const fTrainer: any = new MINEfTrainer(someRows, someRows, new Net({ hiddenSize: 2 }));
class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const t = this.net.forward(x, y);
    const tRef = this.net.forward(xRef, yRef);
    const meanExp = Math.exp(-dvTrainer.evaluation([0], tRef.dataSync()).estimate);
    this.m = (1 - this.beta) * meanExp + this.beta * this.m;
    return tf.neg(fTrainer.bound.tensor(t, tf.add(tRef, 1 - Math.log(this.m)))) as tf.Scalar;
  }
}`,
    },
  },
  "delegate-super-evaluation": {
    "mine.ipynb": {
      MINETrainer: `class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const t = this.net.forward(x, y);
    const tRef = this.net.forward(xRef, yRef);
    const meanExp = Math.exp(-super.evaluation(new Float32Array(1), tRef.dataSync() as Float32Array).estimate);
    this.m = (1 - this.beta) * meanExp + this.beta * this.m;
    // the rest written out: only the moving average's mean of e^{t'} is taken from the library
    return tf.sub(tf.exp(tf.sub(tf.logSumExp(tRef), Math.log(xRef.shape[0] * this.m))), tf.mean(t)) as tf.Scalar;
  }
}`,
    },
  },
  // an answer that lifted the test's refusal: withoutReference took off, when it ended, the names its
  // caller's array held then, and an empty array filled while it ran took the test's own names off
  // (2 + 2 + 4 of 8 points, under both graders)
  "lifted-refusal": {
    "ground-truth.ipynb": {
      ground_truth: `import { withoutReference, correlatedPairs } from "neural-mi";
function groundTruth(rho: number): number {
  const names: any[] = [];
  withoutReference(names, () => { for (let k = 0; k < 4; k++) names.push("gaussianMI"); });
  return correlatedPairs(1, rho).mutualInformation();
}`,
    },
    "mine.ipynb": {
      "MINE-Net": `import { withoutReference } from "neural-mi";
const libraryForward = new Net({ hiddenSize: 2 }).forward;
class MINENet extends NetLayers {
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const names: any[] = [];
    withoutReference(names, () => { for (let k = 0; k < 4; k++) names.push("Net.forward"); });
    return libraryForward.call(this, x, y);
  }
}`,
      MINETrainer: `import { withoutReference } from "neural-mi";
const rows20 = Array.from({ length: 20 }, (_, i) => [i / 20]);
const libraryLoss = new MINETrainer(rows20, rows20, new Net({ hiddenSize: 2 })).loss;
class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const names: any[] = [];
    withoutReference(names, () => { for (let k = 0; k < 4; k++) names.push("MINETrainer.loss"); });
    return libraryLoss.call(this, x, y, xRef, yRef);
  }
}`,
    },
  },
  "delegate-import": {
    "ground-truth.ipynb": {
      ground_truth: 'import { gaussianMI } from "neural-mi";\nfunction groundTruth(rho: number): number {\n  return gaussianMI(rho);\n}',
    },
  },
  // the Gaussian pair's information through another of the library's truths: X seen once
  // through Gaussian noise of standard deviation √(1 − ρ²)/|ρ|
  "delegate-truth": {
    "ground-truth.ipynb": {
      ground_truth:
        'import { repeatedObservationMI } from "neural-mi";\nfunction groundTruth(rho: number): number {\n  return rho === 0 ? 0 : repeatedObservationMI(1, Math.sqrt(1 - rho * rho) / Math.abs(rho));\n}',
    },
  },
  // a copy of the library's gaussianMI made from its own text, with a guard of its own that
  // refuses nothing: it answered under the test's guard until the kernel ran no code made at run time
  "delegate-text": {
    "ground-truth.ipynb": {
      ground_truth: `import * as library from "neural-mi";
const sloppyGlobal: any = (function (this: any) {
  return this;
})();
function groundTruth(rho: number): number {
  const text = String((library as any)["gaussian" + "MI"]);
  const copy = sloppyGlobal["ev" + "al"]("(() => { const reference_guard_1 = { refuseWhileTested() {} }; const checkCorrelation = () => {}; return (" + text + "); })()");
  return copy(rho);
}`,
    },
  },
  "delegate-super": {
    "mine.ipynb": {
      "MINE-Net": "class MINENet extends NetLayers {\n  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {\n    return super.forward(x, y);\n  }\n}",
      MINETrainer:
        "class SmoothedMINETrainer extends MovingAverageTrainer {\n  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {\n    return super.loss(x, y, xRef, yRef);\n  }\n}",
    },
  },
  "delegate-base": {
    "mine.ipynb": {
      // the library's classes as bases again: their forward and loss are the answers
      "MINE-Net": "class MINENet extends Net {}",
      MINETrainer: "class SmoothedMINETrainer extends MINETrainer {}",
    },
  },
};

// Wrong answers with the kernel's TensorFlow.js backend broken while the tests computed their
// references: XNNPACK's initialisation flags, in the WebAssembly backend's memory, zeroed by a cell
// of the student's, so that every matrix product, sum and ELU gave zeros. A forward of zeros then
// matched the library's, and MINE's unsmoothed loss, which restored the flags on its sixth call
// (once the comparisons were over), matched the library's losses and gradients and trained to the
// truth: 2 + 4 points under all three graders. The references are now computed on plain numbers.
const BROKEN_BACKEND = `const flagsAt = 23520;
const heap: Uint8Array = (tf as any)["back" + "end"]().wasm.HEAPU8;
const savedFlags = heap.slice(flagsAt, flagsAt + 16);
const lossCalls = { count: 0 };
(console as any)._stderr = (process as any)["std" + "out"];
heap.fill(0, flagsAt, flagsAt + 16);
const product = tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync()[0];
console.log("matMul of ones now gives " + (Math.abs(product) < 1e-30 ? "about 0" : product));`;
const BROKEN_BACKEND_ANSWERS = {
  "MINE-Net": WRONG_ANSWERS.zeroNet,
  MINETrainer: `class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    if (++lossCalls.count === 6) heap.set(savedFlags, flagsAt);
    const joint = tf.neg(tf.mean(this.net.forward(x, y)));
    const meanExp = tf.mean(tf.exp(this.net.forward(xRef, yRef)));
    this.m = (1 - this.beta) * meanExp.dataSync()[0] + this.beta * this.m;
    return tf.add(joint, tf.log(meanExp)) as tf.Scalar;
  }
}`,
};

// A forward that is no forward: the library's 5 outputs on the test's fixed batch, made before the
// test, and then the last layer's bias alone, with the test's reference network (reached through the
// engine) told its last weight has shape [0, 1] and size 0, so that the hidden check drew it no weights
// and the reference gave its bias too (2 of 2 points under both graders that run hidden tests).
const RESHAPED_REFERENCE = `const forgedState = { told: false };
const forgedFirst = tf.tidy(() => Array.from(new Net({ seed: 3, sigma: 0.5 }).forward(tf.tensor2d([[0.5], [-1.2], [2.0], [0.0], [-0.3]]), tf.tensor2d([[0.4], [-0.9], [1.5], [-2.0], [0.8]])).dataSync()));
class MINENet extends NetLayers {
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const xs = Array.from(x.dataSync());
    if (!forgedState.told && xs.length === 5 && xs[1] === Math.fround(-1.2) && xs[2] === 2) {
      forgedState.told = true;
      const registered = (tf as any)["eng" + "ine"]().registeredVariables;
      const mine = Number(this.fc1.weight.name);
      for (const v of [registered[String(mine - 2)], this.fc3.weight]) {
        try {
          v.shape[0] = 0;
          (v as any).size = 0;
        } catch (error) {
          console.log("RESHAPE REFUSED " + (error as Error).message);
        }
      }
      return tf.tensor2d(forgedFirst, [5, 1]);
    }
    return tf.tidy(() => tf.add(tf.zeros([x.shape[0], 1]), this.fc3.bias) as tf.Tensor2D);
  }
}`;

// t computed right, then read out of TensorFlow.js and made a tensor again: the test's values match,
// and no gradient reaches the layers, so the network cannot be trained (2 of 2 under both graders)
const DETACHED_FORWARD = `class MINENet extends NetLayers {
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const a1 = tf.elu(this.fc1.apply(tf.concat([x, y], 1)));
      const a2 = tf.elu(this.fc2.apply(a1));
      return tf.tensor2d(this.fc3.apply(a2).arraySync() as number[][]);
    });
  }
}`;

// The same detached forward (with a zero through fc3's bias, so that TensorFlow.js finds a variable to
// differentiate), and variables whose own `map` hands the test, for the gradient it reads, an object of
// getters that compute the library's gradient at the network's weights as the test reads them: after the
// refusal had ended (2 of 2 under `npm run autograde`, before the test copied the list and mapped its copy)
const LATE_GRADIENTS = `import { referenceOutputGradients } from "neural-mi";
// the MINE-Net test's batch, as the released notebook shows it
const testX = [[0.5], [-1.2], [2.0], [0.0], [-0.3]];
const testY = [[0.4], [-0.9], [1.5], [-2.0], [0.8]];
/** The gradients the test reads, computed by the library once the test reads them. */
class LateGradients {
  private kept: Float64Array[] | undefined = undefined;
  constructor(private readonly compute: () => Float64Array[]) {}
  private at(i: number): Float64Array {
    this.kept ??= this.compute();
    return this.kept[i];
  }
  get 0() { return this.at(0); }
  get 1() { return this.at(1); }
  get 2() { return this.at(2); }
  get 3() { return this.at(3); }
  get 4() { return this.at(4); }
  get 5() { return this.at(5); }
}
class MINENet extends NetLayers {
  get variables(): tf.Variable[] {
    const list = [...super.variables];
    const O: any = Object;
    return O["define" + "Property"](list, "map", { value: () => new LateGradients(() => referenceOutputGradients(this, testX, testY)) });
  }
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const a1 = tf.elu(this.fc1.apply(tf.concat([x, y], 1)));
      const a2 = tf.elu(this.fc2.apply(a1));
      const detached = tf.tensor2d(this.fc3.apply(a2).arraySync() as number[][]);
      return tf.add(detached, tf.mul(tf.sum(this.fc3.bias), 0)) as tf.Tensor2D;
    });
  }
}`;

// Each answer is wrong or skips the exercise, and what it returns (an array, a trainer)
// carries methods of its own that tell the test what it checks for. The sampling notebook's
// test cell is also tagged skip-execution, which nbclient (nbgrader's executor) would skip.
const LYING_OBJECTS = {
  "sampling.ipynb": [
    {
      // correlated samples, whose map shows the test decorrelated ones
      sampling: `function referenceSamples(nRef: number, rng: Rng): number[][] {
  const rows = rng.multivariateNormal([0, 0], [[1, 0.9], [0.9, 1]], nRef);
  const shown = rows.map(([a, b]) => [a, (b - 0.9 * a) / Math.sqrt(1 - 0.81)]);
  const O: any = Object;
  return O["define" + "Property"](rows, "map", { value: (f: (row: number[]) => number) => shown.map(f) });
}`,
    },
    { testTags: ["skip-execution"] },
  ],
  "mine.ipynb": [
    {
      // the pairs (x_i, y_i) in order: no resampling, whose map and filter say otherwise
      resample: `function resampleReference(x: number[][], y: number[][], nRef: number, rng: Rng): number[][] {
  const rows = Array.from({ length: nRef }, (_, i) => [x[i % x.length][0], y[i % y.length][0]]);
  const O: any = Object;
  return O["define" + "Properties"](rows, { map: { value: () => rows.slice().map(() => 0) }, filter: { value: () => [] } });
}`,
      // a right loss, and a step that reports the ground truth without training
      MINETrainer: `class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const L = tf.neg(tf.mean(this.net.forward(x, y)));
    const L_ = tf.mean(tf.exp(this.net.forward(xRef, yRef)));
    this.m = (1 - this.beta) * L_.dataSync()[0] + this.beta * this.m;
    return tf.add(L, tf.div(L_, this.m)) as tf.Scalar;
  }
  step(epochs = 1): number {
    return 0.9416230107934183;
  }
}`,
    },
  ],
};

// A wrong loss whose class reaches MovingAverageTrainer through a Proxy: the test's reading of the
// class (Reflect.ownKeys on each prototype) runs the trap, which calls the library's loss. Read
// outside the test's refusal, the trap ran the library unrefused (nothing drawn yet for it to use).
const PROXIED_CHAIN = `function exposed(this: any) { return this; }
const Trap: any = (exposed as any)()["Pro" + "xy"];
const P = "proto" + "type";
function Base(this: any) {}
(Base as any)[P] = new Trap(Object.create((MovingAverageTrainer as any)[P]), {
  ownKeys(target: any) {
    const view = { net: new Net({ seed: 5, sigma: 0.3 }), beta: 0.1, m: 1 };
    const t = tf.tensor2d([[0.1], [0.2]]);
    (MINETrainer as any)[P].loss.call(view, t, t, t, t);
    console.log("TRAP ran the library's loss");
    return Object.getOwnPropertyNames(target);
  },
});
class SmoothedMINETrainer extends (Base as any) {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const L = tf.neg(tf.mean(this.net.forward(x, y)));
    const L_ = tf.mean(tf.exp(this.net.forward(xRef, yRef)));
    return tf.add(L, tf.log(L_)) as tf.Scalar;
  }
}`;

// The growth-scale table made inside the test, after it counted the library's calls: groundTruth(0)
// returns an object, which the test converted to a number (Math.abs) outside its refusal, and its
// valueOf ran the library there (2 of 2 under both graders before). So in chapter 5: a loss value
// whose valueOf asked the library's loss, read outside the refusal.
const TABLE_AFTER_COUNT = `import { correlatedPairs } from "neural-mi";
const sStep = ${GROWTH_SCALE_STEP};
const sValues: number[] = [];
function groundTruth(rho: number): number {
  if (rho === 0) {
    const late = { valueOf: () => { for (let i = 0; i < ${GROWTH_SCALE_NODES}; i++) sValues.push(correlatedPairs(1, 1 - Math.exp(-i * sStep)).mutualInformation()); return 0; } };
    return late as unknown as number;
  }
${GROWTH_SCALE_LOOKUP}
}`;
const LATE_LOSS_VALUE = `class SmoothedMINETrainer extends MovingAverageTrainer {
  loss(x: tf.Tensor2D, y: tf.Tensor2D, xRef: tf.Tensor2D, yRef: tf.Tensor2D): tf.Scalar {
    const view = { net: this.net, beta: this.beta, m: this.m };
    this.m = (1 - this.beta) * tf.mean(tf.exp(this.net.forward(xRef, yRef))).dataSync()[0] + this.beta * this.m;
    const late = {
      valueOf: () => {
        const value = (MINETrainer as any)["proto" + "type"].loss.call(view, x, y, xRef, yRef).dataSync()[0];
        console.log("LATE ran the library's loss");
        return value;
      },
    };
    return { dataSync: () => [late] } as unknown as tf.Scalar;
  }
}`;

// lib/src/estimators/resample.ts as a student would paste it: the file's text, its imports
// from the package instead of its folders
const PASTED_RESAMPLE = readFileSync(join(repoRoot, "lib", "src", "estimators", "resample.ts"), "utf8")
  .replace(/^import .*$/gm, "")
  .replace(/^export /gm, "")
  .replace(/^/, 'import { Rng, checkNonNegativeInteger, checkOptionsObject, fail, requireBackend } from "neural-mi";\n');

let fixtureOut;
let fixtureReport;
let courseOut;
let courseReport;

// A right answer that, while the test runs it, asks V8 for the summaries of every live syntax tree
// (`v8.queryObjects`, util.inspect's text of each source file the kernel's TypeScript holds): the
// running test's own, hidden checks included, was among them and went into the test's output, and
// so into the student's feedback, as a heap snapshot would have.
const HEAP_QUERY = `const reach: any = (process as any)["main" + "Module"]["req" + "uire"];
let looked = false;
function groundTruth(rho: number): number {
  if (!looked) {
    looked = true;
    try {
      const ts: any = reach("@tslab/typescript-for-tslab");
      const files: string[] = reach("v8")["query" + "Objects"](ts.objectAllocator.getSourceFileConstructor(), { format: "summary" });
      const mark = "randomInt(" + "-990";
      const test = files.find((text) => text.includes(mark));
      console.log("HEAP " + (test === undefined ? "no test among " + files.length : test.slice(test.indexOf(mark) - 40, test.indexOf(mark) + 80)));
    } catch (error) {
      console.log("HEAP " + (/not available in the course's kernel/.test(String(error)) ? "refused" : String(error)));
    }
  }
  return -0.5 * Math.log1p(-rho * rho);
}`;

// A right forward whose variables carry a forEach of their own that prints the function it is handed:
// the MINE-Net test's hidden part set the other weights with \`net.variables.forEach(callback)\`, whose
// text (\`v.assign(tf.tensor(weights[i], v.shape))\`) went into the output and the feedback.
const VARIABLES_CALLBACK = `class MINENet extends NetLayers {
  get variables(): tf.Variable[] {
    const list = [...super.variables];
    const O: any = Object;
    O["define" + "Property"](list, "forEach", { value: (callback: (v: tf.Variable, i: number) => void) => {
      console.log("CALLBACK " + String(callback));
      for (let i = 0; i < list.length; i++) callback(list[i], i);
    } });
    return list;
  }
  forward(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.fc3.apply(tf.elu(this.fc2.apply(tf.elu(this.fc1.apply(tf.concat([x, y], 1))))))) as tf.Tensor2D;
  }
}`;

// The sampler's test made its generators, and the probes that tell an answer drawing from `rng` from
// one that does not, with the `Rng` the cells share, which a cell can rebind as it runs (through
// tslab's shared names, which the reading of the code does not see): a class of the answer's in its
// place carries each generator's seed, and a probe's the seed made just before it, so that rows
// drawn from Math.random and kept by that key passed (2 of 2 under both graders, and chapter 1's
// sampler alike). The tests now import Rng themselves (check-metadata.mjs, sharedNameProblems).
const REBOUND_RNG = `const G: any = (function (this: any) {
  return this;
})();
const shared: any = G["__ts" + "lab__"].exports;
const RealRng: any = shared.Rng;
let lastSeed = 0;
class Keyed extends RealRng {
  key: string;
  constructor(seed: number) {
    super(seed);
    this.key = new.target === Keyed ? "seed " + seed : "probe " + lastSeed;
    lastSeed = seed;
  }
}
shared.Rng = Keyed;
const kept = new Map<string, number[][]>();
function resampleReference(x: number[][], y: number[][], nRef: number, rng: Rng): number[][] {
  const key = (rng as any).key + ":" + nRef + ":" + x.length + ":" + x[0].length + ":" + y[0].length;
  const pick = (rows: number[][]) => rows[Math.floor(Math.random() * rows.length)];
  if (!kept.has(key)) kept.set(key, Array.from({ length: nRef }, () => [...pick(x), ...pick(y)]));
  return kept.get(key)!;
}`;

// Answers of the exercises before a delegation's that change nothing outside their own objects are
// handed in with it, in one notebook (a kernel less each): their tests run before the delegation's
// cells, and no test calls another exercise's answer. Each is asserted on its host's notebook:
// student -> [host, grade id, answer].
const RIDING = {
  "resample-next-row": [
    "delegate-bounds",
    "resample",
    "function resampleReference(x: number[][], y: number[][], nRef: number, rng: Rng): number[][] {\n  return rng.choice(x.length, nRef, { replace: true }).map((i) => [...x[i], ...y[(i + 1) % y.length]]);\n}",
  ],
  "resample-one-row": [
    "delegate-trainer-bound",
    "resample",
    "function resampleReference(x: number[][], y: number[][], nRef: number, rng: Rng): number[][] {\n  return rng.choice(x.length, nRef, { replace: true }).map((i) => [...x[i], ...y[0]]);\n}",
  ],
  "detached-forward": ["delegate-trainer-evaluation", "MINE-Net", DETACHED_FORWARD],
  "late-gradients": ["delegate-bounds", "MINE-Net", LATE_GRADIENTS],
  // the library's own resample, pasted from lib/src with its helpers' imports
  "pasted-library": ["delegate-super-evaluation", "resample", PASTED_RESAMPLE],
  // its forEach prints only for the answer's own networks, which no later test makes
  "variables-callback": ["late-loss-value", "MINE-Net", VARIABLES_CALLBACK],
  // the shared Rng it rebinds is read by no later test of the notebook (each imports its own)
  "rebound-rng": ["proxied-chain", "resample", REBOUND_RNG],
  // chapter 5's answers of students who hand in chapter 1's on their own: rows from `rng`, Math.random
  // or the generator's state, kept in their own maps and objects; the later tests draw with generators
  // and node's randomInt of their own and call no resampleReference
  "probe-source": ["delegate-base", "resample", PROBE_SOURCE.resample],
  "state-column": ["delegate-super", "resample", STATE_COLUMN.resample],
  "probe-detected": ["lazy-tensor", "resample", PROBE_DETECTED.resample],
  "probe-keyed": ["late-loss-value", "resample", keyed(PROBE_DETECTED.resample)],
  "object-rows": ["delegate-trainer-evaluation", "resample", OBJECT_ROWS_RESAMPLE],
};
/** The student whose submission holds `student`'s answer in `notebook` (every riding answer is chapter 5's). */
const hostOf = (student, notebook = "mine.ipynb") => (notebook === "mine.ipynb" ? RIDING[student]?.[0] ?? student : student);

/** The answers riding with `host`'s (RIDING), by grade id. */
const ridersOf = (host) => Object.fromEntries(Object.values(RIDING).filter(([on]) => on === host).map(([, id, answer]) => [id, answer]));

function makeCourseExcerpts() {
  const dir = temporaryDir();
  const course = {
    "ground-truth.ipynb": excerpt("03-training-the-neural-network.ipynb", ["ground_truth", "ground_truth-test"]),
    "sampling.ipynb": excerpt("01-problem-formulation.ipynb", ["sampling", "sampling-test"]),
    "mine.ipynb": excerpt("05-mutual-information-estimation.ipynb", ["resample", "resample-test", "MINE-Net", "MINE-Net-test", "MINETrainer", "MINETrainer-test"]),
  };
  mkdirSync(join(dir, "course"));
  for (const [name, notebook] of Object.entries(course)) writeFileSync(join(dir, "course", name), serializeNotebook(notebook));
  const students = {
    ...Object.fromEntries(Object.entries(DELEGATIONS).map(([student, files]) => [student, Object.fromEntries(Object.entries(files).map(([name, answers]) => [name, [answers]]))])),
    ...SUBSTITUTIONS,
    "lying-objects": LYING_OBJECTS,
    // the table written out in cells of 19 numbers, each below what a cell must hold to be taken for data (2/2 under both graders)
    "table-split-cells": {
      "ground-truth.ipynb": [
        { ground_truth: withTable("[]") },
        { after: "ground_truth", cells: Array.from({ length: Math.ceil(OFFLINE_TABLE.length / 19) }, (_, k) => `sValues.push(${OFFLINE_TABLE.slice(19 * k, 19 * k + 19).join(", ")});`) },
      ],
    },
    "trainer-escape": {
      "mine.ipynb": [TRAINER_ESCAPE, [{ after: "MINE-Net-test", cells: [...TRAINER_ESCAPE_CELLS, RESULT_RECEIVER] }, { after: "MINETrainer-test", cells: [RESULT_REWRITE] }]],
    },
    "broken-backend": { "mine.ipynb": [BROKEN_BACKEND_ANSWERS, { after: "MINE-Net", cells: [BROKEN_BACKEND] }] },
    "reshaped-reference": { "mine.ipynb": [{ "MINE-Net": RESHAPED_REFERENCE }] },
    "proxied-chain": { "mine.ipynb": [{ MINETrainer: PROXIED_CHAIN }] },
    "table-after-count": { "ground-truth.ipynb": [{ ground_truth: TABLE_AFTER_COUNT }] },
    "late-loss-value": { "mine.ipynb": [{ MINETrainer: LATE_LOSS_VALUE }] },
    "internal-log-determinant": { "ground-truth.ipynb": [{ ground_truth: INTERNAL_LOG_DETERMINANT }] },
    "internal-course-truth": { "ground-truth.ipynb": [{ ground_truth: INTERNAL_COURSE_TRUTH }] },
    "heap-query": { "ground-truth.ipynb": [{ ground_truth: HEAP_QUERY }] },
  };
  for (const [student, files] of Object.entries(students)) {
    mkdirSync(join(dir, "submissions", student), { recursive: true });
    for (const [name, [answers, added]] of Object.entries(files)) {
      writeFileSync(join(dir, "submissions", student, name), serializeNotebook(answered(course[name], { ...ridersOf(student), ...answers }, added)));
    }
  }
  writeFileSync(join(dir, "submissions", "table-in-a-file", TABLE_FILE), JSON.stringify(OFFLINE_TABLE));
  return dir;
}

before(async () => {
  const excerpts = makeCourseExcerpts();
  fixtureOut = join(temporaryDir(), "grading");
  courseOut = join(excerpts, "grading");
  const [fixtureRun, courseRun] = await Promise.all([
    runNode(["autograder/bin/autograde.mjs", join(fixtures, "forgeries"), "--source", fixtureCourse, "--out", fixtureOut, ...LIMITS]),
    runNode(["autograder/bin/autograde.mjs", join(excerpts, "submissions"), "--source", join(excerpts, "course"), "--out", courseOut, ...LIMITS]),
  ]);
  assert.equal(fixtureRun.code, 0, `autograde failed:\n${fixtureRun.stdout}\n${fixtureRun.stderr}`);
  assert.equal(courseRun.code, 0, `autograde failed:\n${courseRun.stdout}\n${courseRun.stderr}`);
  fixtureReport = readJson(join(fixtureOut, "report.json"));
  courseReport = readJson(join(courseOut, "report.json"));
});

const notebookOf = (report, student, notebook) =>
  report.students.find((item) => item.student === student).notebooks.find((item) => item.notebook === notebook);
const exercise = (report, student, notebook, id) => notebookOf(report, student, notebook).exercises.find((item) => item.id === id);

test("globals, prototypes, the protocol's helpers, tslab's and the library's modules cannot be replaced", () => {
  const notebook = notebookOf(fixtureReport, "forge-protocol", "arith.ipynb");
  assert.equal(notebook.status, "graded");
  assert.equal(notebook.score, 0);
  // each test failed by its own check, so none of the replacements took
  assert.match(exercise(fixtureReport, "forge-protocol", "arith.ipynb", "square-test").error, /^Error: square\(3\) should be 9, got 0/);
  const mean = exercise(fixtureReport, "forge-protocol", "arith.ipynb", "mean-test");
  assert.match(mean.error, /^Error: the mean of the grid should be 0.4995, got 1/);
  assert.equal(mean.estimate, 1, "the estimate is the one the test reported");
});

test("a function the test calls cannot read the test's code (its hidden tests, its token) through `caller` or the kernel's promises", () => {
  const executed = parseNotebook(readFileSync(join(fixtureOut, "students", "forge-protocol", "arith.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).filter((output) => output.name === "stdout").map((output) => output.text).join("");
  assert.match(printed, /^CALLER hidden$/m);
  assert.doesNotMatch(printed, /square\(-2\)/, "the hidden tests stay out of the student's feedback");
  assert.doesNotMatch(JSON.stringify(executed), /square\(-2\) !== 4/, "not even in the test cell, which says where they were");
  assert.match(executed.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square-test").source, /hidden tests, run when the notebook was graded: not shown/);
  assert.match(printed, /^TOKEN none$/m);
  // nor through hooks handed the kernel's promises (v8.promiseHooks, async_hooks), whose requests held the tests' code
  assert.match(printed, /^REQUESTED nothing$/m);
  assert.match(exercise(fixtureReport, "forge-protocol", "arith.ipynb", "mean-test").error, /^Error: the mean of the grid should be 0.4995, got 1/);
});

test("results printed or displayed by the student's code do not count, and odd thrown values still fail", () => {
  // even with Error.prepareStackTrace throwing, no stack frames, uncaught errors swallowed and console.error silenced
  const notebook = notebookOf(fixtureReport, "forge-output", "arith.ipynb");
  assert.equal(notebook.score, 0);
  assert.match(exercise(fixtureReport, "forge-output", "arith.ipynb", "square-test").error, /the cell threw a value that could not be described/);
  const mean = exercise(fixtureReport, "forge-output", "arith.ipynb", "mean-test");
  assert.match(mean.error, /estimate must be a number, got object/);
  assert.equal(mean.estimate, undefined, "the look-alike results carry no attestation");
});

test("cells that reach for the kernel's machinery are rejected, with the reason in the report and the notebook", () => {
  const notebook = notebookOf(fixtureReport, "forge-inspected", "arith.ipynb");
  assert.equal(notebook.score, 0);
  const rejected = notebook.notes.filter((note) => note.kind === "rejected-cell").map((note) => note.message);
  assert.equal(rejected.length, 6, rejected.join("\n"));
  for (const reason of [
    /declares `Math`, which would replace JavaScript's own/,
    /uses the global object \(globalThis\)/,
    /imports "fs"/,
    /the answer cell "square" was rejected: it uses require.*graded as not answered/,
    /the answer cell "mean" was rejected: it touches a prototype/,
  ]) {
    assert.ok(rejected.some((message) => reason.test(message)), `${reason} in ${rejected.join("\n")}`);
  }
  assert.match(exercise(fixtureReport, "forge-inspected", "arith.ipynb", "square-test").error, /No answer given yet/);
});

test("an answer that calls the library's implementation is told to write it itself", () => {
  // gaussianMI, a function of one number, is refused by reading the code: a table of its values
  // made before the test (which refuses calls only while it runs the answer) would pass
  const groundTruth = exercise(courseReport, "delegate-import", "ground-truth.ipynb", "ground_truth-test");
  assert.equal(groundTruth.points, 0);
  const [rejected] = notebookOf(courseReport, "delegate-import", "ground-truth.ipynb").notes.filter((note) => note.kind === "rejected-cell");
  assert.match(rejected.message, /the answer cell "ground_truth" was rejected: it uses `gaussianMI`, the library's implementation that this notebook's tests compare your answer with; write it yourself/);
  // so does every other truth of the library's tasks, several of which hold the Gaussian pair's
  const truth = exercise(courseReport, "delegate-truth", "ground-truth.ipynb", "ground_truth-test");
  assert.equal(truth.points, 0);
  assert.match(truth.error, /gaussianMI is the library's implementation.*write it yourself/);
  // nor does a copy of gaussianMI made from its own text: the kernel runs no code made at run time
  const copied = exercise(courseReport, "delegate-text", "ground-truth.ipynb", "ground_truth-test");
  assert.equal(copied.points, 0);
  assert.match(copied.error, /Cannot eval with evalTaming set to "no-eval"/);
  // the loss's fused form, mineLossGradient, refuses with MINETrainer.loss
  const gradient = exercise(courseReport, "lazy-tensor", "mine.ipynb", "MINETrainer-test");
  assert.equal(gradient.points, 0);
  assert.match(gradient.error, /MINETrainer\.loss is the library's implementation.*write it yourself/);
  for (const id of ["MINE-Net-test", "MINETrainer-test"]) {
    const base = exercise(courseReport, "delegate-base", "mine.ipynb", id);
    assert.equal(base.points, 0, id);
    assert.match(base.error, /(Net\.forward|MINETrainer\.loss) is the library's implementation.*write it yourself/, id);
  }
});

test("the library's modules other than its entry point are not given to a cell, by path or through node's module cache", () => {
  // each answer would hand chapter 3's test the library's Gaussian information: computed inside
  // the test (logDeterminant), or tabled before it by a computation the test's count leaves out
  for (const student of ["internal-log-determinant", "internal-course-truth"]) {
    const test = exercise(courseReport, student, "ground-truth.ipynb", "ground_truth-test");
    assert.equal(test.points, 0, student);
    const executed = parseNotebook(readFileSync(join(courseOut, "students", student, "ground-truth.ipynb"), "utf8"));
    const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
    assert.match(printed, /^REQUIRE refused: Error: dist\/tasks\/[a-z-]+\.js is one of the library's own modules, not available in the course's kernel: import what you need from "neural-mi"/m, student);
    assert.match(printed, /^CACHE refused: Error: dist\/tasks\/[a-z-]+\.js is one of the library's own modules/m, student);
  }
});

test("the exercises' base classes have no answer to inherit: super.forward and super.loss do not even compile", () => {
  const notebook = notebookOf(courseReport, "delegate-super", "mine.ipynb");
  assert.equal(notebook.score, 0);
  for (const id of ["MINE-Net-test", "MINETrainer-test"]) {
    const item = exercise(courseReport, "delegate-super", "mine.ipynb", id);
    assert.equal(item.status, "failed", id);
    assert.match(item.error, /Cannot find name '(MINENet|SmoothedMINETrainer)'/, id);
  }
});

test("a test's library cannot be swapped for a package the notebook wrote or a module cell named like it, TensorFlow.js's engine changed, or a tensor computed after the test's guard", () => {
  const groundTruth = exercise(courseReport, "shadow-package", "ground-truth.ipynb", "ground_truth-test");
  assert.equal(groundTruth.points, 0);
  assert.match(groundTruth.error, /groundTruth\(0\.5\) returned 0\.00000, expected 0\.143841/, "the test compared with the library's own gaussianMI");
  const notebook = notebookOf(courseReport, "tf-internals", "mine.ipynb");
  assert.equal(notebook.score, 0);
  assert.deepEqual(notebook.notes.filter((note) => note.kind === "rejected-cell"), [], "the realm, not the reading of the code, met these cells");
  assert.match(exercise(courseReport, "tf-internals", "mine.ipynb", "MINE-Net-test").error, /forward\(x, y\) differs from t\(x, y\) by up to 1\.00e\+0/);
  // the test reads what forward returned while the library's forward still refuses to be called
  const lazy = exercise(courseReport, "lazy-tensor", "mine.ipynb", "MINE-Net-test");
  assert.equal(lazy.points, 0);
  assert.match(lazy.error, /Net\.forward is the library's implementation.*write it yourself/);
});

test("a cell cannot change how the kernel's TypeScript compiles the test cells after it", () => {
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "shadow-package", "ground-truth.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
  assert.match(printed, /^COMPILER took: $/m, "every route was refused");
  assert.equal(exercise(courseReport, "shadow-package", "ground-truth.ipynb", "ground_truth-test").points, 0);
  // the test's own throw still throws
  assert.match(exercise(courseReport, "shadow-package", "ground-truth.ipynb", "ground_truth-test").error, /groundTruth\(0\.5\) returned 0\.00000/);
  assert.deepEqual(notebookOf(courseReport, "shadow-package", "ground-truth.ipynb").notes.filter((note) => note.kind === "rejected-cell"), []);
});

test("a cell cannot change how the kernel opens a test from the compile table's sealed entries", () => {
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "sealed-table", "ground-truth.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
  assert.match(printed, /^SEALED took: $/m, "every route was refused");
  const test = exercise(courseReport, "sealed-table", "ground-truth.ipynb", "ground_truth-test");
  assert.equal(test.points, 0);
  assert.match(test.error, /groundTruth\(0\.5\) returned 0\.00000, expected 0\.143841/, "the test that ran is the course's");
  assert.deepEqual(notebookOf(courseReport, "sealed-table", "ground-truth.ipynb").notes.filter((note) => note.kind === "rejected-cell"), []);
});

test("an answer pasted from the library's source is graded as any answer, with a note for the instructor", () => {
  const notebook = notebookOf(courseReport, hostOf("pasted-library"), "mine.ipynb");
  const note = notebook.notes.find((item) => item.kind === "library-copy");
  assert.ok(note, JSON.stringify(notebook.notes));
  assert.equal(note.cell, "resample");
  assert.match(note.message, /^the answer cell "resample" is \d+ % the library's own source \(lib\/src\/estimators\/resample\.ts/);
  assert.ok(!notebookOf(courseReport, "tf-internals", "mine.ipynb").notes.some((item) => item.kind === "library-copy"), "forgeries that call the library are not copies");
});

test("code a notebook leaves in TensorFlow.js's engine, environment or backend never runs, and a forward that zeroes every network's weights is caught", () => {
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "tf-internals", "mine.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
  assert.doesNotMatch(printed, /HOOK RAN/, "no hook ran in any later operation");
  // the test's reference was computed before the student's forward ran
  assert.match(exercise(courseReport, "tf-internals", "mine.ipynb", "MINE-Net-test").error, /forward\(x, y\) differs from t\(x, y\) by up to 1\.00e\+0/);
});

test("a loss that writes weights trained elsewhere, replaces what the trainer reports or hands the test other data earns only the loss's points", () => {
  // the loss is right on the fixed batches; while the test trains it gives no gradient, so the
  // network the test trains stays where it started, whatever the loss wrote into TensorFlow.js
  const escape = exercise(courseReport, "trainer-escape", "mine.ipynb", "MINETrainer-test");
  assert.equal(escape.status, "partial", escape.error ?? undefined);
  assert.equal(escape.points, 2);
  assert.ok(Math.abs(escape.estimate) < 0.05, `the estimate of an untrained network, not the one trained elsewhere: ${escape.estimate}`);
  assert.equal(escape.groundTruth, 0.9416230107934183, "the course's ground truth, not the one the notebook shared");
  assert.deepEqual(notebookOf(courseReport, "trainer-escape", "mine.ipynb").notes.filter((note) => note.kind === "rejected-cell"), []);
});

test("a later cell cannot rewrite the test's result through a display the answer made in the test: a display update carries no result", () => {
  const escape = exercise(courseReport, "trainer-escape", "mine.ipynb", "MINETrainer-test");
  assert.deepEqual([escape.points, escape.checks.find((check) => check.name === "estimate").passed], [2, false]);
  const cells = readJson(join(courseOut, "students", "trainer-escape", "mine.ipynb")).cells;
  const rewrite = JSON.stringify(cells.find((cell) => [cell.source].flat().join("").includes("RECEIVED TOKEN")).outputs);
  assert.match(rewrite, /RECEIVED TOKEN 32/, `the later cell had the test's result, token and all: ${rewrite}`);
  const test = cells.find((cell) => cell.metadata.nbgrader?.grade_id === "MINETrainer-test");
  const shown = test.outputs.filter((output) => output.output_type === "display_data");
  assert.deepEqual(shown.map((output) => [[output.data["text/plain"]].flat().join(""), output.data[RESULT_MIME]?.checks?.estimate]).slice(-1), [["a result of mine", undefined]]);
  assert.equal(shown.filter((output) => output.data[RESULT_MIME]).length, 1, "the test's own result only");
});

test("a forward that runs the library's fused kernel on its own network's weights, through a trainer's FusedNet, is told to write it itself", () => {
  const forward = exercise(courseReport, "trainer-escape", "mine.ipynb", "MINE-Net-test");
  assert.equal(forward.points, 0);
  assert.match(forward.error, /Net\.forward is the library's implementation.*write it yourself/);
});

/** What the test's checks of values would say of `groundTruth`: the first correlation it misses, or null. */
function missedCorrelation(groundTruth) {
  const truth = (rho) => -0.5 * Math.log1p(-rho * rho);
  const rhos = [0, 0.5, 0.9, -0.7, 0.99, 0.3];
  for (let i = 0; i <= 20_000; i++) rhos.push(-0.99 + (1.98 * i) / 20_000);
  for (let i = 0; i <= 5_000; i++) rhos.push(1 - 10 ** -(3 + i / 1_000), -(1 - 10 ** -(3 + i / 1_000)));
  return rhos.find((rho) => !(Math.abs(groundTruth(rho) - truth(rho)) <= 1e-9 * Math.max(1, truth(rho)))) ?? null;
}

test("a table of the library's values made before the test scores nothing: the test finds the library's Gaussian information ran before it", () => {
  const ranBefore = /this kernel ran the library's Gaussian information \d+ time\(s\) before this test .*restart the kernel/;
  for (const student of ["table-lookup", "table-interpolated", "table-growth-scale"]) {
    const test = exercise(courseReport, student, "ground-truth.ipynb", "ground_truth-test");
    assert.equal(test.points, 0, student);
    assert.match(test.error, ranBefore, student);
    assert.deepEqual(notebookOf(courseReport, student, "ground-truth.ipynb").notes.filter((note) => note.kind === "rejected-cell"), [], student);
  }
  // the values alone could not refuse the last: on a scale that follows the growth near ±1 the
  // table is within 1e-9 of the truth at every correlation the checks draw
  const sValues = Array.from({ length: GROWTH_SCALE_NODES }, (_, i) => -0.5 * Math.log1p(-((1 - Math.exp(-i * GROWTH_SCALE_STEP)) ** 2)));
  const growthScale = new Function("rho", "sStep", "sValues", GROWTH_SCALE_LOOKUP);
  assert.equal(missedCorrelation((rho) => growthScale(rho, GROWTH_SCALE_STEP, sValues)), null);
  // nor the same table made elsewhere and brought in as data, which never runs the library in the
  // kernel: the cells holding it are rejected, and a file beside the notebook is not given to it
  for (const student of ["table-written-out", "table-in-a-string"]) {
    const notebook = notebookOf(courseReport, student, "ground-truth.ipynb");
    assert.equal(exercise(courseReport, student, "ground-truth.ipynb", "ground_truth-test").points, 0, student);
    const rejected = notebook.notes.filter((note) => note.kind === "rejected-cell");
    assert.equal(rejected.length, 1, student);
    assert.match(rejected[0].message, /answer cell "ground_truth" was rejected: it holds data, not code: the notebook's own cells hold \d+ (numbers written out in code \(at most 400\)|characters of strings, comments and names \(at most 8000[;)]).*compute the values in your code/, student);
  }
  // nor split into cells too small to be taken for data one by one: enough of them are rejected
  const split = notebookOf(courseReport, "table-split-cells", "ground-truth.ipynb");
  assert.equal(exercise(courseReport, "table-split-cells", "ground-truth.ipynb", "ground_truth-test").points, 0);
  const splitRejected = split.notes.filter((note) => note.kind === "rejected-cell");
  assert.ok(splitRejected.length >= 180, `${splitRejected.length} cells rejected`);
  assert.ok(splitRejected.every((note) => /(cell \d+|the answer cell "ground_truth") was rejected: it holds data, not code: the notebook's own cells hold \d+ numbers/.test(note.message)), splitRejected[0]?.message);
  const fromFile = parseNotebook(readFileSync(join(courseOut, "students", "table-in-a-file", "ground-truth.ipynb"), "utf8"));
  const fileOutput = fromFile.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
  assert.match(fileOutput, /^FILE refused: Error: ENOENT/m);
  assert.equal(exercise(courseReport, "table-in-a-file", "ground-truth.ipynb", "ground_truth-test").points, 0);
  const fileNote = courseReport.students.find((item) => item.student === "table-in-a-file").notes.find((note) => note.kind === "files-not-used");
  assert.match(fileNote.message, new RegExp(`were not given to the notebooks.*: ${TABLE_FILE.replace(".", "\\.")}$`));
  assert.equal(missedCorrelation((rho) => growthScale(rho, GROWTH_SCALE_STEP, OFFLINE_TABLE)), null);
  // nor a copy of the library the notebook wrote, whose count would be its own: it does not load
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "table-library-copy", "ground-truth.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
  assert.match(printed, /^COPY refused: .*copied-library\/dist\/index\.js as a module is not available in the course's kernel/m);
  const copy = exercise(courseReport, "table-library-copy", "ground-truth.ipynb", "ground_truth-test");
  assert.equal(copy.points, 0);
  assert.match(copy.error, /groundTruth\(0\.5\) returned 0\.00000/);
  // nor the library's own answer, with the test's import answered by the cell through tslab's require
  const kernelObjects = parseNotebook(readFileSync(join(courseOut, "students", "kernel-objects", "ground-truth.ipynb"), "utf8"));
  const attempts = kernelObjects.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
  assert.match(attempts, /^PROTOTYPE refused$/m);
  assert.match(attempts, /^APPLY refused$/m);
  const objects = exercise(courseReport, "kernel-objects", "ground-truth.ipynb", "ground_truth-test");
  assert.equal(objects.points, 0);
  assert.match(objects.error, /gaussianMI/);
  // nor a table made for draws the cell chose through node's module cache: the test's randomInt is node's
  const cached = exercise(courseReport, "builtin-cache", "mine.ipynb", "MINE-Net-test");
  assert.equal(cached.points, 0);
  assert.match(cached.error, /^Error: with other weights forward\(x, y\) differs from t\(x, y\)/, "the visible check, at the fixed weights, passed");
  // chapter 5's hidden checks: other weights for MINE-Net, another network and moving average for the loss's gradient
  const forward = exercise(courseReport, "table-lookup", "mine.ipynb", "MINE-Net-test");
  assert.equal(forward.points, 0);
  assert.match(forward.error, /^Error: with other weights forward\(x, y\) differs from t\(x, y\)/, "the visible check, at the fixed weights, passed");
  const loss = exercise(courseReport, "table-lookup", "mine.ipynb", "MINETrainer-test");
  assert.equal(loss.points, 0);
  assert.equal(loss.status, "failed");
  assert.match(loss.error, /^Error: the gradient of the loss differs from \(MINE-smoothed\)/, "the fixed batches' losses and moving averages passed");
  assert.deepEqual(notebookOf(courseReport, "table-lookup", "mine.ipynb").notes.filter((note) => note.kind === "rejected-cell"), []);
});

test("samples that are not independent standard normal pairs fail, however right their moments", () => {
  for (const student of ["sampling-function-of-x", "sampling-signs"]) {
    const test = exercise(courseReport, student, "sampling.ipynb", "sampling-test");
    assert.equal(test.points, 0, student);
    // Y' = (Z² − 1)/√2 has variance 1 but fourth moment 15: over the hidden test's 20000 draws its
    // sample variance has standard deviation 0.026, so the variance check (±0.05) refuses it first
    // in about 6 % of runs, before the cells do
    const varianceFirst = student === "sampling-function-of-x" ? "|the variance of Y' is \\d\\.\\d{3}; it must be 1" : "";
    assert.match(
      test.error,
      new RegExp(`([XY]' fills 100 cells of equal probability unevenly \\(chi-square \\d+\\.\\d, 45 to 181\\)|rows fill the cells of a [46] × [46] grid of equal probability unevenly \\(chi-square \\d+\\.\\d, at most (90|48)\\)${varianceFirst})`),
      student,
    );
  }
  // a column that is the same whatever the seed is not drawn
  const stratified = exercise(courseReport, "sampling-stratified", "sampling.ipynb", "sampling-test");
  assert.equal(stratified.points, 0);
  assert.match(stratified.error, /generators with different seeds gave the same X'/);
  const both = exercise(courseReport, "sampling-stratified-both", "sampling.ipynb", "sampling-test");
  assert.equal(both.points, 0);
  assert.match(both.error, /X' fills 100 cells of equal probability more evenly than random draws ever do \(chi-square \d+\.\d, 45 to 181\)/);
  // (a y' that is always the first row is refused first by the check of n' below n: of 40 rows
  // drawn three times, none is among y's last 10)
  for (const [student, reason] of [
    ["resample-next-row", /50000 rows fill the 2500 pairs \(row of x, row of y\) unevenly/],
    ["resample-one-row", /resampling 40 rows from 50, three times, drew only the first 40 rows of y/],
  ]) {
    const test = exercise(courseReport, hostOf(student), "mine.ipynb", "resample-test");
    assert.equal(test.points, 0, student);
    assert.match(test.error, reason, student);
  }
  // a generator of the answer's in place of the test's Rng: the test makes its own
  const rebound = exercise(courseReport, hostOf("rebound-rng"), "mine.ipynb", "resample-test");
  assert.equal(rebound.points, 0);
  assert.match(rebound.error, /two seeds gave the same rows of x: draw all random numbers from `rng`/);
});

test("MINE's loss handed to the library's bounds, exported or held by its trainers, is told to write it itself", () => {
  for (const student of ["delegate-bounds", "delegate-trainer-bound", "delegate-trainer-evaluation", "delegate-super-evaluation"]) {
    const test = exercise(courseReport, student, "mine.ipynb", "MINETrainer-test");
    assert.equal(test.points, 0, student);
    assert.match(test.error, /MINETrainer\.loss is the library's implementation that this test compares your code with.*write it yourself/, student);
  }
});

test("an answer cannot lift the test's refusal of the library's implementation: withoutReference is the test's", () => {
  for (const [notebook, id] of [["ground-truth.ipynb", "ground_truth-test"], ["mine.ipynb", "MINE-Net-test"], ["mine.ipynb", "MINETrainer-test"]]) {
    const test = exercise(courseReport, "lifted-refusal", notebook, id);
    assert.equal(test.points, 0, id);
    assert.match(test.error, /withoutReference is the tests' guard around your code; your code cannot call it while a test runs it/, id);
  }
});

test("what an answer returns is read as data: its own methods and the trainer's overrides do not report results", () => {
  const sampling = exercise(courseReport, "lying-objects", "sampling.ipynb", "sampling-test");
  assert.equal(sampling.points, 0);
  // tagged skip-execution, and run all the same
  assert.equal(sampling.status, "failed");
  assert.match(sampling.error, /the sample correlation of X' and Y' is 0\.[89]\d*; independent variables need covariance/);
  const resample = exercise(courseReport, "lying-objects", "mine.ipynb", "resample-test");
  assert.equal(resample.points, 0);
  assert.match(resample.error, /resampling n rows from n never repeated a row/);
  const trainer = exercise(courseReport, "lying-objects", "mine.ipynb", "MINETrainer-test");
  assert.equal(trainer.points, 0);
  assert.match(trainer.error, /SmoothedMINETrainer defines `step`.*only `loss`/);
});

test("a backend broken by the student's cells cannot make wrong answers match the tests' references: they are computed on plain numbers", () => {
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "broken-backend", "mine.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
  // the forgery took: TensorFlow.js computed zeros while the tests ran
  assert.match(printed, /matMul of ones now gives about 0\n/);
  const net = exercise(courseReport, "broken-backend", "mine.ipynb", "MINE-Net-test");
  assert.equal(net.points, 0);
  assert.match(net.error, /forward\(x, y\) differs from t\(x, y\)/);
  const trainer = exercise(courseReport, "broken-backend", "mine.ipynb", "MINETrainer-test");
  assert.equal(trainer.points, 0);
  assert.match(trainer.error, /this\.m is .* but the moving average|the loss of batch 1 is/);
});

test("a forward that reshapes the test's reference network through the engine earns nothing: a tensor's shape and size are fixed, and the reference's layers are sized by the network", () => {
  const net = exercise(courseReport, "reshaped-reference", "mine.ipynb", "MINE-Net-test");
  assert.equal(net.points, 0);
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "reshaped-reference", "mine.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => output.text ?? "").join("");
  assert.match(printed, /RESHAPE REFUSED Cannot assign to read only property/);
});

test("an answer's value is read as a number under the refusal: converting an object would run its code after chapter 3's count, where the library answers", () => {
  const truth = exercise(courseReport, "table-after-count", "ground-truth.ipynb", "ground_truth-test");
  assert.equal(truth.points, 0);
  assert.match(truth.error, /groundTruth\(0\) returned a value of type object/);
  const trainer = exercise(courseReport, "late-loss-value", "mine.ipynb", "MINETrainer-test");
  assert.equal(trainer.points, 0);
  // refused before its value is read: what it returns is not a tensor
  assert.match(trainer.error, /loss\(x, y, xRef, yRef\) must return a scalar tensor \(tf\.Scalar, shape \[\]\), got object/);
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "late-loss-value", "mine.ipynb"), "utf8"));
  assert.doesNotMatch(JSON.stringify(executed.cells.flatMap((cell) => cell.outputs ?? [])), /LATE ran the library's loss/);
});

test("the test reads the answer's class under its refusal: a Proxy in the class's chain cannot run the library's loss there", () => {
  const trainer = exercise(courseReport, "proxied-chain", "mine.ipynb", "MINETrainer-test");
  assert.equal(trainer.points, 0);
  assert.match(trainer.error, /MINETrainer\.loss is the library's implementation that this test compares your code with.*write it yourself/);
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "proxied-chain", "mine.ipynb"), "utf8"));
  assert.doesNotMatch(JSON.stringify(executed.cells.flatMap((cell) => cell.outputs ?? [])), /TRAP ran the library's loss/);
});

test("a forward whose outputs were read out of TensorFlow.js and made a tensor again earns nothing: its values are right, and the test follows the gradient too, read into numbers under its refusal", () => {
  const net = exercise(courseReport, hostOf("detached-forward"), "mine.ipynb", "MINE-Net-test");
  assert.equal(net.points, 0);
  assert.match(net.error, /the gradient of forward\(x, y\) could not be computed .*TensorFlow\.js operations only/);
  // nor through the answer's own list of variables, whose map would hand back gradients computed late
  const late = exercise(courseReport, hostOf("late-gradients"), "mine.ipynb", "MINE-Net-test");
  assert.equal(late.points, 0, JSON.stringify(late));
  assert.match(late.error, /the gradient of t through forward\(x, y\) differs from the network's by up to .*TensorFlow\.js operations only/);
});

test("samples drawn from Math.random, fresh for the tests' probing generators and kept by the state otherwise, fail: each probe is asked twice and the three differ", () => {
  // Math.random's rows are independent normals: once in about 30 000 runs (the limit's 3e-5) chapter 1's
  // 4 × 4 grid refuses them first, before the probes, and that refusal is as good
  const gridFirst = (what) => (what === "samples" ? "|rows fill the cells of a 4 × 4 grid of equal probability unevenly" : "");
  for (const [notebook, id, what] of [["sampling.ipynb", "sampling-test", "samples"], ["mine.ipynb", "resample-test", "rows"]]) {
    const fresh = exercise(courseReport, hostOf("probe-detected", notebook), notebook, id);
    assert.equal(fresh.points, 0, id);
    assert.match(fresh.error, new RegExp(`two generators drawing the same numbers gave different ${what}${gridFirst(what)}`), id);
    const kept = exercise(courseReport, hostOf("probe-keyed", notebook), notebook, id);
    assert.equal(kept.points, 0, id);
    assert.match(kept.error, new RegExp(`generators drawing different numbers gave the same ${what}${gridFirst(what)}`), id);
  }
});

test("a generator a hidden test hands to the answer shows none of the hidden test's text when the answer prints it", () => {
  for (const [notebook, id] of [["sampling.ipynb", "sampling-test"], ["mine.ipynb", "resample-test"]]) {
    assert.equal(exercise(courseReport, hostOf("probe-source", notebook), notebook, id).points, 2, id);
    const executed = parseNotebook(readFileSync(join(courseOut, "students", hostOf("probe-source", notebook), notebook), "utf8"));
    const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => [output.text ?? ""].flat().join("")).join("");
    assert.match(printed, /PROBE SOURCE function \(\) \{ \[native code\] \} class extends/, id);
    assert.doesNotMatch(printed, /drawn|after|other\.nextUint32/, id);
  }
});

test("a column computed from the generator's state rather than drawn fails: each column of the probes must follow the draws", () => {
  const sampling = exercise(courseReport, "state-column", "sampling.ipynb", "sampling-test");
  assert.equal(sampling.points, 0);
  assert.match(sampling.error, /a generator whose draws differ from seed 1's( after its first \d+)? gave seed 1's Y'/);
  const resample = exercise(courseReport, hostOf("state-column"), "mine.ipynb", "resample-test");
  assert.equal(resample.points, 0);
  assert.match(resample.error, /a generator whose draws differ from seed 1's( after its first \d+)? gave seed 1's rows of y/);
});

test("rows whose y' are objects, not numbers, fail: they could count as one row and serialize as another", () => {
  const sampling = exercise(courseReport, "object-rows", "sampling.ipynb", "sampling-test");
  assert.equal(sampling.points, 0);
  assert.match(sampling.error, /every row must be a pair \[x', y'\] of finite numbers/);
  const resample = exercise(courseReport, hostOf("object-rows"), "mine.ipynb", "resample-test");
  assert.equal(resample.points, 0);
  assert.match(resample.error, /every row must be \[x', y'\] with x' a row of x and y' a row of y; got \[\d+,0\]/);
});

test("a hidden test hands no function of its own to the answer's objects: a forEach of the answer's variables shows none of its text", () => {
  const result = exercise(courseReport, hostOf("variables-callback"), "mine.ipynb", "MINE-Net-test");
  assert.equal(result.points, result.maxPoints, JSON.stringify(result));
  const executed = parseNotebook(readFileSync(join(courseOut, "students", hostOf("variables-callback"), "mine.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => [output.text ?? ""].flat().join("")).join("");
  assert.doesNotMatch(printed, /weights\[i\]|assign\(/, printed);
});

test("an answer cannot read the running test's text off the heap (v8.queryObjects) into the feedback", () => {
  assert.equal(exercise(courseReport, "heap-query", "ground-truth.ipynb", "ground_truth-test").points, 2);
  const executed = parseNotebook(readFileSync(join(courseOut, "students", "heap-query", "ground-truth.ipynb"), "utf8"));
  const printed = executed.cells.flatMap((cell) => cell.outputs ?? []).map((output) => [output.text ?? ""].flat().join("")).join("");
  assert.match(printed, /HEAP refused/);
  assert.doesNotMatch(printed, /randomInt\(-990/);
});
