// The course's kernel as one script: `node [--snapshot-blob <blob>] start-tslab.cjs kernel
// --config-path <connection file>` (the kernelspec, scripts/setup/kernel.mjs). A start from the
// kernel snapshot (lib/kernel/snapshot) runs a script but no `--require` after the snapshot's own
// start, so the realm is hardened here first (harden.cjs), then tslab's kernel starts.
//
// tslab's own `kernel` command would first look for a tslab in node_modules of the notebook's
// folder and of every folder above it, and run that one instead: a notebook that wrote
// node_modules/tslab/dist/main.js into its folder would then answer for the kernel of the next
// notebook started there (nbgrader grades a student's notebooks one after another in one
// folder), every test "ok". The course's kernel is always this checkout's tslab.
"use strict";
useCourseCompileTable();
require("./harden.cjs");
const { startKernel } = require(require.resolve("tslab/dist/main.js", { paths: [__dirname] }));

const [command, option, configPath] = process.argv.slice(2);
if (command !== "kernel" || option !== "--config-path" || !configPath) {
  console.error("usage: node start-tslab.cjs kernel --config-path <connection file> (the arguments of the course's kernelspec)");
  process.exit(2);
}
startKernel({ configPath, enableFindLocal: false });

/**
 * The course's cells compiled ahead by the set-up (scripts/setup/course-compile-table.mjs), looked
 * up instead of compiled in this kernel (compile-table.cjs), while the packages and the library's
 * typings they were compiled against are unchanged. Before the hardening, which freezes tslab's
 * modules. NEURAL_MI_COMPILE_TABLE=0 turns it off; without a table every cell compiles, as before.
 */
function useCourseCompileTable() {
  const fs = require("fs");
  const path = require("path");
  const { courseTablePath, parseCompileTable, staleReason, useCompileTable } = require("./compile-table.cjs");
  const converter = require(require.resolve("tslab/dist/converter.js", { paths: [__dirname] }));
  // without a table, every cell compiles, but a test still without its token (useCompileTable)
  const compileEveryCell = () => useCompileTable(converter, new Map());
  const root = path.join(__dirname, "..", "..");
  const file = courseTablePath(root);
  if (process.env.NEURAL_MI_COMPILE_TABLE === "0") return compileEveryCell();
  try {
    // a kernel confined to the notebook's folder may not see it (node's permission model throws
    // even at the look): it compiles every cell
    if (!fs.existsSync(file)) return compileEveryCell();
  } catch {
    return compileEveryCell();
  }
  try {
    const table = JSON.parse(fs.readFileSync(file, "utf8"));
    const stale = staleReason(root, table.requires);
    if (stale) {
      console.error(`tslab: the course's compile table is not used (${stale}): every cell is compiled; \`npm start\` makes it again`);
      return compileEveryCell();
    }
    const entries = parseCompileTable(table);
    useCompileTable(converter, entries);
    console.error(`tslab: ${entries.size} of the course's cells compiled ahead (compile table)`);
  } catch (error) {
    console.error(`tslab: the course's compile table is not used (${error.message}): every cell is compiled`);
    compileEveryCell();
  }
}
