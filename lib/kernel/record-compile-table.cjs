// Makes a compile table (compile-table.cjs) from the released notebooks:
//   node record-compile-table.cjs <node_modules> <cells.json> <table.json>
// run in a folder placed as the kernels' working folders are, relative to <node_modules>, so that
// the program sees the packages where a kernel does. <cells.json>: { "notebooks": [[cell, ...], ...] },
// each cell { "source", "kind" } in the order a kernel runs them, kind "course" (recorded),
// "answer" (the released stub: compiled, never recorded) or "test", with "visible", the test as
// released, beside "source", the test as graded (hidden tests in).
//
// In clear, only what the released notebooks make public goes into the table: each course cell's
// compilation after the declarations of the cells before it. Each test as graded is recorded
// sealed (compile-table.cjs: only a kernel sent that very test opens it), with its attestation
// tokens as RECORDED_TOKEN. The declarations after a test would carry a hidden test's top-level
// names and types into every later key and entry in clear, so a notebook is recorded only up to
// the first test whose graded version declares other than its released one. No answer is
// recorded, and no cell that depends on more than its text (files of the folder).
"use strict";
const fs = require("fs");
const path = require("path");
const { TABLE_FORMAT, compileKey, recordedCompilation, sealCompilation, tokenPlacesMatch, withRecordedToken } = require("./compile-table.cjs");

/**
 * Whether a cell names a file beside it: a relative or absolute module specifier (an import, an
 * export from, `require` or `import()`) or a `/// <reference>` (as TypeScript reads them, so that a
 * string holding "'/" elsewhere in the cell does not count).
 */
function dependsOnFiles(ts, source) {
  const { importedFiles, referencedFiles, typeReferenceDirectives } = ts.preProcessFile(source, true, true);
  return referencedFiles.length > 0 || typeReferenceDirectives.length > 0 || importedFiles.some(({ fileName }) => /^\.{0,2}\//.test(fileName));
}

function main() {
  const [modulesDir, cellsFile, tableFile] = process.argv.slice(2);
  if (!modulesDir || !cellsFile || !tableFile) {
    console.error("usage: node record-compile-table.cjs <node_modules> <cells.json> <table.json>");
    process.exit(2);
  }
  const { notebooks } = JSON.parse(fs.readFileSync(cellsFile, "utf8"));
  const { createConverter } = require(path.join(modulesDir, "tslab", "dist", "converter.js"));
  const ts = require(path.join(modulesDir, "@tslab", "typescript-for-tslab"));
  const converter = createConverter({ isJS: false, isBrowser: false });
  const entries = {};
  for (const cells of notebooks) recordNotebook(ts, converter, cells, entries);
  fs.writeFileSync(tableFile, JSON.stringify({ format: TABLE_FORMAT, entries }));
  // TypeScript's watch program keeps timers and watchers alive
  process.exit(0);
}

function recordNotebook(ts, converter, cells, entries) {
  let prevDecl = "";
  for (const cell of cells) {
    if (dependsOnFiles(ts, cell.source)) return;
    // a test as a kernel looks it up: its tokens replaced
    const source = cell.kind === "test" ? withRecordedToken(cell.source)?.src : cell.source;
    if (source === undefined) return;
    const converted = converter.convert(prevDecl, source);
    if (converted.sideOutputs) return;
    // a cell with errors leaves the kernel's declarations as they were
    if (converted.diagnostics.length > 0) continue;
    if (cell.kind === "test") {
      const released = converter.convert(prevDecl, cell.visible ?? "");
      if (released.diagnostics.length > 0 || released.declOutput !== converted.declOutput) return;
      const compilation = recordedCompilation(converted);
      if (tokenPlacesMatch(source, compilation)) entries[compileKey(prevDecl, source)] = { sealed: sealCompilation(prevDecl, source, compilation) };
    }
    if (cell.kind === "course") entries[compileKey(prevDecl, source)] = recordedCompilation(converted);
    prevDecl = converted.declOutput || "";
  }
}

main();
