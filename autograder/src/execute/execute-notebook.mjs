// @ts-check
// Runs one notebook in its own sandbox through the Python runner
// (run_notebook.py, nbclient underneath) and reads back the executed notebook
// and what happened. Whatever the notebook does, this returns a result: a
// runner that dies, falls silent or runs past the notebook's limit is stopped
// and charged to the notebook ("runner-stopped"), its kernel killed; only a
// runner that fails by itself (a Python error) is the grader's ("runner-error").
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseNotebook, serializeNotebook } from "../notebook/format.mjs";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { MAX_SANDBOX_FILES, MAX_SOCKET_PREFIX_BYTES, createJobSandbox, handOver, removeApartSockets, removeJobSandbox } from "./isolation.mjs";
import { ForkedRunners } from "./forked-runners.mjs";
import { removeKernelGroups } from "./one-core.mjs";
import { runnerWatch } from "./runner-watch.mjs";
import { kernelArgv } from "./sandbox.mjs";

const RUNNER = join(dirname(fileURLToPath(import.meta.url)), "run_notebook.py");
// The runner prints "alive" every second; this long without a line, it is frozen (stopped by a
// signal, say) and is killed.
const SILENCE_LIMIT_MS = 10_000;
const WATCH_INTERVAL_MS = 1000;
// After the notebook's limit, the runner may take this long to interrupt, stop the kernel and
// write the notebook before it is killed.
const NOTEBOOK_GRACE_MS = 30_000;
// what a kernel may hold beyond --memory-mb before the operating system refuses it more
// (RLIMIT_DATA), as nbgrader's kernels (confined_kernels.py)
const DATA_MARGIN_MB = 512;

/** @type {Map<{ kill: () => void }, string>} runners still going, with the file their kernel's pid is written to */
const activeRunners = new Map();
/** @type {Set<import("./forked-runners.mjs").ForkedRunners>} runner servers of runs still going */
const activeServers = new Set();
/** @type {Set<import("./isolation.mjs").JobSandbox>} sandboxes in use */
const activeSandboxes = new Set();
// an exit with jobs still running (the work folder goes with it: grade-class.mjs) leaves no sockets folder in /tmp
process.on("exit", () => activeSandboxes.forEach(removeApartSockets));

/**
 * Stops every runner and kernel this process started (on Ctrl-C, say): the
 * runners have process groups of their own and the kernels sessions of their own,
 * so they would outlive the grader otherwise.
 */
export function stopAllRunners() {
  for (const [runner, pidFile] of activeRunners) {
    runner.kill();
    killLeftoverKernel(pidFile);
  }
  activeRunners.clear();
  for (const server of activeServers) server.killAll();
  activeServers.clear();
  for (const sandbox of activeSandboxes) removeJobSandbox(sandbox);
  activeSandboxes.clear();
}

/**
 * The run's runner server (forked-runners.mjs), when it starts: notebooks then get runners
 * forked from it. Null, with the reason, when it does not (or NEURAL_MI_FORKED_RUNNERS=0): each
 * notebook then starts its runner itself, as before.
 * @param {string} python @param {string} workDir
 * @returns {Promise<{ runners: ForkedRunners | null, message: string }>}
 */
export async function startRunnerServer(python, workDir) {
  if (process.env.NEURAL_MI_FORKED_RUNNERS === "0") return { runners: null, message: "each started afresh (NEURAL_MI_FORKED_RUNNERS=0)" };
  const runners = new ForkedRunners(python, RUNNER, workDir);
  activeServers.add(runners);
  if (await runners.ready) return { runners, message: "forked from one process that loaded their modules once" };
  runners.killAll();
  activeServers.delete(runners);
  return { runners: null, message: `each started afresh (the runner server did not start: ${runners.serverStderr.trim().split("\n").slice(-2).join(" ") || "no answer"})` };
}

/**
 * Ends the run's runner server.
 * @param {ForkedRunners | null | undefined} runners
 */
export function stopRunnerServer(runners) {
  if (!runners) return;
  runners.close();
  activeServers.delete(runners);
}

/**
 * @typedef {{
 *   cellTimeout: number, maxCellTimeout: number, notebookTimeout: number, startupTimeout: number,
 *   memoryMb: number, heapMb: number, cellOutputMb: number, notebookOutputMb: number,
 *   maxLines: number, diskMb: number, fileMb: number }} Limits
 * @typedef {{ kind: string, message: string, cell: number }} Stop
 * @typedef {{ outcome: "completed" | "stopped" | "runner-error" | "runner-stopped", stop?: Stop | null, message?: string,
 *   events?: { kind: string, cell: number | null, [key: string]: unknown }[],
 *   cells?: Record<string, { seconds: number, status: string }>, seconds?: number, peak_rss_mb?: number,
 *   kernel_log_tail?: string }} RunResult
 */

