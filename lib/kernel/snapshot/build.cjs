// The kernel's start-up snapshot, built by `node --snapshot-blob <blob> --build-snapshot
// build.cjs` (scripts/setup/kernel-snapshot.mjs). Every kernel would otherwise spend most of
// its start compiling TypeScript's 8 MB compiler and parsing the same declaration files
// (@types/node, lib.es2022, TensorFlow.js's and neural-mi's typings) before the first cell.
// The snapshot holds the compiler already loaded and those files already parsed and bound
// (their symbol tables built); a kernel started from it takes them instead.
//
// Runs in node's snapshot builder, where `require` only reaches node's own modules: the
// compiler is evaluated here from its source, with one change: where the compiler creates a
// source file for its host, it first asks for a parsed one from the snapshot, which is given
// only when the file's text and the parse options are exactly those it was parsed with. It also
// holds V8's code cache of the CommonJS modules a kernel loads (record-code-cache.cjs), taken for
// a module only when its text is the very text the cache was made from.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const crypto = require("crypto");
const v8 = require("v8");

const config = JSON.parse(process.env.NEURAL_MI_SNAPSHOT_CONFIG);
const { typescriptFile, probeDir, libDir } = config;
const V8_STACK_TRACE_LIMIT = 10;
const COMPILER_PLACE = "/@tslab/typescript-for-tslab/lib/typescript.js";

// where the compiler's host parses a file it has read
const PARSE_CALL = "return text !== void 0 ? createSourceFile(fileName, text, languageVersionOrOptions, setParentNodes) : void 0;";
// where it reads a file's text: a declaration file that is still the very file the snapshot parsed
// (the same device, inode, size and time) is not read again, only looked at (about 0.1 s of a
// kernel's first program, which reads some 500 of them)
const READ_CALL = "text = readFile(fileName, getCompilerOptions().charset);";
const READ_HOOK = "text = __parsedDeclarations.unchangedText(fileName) ?? readFile(fileName, getCompilerOptions().charset);";
// where a module name is resolved (moduleResolution node10, tslab's): a package file's import is
// first looked up among the resolutions the build made (resolved-modules.cjs)
const RESOLVE_CALL = "result = nodeModuleNameResolver(moduleName, containingFile, compilerOptions, host, cache, redirectedReference);";
const RESOLUTION_OPTIONS_KEY = "(options) => getKeyForCompilerOptions(options, moduleResolutionOptionDeclarations)";
const RESOLVE_HOOK =
  `result = __resolvedModules.take(moduleName, containingFile, compilerOptions, redirectedReference, ${RESOLUTION_OPTIONS_KEY}) ?? ` +
  `__resolvedModules.record(moduleName, containingFile, compilerOptions, redirectedReference, ${RESOLUTION_OPTIONS_KEY}, nodeModuleNameResolver(moduleName, containingFile, compilerOptions, host, cache, redirectedReference));`;
const PARSE_HOOK =
  "return text !== void 0 ? (__parsedDeclarations.take(fileName, text, languageVersionOrOptions, setParentNodes, normalizePath) || " +
  "__parsedDeclarations.record(fileName, text, languageVersionOrOptions, setParentNodes, createSourceFile(fileName, text, languageVersionOrOptions, setParentNodes))) : void 0;";

/**
 * A file's place that does not depend on where the packages are: from the outermost
 * node_modules on (tslab's own @types/node, in node_modules/tslab/node_modules, is not the
 * top one's).
 */
function placeOf(fileName) {
  const normalized = fileName.split(path.sep).join("/");
  const at = normalized.indexOf("/node_modules/");
  if (at !== -1) return normalized.slice(at + "/node_modules/".length);
  // neural-mi is linked into node_modules from lib/: the compiler sees its real path
  const lib = libDir.split(path.sep).join("/") + "/";
  if (normalized.startsWith(lib)) return `neural-mi/${normalized.slice(lib.length)}`;
  return null;
}

const parseOptionsOf = (languageVersionOrOptions) =>
  typeof languageVersionOrOptions === "object"
    ? { languageVersion: languageVersionOrOptions.languageVersion, impliedNodeFormat: languageVersionOrOptions.impliedNodeFormat }
    : { languageVersion: languageVersionOrOptions, impliedNodeFormat: undefined };

