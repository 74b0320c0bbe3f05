// `npm run validate` from a terminal while the workspace is open in JupyterLab: validate reads the
// notebooks as saved, and what the student typed since (JupyterLab saves every two minutes) was not
// checked, with nothing said: "I fixed it, and validate still fails".
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-validate-open-lab-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

// a notebook validate stops at before any kernel: not one of the course's chapters
const notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "markdown", id: "a", metadata: {}, source: "notes" }] };
const validate = (file) => spawnSync(process.execPath, [fromRoot("scripts", "validate.mjs"), file], { encoding: "utf8", timeout: 120_000 });

test("validate says, once, that the notebooks of a workspace a JupyterLab has open are checked as saved, and how to save them", async () => {
  const workspace = path.join(root, "my-work");
  fs.mkdirSync(path.join(workspace, ".course"), { recursive: true });
  for (const name of ["notes.ipynb", "more-notes.ipynb"]) fs.writeFileSync(path.join(workspace, name), JSON.stringify(notebook));
  // the npm start serving it: a lab.mjs that runs, holding the workspace
  const lab = path.join(root, "lab.mjs");
  fs.writeFileSync(lab, "setInterval(() => {}, 60_000);\n");
  const serving = spawn(process.execPath, [lab], { stdio: "ignore" });
  try {
    fs.writeFileSync(path.join(workspace, ".course", "lab.pid"), `${serving.pid}\n${os.hostname()}\n`);
    const run = spawnSync(process.execPath, [fromRoot("scripts", "validate.mjs"), path.join(workspace, "notes.ipynb"), path.join(workspace, "more-notes.ipynb")], { encoding: "utf8", timeout: 120_000 });
    const notes = run.stdout.match(/validate: note: a JupyterLab \(npm start\) has .*my-work open: validate checks the notebooks as saved on disk, .*save them first \(Ctrl-S\), or use the Validate button/g) ?? [];
    assert.equal(notes.length, 1, run.stdout + run.stderr);
  } finally {
    serving.kill();
    await new Promise((resolve) => serving.once("exit", resolve));
  }
  // once it has ended, nothing is said
  assert.doesNotMatch(validate(path.join(workspace, "notes.ipynb")).stdout, /has .* open/);
});