/** @type {Limits} */
export const DEFAULT_LIMITS = {
  cellTimeout: 600,
  maxCellTimeout: 1800,
  notebookTimeout: 1800,
  startupTimeout: 120,
  memoryMb: 3072,
  heapMb: 2048,
  cellOutputMb: 5,
  notebookOutputMb: 20,
  maxLines: 1000,
  diskMb: 200,
  fileMb: 100,
};

/**
 * The kernel's JavaScript heap limit, in MB, for a resident memory limit of `memoryMb`: two thirds of it, at most
 * DEFAULT_LIMITS.heapMb (as nbgrader's kernels have it, src/nbgrader/confined_kernels.py's heap_mb_for, and
 * `npm run validate`'s).
 * @param {number} memoryMb @returns {number}
 */
export const heapMbFor = (memoryMb) => Math.min(DEFAULT_LIMITS.heapMb, Math.round(memoryMb * 2 / 3));

/**
 * @param {{
 *   runtime: import("./sandbox.mjs").Runtime, jobId: string, notebook: import("../notebook/format.mjs").Notebook,
 *   limits: Limits, python: string, keep?: boolean,
 *   cellTimeouts?: Record<string, number>, onProgress?: (line: string) => void }} options
 * @returns {Promise<{ notebook: import("../notebook/format.mjs").Notebook | null, result: RunResult }>}
 */
export async function executeNotebook({ runtime, jobId, notebook, limits, python, keep = false, cellTimeouts = {}, onProgress }) {
  const privateDir = join(runtime.workDir, "private", jobId);
  rmSync(privateDir, { recursive: true, force: true });
  mkdirSync(join(privateDir, "runtime"), { recursive: true });
  // a name no other kernel can guess: on the same-user path a kernel may connect to any Unix
  // socket whose path it knows (node's permission model does not cover sockets), and another
  // student's kernel flooded this one's sockets until it was stopped for its memory; it cannot
  // list jobs/, so the name is the only way in (on the own-user path the folder's owner also is)
  const sandboxName = randomBytes(12).toString("hex");
  writeFileSync(join(privateDir, "sandbox-path"), join(runtime.workDir, "jobs", sandboxName) + "\n"); // for --keep-work
  const sandbox = createJobSandbox({ isolation: runtime.isolation, root: join(runtime.workDir, "jobs", sandboxName), diskMb: limits.diskMb });
  activeSandboxes.add(sandbox);
  try {
    handOver(sandbox);
    return await runInSandbox({ runtime, sandbox, privateDir, notebook, limits, python, cellTimeouts, onProgress });
  } finally {
    activeSandboxes.delete(sandbox);
    removeJobSandbox(sandbox, { keep });
    await removeKernelGroups(join(privateDir, "runtime"));
    if (!keep) rmSync(privateDir, { recursive: true, force: true });
  }
}

/**
 * Where the kernel's Unix sockets go (`<prefix>-<port>`): a folder only the kernel's user
 * and the grader can enter, so no other process can take them as it could a TCP port (under
 * a long TMPDIR, a folder apart in /tmp: createJobSandbox). Where even that is too long, TCP on
 * the loopback (null).
 * @param {import("./isolation.mjs").JobSandbox} sandbox
 */
function socketPrefix(sandbox) {
  const prefix = join(sandbox.sockets, "k");
  return Buffer.byteLength(prefix) <= MAX_SOCKET_PREFIX_BYTES ? prefix : null;
}

/**
 * @param {{ runtime: import("./sandbox.mjs").Runtime, sandbox: import("./isolation.mjs").JobSandbox, privateDir: string,
 *   notebook: import("../notebook/format.mjs").Notebook, limits: Limits, python: string,
 *   cellTimeouts: Record<string, number>, onProgress?: (line: string) => void }} options
 * @returns {Promise<{ notebook: import("../notebook/format.mjs").Notebook | null, result: RunResult }>}
 */
