// The home folder Jupyter is given (scripts/lib/home-folder.mjs, scripts/lib/jupyter-env.mjs): where
// none is known (HOME not set, for a user the system does not list: a container's), JupyterLab's start
// printed a Node.js stack trace ("uv_os_homedir returned ENOENT") and a Python asking Jupyter for the
// home folder stops at "Could not determine home directory".
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { venvPython } from "../../scripts/lib/paths.mjs";

const withoutHome = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "HOME"));

test("with no home folder known, Jupyter is given a folder of the user's own as its home, which its Python and its Node.js programs find", () => {
  const env = jupyterEnv(withoutHome(), undefined);
  assert.ok(env.HOME, "a home folder is given");
  const info = fs.statSync(env.HOME);
  assert.ok(info.isDirectory());
  assert.equal(info.uid, process.getuid?.());
  assert.equal(info.mode & 0o077, 0, "the user's alone");
  const python = spawnSync(venvPython, ["-c", "from jupyter_core.paths import get_home_dir; print(get_home_dir())"], { env, encoding: "utf8" });
  assert.equal(python.stdout.trim(), fs.realpathSync(env.HOME), python.stderr);
  const node = spawnSync(process.execPath, ["-p", "require('os').homedir()"], { env, encoding: "utf8" });
  assert.equal(node.stdout.trim(), env.HOME, node.stderr);
  assert.equal(jupyterEnv(withoutHome(), undefined).HOME, env.HOME, "the same folder at each start");
});

test("a home folder that is known is Jupyter's: HOME when set, else the one the system lists", () => {
  assert.equal(jupyterEnv({ ...withoutHome(), HOME: "/home/someone" }, "/home/listed").HOME, "/home/someone");
  assert.equal(jupyterEnv(withoutHome(), "/home/listed").HOME, "/home/listed");
});
