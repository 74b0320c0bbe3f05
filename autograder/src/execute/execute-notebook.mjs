// @ts-check
// Runs one notebook in its own sandbox through the Python runner
// (run_notebook.py, nbclient underneath) and reads back the executed notebook
// and what happened. Whatever the notebook does, this returns a result: a
// runner that dies or hangs is stopped and reported, its kernel killed.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseNotebook, serializeNotebook } from "../notebook/format.mjs";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { kernelArgv } from "./sandbox.mjs";

const RUNNER = join(dirname(fileURLToPath(import.meta.url)), "run_notebook.py");

/** Runners still going, with the file their kernel's pid is written to. */
const activeRunners = new Map();

/**
 * Stops every runner and kernel this process started (on Ctrl-C, say): the
 * runners have process groups of their own and the kernels sessions of their own,
 * so they would outlive the grader otherwise.
 */
export function stopAllRunners() {
  for (const [pid, pidFile] of activeRunners) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
    killLeftoverKernel(pidFile);
  }
  activeRunners.clear();
}

/**
 * @typedef {{
 *   cellTimeout: number, maxCellTimeout: number, notebookTimeout: number, startupTimeout: number,
 *   memoryMb: number, heapMb: number, cellOutputMb: number, notebookOutputMb: number,
 *   maxLines: number, diskMb: number, fileMb: number }} Limits
 * @typedef {{ kind: string, message: string, cell: number }} Stop
 * @typedef {{ outcome: "completed" | "stopped" | "runner-error", stop?: Stop | null, message?: string,
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
 * @param {{
 *   runtime: import("./sandbox.mjs").Runtime, jobId: string, notebook: import("../notebook/format.mjs").Notebook,
 *   dataFiles?: { from: string, to: string }[], limits: Limits, python: string, keep?: boolean,
 *   onProgress?: (line: string) => void }} options
 * @returns {Promise<{ notebook: import("../notebook/format.mjs").Notebook | null, result: RunResult }>}
 */
export async function executeNotebook({ runtime, jobId, notebook, dataFiles = [], limits, python, keep = false, onProgress }) {
  const sandbox = join(runtime.workDir, "jobs", jobId);
  const privateDir = join(runtime.workDir, "private", jobId);
  rmSync(sandbox, { recursive: true, force: true });
  rmSync(privateDir, { recursive: true, force: true });
  mkdirSync(join(sandbox, ".tmp"), { recursive: true });
  mkdirSync(join(privateDir, "runtime"), { recursive: true });
  for (const file of dataFiles) {
    mkdirSync(dirname(join(sandbox, file.to)), { recursive: true });
    copyFileSync(file.from, join(sandbox, file.to));
  }

  const kernelDir = join(privateDir, "kernels");
  writeFileAtomic(
    join(kernelDir, "neural-mi-sandbox", "kernel.json"),
    JSON.stringify({
      argv: kernelArgv(runtime, { sandbox, python, heapMb: limits.heapMb, fileMb: limits.fileMb }),
      display_name: "TypeScript (grading sandbox)",
      language: "typescript",
    }),
  );
  const paths = {
    notebook: join(privateDir, "input.ipynb"),
    output: join(privateDir, "output.ipynb"),
    result: join(privateDir, "result.json"),
    kernel_log: join(privateDir, "kernel.log"),
    pid_file: join(privateDir, "kernel.pid"),
  };
  writeFileAtomic(paths.notebook, serializeNotebook(notebook));
  const job = {
    ...paths,
    cwd: sandbox,
    kernel_dir: kernelDir,
    env: kernelEnv(sandbox),
    limits: {
      cell_timeout: limits.cellTimeout,
      max_cell_timeout: limits.maxCellTimeout,
      notebook_timeout: limits.notebookTimeout,
      startup_timeout: limits.startupTimeout,
      memory_mb: limits.memoryMb,
      heap_mb: limits.heapMb,
      cell_output_bytes: Math.round(limits.cellOutputMb * 2 ** 20),
      notebook_output_bytes: Math.round(limits.notebookOutputMb * 2 ** 20),
      max_lines: limits.maxLines,
      disk_mb: limits.diskMb,
    },
  };
  const jobPath = join(privateDir, "job.json");
  writeFileAtomic(jobPath, JSON.stringify(job, null, 1));

  const hardLimitMs = (limits.notebookTimeout + limits.startupTimeout + 120) * 1000;
  const exit = await runRunner(python, jobPath, privateDir, hardLimitMs, onProgress, paths.pid_file);
  killLeftoverKernel(paths.pid_file);

  /** @type {RunResult} */
  let result;
  /** @type {import("../notebook/format.mjs").Notebook | null} */
  let executed = null;
  if (existsSync(paths.result)) {
    result = JSON.parse(readFileSync(paths.result, "utf8"));
    if (result.outcome !== "runner-error" && existsSync(paths.output)) executed = parseNotebook(readFileSync(paths.output, "utf8"));
  } else {
    result = {
      outcome: "runner-error",
      message: exit.timedOut
        ? `the runner did not finish within ${Math.round(hardLimitMs / 1000)} s and was stopped`
        : `the runner ended without a result (exit ${exit.code ?? exit.signal}): ${exit.stderr.slice(-1500)}`,
    };
  }
  if (result.outcome === "runner-error" && !result.message) result.message = exit.stderr.slice(-1500);
  if (!keep) {
    rmSync(sandbox, { recursive: true, force: true });
    rmSync(privateDir, { recursive: true, force: true });
  }
  return { notebook: executed, result };
}

/**
 * The kernel's whole environment: nothing of the grader's own (no paths into
 * the repository, no tokens), HOME and TMPDIR inside the sandbox.
 * @param {string} sandbox
 * @returns {Record<string, string>}
 */
function kernelEnv(sandbox) {
  /** @type {Record<string, string>} */
  const env = {
    HOME: sandbox,
    TMPDIR: join(sandbox, ".tmp"),
    PATH: "/usr/local/bin:/usr/bin:/bin",
    LANG: "C.UTF-8",
    NBGRADER_EXECUTION: "autograde",
  };
  for (const name of ["NEURAL_MI_BACKEND", "TZ"]) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/**
 * @param {string} python @param {string} jobPath @param {string} privateDir @param {number} hardLimitMs
 * @param {((line: string) => void) | undefined} onProgress @param {string} pidFile
 * @returns {Promise<{ code: number | null, signal: string | null, stderr: string, timedOut: boolean }>}
 */
function runRunner(python, jobPath, privateDir, hardLimitMs, onProgress, pidFile) {
  return new Promise((resolvePromise) => {
    const child = spawn(python, [RUNNER, jobPath], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // connection files and other temporary files of the runner stay in the job's private folder
      env: { ...process.env, JUPYTER_RUNTIME_DIR: join(privateDir, "runtime"), TMPDIR: join(privateDir, "runtime"), PYTHONUNBUFFERED: "1" },
    });
    if (child.pid) activeRunners.set(child.pid, pidFile);
    let stderr = "";
    let timedOut = false;
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-20000);
    });
    let pending = "";
    child.stdout.on("data", (chunk) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onProgress?.(line.trim());
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, hardLimitMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (child.pid) activeRunners.delete(child.pid);
      resolvePromise({ code, signal, stderr, timedOut });
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      resolvePromise({ code: null, signal: null, stderr: `could not start ${python}: ${error.message}`, timedOut });
    });
  });
}

/** The kernel runs in its own session; make sure it does not outlive its runner. @param {string} pidFile */
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
