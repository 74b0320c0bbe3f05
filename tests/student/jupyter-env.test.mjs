// The environment the course's Jupyter commands run in (scripts/lib/jupyter-env.mjs): what a student's
// shell sets for Jupyter does not reach them where it would undo the course's settings.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvPython } from "../../scripts/lib/paths.mjs";

test("JUPYTER_NO_CONFIG in the student's shell does not keep the course's settings (jupyter/student) from Jupyter", () => {
  const studentSettings = fromRoot("jupyter", "student");
  const env = { ...jupyterEnv({ ...process.env, JUPYTER_NO_CONFIG: "1" }), JUPYTER_CONFIG_PATH: studentSettings };
  const run = spawnSync(venvPython, ["-c", "import json; from jupyter_core.paths import jupyter_config_path; print(json.dumps(jupyter_config_path()))"], { env, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(JSON.parse(run.stdout).includes(studentSettings), run.stdout);
});
