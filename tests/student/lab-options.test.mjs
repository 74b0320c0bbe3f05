// JupyterLab's options that choose its folder, passed through npm start (scripts/lib/lab-options.mjs):
// `npm start -- --notebook-dir <dir>`, as `jupyter lab` takes it, won over the workspace, and the work
// went to a folder that npm start neither updates, keeps a copy of, nor guards.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { folderChoosingArg } from "../../scripts/lib/lab-options.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-lab-options-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));
fs.mkdirSync(path.join(root, "my notes"));

test("the options and the folder given alone that choose JupyterLab's folder are found; the others pass", () => {
  assert.equal(folderChoosingArg(["--notebook-dir=my notes"], root), "--notebook-dir=my notes");
  assert.equal(folderChoosingArg(["--no-browser", "--notebook-dir", "my notes"], root), "--notebook-dir my notes");
  assert.equal(folderChoosingArg(["--ServerApp.root_dir=/"], root), "--ServerApp.root_dir=/");
  assert.equal(folderChoosingArg(["--serverapp.ROOT_DIR=/"], root), "--serverapp.ROOT_DIR=/");
  assert.equal(folderChoosingArg(["my notes"], root), "my notes", "jupyter lab <dir> opens it");
  assert.equal(folderChoosingArg(["--no-browser", "--port", "8899", "--ServerApp.port_retries=0"], root), undefined);
  // the value of an option is not a folder given alone, even with a folder of its name
  assert.equal(folderChoosingArg(["--ServerApp.base_url", "my notes"], root), undefined);
  assert.equal(folderChoosingArg(["--preferred-dir=my notes"], root), undefined, "a folder inside JupyterLab's is fine");
});

test("npm start refuses them before it makes or changes anything, naming --workspace", () => {
  const workspace = path.join(root, "ws");
  const run = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser", "--notebook-dir", "my notes", "--ServerApp.port=not-a-port"], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, INIT_CWD: root },
  });
  assert.equal(run.status, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /^lab: --notebook-dir my notes would open JupyterLab on another folder than your workspace, .*npm start -- --workspace <dir>/m);
  assert.ok(!fs.existsSync(workspace), "nothing made");
});
