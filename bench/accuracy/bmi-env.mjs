// bmi (PyPI `benchmark-mi` 0.1.3, CPU JAX) in a virtual environment of its own, made on
// first use. It needs Python < 3.13 and installs cleanly only with jax/jaxlib 0.4.33
// (0.4.38 breaks its equinox, 0.4.20 breaks with current scipy), numpy < 2, pandas < 2 and
// pydantic < 2.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fromRoot } from "../../scripts/lib/paths.mjs";

/** The environment's folder; NEURAL_MI_BMI_VENV puts it elsewhere. */
export const BMI_VENV = process.env.NEURAL_MI_BMI_VENV ? path.resolve(process.env.NEURAL_MI_BMI_VENV) : fromRoot(".cache", "bmi-venv");
const REQUIREMENTS = ["benchmark-mi==0.1.3", "jax[cpu]==0.4.33", "jaxlib==0.4.33", "numpy<2", "pandas<2", "pydantic<2"];
const PYTHON_CANDIDATES = ["python3.12", "python3.11", "python3.10", "python3.9", "python3"];

function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim(), error: result.error };
}

function venvPython() {
  return path.join(BMI_VENV, "bin", "python");
}

function bmiVersion(python) {
  const probe = run(python, ["-c", "import bmi.estimators, jax; from importlib.metadata import version; print(version('benchmark-mi'), jax.__version__)"]);
  return probe.ok ? probe.output.split(/\s+/) : undefined;
}

/** A Python below 3.13 on the PATH, or undefined. */
function suitablePython() {
  for (const candidate of PYTHON_CANDIDATES) {
    const probe = run(candidate, ["-c", "import sys; print(sys.version_info[0] * 100 + sys.version_info[1])"]);
    if (probe.ok && Number(probe.output) >= 308 && Number(probe.output) < 313) return candidate;
  }
  return undefined;
}

/**
 * { python, version, jax } when bmi is usable (making the environment if needed), else
 * { reason } saying why not. `log` receives progress lines.
 */
export function ensureBmi(log = console.log) {
  if (fs.existsSync(venvPython())) {
    const versions = bmiVersion(venvPython());
    if (versions) return { python: venvPython(), version: versions[0], jax: versions[1] };
  }
  const python = suitablePython();
  if (!python) return { reason: "bmi needs Python 3.8–3.12 (its jax 0.4 wheels); none found on the PATH" };
  log(`bmi: making ${path.relative(fromRoot(), BMI_VENV)} with ${python} and installing ${REQUIREMENTS.join(" ")} (a few minutes, once)`);
  fs.rmSync(BMI_VENV, { recursive: true, force: true });
  const venv = run(python, ["-m", "venv", BMI_VENV]);
  if (!venv.ok) return { reason: `${python} -m venv failed: ${venv.output.split("\n").slice(-3).join(" ")}` };
  const install = run(venvPython(), ["-m", "pip", "install", "--quiet", ...REQUIREMENTS]);
  if (!install.ok) return { reason: `pip install of bmi failed: ${install.output.split("\n").slice(-3).join(" ")}` };
  const versions = bmiVersion(venvPython());
  if (!versions) return { reason: "bmi installed but does not import (python -c 'import bmi.estimators' fails)" };
  return { python: venvPython(), version: versions[0], jax: versions[1] };
}