async function runInSandbox({ runtime, sandbox, privateDir, notebook, limits, python, cellTimeouts, onProgress }) {
  const kernelDir = join(privateDir, "kernels");
  writeFileAtomic(
    join(kernelDir, "neural-mi-sandbox", "kernel.json"),
    JSON.stringify({
      argv: kernelArgv(runtime, {
        sandbox,
        python,
        heapMb: limits.heapMb,
        fileMb: Math.min(limits.fileMb, limits.diskMb),
        // past memory_mb (where the watchdog stops a kernel) by a margin, so that a kernel refused
        // memory is over it and stopped for its memory, as a slower one is
        dataMb: limits.memoryMb ? limits.memoryMb + DATA_MARGIN_MB : 0,
        oneCore: runtime.oneCore,
      }),
      display_name: "TypeScript (grading sandbox)",
      language: "typescript",
    }),
  );
  const paths = {
    notebook: join(privateDir, "input.ipynb"),
    output: join(privateDir, "output.ipynb"),
    result: join(privateDir, "result.json"),
    pid_file: join(privateDir, "kernel.pid"),
  };
  writeFileAtomic(paths.notebook, serializeNotebook(notebook));
  const job = {
    ...paths,
    cwd: sandbox.work,
    sandbox: sandbox.root,
    socket_prefix: socketPrefix(sandbox),
    kernel_dir: kernelDir,
    env: kernelEnv(sandbox),
    cell_timeouts: cellTimeouts,
    limits: {
      cell_timeout: limits.cellTimeout,
      notebook_timeout: limits.notebookTimeout,
      startup_timeout: limits.startupTimeout,
      memory_mb: limits.memoryMb,
      heap_mb: limits.heapMb,
      cell_output_bytes: Math.round(limits.cellOutputMb * 2 ** 20),
      notebook_output_bytes: Math.round(limits.notebookOutputMb * 2 ** 20),
      max_lines: limits.maxLines,
      // a tmpfs of its own limits the disk on the own-user path; elsewhere the runner polls
      polled_disk_mb: sandbox.mounted ? null : limits.diskMb,
      // and so does its count of files (an inode each, however empty)
      polled_max_files: sandbox.mounted ? null : MAX_SANDBOX_FILES,
    },
  };
  const jobPath = join(privateDir, "job.json");
  writeFileAtomic(jobPath, JSON.stringify(job, null, 1));

  const exit = await runRunner(python, jobPath, privateDir, limits, onProgress, paths.pid_file, runtime.runners);
  killLeftoverKernel(paths.pid_file);

  /** @type {RunResult} */
  let result;
  /** @type {import("../notebook/format.mjs").Notebook | null} */
  let executed = null;
  if (exit.stopped === null && existsSync(paths.result)) {
    result = JSON.parse(readFileSync(paths.result, "utf8"));
    if (result.outcome !== "runner-error" && existsSync(paths.output)) {
      const size = statSync(paths.output).size;
      const allowed = statSync(paths.notebook).size + 2 * Math.round(limits.notebookOutputMb * 2 ** 20);
      if (size > allowed) throw new Error(`the executed notebook has ${size} bytes, more than its caps allow (${allowed})`);
      executed = parseNotebook(readFileSync(paths.output, "utf8"));
    }
  } else if (exit.stopped !== null || exit.signal !== null) {
    result = { outcome: "runner-stopped", message: exit.stopped ?? `it was killed (${exit.signal})` };
  } else {
    result = { outcome: "runner-error", message: `the runner ended without a result (exit ${exit.code}): ${exit.stderr.slice(-1500)}` };
  }
  if (result.outcome === "runner-error" && !result.message) result.message = exit.stderr.slice(-1500);
  return { notebook: executed, result };
}

/**
 * The kernel's whole environment: nothing of the grader's own (no paths into
 * the repository, no tokens), HOME and TMPDIR inside the sandbox.
 * @param {import("./isolation.mjs").JobSandbox} sandbox
 * @returns {Record<string, string>}
 */
