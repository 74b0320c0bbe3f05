// The compile table (lib/kernel/compile-table.cjs, record-compile-table.cjs): what a kernel
// looks up is exactly what it would have compiled, and the table holds nothing a student may
// not see (no answer, no hidden test, nothing after a hidden test that declares a name).
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
const { TABLE_FORMAT, compileKey, parseCompileTable, useCompileTable } = require(path.join(root, "lib", "kernel", "compile-table.cjs"));
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
const notebooks = [
  [
    { kind: "course", source: 'import { gaussianMI, Rng } from "neural-mi";\nconst rho = 0.8;' },
    { kind: "course", source: "const truth = gaussianMI(rho);\ntruth" },
    { kind: "answer", source: "function estimateOf(samples: number[]): number {\n  // YOUR CODE HERE\n  throw new Error();\n}" },
    // a test whose hidden part declares nothing at the top level: recording goes on
    {
      kind: "test",
      source: '"use strict"; console.assert(typeof estimateOf === "function");\n{ const hidden = 1; console.assert(hidden === 1); }',
      visible: '"use strict"; console.assert(typeof estimateOf === "function");',
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
    { kind: "course", source: 'import { helper } from "./helper";\nconst y = helper(x);' },
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

test("the table holds the course cells up to the first test whose hidden part declares a name, and nothing else", () => {
  const table = JSON.parse(recorded.text);
  assert.equal(table.format, TABLE_FORMAT);
  // notebook 1: three course cells before the declaring hidden test; notebook 2: one, before the file import
  assert.equal(recorded.entries.size, 4);
  assert.ok(!recorded.text.includes("hiddenExpected") && !recorded.text.includes(HIDDEN_CONSTANT), "nothing of the hidden test");
  assert.ok(!recorded.text.includes("afterTheHiddenTest"), "no cell after it");
  assert.ok(!recorded.text.includes("YOUR CODE HERE") && !recorded.text.includes("const hidden = 1"), "no answer or test cell");
  assert.ok(!recorded.text.includes("helper"), "no cell that imports a file of the folder");
});

test("a kernel's converter given the table returns, for each recorded cell, what it would have compiled itself", () => {
  // in another process and folder: only the two texts may matter
  const script = `
    const path = require("path");
    const { parseCompileTable, useCompileTable, compileKey } = require(${JSON.stringify(path.join(root, "lib", "kernel", "compile-table.cjs"))});
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
        const fresh = plain.convert(prevDecl, cell.source);
        const looked = withTable.convert(prevDecl, cell.source);
        compared.push({
          recorded: entries.has(compileKey(prevDecl, cell.source)),
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
  assert.deepEqual(compared.filter((c) => c.recorded).length, 4);
  assert.ok(compared.every((c) => c.same), JSON.stringify(compared));
  // the recorded cells were looked up, the others compiled
  assert.deepEqual(counts, { found: 4, compiled: compared.length - 4 });
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
  assert.throws(
    () => parseCompileTable(JSON.stringify({ format: TABLE_FORMAT, entries: { [compileKey("", "x")]: { output: 1, declOutput: "" } } })),
    /malformed/,
  );
});
