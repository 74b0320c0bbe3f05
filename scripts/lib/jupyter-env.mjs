// The environment for every Jupyter process the project starts (JupyterLab, nbclient,
// nbgrader): the project's Python environment first, the user's own Jupyter
// configuration, kernels and extensions out of the way.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { homeFolder, homeForJupyter, privateFolder } from "./home-folder.mjs";
import { jupyterConfigDir, jupyterDataDir, venvBinDir, venvDir } from "./paths.mjs";

function writable(dir) {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where Jupyter writes its servers' and kernels' connection files: the environment's own
 * runtime folder, or, where the user cannot write there (a course installed read-only for a lab
 * of machines, a checkout of another user's), a folder of the user's own that only they can
 * open: JupyterLab stopped with a PermissionError on the environment's folder, even with the
 * workspace given elsewhere. The same folder every time, so that `jupyter server list` finds
 * the user's servers; one made afresh if another account holds that name.
 */
export function jupyterRuntimeDir(dataDir = jupyterDataDir, base = process.env) {
  const own = path.join(dataDir, "runtime");
  if (fs.existsSync(own) ? writable(own) : writable(dataDir)) return own;
  const parent = base.XDG_RUNTIME_DIR && writable(base.XDG_RUNTIME_DIR) ? base.XDG_RUNTIME_DIR : os.tmpdir();
  return privateFolder(parent, "neural-mi-jupyter-runtime");
}

/** @param {NodeJS.ProcessEnv} base @param {string | undefined} knownHome the home folder the system lists */
export function jupyterEnv(base = process.env, knownHome = homeFolder()) {
  const env = { ...base };
  // JUPYTER_NO_CONFIG (a student's shell, another project's habit) made Jupyter read none of the course's settings: the
  // instructor's tools shown, Validate without the course's checks
  for (const name of ["JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_RUNTIME_DIR", "JUPYTER_NO_CONFIG", "PYTHONHOME", "PYTHONPATH"]) {
    delete env[name];
  }
  return {
    ...env,
    VIRTUAL_ENV: venvDir,
    PATH: venvBinDir + path.delimiter + (env.PATH ?? ""),
    // a home folder Jupyter can use where none is known (a container's user the system does not list)
    HOME: homeForJupyter(base, knownHome).dir,
    JUPYTER_CONFIG_DIR: jupyterConfigDir,
    JUPYTER_DATA_DIR: jupyterDataDir,
    JUPYTER_RUNTIME_DIR: jupyterRuntimeDir(),
    JUPYTER_PREFER_ENV_PATH: "1",
    // jupyter_client also lists the kernels of IPython's folder, ~/.ipython by default, which it
    // makes: a home that cannot be written stopped every kernel's start ("Unhandled error")
    IPYTHONDIR: path.join(venvDir, "share", "ipython"),
    PYTHONNOUSERSITE: "1",
  };
}
