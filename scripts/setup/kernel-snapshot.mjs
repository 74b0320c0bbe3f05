// The kernel's start-up snapshot (lib/kernel/snapshot/build.cjs): TypeScript's compiler
// loaded and the declaration files every kernel reads already parsed, which saves about
// 40 % of the CPU of a kernel's start and first import. Optional: where it cannot be built
// (a node without user snapshots, a compiler it does not know) or NEURAL_MI_KERNEL_SNAPSHOT=0,
// kernels start as before, and the set-up says which path is in use.
//
// It is rebuilt when node, the build scripts, the compiler, package-lock.json or any parsed
// file changed: a stale snapshot would still be correct (a kernel takes a parsed file, or a
// module's code cache, only for the very text it was made from), only slower.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fromRoot, notebooksDir } from "../lib/paths.mjs";
import { capture } from "../lib/run.mjs";
import { hashFiles, readStamp, writeStamp } from "../lib/stamps.mjs";

const SNAPSHOT_DIR = fromRoot(".cache", "kernel-snapshot");
const BUILD_SCRIPT = fromRoot("lib", "kernel", "snapshot", "build.cjs");
const CODE_CACHE_SCRIPT = fromRoot("lib", "kernel", "snapshot", "record-code-cache.cjs");
// what both of them compile the cached modules with
const WRAPPED_MODULES = fromRoot("lib", "kernel", "snapshot", "wrapped-modules.cjs");
// the packages' module resolutions it keeps
const RESOLVED_MODULES = fromRoot("lib", "kernel", "snapshot", "resolved-modules.cjs");
// the packages the code cache was made from: installed again otherwise, their modules compile at every start
const PACKAGE_LOCK = fromRoot("package-lock.json");
const TYPESCRIPT = fromRoot("node_modules", "@tslab", "typescript-for-tslab", "lib", "typescript.js");

// V8 refuses a snapshot made under other V8 flags, and the grader gives each kernel a heap
// limit (--max-old-space-size): one snapshot per heap limit, and one without (JupyterLab's).
const v8FlagsFor = (/** @type {number | undefined} */ heapMb) => (heapMb ? [`--max-old-space-size=${heapMb}`] : []);

/**
 * The environment of a node that builds the snapshot or starts from it: without NODE_OPTIONS, whose
 * V8 flags (a heap limit or a stack-trace limit set for other projects) V8 counts as the snapshot's.
 * A snapshot built under one NODE_OPTIONS was refused by every kernel started under another ("Failed
 * to load the startup snapshot because it was built with … different V8 configurations"), and
 * JupyterLab said only that the kernel died. The kernel's spec clears it too (kernel.mjs).
 * @param {NodeJS.ProcessEnv} [env]
 */
export function snapshotNodeEnv(env = process.env) {
  const { NODE_OPTIONS, ...rest } = env;
  return rest;
}

/** @param {number | undefined} heapMb */
function placesFor(heapMb) {
  const name = heapMb ? `kernel-heap-${heapMb}` : "kernel";
  return { blob: path.join(SNAPSHOT_DIR, `${name}.blob`), manifest: path.join(SNAPSHOT_DIR, `${name}.manifest.json`), stamp: `snapshot-${name}` };
}

const disabled = (/** @type {NodeJS.ProcessEnv} */ env) => env.NEURAL_MI_KERNEL_SNAPSHOT === "0";

// The build parses the declaration files in a heap of this limit: under 128 MB it runs out (measured).
export const MIN_SNAPSHOT_HEAP_MB = 128;

/**
 * The snapshot's file for kernels started with this heap limit (none: no limit), or null
 * when there is none up to date.
 * @param {{ heapMb?: number, env?: NodeJS.ProcessEnv }} [options]
 */
export function kernelSnapshotBlob({ heapMb = undefined, env = process.env } = {}) {
  if (disabled(env)) return null;
  const places = placesFor(heapMb);
  return fs.existsSync(places.blob) && readStamp(places.stamp) === currentStamp(places, heapMb) ? places.blob : null;
}

/**
 * The parsed files' own paths, from the places the manifest lists.
 * @param {string} manifest
 */
