// Running notebooks on the real kernels from JavaScript (the kernel tests):
// scripts/run_notebook.py, the autograder's runner on the registered kernel, in the
// project's Python environment.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fromRoot, repoRoot, venvPython } from "./paths.mjs";
import { jupyterEnv } from "./jupyter-env.mjs";

/** A minimal nbformat 4 notebook for the TypeScript kernel, one code cell per source. */
export function makeNotebook(sources) {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: sources.map((source, index) => ({
      cell_type: "code",
      id: `cell-${index}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source,
    })),
  };
}

/**
 * Executes `notebook` (an nbformat object) and resolves to
 * `{ notebook, status, stderr }`: the executed notebook, run_notebook.py's exit
 * status (0 ran, 1 a cell failed without allowErrors, 2 kernel died or the run stopped,
 * 4 a cell ran out of time and was interrupted, the rest ran) and what it printed to stderr.
 * With `replies`, also `cells`: each cell's run by index ({ seconds, status, reply }: the
 * kernel's reply status, "aborted" for a cell it did not run).
 * `notebookTimeout` (s) bounds the cells together (default: a day); `memoryMb` stops a kernel over that resident
 * memory and `heapMb` is its JavaScript heap limit (default: neither, node's own heap).
 * With `onCell`, it is called as each code cell starts and ends: { kind: "start" | "end", index
 * (from 0), limit (the cell's time limit, in s), status (at the end: "ok", "error", "timeout") }.
 */
export function runHeadless(notebook, { cwd = repoRoot, allowErrors = true, timeout = 120, notebookTimeout, kernel, memoryMb, heapMb, replies = false, onCell } = {}) {
  const args = [fromRoot("scripts", "run_notebook.py"), "-", "--cwd", cwd, "--timeout", String(timeout)];
  const repliesDir = replies ? fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-replies-")) : undefined;
  if (repliesDir) args.push("--replies", path.join(repliesDir, "cells.json"));
  if (allowErrors) args.push("--allow-errors");
  if (kernel) args.push("--kernel", kernel);
  if (memoryMb) args.push("--memory-mb", String(memoryMb));
  if (heapMb) args.push("--heap-mb", String(heapMb));
  if (notebookTimeout) args.push("--notebook-timeout", String(notebookTimeout));
  if (onCell) args.push("--cell-events", "3");
  return new Promise((resolve, reject) => {
    const child = spawn(venvPython, args, { cwd, env: jupyterEnv(), stdio: ["pipe", "pipe", "pipe", ...(onCell ? ["pipe"] : [])] });
    if (onCell) {
      let pending = "";
      child.stdio[3].setEncoding("utf8");
      child.stdio[3].on("data", (chunk) => {
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop();
        for (const line of lines) {
          const [kind, index, limit, status] = line.split("\t");
          if (kind === "start" || kind === "end") onCell({ kind, index: Number(index), limit: Number(limit), status });
        }
      });
    }
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      const err = Buffer.concat(stderr).toString("utf8");
      const out = Buffer.concat(stdout).toString("utf8");
      if (![0, 1, 2, 4].includes(status)) {
        reject(new Error(`run_notebook.py exited with status ${status}:\n${err}`));
        return;
      }
      try {
        const run = { notebook: JSON.parse(out), status, stderr: err };
        if (repliesDir) run.cells = JSON.parse(fs.readFileSync(path.join(repliesDir, "cells.json"), "utf8"));
        resolve(run);
      } catch (error) {
        reject(new Error(`run_notebook.py wrote no notebook (${error.message}):\n${err}`));
      } finally {
        if (repliesDir) fs.rmSync(repliesDir, { recursive: true, force: true });
      }
    });
    child.stdin.end(JSON.stringify(notebook));
  });
}

/** nbformat stores multi-line strings as lists of lines; this gives the string. */
export const joinText = (value) => (Array.isArray(value) ? value.join("") : value);
