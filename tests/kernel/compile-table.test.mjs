// The compile table (lib/kernel/compile-table.cjs, record-compile-table.cjs): what a kernel
// looks up is exactly what it would have compiled, and the table holds nothing a student may
// not see: no answer, no hidden test in clear (tests are sealed, opened only by the test's own
// text), nothing after a hidden test that declares a name.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { kernelSnapshotBlob } from "../../scripts/setup/kernel-snapshot.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const modules = path.join(root, "node_modules");
const require = createRequire(import.meta.url);
const { TABLE_FORMAT, compileKey, parseCompileTable, sealCompilation, useCompileTable, withRecordedToken } = require(path.join(root, "lib", "kernel", "compile-table.cjs"));
const RECORDER = path.join(root, "lib", "kernel", "record-compile-table.cjs");
// from the kernel snapshot when there is one, as the grader runs the recorder: TypeScript loaded
const blob = kernelSnapshotBlob();
const node = (script, args, cwd) =>
  spawnSync(process.execPath, [...(blob ? ["--snapshot-blob", blob] : []), script, ...args], { cwd, encoding: "utf8" });

// two working folders at the same depth below the packages, as the grader's kernels have
const scratch = mkdtempSync(path.join(root, ".cache", "compile-table-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const folder = (name) => {
  const dir = path.join(scratch, name, "work");
  mkdirSync(dir, { recursive: true });
  return dir;
};

const HIDDEN_CONSTANT = "0.8123457";
const HIDDEN_CHECK = "hiddenCheckOfTheEstimate";
// a test as the grader sends it: "use strict" and a token per run and cell in each reportResult
const attested = (token, body) =>
  `"use strict"; import { reportResult } from "neural-mi";\n${body.replaceAll("reportResult({", `reportResult({ attestation: "${token}", `)}`;
const RECORDED_TOKEN = "7".repeat(32);
const SENT_TOKEN = "0123456789abcdef".repeat(2);
const TEST_WITH_RESULTS = (token) =>
  attested(token, `{ const ${HIDDEN_CHECK} = estimateOf([1, 2]) > 0; reportResult({ exercise: "estimateOf", estimate: 1, groundTruth: 1, tolerance: 0.1, checks: { positive: ${HIDDEN_CHECK} } }); }\nif (Math.random() > 2) reportResult({ exercise: "estimateOf", estimate: 0, groundTruth: 1, tolerance: 0.1 });`);
const notebooks = [
  [
    { kind: "course", source: 'import { gaussianMI, Rng } from "neural-mi";\nconst rho = 0.8;' },
    { kind: "course", source: "const truth = gaussianMI(rho);\ntruth" },
    // a slash after a quote in a string is no file: recorded
    { kind: "course", source: "const formula = `L + L'/m`;\nconst root = '/';" },
    { kind: "answer", source: "function estimateOf(samples: number[]): number {\n  // YOUR CODE HERE\n  throw new Error();\n}" },
    // a test whose hidden part declares nothing at the top level: recording goes on
    {
      kind: "test",
      source: '"use strict"; console.assert(typeof estimateOf === "function");\n{ const hidden = 1; console.assert(hidden === 1); }',
      visible: '"use strict"; console.assert(typeof estimateOf === "function");',
    },
    // reporting its results with the grader's token (recorded with one token, sent with another)
    {
      kind: "test",
      source: TEST_WITH_RESULTS(RECORDED_TOKEN),
      sentAs: TEST_WITH_RESULTS(SENT_TOKEN),
      visible: attested(RECORDED_TOKEN, 'reportResult({ exercise: "estimateOf", estimate: 0, groundTruth: 1, tolerance: 0.1 });'),
    },
    { kind: "course", source: "const rng = new Rng(3);\nconst draws = Array.from({ length: 4 }, () => rng.normal());\nawait Promise.resolve(draws.length);" },
    // a hidden part with a top-level name: nothing after it is recorded
    {
      kind: "test",
      source: `"use strict"; const hiddenExpected = ${HIDDEN_CONSTANT};\nconsole.assert(Math.abs(truth - hiddenExpected) < 1);`,
      visible: '"use strict"; console.assert(truth > 0);',
    },
    { kind: "course", source: "const afterTheHiddenTest = truth * 2;" },
  ],
  [
    { kind: "course", source: 'import { gaussianMI } from "neural-mi";\nconst x = gaussianMI(0.5);' },
    // reaches a file of the folder: this notebook is recorded no further
    { kind: "course", source: 'const { helper } = require("./helper");\nconst y = helper(x);' },
    { kind: "course", source: "const z = x + 1;" },
  ],
];

function recordTable() {
  const dir = folder("record");
  const cells = path.join(scratch, "cells.json");
  const table = path.join(scratch, "table.json");
  writeFileSync(cells, JSON.stringify({ notebooks }));
  const run = node(RECORDER, [modules, cells, table], dir);
  assert.equal(run.status, 0, run.stderr);
  return { text: readFileSync(table, "utf8"), entries: parseCompileTable(readFileSync(table, "utf8")) };
}

const recorded = recordTable();

test("the table holds the course cells up to the first test whose hidden part declares a name, the tests before it sealed, and nothing else", () => {
  const table = JSON.parse(recorded.text);
  assert.equal(table.format, TABLE_FORMAT);
  // notebook 1: four course cells and two sealed tests before the declaring hidden test; notebook 2: one, before the file import
  assert.equal(recorded.entries.size, 7);
  assert.equal(Object.values(table.entries).filter((entry) => Object.keys(entry).join() === "sealed").length, 2);
  assert.ok(!recorded.text.includes("hiddenExpected") && !recorded.text.includes(HIDDEN_CONSTANT), "nothing of the hidden test");
  assert.ok(!recorded.text.includes("afterTheHiddenTest"), "no cell after it");
  assert.ok(!recorded.text.includes("YOUR CODE HERE"), "no answer");
  for (const secret of ["const hidden = 1", HIDDEN_CHECK, "estimateOf([1, 2])", "checks", RECORDED_TOKEN]) {
    assert.ok(!recorded.text.includes(secret), `no test in clear (${secret})`);
  }
  assert.ok(!recorded.text.includes("helper"), "no cell that imports a file of the folder");
});

test("a kernel's converter given the table returns, for each recorded cell, what it would have compiled itself", () => {
  // in another process and folder: only the two texts may matter
  const script = `
    const path = require("path");
    const { parseCompileTable, useCompileTable, compileKey, withRecordedToken } = require(${JSON.stringify(path.join(root, "lib", "kernel", "compile-table.cjs"))});
    const converterModule = require(path.join(${JSON.stringify(modules)}, "tslab", "dist", "converter.js"));
    const plain = converterModule.createConverter({ isJS: false, isBrowser: false });
    const entries = parseCompileTable(require("fs").readFileSync(${JSON.stringify(path.join(scratch, "table.json"))}, "utf8"));
    const counts = useCompileTable(converterModule, entries);
    const withTable = converterModule.createConverter({ isJS: false, isBrowser: false });
    const notebooks = ${JSON.stringify(notebooks)};
    const compared = [];
    for (const cells of notebooks) {
      let prevDecl = "";
      for (const cell of cells) {
        if (cell.source.includes("./helper")) break;
        const sent = cell.sentAs ?? cell.source;
        const fresh = plain.convert(prevDecl, sent);
        const looked = withTable.convert(prevDecl, sent);
        compared.push({
          recorded: entries.has(compileKey(prevDecl, withRecordedToken(sent).src)),
          hasSentToken: looked.output.includes(${JSON.stringify(SENT_TOKEN)}),
          same: ["output", "declOutput", "lastExpressionVar"].every((k) => fresh[k] === looked[k]) &&
            Boolean(fresh.hasToplevelAwait) === looked.hasToplevelAwait && looked.diagnostics.length === fresh.diagnostics.length,
        });
        if (fresh.diagnostics.length === 0) prevDecl = fresh.declOutput || "";
      }
    }
    console.log(JSON.stringify({ compared, counts }));
    process.exit(0);`;
  const replay = path.join(scratch, "replay.cjs");
  writeFileSync(replay, script);
  const run = node(replay, [], folder("replay"));
  assert.equal(run.status, 0, run.stderr);
  const { compared, counts } = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.deepEqual(compared.filter((c) => c.recorded).length, 7);
  assert.ok(compared.every((c) => c.same), JSON.stringify(compared));
  // the test recorded with one token, sent with another, runs with the one it was sent
  assert.equal(compared.filter((c) => c.hasSentToken).length, 1);
  // the recorded cells were looked up, the others compiled
  assert.deepEqual(counts, { found: 7, compiled: compared.length - 7 });
});

test("a sealed entry opens only for the texts it was compiled from: a guess, a moved entry or mixed tokens compile", () => {
  // as the table keys and seals a test: with the recorded token in its calls
  const test = withRecordedToken(TEST_WITH_RESULTS(SENT_TOKEN)).src;
  const compilation = { output: "the test, compiled", declOutput: "", hasToplevelAwait: false };
  const guess = test.replace("> 0", ">= 0");
  const table = (entries) => parseCompileTable(JSON.stringify({ format: TABLE_FORMAT, entries }));
  const converterWith = (entries) => {
    const fake = fakeConverterModule();
    useCompileTable(fake, table(entries));
    return fake.createConverter({ isJS: false, isBrowser: false });
  };
  const sealed = { [compileKey("", test)]: { sealed: sealCompilation("", test, compilation) } };
  assert.equal(converterWith(sealed).convert("", test).output, "the test, compiled");
  // other declarations before it, or a test that differs by a character: not the entry's key
  assert.match(converterWith(sealed).convert("declare const a: number;\n", test).output, /^compiled /);
  assert.match(converterWith(sealed).convert("", guess).output, /^compiled /);
  // the sealed test placed under the guess's key (a table an attacker wrote): it does not open
  assert.match(converterWith({ [compileKey("", guess)]: sealed[compileKey("", test)] }).convert("", guess).output, /^compiled /);
  // a cell whose calls carry two tokens is never looked up
  const mixed = TEST_WITH_RESULTS(SENT_TOKEN).replace(SENT_TOKEN, RECORDED_TOKEN);
  assert.equal(withRecordedToken(mixed), null);
  assert.match(converterWith(sealed).convert("", mixed).output, /^compiled /);
});

test("the compiler never sees a test's token, with a table or without, after a detour too; the compiled test carries it", () => {
  const sent = TEST_WITH_RESULTS(SENT_TOKEN);
  // what the compiler is sent in the token's place
  const [, placeholder] = /attestation: "([0-9a-f]{32})"/.exec(withRecordedToken(sent).src);
  assert.notEqual(placeholder, SENT_TOKEN);
  for (const [label, entries] of [["no table", new Map()], ["a table without the test", parseCompileTable(JSON.stringify({ format: TABLE_FORMAT, entries: {} }))]]) {
    const fake = fakeConverterModule();
    useCompileTable(fake, entries);
    const converter = fake.createConverter({ isJS: false, isBrowser: false });
    const first = converter.convert("", sent);
    converter.convert("", 'import "./file";'); // from now on nothing is looked up
    const second = converter.convert("", sent);
    assert.ok(!fake.calls.some((src) => src.includes(SENT_TOKEN)), `${label}: the compiler was sent the token`);
    assert.equal(fake.calls.filter((src) => src.includes(placeholder)).length, 2, label);
    for (const compiled of [first, second]) {
      assert.ok(compiled.output.includes(`"${SENT_TOKEN}"`), `${label}: the compiled test carries its token`);
      assert.ok(!compiled.output.includes(placeholder), label);
    }
  }
  // a test that does not compile (no output) keeps the recorded token: it attests nothing
  const failing = { calls: [], createConverter: () => ({ convert: () => ({ output: "", declOutput: "", diagnostics: [{ message: "no" }] }), close() {} }) };
  useCompileTable(failing, new Map());
  assert.equal(failing.createConverter({}).convert("", sent).output, "");
});

function fakeConverterModule() {
  const calls = [];
  return {
    calls,
    createConverter: () => ({
      convert: (prevDecl, src) => {
        calls.push(src);
        return { output: `compiled ${src}`, declOutput: "", diagnostics: [], sideOutputs: src.includes("./file") ? [{}] : undefined };
      },
      addModule: () => [],
      close: () => {},
    }),
  };
}

test("after a %%module cell or a cell that compiled a file of the folder, a kernel looks nothing up", () => {
  const entries = parseCompileTable(
    JSON.stringify({ format: TABLE_FORMAT, entries: { [compileKey("", "course();")]: { output: "from the table", declOutput: "" } } }),
  );
  for (const detour of ["module", "file"]) {
    const fake = fakeConverterModule();
    useCompileTable(fake, entries);
    const converter = fake.createConverter({ isJS: false, isBrowser: false });
    assert.equal(converter.convert("", "course();").output, "from the table");
    if (detour === "module") converter.addModule("helper", "export const a = 1;", {});
    else converter.convert("", 'import "./file";');
    assert.equal(converter.convert("", "course();").output, "compiled course();", detour);
  }
  // the browser converter is left alone
  const fake = fakeConverterModule();
  useCompileTable(fake, entries);
  assert.equal(fake.createConverter({ isBrowser: true }).convert("", "course();").output, "compiled course();");
});

test("a table that is not one is refused with what is wrong", () => {
  assert.throws(() => parseCompileTable("{}"), /not a compile table/);
  assert.throws(() => parseCompileTable(JSON.stringify({ format: TABLE_FORMAT, entries: { abc: { output: "x", declOutput: "" } } })), /malformed/);
  assert.throws(() => parseCompileTable(JSON.stringify({ format: TABLE_FORMAT, entries: { [compileKey("", "x")]: { sealed: 1 } } })), /malformed/);
  assert.throws(
    () => parseCompileTable(JSON.stringify({ format: TABLE_FORMAT, entries: { [compileKey("", "x")]: { output: 1, declOutput: "" } } })),
    /malformed/,
  );
});
