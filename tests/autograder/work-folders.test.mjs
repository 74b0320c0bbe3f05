// The grader's work folders: a run killed outright (SIGKILL: a Slurm task over its limits, a pod
// killed for memory) cannot remove its folder or the sandbox mounts in it; the next run removes
// them, and never the folder of a run still going, nor one kept with --keep-work.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { test } from "node:test";
import { makeWorkFolder, removeAbandonedWorkFolders } from "../../autograder/src/grade/work-folders.mjs";
import { temporaryDir } from "./helpers.mjs";

// In a shared /tmp (a hub's) any account may make a folder named as a work folder, with a record of a run long
// gone: the grader, not root, could not empty one of another account's and threw, so that its run stopped before
// grading anyone (tried as another user); as root it walked a tree she could change while it did, and removed
// the folder of sockets her record named (a live run's, found in /tmp's listing).
test("a work folder's name taken by another account, a link or a folder others may write to is left alone, with what its record names", () => {
  const base = temporaryDir();
  chmodSync(base, 0o1777);
  const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  const liveSockets = `/tmp/neural-mi-sockets-${randomBytes(12).toString("hex")}`;
  mkdirSync(liveSockets, { mode: 0o700 });
  const plant = (/** @type {string} */ dir) => {
    mkdirSync(join(dir, "jobs"), { recursive: true });
    writeFileSync(join(dir, "owner.json"), JSON.stringify({ pid: Number(ended.stdout) }));
    writeFileSync(join(dir, "jobs", "job-1.sockets"), `${liveSockets}\n`);
  };
  const open = join(base, "neural-mi-grading-open");
  plant(open);
  chmodSync(open, 0o777);
  const elsewhere = temporaryDir();
  plant(elsewhere);
  symlinkSync(elsewhere, join(base, "neural-mi-grading-link"));
  const planted = [open, join(base, "neural-mi-grading-link")];
  if (process.getuid?.() === 0) {
    const theirs = join(base, "neural-mi-grading-theirs");
    plant(theirs);
    for (const path of [theirs, join(theirs, "jobs"), join(theirs, "owner.json"), join(theirs, "jobs", "job-1.sockets")]) {
      assert.equal(spawnSync("chown", ["-h", "65534:65534", path]).status, 0, "chown");
    }
    planted.push(theirs);
  }
  try {
    assert.deepEqual(removeAbandonedWorkFolders(base), []);
    for (const dir of planted) assert.ok(lstatSync(dir), `${basename(dir)} stays`);
    assert.equal(existsSync(liveSockets), true, "a folder of sockets a planted record names is not removed");
  } finally {
    rmSync(liveSockets, { recursive: true, force: true });
  }
});

test("the folders of killed runs are removed with their mounts; a live run's and a kept one stay", () => {
  const base = temporaryDir();
  const live = makeWorkFolder(base, false);
  const kept = makeWorkFolder(base, true);
  assert.equal(existsSync(join(kept, "owner.json")), false, "--keep-work leaves no record: no later run removes it");
  // a run that has ended: its process is gone
  const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  const killed = makeWorkFolder(base, false);
  writeFileSync(join(killed, "owner.json"), JSON.stringify({ pid: Number(ended.stdout) }));
  // a record whose pid is now another process's (this one, started at another time)
  const reused = makeWorkFolder(base, false);
  const own = JSON.parse(readFileSync(join(live, "owner.json"), "utf8"));
  writeFileSync(join(reused, "owner.json"), JSON.stringify({ pid: process.pid, startTicks: String(Number(own.startTicks) - 1) }));
  // as root (CI), a sandbox's tmpfs mount inside the killed run's folder, as the grader mounts it
  const jobDir = join(killed, "jobs", "job-1");
  mkdirSync(jobDir, { recursive: true });
  const root = process.getuid?.() === 0;
  if (root) assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "neural-mi-sandbox", jobDir]).status, 0, "mount");

  // sockets of a job of the killed run, in a folder apart in /tmp (a long TMPDIR: isolation.mjs), and a record
  // of the killed run's naming a folder the grader never makes, which stays
  const apart = `/tmp/neural-mi-sockets-${randomBytes(12).toString("hex")}`;
  mkdirSync(apart, { mode: 0o700 });
  writeFileSync(join(killed, "jobs", "job-1.sockets"), `${apart}\n`);
  const notOurs = temporaryDir();
  writeFileSync(join(killed, "jobs", "job-2.sockets"), `${notOurs}\n`);

  const removed = removeAbandonedWorkFolders(base);
  assert.equal(existsSync(apart), false, "the killed run's sockets folder in /tmp is removed with its work folder");
  assert.equal(existsSync(notOurs), true, "a path not of the grader's own form is never removed");
  assert.deepEqual(removed.sort(), [basename(killed), basename(reused)].sort());
  assert.equal(existsSync(killed), false);
  assert.equal(existsSync(reused), false);
  assert.equal(existsSync(live), true, "a run still going keeps its folder");
  assert.equal(existsSync(kept), true);
  if (root) assert.doesNotMatch(readFileSync("/proc/self/mounts", "utf8"), new RegExp(basename(killed)), "its mount is gone too");
});
