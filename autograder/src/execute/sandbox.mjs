// @ts-check
// The place a submission runs in, and the kernel command that keeps it there.
//
// A grading run gets a temporary folder outside the repository:
//   <work>/node_modules   a link to the packages' shared copy beside <work> (hard links,
//                         no symlinks below it; package-mirror.mjs), or a copy of its own
//   <work>/start-kernel.cjs
//   <work>/kernel.blob    the kernel's start-up snapshot, when the set-up built one
//   <work>/jobs/<random>/ one per notebook (isolation.mjs): work/ its working
//                         directory and HOME, tmp/ its TMPDIR
// The kernel is node with its permission model: it may read only the packages,
// the launcher and its own folder, write only its own folder, and start no
// processes or workers. So a notebook cannot read the
// instructor's notebooks, the hidden tests or the repository, and cannot write
// outside its folder. The packages are copied because a symlink into the
// repository (node_modules/neural-mi -> ../lib) would let "link/../.." reach it:
// node checks paths as written, the operating system follows links. The one link,
// <work>/node_modules, is safe: a path that stays below it as written stays below
// the copy as followed.
import { chmodSync, copyFileSync, linkSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKernelSnapshotFor, repoRoot } from "../util/paths.mjs";
import { detectIsolation } from "./isolation.mjs";
import { probeOneCore } from "./one-core.mjs";
import { mirrorTree, sharedPackages } from "./package-mirror.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const LAUNCHER = join(here, "start-kernel.cjs");
const ENTER_SANDBOX = join(here, "enter_sandbox.py");

/**
 * @typedef {{ flag: string, disableWarnings: string[] }} PermissionSupport
 * @typedef {{ workDir: string, isolated: boolean, permission: PermissionSupport | null, launcher: string, modules: string,
 *   snapshot: { blob: string | null, heapMb: number, message: string }, isolation: import("./isolation.mjs").Isolation,
 *   packages: string | null, packagesNote: string, compileTable?: string | null, oneCore: boolean,
 *   runners?: import("./forked-runners.mjs").ForkedRunners | null }} Runtime
 */

/**
 * Which flag turns on node's permission model here (it was renamed in node 23),
 * or null when this node has none.
 * @returns {PermissionSupport | null}
 */
export function permissionSupport() {
  // node's own list of the options it takes (no process started to ask)
  const flags = process.allowedNodeEnvironmentFlags;
  const flag = ["--permission", "--experimental-permission"].find((name) => flags.has(name));
  // zeromq, the kernel's transport, is a native addon
  if (!flag || !flags.has("--allow-addons")) return null;
  const disableWarnings = flags.has("--disable-warning") ? ["ExperimentalWarning", "SecurityWarning"].map((name) => `--disable-warning=${name}`) : [];
  return { flag, disableWarnings };
}

/**
 * Prepares a grading run's folder. Without isolation (no permission model in
 * this node, or asked for) node_modules is a plain symlink and nothing is
 * confined.
 * @param {string} workDir
 * @param {{ isolate: boolean, python: string, heapMb: number }} options
 * @returns {Runtime}
 */
export function createRuntime(workDir, { isolate, python, heapMb }) {
  const permission = isolate ? permissionSupport() : null;
  if (isolate && !permission) {
    throw new Error(
      `this node (${process.version}) has no permission model, so notebooks cannot be kept from reading the ` +
        "solutions and hidden tests: use node 20 or later, or pass --no-isolation to grade without that protection",
    );
  }
  const modules = join(workDir, "node_modules");
  /** @type {string | null} the packages' shared copy (package-mirror.mjs) that node_modules links to */
  let packages = null;
  let packagesNote = "";
  if (permission) {
    try {
      const shared = sharedPackages(join(repoRoot, "node_modules"), dirname(workDir));
      packages = shared.modules;
      packagesNote = shared.reused ? `the packages' copy of an earlier run (${packages})` : `the packages copied to ${packages}, for this run and later ones`;
      // one link at the top: below it, every path the kernel may read stays inside the copy
      symlinkSync(packages, modules, "dir");
    } catch (error) {
      packagesNote = `the packages copied for this run only (${/** @type {Error} */ (error).message})`;
      packages = null;
      mirrorTree(join(repoRoot, "node_modules"), modules);
    }
  } else symlinkSync(join(repoRoot, "node_modules"), modules, "dir");
  const launcher = join(workDir, "start-kernel.cjs");
  copyFileSync(LAUNCHER, launcher);
  chmodSync(launcher, 0o644);
  const snapshot = placeKernelSnapshot(workDir, heapMb);
  mkdirSync(join(workDir, "jobs"), { recursive: true });
  // kernels of other users pass through to the packages and their own folder, and list nothing
  chmodSync(workDir, 0o711);
  chmodSync(join(workDir, "jobs"), 0o711);
  // the notebooks as graded (hidden tests in), their outputs and results: the grader's alone (it
  // was 0755 under a folder named by the student, so any local account could read them by path)
  mkdirSync(join(workDir, "private"), { recursive: true, mode: 0o700 });
  chmodSync(join(workDir, "private"), 0o700);
  const isolation = permission
    ? detectIsolation(workDir, python)
    : { kind: /** @type {const} */ ("same-user"), reason: "grading without the sandbox (--no-isolation)" };
  // only in the sandbox: without it a kernel may do anything as the grader anyway
  const oneCore = permission ? probeOneCore(python) : { ok: false, message: "not limited: grading without the sandbox (--no-isolation)" };
  return { workDir, isolated: Boolean(permission), permission, launcher, modules, packages, packagesNote, snapshot, isolation: { ...isolation, cpu: oneCore.message }, oneCore: oneCore.ok };
}

