// The kernel's start-up snapshot (lib/kernel/snapshot/build.cjs, built by the set-up): the
// registered kernel starts from it, takes TypeScript's compiler and every declaration file
// it reads from it, and answers exactly as a kernel that parses them itself; a declaration
// file whose text is not the one in the snapshot is parsed afresh; the packages' modules compile
// from the snapshot's code cache only for the very text it was made from; the packages' module
// resolutions are taken from it only while every place they looked is as it was.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { after, test } from "node:test";
import { fromRoot, hardenKernelModule } from "../../scripts/lib/paths.mjs";
import { ensureKernelSnapshotFor, fileIdentities, kernelSnapshotBlob, MIN_SNAPSHOT_HEAP_MB } from "../../scripts/setup/kernel-snapshot.mjs";
import { kernelSpec } from "../../scripts/setup/kernel.mjs";
import { kernelSession, stripAnsi } from "./helpers.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-snapshot-test-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const stdout = (result) =>
  result.iopub
    .filter(([type, content]) => type === "stream" && content.name === "stdout")
    .map(([, content]) => content.text)
    .join("");
const errorOf = (result) => result.iopub.find(([type]) => type === "error")?.[1];

/**
 * A session on the registered kernel, and what its snapshot reported when it stopped; without the
 * course's compile table, which would leave the course's cells uncompiled and the snapshot's files unread.
 */
async function sessionReporting(plan, options = {}) {
  const reportFile = path.join(scratch, `report-${Math.random().toString(16).slice(2)}.json`);
  // The kernel writes its report once a compilation is over (setImmediate) and is then killed at
  // the end of the session: a last cell that waits lets the write of every compilation before
  // it, its own included, happen before its reply (under load, the kill came first, and no report)
  const flush = { code: "await new Promise((resolve) => setTimeout(resolve, 20));", stop_on_error: false };
  const session = await kernelSession(
    { ...plan, requests: [...plan.requests, flush] },
    { ...options, env: { NEURAL_MI_KERNEL_SNAPSHOT_REPORT: reportFile, NEURAL_MI_COMPILE_TABLE: "0" } },
  );
  assert.equal(session.results.at(-1).reply.status, "ok", "the last cell waited for the report");
  return { ...session, results: session.results.slice(0, -1), report: JSON.parse(fs.readFileSync(reportFile, "utf8")) };
}

test("the registered kernel starts from the snapshot; without one it starts as before", () => {
  const blob = kernelSnapshotBlob();
  assert.ok(blob, "the set-up builds the kernel snapshot (scripts/setup/kernel-snapshot.mjs says why when it cannot)");
  assert.deepEqual(kernelSpec(blob).argv.slice(1, 4), ["--snapshot-blob", blob, fromRoot("lib", "kernel", "start-tslab.cjs")]);
  assert.deepEqual(kernelSpec(null).argv.slice(1, 4), ["--require", hardenKernelModule, fromRoot("lib", "kernel", "start-tslab.cjs")]);
  assert.equal(kernelSnapshotBlob({ env: { NEURAL_MI_KERNEL_SNAPSHOT: "0" } }), null);
});

test("for a heap too small to build it in, the grader builds no snapshot and says why", () => {
  const started = Date.now();
  const { blob, message } = ensureKernelSnapshotFor({ heapMb: MIN_SNAPSHOT_HEAP_MB - 1 });
  assert.equal(blob, null);
  assert.match(message, new RegExp(`a heap of ${MIN_SNAPSHOT_HEAP_MB - 1} MB is too small to build it in`));
  assert.ok(Date.now() - started < 2000, "decided without trying a build");
});

