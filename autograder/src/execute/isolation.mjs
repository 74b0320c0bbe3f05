// @ts-check
// Keeping a kernel away from the processes that supervise it.
//
// Two paths, chosen when a grading run starts:
//
// "own-user" (the grader runs as root and may mount and change users): every
//   notebook's kernel runs under a user id of its own, unused on this machine,
//   in a folder that is a size-limited tmpfs owned by that user. The kernel can
//   then signal neither its runner, nor the grader, nor another student's
//   kernel (the kernel may signal only processes of its own user), and the disk
//   limit is the file system's size: a write past it fails, nothing is polled.
//
// "same-user" (anything else): the kernel runs as the grader's user. node's
//   permission model still confines its files, but the kernel can signal any
//   process of that user; the grader notices a runner that dies or stops
//   answering and charges it to the notebook, and the disk limit is polled.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { removeTree } from "../util/remove-tree.mjs";

/**
 * @typedef {{ kind: "own-user" | "same-user", reason: string, cpu?: string }} Isolation
 * `cpu`: whether each kernel is limited to one core's time, and how (one-core.mjs)
 * @typedef {{ uid: number | null, root: string, work: string, tmp: string, sockets: string, socketsApart: boolean, mounted: boolean }} JobSandbox
 */

// A Unix socket's path holds at most 107 bytes; a kernel's are `<sockets>/k-<port>`.
export const MAX_SOCKET_PREFIX_BYTES = 100;
// Where a job's sockets go when its own folder's path is too long for them (a long TMPDIR):
// a folder of a random name that no kernel can list or guess, instead of TCP on the loopback,
// where any kernel graded at the same time could find and flood another's ports.
const SHORT_SOCKETS_BASE = "/tmp";
const APART_SOCKETS = /^\/tmp\/neural-mi-sockets-[0-9a-f]{24}$/;
// Beside a job's folder, in the grader's own jobs/ folder: where its sockets went, when they went
// apart, so that a run killed outright (SIGKILL) leaves the next run a way to remove them.
const APART_RECORD = ".sockets";

// Files a notebook may create in its folder (the tmpfs's inode count).
export const MAX_SANDBOX_FILES = 20000;
// Processes and threads of a kernel's own user: node needs a few dozen threads;
// it may start no processes under the permission model, so this only bounds a bug.
export const MAX_KERNEL_THREADS = 1024;
// Kernel users are drawn from here: far above the ids that accounts use.
const FIRST_KERNEL_UID = 1_500_000_000;
const KERNEL_UID_SPAN = 500_000_000;

/**
 * Which path this machine allows. Probes, rather than assumes: root in a
 * container may lack the capabilities to mount or change users.
 * @param {string} workDir the grading run's folder; every folder above it must be passable by other users
 * @param {string} python the Python that starts kernels (it changes to the kernel's user)
 * @returns {Isolation}
 */
export function detectIsolation(workDir, python) {
  if (process.env.NEURAL_MI_SAME_USER === "1") return { kind: "same-user", reason: "NEURAL_MI_SAME_USER=1 asks for it" };
  if (process.platform !== "linux") return { kind: "same-user", reason: `${process.platform} is not Linux` };
  if (process.getuid?.() !== 0) {
    return { kind: "same-user", reason: "the grader does not run as root, so kernels cannot get user ids of their own" };
  }
  const closed = closedAncestor(workDir);
  if (closed) {
    // gradingBase() avoids this; as root the fallback would run kernels as root: refuse instead
    throw new Error(`each kernel runs as a user of its own and must reach the packages in ${workDir}, but ${closed} lets no other user through`);
  }
  const probe = join(workDir, "isolation-probe");
  const uid = unusedUid();
  mkdirSync(probe, { recursive: true });
  try {
    mountSandbox(probe, uid, 1);
    unmount(probe);
  } catch (error) {
    rmSync(probe, { recursive: true, force: true });
    return { kind: "same-user", reason: `mounting a tmpfs failed (${/** @type {Error} */ (error).message})` };
  }
  rmSync(probe, { recursive: true, force: true });
  // bounded: a Python that hangs (a stand-in stopped by a signal, say) must not hold the grader here
  const drop = spawnSync(python, ["-c", `import os; os.setgroups([]); os.setgid(${uid}); os.setuid(${uid})`], { encoding: "utf8", timeout: 60_000 });
  if (drop.status !== 0) {
    return { kind: "same-user", reason: `changing to another user failed (${(drop.stderr || String(drop.error)).trim()})` };
  }
  return { kind: "own-user", reason: "the grader runs as root: each kernel runs as a user of its own in a size-limited tmpfs" };
}