function parsedFiles(manifest) {
  try {
    /** @type {{ files: string[] }} */
    const { files } = JSON.parse(fs.readFileSync(manifest, "utf8"));
    return files.map((place) => (place.startsWith("neural-mi/") ? fromRoot("lib", place.slice("neural-mi/".length)) : fromRoot("node_modules", place)));
  } catch {
    return [];
  }
}

/** How many modules' code cache the snapshot holds. @param {string} manifest */
function codeCacheEntries(manifest) {
  try {
    return JSON.parse(fs.readFileSync(manifest, "utf8")).codeCacheEntries ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Where each file is on the disk (device, inode, size, time): the snapshot takes a parsed file without
 * reading it only while it is still that very file, so packages installed again with the same contents
 * (`npm ci`) left every kernel reading some 55 declaration files again until the snapshot was rebuilt.
 * @param {string[]} files
 */
export function fileIdentities(files) {
  return files
    .map((file) => {
      try {
        const { dev, ino, size, mtimeMs } = fs.statSync(file);
        return `${dev}:${ino}:${size}:${mtimeMs}`;
      } catch {
        return "missing";
      }
    })
    .join(" ");
}

/** @param {{ manifest: string }} places @param {number | undefined} heapMb */
// "without-NODE_OPTIONS": a snapshot built before the build cleared it may hold the flags of a NODE_OPTIONS
function currentStamp(places, heapMb) {
  const parsed = parsedFiles(places.manifest);
  return hashFiles([BUILD_SCRIPT, CODE_CACHE_SCRIPT, WRAPPED_MODULES, RESOLVED_MODULES, PACKAGE_LOCK, TYPESCRIPT, ...parsed], [process.version, process.arch, ...v8FlagsFor(heapMb), "without-NODE_OPTIONS", fileIdentities(parsed)].join(" "));
}

/**
 * Builds into a scratch folder, then moves the result in place; returns what went wrong, or null.
 * @param {{ blob: string, manifest: string }} places @param {number | undefined} heapMb
 */
function build(places, heapMb) {
  fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(SNAPSHOT_DIR, "build-"));
  try {
    const manifest = path.join(scratch, "manifest.json");
    const flags = v8FlagsFor(heapMb);
    // under the snapshot's V8 flags, which V8 checks a code cache against
    const codeCache = path.join(scratch, "code-cache.json");
    const recorded = capture(process.execPath, [...flags, CODE_CACHE_SCRIPT, codeCache], { cwd: scratch, env: snapshotNodeEnv() });
    if (!recorded.ok) return `recording the modules' code cache failed: ${recorded.output.trim().split("\n").at(-1)}`;
    const config = { typescriptFile: TYPESCRIPT, probeDir: notebooksDir, libDir: fromRoot("lib"), manifestFile: manifest, codeCacheFile: codeCache };
    const blob = path.join(scratch, "kernel.blob");
    // the build's warnings (vm in a snapshot builder) are node's notes to itself, not ours
    const result = capture(process.execPath, [...flags, "--snapshot-blob", blob, "--build-snapshot", BUILD_SCRIPT], {
      cwd: scratch,
      env: { ...snapshotNodeEnv(), NEURAL_MI_SNAPSHOT_CONFIG: JSON.stringify(config) },
    });
    if (!result.ok || !fs.existsSync(blob)) {
      return (result.output.split("\n").find((line) => /Error|error:/.test(line)) ?? `node exited with ${result.status}`).trim();
    }
    const problem = verify(blob, flags, scratch);
    if (problem) return problem;
    fs.renameSync(manifest, places.manifest);
    fs.renameSync(blob, places.blob);
    return null;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A node started from the snapshot hands its compiler to whoever loads the compiler's file.
 * @param {string} blob @param {string[]} flags @param {string} scratch
 */
function verify(blob, flags, scratch) {
  const script = path.join(scratch, "verify.cjs");
  const report = path.join(scratch, "report.json");
  fs.writeFileSync(script, `require(${JSON.stringify(TYPESCRIPT)}).createProgram;\n`);
  const result = capture(process.execPath, [...flags, "--snapshot-blob", blob, script], { env: { ...snapshotNodeEnv(), NEURAL_MI_KERNEL_SNAPSHOT_REPORT: report } });
  let handedOver = false;
  try {
    handedOver = JSON.parse(fs.readFileSync(report, "utf8")).compilerFromSnapshot === true;
  } catch {}
  if (!result.ok) return `a node started from it failed: ${result.output.trim().split("\n").at(-1)}`;
  return handedOver ? null : "a node started from it did not take its compiler";
}

/**
 * Builds the snapshot for this heap limit when there is none up to date.
 * @param {{ heapMb?: number, env?: NodeJS.ProcessEnv }} [options]
 * @returns {{ blob: string | null, message: string }}
 */
export function ensureKernelSnapshotFor({ heapMb = undefined, env = process.env } = {}) {
  if (disabled(env)) return { blob: null, message: "not used (NEURAL_MI_KERNEL_SNAPSHOT=0): kernels parse TypeScript's declarations at every start" };
  if (heapMb !== undefined && heapMb < MIN_SNAPSHOT_HEAP_MB) {
    return { blob: null, message: `not used: a heap of ${heapMb} MB is too small to build it in (it needs ${MIN_SNAPSHOT_HEAP_MB} MB); kernels start without it` };
  }
  const ready = kernelSnapshotBlob({ heapMb, env });
  if (ready) return { blob: ready, message: "ok" };
  const places = placesFor(heapMb);
  return oneBuilderAtATime(places, () => {
    // built by another process while this one waited
    const builtMeanwhile = kernelSnapshotBlob({ heapMb, env });
    return builtMeanwhile ? { blob: builtMeanwhile, message: "ok" } : buildAndStamp(places, heapMb);
  });
}

/** @param {ReturnType<typeof placesFor>} places @param {number | undefined} heapMb */
function buildAndStamp(places, heapMb) {
  const problem = build(places, heapMb);
  if (problem) {
    fs.rmSync(places.blob, { force: true });
    return { blob: null, message: `not used: ${problem}; kernels start without it (slower, same results)` };
  }
  writeStamp(places.stamp, currentStamp(places, heapMb));
  const size = (fs.statSync(places.blob).size / 1e6).toFixed(0);
  const files = parsedFiles(places.manifest).length;
  return { blob: places.blob, message: `built (${size} MB, ${files} declaration files parsed ahead, ${codeCacheEntries(places.manifest)} modules' code cached${heapMb ? `, for a heap of ${heapMb} MB` : ""})` };
}

// How long a build is waited for before this process builds anyway (one takes 10–20 s; a record older than this is a
// builder that was killed, or a process id used again)
const BUILD_WAIT_MS = 5 * 60_000;

/**
 * `work` run while this process alone builds this snapshot: the grading runs and nbgrader processes a class
 * starts at once (a fresh checkout's first grading, the tests' first minutes) each built the same snapshot side by
 * side, 7 s of CPU each, and one whose build failed removed the file another had just put in place for its kernels.
 * A folder where no lock can be made (read-only) builds as before.
 * @template T @param {ReturnType<typeof placesFor>} places @param {() => T} work @returns {T}
 */
function oneBuilderAtATime(places, work) {
  const lock = `${places.blob}.building`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + BUILD_WAIT_MS;
  try {
    fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
  } catch {
    return work();
  }
  for (;;) {
    try {
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid }), { flag: "wx" });
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") return work();
    }
    if (!builderAlive(lock) || Date.now() > until) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    Atomics.wait(pause, 0, 0, 200);
  }
  try {
    return work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Whether the build a lock records is still going: its process alive, the lock younger than BUILD_WAIT_MS. @param {string} lock */
function builderAlive(lock) {
  let age;
  try {
    age = Date.now() - fs.statSync(lock).mtimeMs;
    if (age > BUILD_WAIT_MS) return false;
    const { pid } = JSON.parse(fs.readFileSync(lock, "utf8"));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // a record still being written (not whole for a moment; a builder killed before it wrote leaves it so), or a
    // process of another account's (EPERM)
    if (error instanceof SyntaxError) return age !== undefined && age < 10_000;
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/** The set-up's step: the snapshot of the course's kernel in JupyterLab and nbgrader. */
export const ensureKernelSnapshot = () => ensureKernelSnapshotFor().message;
