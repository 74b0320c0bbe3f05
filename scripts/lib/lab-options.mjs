// JupyterLab's own options that choose the folder it opens. npm start opens the workspace, which it
// fills, updates, keeps a copy of and guards against a second JupyterLab: a `--notebook-dir <dir>`
// passed on to JupyterLab (as `jupyter lab` takes it) came after the workspace's and won, and the
// student's work went to a folder none of that covers.
import fs from "node:fs";
import path from "node:path";

const ROOT_OPTIONS = ["--notebook-dir", "--ServerApp.root_dir", "--ServerApp.notebook_dir", "--NotebookApp.notebook_dir"];
// any class's root_dir or notebook_dir: the contents manager's (`--FileContentsManager.root_dir`, `--ContentsManager.root_dir`,
// which its subclasses, JupyterLab's own included, take) served another folder while npm start opened the workspace
const isRootOption = (name) => ROOT_OPTIONS.some((option) => option.toLowerCase() === name.toLowerCase()) || /^--[\w.]+\.(root_dir|notebook_dir)$/i.test(name);

// JupyterLab's short options that take a value (`--port 8899`), as its LabApp.aliases name them
// (`--watch` is both an option and a flag: traitlets then takes the word after it as its value); the
// others are flags that take none (`--no-browser`), and a word after one of them is given alone. A
// `--Class.trait` option without `=` takes the word after it (`--ServerApp.port 8899`).
const VALUE_OPTIONS = new Set(["app-dir", "browser", "certfile", "client-ca", "config", "ip", "keyfile", "log-level", "notebook-dir", "port", "port-retries", "pylab", "watch"]);

/** Whether `arg`, one of JupyterLab's options, takes the word after it as its value. */
export function takesValue(arg) {
  if (!arg.startsWith("-") || arg.includes("=")) return false;
  const name = arg.replace(/^--?/, "");
  return name.includes(".") || VALUE_OPTIONS.has(name.toLowerCase());
}

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
    if (isRootOption(name)) return arg.includes("=") || args[i + 1] === undefined ? arg : `${arg} ${args[i + 1]}`;
    // the value of an option that takes one (`--port 8899`) is not a folder given alone; a word
    // after a flag, which takes none (`--no-browser my-dir`), is
    if (takesValue(arg)) {
      i += 1;
      continue;
    }
    if (!arg.startsWith("-") && fs.statSync(path.resolve(cwd, arg), { throwIfNoEntry: false })?.isDirectory()) return arg;
  }
  return undefined;
}
