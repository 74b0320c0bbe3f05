// The home of a student no longer on the class list, as root (scripts/hub/isolation.mjs). A start gave
// only the listed users' homes to their accounts; an off-list home kept its user id, which, once the
// hub's folder was copied to another machine (the accounts made there in another order) or her account
// was removed and its id given to a new one, was a classmate's: he opened her home by its name. Now
// each off-list home is given to her own account of this hub, or to root where she has none, and she
// gets it back when she is listed again. After the hub's folder was moved, an off-list student's account,
// marked with the old folder, is taken over as a listed one's is (her home went to root, "no account here").
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { isolateUsers } from "../../scripts/hub/isolation.mjs";
import { hubLayout, prepareHubFolders } from "../../scripts/hub/layout.mjs";
import { courseUsers } from "../../scripts/hub/users.mjs";

const asRoot = process.getuid() === 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-off-list-"));
const names = ["olprof", "olbob", "olana", "olcy", "mvprof", "mvbob", "mvcy", "mvdan"];
after(() => {
  if (asRoot) for (const name of names) spawnSync("userdel", [`nmi-${name}`]);
  fs.rmSync(dir, { recursive: true, force: true });
});

const reads = (account, file) => spawnSync("setpriv", [`--reuid=${account.uid}`, `--regid=${account.gid}`, "--clear-groups", "cat", file], { encoding: "utf8" });

test("as root: a home off the list is never a classmate's, and comes back to its student", { skip: !asRoot && "only root makes accounts" }, () => {
  const layout = hubLayout(dir, "olprof");
  prepareHubFolders(layout, names);
  courseUsers({ file: layout.usersFile, instructor: "olprof", students: names.slice(1) });
  const noSchedulers = { schedulers: [] };
  const user = (name) => ({ name, role: name === "olprof" ? "instructor" : "student" });
  // cy was on the list, and is taken off it: her account stays, and so does her home
  isolateUsers(layout, ["olprof", "olbob", "olcy"].map(user), noSchedulers);
  const { users, warnings } = (() => {
    const first = isolateUsers(layout, ["olprof", "olbob"].map(user), noSchedulers);
    // ana's home as the copy from the other machine left it: her user id there is bob's here
    const notes = path.join(layout.home("olana"), "notes.txt");
    fs.writeFileSync(notes, "ana's answers");
    const bob = first.users[1].system;
    for (const file of [layout.home("olana"), notes]) fs.lchownSync(file, bob.uid, bob.gid);
    fs.chmodSync(layout.home("olana"), 0o700);
    assert.equal(reads(bob, notes).stdout, "ana's answers", "as it was: bob opened ana's home");
    return isolateUsers(layout, ["olprof", "olbob"].map(user), noSchedulers);
  })();
  const bob = users[1].system;
  const notes = path.join(layout.home("olana"), "notes.txt");
  assert.notEqual(reads(bob, notes).status, 0, "bob cannot open ana's home");
  assert.deepEqual([fs.statSync(layout.home("olana")).uid, fs.statSync(notes).uid, fs.statSync(layout.home("olana")).mode & 0o777], [0, 0, 0o700]);
  assert.deepEqual(warnings, [
    "the homes of olana (now root's: they have no account here), no longer on the list, were owned by another account " +
      "(the hub's folder copied from another machine, or their account removed and its user id given to another): a classmate could open them",
  ]);
  const cy = spawnSync("id", ["-u", "nmi-olcy"], { encoding: "utf8" }).stdout.trim();
  assert.equal(String(fs.statSync(layout.home("olcy")).uid), cy, "cy, off the list, keeps her home with her account");

  // ana is listed again: her home is hers
  const again = isolateUsers(layout, ["olprof", "olbob", "olana"].map(user), noSchedulers);
  const ana = again.users[2].system;
  assert.deepEqual([fs.statSync(notes).uid, reads(ana, notes).stdout], [ana.uid, "ana's answers"]);
  assert.deepEqual(again.warnings, []);
});

test("as root: a hub folder reached through a link is the same hub; moved, it keeps the homes of students off the list with their accounts, and one copied says whose the accounts are", { skip: !asRoot && "only root makes accounts" }, () => {
  const user = (name) => ({ name, role: name === "mvprof" ? "instructor" : "student" });
  const noSchedulers = { schedulers: [] };
  const start = (root, listed) => {
    const layout = hubLayout(root, "mvprof");
    prepareHubFolders(layout, listed);
    courseUsers({ file: layout.usersFile, instructor: "mvprof", students: listed.slice(1) });
    return { layout, ...isolateUsers(layout, listed.map(user), noSchedulers) };
  };
  const before = path.join(dir, "before");
  // started once through a link to the folder, then by its own path: the same hub (every account was refused,
  // "two hubs cannot share an account")
  fs.mkdirSync(before);
  fs.symlinkSync(before, path.join(dir, "link"));
  start(path.join(dir, "link"), ["mvprof", "mvbob", "mvcy", "mvdan"]);
  start(before, ["mvprof", "mvbob", "mvcy", "mvdan"]);
  // the instructor moves the hub's folder, and starts it with cy and dan taken off the list
  const moved = path.join(dir, "moved");
  fs.renameSync(before, moved);
  const { layout, warnings } = start(moved, ["mvprof", "mvbob"]);
  const id = (name) => Number(spawnSync("id", ["-u", name], { encoding: "utf8" }).stdout.trim());
  assert.deepEqual(warnings, [], "the move gave no home away");
  for (const name of ["mvcy", "mvdan"]) {
    assert.equal(fs.statSync(layout.home(name)).uid, id(`nmi-${name}`), `${name}, off the list, keeps her home with her account`);
    assert.match(spawnSync("getent", ["passwd", `nmi-${name}`], { encoding: "utf8" }).stdout, new RegExp(`:neural-mi hub ${moved}:`));
  }
  // the folder copied, not moved (cp -a: cy's home still her account's): the accounts stay the first hub's, and
  // the copy's off-list homes are root's, saying why
  const copy = path.join(dir, "copy");
  for (const folder of ["homes/mvcy", "jupyterhub", "exchange"]) fs.mkdirSync(path.join(copy, folder), { recursive: true });
  fs.chownSync(path.join(copy, "homes", "mvcy"), id("nmi-mvcy"), id("nmi-mvcy"));
  // a start that lists no one: every home is off the list
  const offList = isolateUsers(hubLayout(copy, "mvprof"), [], noSchedulers).warnings.join("\n");
  assert.equal(fs.statSync(path.join(copy, "homes", "mvcy")).uid, 0);
  assert.match(offList, new RegExp(`mvcy \\(now root's: their account nmi-mvcy is the hub's in ${moved}\\)`));
});

