// Compiled course cells, looked up instead of compiled again.
//
// tslab compiles a cell as a function of two texts only: the declarations of the cells before
// it (`prevDecl`, their types as a .d.ts) and the cell's source; the compiler options and the
// packages' typings are the same in every kernel of a grading run. Compiling is a new
// TypeScript program and type checker per cell, 0.05–0.5 s of CPU each, and most cells a
// grader runs are the course's own (explanations, plots, training), the same text after the
// same declarations in every submission whose answers declare what the released stubs
// declare. A table made once per grading run from the released notebooks
// (record-compile-table.cjs) maps sha256(prevDecl, source) to what tslab's `convert` returned;
// a kernel given the table returns that for a cell whose two texts hash to a key, and compiles
// every other cell as before. In clear, the table holds only what the released notebooks make
// public. The course's test cells as graded (hidden tests in) are sealed: each is encrypted under
// a key hashed from the same two texts, so only a kernel that was sent the test itself can open
// its entry, and reading the table tells a student nothing the test cell will not show them when
// it runs. A test's run and cell token (autograder/src/grade/attestation.mjs) is not part of the
// key: the table holds the test compiled with RECORDED_TOKEN in its place, and a kernel puts the
// token it was sent back into the compiled code. Never a solution (see the recorder).
//
// A cell that imports files of the notebook's folder, or a `/** @module */` cell, makes the
// program depend on more than the two texts: from then on this kernel compiles every cell.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const TABLE_FORMAT = "neural-mi compile table 2";

/** The key of a cell compiled after `prevDecl`. */
function compileKey(prevDecl, src) {
  return crypto.createHash("sha256").update(prevDecl).update("\0").update(src).digest("hex");
}

