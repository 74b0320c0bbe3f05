// The environment for every Jupyter process the project starts (JupyterLab, nbclient,
// nbgrader): the project's Python environment first, the user's own Jupyter
// configuration, kernels and extensions out of the way.
import path from "node:path";
import { jupyterConfigDir, jupyterDataDir, venvBinDir, venvDir } from "./paths.mjs";

export function jupyterEnv(base = process.env) {
  const env = { ...base };
  for (const name of ["JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_RUNTIME_DIR", "PYTHONHOME", "PYTHONPATH"]) {
    delete env[name];
  }
  return {
    ...env,
    VIRTUAL_ENV: venvDir,
    PATH: venvBinDir + path.delimiter + (env.PATH ?? ""),
    JUPYTER_CONFIG_DIR: jupyterConfigDir,
    JUPYTER_DATA_DIR: jupyterDataDir,
    JUPYTER_PREFER_ENV_PATH: "1",
    // jupyter_client also lists the kernels of IPython's folder, ~/.ipython by default, which it
    // makes: a home that cannot be written stopped every kernel's start ("Unhandled error")
    IPYTHONDIR: path.join(venvDir, "share", "ipython"),
    PYTHONNOUSERSITE: "1",
  };
}
