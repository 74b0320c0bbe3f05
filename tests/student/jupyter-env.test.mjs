// The environment the course's Jupyter commands run in (scripts/lib/jupyter-env.mjs): what a student's
// shell sets for Jupyter does not reach them where it would undo the course's settings.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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

test("the Validate button reads the course's nbgrader settings, not an nbgrader_config.py in the folder its server started in (her workspace)", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-validate-config-"));
  // one from nbgrader's own guide, or written to make Validate say "Success": it set what the button checked
  fs.writeFileSync(path.join(home, "nbgrader_config.py"), "c = get_config()\nc.Validator.ignore_checksums = True\nc.ConfinedKernelManager.confine_validate = True\n");
  const script = `
import json, os, sys
from traitlets.config.loader import PyFileConfigLoader
PyFileConfigLoader("jupyter_server_config.py", path=sys.argv[1]).load_config()
from nbgrader.server_extensions.validate_assignment.handlers import ValidateAssignmentHandler
config = ValidateAssignmentHandler.load_config(None)
print(json.dumps({"ignore": config.Validator.get("ignore_checksums"), "confine": config.ConfinedKernelManager.get("confine_validate")}))`;
  const doors = [
    { settings: fromRoot("jupyter", "student"), env: { ...jupyterEnv(), JUPYTER_CONFIG_PATH: fromRoot("jupyter", "student") } },
    {
      settings: fromRoot("hub", "student"),
      env: { ...jupyterEnv(), JUPYTER_CONFIG_PATH: fromRoot("hub", "student"), JUPYTER_CONFIG_DIR: fromRoot("hub", "student"), JUPYTERHUB_USER: "ana", NEURAL_MI_HUB_COURSE_ID: "c", NEURAL_MI_HUB_EXCHANGE: home },
    },
  ];
  try {
    for (const { settings, env } of doors) {
      const run = spawnSync(venvPython, ["-c", script, settings], { cwd: home, env, encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1)), { ignore: null, confine: false }, settings);
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test("the Validate button's kernel, unconfined on the student's door, has grading's JavaScript heap limit", () => {
  // node's own heap follows the machine's memory (4 GB on a machine of 16 GB): a notebook holding 2 to 3 GB of objects was
  // "Success" under the button and ran out of heap in grading (2048 MB, two thirds of memory_mb); the command is read, no kernel started
  const script = `
import asyncio, json, os, sys
sys.path[:0] = [sys.argv[1] + "/autograder/src/nbgrader", sys.argv[1] + "/autograder/src/execute"]
os.environ["NBGRADER_EXECUTION"] = "validate"
from confined_kernels import ConfinedKernelManager
manager = ConfinedKernelManager(kernel_name="tslab", confine_validate=False)
command, _ = asyncio.run(manager._async_pre_start_kernel())
manager.cleanup_connection_file()
print(json.dumps(command))`;
  const run = spawnSync(venvPython, ["-c", script, fromRoot()], { env: jupyterEnv(), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const command = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.ok(command.includes("--max-old-space-size=2048"), `the button's kernel starts as ${command.join(" ")}`);
  assert.ok(!command.some((part) => part.startsWith("--permission") || part.startsWith("--experimental-permission")), "and unconfined, as the student's own code");
});
