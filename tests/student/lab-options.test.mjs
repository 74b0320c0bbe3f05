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
  // the contents manager's, which serves the files: JupyterLab had opened that folder, the workspace only its kernels'
  assert.equal(folderChoosingArg(["--FileContentsManager.root_dir=/tmp"], root), "--FileContentsManager.root_dir=/tmp");
  assert.equal(folderChoosingArg(["--ContentsManager.root_dir", "/tmp"], root), "--ContentsManager.root_dir /tmp");
  assert.equal(folderChoosingArg(["--AsyncLargeFileManager.root_dir=/tmp"], root), "--AsyncLargeFileManager.root_dir=/tmp");
  assert.equal(folderChoosingArg(["--ServerApp.root_dir_extra=/", "--LabApp.app_dir=/x"], root), undefined);
  assert.equal(folderChoosingArg(["my notes"], root), "my notes", "jupyter lab <dir> opens it");
  assert.equal(folderChoosingArg(["--no-browser", "--port", "8899", "--ServerApp.port_retries=0"], root), undefined);
  // the value of an option is not a folder given alone, even with a folder of its name
  assert.equal(folderChoosingArg(["--ServerApp.base_url", "my notes"], root), undefined);
  assert.equal(folderChoosingArg(["--preferred-dir=my notes"], root), undefined, "a folder inside JupyterLab's is fine");
});

test("a folder given alone is found whatever options come before it: after a flag, which takes no value, and after an option's value", () => {
  // `--no-browser` takes no value: the folder after it is given alone, and had passed as its value
  assert.equal(folderChoosingArg(["--no-browser", "my notes"], root), "my notes");
  assert.equal(folderChoosingArg(["--allow-root", "--debug", "my notes"], root), "my notes");
  assert.equal(folderChoosingArg(["-y", "my notes"], root), "my notes");
  assert.equal(folderChoosingArg(["--port", "8899", "--no-browser", "my notes"], root), "my notes");
  assert.equal(folderChoosingArg(["--port", "8899", "my notes"], root), "my notes");
  assert.equal(folderChoosingArg(["--ServerApp.port", "8899", "my notes"], root), "my notes");
  assert.equal(folderChoosingArg(["--port=8899", "my notes"], root), "my notes");
  // the words that are values of options taking one are not folders given alone
  assert.equal(folderChoosingArg(["--no-browser", "--ip", "my notes"], root), undefined);
  assert.equal(folderChoosingArg(["--log-level", "my notes", "--no-browser"], root), undefined);
  assert.equal(folderChoosingArg(["--ServerApp.token", "my notes", "--no-browser"], root), undefined);
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

  // npm start -- --no-browser <dir>: the folder after a flag that takes no value
  const alone = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser", "my notes", "--ServerApp.port=not-a-port"], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, INIT_CWD: root },
  });
  assert.equal(alone.status, 2, alone.stdout + alone.stderr);
  assert.match(alone.stderr, /^lab: my notes would open JupyterLab on another folder than your workspace, .*npm start -- --workspace <dir>/m);
  assert.ok(!fs.existsSync(workspace), "nothing made");
});
