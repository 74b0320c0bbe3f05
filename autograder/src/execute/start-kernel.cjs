// Starts the tslab kernel from the grading run's own copy of the packages.
"use strict";
const path = require("path");

// The kernel needs native addons (zeromq, its transport), so node's permission model runs
// with --allow-addons; harden.cjs lets native code load only from the packages, which the
// notebook cannot write to.
// The realm is hardened before any cell runs (lib/kernel/harden.cjs, shared with the course's kernel).
require(path.join(__dirname, "node_modules", "neural-mi", "kernel", "harden.cjs"));

// tslab's `kernel` command would first look for another tslab in the folders
// above the working directory, which the permission model forbids reading.
const { startKernel } = require(path.join(__dirname, "node_modules", "tslab", "dist", "main.js"));
// The connection info comes through a pipe on this descriptor (enter_sandbox.py), never from a file the
// kernel could read again: its key signs the kernel's messages.
const CONNECTION_FD = 3;
startKernel({ configPath: CONNECTION_FD, enableFindLocal: false });
