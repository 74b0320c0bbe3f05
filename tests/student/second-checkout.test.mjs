// npm start on a workspace that a JupyterLab of another checkout of the course still serves (a
// newer student edition started on the old edition's my-work/, as its README advises, while
// the old edition's JupyterLab is open): each checkout's Jupyter writes its servers' connection
// files in its own environment, so the start looks where the workspace says its servers were.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";
import { updateWorkspace } from "../../scripts/lib/workspace.mjs";
import { recordServingRuntime } from "../../scripts/lib/workspace-servers.mjs";

let root;
let workspace;
const chapters = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
// JupyterLab refuses this option at once: a start that gets past the workspace ends there
const startLab = (...args) =>
  spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser", "--ServerApp.port=not-a-port", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-second-checkout-"));
  workspace = path.join(root, "old edition", "my-work");
  updateWorkspace({ workspaceDir: workspace });
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("a start records, in the workspace, where its JupyterLab's connection file goes", () => {
  const run = startLab();
  assert.notEqual(run.status, 3, run.stderr);
  const recorded = JSON.parse(fs.readFileSync(path.join(workspace, ".course", "servers.json"), "utf8"));
  assert.equal(recorded[0], jupyterEnv().JUPYTER_RUNTIME_DIR);
});

test("a JupyterLab of another checkout serving the workspace stops the start before the workspace changes", () => {
  // the other checkout's environment, and its running server's connection file, as Jupyter writes it
  const otherRuntime = path.join(root, "old edition", ".venv", "share", "jupyter", "runtime");
  fs.mkdirSync(otherRuntime, { recursive: true });
  const token = "0123456789abcdef0123456789abcdef";
  const server = { pid: process.pid, url: "http://localhost:8765/", token, root_dir: workspace, base_url: "/", port: 8765 };
  fs.writeFileSync(path.join(otherRuntime, `jpserver-${process.pid}.json`), JSON.stringify(server));
  recordServingRuntime(workspace, otherRuntime);

  const chapter = path.join(workspace, chapters[0]);
  fs.rmSync(chapter);
  const run = startLab();
  assert.equal(run.status, 3, run.stderr);
  assert.match(run.stderr, new RegExp(`a JupyterLab is already running on .* open http://localhost:8765/lab\\?token=${token}`));
  assert.equal(fs.existsSync(chapter), false, "the workspace is not updated while another checkout's server runs on it");

  // that server gone (its connection file left behind, as after a crash): the start goes ahead
  const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  fs.writeFileSync(path.join(otherRuntime, `jpserver-${process.pid}.json`), JSON.stringify({ ...server, pid: Number(gone.stdout) }));
  const again = startLab();
  assert.notEqual(again.status, 3, again.stderr);
  assert.equal(fs.existsSync(chapter), true, "the chapter is put back once no server holds the workspace");
});