/** Parsed files by place, each given out once, and only for the very text and options it was parsed with. */
const parsedDeclarations = {
  recording: true,
  files: new Map(),
  taken: 0,
  takenBound: 0,
  unread: 0,
  missed: [],
  onChange() {},
  // while recording: what a kernel's compiler parses, and how
  record(fileName, text, languageVersionOrOptions, setParentNodes, file) {
    const place = this.recording && file.isDeclarationFile ? placeOf(fileName) : null;
    if (place !== null) this.files.set(place, { fileName, text, languageVersionOrOptions, setParentNodes });
    return file;
  },
  /**
   * Parses the recorded files afresh (the probe's program has resolved their imports from its
   * folder, and a type checker has marked them) and binds each as a kernel's first type
   * checker would: binding, most of a kernel's start otherwise, depends on the file and on a
   * few compiler options, the probe's, which are tslab's; those options only decide
   * diagnostics in declaration files, which skipLibCheck leaves unreported. A type checker
   * binds only files not bound yet, and every later one reuses them, as across cells.
   */
  parseRecorded(ts, options) {
    for (const entry of this.files.values()) {
      entry.identity = fileIdentity(entry.fileName);
      entry.file = ts.createSourceFile(entry.fileName, entry.text, entry.languageVersionOrOptions, entry.setParentNodes);
      ts.bindSourceFile(entry.file, options);
      Object.assign(entry, parseOptionsOf(entry.languageVersionOrOptions));
      delete entry.languageVersionOrOptions;
      delete entry.fileName;
    }
    this.recording = false;
  },
  /** The recorded text of a file not given out yet, when the file is still the one it was read from. */
  unchangedText(fileName) {
    if (this.recording) return undefined;
    const place = placeOf(fileName);
    const entry = place === null ? undefined : this.files.get(place);
    if (entry === undefined || entry.identity === null || fileIdentity(fileName) !== entry.identity) return undefined;
    this.unread++;
    return entry.text;
  },
  take(fileName, text, languageVersionOrOptions, setParentNodes, normalizePath) {
    if (this.recording) return undefined;
    const place = placeOf(fileName);
    const entry = place === null ? undefined : this.files.get(place);
    if (entry === undefined) return undefined;
    this.files.delete(place);
    this.onChange();
    const options = parseOptionsOf(languageVersionOrOptions);
    const differs = [
      entry.text !== text && "text",
      entry.languageVersion !== options.languageVersion && "languageVersion",
      entry.impliedNodeFormat !== options.impliedNodeFormat && "impliedNodeFormat",
      entry.setParentNodes !== setParentNodes && "setParentNodes",
    ].filter(Boolean);
    if (differs.length > 0) {
      this.missed.push(`${place}: ${differs.join(", ")}`);
      return undefined;
    }
    const { file } = entry;
    file.fileName = normalizePath(fileName);
    // what the parse's last step set from the options, set again from this program's
    if (typeof languageVersionOrOptions === "object" && typeof languageVersionOrOptions.setExternalModuleIndicator === "function") {
      languageVersionOrOptions.setExternalModuleIndicator(file);
    }
    this.taken++;
    if (file.locals !== undefined) this.takenBound++;
    return file;
  },
};

/** A file's device, inode, size and modification time, or null when it cannot be read. */
function fileIdentity(filename) {
  try {
    const stats = fs.statSync(filename, { bigint: true });
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
  } catch {
    return null;
  }
}

function loadTypeScript() {
  const source = fs.readFileSync(typescriptFile, "utf8");
  if (!source.includes(PARSE_CALL) || source.split(READ_CALL).length !== 2 || source.split(RESOLVE_CALL).length !== 2) {
    throw new Error(`${typescriptFile} is not the compiler this snapshot knows (its source-file host changed)`);
  }
  const module = { exports: {} };
  const wrapper = vm.runInThisContext(
    `(function (exports, require, module, __filename, __dirname, __parsedDeclarations, __resolvedModules) {${source.replace(PARSE_CALL, PARSE_HOOK).replace(READ_CALL, READ_HOOK).replace(RESOLVE_CALL, RESOLVE_HOOK)}\n})`,
    { filename: typescriptFile },
  );
  wrapper.call(module.exports, module.exports, require, module, typescriptFile, path.dirname(typescriptFile), parsedDeclarations, resolvedModules);
  return { ts: module.exports, sha256: crypto.createHash("sha256").update(source).digest("hex") };
}

