// The project's Python environment (.venv) with the packages of requirements.txt.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defaultVenvDir, fromRoot, jupyterDataDir, repoRoot, venvDir, venvPython } from "../lib/paths.mjs";
import { capture, mustRun, SetupError } from "../lib/run.mjs";
import { hashFiles, readStamp, writeStamp } from "../lib/stamps.mjs";
import { relocateVenv } from "./venv-relocation.mjs";

export const MIN_PYTHON = [3, 10];

const isDefaultVenv = () => venvDir === defaultVenvDir;

// One stamp per environment, so switching NEURAL_MI_VENV back and forth stays correct.
const stampName = () =>
  "python-" + createHash("sha256").update(venvDir).digest("hex").slice(0, 12);

// jsonschema, which nbformat and jupyter_events import, imports rfc3987_syntax when it is
// installed (jupyter_events' dependencies install it) only to check "iri" formats, which no
// notebook or Jupyter schema here uses, and that import builds a parser: 3–4 s of CPU in every
// Python process that reads a notebook (jupyter lab, nbgrader, each notebook the autograder
// runs). This .pth file, read as the environment's Python starts, leaves the module out.
const SKIP_IRI_PARSER_FILE = "neural_mi_course.pth";
const SKIP_IRI_PARSER =
  "# neural-mi course (scripts/setup/python-env.mjs): jsonschema's optional iri check is left out; importing it costs 3-4 s of CPU per process\n" +
  'import sys; sys.modules.setdefault("rfc3987_syntax", None)\n';

// Every Python of the environment imports nbgrader through this module of the course's, copied into the environment's
// packages and installed by the .pth file: nbgrader's own files, without the imports none of its commands needs to
// start (its Jupyter server extensions, setuptools), loaded when used: about 0.3 s of CPU less a process.
const NBGRADER_START_SOURCE = fromRoot("autograder", "src", "nbgrader", "nbgrader_start.py");
const NBGRADER_START_MODULE = "neural_mi_nbgrader_start";
const NBGRADER_START =
  "# neural-mi course (autograder/src/nbgrader/nbgrader_start.py): nbgrader is imported without its server extensions and setuptools, loaded when used\n" +
  `import ${NBGRADER_START_MODULE}; ${NBGRADER_START_MODULE}.install()\n`;

const inputsHash = () => hashFiles([fromRoot("requirements.txt"), NBGRADER_START_SOURCE], venvDir + SKIP_IRI_PARSER + NBGRADER_START);

const fixPython =
  "install Python 3.10 or newer with its venv module (Debian/Ubuntu: `sudo apt install python3 python3-venv`), " +
  "or set PYTHON to a suitable interpreter, or use conda: `conda env create -f environment.yml`, " +
  "`conda activate neural-mi-course`, then `NEURAL_MI_VENV=$CONDA_PREFIX npm start`";

function pythonVersion(python) {
  const result = capture(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]);
  return result.ok ? result.stdout.trim().split(".").map(Number) : null;
}

function findBasePython() {
  const python = process.env.PYTHON || (process.platform === "win32" ? "python" : "python3");
  const version = pythonVersion(python);
  if (!version) {
    throw new SetupError(`no working Python found (tried \`${python}\`)`, { fix: fixPython });
  }
  const [major, minor] = version;
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    throw new SetupError(
      `${python} is Python ${version.join(".")}, too old: JupyterLab 4 needs Python ${MIN_PYTHON.join(".")} or newer`,
      { fix: fixPython },
    );
  }
  const venvOk = capture(python, ["-c", "import venv, ensurepip"]);
  if (!venvOk.ok) {
    throw new SetupError(`${python} cannot create virtual environments (its venv/ensurepip module is missing)`, {
      fix: fixPython,
    });
  }
  return python;
}

function createVenv() {
  // Never clear a folder we did not make: NEURAL_MI_VENV may name a conda environment.
  if (!isDefaultVenv() && fs.existsSync(venvDir)) {
    throw new SetupError(`NEURAL_MI_VENV=${venvDir} exists but has no working Python at ${venvPython}`, {
      fix: "point NEURAL_MI_VENV at a working environment (for conda: $CONDA_PREFIX) or at a new folder, or unset it to use .venv",
    });
  }
  refuseUnreachableBase();
  const python = findBasePython();
  // --clear replaces a broken environment (for example one made by a Python since removed).
  mustRun(`creating ${venvDir}`, python, ["-m", "venv", "--clear", venvDir], { fix: fixPython });
}

