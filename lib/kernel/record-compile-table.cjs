// Makes a compile table (compile-table.cjs) from the released notebooks:
//   node record-compile-table.cjs <node_modules> <cells.json> <table.json>
// run in a folder placed as the kernels' working folders are, relative to <node_modules>, so that
// the program sees the packages where a kernel does. <cells.json>: { "notebooks": [[cell, ...], ...] },
// each cell { "source", "kind" } in the order a kernel runs them, kind "course" (recorded),
// "answer" (the released stub: compiled, never recorded) or "test", with "visible", the test as
// released, beside "source", the test as graded (hidden tests in).
//
// Only what the released notebooks make public goes into the table: each course cell's
// compilation after the declarations of the cells before it. Those declarations would carry a
// hidden test's top-level names and types into every later key and entry, so a notebook is
// recorded only up to the first test whose graded version declares other than its released
// one. Cells that depend on more than their text (files of the folder, `%%` magics) are not
// recorded.
"use strict";
const fs = require("fs");
const path = require("path");
const { TABLE_FORMAT, compileKey, recordedCompilation } = require("./compile-table.cjs");

// a module specifier, `/// <reference path>` or `%%` magic that reaches beyond the cell's text
const DEPENDS_ON_FILES = /(["'`])\.{0,2}\/|\/\/\/\s*<reference|^\s*%/m;

function main() {
  const [modulesDir, cellsFile, tableFile] = process.argv.slice(2);
  if (!modulesDir || !cellsFile || !tableFile) {
    console.error("usage: node record-compile-table.cjs <node_modules> <cells.json> <table.json>");
    process.exit(2);
  }
  const { notebooks } = JSON.parse(fs.readFileSync(cellsFile, "utf8"));
  const { createConverter } = require(path.join(modulesDir, "tslab", "dist", "converter.js"));
  const converter = createConverter({ isJS: false, isBrowser: false });
  const entries = {};
  for (const cells of notebooks) recordNotebook(converter, cells, entries);
  fs.writeFileSync(tableFile, JSON.stringify({ format: TABLE_FORMAT, entries }));
  // TypeScript's watch program keeps timers and watchers alive
  process.exit(0);
}

function recordNotebook(converter, cells, entries) {
  let prevDecl = "";
  for (const cell of cells) {
    if (DEPENDS_ON_FILES.test(cell.source)) return;
    const converted = converter.convert(prevDecl, cell.source);
    if (converted.sideOutputs) return;
    // a cell with errors leaves the kernel's declarations as they were
    if (converted.diagnostics.length > 0) continue;
    if (cell.kind === "test") {
      const released = converter.convert(prevDecl, cell.visible ?? "");
      if (released.diagnostics.length > 0 || released.declOutput !== converted.declOutput) return;
    }
    if (cell.kind === "course") entries[compileKey(prevDecl, cell.source)] = recordedCompilation(converted);
    prevDecl = converted.declOutput || "";
  }
}

main();
