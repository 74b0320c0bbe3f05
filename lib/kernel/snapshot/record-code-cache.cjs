// V8's code cache of the CommonJS modules a kernel loads as it starts (tslab, TensorFlow.js,
// zeromq, the library): `node record-code-cache.cjs <out.json>`, run by the set-up before the
// kernel snapshot is built (scripts/setup/kernel-snapshot.mjs), under the snapshot's V8 flags.
// Each kernel otherwise compiles the same 20 MB of JavaScript again (about a fifth of its start).
//
// Writes { format, entries: { sha256 of a module's text: its code cache, base64 } }. The
// snapshot's build reads the file into the snapshot itself (build.cjs): a kernel takes a
// module's cache only from there, never from a file it or an earlier kernel could write, and only
// for a module whose text hashes to the entry's key (a cache holds compiled code that V8 runs
// without checking it against the text).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");
// taken before the hardening refuses them to cells
const { Script } = vm;
const { writeFileSync } = fs;

const CODE_CACHE_FORMAT = "neural-mi code cache 1";
const [outFile] = process.argv.slice(2);
if (!outFile) {
  console.error("usage: node record-code-cache.cjs <out.json>");
  process.exit(2);
}

/** Whether a module's code cache may stand in for compiling it (build.cjs compiles such modules as vm.Script). */
const cacheable = (content) => !content.includes("import(");

const { wrappedSource, runWrapped } = require("./wrapped-modules.cjs");
const scripts = new Map();
const compileModule = Module.prototype._compile;
Module.prototype._compile = function recordCompiled(content, filename, format) {
  if (format === "module" || !cacheable(content)) return compileModule.call(this, content, filename, format);
  const script = new Script(wrappedSource(content), { filename });
  scripts.set(crypto.hash("sha256", content), script);
  return runWrapped(Module, this, script.runInThisContext({ displayErrors: true }), filename, path.dirname(filename));
};

// what a kernel loads and runs before its first cell: the hardening (which loads the packages,
// harden.cjs) and tslab's kernel
require("../harden.cjs");
for (const module of ["tslab/dist/main.js", "tslab/dist/converter.js"]) require(require.resolve(module, { paths: [__dirname] }));
const entries = {};
// without crypto.hash (node before 20.12) kernels would not look the cache up: none is recorded
if (typeof crypto.hash !== "function") scripts.clear();
for (const [key, script] of scripts) entries[key] = script.createCachedData().toString("base64");
writeFileSync(outFile, JSON.stringify({ format: CODE_CACHE_FORMAT, entries }));
