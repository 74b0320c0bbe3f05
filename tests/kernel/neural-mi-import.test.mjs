// Notebooks import the course library by package name, from notebooks/ and from
// the nested copies nbgrader makes (release/<assignment>/, submitted/<student>/<assignment>/).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { runHeadless, makeNotebook } from "../../scripts/lib/notebook.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { errorsOf, streams } from "./helpers.mjs";

// Inside the repository (so node_modules is found by walking up), git-ignored.
fs.mkdirSync(fromRoot(".cache"), { recursive: true });
const scratch = fs.mkdtempSync(path.join(fromRoot(".cache"), "kernel-test-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const cells = [
  // tfjs-core's chained methods type-check (their typings augment Tensor from files of their own)
  // and keep the rank where tf.elu(h) does: a forward pass chained as tfjs's guides write it is a
  // Tensor2D at every step (.add(b1).elu() and matMul gave a plain Tensor), and the forms typed
  // before (a broadcast number or scalar, an array, an explicit type argument, a Tensor of
  // unknown rank given its type by the variable) still compile.
  [
    'import { init, backendInfo, Rng, tf } from "neural-mi";',
    "const info = await init();",
    "console.log(info.name === backendInfo().name, typeof new Rng(1).uniform(), tf.tensor1d([1, 3]).neg().exp().mean().log().dataSync()[0].toFixed(4));",
    "const [w1, w2] = [tf.tensor2d([[1, -2]]), tf.tensor2d([[1], [-1]])];",
    "const b1 = tf.variable(tf.tensor1d([0.5, 0.25]));",
    "const forward = (x: tf.Tensor2D): tf.Tensor2D => x.matMul(w1).add(b1).elu().matMul(w2).relu().neg();",
    "const x = tf.tensor2d([[1], [-1]]);",
    "const scaled: tf.Tensor2D = x.mul(tf.scalar(2)).sub(1).abs();",
    "const unknownRank: tf.Tensor = x;",
    "const stillTyped: tf.Tensor2D[] = [x.elu<tf.Tensor2D>(), x.add<tf.Tensor2D>([[1], [2]]), tf.scalar(1).sub<tf.Tensor2D>(x), unknownRank.relu(), x.add(unknownRank)];",
    "console.log(forward(x).sum().dataSync()[0].toFixed(4), scaled.sum().dataSync()[0], stillTyped.length);",
  ].join("\n"),
  // The library's type declarations are found: a misuse is a type error, not a runtime surprise.
  "const wrong: number = backendInfo;",
];

const places = {
  "notebooks/": () => fromRoot("notebooks"),
  "release/<assignment>/": () => path.join(scratch, "release", "chapter-1"),
  "submitted/<student>/<assignment>/": () => path.join(scratch, "submitted", "student-a", "chapter-1"),
};

for (const [where, dir] of Object.entries(places)) {
  test(`import { ... } from "neural-mi" works in ${where}`, async () => {
    const cwd = dir();
    fs.mkdirSync(cwd, { recursive: true });
    const { notebook, status, stderr } = await runHeadless(makeNotebook(cells), { cwd, allowErrors: true });
    assert.equal(status, 0, stderr);
    const [imported, typed] = notebook.cells;
    assert.deepEqual(errorsOf(imported), [], JSON.stringify(imported.outputs));
    assert.equal(streams(imported, "stdout"), "true number -1.5662\n-2.3262 4 5\n");
    assert.equal(streams(imported, "stderr"), "", "importing and initialising the library prints nothing to stderr");
    const [typeError] = errorsOf(typed);
    assert.equal(typeError?.ename, "TypeScriptError");
    assert.match(typeError.evalue, /not assignable to type 'number'/);
  });
}

test("a stray @types package in an ancestor folder does not join the cells' programs; Node's types still do", async () => {
  // as a home or /tmp holding node_modules/@types of another project would
  const stray = path.join(scratch, "node_modules", "@types", "stray");
  fs.mkdirSync(stray, { recursive: true });
  fs.writeFileSync(path.join(stray, "package.json"), JSON.stringify({ name: "@types/stray", version: "1.0.0", types: "index.d.ts" }));
  fs.writeFileSync(path.join(stray, "index.d.ts"), "interface Math { exp(x: number): string }\ndeclare var describe: number;\n");
  const cwd = path.join(scratch, "course", "chapter-1");
  fs.mkdirSync(cwd, { recursive: true });
  const source = [
    "const e: number = Math.exp(1);\nconsole.log(e.toFixed(3));",
    "const describe = (s: string) => s.length;\nconsole.log(describe('abc'));",
    "const bytes: Buffer = Buffer.from('ab');\nconst home: string | undefined = process.env.HOME;\nconsole.log(bytes.length, typeof home);",
    "const wrong: string = process.pid;",
  ];
  const { notebook, status, stderr } = await runHeadless(makeNotebook(source), { cwd, allowErrors: true });
  assert.equal(status, 0, stderr);
  const [exp, shadow, node, typed] = notebook.cells;
  for (const cell of [exp, shadow, node]) assert.deepEqual(errorsOf(cell), [], JSON.stringify(cell.outputs));
  assert.equal(streams(exp, "stdout"), "2.718\n");
  assert.equal(streams(shadow, "stdout"), "3\n");
  assert.equal(streams(node, "stdout"), "2 string\n");
  assert.match(errorsOf(typed)[0]?.evalue ?? "", /'number' is not assignable to type 'string'/, "Node's types are there: process.pid is a number");
});

test("a student's own @types/node in her workspace does not replace the course's Node.js types", async () => {
  // `npm install @types/node@10` in my-work/ (the course's folder above it): its crypto has no randomInt, which
  // the chapters' tests import, and every cell was compiled against it ("Module '"crypto"' has no exported member")
  const cwd = path.join(scratch, "my-work");
  const own = path.join(cwd, "node_modules", "@types", "node");
  fs.mkdirSync(own, { recursive: true });
  fs.writeFileSync(path.join(own, "package.json"), JSON.stringify({ name: "@types/node", version: "10.17.60", types: "index.d.ts" }));
  fs.writeFileSync(
    path.join(own, "index.d.ts"),
    'declare module "crypto" { export function createHash(algorithm: string): any; }\ndeclare var process: { pid: string; env: any };\n',
  );
  const source = [
    'import { randomInt } from "crypto";\nconsole.log(typeof randomInt(3));',
    "const pid: number = process.pid;\nconsole.log(typeof pid);",
  ];
  const { notebook, status, stderr } = await runHeadless(makeNotebook(source), { cwd, allowErrors: true });
  assert.equal(status, 0, stderr);
  for (const cell of notebook.cells) assert.deepEqual(errorsOf(cell), [], JSON.stringify(cell.outputs));
  assert.deepEqual(notebook.cells.map((cell) => streams(cell, "stdout")), ["number\n", "number\n"]);
});
