// A password seen by someone else, on a running hub (`npm run hub:password -- <name>`): the old
// password stops logging in at once, the new one logs in, and a session opened with the old one
// (kept by whoever learnt it) ends at its next page of the hub, and stays ended after a restart.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fromRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { startHub, stopHubAfterTests } from "../helpers/hub.mjs";
import { hubAnswers, hubBrowser } from "../helpers/hub-browser.mjs";

let hub;
stopHubAfterTests(() => hub);

const browser = () => hubBrowser(() => hub.url);

const changePassword = (...args) => spawnSync(process.execPath, [fromRoot("scripts", "hub-password.mjs"), ...args], { encoding: "utf8" });
const addStudents = (...args) => spawnSync(process.execPath, [fromRoot("scripts", "hub-add.mjs"), ...args], { encoding: "utf8" });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// the hub checks a session's user again after 15 s (auth_refresh_age)
const REFRESH_MS = 16_000;

test("a changed password: the old one no longer logs in, and its sessions end, also after a restart; the new one works; students added to the running hub log in, and the next start's list decides",  { timeout: 300_000 }, async () => {
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

  // students enrolled late, added to the running hub: each logs in at once with the password printed, and the
  // gradebook lists them; the next start keeps those its list names (dana) and takes off the others (eve)
  const enrolled = addStudents("dana,eve", "--dir", hub.dir);
  assert.equal(enrolled.status, 0, enrolled.stderr);
  const printed = (name) => new RegExp(`${name} is on the class, password: (\\S+)`).exec(enrolled.stdout)?.[1];
  const [dana, eve] = [printed("dana"), printed("eve")];
  assert.ok(dana && eve, enrolled.stdout);
  assert.equal(await browser().logIn("dana", dana), true, `dana logs in at once on the running hub:\n${hub.log().slice(-2000)}`);
  assert.ok(fs.readFileSync(path.join(hub.dir, "passwords.csv"), "utf8").includes(`dana,student,${dana}\n`));
  assert.ok(fs.existsSync(path.join(hub.dir, "homes", "dana", "package.json")), "dana has her home");
  const inSettings = JSON.parse(fs.readFileSync(path.join(hub.dir, "jupyterhub", "settings.json"), "utf8")).users.find((user) => user.name === "dana");
  assert.equal(inSettings?.environment.JUPYTER_CONFIG_DIR, fromRoot("hub", "student"), "her server starts from the settings as a student's");
  // the students of nbgrader's gradebook, those its formgrader lists (read with sqlite: nbgrader's own list costs seconds)
  const gradebook = path.join(hub.user("instructor").environment.NEURAL_MI_HUB_COURSE_DIR, "gradebook.db");
  const listed = spawnSync(venvPython, ["-c", "import sqlite3, sys; print(*sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute('select id from student')))", gradebook], { encoding: "utf8" });
  assert.equal(listed.stdout.trim(), "alice bob dana eve", `the gradebook lists dana and eve: ${listed.stderr}`);
  assert.match(addStudents("dana", "--dir", hub.dir).stderr, /already on the hub's class: dana/);
  assert.match(addStudents("instructor", "--dir", hub.dir).stderr, /"instructor" is the hub's instructor/);
  assert.match(addStudents("Dana!", "--dir", hub.dir).stderr, /"Dana!" is not a usable user name/);
  // one at a time: two at once gave a student two passwords, the first printed one refused
  const adding = spawn(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(path.join(hub.dir, "hub-add.pid"))}, process.pid + "\\n"); setInterval(() => {}, 1000)`]);
  try {
    while (!fs.existsSync(path.join(hub.dir, "hub-add.pid"))) await sleep(50);
    assert.match(addStudents("fay", "--dir", hub.dir).stderr, new RegExp(`another npm run hub:add \\(process ${adding.pid}\\) is adding students to the hub in .*: wait for it to end`));
  } finally {
    adding.kill();
  }

  // a session of the old password kept through a restart of the hub ends too
  const before = browser();
  assert.equal(await before.logIn("bob", hub.user("bob").password), true);
  const second = changePassword("bob", "--dir", hub.dir);
  assert.equal(second.status, 0, second.stderr);
  const secondPassword = /bob's new password: (\S+)/.exec(second.stdout)?.[1];
  await hub.stop();
  hub = await startHub({ students: ["alice", "bob", "dana"], options: ["--one-user"], dir: hub.dir });
  await hubAnswers(() => hub.url);
  assert.equal(hub.user("bob").password, secondPassword, "the restarted hub keeps the new password");
  assert.equal(hub.user("dana").password, dana, "an added student on the next start's list keeps her password");
  assert.match(hub.log(), /added with npm run hub:add since the last start, but not on this start's list, so taken off it .*: eve \(added /);
  assert.equal(await browser().logIn("eve", eve), false, "an added student the next start's list does not name is taken off");
  assert.match(addStudents("eve", "--dir", hub.dir).stdout, new RegExp(`eve is back on the class, with her old password, password: ${eve}`));
  // (the first hub's cookies go to the second: same host, and the hub keeps its cookie secret)
  const afterRestart = browser();
  assert.equal(await afterRestart.logIn("alice", fresh), true, `alice's new password survives the restart: ${afterRestart.lastLogin}\n${hub.log().slice(-3000)}`);
  assert.equal(await browser().logIn("bob", secondPassword), true, `bob's new password logs in after the restart:\n${hub.log().slice(-3000)}`);
  await sleep(REFRESH_MS);
  assert.equal(await before.inside(), false, "the old password's session, kept through the restart, ended");
  assert.equal(await afterRestart.inside(), true);
});

/** Runs `check(pid)` while a live process other than the commands holds the lock file `file`, as a command does. */
async function whileHeld(file, check) {
  const holder = spawn(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(file)}, process.pid + "\\n"); setInterval(() => {}, 1000)`]);
  try {
    while (!fs.existsSync(file)) await sleep(50);
    check(holder.pid);
  } finally {
    const ended = new Promise((resolve) => holder.once("exit", resolve));
    holder.kill();
    await ended;
    fs.rmSync(file, { force: true });
  }
}

test("a password change, and adding students, name what is wrong: an unknown user, a folder that is no hub, more than one name, a hub of another account, a start or another hub:add or hub:password still writing the hub's users", async () => {
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
    // adding students names what is wrong too: a folder no start made a hub of, a hub whose files are another account's
    assert.match(addStudents("dana", "--dir", dir).stderr, /is not a hub's folder that has started once \(it has no jupyterhub\/settings\.json\): give the hub's --dir/);
    assert.match(addStudents("--dir", dir).stderr, /name the students to add/);
    fs.mkdirSync(path.join(dir, "jupyterhub"));
    fs.writeFileSync(path.join(dir, "jupyterhub", "settings.json"), JSON.stringify({ users: [{ name: "prof", role: "instructor", password: "y" }] }));
    if (process.getuid() === 0) {
      fs.chownSync(path.join(dir, "users.json"), 65534, 65534);
      assert.match(addStudents("dana", "--dir", dir).stderr, /runs every user's JupyterLab as the account that started it \(user id 65534\), which could not open a home root makes: run it as that account, without sudo/);
      fs.chownSync(path.join(dir, "users.json"), 0, 0);
    }
    // a start still writing the hub's users, settings and gradebook from its list (it holds hub-starting.pid until it
    // starts JupyterHub): what an add wrote meanwhile was lost
    const startingFile = path.join(dir, "hub-starting.pid");
    const starting = spawn(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(startingFile)}, process.pid + "\\n"); setInterval(() => {}, 1000)`]);
    try {
      while (!fs.existsSync(startingFile)) await sleep(50);
      assert.match(addStudents("dana", "--dir", dir).stderr, new RegExp(`npm run hub \\(process ${starting.pid}\\) is starting the hub in .*: wait until it says "The course hub is running", then run this again`));
      // and so is a new password: the start wrote the old one back, which still let in whoever had learnt it
      const during = changePassword("alice", "--dir", dir);
      assert.match(during.stderr, new RegExp(`npm run hub \\(process ${starting.pid}\\) is starting the hub in .*: wait until it says "The course hub is running"`));
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "users.json"), "utf8")).users[0].password, "x", "the password is as it was");
    } finally {
      const ended = new Promise((resolve) => starting.once("exit", resolve));
      starting.kill();
      await ended;
    }
    // hub:add and hub:password each read users.json and write it back whole: one at a time, or one's change was lost
    const usersBefore = fs.readFileSync(path.join(dir, "users.json"), "utf8");
    await whileHeld(path.join(dir, "hub-add.pid"), (holder) => {
      assert.match(changePassword("alice", "--dir", dir).stderr, new RegExp(`npm run hub:add \\(process ${holder}\\) is adding students to the hub in .*: wait for it to end, then run this one again`));
    });
    assert.equal(fs.existsSync(path.join(dir, "hub-password.pid")), false, "a refused change leaves no lock of its own");
    await whileHeld(path.join(dir, "hub-password.pid"), (holder) => {
      assert.match(changePassword("alice", "--dir", dir).stderr, new RegExp(`another npm run hub:password \\(process ${holder}\\) is changing a password on the hub in .*: wait for it to end`));
      assert.match(addStudents("dana", "--dir", dir).stderr, new RegExp(`npm run hub:password \\(process ${holder}\\) is changing a password on the hub in .*: wait for it to end, then run this one again`));
    });
    assert.equal(fs.readFileSync(path.join(dir, "users.json"), "utf8"), usersBefore, "users.json is as it was");
    assert.equal(fs.existsSync(path.join(dir, "homes")), false, "nothing made");
    const ok = changePassword("Alice", "--dir", dir);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /"Alice" is the user alice \(user names are lower case; the hub's login reads them so\)/, "the name changed is said");
    const [entry] = JSON.parse(fs.readFileSync(path.join(dir, "users.json"), "utf8")).users;
    assert.notEqual(entry.password, "x");
    assert.ok(!Number.isNaN(Date.parse(entry.changed)), "the change is dated");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