test("a kernel from the snapshot takes every parsed file and answers as the course expects", async () => {
  const { results, report } = await sessionReporting({
    requests: [
      { code: 'import { gaussianMI } from "neural-mi";\nconsole.log(gaussianMI(0.5).toFixed(6));' },
      { code: 'const b: number = "not a number";', stop_on_error: false },
      { code: 'async function later() {\n  await new Promise((r) => setTimeout(r, 5));\n  throw new RangeError("late");\n}\nawait later();', stop_on_error: false },
      { code: "const big = 2n ** 70n;\nconsole.log(big.toString(), [1, 2, 3].at(-1), Object.hasOwn({ a: 1 }, \"a\"));" },
    ],
  });
  assert.equal(results[0].reply.status, "ok", results[0].reply.evalue);
  assert.equal(stdout(results[0]), `${(-0.5 * Math.log(1 - 0.25)).toFixed(6)}\n`);
  assert.match(errorOf(results[1]).evalue, /^1:7 - Type 'string' is not assignable to type 'number'\.$/);
  // the stack of an error thrown later: node leaves Error.stackTraceLimit out of snapshots
  assert.ok(errorOf(results[2]).traceback.some((line) => stripAnsi(line).includes("at later")), "the stack names the user's function");
  assert.equal(stdout(results[3]), "1180591620717411303424 3 true\n", "ES2022's library is known to the compiler");

  assert.equal(report.compilerFromSnapshot, true);
  assert.deepEqual(report.parsedFilesMissed, [], "every declaration file in the snapshot has the text it was parsed from");
  // lib.es2022, @types/node and its dependencies, TensorFlow.js's and neural-mi's typings
  assert.ok(report.parsedFilesTaken > 300, `only ${report.parsedFilesTaken} parsed files were taken`);
  assert.equal(report.parsedFilesTakenBound, report.parsedFilesTaken, "every file taken was bound in the snapshot");
  assert.ok(report.codeCacheUsed > 100, `the packages' modules are compiled from the snapshot's code cache (${report.codeCacheUsed})`);
  assert.equal(report.codeCacheRejected, 0, "V8 takes every code cache of the snapshot");
  assert.equal(report.parsedFilesUnread, report.parsedFilesTaken, "no file taken was read again: each is still the very file the snapshot parsed");
  // the imports of TensorFlow.js's, neural-mi's and @types/node's declaration files
  assert.ok(report.resolvedModulesTaken > 300, `the packages' module resolutions are taken from the snapshot (${report.resolvedModulesTaken})`);
  assert.equal(report.resolvedModulesStale, 0, "every place they looked is as it was when the snapshot was built");
});