/**
 * Where a grading run's folder goes: in `preferred` (TMPDIR), unless kernels
 * will run as users of their own and cannot pass through it (a private
 * TMPDIR such as one made by mktemp -d); then in /tmp, with a note saying so.
 * @param {string} preferred @param {boolean} isolate
 * @returns {{ dir: string, note: string | null }}
 */
export function gradingBase(preferred, isolate) {
  const ownUsers = isolate && process.platform === "linux" && process.getuid?.() === 0 && process.env.NEURAL_MI_SAME_USER !== "1";
  const closed = ownUsers ? closedAncestor(preferred) : null;
  if (!closed || closedAncestor("/tmp")) return { dir: preferred, note: null };
  return { dir: "/tmp", note: `${closed} lets no other user through, so the grading folder is in /tmp instead of ${preferred}` };
}

/**
 * `path` or the first folder above it that other users cannot pass through (or that does not exist), or null.
 * @param {string} path
 */
function closedAncestor(path) {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      if ((statSync(dir).mode & 0o001) === 0) return dir;
    } catch {
      return dir;
    }
    if (dirname(dir) === dir) return null;
  }
}

/** A user id that no account and no running process uses. */
export function unusedUid() {
  const taken = new Set();
  for (const file of ["/etc/passwd", "/etc/group"]) {
    try {
      for (const line of readFileSync(file, "utf8").split("\n")) taken.add(Number(line.split(":")[2]));
    } catch {
      // no such file
    }
  }
  for (;;) {
    const uid = FIRST_KERNEL_UID + Math.floor(Math.random() * KERNEL_UID_SPAN);
    if (!taken.has(uid) && processesOf(uid).length === 0) return uid;
  }
}

/**
 * The pids of the processes whose real or effective user is `uid`.
 * @param {number} uid
 */
