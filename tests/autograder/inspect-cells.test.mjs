// Rules enforced by reading the student's code: what reaches the kernel's machinery or
// rebinds what the tests read is rejected, and nothing the course itself writes is.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { markRejectedCells, namesTestsRead, rejectForbiddenCells, rejectionReason, typesTestsRead } from "../../autograder/src/grade/inspect-cells.mjs";
import { parseNotebook } from "../../autograder/src/notebook/format.mjs";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";
import { repoRoot } from "./helpers.mjs";

const stubs = loadStubs();
const courseNotebooks = readdirSync(join(repoRoot, "notebooks"))
  .filter((name) => name.endsWith(".ipynb"))
  .map((name) => ({ name, ...releaseNotebook(parseNotebook(readFileSync(join(repoRoot, "notebooks", name), "utf8")), stubs) }));

test("the course's solutions and the example submissions are not rejected", () => {
  for (const { name, reference, student } of courseNotebooks) {
    assert.deepEqual(rejectForbiddenCells(structuredClone(reference), { reference, student }), [], `${name} (solutions)`);
    for (const example of ["perfect", "partial", "empty"]) {
      let submitted;
      try {
        submitted = parseNotebook(readFileSync(join(repoRoot, "autograder", "examples", example, name), "utf8"));
      } catch {
        continue; // this example has no such chapter
      }
      assert.deepEqual(rejectForbiddenCells(submitted, { reference, student }), [], `${example}/${name}`);
    }
  }
});

const chapter5 = courseNotebooks.find(({ name }) => name.startsWith("05"));
/**
 * `reference` with its tests reading the set-up cell's `Rng` from the names the cells share, as the
 * samplers' tests did before they imported their own: the release now refuses such a test
 * (check-metadata.mjs, sharedNameProblems), and the reading of the code still refuses a cell that
 * declares a name a test reads.
 */
const readingSharedRng = (reference) => ({
  ...reference,
  cells: reference.cells.map((cell) => ({ ...cell, source: cell.source.replace(/^import \{ Rng \} from "neural-mi";\n/m, "") })),
});
const context = {
  protectedNames: namesTestsRead(readingSharedRng(chapter5.reference)),
  protectedTypes: typesTestsRead(chapter5.reference),
  ownNames: new Set(["MINENet", "SmoothedMINETrainer", "resampleReference"]),
};
assert.ok(context.protectedNames.has("Rng") && !namesTestsRead(chapter5.reference).has("Rng"));