/**
 * An environment whose Python exists but that this account cannot run (made by another account,
 * its base Python in that account's home) is not broken: clearing it would take it from the
 * account that made it, and the fix is not to install Python.
 */
function refuseUnreachableBase() {
  if (!fs.existsSync(venvDir)) return;
  let target;
  try {
    target = fs.realpathSync(venvPython);
  } catch (error) {
    if (error.code !== "EACCES") return; // gone (a Python since removed): --clear remakes it
    target = venvPython;
  }
  try {
    fs.accessSync(target, fs.constants.X_OK);
  } catch (error) {
    if (error.code !== "EACCES") return;
    throw new SetupError(`${venvPython} (its Python: ${target}) exists but this account cannot run it (permission denied); it was made by another account`, {
      fix: "run the set-up as the account that made the environment, or give this account an environment of its own: `NEURAL_MI_VENV=<a new folder> npm start`",
    });
  }
}

/**
 * pip's environment for installing into the project's environment, whatever the user's pip settings
 * say of installs elsewhere: `user = true` in a pip.conf, or PIP_USER=1 (advice often given to avoid
 * `sudo pip`), stopped the set-up at "Can not perform a '--user' install. User site-packages are not
 * visible in this virtualenv."; PIP_TARGET, PIP_PREFIX or PIP_ROOT would install outside it.
 * @param {NodeJS.ProcessEnv} [base]
 */
export function pipEnv(base = process.env) {
  const env = { ...base, PIP_REQUIRE_VIRTUALENV: "0", PYTHONNOUSERSITE: "1", PIP_USER: "0" };
  for (const name of ["PIP_TARGET", "PIP_PREFIX", "PIP_ROOT"]) delete env[name];
  return env;
}

function installRequirements() {
  mustRun(
    "pip install -r requirements.txt",
    venvPython,
    ["-m", "pip", "install", "--disable-pip-version-check", "--quiet", "-r", fromRoot("requirements.txt")],
    {
      fix: "read pip's output above; without network access to PyPI the packages cannot be installed",
      env: pipEnv(),
    },
  );
  const plotlyExtension = path.join(jupyterDataDir, "labextensions", "jupyterlab-plotly");
  if (!fs.existsSync(plotlyExtension)) {
    throw new SetupError(`the plotly JupyterLab extension is missing from ${path.relative(repoRoot, plotlyExtension)}`, {
      fix: "check that requirements.txt lists plotly (version 5.12 or newer ships the extension)",
    });
  }
}

function packagesDir() {
  const purelib = capture(venvPython, ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]);
  if (!purelib.ok) throw new SetupError(`could not ask ${venvPython} where its packages go`, { fix: "recreate the environment: remove .venv and run the command again" });
  return purelib.stdout.trim();
}

/** The .pth file read as each Python of the environment starts, and the module it installs (compiled: it is read by every one). */
function writeStartFiles(/** @type {string} */ packages) {
  const module = path.join(packages, NBGRADER_START_MODULE + ".py");
  fs.copyFileSync(NBGRADER_START_SOURCE, module);
  mustRun("compiling " + path.basename(module), venvPython, ["-m", "py_compile", module], { fix: "recreate the environment: remove .venv and run the command again" });
  fs.writeFileSync(path.join(packages, SKIP_IRI_PARSER_FILE), SKIP_IRI_PARSER + NBGRADER_START);
}

export function ensurePythonEnv() {
  // the course's folder moved or renamed since the environment was made: its programs named the old place
  const movedFrom = isDefaultVenv() ? relocatedFrom() : undefined;
  const hash = inputsHash();
  const venvWorks = fs.existsSync(venvPython) && pythonVersion(venvPython) !== null;
  if (venvWorks && readStamp(stampName()) === hash) return "ok";

  const label = isDefaultVenv() ? ".venv" : venvDir;
  let did = `updated ${label} from requirements.txt`;
  if (!venvWorks) {
    createVenv();
    did = `created ${label} and installed requirements.txt`;
  }
  installRequirements();
  writeStartFiles(packagesDir());
  writeStamp(stampName(), hash);
  return movedFrom && venvWorks ? `${did} (moved from ${movedFrom}: its programs now name ${label})` : did;
}

/** Where .venv was made when that is not where it is now (its programs' paths then rewritten); else undefined. */
function relocatedFrom() {
  if (!fs.existsSync(venvDir)) return undefined;
  try {
    return relocateVenv(venvDir);
  } catch (error) {
    throw new SetupError(`.venv was made in another folder, and its programs could not be given its new place (${error.message})`, {
      fix: "delete .venv and run the command again: it is made anew here",
    });
  }
}
