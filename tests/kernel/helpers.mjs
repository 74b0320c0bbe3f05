// Shared by the kernel tests: running a protocol-level session on the real kernel.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { joinText } from "../../scripts/lib/notebook.mjs";
import { repoRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs tests/kernel/kernel_session.py with `plan` (the kernel inherits `env`); resolves to its JSON result, with `stderr` (the kernel's own among it). */
export function kernelSession(plan, { cwd = repoRoot, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(venvPython, [path.join(here, "kernel_session.py")], { cwd, env: { ...jupyterEnv(), ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    child.on("error", reject);
    child.on("close", (status) => {
      if (status !== 0) return reject(new Error(`kernel_session.py exited with ${status}:\n${err}`));
      resolve({ ...JSON.parse(out), stderr: err });
    });
    child.stdin.end(JSON.stringify(plan));
  });
}

/**
 * Several plans run one after another on one kernel (kernel_session.py's "parts": a kernel start
 * less each): resolves to one { results, alive, stderr } per plan, `alive` read as its plan ended,
 * `stderr` the whole session's.
 */
export async function kernelSessionParts(plans, options) {
  const { parts, stderr } = await kernelSession({ parts: plans }, options);
  return parts.map((part) => ({ ...part, stderr }));
}

/** Outputs of one kind (stream name or output_type) in an executed cell. */
export const streams = (cell, name) =>
  cell.outputs.filter((o) => o.output_type === "stream" && o.name === name).map((o) => joinText(o.text)).join("");
export const errorsOf = (cell) => cell.outputs.filter((o) => o.output_type === "error");
export const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, "");
