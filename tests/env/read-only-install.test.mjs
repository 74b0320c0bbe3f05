// A course installed where its user cannot write (a lab's shared copy, another user's checkout):
// JupyterLab's connection files go to a folder of the user's own, and a workspace that cannot be
// made there says to keep the work elsewhere. JupyterLab stopped with a PermissionError on the
// environment's runtime folder even with --workspace given.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { jupyterRuntimeDir } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-read-only-"));
const mounted = [];
after(() => {
  for (const point of mounted) spawnSync("umount", ["-l", point]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A folder its user cannot write: mounted read-only as root (root writes through modes), else mode 0555. */
function readOnlyFolder(name) {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  if (process.getuid() === 0) {
    const bind = spawnSync("mount", ["--bind", dir, dir]);
    const remount = spawnSync("mount", ["-o", "remount,bind,ro", dir]);
    assert.equal(bind.status, 0, String(bind.stderr));
    assert.equal(remount.status, 0, String(remount.stderr));
    mounted.push(dir);
  } else fs.chmodSync(dir, 0o555);
  return dir;
}

test("where the environment's runtime folder cannot be written, Jupyter's connection files go to a folder only the user can open, the same each time", () => {
  const data = readOnlyFolder("share-jupyter");
  const runtimeParent = fs.mkdtempSync(path.join(scratch, "xdg-"));
  const env = { XDG_RUNTIME_DIR: runtimeParent };
  const dir = jupyterRuntimeDir(data, env);
  assert.equal(path.dirname(dir), runtimeParent);
  const info = fs.statSync(dir);
  assert.equal(info.mode & 0o777, 0o700);
  assert.equal(info.uid, process.getuid());
  assert.equal(jupyterRuntimeDir(data, env), dir, "the same folder again: `jupyter server list` finds the user's servers");
  // a folder of that name open to others (made by someone else first) is not used
  fs.chmodSync(dir, 0o777);
  const fresh = jupyterRuntimeDir(data, env);
  assert.notEqual(fresh, dir);
  assert.equal(fs.statSync(fresh).mode & 0o777, 0o700);
  // a writable environment keeps its own folder
  const writable = fs.mkdtempSync(path.join(scratch, "writable-"));
  assert.equal(jupyterRuntimeDir(writable, env), path.join(writable, "runtime"));
});

test("a workspace that cannot be made says to keep the work in a folder of one's own", () => {
  const locked = readOnlyFolder("checkout");
  const run = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", path.join(locked, "my-work"), "--no-browser"], { encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 2, run.stderr);
  // a --workspace was given: the advice is to give another, not the one it gave
  assert.match(run.stderr, /my-work cannot be written by you: give a folder of your own to --workspace/);
});
