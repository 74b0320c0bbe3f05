// @ts-check
// Runners forked from one Python process per grading run (`run_notebook.py --serve`), which
// loads nbclient, nbformat and jupyter_client once: a runner started afresh spends about 0.25 s
// of CPU importing them, for every notebook. A forked runner is watched and stopped exactly as
// one started directly (execute-notebook.mjs): it leads a process group of its own, its lines
// (alive, ready, cell i/n) come tagged with its job on the pipe the runners share, and the
// server reports how it ended. Where the server cannot start, or stops, notebooks get runners
// started directly again, and the log says so.
import { spawn } from "node:child_process";
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";

const READY_TIMEOUT_MS = 30_000;
const STDERR_KEPT_BYTES = 20_000;
// how often a runner is looked for once the server that would report its end is gone
const ORPHAN_POLL_MS = 500;

/**
 * @typedef {{ code: number | null, signal: string | null, stderr: string }} RunnerExit
 * @typedef {{ pid: number | null, kill: () => void, onLine: (line: string) => void, onExit: (exit: RunnerExit) => void,
 *   stderrPath: string, ended: boolean, killWhenStarted: boolean }} ForkedJob
 */

export class ForkedRunners {
  /**
   * @param {string} python @param {string} runner run_notebook.py @param {string} workDir the
   * grading run's folder (named on the server's command line, so that it is found with the run's other processes)
   */
  constructor(python, runner, workDir) {
    this.server = spawn(python, [runner, "--serve", workDir], {
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, PYTHONUNBUFFERED: "1" },
    });
    /** @type {Map<string, ForkedJob>} */
    this.jobs = new Map();
    this.nextTag = 1;
    this.alive = true;
    this.serverStderr = "";
    /** @type {(ready: boolean) => void} */
    let settle = () => {};
    /** @type {Promise<boolean>} */
    this.ready = new Promise((resolve) => {
      settle = resolve;
    });
    const timer = setTimeout(() => {
      settle(false);
      this.close();
    }, READY_TIMEOUT_MS);
    let pending = "";
    this.server.stdout?.on("data", (chunk) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (line === "ready") {
          clearTimeout(timer);
          settle(true);
        } else this.#received(line);
      }
    });
    this.server.stderr?.on("data", (chunk) => {
      this.serverStderr = (this.serverStderr + chunk.toString()).slice(-STDERR_KEPT_BYTES);
    });
    this.server.stdin?.on("error", () => {}); // a server gone: seen on "exit"
    const gone = () => {
      clearTimeout(timer);
      settle(false);
      this.#serverGone();
    };
    this.server.on("exit", gone);
    this.server.on("error", gone);
  }

  /**
   * A line of the server: a runner started, said something, or ended.
   * @param {string} line
   */
  #received(line) {
    const [kind, tag, ...rest] = line.split("\t");
    const job = this.jobs.get(tag);
    if (!job) return;
    if (kind === "started") {
      job.pid = Number(rest[0]);
      if (job.killWhenStarted) job.kill();
      job.onLine("");
    } else if (kind === "say") job.onLine(rest.join("\t"));
    else if (kind === "exited") {
      const [code, signal] = rest;
      this.#ended(tag, { code: code === "" ? null : Number(code), signal: signal || null });
    }
  }

  /** @param {string} tag @param {{ code: number | null, signal: string | null }} how */
  #ended(tag, how) {
    const job = this.jobs.get(tag);
    if (!job || job.ended) return;
    job.ended = true;
    this.jobs.delete(tag);
    job.onExit({ ...how, stderr: readTail(job.stderrPath) });
  }

  /**
   * The server ended (killed, say): no one reports how its runners end any more. Each is
   * watched until it is gone, and ends with neither code nor signal known.
   */
  #serverGone() {
    this.alive = false;
    for (const [tag, job] of this.jobs) {
      const watch = setInterval(() => {
        if (job.pid !== null && isRunning(job.pid)) return;
        clearInterval(watch);
        this.#ended(tag, { code: null, signal: null });
      }, ORPHAN_POLL_MS);
    }
  }

  /**
   * Starts a runner on a job. Its lines go to `onLine` (an empty line when it has started), its end to `onExit`.
   * @param {{ jobPath: string, stderrPath: string, env: Record<string, string>, onLine: (line: string) => void,
   *   onExit: (exit: RunnerExit) => void }} options
   * @returns {ForkedJob}
   */
  start({ jobPath, stderrPath, env, onLine, onExit }) {
    const tag = String(this.nextTag++);
    /** @type {ForkedJob} */
    const job = {
      pid: null,
      stderrPath,
      ended: false,
      killWhenStarted: false,
      onLine,
      onExit,
      kill() {
        if (job.pid === null) {
          job.killWhenStarted = true;
          return;
        }
        try {
          process.kill(-job.pid, "SIGKILL");
        } catch {
          // already gone
        }
      },
    };
    for (const field of [jobPath, stderrPath]) {
      if (!ForkedRunners.canTake(field)) throw new Error(`a runner's path holds a tab or a line break: ${JSON.stringify(field)}`);
    }
    this.jobs.set(tag, job);
    this.server.stdin?.write(`${tag}\t${jobPath}\t${stderrPath}\t${JSON.stringify(env)}\n`);
    return job;
  }

  /** Whether a path can go on the server's line (which tabs and line breaks divide). @param {string} path */
  static canTake(path) {
    return !/[\t\n\r]/.test(path);
  }

  /** Runners not ended yet, by process group. */
  runningPids() {
    return [...this.jobs.values()].map((job) => job.pid).filter((pid) => pid !== null);
  }

  /** Ends the server (runners still going finish their notebooks). */
  close() {
    this.server.stdin?.end();
  }

  /** Kills the server and every runner it started. */
  killAll() {
    for (const job of this.jobs.values()) job.kill();
    try {
      if (this.server.pid) process.kill(-this.server.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/**
 * Whether a process is there and not a zombie (an orphan whose reaper never waits for it).
 * @param {number} pid
 */
function isRunning(pid) {
  if (existsSync("/proc/self")) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat[stat.lastIndexOf(")") + 2] !== "Z";
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * The last part of a runner's stderr file (empty when there is none).
 * @param {string} path
 */
function readTail(path) {
  let fd;
  try {
    fd = openSync(path, "r");
  } catch {
    return "";
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, STDERR_KEPT_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString("utf8");
  } finally {
    closeSync(fd);
  }
}
