// Starts the tslab kernel from the grading run's own copy of the packages.
"use strict";
const path = require("path");

// The kernel needs native addons (zeromq, its transport), so node's permission model runs
// with --allow-addons; harden.cjs lets native code load only from the packages, which the
// notebook cannot write to.
// The run's compile table (lib/kernel/compile-table.cjs), beside this launcher when the grader made
// one, is read now, before any cell runs, and tslab's converters look the course's cells up in it.
// tslab's modules are frozen by the hardening below, so this comes first.
const fs = require("fs");
const tablePath = path.join(__dirname, "compile-table.json");
/** Whether the grader placed a table; without one the permission model forbids even the look. */
function tablePlaced() {
  try {
    return fs.existsSync(tablePath);
  } catch {
    return false;
  }
}
{
  const modules = path.join(__dirname, "node_modules");
  const { parseCompileTable, useCompileTable } = require(path.join(modules, "neural-mi", "kernel", "compile-table.cjs"));
  const converter = require(path.join(modules, "tslab", "dist", "converter.js"));
  let entries = new Map();
  try {
    if (tablePlaced()) entries = parseCompileTable(fs.readFileSync(tablePath, "utf8"));
  } catch (error) {
    console.error(`compile table ${tablePath} not used (${error.message}): every cell is compiled`);
  }
  // a table or not: a test is compiled without its attestation token (compile-table.cjs)
  useCompileTable(converter, entries);
}

// The connection info comes through a pipe on this descriptor (enter_sandbox.py), never from a file the
// kernel could read again: its key signs the kernel's messages. Once hardened, the kernel's cells work
// only on descriptors they opened (own-descriptors.cjs); tslab reads this one once as it starts.
const CONNECTION_FD = 3;
require(path.join(__dirname, "node_modules", "neural-mi", "kernel", "own-descriptors.cjs")).connectionThrough(CONNECTION_FD);

// The realm is hardened before any cell runs (lib/kernel/harden.cjs, shared with the course's kernel).
require(path.join(__dirname, "node_modules", "neural-mi", "kernel", "harden.cjs"));

// tslab's `kernel` command would first look for another tslab in the folders
// above the working directory, which the permission model forbids reading.
const { startKernel } = require(path.join(__dirname, "node_modules", "tslab", "dist", "main.js"));
startKernel({ configPath: CONNECTION_FD, enableFindLocal: false });
