// The environment's jupyter present but not runnable (its Python gone, a drive mounted without
// programs): scripts/lab.mjs died on node's unhandled "spawn … ENOENT", a stack trace naming no fix.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot, venvDir } from "../../scripts/lib/paths.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-lab-start-failure-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("a jupyter that cannot be run stops npm start with a message naming it and the fix, the workspace made and kept", () => {
  // an environment of the course's packages (its Python and libraries), whose jupyter names a Python that is gone
  const env = path.join(root, "env");
  const real = fs.realpathSync(venvDir);
  fs.mkdirSync(path.join(env, "bin"), { recursive: true });
  fs.copyFileSync(path.join(real, "pyvenv.cfg"), path.join(env, "pyvenv.cfg"));
  fs.symlinkSync(path.join(real, "lib"), path.join(env, "lib"));
  fs.symlinkSync(fs.realpathSync(path.join(real, "bin", "python")), path.join(env, "bin", "python"));
  fs.writeFileSync(path.join(env, "bin", "jupyter"), "#!/a/python/since/removed\n", { mode: 0o755 });
  const workspace = path.join(root, "my-work");
  const run = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser"], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NEURAL_MI_VENV: env, NEURAL_MI_KEPT_WORK: path.join(root, "kept") },
  });
  assert.equal(run.status, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /^lab: JupyterLab could not be started: .*env\/bin\/jupyter cannot be run \(ENOENT\); NEURAL_MI_VENV=.* is not a working environment/m);
  assert.doesNotMatch(run.stderr, /at ChildProcess|Unhandled 'error' event/, "no stack trace");
  assert.ok(fs.existsSync(path.join(workspace, ".course", "delivered.json")), "the workspace made");
});
