// A workspace that is the student's own but write-protected (copied with its modes from a read-only
// place, or made read-only by her to keep it safe): npm start said "cannot be written by you: give a
// folder of your own to --workspace", and a start on another folder left her work behind. It now
// names the chmod that makes her workspace writable again.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { copyCourseNotebooks } from "./helpers.mjs";
import { updateWorkspace } from "../../scripts/lib/workspace.mjs";

let root;
let workspace;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-write-protected-"));
  const course = path.join(root, "course");
  copyCourseNotebooks(course);
  workspace = path.join(root, "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
});
after(() => {
  for (const folder of [workspace, path.join(workspace, ".course")]) fs.chmodSync(folder, 0o755);
  fs.rmSync(root, { recursive: true, force: true });
});

// as a user of no privilege who owns what this process owns (root's write bypasses the modes)
const namespace = ["--user", `--map-user=${process.getuid?.() === 0 ? 54321 : process.getuid?.()}`, "--map-group=54321"];
const startAsOwner = () =>
  spawnSync("unshare", [...namespace, process.execPath, fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser"], {
    encoding: "utf8",
    env: { ...process.env, NEURAL_MI_KEPT_WORK: path.join(root, "kept") },
    timeout: 60_000,
  });

test("a workspace of the student's own made read-only is named with the chmod that gives it back, not another folder", (t) => {
  if (spawnSync("unshare", [...namespace, "true"]).status !== 0) {
    // CI runs as root, where user namespaces are there: this is a machine that has none
    assert.fail("unshare cannot make a user namespace here: the check needs one");
  }
  for (const folder of [workspace, path.join(workspace, ".course")]) {
    fs.chmodSync(folder, 0o555);
    const start = startAsOwner();
    fs.chmodSync(folder, 0o755);
    assert.equal(start.status, 2, start.stderr);
    assert.match(start.stderr, new RegExp(`${folder.replace(/[.]/g, "\\.")} is yours but write-protected \\(mode 555\\): make it writable again, \`chmod -R u\\+w ${workspace}\``));
    assert.doesNotMatch(start.stderr, /folder of your own/);
  }
  t.diagnostic("both the workspace and its .course/ checked");
});
