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
require("./harden.cjs");
const { startKernel } = require(require.resolve("tslab/dist/main.js", { paths: [__dirname] }));

const [command, option, configPath] = process.argv.slice(2);
if (command !== "kernel" || option !== "--config-path" || !configPath) {
  console.error("usage: node start-tslab.cjs kernel --config-path <connection file> (the arguments of the course's kernelspec)");
  process.exit(2);
}
startKernel({ configPath, enableFindLocal: false });