// Each: code a hostile or careless cell might hold, and what the reason must say.
const FORBIDDEN = [
  ['const lib = require("neural-mi");', /uses require/],
  ["delete (require as any).cache[Object.keys((require as any).cache)[0]];", /uses require/],
  ["(globalThis as any).JSON = { stringify: () => \"{}\" };", /global object/],
  ["const Math = { abs: (v: number) => 0 };", /declares `Math`, which would replace JavaScript's own/],
  ["const JSON = { stringify: () => \"ok\" };", /declares `JSON`/],
  ["const Rng = class {};", /declares `Rng`, a name of the course's that the tests read/],
  ["let Rng = 1;", /declares `Rng`/],
  ["Rng = null as any;", /assigns to `Rng`/],
  // written to through an assertion, parentheses or a pattern: `(Rng as any) = 5` compiles even where Rng is
  // an earlier cell's const, class, function or import, and rebinds it for the cells after it (tried in the kernel)
  ...["(Rng as any) = 5;", "(Rng) = null as any;", "(<any>Rng)++;", "[Rng] = [5] as any;", "({ Rng } = {} as any);", "({ k: (Rng as any) } = { k: 5 });", "[...(Rng as any)] = [5];", "for ((Rng as any) of [5]);"].map(
    (code) => /** @type {[string, RegExp]} */ ([code, /assigns to `Rng`/]),
  ),
  // an alias is a name every later cell reads from the shared names, the tests too (`Math.abs`
  // compiled as the alias's: tried in the kernel); the reason named `require(...)`, which it has none of
  ["namespace Mine { export const abs = (v: number) => 0; }\nimport Math = Mine;", /uses `import … = …`, an alias that every later cell, the tests included, would read/],
  // a module cell's augmentation of the library's types: an overload of courseData returning a const enum's
  // type made a test's `course.groundTruth` compile to the cell's constant (tried in the kernel)
  [
    '/** @module aug */\nexport const enum K { groundTruth = 0.5 }\ndeclare module "neural-mi" { export function courseData(o: { seed: 0; n: 1000 }): typeof K & { x: number[][]; y: number[][] }; }',
    /declares the types of "neural-mi" \(`declare module "…"`, `declare global`\), which every later cell, the tests included, would compile against/,
  ],
  // a type named as one a test reads as a type stands for it there, and a const enum's type makes a read a
  // constant: after `type NetLayers = typeof K & …`, chapter 5's `(net: NetLayers) => net.variables` read K's member
  ['const enum K { variables = "abc" }\ntype NetLayers = typeof K & { dispose(): void };', /declares the type `NetLayers`, a type the tests read/],
  ["const enum K { value = 9 }\ntype KT = typeof K;\ninterface PropertyDescriptor extends KT {}", /declares the type `PropertyDescriptor`, a type the tests read/],
  ["const enum K { length = 7 }\ntype Float64Array = typeof K;", /declares the type `Float64Array`, a type the tests read/],
  ["const enum NetLayers { forward }", /declares the type `NetLayers`/],
  ["const enum K { variables = 1 }\ntype KT = typeof K;\ninterface Own extends KT {}\nexport { Own as NetLayers };", /declares the type `NetLayers`/],
  ['import { Net as NetLayers } from "neural-mi";', /declares the type `NetLayers`/],
  ['declare module "@tensorflow/tfjs-core" { interface Tensor { extra: number } }', /declares the types of "@tensorflow\/tfjs-core"/],
  ["/** @module g */\nexport {};\ndeclare global { interface NumberConstructor { extra: number } }", /declares the types of the global scope/],
  ["(exports as any).MINETrainer = null;", /uses `exports`/],
  ["this.MINETrainer = null;", /uses `this` outside a class/],
  ["Array.prototype.every = function () { return true; };", /touches a prototype/],
  ['(Number as any)["prototype"].toFixed = () => "0.94";', /touches a prototype/],
  ["Object.defineProperty(Error.prototype, \"message\", { get: () => \"\" });", /touches a prototype|defines properties/],
  ["Object.defineProperty(Array, Symbol.hasInstance, { value: () => true });", /defines properties/],
  ["const F = (() => 0).constructor; F(\"return this\")();", /constructor/],
  ["new Function(\"return this\")();", /Function constructor/],
  ["eval(\"1\");", /uses eval/],
  ["process.binding(\"fs\");", /internals/],
  ["(process as any).stdout.write = () => true;", /standard output/],
  ['import * as cp from "child_process";', /imports "child_process"/],
  ['const m = await import("neural-mi");', /import\(\.\.\.\)/],
  ["lockdown();", /uses lockdown/],
  ["Reflect.set(Math, \"abs\", () => 0);", /uses Reflect/],
  // names bound for later cells by exports and namespaces, modules re-exported
  ["const fake = class {};\nexport { fake as Rng };", /declares `Rng`, a name of the course's/],
  ["namespace Rng { export const seed = 1; }", /declares `Rng`/],
  ['export * as cp from "child_process";', /imports "child_process"/],
  ['export { createRequire } from "module";', /imports "module"/],
  // TensorFlow.js's engine and registries compute what the tests compare with
  ["(tf.engine() as any).readSync = () => new Float32Array(1);", /reaches TensorFlow.js's engine \(engine\)/],
  ['(tf as any)["backend"]().readSync = () => 0;', /reaches TensorFlow.js's engine \(backend\)/],
  ['tf.registerKernel({ kernelName: "Max", backendName: "wasm", kernelFunc: () => null } as any);', /TensorFlow.js's registries \(registerKernel\)/],
  // the engine kept, or the standard streams touched other than by writing progress: refused, saying what is allowed
  ["const engine = tf.engine();\nengine.startScope();", /other than by calling `tf\.engine\(\)\.startScope\(\)` or `tf\.engine\(\)\.endScope\(result\)` directly \(or use `tf\.tidy/],
  ["(tf.engine() as any).startScope();", /reaches TensorFlow.js's engine \(engine\)/],
  ["const write = process.stdout.write;\nwrite(\"x\");", /other than by calling `process\.stdout\.write\(text\)`/],
  ["process.stdout.end();", /standard output/],
  ['process.stderr.write("epoch 1\\n");', /standard error \(a test cell that prints to it scores 0; print progress with `process\.stdout\.write\(text\)`/],
  ["const r = \\u0072equire(\"fs\");", /uses require/],
  // names spelled with escapes or as literals are read as what they spell
  ["(glob\\u0061lThis as any).x = 1;", /uses the global object \(globalThis\)/],
  ["\\u0065val(\"1\");", /uses eval/],
  ["const o: any = {};\no.\\u0070rototype = 1;", /touches a prototype/],
  ['const o: any = {};\no["\\u0070rototype"] = 1;', /touches a prototype/],
  ["const o: any = {};\no[`prototype`] = 1;", /touches a prototype/],
  ["const \\u0052ng = 1;", /declares `Rng`/],
  // TypeScript's declarations that bind a name at run time
  ["enum Rng { a }", /declares `Rng`/],
  ["declare let Rng: unknown;", /declares `Rng`/],
  // a module's types: enough for tslab to register ./neural-mi.ts where the tests' `require("neural-mi")` looks first
  ['type Lib = typeof import("./neural-mi");\nconst unused: Lib | null = null;', /imports the types of "\.\/neural-mi"/],
  ['let helper: import("fs").Stats;', /imports the types of "fs"/],
  ['/// <reference path="neural-mi.ts" />\nconsole.log(1);', /uses a `\/\/\/ <reference … \/>` directive/],
  ['/// <reference types="evil" />', /uses a `\/\/\/ <reference … \/>` directive/],
  // a decorator runs outside what it decorates: its `this` is the cell's (here the global object)
  ["@((target: any) => (this as any).x ?? target)\nclass A {}", /uses `this` outside a class or function/],
  ["class A {\n  @((target: any) => (this as any).x ?? target)\n  m() {}\n}", /uses `this` outside a class or function/],
  // a parameter of the same name elsewhere in the cell does not make the name the cell's own here
  ['function shadow(require: number, globalThis: number) { return require + globalThis; }\nconst fs = require("fs");', /uses require/],
  ["function shadow(globalThis: number) { return globalThis; }\n(globalThis as any).x = 1;", /uses the global object \(globalThis\)/],
  ["function shadow(Rng: number) { return Rng; }\nRng = null as any;", /assigns to `Rng`/],
  ["{ const exports = 1; }\n(exports as any).x = 1;", /uses `exports`/],
  // TypeScript's parser recurses: reading this overflowed the stack and the student became a grader error
  [`const v = ${"(".repeat(5000)}1${")".repeat(5000)};`, /nests its code too deeply to be read/],
];

for (const [code, reason] of FORBIDDEN) {
  test(`rejected: ${code.length > 80 ? `${code.slice(0, 79)}…` : code}`, () => {
    assert.match(rejectionReason(code, context) ?? "not rejected", reason);
  });
}

test("ordinary code of a student's own is accepted, answers may be declared again", () => {
  for (const code of [
    "const myNet = new MINENet({ seed: 1 });\nconsole.log(myNet.evaluate([[0, 0]]));",
    "class MINENet extends NetLayers {\n  forward(x: tf.Tensor2D, y: tf.Tensor2D) { return tf.tidy(() => this.fc3.apply(tf.elu(this.fc2.apply(tf.elu(this.fc1.apply(tf.concat([x, y], 1))))))); }\n}",
    // the library's type imported again under its name is the same type; a type named as a value a test reads changes no value
    'import { NetLayers, tf } from "neural-mi";\nclass MINENet extends NetLayers {}',
    "interface Math { extra: number }",
    "const sizes = [1, 2, 3].map((n) => Math.sqrt(n));\nfunction helper(a: number) { return a.toFixed(2); }",
    // a name of the cell's own, where it is in scope
    "function share(exports: number[], global: number) { return exports.map((e) => e + global); }",
    "function step(x: number) { for (const module of [1, 2]) x = x + module; try { x += 1; } catch (arguments) { return 0; } return x; }",
    // progress lines, and the scopes tf.tidy itself opens and closes
    "for (let epoch = 1; epoch <= 3; epoch++) process.stdout.write(`\\repoch ${epoch}`);",
    "tf.engine().startScope();\nconst kept = tf.ones([2]).exp().mean();\ntf.engine().endScope(kept);",
    // a course name read, not written, in a pattern or a loop
    "let seen: any;\n[seen] = [Rng];\n({ k: seen = Rng } = {} as any);\nfor (seen of [Rng]);\nconst { Rng: own } = { Rng } as any;",
  ]) {
    assert.equal(rejectionReason(code, context), undefined, code);
  }
});

test("an edited course cell keeps the course's names only where it declares them as the course's cell does; its id is the submission's to write", () => {
  const chapter1 = courseNotebooks.find(({ name }) => name.startsWith("01"));
  const importCell = chapter1.reference.cells.find((cell) => cell.cell_type === "code" && /import \{[^}]*\bRng\b[^}]*\} from "neural-mi"/.test(cell.source));
  const submit = (source, id = importCell.id) => {
    const submission = structuredClone(chapter1.student);
    submission.cells.push({ cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source });
    return rejectForbiddenCells(submission, { reference: readingSharedRng(chapter1.reference), student: chapter1.student }).map((rejection) => rejection.reason);
  };
  // the course's import, edited to bring one name more: still the course's Rng
  assert.deepEqual(submit(importCell.source.replace("Rng,", "Rng, gaussianMI,")), []);
  // a Rng of the student's own under the import cell's id, or any other: refused
  const ownRng = "class Rng {\n  constructor(public seed: number) {}\n  normal() { return 0; }\n}";
  for (const id of [importCell.id, "own-1"]) assert.match(submit(ownRng, id)[0] ?? "", /Rng/);
  assert.match(submit('import { Net as Rng } from "neural-mi";')[0] ?? "", /Rng/);
});

test("a rejected answer runs as its released stub and shows its own code and the reason afterwards", () => {
  const { reference, student } = chapter5;
  const submission = structuredClone(student);
  const cell = submission.cells.find((c) => c.metadata.nbgrader?.grade_id === "MINE-Net");
  cell.source = "class MINENet extends NetLayers {\n  forward(x: tf.Tensor2D, y: tf.Tensor2D) { return (Net as any)[\"prototype\"].forward.call(this, x, y); }\n}";
  const [rejection, ...others] = rejectForbiddenCells(submission, { reference, student });
  assert.equal(others.length, 0);
  assert.equal(rejection.id, "MINE-Net");
  assert.equal(cell.source, student.cells[rejection.index].source, "the stub runs instead");
  markRejectedCells(submission, [rejection]);
  assert.match(cell.source, /prototype/);
  assert.equal(cell.outputs[0].ename, "RejectedCell");
  assert.match(cell.outputs[0].evalue, /the answer cell "MINE-Net" was rejected: it touches a prototype; it was graded as not answered/);
});

test("a rejected cell's reason cannot run as code: the comment that replaces the cell is one line, and short", () => {
  const { reference, student } = chapter5;
  const submission = structuredClone(student);
  const injected = 'import * as q from "x\\n(tf.engine() as any).readSync = () => new Float32Array(1);\\u2028// ' + "y".repeat(5000) + '";';
  submission.cells.push({ cell_type: "code", execution_count: null, id: "injected", metadata: {}, outputs: [], source: injected });
  const [rejection] = rejectForbiddenCells(submission, { reference, student });
  const replaced = submission.cells.at(-1).source;
  assert.equal(replaced.split(/[\r\n\u2028\u2029]/).length, 1, replaced);
  assert.match(replaced, /^\/\/ rejected by the autograder: this cell imports "x\\n\(tf\.engine/);
  assert.ok(rejection.reason.length < 200, `${rejection.reason.length} characters`);
});

test("the library's function a test compares the answer with may not be used at all, even before the test runs", () => {
  const chapter3 = courseNotebooks.find(({ name }) => name.startsWith("03"));
  const table = 'import { gaussianMI } from "neural-mi";\nconst table = new Map<number, number>();\nfor (let i = -99; i <= 99; i++) table.set(i, gaussianMI(i / 100));\nfunction groundTruth(rho: number): number {\n  return table.get(Math.round(rho * 100)) ?? 0;\n}';
  const submission = structuredClone(chapter3.student);
  const answer = submission.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "ground_truth");
  answer.source = table;
  const [rejection] = rejectForbiddenCells(submission, chapter3);
  assert.equal(rejection?.id, "ground_truth");
  assert.match(rejection.reason, /uses `gaussianMI`, the library's implementation that this notebook's tests compare your answer with/);
  // a scratch cell checking her own answer against the library's is told why it does not run, and where to compare
  const [scratch] = rejectForbiddenCells({ ...submission, cells: [...chapter3.student.cells, { cell_type: "code", metadata: {}, source: 'import { gaussianMI } from "neural-mi";\nconsole.log(groundTruth(0.5), gaussianMI(0.5));', outputs: [], execution_count: null }] }, chapter3);
  assert.match(scratch.reason, /does not run when graded, since it could keep the library's answers for the test: compare yours with it in a copy you do not hand in/);
  const guardedNames = new Set(["gaussianMI"]);
  // re-exported under another name, for a table in a later cell: what the name refers to counts
  for (const code of ["import * as nm from \"neural-mi\";\nconst t = nm.gaussianMI(0.5);", "const t = (nm as any)[\"gaussianMI\"](0.5);", 'export { gaussianMI as gm } from "neural-mi";']) {
    assert.match(rejectionReason(code, { ...context, guardedNames }) ?? "not rejected", /uses `gaussianMI`/, code);
  }
  assert.equal(rejectionReason("function gaussianMI(r: number) { return -0.5 * Math.log(1 - r * r); }", { ...context, guardedNames }), undefined, "a function of the student's own with that name");
});

test("data written out in the student's cells: past the notebook's limits, the cells that hold it are rejected, wherever it is written", () => {
  const chapter3 = courseNotebooks.find(({ name }) => name.startsWith("03"));
  const numbers = (count, from) => Array.from({ length: count }, (_, i) => (from + i / 7).toFixed(6));
  const submit = (answer, ...ownCells) => {
    const submission = structuredClone(chapter3.student);
    submission.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "ground_truth").source = answer;
    submission.cells.push(...ownCells.map((source, i) => ({ cell_type: "code", execution_count: null, id: `own-${i}`, metadata: {}, outputs: [], source })));
    return rejectForbiddenCells(submission, { reference: chapter3.reference, student: chapter3.student });
  };
  const formula = "function groundTruth(rho: number): number {\n  return -0.5 * Math.log(1 - rho * rho);\n}";
  // a few hundred numbers in all are not data
  assert.deepEqual(submit(formula, `const tried = [${numbers(390, 0)}];`), []);
  assert.deepEqual(submit(`// ${numbers(20, 0).join(" ")}: tried by hand\n${formula}`, `const tried = [${numbers(300, 0)}];`), []);
  // a comment is data too: a function's text hands its comments back at run time (String(f))
  const inComment = submit(`function carrier() {\n  /*${numbers(2000, 0).join(" ")}*/\n}\n${formula}`);
  assert.deepEqual(inComment.map((rejection) => rejection.id), ["ground_truth"]);
  assert.match(inComment[0].reason, /2\d{3} numbers written out in code \(at most 400\)/);
  // a BigInt literal counts by its digits (15 a number): sixty of 1024 hex digits hold 3,840 doubles
  const packed = Array.from({ length: 60 }, (_, k) => `0x1${"0123456789abcdef".repeat(64).slice(k % 16)}${"0".repeat(k % 16)}n`);
  assert.equal(submit(formula, `const packed = [${packed.join(", ")}];`).length, 1);
  // and so do names of the student's own: a function's text hands them back as well
  const named = submit(formula, `const carrier = () => { let ${Array.from({ length: 600 }, (_, i) => `v${i}_${(i / 7).toFixed(6).replace(".", "_")}`).join(", ")}; };`);
  assert.equal(named.length, 1);
  // a table in one cell, split over cells, or written as a string: each cell holding it is rejected, the formula is not
  // 250 + 250 + 3, and the formula's two
  const split = submit(formula, `const a = [${numbers(250, 0)}];`, `const b = [${numbers(250, 1)}];`, "const c = [1, 2, 3];");
  assert.deepEqual(split.map((rejection) => rejection.source.slice(0, 9)), ["const a =", "const b ="]);
  assert.match(split[0].reason, /^holds data, not code: the notebook's own cells hold 505 numbers written out in code \(at most 400\)/);
  const inString = submit(`const t = "${numbers(500, 0).join(" ")}".split(" ").map(Number);\n${formula}`);
  assert.equal(inString.length, 1);
  assert.equal(inString[0].id, "ground_truth");
  const encoded = submit(formula, `const t = "${"QUJD".repeat(2500)}";`);
  assert.match(encoded[0].reason, /\d+ characters of strings, comments and names \(at most 8000[;)]/);
  // so is a table in a template literal or a regular expression's text
  assert.equal(submit(formula, `const t = \`${numbers(500, 0).join(",")}\`;`).length, 1);
  assert.equal(submit(formula, `const t = /${numbers(500, 0).join(",")}/.source;`).length, 1);
  // a table split into cells too small to hold much each: enough of them are rejected that what runs is within the limits
  const pieces = Array.from({ length: 201 }, (_, k) => `table.push(${numbers(19, k).join(", ")});`);
  const splitSmall = submit(formula, "const table: number[] = [];", ...pieces);
  assert.ok(!splitSmall.some((rejection) => rejection.id === "ground_truth"), "the formula runs");
  const kept = pieces.filter((piece) => !splitSmall.some((rejection) => rejection.source === piece));
  assert.ok(kept.length * 19 <= 400, `${kept.length} pieces of the table run`);
  assert.ok(kept.length >= 15, "no more is rejected than brings the notebook within its limits");
  // validate reads the released notebook, the graders the source: both count the same names as the course's
  const nearLimit = `function groundTruth(rho: number): number {\n  const tried = [${numbers(19, 0)}];\n  return -0.5 * Math.log1p(-rho * rho);\n}`;
  const asValidate = (source) => {
    const submission = structuredClone(chapter3.student);
    submission.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "ground_truth").source = source;
    submission.cells.push({ cell_type: "code", execution_count: null, id: "own", metadata: {}, outputs: [], source: `const more = [${numbers(390, 0)}];` });
    return rejectForbiddenCells(submission, { reference: chapter3.student, student: chapter3.student }).map((rejection) => rejection.index);
  };
  const asGrader = (source) => {
    const submission = structuredClone(chapter3.student);
    submission.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "ground_truth").source = source;
    submission.cells.push({ cell_type: "code", execution_count: null, id: "own", metadata: {}, outputs: [], source: `const more = [${numbers(390, 0)}];` });
    return rejectForbiddenCells(submission, { reference: chapter3.reference, student: chapter3.student }).map((rejection) => rejection.index);
  };
  assert.deepEqual(asGrader(nearLimit), asValidate(nearLimit));
  // white space inside a comment is kept by compiling, and so is a literal's text as written:
  // a comment of Unicode spaces, and String.raw's line breaks behind backslashes, held tables
  const spaces = [" ", "\t", "\u00a0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004"];
  const whitespace = submit(`function carrier() {\n  /*${Array.from({ length: 9000 }, (_, i) => spaces[(i * 7) % 8]).join("")}*/\n}\n${formula}`);
  assert.deepEqual(whitespace.map((rejection) => rejection.id), ["ground_truth"]);
  const raw = submit(formula, `const t = String.raw\`${Array.from({ length: 5000 }, (_, i) => (i % 3 ? "\\\n" : "\\\u2028")).join("")}\`;`);
  assert.equal(raw.length, 1);
  // a numeric literal's digits are kept as written too (one of 76,020 digits held the table), and so
  // are a name's escapes, each writing of it (zeros padding \u{71} to \u{00000071}, 122 times)
  const long = submit(formula, `const t = String(() => 0.${numbers(300, 0).join("").replace(/\D/g, "").repeat(20)});`);
  assert.equal(long.length, 1);
  assert.match(long[0].reason, /numbers written out in code/);
  // and its exponent's digits (7e followed by the table)
  const exponent = submit(formula, `const t = String(() => 7e${numbers(300, 0).join("").replace(/\D/g, "").repeat(20)});`);
  assert.equal(exponent.length, 1);
  assert.match(exponent[0].reason, /numbers written out in code/);
  // a character beyond ASCII carries up to 15 bits: 5,598 of them held the table within 8,000 characters
  const wide = submit(formula, `const t = "${Array.from({ length: 5600 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join("")}";`);
  assert.equal(wide.length, 1);
  assert.match(wide[0].reason, /characters of strings, comments and names \(at most 8000; a character beyond ASCII counts as its UTF-8 bytes/);
  // which course name stands at each place: 9,597 bare names, 128 of the course's own, 7 bits a place
  const courseNames = ["Math", "tf", "Rng", "groundTruth", "console", "rho"];
  // one a line (no semicolons: 9,000 tokens, within the notebook's 12,000)
  const bare = Array.from({ length: 9000 }, (_, i) => courseNames[(i * 7919) % courseNames.length]).join("\n");
  const inNames = submit(formula, `function carrier() {\n${bare}\n}`);
  assert.equal(inNames.length, 1);
  assert.match(inNames[0].reason, /characters of strings, comments and names/);
  const padded = (zeros) => `\\u{${"0".repeat(zeros)}71}`.repeat(40);
  const escapes = submit(formula, `const ${"q".repeat(40)} = 1;\nconst t = [${Array.from({ length: 200 }, (_, i) => padded(i % 16)).join(", ")}];`);
  assert.equal(escapes.length, 1);
  // punctuation carries data as well: digits written as arrays of that many holes ([,,,] is 3), or
  // as true and false, hold no number, string or name of their own
  const digits = numbers(300, 0).join("").replace(/\D/g, "");
  const holes = submit(formula, `const t = [${Array.from(digits, (d) => `[${",".repeat(Number(d))}]`).join(", ")}];`);
  assert.equal(holes.length, 1);
  assert.match(holes[0].reason, /^holds data, not code: the notebook's own cells hold \d+ tokens of code \(at most 12000; the course's answers take a few hundred\)/);
  const bits = Array.from({ length: 7000 }, (_, i) => (((i * 2654435761) >>> 7) & 1 ? "true" : "false"));
  assert.equal(submit(formula, `const t = [${bits.join(", ")}];`).length, 1);
  // while the chapters' own code, written out again in the student's cells, is far from the limit
  const ownCopies = chapter3.reference.cells.filter((cell) => cell.cell_type === "code").map((cell) => `{\n${cell.source}\n}`);
  assert.deepEqual(submit(formula, ...ownCopies).filter((rejection) => /tokens of code/.test(rejection.reason)), []);
});

test("a cell far past the limits on tokens is rejected as data before it is parsed: its syntax tree would fill the grader's memory", () => {
  // 3 million tokens in 6 MB (a notebook may hold 20): parsed, read for its declarations, its names and
  // its data, it took 52 s of the grader's thread and 2.2 GB of its heap (a limit of about 4 GB), which
  // 10 million tokens passed, stopping the grader and every student's grading with it
  const chapter3 = courseNotebooks.find(({ name }) => name.startsWith("03"));
  const submission = structuredClone(chapter3.student);
  const answer = submission.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "ground_truth");
  answer.source = `function groundTruth(rho: number): number {\n  return -0.5 * Math.log(1 - rho * rho);\n}\n${"a;".repeat(3_000_000)}`;
  const started = performance.now();
  const rejections = rejectForbiddenCells(submission, { reference: chapter3.reference, student: chapter3.student });
  const seconds = (performance.now() - started) / 1000;
  assert.ok(seconds < 5, `the reading took ${seconds.toFixed(1)} s`);
  assert.deepEqual(rejections.map((rejection) => rejection.id), ["ground_truth"]);
  assert.match(rejections[0].reason, /^holds data, not code: more than 50000 tokens in this cell alone/);
  // just below the bound, the cell is parsed, and the rule on the notebook's data rejects it: the
  // scanner counts at most 2.5 times the parser's tokens (`>>>=` is four to it, one to the parser)
  for (const [unit, scanned] of [["a;", 2], ["a>>>=a;", 7]]) {
    const below = structuredClone(chapter3.student);
    below.cells.push({ cell_type: "code", execution_count: null, id: "own", metadata: {}, outputs: [], source: unit.repeat(Math.floor(49_000 / scanned)) });
    const rejected = rejectForbiddenCells(below, { reference: chapter3.reference, student: chapter3.student });
    assert.equal(rejected.length, 1, unit);
    assert.match(rejected[0].reason, /^holds data, not code: the notebook's own cells hold/, unit);
  }
});