export function processesOf(uid) {
  /** @type {number[]} */
  const found = [];
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const line = readFileSync(`/proc/${name}/status`, "utf8").match(/^Uid:\s+(\d+)\s+(\d+)/m);
      if (line && (Number(line[1]) === uid || Number(line[2]) === uid)) found.push(Number(name));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/**
 * Kills every process of a kernel user, until none is left (a process may fork while being killed).
 * @param {number} uid
 */
export function killProcessesOf(uid) {
  for (let round = 0; round < 20; round += 1) {
    const pids = processesOf(uid);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    spawnSync("sleep", ["0.05"]);
  }
}

/** @param {string} dir @param {number} uid @param {number} sizeMb */
function mountSandbox(dir, uid, sizeMb) {
  const options = [
    `size=${Math.max(1, Math.round(sizeMb))}m`,
    `nr_inodes=${MAX_SANDBOX_FILES}`,
    `uid=${uid}`,
    `gid=${uid}`,
    "mode=0700",
    "nosuid",
    "nodev",
    "noexec",
  ].join(",");
  const run = spawnSync("mount", ["-t", "tmpfs", "-o", options, "neural-mi-sandbox", dir], { encoding: "utf8" });
  if (run.error || run.status !== 0) throw new Error((run.stderr || String(run.error)).trim() || `mount exited with ${run.status}`);
}

/** @param {string} dir */
function unmount(dir) {
  spawnSync("umount", ["-l", dir], { stdio: "ignore" });
}

/**
 * Makes a job's folder: `work/` (the kernel's working directory and HOME, with
 * the submission's files) and `tmp/` (its TMPDIR), under `root`. On the
 * own-user path `root` is a tmpfs of `diskMb` owned by a fresh user.
 * @param {{ isolation: Isolation, root: string, diskMb: number }} options
 * @returns {JobSandbox}
 */
export function createJobSandbox({ isolation, root, diskMb }) {
  removeTree(root);
  mkdirSync(root, { recursive: true });
  /** @type {JobSandbox} */
  // sockets: the kernel's Unix sockets (kernel-sockets.cjs), beside its working folder, not in it
  const sandbox = { uid: null, root, work: join(root, "work"), tmp: join(root, "tmp"), sockets: join(root, "sockets"), socketsApart: false, mounted: false };
  if (isolation.kind === "own-user") {
    sandbox.uid = unusedUid();
    mountSandbox(root, sandbox.uid, diskMb);
    sandbox.mounted = true;
  }
  for (const dir of [sandbox.work, sandbox.tmp, sandbox.sockets]) mkdirSync(dir);
  if (Buffer.byteLength(join(sandbox.sockets, "k")) > MAX_SOCKET_PREFIX_BYTES) {
    const apart = join(SHORT_SOCKETS_BASE, `neural-mi-sockets-${randomBytes(12).toString("hex")}`);
    try {
      // exclusive: a folder already there (planted) is never taken
      mkdirSync(apart, { mode: 0o700 });
      Object.assign(sandbox, { sockets: apart, socketsApart: true });
    } catch {
      // no /tmp to write to: the sockets stay where they are, too long, and the kernel uses TCP
    }
    try {
      if (sandbox.socketsApart) writeFileSync(root + APART_RECORD, `${sandbox.sockets}\n`, { mode: 0o600 });
    } catch {
      // a full disk: only a run killed outright would then leave the folder behind
    }
  }
  return sandbox;
}

/**
 * After copying the submission's files in: everything in the folder belongs to the kernel's user.
 * @param {JobSandbox} sandbox
 */
export function handOver(sandbox) {
  if (sandbox.uid === null) return;
  const uid = sandbox.uid;
  const walk = (/** @type {string} */ path) => {
    chownSync(path, uid, uid);
    if (lstatSync(path).isDirectory()) {
      chmodSync(path, 0o700);
      for (const name of readdirSync(path)) walk(join(path, name));
    }
  };
  walk(sandbox.root);
  if (sandbox.socketsApart) walk(sandbox.sockets);
}

/**
 * Ends a job: its user's processes killed, its tmpfs unmounted, its folder removed.
 * @param {JobSandbox} sandbox @param {{ keep?: boolean }} [options]
 */
export function removeJobSandbox(sandbox, { keep = false } = {}) {
  try {
    if (sandbox.uid !== null) killProcessesOf(sandbox.uid);
    if (keep) return; // --keep-work: left mounted for inspection; `umount` it afterwards
    if (sandbox.mounted) unmount(sandbox.root);
    // a kernel's folders may be nested thousands deep (src/util/remove-tree.mjs)
    if (existsSync(sandbox.root)) removeTree(sandbox.root);
  } finally {
    // outside the work folder, and nothing to inspect once the kernel has ended: gone even with --keep-work
    removeApartSockets(sandbox);
  }
}

/**
 * Removes a job's sockets folder in /tmp, if it has one, and the record of it (also at the
 * grader's exit, for the jobs still running then).
 * @param {JobSandbox} sandbox
 */
export function removeApartSockets(sandbox) {
  if (!sandbox.socketsApart) return;
  rmSync(sandbox.sockets, { recursive: true, force: true });
  rmSync(sandbox.root + APART_RECORD, { force: true });
}

/**
 * Removes the sockets folders in /tmp recorded in a work folder's jobs/ (of a run killed
 * outright). Only a path of the form the grader makes is ever removed.
 * @param {string} jobsDir
 */
export function removeRecordedApartSockets(jobsDir) {
  /** @type {string[]} */
  let names = [];
  try {
    names = readdirSync(jobsDir).filter((name) => name.endsWith(APART_RECORD));
  } catch {
    return;
  }
  for (const name of names) {
    let apart = "";
    try {
      apart = readFileSync(join(jobsDir, name), "utf8").trim();
    } catch {
      continue;
    }
    if (APART_SOCKETS.test(apart)) rmSync(apart, { recursive: true, force: true });
  }
}
