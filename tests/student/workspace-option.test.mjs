// `--workspace` given no folder: `npm start -- --workspace --no-browser` (the folder forgotten) made a
// folder named "--no-browser" where npm was run and served it as the workspace, and `--workspace=`
// (a shell variable that was empty) opened my-work/ as if no folder were named. Both are refused,
// naming the option's form, by npm start and validate alike (scripts/lib/workspace.mjs).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { chooseWorkspaceDir, takeWorkspaceOption } from "../../scripts/lib/workspace.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-workspace-option-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("--workspace followed by an option, or --workspace= with nothing, is refused naming the form", () => {
  assert.throws(() => takeWorkspaceOption(["--workspace", "--no-browser"]), /--workspace needs a folder, and --no-browser is an option: .*--workspace \.\/--no-browser/);
  assert.throws(() => takeWorkspaceOption(["--workspace="]), /--workspace= names no folder/);
  assert.deepEqual(takeWorkspaceOption(["--workspace", "./-odd", "--no-browser"]), { workspace: "./-odd", rest: ["--no-browser"] });
  assert.deepEqual(takeWorkspaceOption(["--workspace=work", "--port", "8899"]), { workspace: "work", rest: ["--port", "8899"] });
});

test("npm start and validate given --workspace --no-browser stop before any folder is made", () => {
  const env = { ...process.env, INIT_CWD: scratch, NEURAL_MI_KEPT_WORK: path.join(scratch, "kept") };
  for (const script of ["lab.mjs", "validate.mjs"]) {
    const run = spawnSync(process.execPath, [fromRoot("scripts", script), "--workspace", "--no-browser"], { cwd: scratch, env, encoding: "utf8", timeout: 60_000 });
    assert.equal(run.status, 2, `${script}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /--workspace needs a folder, and --no-browser is an option/);
    assert.deepEqual(fs.readdirSync(scratch), [], `${script} made no folder`);
  }
});

test("a workspace to be made whose name holds a character a terminal does not show (NEURAL_MI_WORKSPACE set by a line with Windows line ends) is refused before any folder is made", () => {
  const env = { ...process.env, INIT_CWD: scratch, NEURAL_MI_KEPT_WORK: path.join(scratch, "kept"), NEURAL_MI_WORKSPACE: path.join(scratch, "neural-mi-work\r") };
  const run = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--no-browser", "--ServerApp.port=not-a-port"], { cwd: scratch, env, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /the workspace ".*neural-mi-work\\r", named by NEURAL_MI_WORKSPACE, holds a character a terminal does not show \(it ends in a carriage return: .*Windows line ends/);
  assert.deepEqual(fs.readdirSync(scratch), [], "no folder made");
  // one that exists already is the student's, and taken
  const odd = path.join(scratch, "odd\nname");
  fs.mkdirSync(odd);
  assert.equal(chooseWorkspaceDir(odd, {}), odd);
  fs.rmdirSync(odd);
});