test("a module resolution kept by the snapshot is given only while every place it looked is as it was", () => {
  const { createResolvedModules } = createRequire(import.meta.url)(fromRoot("lib", "kernel", "snapshot", "resolved-modules.cjs"));
  const folder = fs.mkdtempSync(path.join(scratch, "resolutions-"));
  const pkg = path.join(folder, "node_modules", "pkg");
  const dist = path.join(pkg, "dist");
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), '{ "name": "pkg", "types": "dist/index.d.ts" }\n');
  fs.writeFileSync(path.join(dist, "index.d.ts"), 'export * from "./ops";\n');
  fs.writeFileSync(path.join(dist, "ops.d.ts"), "export declare const op: number;\n");
  const options = { moduleResolution: 2 };
  const optionsKey = () => "node10";
  const containingFile = path.join(dist, "index.d.ts");
  // as TypeScript resolves "./ops" there, and "other" from the package up to the file system's root
  const resolutions = {
    "./ops": { resolvedModule: { resolvedFileName: path.join(dist, "ops.d.ts"), extension: ".d.ts" }, failedLookupLocations: [path.join(dist, "ops.ts"), path.join(dist, "ops.tsx")], affectingLocations: [path.join(pkg, "package.json")] },
    other: { resolvedModule: undefined, failedLookupLocations: [path.join(pkg, "node_modules", "other.d.ts"), path.join(folder, "node_modules", "other.d.ts"), path.join(scratch, "node_modules", "other.d.ts")], affectingLocations: undefined },
  };
  const kept = () => {
    const resolved = createResolvedModules({ fs, path, isPackageFile: (file) => file.includes(`${path.sep}node_modules${path.sep}`) });
    for (const [name, result] of Object.entries(resolutions)) resolved.record(name, containingFile, options, undefined, optionsKey, result);
    // a cell's import, resolved from the notebook's folder, is never kept
    resolved.record("pkg", path.join(folder, "__tslab__.ts"), options, undefined, optionsKey, resolutions["./ops"]);
    resolved.finish();
    return resolved;
  };
  const given = (name) => kept().take(name, containingFile, options, undefined, optionsKey);

  assert.deepEqual(given("./ops"), resolutions["./ops"]);
  assert.deepEqual(given("other"), resolutions.other);
  const once = kept();
  assert.ok(once.take("./ops", containingFile, options, undefined, optionsKey));
  assert.equal(once.take("./ops", containingFile, options, undefined, optionsKey), undefined, "given once: a re-resolution resolves afresh");
  assert.equal(once.take("pkg", path.join(folder, "__tslab__.ts"), options, undefined, optionsKey), undefined);
  assert.equal(kept().take("./ops", containingFile, { ...options, moduleResolution: 1 }, undefined, () => "classic"), undefined, "other options, no answer");

  // the library rebuilt: its files written again, none added, the same resolutions
  fs.writeFileSync(path.join(dist, "ops.d.ts"), "export declare const op: string;\n");
  assert.deepEqual(given("./ops"), resolutions["./ops"]);
  // a file that would now be found first, a package.json that says otherwise, a package installed above
  const staleAfter = (change, undo, name) => {
    const resolved = kept();
    change();
    try {
      assert.equal(resolved.take(name, containingFile, options, undefined, optionsKey), undefined);
      assert.equal(resolved.report().resolvedModulesStale, 1);
    } finally {
      undo();
    }
  };
  staleAfter(() => fs.writeFileSync(path.join(dist, "ops.ts"), "export const op = 1;\n"), () => fs.rmSync(path.join(dist, "ops.ts")), "./ops");
  const manifest = fs.readFileSync(path.join(pkg, "package.json"), "utf8");
  staleAfter(() => fs.writeFileSync(path.join(pkg, "package.json"), manifest.replace("dist/index", "dist/other ")), () => fs.writeFileSync(path.join(pkg, "package.json"), manifest), "./ops");
  staleAfter(() => fs.mkdirSync(path.join(scratch, "node_modules")), () => fs.rmSync(path.join(scratch, "node_modules"), { recursive: true }), "other");
  // a file added above the packages where the resolution did not look changes nothing
  const unrelated = kept();
  fs.writeFileSync(path.join(scratch, "unrelated.txt"), "");
  assert.deepEqual(unrelated.take("other", containingFile, options, undefined, optionsKey), resolutions.other);
});

test("declarations bound in the snapshot type later cells as before", async () => {
  const { results } = await sessionReporting({
    requests: [
      // lib.es2022's Map and Symbol, and @types/node's Buffer, which merges with them
      { code: 'const counts = new Map<string, number>([["a", 2]]);\nconst bytes: Buffer = Buffer.from("hi");\nconsole.log([...counts.keys()].join(), Symbol.iterator in counts, bytes.length);' },
      { code: "interface Tagged {\n  tag: string;\n}\nconst first: Tagged = { tag: \"a\" };" },
      { code: "const second: Tagged = { tag: 1 };", stop_on_error: false },
      { code: "const wrong = [1, 2].notAMethod();", stop_on_error: false },
      { code: 'import * as tf from "@tensorflow/tfjs-core";\nawait tf.ready();\nconst shape: number[] = tf.zeros([2, 3]).shape;\nconsole.log(shape.join("x"));' },
    ],
  });
  assert.equal(stdout(results[0]), "a true 2\n", JSON.stringify(results[0].reply));
  assert.equal(results[1].reply.status, "ok", JSON.stringify(results[1].reply));
  assert.match(errorOf(results[2]).evalue, /Type 'number' is not assignable to type 'string'/, "a cell's interface holds in the cells after it");
  assert.match(errorOf(results[3]).evalue, /Property 'notAMethod' does not exist on type 'number\[\]'/);
  assert.equal(stdout(results[4]), "2x3\n", JSON.stringify(results[4].reply));
});