function kernelEnv(sandbox) {
  /** @type {Record<string, string>} */
  const env = {
    HOME: sandbox.work,
    TMPDIR: sandbox.tmp,
    PATH: "/usr/local/bin:/usr/bin:/bin",
    LANG: "C.UTF-8",
    NBGRADER_EXECUTION: "autograde",
    // one thread for node's background work (asynchronous crypto, zlib, files): a cell queueing pbkdf2
    // calls kept four cores busy for the whole notebook, beside the one its own loop can take
    UV_THREADPOOL_SIZE: "1",
  };
  for (const name of ["NEURAL_MI_BACKEND", "TZ"]) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/**
 * A runner on this job, forked by the run's runner server when there is one, else started here:
 * either way a process group of its own, whose lines reach `onLine` and whose end reaches `onExit`.
 * @param {{ python: string, jobPath: string, privateDir: string, forked?: import("./forked-runners.mjs").ForkedRunners | null,
 *   onLine: (line: string) => void, onExit: (exit: import("./forked-runners.mjs").RunnerExit) => void }} options
 * @returns {{ kill: () => void, pid: () => number | null }}
 */
function startRunner({ python, jobPath, privateDir, forked, onLine, onExit }) {
  // connection files and other temporary files of the runner stay in the job's private folder
  const env = { JUPYTER_RUNTIME_DIR: join(privateDir, "runtime"), TMPDIR: join(privateDir, "runtime"), PYTHONUNBUFFERED: "1" };
  const stderrPath = join(privateDir, "runner-stderr.txt");
  // a path the server's line cannot carry (a TMPDIR with a tab, say): a runner of its own
  if (forked?.alive && ForkedRunners.canTake(jobPath) && ForkedRunners.canTake(stderrPath)) {
    const job = forked.start({ jobPath, stderrPath, env, onLine, onExit });
    return { kill: () => job.kill(), pid: () => job.pid };
  }
  const child = spawn(python, [RUNNER, jobPath], { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-20000);
  });
  let pending = "";
  child.stdout.on("data", (chunk) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line);
    if (lines.length === 0) onLine("");
  });
  let ended = false;
  const end = (/** @type {import("./forked-runners.mjs").RunnerExit} */ exit) => {
    if (ended) return;
    ended = true;
    onExit(exit);
  };
  child.on("close", (code, signal) => end({ code, signal, stderr }));
  child.on("error", (error) => end({ code: null, signal: null, stderr: `could not start ${python}: ${error.message}` }));
  return {
    kill() {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    },
    pid: () => child.pid ?? null,
  };
}

/**
 * Runs the runner and watches it from here, where its kernel cannot reach: a
 * runner that falls silent, or runs past the notebook's limit, is killed.
 * `stopped` says why, when it was stopped from here.
 * @param {string} python @param {string} jobPath @param {string} privateDir @param {Limits} limits
 * @param {((line: string) => void) | undefined} onProgress @param {string} pidFile
 * @param {import("./forked-runners.mjs").ForkedRunners | null | undefined} forked
 * @returns {Promise<{ code: number | null, signal: string | null, stderr: string, stopped: string | null }>}
 */
function runRunner(python, jobPath, privateDir, limits, onProgress, pidFile, forked) {
  return new Promise((resolvePromise) => {
    /** @type {string | null} */
    let stopped = null;
    const watchRunner = runnerWatch({
      silenceLimitMs: SILENCE_LIMIT_MS,
      deadline: Date.now() + (limits.startupTimeout + limits.notebookTimeout) * 1000 + NOTEBOOK_GRACE_MS,
      intervalMs: WATCH_INTERVAL_MS,
    });
    /** @type {NodeJS.Timeout | undefined} */
    let watch;
    const runner = startRunner({
      python,
      jobPath,
      privateDir,
      forked,
      onLine(line) {
        watchRunner.heard();
        const text = line.trim();
        if (text === "ready") watchRunner.setDeadline(Date.now() + limits.notebookTimeout * 1000 + NOTEBOOK_GRACE_MS);
        else if (text && text !== "alive") onProgress?.(text);
      },
      onExit(exit) {
        clearInterval(watch);
        activeRunners.delete(runner);
        resolvePromise({ code: exit.code, signal: exit.signal, stderr: exit.stderr, stopped });
      },
    });
    activeRunners.set(runner, pidFile);
    const stop = (/** @type {string} */ reason) => {
      stopped = reason;
      runner.kill();
    };
    watch = setInterval(() => {
      if (stopped !== null) return;
      const verdict = watchRunner.look();
      if (verdict === "silent") stop(`it stopped answering for ${SILENCE_LIMIT_MS / 1000} s (frozen)`);
      else if (verdict === "overdue") stop(`it ran past the notebook's ${limits.notebookTimeout} s limit`);
    }, WATCH_INTERVAL_MS);
  });
}

/**
 * The kernel runs in its own session; make sure it does not outlive its runner.
 * @param {string} pidFile
 */
function killLeftoverKernel(pidFile) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8"));
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    // the pid may have been reused since: only a kernel of ours is killed
    if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("start-kernel.cjs")) return;
  } catch {
    return; // not running (or no /proc to tell)
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // gone in between
  }
}