/**
 * Compiles, with the options of tslab's converter, a cell that imports what the course's
 * cells import: every declaration file that a kernel parses is then recorded.
 */
function parseWhatKernelsRead(ts) {
  const cell = path.join(probeDir, "__tslab__.ts");
  const declarations = path.join(probeDir, "__prev__.d.ts");
  const options = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots: ts.getDefaultTypeRoots(probeDir, { directoryExists: ts.sys.directoryExists }) ?? [],
    types: ["node"],
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    rootDir: probeDir,
    outDir: "outDir",
  };
  const files = new Map([
    [cell, 'export {};\nimport * as nmi from "neural-mi";\nimport * as tslab from "tslab";\nimport * as tf from "@tensorflow/tfjs-core";\n'],
    [declarations, ""],
  ]);
  const host = ts.createWatchCompilerHost([declarations, cell], options, { ...ts.sys, getCurrentDirectory: () => probeDir, readFile: (name, encoding) => files.get(name) ?? ts.sys.readFile(name, encoding), fileExists: (name) => files.has(name) || ts.sys.fileExists(name), writeFile: () => {}, createDirectory: () => {}, watchFile: () => ({ close() {} }), watchDirectory: () => ({ close() {} }), setTimeout: undefined, clearTimeout: undefined }, undefined, () => {}, () => {});
  ts.createWatchProgram(host).close();
  return options;
}

const resolvedModules = evaluateModule(path.join(libDir, "kernel", "snapshot", "resolved-modules.cjs")).createResolvedModules({ fs, path, isPackageFile: (fileName) => placeOf(fileName) !== null });
const { ts, sha256 } = loadTypeScript();
// The compiler remembers the first answer of its sys.getCurrentDirectory(): it must come from the kernel.
const askedForDirectory = ts.sys.getCurrentDirectory;
ts.sys.getCurrentDirectory = () => {
  throw new Error("the snapshot's build asked for the current directory, which the compiler would keep");
};
const kernelOptions = parseWhatKernelsRead(ts);
parsedDeclarations.parseRecorded(ts, kernelOptions);
resolvedModules.finish();
ts.sys.getCurrentDirectory = askedForDirectory;
// The compiler's file as it was when this snapshot was built: a kernel that finds that very file
// (a hard link to it, as the grading sandbox's packages are) takes the snapshot's compiler
// without reading its 8 MB to hash them (about 60 ms of a kernel's start).
const compilerFile = fileIdentity(typescriptFile);
const codeCache = readCodeCache(config.codeCacheFile);
const { wrappedSource, runWrapped } = evaluateModule(path.join(libDir, "kernel", "snapshot", "wrapped-modules.cjs"));
const manifest = { typescriptSha256: sha256, files: [...parsedDeclarations.files.keys()].sort(), codeCacheEntries: codeCache.size, resolvedModules: resolvedModules.report().resolvedModulesKept };
fs.writeFileSync(config.manifestFile, JSON.stringify(manifest, null, 1) + "\n");

/** The exports of a file of ours that requires nothing (the snapshot builder loads none of ours itself). */
function evaluateModule(file) {
  const module = { exports: {} };
  new vm.Script(`(function (module, exports) {${fs.readFileSync(file, "utf8")}\n})`, { filename: file }).runInThisContext()(module, module.exports);
  return module.exports;
}

/** The code cache record-code-cache.cjs wrote, as a Map from a module text's sha256 to its cache; empty without one. */
function readCodeCache(file) {
  const cache = new Map();
  if (!file) return cache;
  const { format, entries } = JSON.parse(fs.readFileSync(file, "utf8"));
  if (format !== "neural-mi code cache 1") throw new Error(`${file} is not a code cache of record-code-cache.cjs`);
  for (const [key, data] of Object.entries(entries)) cache.set(key, Buffer.from(data, "base64"));
  return cache;
}

