// JupyterLab's own options that choose the folder it opens. npm start opens the workspace, which it
// fills, updates, keeps a copy of and guards against a second JupyterLab: a `--notebook-dir <dir>`
// passed on to JupyterLab (as `jupyter lab` takes it) came after the workspace's and won, and the
// student's work went to a folder none of that covers.
import fs from "node:fs";
import path from "node:path";

const ROOT_OPTIONS = ["--notebook-dir", "--ServerApp.root_dir", "--ServerApp.notebook_dir", "--NotebookApp.notebook_dir"];

/**
 * The first of `args` (those npm start passes on to JupyterLab) that chooses JupyterLab's folder: a
 * root option, or a folder given alone (`jupyter lab <dir>` opens it); undefined when none does.
 * @param {string[]} args
 * @param {string} cwd where relative folders are taken from
 */
export function folderChoosingArg(args, cwd) {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const name = arg.split("=")[0];
    if (ROOT_OPTIONS.some((option) => option.toLowerCase() === name.toLowerCase())) return arg.includes("=") || args[i + 1] === undefined ? arg : `${arg} ${args[i + 1]}`;
    // a value of the option before it (`--port 8899`) is not a folder given alone
    const isValue = i > 0 && args[i - 1].startsWith("-") && !args[i - 1].includes("=");
    if (!arg.startsWith("-") && !isValue && fs.statSync(path.resolve(cwd, arg), { throwIfNoEntry: false })?.isDirectory()) return arg;
  }
  return undefined;
}
