// A password seen by someone else, on a running hub (`npm run hub:password -- <name>`): the old
// password stops logging in at once, the new one logs in, and a session opened with the old one
// (kept by whoever learnt it) ends at its next page of the hub, and stays ended after a restart.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { startHub } from "../helpers/hub.mjs";
import { hubAnswers, hubBrowser } from "../helpers/hub-browser.mjs";

let hub;
after(async () => {
  if (hub) {
    await hub.stop();
    hub.remove();
  }
});

const browser = () => hubBrowser(() => hub.url);

const changePassword = (...args) => spawnSync(process.execPath, [fromRoot("scripts", "hub-password.mjs"), ...args], { encoding: "utf8" });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// the hub checks a session's user again after 15 s (auth_refresh_age)
const REFRESH_MS = 16_000;

test("a changed password: the old one no longer logs in, and its sessions end, also after a restart; the new one works", { timeout: 300_000 }, async () => {
  hub = await startHub({ students: ["alice", "bob"], options: ["--one-user"] });
  await hubAnswers(() => hub.url);
  const old = hub.user("alice").password;
  const thief = browser();
  assert.equal(await thief.logIn("alice", old), true, `${thief.lastLogin}\n${hub.log().slice(-2000)}`);
  assert.equal(await thief.inside(), true);
  const token = await thief.mintToken("alice");
  const withToken = async () => (await fetch(`${hub.url}/hub/api/user`, { headers: { authorization: `token ${token}` } })).status;
  assert.equal(await withToken(), 200);
  const bob = browser();
  assert.equal(await bob.logIn("bob", hub.user("bob").password), true);

  const changed = changePassword("alice", "--dir", hub.dir);
  assert.equal(changed.status, 0, changed.stderr);
  const fresh = /alice's new password: (\S+)/.exec(changed.stdout)?.[1];
  assert.ok(fresh && fresh !== old, changed.stdout);
  const usersFile = path.join(hub.dir, "users.json");
  assert.equal(fs.statSync(usersFile).mode & 0o777, 0o600);
  assert.ok(fs.readFileSync(path.join(hub.dir, "passwords.csv"), "utf8").includes(`alice,student,${fresh}\n`), "passwords.csv has the new one");

  assert.equal(await browser().logIn("alice", old), false, "the old password is refused at once");
  const alice = browser();
  assert.equal(await alice.logIn("alice", fresh), true, "the new one logs in at once");
  assert.equal(await withToken(), 403, "a token made with the old password is refused once alice logs in with the new one");
  await sleep(REFRESH_MS);
  assert.equal(await thief.inside(), false, "the old password's session ended");
  assert.equal(await alice.inside(), true, "the new password's session goes on");
  assert.equal(await bob.inside(), true, "another user's session goes on");

  // a session of the old password kept through a restart of the hub ends too
  const before = browser();
  assert.equal(await before.logIn("bob", hub.user("bob").password), true);
  const second = changePassword("bob", "--dir", hub.dir);
  assert.equal(second.status, 0, second.stderr);
  const secondPassword = /bob's new password: (\S+)/.exec(second.stdout)?.[1];
  await hub.stop();
  hub = await startHub({ students: ["alice", "bob"], options: ["--one-user"], dir: hub.dir });
  await hubAnswers(() => hub.url);
  assert.equal(hub.user("bob").password, secondPassword, "the restarted hub keeps the new password");
  // (the first hub's cookies go to the second: same host, and the hub keeps its cookie secret)
  const afterRestart = browser();
  assert.equal(await afterRestart.logIn("alice", fresh), true, `alice's new password survives the restart: ${afterRestart.lastLogin}\n${hub.log().slice(-3000)}`);
  assert.equal(await browser().logIn("bob", secondPassword), true, `bob's new password logs in after the restart:\n${hub.log().slice(-3000)}`);
  await sleep(REFRESH_MS);
  assert.equal(await before.inside(), false, "the old password's session, kept through the restart, ended");
  assert.equal(await afterRestart.inside(), true);
});

test("a password change names what is wrong: an unknown user, a folder that is no hub, more than one name", () => {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), "neural-mi-hub-password-"));
  try {
    const noHub = changePassword("alice", "--dir", dir);
    assert.equal(noHub.status, 2);
    assert.match(noHub.stderr, /users\.json is missing: .* is not a hub's folder that has started once \(give the hub's --dir\)/);
    fs.writeFileSync(path.join(dir, "users.json"), JSON.stringify({ users: [{ name: "alice", password: "x" }] }), { mode: 0o600 });
    const unknown = changePassword("zoe", "--dir", dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /has no user "zoe" \(1 users in .*users\.json\): check the name, or the hub's --dir/);
    assert.match(changePassword("alice", "bob", "--dir", dir).stderr, /one user at a time/);
    assert.match(changePassword("--dir", dir).stderr, /name the user to give a new password/);
    const ok = changePassword("Alice", "--dir", dir);
    assert.equal(ok.status, 0, ok.stderr);
    const [entry] = JSON.parse(fs.readFileSync(path.join(dir, "users.json"), "utf8")).users;
    assert.notEqual(entry.password, "x");
    assert.ok(!Number.isNaN(Date.parse(entry.changed)), "the change is dated");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
