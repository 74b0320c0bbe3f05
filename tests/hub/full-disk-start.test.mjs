// `npm run hub` on a disk a student filled (homes, the exchange and the course share it, with no quotas):
// the start said only "hub: ENOSPC: no space left on device, write" and the usage, naming neither the
// disk nor how to find who filled it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-full-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("a hub whose disk is full says so, naming the disk and how to find who filled it", { skip: process.getuid() !== 0 && "only root mounts the small file system that fills up" }, () => {
  const dir = path.join(root, "hub");
  fs.mkdirSync(dir);
  assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", dir]).status, 0);
  try {
    try {
      fs.writeFileSync(path.join(dir, "a-students-file"), Buffer.alloc(1024 * 1024, 1));
    } catch (error) {
      assert.equal(error.code, "ENOSPC");
    }
    const start = spawnSync(process.execPath, [fromRoot("scripts", "hub.mjs"), "--dir", dir, "--port", "0", "--students", "ana", "--one-user"], { encoding: "utf8", timeout: 60_000 });
    assert.equal(start.status, 2, start.stderr);
    assert.match(start.stderr, new RegExp(`the disk holding the hub's folder \\(${dir}\\) is full \\(ENOSPC.*\\): the hub cannot start\\. .*du -xsh ${dir}/homes/\\* ${dir}/exchange\` shows who took the room; make room, then start again`));
    assert.doesNotMatch(start.stderr, /usage:/);
  } finally {
    spawnSync("umount", [dir]);
  }
});

test("a hub whose disk has no room for files left (inodes), bytes to spare, says so and names the count of files that finds who used it", { skip: process.getuid() !== 0 && "only root mounts the small file system that fills up" }, () => {
  const dir = path.join(root, "inodes");
  fs.mkdirSync(dir);
  assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=64m,nr_inodes=200", "tmpfs", dir]).status, 0);
  try {
    // a student's empty files: no bytes, every inode
    fs.mkdirSync(path.join(dir, "empty"));
    assert.throws(() => {
      for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, "empty", `f${i}`), "");
    }, /ENOSPC/);
    const start = spawnSync(process.execPath, [fromRoot("scripts", "hub.mjs"), "--dir", dir, "--port", "0", "--students", "ana", "--one-user"], { encoding: "utf8", timeout: 60_000 });
    assert.equal(start.status, 2, start.stderr);
    assert.match(start.stderr, /its room for files \(inodes\) is used up, not its bytes\): the hub cannot start/);
    assert.match(start.stderr, new RegExp(`du -xs --inodes ${dir}/homes/\\* ${dir}/exchange\` shows who took the room \\(the count of files each holds\\)`));
  } finally {
    spawnSync("umount", [dir]);
  }
});