test("a declaration file whose text differs from the snapshot's is parsed afresh", async () => {
  // a folder of its own, with the declaration files of the snapshot's undici-types (a package whose
  // types a cell takes from its folder up) changed by one declaration in its entry point (the
  // packages the kernel loads, TensorFlow.js's among them, and @types/node are the course's own
  // whatever the folder holds: tslab's converter pins them, and puts Node's types first)
  const types = path.join(scratch, "elsewhere", "node_modules", "undici-types");
  fs.cpSync(fromRoot("node_modules", "undici-types"), types, {
    recursive: true,
    filter: (source) => fs.statSync(source).isDirectory() || source.endsWith(".d.ts") || path.basename(source) === "package.json",
  });
  const entry = path.join(types, "index.d.ts");
  fs.writeFileSync(entry, `${fs.readFileSync(entry, "utf8")}\ndeclare global {\n  const addedAfterTheSnapshot: number;\n}\n`);

  const { results, report } = await sessionReporting(
    { requests: [{ code: 'import type * as undici from "undici-types";\nconst doubled: number = addedAfterTheSnapshot * 2;\nconsole.log(typeof doubled);', stop_on_error: false }] },
    { cwd: path.dirname(path.dirname(types)) },
  );
  // compiled against the changed text: the name is declared (it is not defined when run)
  assert.equal(errorOf(results[0])?.ename, "ReferenceError", JSON.stringify(results[0].reply));
  assert.deepEqual(report.parsedFilesMissed, ["undici-types/index.d.ts: text"], "another file at the same place is read, and its text is not the snapshot's");
  // the files of the copy are read to be compared with the snapshot's; every other file taken is not read at all
  const copied = fs.readdirSync(types, { recursive: true }).filter((name) => String(name).endsWith(".d.ts")).length;
  assert.ok(report.parsedFilesTaken > report.parsedFilesUnread && report.parsedFilesTaken - report.parsedFilesUnread < copied, JSON.stringify(report));
  assert.equal(report.compilerFromSnapshot, true);
});

