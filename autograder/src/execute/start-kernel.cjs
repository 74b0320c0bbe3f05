// Starts the tslab kernel from the grading run's own copy of the packages.
"use strict";
const fs = require("fs");
const path = require("path");

// The kernel needs native addons (zeromq, its transport), so node's permission
// model runs with --allow-addons, which on its own would let a notebook write a
// shared library into its folder and load it. Only libraries inside the
// packages, which the notebook cannot write to, may be loaded.
const packages = fs.realpathSync(path.join(__dirname, "node_modules")) + path.sep;
const loadNative = process.dlopen;
function dlopenFromPackages(module, filename, flags) {
  const real = fs.realpathSync(filename);
  if (!real.startsWith(packages)) {
    throw new Error(`loading native code from ${filename} is not allowed while grading; only the course's packages may load native addons`);
  }
  return flags === undefined ? loadNative.call(process, module, real) : loadNative.call(process, module, real, flags);
}
Object.defineProperty(process, "dlopen", { value: dlopenFromPackages, writable: false, configurable: false, enumerable: true });

// The realm is hardened before any cell runs (lib/kernel/harden.cjs, shared with the course's kernel).
require(path.join(__dirname, "node_modules", "neural-mi", "kernel", "harden.cjs"));

// tslab's `kernel` command would first look for another tslab in the folders
// above the working directory, which the permission model forbids reading.
const { startKernel } = require(path.join(__dirname, "node_modules", "tslab", "dist", "main.js"));
// The connection info comes through a pipe on this descriptor (enter_sandbox.py), never from a file the
// kernel could read again: its key signs the kernel's messages.
const CONNECTION_FD = 3;
startKernel({ configPath: CONNECTION_FD, enableFindLocal: false });
