// The temporary folder full ($TMPDIR, else /tmp: a small tmpfs, a shared machine's), where npm start
// writes the course's chapters before it copies them into the workspace and validate runs the
// notebooks: npm start said the workspace's disk was full (and to move the workspace, which would not
// have helped), validate printed a Python traceback and "wrote no notebook (Unexpected end of JSON
// input)". Both now name the temporary folder and TMPDIR (scripts/lib/full-disk.mjs).
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { copyCourseNotebooks } from "./helpers.mjs";
import { updateWorkspace } from "../../scripts/lib/workspace.mjs";

let root;
let full;
let workspace;
let mounted = false;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-full-temp-"));
  const course = path.join(root, "course");
  copyCourseNotebooks(course);
  workspace = path.join(root, "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  // a disk of 256 KB of its own, filled (CI runs as root, which may mount one)
  full = path.join(root, "tmp");
  fs.mkdirSync(full);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k", "neural-mi-full-temp", full]);
  mounted = true;
  try {
    fs.writeFileSync(path.join(full, "filler"), Buffer.alloc(512 * 1024));
  } catch (error) {
    if (error.code !== "ENOSPC") throw error;
  }
});
after(() => {
  if (mounted) spawnSync("umount", ["-l", full]);
  fs.rmSync(root, { recursive: true, force: true });
});

const run = (args) =>
  spawnSync(process.execPath, args, {
    encoding: "utf8",
    env: { ...process.env, TMPDIR: full, NEURAL_MI_KEPT_WORK: path.join(root, "kept") },
    timeout: 120_000,
  });

test("npm start names the full temporary folder and TMPDIR, not the workspace's disk", () => {
  const start = run([fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser"]);
  assert.equal(start.status, 2, start.stderr);
  assert.match(start.stderr, new RegExp(`the temporary folder ${full} is full .*TMPDIR=<folder> npm start`));
  assert.doesNotMatch(start.stderr, /the disk holding the workspace/);
});

test("validate names the full temporary folder and TMPDIR", () => {
  const chapter = fs.readdirSync(workspace).filter((file) => file.endsWith(".ipynb")).sort()[0];
  const validate = run([fromRoot("scripts", "validate.mjs"), path.join(workspace, chapter)]);
  assert.equal(validate.status, 2, validate.stdout + validate.stderr);
  assert.match(validate.stderr, new RegExp(`${chapter} could not be run: the temporary folder ${full} is full .*TMPDIR=<folder> npm run validate`));
});

test("a TMPDIR naming a folder that does not exist is named by npm start, before it makes the workspace, and by validate", () => {
  const gone = path.join(root, "gone", "tmp");
  const env = { ...process.env, TMPDIR: gone, NEURAL_MI_KEPT_WORK: path.join(root, "kept") };
  const fresh = path.join(root, "fresh-work");
  const start = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", fresh, "--no-browser"], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(start.status, 2, start.stderr);
  assert.match(start.stderr, new RegExp(`lab: the temporary folder ${gone}, named by TMPDIR, does not exist, .*unset TMPDIR, or set it to a folder of your own: TMPDIR=<folder> npm start`));
  assert.equal(fs.existsSync(fresh), false, "no workspace made");
  const chapter = fs.readdirSync(workspace).filter((file) => file.endsWith(".ipynb")).sort()[0];
  const validate = spawnSync(process.execPath, [fromRoot("scripts", "validate.mjs"), path.join(workspace, chapter)], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(validate.status, 2, validate.stdout + validate.stderr);
  assert.match(validate.stderr, new RegExp(`validate: the temporary folder ${gone}, named by TMPDIR, does not exist, .*TMPDIR=<folder> npm run validate`));
});