// the grader's attestation of a test cell's results, as attestTestCells writes it
const ATTESTED_CALL = /reportResult\(\{ attestation: "([0-9a-f]{32})", /g;
const RECORDED_TOKEN = "0".repeat(32);

/**
 * `src` with every attestation token replaced by RECORDED_TOKEN, and the token it had (null
 * when it has none); null when its calls carry different tokens (no test cell as graded does).
 */
function withRecordedToken(src) {
  const tokens = new Set(Array.from(src.matchAll(ATTESTED_CALL), (match) => match[1]));
  if (tokens.size > 1) return null;
  const [token = null] = tokens;
  return { src: token === null ? src : src.replace(ATTESTED_CALL, `reportResult({ attestation: "${RECORDED_TOKEN}", `), token };
}

/** The compilation of a cell recorded with RECORDED_TOKEN, for the cell as sent with `token`. */
function withToken(compilation, token) {
  if (token === null) return compilation;
  return { ...compilation, output: compilation.output.split(`"${RECORDED_TOKEN}"`).join(`"${token}"`) };
}

/**
 * Whether a test's compilation (of `src`, which has RECORDED_TOKEN) holds the token exactly where
 * the cell's calls do, once each, so that withToken gives what compiling the sent cell would.
 */
function tokenPlacesMatch(src, compilation) {
  const quoted = `"${RECORDED_TOKEN}"`;
  const count = (text = "") => text.split(quoted).length - 1;
  const calls = Array.from(src.matchAll(ATTESTED_CALL)).length;
  return count(src) === calls && count(compilation.output) === calls && count(compilation.declOutput) === 0;
}

// Sealed entries: AES-256-GCM under sha256 of a label and the two texts (which the lookup key,
// another hash of them, does not reveal). Each key seals one compilation only, so a fixed nonce
// is safe, and the same cells give the same table.
const SEALING_LABEL = "neural-mi sealed compilation\0";
const NONCE = Buffer.alloc(12);

function sealingKey(prevDecl, src) {
  return crypto.createHash("sha256").update(SEALING_LABEL).update(prevDecl).update("\0").update(src).digest();
}

/** A compilation (recordedCompilation) encrypted so that only the two texts it was compiled from open it. */
function sealCompilation(prevDecl, src, compilation) {
  const cipher = crypto.createCipheriv("aes-256-gcm", sealingKey(prevDecl, src), NONCE);
  const body = Buffer.concat([cipher.update(JSON.stringify(compilation), "utf8"), cipher.final()]);
  return Buffer.concat([cipher.getAuthTag(), body]).toString("base64");
}

/** The compilation a sealed entry holds, or null when these texts do not open it. */
function openSealed(prevDecl, src, sealed) {
  try {
    const bytes = Buffer.from(sealed, "base64");
    const decipher = crypto.createDecipheriv("aes-256-gcm", sealingKey(prevDecl, src), NONCE);
    decipher.setAuthTag(bytes.subarray(0, 16));
    const compilation = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString("utf8"));
    return typeof compilation?.output === "string" && typeof compilation.declOutput === "string" ? checkedCompilation(compilation) : null;
  } catch {
    return null;
  }
}

function checkedCompilation(entry) {
  return Object.freeze({
    output: entry.output,
    declOutput: entry.declOutput,
    hasToplevelAwait: entry.hasToplevelAwait === true,
    lastExpressionVar: typeof entry.lastExpressionVar === "string" ? entry.lastExpressionVar : undefined,
  });
}

/** What a recorded compilation keeps: everything tslab's executor reads from `convert`. */
function recordedCompilation(converted) {
  return {
    output: converted.output,
    declOutput: converted.declOutput,
    hasToplevelAwait: Boolean(converted.hasToplevelAwait),
    lastExpressionVar: converted.lastExpressionVar,
  };
}

/** A table's entries checked as they are read (from its text, or the parsed object), or an Error naming what is wrong. */
function parseCompileTable(textOrTable) {
  const table = typeof textOrTable === "string" ? JSON.parse(textOrTable) : textOrTable;
  if (!table || table.format !== TABLE_FORMAT || typeof table.entries !== "object" || table.entries === null) {
    throw new Error(`not a compile table (expected "format": "${TABLE_FORMAT}")`);
  }
  const entries = new Map();
  for (const [key, entry] of Object.entries(table.entries)) {
    const sealed = typeof entry?.sealed === "string";
    if (!/^[0-9a-f]{64}$/.test(key) || (!sealed && (typeof entry?.output !== "string" || typeof entry.declOutput !== "string"))) {
      throw new Error(`compile table entry ${key.slice(0, 16)}… is malformed`);
    }
    entries.set(key, sealed ? Object.freeze({ sealed: entry.sealed }) : checkedCompilation(entry));
  }
  return entries;
}

/**
 * Makes tslab's converter module (`tslab/dist/converter.js`) give converters that look cells up
 * in `entries` (a Map from parseCompileTable; empty without a table) before compiling them, and
 * that compile a test without its attestation token. Every kernel installs it, a table or not.
 * Must run before the module is frozen (harden.cjs) and before tslab creates its converters.
 * `counts` (optional) is told of each lookup, for tests.
 */
function useCompileTable(converterModule, entries, counts = { found: 0, compiled: 0 }) {
  const createConverter = converterModule.createConverter;
  converterModule.createConverter = function createConverterWithTable(options) {
    // the browser converter (a `/** @browser */` cell) has other options: it compiles everything
    if (options?.isBrowser || options?.isJS) return createConverter(options);
    // made at the first cell not in the table: a kernel whose cells are all found never builds
    // a program (about 0.5 s of CPU)
    let converter = null;
    const compiler = () => (converter ??= createConverter(options));
    let dependsOnFiles = false;
    return {
      convert(prevDecl, src) {
        const recorded = withRecordedToken(src);
        if (recorded !== null && !dependsOnFiles) {
          const entry = entries.get(compileKey(prevDecl, recorded.src));
          const compilation = entry?.sealed === undefined ? entry : openSealed(prevDecl, recorded.src, entry.sealed);
          if (compilation) {
            counts.found += 1;
            return { ...withToken(compilation, recorded.token), diagnostics: [] };
          }
        }
        counts.compiled += 1;
        // The compiler never sees a test's token: it compiles the test with RECORDED_TOKEN and the
        // token goes into the compiled code after. A cell can reach the compiler's module state, and
        // its tracing had written the checked test's string literals, token and hidden tests
        // included, to a file the cell then read: the cell attested a result of its own.
        const sentToCompiler = recorded === null || recorded.token === null ? src : recorded.src;
        const converted = compiler().convert(prevDecl, sentToCompiler);
        if (converted.sideOutputs) dependsOnFiles = true;
        if (sentToCompiler === src) return converted;
        // a test that does not compile keeps RECORDED_TOKEN, which attests nothing
        return tokenPlacesMatch(recorded.src, converted) ? withToken(converted, recorded.token) : converted;
      },
      addModule(...args) {
        dependsOnFiles = true;
        return compiler().addModule(...args);
      },
      inspect: (...args) => compiler().inspect(...args),
      complete: (...args) => compiler().complete(...args),
      close() {
        converter?.close();
      },
    };
  };
  return counts;
}

/** Where the set-up keeps the course kernel's table in a checkout: beside the kernel's snapshot, readable wherever that is. */
const courseTablePath = (root) => path.join(root, ".cache", "kernel-snapshot", "compile-table.json");

/**
 * The files of a checkout at `root` that a table's compilations depend on besides the cells
 * (`relativePaths`), each as [path, size, modification time]: the course's kernel keeps the table
 * the set-up made only while they are as they were (lib/kernel/start-tslab.cjs).
 */
function fileStamps(root, relativePaths) {
  return relativePaths.map((relative) => {
    const stat = fs.statSync(path.join(root, relative));
    return [relative, stat.size, stat.mtimeMs];
  });
}

/** Why a table's `requires` ({ node, files: fileStamps }) no longer holds in `root`, or null when it does. */
function staleReason(root, requires) {
  if (!requires || !Array.isArray(requires.files)) return "it records nothing of what it was made from";
  if (requires.node !== process.version) return `it was made with node ${requires.node}, this is ${process.version}`;
  for (const [relative, size, mtimeMs] of requires.files) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, String(relative)));
    } catch {
      return `${relative} cannot be read`;
    }
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return `${relative} changed since it was made`;
  }
  return null;
}

module.exports = {
  TABLE_FORMAT,
  compileKey,
  withRecordedToken,
  tokenPlacesMatch,
  sealCompilation,
  recordedCompilation,
  parseCompileTable,
  useCompileTable,
  courseTablePath,
  fileStamps,
  staleReason,
};
