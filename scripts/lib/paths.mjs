// Where things live in the repository, and which Python environment the project uses.
// The one place that knows: scripts, the autograder, the bench and the tests resolve
// paths from here, so they work whatever the current directory is, and all of them
// honour NEURAL_MI_VENV.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** @param {string[]} parts */
export const fromRoot = (...parts) => path.join(repoRoot, ...parts);

/**
 * The folder the user typed the command in: npm runs a script from the repository's root and names that
 * folder in INIT_CWD; a command started by its path runs where it was started, whatever INIT_CWD an
 * outer npm (`npm test`, a script that runs another) left in its environment.
 */
export const typedIn = () => (process.env.INIT_CWD && path.resolve(process.cwd()) === repoRoot ? process.env.INIT_CWD : process.cwd());

/** Whether the path `child` is `parent` or lies inside it (by their names: resolve links first where they matter). @param {string} child @param {string} parent */
export const isInside = (child, parent) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

// The Python environment holding JupyterLab, nbgrader and nbclient. A conda
// environment made from environment.yml can stand in for it: NEURAL_MI_VENV=$CONDA_PREFIX.
export const defaultVenvDir = fromRoot(".venv");
export const venvDir = process.env.NEURAL_MI_VENV ? path.resolve(process.env.NEURAL_MI_VENV) : defaultVenvDir;

const exe = process.platform === "win32" ? ".exe" : "";

/** The environment's folder of programs (put first on PATH for tools that call others by name). */
export const venvBinDir = path.join(venvDir, process.platform === "win32" ? "Scripts" : "bin");
/** @param {string} name */
export const venvBin = (name) => path.join(venvBinDir, name + exe);
export const venvPython = venvBin("python");

/**
 * The Python that runs notebooks: the environment's, or NEURAL_MI_PYTHON when set (a single
 * interpreter, e.g. to test how the autograder reports a Python that fails).
 */
export function projectPython() {
  return process.env.NEURAL_MI_PYTHON || environmentPython();
}

/** The environment's Python, which runs nbgrader. Throws, naming the fix, when the environment has none. */
export function environmentPython() {
  if (!fs.existsSync(venvPython)) {
    const which = process.env.NEURAL_MI_VENV ? `NEURAL_MI_VENV=${process.env.NEURAL_MI_VENV} has no Python at ${venvPython}` : `${venvPython} is missing`;
    throw new Error(
      `the project's Python environment is not there (${which}): run \`npm start\` or \`npm test\` once to set it up` +
        (process.env.NEURAL_MI_VENV ? ", or point NEURAL_MI_VENV at an environment made from environment.yml (for conda: $CONDA_PREFIX)" : ""),
    );
  }
  return venvPython;
}
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
