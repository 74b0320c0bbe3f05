// The course's kernel as one script, for a start from the kernel snapshot (lib/kernel/snapshot),
// where node runs a script but no `--require` after the snapshot's own start: the realm is
// hardened first (harden.cjs), then tslab's command line runs with this process's arguments
// (`kernel --config-path <connection file>`).
"use strict";
require("./harden.cjs");
require(require.resolve("tslab/bin/tslab", { paths: [__dirname] }));
