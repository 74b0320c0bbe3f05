// A CommonJS module compiled as node compiles it, but as a vm.Script of its wrapped text (which V8
// can give a code cache), then run as node runs it: the code-cache recorder (record-code-cache.cjs)
// compiles the modules so, and the snapshot's kernels (build.cjs) compile them so again from the
// cache. build.cjs runs in node's snapshot builder, which loads no file of ours: it evaluates this
// file's text, so it requires nothing and uses only its arguments and node's globals.
"use strict";

// node's module wrapper (Module.wrapper)
const MODULE_WRAPPER = ["(function (exports, require, module, __filename, __dirname) { ", "\n});"];

/** A module's text inside node's wrapper: the source of the vm.Script whose code cache is kept. */
function wrappedSource(content) {
  return `${MODULE_WRAPPER[0]}${content}${MODULE_WRAPPER[1]}`;
}

/**
 * Runs a module's compiled wrapper as node does, with the module's `require` as node's
 * makeRequireFunction makes it. @param Module node's `module` @param module the module being loaded
 */
function runWrapped(Module, module, wrapper, filename, dirname) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return Reflect.apply(wrapper, module.exports, [module.exports, require, module, filename, dirname]);
}

module.exports = { wrappedSource, runWrapped };