test("the snapshot's compiler is taken for its own file, a link to it or a copy of it, and never for another compiler", () => {
  const blob = kernelSnapshotBlob();
  assert.ok(blob);
  const compiler = fromRoot("node_modules", "@tslab", "typescript-for-tslab", "lib", "typescript.js");
  const placeOf = (name) => path.join(scratch, name, "node_modules", "@tslab", "typescript-for-tslab", "lib", "typescript.js");
  fs.mkdirSync(path.dirname(placeOf("linked")), { recursive: true });
  fs.linkSync(compiler, placeOf("linked"));
  fs.mkdirSync(path.dirname(placeOf("copied")), { recursive: true });
  fs.copyFileSync(compiler, placeOf("copied"));
  fs.mkdirSync(path.dirname(placeOf("other")), { recursive: true });
  fs.writeFileSync(placeOf("other"), fs.readFileSync(compiler, "utf8") + "\n// another compiler\n");
  const taken = (file) => {
    const report = path.join(scratch, `compiler-${Math.random().toString(16).slice(2)}.json`);
    const script = path.join(scratch, "load-compiler.cjs");
    fs.writeFileSync(script, `require(${JSON.stringify(file)});\n`);
    const run = spawnSync(process.execPath, ["--snapshot-blob", blob, script], { env: { ...process.env, NEURAL_MI_KERNEL_SNAPSHOT_REPORT: report }, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(fs.readFileSync(report, "utf8")).compilerFromSnapshot;
  };
  assert.equal(taken(placeOf("linked")), true);
  assert.equal(taken(placeOf("copied")), true, "the same text, by its hash");
  assert.equal(taken(placeOf("other")), false);
});

// V8 runs a code cache's compiled code without checking it against the module's text: a cache
// taken for a module of another text would run other code in its place
test("a module is compiled from the snapshot's code cache only when its text is the very text the cache was made from", () => {
  const blob = kernelSnapshotBlob();
  assert.ok(blob);
  // a module every kernel loads (tslab's semver), with no requires of its own, copied out of the packages
  const text = fs.readFileSync(fromRoot("node_modules", "semver", "internal", "constants.js"), "utf8");
  const fromCache = (moduleText) => {
    const folder = fs.mkdtempSync(path.join(scratch, "code-cache-"));
    fs.writeFileSync(path.join(folder, "constants.js"), moduleText);
    fs.writeFileSync(path.join(folder, "load.cjs"), 'console.log(require("./constants.js").MAX_LENGTH);\n');
    const report = path.join(folder, "report.json");
    const run = spawnSync(process.execPath, ["--snapshot-blob", blob, path.join(folder, "load.cjs")], { env: { ...process.env, NEURAL_MI_KERNEL_SNAPSHOT_REPORT: report }, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "256\n", "the module runs as its text says");
    const { codeCacheUsed, codeCacheRejected } = JSON.parse(fs.readFileSync(report, "utf8"));
    return { codeCacheUsed, codeCacheRejected };
  };
  assert.deepEqual(fromCache(text), { codeCacheUsed: 1, codeCacheRejected: 0 }, "the same text, wherever the file is");
  assert.deepEqual(fromCache(text.replace("MAX_LENGTH = 256", "MAX_LENGTH = 0x100")), { codeCacheUsed: 0, codeCacheRejected: 0 }, "another text is compiled afresh");
});

// the snapshot takes a parsed file unread only while it is the very file it parsed: packages installed again
// with the same contents (npm ci) left kernels reading declaration files again, the snapshot's stamp unchanged
test("a declaration file replaced by a copy of the same text makes the snapshot out of date for the set-up", () => {
  const file = path.join(scratch, "index.d.ts");
  fs.writeFileSync(file, "export declare const a: number;\n");
  const before = fileIdentities([file]);
  assert.equal(fileIdentities([file]), before, "the same file, the same identity");
  fs.copyFileSync(file, file + ".new");
  fs.renameSync(file + ".new", file);
  assert.notEqual(fileIdentities([file]), before);
  assert.equal(fileIdentities([path.join(scratch, "gone.d.ts")]), "missing");
});

test("graders started at once build a missing heap's snapshot once: the others wait for it and take it", () => {
  // a heap no other test gives, so that its snapshot is missing here and removed after
  const heapMb = 611;
  const script = `import { ensureKernelSnapshotFor } from ${JSON.stringify(fromRoot("scripts", "setup", "kernel-snapshot.mjs"))};
process.stdout.write(JSON.stringify(ensureKernelSnapshotFor({ heapMb: ${heapMb} })));`;
  const remove = () => {
    for (const name of [`kernel-heap-${heapMb}.blob`, `kernel-heap-${heapMb}.manifest.json`, `kernel-heap-${heapMb}.blob.building`]) fs.rmSync(fromRoot(".cache", "kernel-snapshot", name), { force: true });
    fs.rmSync(fromRoot(".setup", `snapshot-kernel-heap-${heapMb}.stamp`), { force: true });
  };
  remove();
  try {
    // three at once, as a class's grading processes start; each reports what it did
    const done = path.join(scratch, "three.json");
    const three = spawnSync("bash", ["-c", `for i in 1 2 3; do "${process.execPath}" --input-type=module -e '${script.replace(/'/g, "'\\''")}' > "${done}.$i" & done; wait`], { encoding: "utf8" });
    assert.equal(three.status, 0, three.stderr);
    const results = [1, 2, 3].map((i) => JSON.parse(fs.readFileSync(`${done}.${i}`, "utf8")));
    const blob = fromRoot(".cache", "kernel-snapshot", `kernel-heap-${heapMb}.blob`);
    assert.deepEqual(results.map((result) => result.blob), [blob, blob, blob], JSON.stringify(results));
    assert.equal(results.filter((result) => result.message.startsWith("built")).length, 1, JSON.stringify(results.map((result) => result.message)));
    assert.equal(fs.existsSync(`${blob}.building`), false, "the build's lock is released");
  } finally {
    remove();
  }
});