/**
 * Modules whose text hashes to an entry of `cache` are compiled from V8's code cache, as the
 * recorder compiled them (a vm.Script of the wrapped module); every other module as node does.
 * A cache V8 rejects (another V8, other flags) costs only the compile it would have saved.
 */
function compileFromCodeCache(Module, cache, report) {
  // taken now: a cell that replaced any of them could otherwise have a module run another's code
  const compileModule = Module.prototype._compile;
  const { Script } = vm;
  const { runInThisContext } = Script.prototype;
  const { hash } = crypto;
  const { dirname } = path;
  if (typeof hash !== "function" || cache.size === 0) return;
  Module.prototype._compile = function compileWithCodeCache(content, filename, format) {
    // an ES module (a package of "type": "module") is node's to load
    const cachedData = format === "module" ? undefined : cache.get(hash("sha256", content));
    if (cachedData === undefined) return compileModule.call(this, content, filename, format);
    const script = new Script(wrappedSource(content), { filename, cachedData });
    if (script.cachedDataRejected) report.codeCacheRejected++;
    else report.codeCacheUsed++;
    return runWrapped(Module, this, Reflect.apply(runInThisContext, script, [{ displayErrors: true }]), filename, dirname(filename));
  };
}

/**
 * Run when a kernel starts from the snapshot, before anything else: whoever loads the
 * compiler's file gets the compiler of the snapshot, if the file is the one it was built
 * from; then the script named on the command line runs as node would run it.
 */
function startFromSnapshot() {
  // node leaves Error.stackTraceLimit out of a snapshot; without it errors carry no stack
  if (typeof Error.stackTraceLimit !== "number") Error.stackTraceLimit = V8_STACK_TRACE_LIMIT;
  const Module = require("module");
  const report = { compilerFromSnapshot: false, codeCacheUsed: 0, codeCacheRejected: 0 };
  if (process.env.NEURAL_MI_CODE_CACHE !== "0") compileFromCodeCache(Module, codeCache, report);
  const loadJs = Module._extensions[".js"];
  Module._extensions[".js"] = function (module, filename) {
    if (!report.compilerFromSnapshot && filename.split(path.sep).join("/").endsWith(COMPILER_PLACE)) {
      const unchanged = compilerFile !== null && fileIdentity(filename) === compilerFile;
      if (unchanged || crypto.createHash("sha256").update(fs.readFileSync(filename, "utf8")).digest("hex") === sha256) {
        ts.sys.getExecutingFilePath = () => filename;
        module.exports = ts;
        report.compilerFromSnapshot = true;
        return;
      }
    }
    return loadJs(module, filename);
  };
  // for tests: what was taken, written after each compilation (kernels are stopped by a kill)
  const reportFile = process.env.NEURAL_MI_KERNEL_SNAPSHOT_REPORT;
  if (reportFile) {
    let scheduled = false;
    const write = () => {
      scheduled = false;
      const { taken, takenBound, unread, missed, files } = parsedDeclarations;
      // whole or not at all: a kernel killed in the middle of a write left the test an empty report
      fs.writeFileSync(`${reportFile}.partial`, JSON.stringify({ ...report, parsedFilesTaken: taken, parsedFilesTakenBound: takenBound, parsedFilesUnread: unread, parsedFilesMissed: missed, parsedFilesLeft: files.size, ...resolvedModules.report() }));
      fs.renameSync(`${reportFile}.partial`, reportFile);
    };
    parsedDeclarations.onChange = () => {
      if (!scheduled) setImmediate(write);
      scheduled = true;
    };
    process.on("exit", write);
  }
  if (process.argv.length < 2) throw new Error("a kernel snapshot runs a script: node --snapshot-blob <blob> <script> [arguments]");
  process.argv[1] = path.resolve(process.argv[1]);
  Module.runMain();
}

v8.startupSnapshot.setDeserializeMainFunction(startFromSnapshot);
