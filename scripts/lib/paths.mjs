// Where things live in the repository. Every script resolves paths from here,
// so they work whatever the current directory is.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const fromRoot = (...parts) => path.join(repoRoot, ...parts);

// The Python environment holding JupyterLab, nbgrader and nbclient. A conda
// environment made from environment.yml can stand in for it: NEURAL_MI_VENV=$CONDA_PREFIX.
export const venvDir = process.env.NEURAL_MI_VENV
  ? path.resolve(process.env.NEURAL_MI_VENV)
  : fromRoot(".venv");

const binDir = process.platform === "win32" ? "Scripts" : "bin";
const exe = process.platform === "win32" ? ".exe" : "";

export const venvBin = (name) => path.join(venvDir, binDir, name + exe);
export const venvPython = venvBin("python");
export const venvJupyter = venvBin("jupyter");

export const jupyterDataDir = path.join(venvDir, "share", "jupyter");
export const jupyterConfigDir = path.join(venvDir, "etc", "jupyter");
export const kernelSpecDir = path.join(jupyterDataDir, "kernels", "tslab");

// Stamps recording what the set-up last did (content hashes), git-ignored.
export const stampDir = fromRoot(".setup");

export const tslabBin = fromRoot("node_modules", "tslab", "bin", "tslab");
/** Loaded first by the course's kernel: freezes its realm (lib/kernel/harden.cjs). */
export const hardenKernelModule = fromRoot("lib", "kernel", "harden.cjs");
export const tscBin = fromRoot("node_modules", "typescript", "bin", "tsc");
export const notebooksDir = fromRoot("notebooks");