/**
 * The kernel's start-up snapshot for this heap limit (scripts/setup/kernel-snapshot.mjs; built
 * once per checkout and limit), beside the launcher, where a kernel of another user can read it.
 * Without one, kernels start as they would without the snapshot, and the message says why.
 * @param {string} workDir @param {number} heapMb
 */
function placeKernelSnapshot(workDir, heapMb) {
  const { blob, message } = ensureKernelSnapshotFor({ heapMb });
  if (!blob) return { blob: null, heapMb, message };
  const placed = join(workDir, "kernel.blob");
  try {
    linkSync(blob, placed);
  } catch {
    copyFileSync(blob, placed);
  }
  chmodSync(placed, 0o644);
  return { blob: placed, heapMb, message };
}

/**
 * The kernel's command line: enter_sandbox.py passes the connection info on a
 * pipe, sets resource limits the operating system enforces, becomes the
 * kernel's own user when there is one, then becomes node. `{connection_file}`
 * is filled in by jupyter_client; the kernel itself may not read it.
 * @param {Runtime} runtime
 * @param {{ sandbox: import("./isolation.mjs").JobSandbox, python: string, heapMb: number, fileMb: number, dataMb: number, oneCore: boolean }} options
 * `dataMb`: the writable memory the operating system lets the kernel commit (RLIMIT_DATA; 0: no limit);
 * `oneCore`: the kernel gets a control group of its own limited to one core's time (one_core.py)
 * @returns {string[]}
 */
export function kernelArgv(runtime, { sandbox, python, heapMb, fileMb, dataMb, oneCore }) {
  // one thread for V8's background work besides the kernel's own: a cell keeping asynchronous
  // WebAssembly.compile calls in flight kept V8's four (compiling, collecting garbage) busy for the
  // notebook's whole time, slowing the notebooks graded beside it (node takes this flag only here)
  /** @type {string[]} */
  const nodeOptions = [`--max-old-space-size=${heapMb}`, "--v8-pool-size=1"];
  // node reads the snapshot as it starts, before the permission model applies; V8 takes it
  // only under the V8 flags it was made with, the heap limit among them
  if (runtime.snapshot.blob && runtime.snapshot.heapMb === heapMb) nodeOptions.push("--snapshot-blob", runtime.snapshot.blob);
  if (runtime.permission) {
    nodeOptions.push(
      runtime.permission.flag,
      "--allow-addons", // zeromq, the kernel's transport, is a native addon
      `--allow-fs-read=${runtime.modules}`,
      ...(runtime.packages ? [`--allow-fs-read=${runtime.packages}`] : []),
      `--allow-fs-read=${runtime.launcher}`,
      `--allow-fs-read=${sandbox.root}`,
      // zeromq's loader probes this file to tell musl from glibc
      "--allow-fs-read=/etc/alpine-release",
      `--allow-fs-write=${sandbox.root}`,
      ...runtime.permission.disableWarnings,
    );
  }
  // the compile table, beside the launcher, is read as the kernel starts, before any cell (start-kernel.cjs)
  if (runtime.permission && runtime.compileTable) nodeOptions.push(`--allow-fs-read=${runtime.compileTable}`);
  const user = sandbox.uid === null ? "-" : String(sandbox.uid);
  return [python, ENTER_SANDBOX, "{connection_file}", user, String(fileMb), String(dataMb), oneCore ? "one-core" : "-", process.execPath, ...nodeOptions, runtime.launcher];
}
