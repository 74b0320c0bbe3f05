// Keeping the hub's users apart (scripts/hub/isolation.mjs, hub/course_hub.py), without
// starting a hub. As root: each user gets a system account and a home only they can open, the
// hub's own files are root's, and a process that the hub's spawner starts for a student (its
// own switch of user, run from Python as the hub runs it) can read its home but not the
// instructor's course directory, the checkout's chapter sources or the passwords. A hub folder
// or Python the accounts could not reach, and a name too long for an account, are refused with
// what to do. (tests/hub/semester.test.mjs does the same on a real hub when it can isolate.)
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { ANSWER_PATHS, checkServersCanRun, closeAnswerPaths, ensureSystemUser, gradingNetworkView, isolateUsers, isolationMode, neededByServers, processListView, unreachable } from "../../scripts/hub/isolation.mjs";
import { applyDiskQuotas } from "../../scripts/hub/disk-quotas.mjs";
import { hubLayout, prepareHubFolders } from "../../scripts/hub/layout.mjs";
import { courseUsers } from "../../scripts/hub/users.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, notebooksDir, repoRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { findSecretsIn } from "../../scripts/student-edition/find-secrets.mjs";

const asRoot = process.getuid() === 0;
const folders = [];
/** Processes this file started as an account, killed at its end. */
const leftRunning = [];
/** The system accounts made for one of this file's hub folders (their comment names the folder). */
function accountsOf(folder) {
  const passwd = spawnSync("getent", ["passwd"], { encoding: "utf8" }).stdout ?? "";
  return passwd.split("\n").map((line) => line.split(":")).filter((fields) => fields[4] === `neural-mi hub ${folder}`).map((fields) => fields[0]);
}
after(() => {
  for (const child of leftRunning) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const folder of folders) {
    if (asRoot) for (const account of accountsOf(folder)) spawnSync("userdel", [account]);
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

function hubFolder(parent = os.tmpdir(), [instructor, ...students] = ["prof", "ana"]) {
  const dir = fs.mkdtempSync(path.join(parent, "neural-mi-hub-isolation-"));
  folders.push(dir);
  const layout = hubLayout(dir, instructor);
  prepareHubFolders(layout, [instructor, ...students]);
  courseUsers({ file: layout.usersFile, instructor, students });
  return layout;
}

const mode = (file) => fs.statSync(file).mode & 0o7777;

/**
 * A repository, open to all as a clone is, with a chapter's source committed, and a `git worktree add` checkout
 * of it and a clone borrowing its objects (--shared): { worktree, object: a file of the repository's objects, openSource: its
 * notebooks/ folder, sharedClone }.
 */
function gitWorktree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-worktree-"));
  folders.push(dir);
  fs.chmodSync(dir, 0o755);
  const main = path.join(dir, "main");
  const git = (...args) => {
    const done = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "core.sharedRepository=0644", ...args], { cwd: main, encoding: "utf8" });
    assert.equal(done.status, 0, done.stderr);
    return done.stdout.trim();
  };
  fs.mkdirSync(path.join(main, "notebooks"), { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(main, "notebooks", "01.md"), "// BEGIN SOLUTION\n");
  git("init", "-q");
  git("add", "notebooks");
  git("commit", "-qm", "chapter");
  git("worktree", "add", "-q", "--detach", path.join(dir, "wt"));
  git("worktree", "add", "-q", "--detach", path.join(dir, "wt2"));
  git("clone", "-q", "--shared", main, path.join(dir, "shared"));
  const blob = git("rev-parse", "HEAD:notebooks/01.md");
  const object = path.join(main, ".git", "objects", blob.slice(0, 2), blob.slice(2));
  for (const folder of [main, path.join(main, ".git"), path.dirname(object)]) fs.chmodSync(folder, 0o755);
  fs.chmodSync(object, 0o444);
  return { worktree: path.join(dir, "wt"), object, openSource: path.join(main, "notebooks"), sharedClone: path.join(dir, "shared") };
}

/**
 * Runs the node program `program` (given `input` as its argument) in a process started as CourseSpawner
 * starts `hubUser`'s server, the spawner given `settings` (Python keyword arguments); what it printed last, as JSON.
 */
function runAsSpawned(layout, hubUser, systemUser, program, input, settings = "") {
  const script = `
import json, subprocess, sys, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
from course_hub import CourseSpawner
user = types.SimpleNamespace(name=${JSON.stringify(hubUser)}, url="/user/x/", id=1, server=None, orm_user=None)
spawner = CourseSpawner(user=user, system_users={user.name: ${JSON.stringify(systemUser)}}, home_dir_template=${JSON.stringify(path.join(layout.homesDir, "{username}"))}, ${settings})
done = subprocess.run([${JSON.stringify(process.execPath)}, "-e", sys.argv[1], sys.argv[2]], preexec_fn=spawner.make_preexec_fn(user.name), env=spawner.user_env({}), capture_output=True, text=True)
print(done.stdout, done.stderr)`;
  const run = spawnSync(venvPython, ["-c", script, program, JSON.stringify(input)], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split("\n").at(-1));
}

const READER = "const fs = require('node:fs'); const seen = {}; for (const f of JSON.parse(process.argv[1])) { try { fs.readFileSync(f); seen[f] = 'read' } catch (e) { seen[f] = e.code } } console.log(JSON.stringify({ uid: process.getuid(), cwd: process.cwd(), seen }))";

/** Reads `files` in a process started as CourseSpawner starts `hubUser`'s server; { uid, cwd, seen }. */
const readAsSpawned = (layout, hubUser, systemUser, files) => runAsSpawned(layout, hubUser, systemUser, READER, files);

test("the hub isolates its users when it runs as root on Linux, unless told --one-user", () => {
  assert.equal(isolationMode(), asRoot && process.platform === "linux" ? "system-users" : "one-user");
  assert.equal(isolationMode({ oneUser: true }), "one-user");
});

test("a hub user whose system account name would be too long is refused, naming the limit", () => {
  assert.throws(() => ensureSystemUser("a".repeat(29), os.tmpdir()), /would need the system user "nmi-a+", longer than 32 characters; choose a name of at most 28/);
});

// What an isolating hub leaves open to every student is the checkout outside its answer paths. bench/,
// open before, held the hidden checks' lines of chapter 5's MINE-Net and MINETrainer tests
// (bench/mine-net-check.mjs, bench/mine-gradient-check.mjs, written to measure them) and the
// MINETrainer exercise's loss written as the exercise asks for it (bench/plain/mine-tfjs.mjs), whose
// copy passed the test without the note the library's own text draws (library-likeness.mjs).
test("the checkout's files a student reads on an isolating hub (all but its answer paths) hold no line of the answers or hidden tests the library's source does not hold", () => {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  assert.equal(listed.status, 0, listed.stderr);
  const closed = (file) => ANSWER_PATHS.some((answers) => file === answers || file.startsWith(`${answers}/`));
  const open = listed.stdout.split("\0").filter((file) => file !== "" && !closed(file) && fs.statSync(path.join(repoRoot, file), { throwIfNoEntry: false })?.isFile());
  const library = open.filter((file) => file.startsWith("lib/src/")).map((file) => fs.readFileSync(path.join(repoRoot, file), "utf8")).join("\n");
  const { leaks } = findSecretsIn(repoRoot, open);
  assert.deepEqual(
    leaks.filter((leak) => !library.includes(leak.line)).map((leak) => `${leak.file}: ${leak.what} of ${leak.notebook} (${leak.cell}): ${leak.line}`),
    [],
  );
  assert.ok(ANSWER_PATHS.includes("bench"), "bench/ (the instructor's measurements of the tests, with the tests' and the answers' code) is closed");
});

test("as root: each user's server runs as their own account, in a home only they open, and cannot read the course's answers", () => {
  const layout = hubFolder();
  if (!asRoot) {
    // Only root makes accounts; the hub does not try (isolationMode), and this says why.
    assert.throws(() => isolateUsers(layout, [{ name: "prof" }]), /useradd .* failed/);
    return;
  }
  // a student made the course's exchange folder first (it blocked every release, and let her hand out an assignment)
  fs.mkdirSync(path.join(layout.exchangeDir, "neural-mi", "outbound", "01-fake"), { recursive: true });
  // a file of the instructor's home with another name elsewhere (the course folder's packages are hard links to the checkout's)
  const shared = path.join(layout.root, "shared.txt");
  fs.writeFileSync(shared, "the checkout's");
  fs.linkSync(shared, path.join(layout.home("prof"), "linked.txt"));
  // (This also closes the checkout's answers to other users, as `npm run hub` as root does.)
  const { users, closed, warnings } = isolateUsers(layout, [{ name: "prof", role: "instructor" }, { name: "ana", role: "student" }]);
  const [prof, ana] = users;
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(warnings[0], /nbgrader's exchange held a course folder that was not the instructor's \(its owner: root\): it is moved aside to .*\.neural-mi-not-the-instructors-\d+-[0-9a-f]+ \(root's\), .* release the chapters again/);
  assert.deepEqual(users.map((u) => u.system.name), ["nmi-prof", "nmi-ana"]);
  assert.notEqual(prof.system.uid, ana.system.uid);
  for (const user of users) {
    const home = fs.statSync(layout.home(user.name));
    assert.deepEqual([home.uid, home.mode & 0o777], [user.system.uid, 0o700], `${user.name}'s home`);
  }
  assert.equal(fs.statSync(path.join(layout.courseDir, "source")).uid, prof.system.uid, "the course directory is the instructor's");
  assert.equal(mode(layout.root), 0o711, "users pass through the hub's folder without listing it");
  assert.equal(mode(layout.stateDir), 0o700, "JupyterHub's database and settings are root's alone");
  assert.equal(mode(layout.exchangeDir), 0o1777, "nbgrader's exchange: writable by all, sticky");
  // the course's folder in it is the instructor's, with nbgrader's modes; the one a student made first is set aside
  const course = path.join(layout.exchangeDir, "neural-mi");
  for (const [folder, wanted] of [[course, 0o755], [path.join(course, "outbound"), 0o755], [path.join(course, "inbound"), 0o3733], [path.join(course, "feedback"), 0o711]]) {
    assert.deepEqual([fs.statSync(folder).uid, mode(folder)], [prof.system.uid, wanted], folder);
  }
  assert.deepEqual(fs.readdirSync(path.join(course, "outbound")), [], "no assignment of a student's is handed out");
  assert.equal(fs.statSync(shared).uid, 0, "a file with another name outside the home stays root's");
  for (const packages of [path.join(layout.courseDir, "node_modules")].filter((p) => fs.existsSync(p))) {
    assert.equal(fs.statSync(packages).uid, 0, "the course folder's packages stay root's");
  }
  assert.ok(closed.includes("notebooks") && closed.includes("tests"));
  assert.equal(mode(notebooksDir) & 0o077, 0, "the checkout's chapter sources are its owner's alone");
  // made closed when missing: the instructor's first grading, mid-semester, writes every written answer there
  assert.equal(mode(fromRoot("grading")) & 0o077, 0, "the grader's reports are its owner's alone, even made after the hub started");

  const mine = path.join(layout.home("ana"), "notes.txt");
  fs.writeFileSync(mine, "mine");
  fs.chownSync(mine, ana.system.uid, ana.system.gid);
  const chapter = fs.readdirSync(path.join(layout.courseDir, "source")).sort()[0];
  const secret = [
    path.join(layout.courseDir, "source", chapter, `${chapter}.ipynb`),
    path.join(notebooksDir, "src", `${chapter}.md`),
    path.join(notebooksDir, `${chapter}.ipynb`),
    layout.usersFile,
    // a chapter as released, with its hidden tests in, cached by the set-up
    ...fs.readdirSync(fromRoot(".cache", "release")).filter((name) => name.endsWith(".json")).slice(0, 1).map((name) => fromRoot(".cache", "release", name)),
  ];
  assert.equal(secret.length, 5, "a cached release is there to try");
  // a hub run from a `git worktree add` checkout: its .git is a file naming a folder in the repository's .git, which
  // holds every object; only a .git folder was closed, and a student read the solutions from the repository's objects
  const { worktree, object, openSource, sharedClone } = gitWorktree();
  // a clone made with --shared: its .git is closed, but the objects it borrows lie in the other repository, open
  const borrowing = closeAnswerPaths(sharedClone).warnings;
  assert.equal(borrowing.length, 1, borrowing.join("\n"));
  assert.match(borrowing[0], new RegExp(`history borrows objects from ${path.dirname(path.dirname(path.dirname(object)))}/objects .*chmod go-rwx`));
  const { closed: historyClosed, warnings: mainOpen } = closeAnswerPaths(worktree);
  assert.ok(historyClosed.includes(path.dirname(path.dirname(path.dirname(object)))), historyClosed.join(", "));
  assert.equal(mainOpen.length, 1, mainOpen.join("\n"));
  assert.match(mainOpen[0], new RegExp(`is a worktree of the repository in .*whose other work trees hold the answers too .*${openSource}.*chmod -R go-rwx`));
  assert.match(mainOpen[0], new RegExp(`${path.join(path.dirname(worktree), "wt2", "notebooks")}`), "a second worktree of the repository is named too");
  secret.push(object);
  for (const file of secret) assert.ok(fs.existsSync(file), `${file} is there to try`);
  const { uid, cwd, seen } = readAsSpawned(layout, "ana", ana.system.name, [mine, ...secret]);
  assert.deepEqual([uid, cwd], [ana.system.uid, layout.home("ana")], "the spawner starts ana's server as her account, in her home");
  assert.equal(seen[mine], "read");
  for (const file of secret) assert.equal(seen[file], "EACCES", `ana's server cannot read ${file}`);

  // nor list another account's processes and their command lines (the grader's, a classmate's
  // kernels): where the machine lets the spawner mount a /proc of its own, with hidepid
  const view = processListView();
  const others = ["/proc/1/status", `/proc/${process.pid}/cmdline`];
  const listed = readAsSpawned(layout, "ana", ana.system.name, ["/proc/self/status", ...others]).seen;
  assert.equal(listed["/proc/self/status"], "read", "her own processes are listed");
  if (view.private) for (const file of others) assert.equal(listed[file], "ENOENT", `ana's server does not see ${file}`);
  else assert.match(view.why, /.+/, "the hub says why the machine's /proc stays");

  // nor reach, from the instructor's grading of her code, a listener of hers: nbgrader's kernels, started from the
  // instructor's server (not dumpable, which made /proc/self root's), get a network of their own, their ids their account's
  const namespaces = spawnSync("setpriv", [`--reuid=${prof.system.uid}`, `--regid=${prof.system.gid}`, "--clear-groups", "unshare", "-rn", "true"]).status === 0;
  const network = gradingNetworkView(prof.system);
  assert.equal(network.own, namespaces, JSON.stringify(network));
  if (!namespaces) assert.match(network.why, /no user namespace/, "the hub says why grading keeps the machine's network");
});

test("as root: the exchange's course folder copied from another machine with the hub's folder stays, with its releases and feedback, given to the instructor; a link a student put in its place is moved aside, the folder it led to untouched", { skip: !asRoot && "only root makes accounts" }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-isolation-"));
  folders.push(dir);
  const layout = hubLayout(dir, "copyprof");
  prepareHubFolders(layout, ["copyprof", "copyana"]);
  // the instructor's account there: a user id no account of this machine has
  let stranger = 61000;
  while (spawnSync("getent", ["passwd", String(stranger)]).status === 0) stranger++;
  const course = path.join(layout.exchangeDir, "neural-mi");
  const released = path.join(course, "outbound", "01-problem-formulation", "01-problem-formulation.ipynb");
  const feedback = path.join(course, "feedback", "0123abcd.html");
  fs.mkdirSync(path.dirname(released), { recursive: true });
  fs.mkdirSync(path.dirname(feedback), { recursive: true });
  fs.writeFileSync(released, "the chapter as released");
  fs.writeFileSync(feedback, "ana's feedback");
  for (const file of [course, path.join(course, "outbound"), path.dirname(released), released, path.dirname(feedback), feedback]) fs.lchownSync(file, stranger, stranger);
  const { users, warnings } = isolateUsers(layout, [{ name: "copyprof", role: "instructor" }, { name: "copyana", role: "student" }]);
  assert.deepEqual(warnings, []);
  assert.equal(fs.readFileSync(released, "utf8"), "the chapter as released", "the students fetch the released chapter where it was");
  assert.equal(fs.readFileSync(feedback, "utf8"), "ana's feedback");
  // the instructor releases again with --force, which replaces what outbound holds
  for (const file of [course, path.dirname(released), released, feedback]) assert.equal(fs.lstatSync(file).uid, users[0].system.uid, `${file} is the instructor's`);
  // the course's folder gone (removed by hand), a student put a link to a folder of the machine in its place:
  // moved aside, the link itself, with the folder it leads to left as it was (root's chmod through it had closed it)
  const victim = path.join(dir, "any-folder");
  fs.mkdirSync(victim, { mode: 0o755 });
  fs.chmodSync(victim, 0o755);
  fs.rmSync(course, { recursive: true });
  fs.symlinkSync(victim, course);
  fs.lchownSync(course, users[1].system.uid, users[1].system.gid);
  const again = isolateUsers(layout, [{ name: "copyprof", role: "instructor" }, { name: "copyana", role: "student" }]);
  assert.match(again.warnings.join("\n"), /held a course folder that was not the instructor's \(a link\): it is moved aside/);
  assert.equal(fs.statSync(victim).mode & 0o7777, 0o755, "the folder the link led to keeps its mode");
  assert.equal(fs.lstatSync(course).isDirectory(), true, "a course folder of the instructor's is made in its place");
  // a course folder of a student's, moved aside: she owns the entry and, the exchange being sticky, may swap the folder
  // moved aside for a link at once, and put a link at the course's name before root makes it again
  const [closedVictim, madeVictim] = ["closed-victim", "made-victim"].map((name) => path.join(dir, name));
  fs.mkdirSync(closedVictim, { mode: 0o755 });
  fs.chmodSync(closedVictim, 0o755);
  fs.mkdirSync(madeVictim, { mode: 0o750 });
  fs.chmodSync(madeVictim, 0o750);
  fs.rmSync(course, { recursive: true });
  fs.mkdirSync(course);
  fs.lchownSync(course, users[1].system.uid, users[1].system.gid);
  const rename = fs.renameSync;
  let swapped = false;
  fs.renameSync = (from, to) => {
    rename(from, to);
    if (from !== course || swapped) return;
    swapped = true;
    rename(to, `${to}.hers`);
    fs.symlinkSync(closedVictim, to);
    fs.symlinkSync(madeVictim, course);
  };
  try {
    isolateUsers(layout, [{ name: "copyprof", role: "instructor" }, { name: "copyana", role: "student" }]);
  } finally {
    fs.renameSync = rename;
  }
  assert.ok(swapped);
  assert.equal(fs.statSync(closedVictim).mode & 0o7777, 0o755, "the folder the link put in place of the one moved aside led to keeps its mode");
  assert.deepEqual([fs.statSync(madeVictim).mode & 0o7777, fs.readdirSync(madeVictim)], [0o750, []], "nothing is made or changed through the link at the course's name");
  assert.equal(fs.lstatSync(course).isDirectory(), true);
  assert.equal(fs.lstatSync(course).uid, users[0].system.uid, "the course folder made again is the instructor's");
});

test("as root: a student's folders nested past the longest path the system takes do not stop the hub's start", { skip: !asRoot && "only root makes accounts" }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-nested-"));
  folders.push(dir);
  const layout = hubLayout(dir, "nestprof");
  prepareHubFolders(layout, ["nestprof", "nester"]);
  const home = layout.home("nester");
  const student = ensureSystemUser("nester", layout.root);
  try {
    for (const folder of [layout.root, layout.homesDir]) fs.chmodSync(folder, 0o711);
    fs.chownSync(home, student.uid, student.gid);
    // 30 folders of 200 characters: past PATH_MAX (4096), where a walk by full paths failed (ENAMETOOLONG) and the hub did not
    // start for anyone; then 100 more, deeper than the hub walks
    const script = 'cd "$1" && for i in $(seq 30); do mkdir "$2" && cd "$2" || exit 1; done && mkdir -p $(printf "d/%.0s" $(seq 100))';
    const nest = spawnSync("setpriv", [`--reuid=${student.uid}`, `--regid=${student.gid}`, "--clear-groups", "bash", "-c", script, "nest", home, "d".repeat(200)], { encoding: "utf8" });
    assert.equal(nest.status, 0, nest.stderr);
    fs.chownSync(home, 0, 0);
    // and no folder of a home listed whole by root (a student's 10 million files: some 1 GB of root's start)
    const listedWhole = [];
    const readdir = fs.readdirSync;
    fs.readdirSync = (folder, ...rest) => {
      listedWhole.push(String(folder));
      return readdir(folder, ...rest);
    };
    try {
      isolateUsers(layout, [{ name: "nestprof", role: "instructor" }, { name: "nester", role: "student" }]);
    } finally {
      fs.readdirSync = readdir;
    }
    assert.deepEqual(listedWhole.filter((folder) => folder.startsWith(`${layout.homesDir}${path.sep}`)), []);
    const notHers = spawnSync("find", [home, "-not", "-user", String(student.uid)], { encoding: "utf8" });
    assert.equal(notHers.status, 0, notHers.stderr);
    assert.equal(notHers.stdout, "", "every folder of the student's home is hers");
  } finally {
    // fs.rmSync walks by full paths too
    spawnSync("rm", ["-rf", home]);
    for (const account of ["nmi-nester", "nmi-nestprof"]) spawnSync("userdel", [account]);
  }
});

test("a home of many files is given to its student a name at a time: root's start holds no folder's whole listing", () => {
  // 10,000 empty files (a student's inodes, no disk; 10 million held some 1 GB of root's start in os.fwalk's lists),
  // made in memory, where they cost little to make; given to the account running the test, which any account may do
  const script = `
import json, os, shutil, tempfile, tracemalloc
import give_tree
home = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
os.makedirs(os.path.join(home, "crowded"))
for i in range(10_000):
    os.close(os.open(os.path.join(home, "crowded", f"empty-file-{i:05}"), os.O_CREAT | os.O_WRONLY))
tracemalloc.start()
give_tree.give_tree(home, os.getuid(), os.getgid())
peak_kb = tracemalloc.get_traced_memory()[1] // 1000
tracemalloc.stop()
shutil.rmtree(home)
print(json.dumps({"peak_kb": peak_kb}))`;
  const run = spawnSync(venvPython, ["-c", script], { cwd: fromRoot("hub"), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const { peak_kb } = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.ok(peak_kb < 300, `giving the home held ${peak_kb} kB`);
});

test("as root: an entry of a home swapped between the walk's look and root's chown (for a second name of root's file) is not given: root's file stays root's", { skip: !asRoot && "giving a file to another account takes root" }, () => {
  const script = `
import json, os, shutil, tempfile
import give_tree
home = tempfile.mkdtemp()
victim = os.path.join(tempfile.mkdtemp(), "root-only")
open(victim, "w").close()
open(os.path.join(home, "a.txt"), "w").close()
walk = give_tree.walk
def swapping(*args, **kwargs):
    for folder_fd, name, info, depth in walk(*args, **kwargs):
        if name == "a.txt":  # looked at: her file, one name; then a second name of root's file in its place
            os.unlink(name, dir_fd=folder_fd)
            os.link(victim, name, dst_dir_fd=folder_fd)
        yield folder_fd, name, info, depth
give_tree.walk = swapping
give_tree.give_tree(home, 65534, 65534)
print(json.dumps({"victim": os.stat(victim).st_uid, "home": os.stat(home).st_uid}))
shutil.rmtree(home)
shutil.rmtree(os.path.dirname(victim))`;
  const run = spawnSync(venvPython, ["-c", script], { cwd: fromRoot("hub"), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1)), { victim: 0, home: 65534 });
});

test("as root: a pipe, a socket or a link of a home swapped for a second name of root's file is not given either; each is given as itself", { skip: !asRoot && "giving a file to another account takes root" }, () => {
  const script = `
import json, os, shutil, socket, tempfile
import give_tree
home = tempfile.mkdtemp()
victim = os.path.join(tempfile.mkdtemp(), "root-only")
open(victim, "w").close()
os.mkfifo(os.path.join(home, "pipe"))
os.mkfifo(os.path.join(home, "kept-pipe"))
os.symlink("/etc/passwd", os.path.join(home, "link"))
held = socket.socket(socket.AF_UNIX)
held.bind(os.path.join(home, "socket"))
walk = give_tree.walk
def swapping(*args, **kwargs):
    for folder_fd, name, info, depth in walk(*args, **kwargs):
        if name == "pipe":  # looked at: her pipe; then a second name of root's file in its place
            os.unlink(name, dir_fd=folder_fd)
            os.link(victim, name, dst_dir_fd=folder_fd)
        yield folder_fd, name, info, depth
give_tree.walk = swapping
give_tree.give_tree(home, 65534, 65534)
owners = {name: os.lstat(os.path.join(home, name)).st_uid for name in ("kept-pipe", "link", "socket")}
print(json.dumps({"victim": os.stat(victim).st_uid, "passwd": os.stat("/etc/passwd").st_uid, **owners}))
held.close()
shutil.rmtree(home)
shutil.rmtree(os.path.dirname(victim))`;
  const run = spawnSync(venvPython, ["-c", script], { cwd: fromRoot("hub"), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1)), { victim: 0, passwd: 0, "kept-pipe": 65534, link: 65534, socket: 65534 });
});

test("as root: what a student's code writes is hers alone, in /tmp too, where every account looks; the instructor's files stay open to the class", { skip: !asRoot && "only root makes accounts" }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-umask-"));
  folders.push(dir);
  fs.chmodSync(dir, 0o755);
  const layout = hubLayout(dir, "pat");
  prepareHubFolders(layout, ["pat", "ada", "ben"]);
  const { users } = isolateUsers(layout, [{ name: "pat", role: "instructor" }, { name: "ada", role: "student" }, { name: "ben", role: "student" }]);
  const [pat, ada, ben] = users;
  const instructorSettings = `instructors=["pat"]`;
  const tag = `neural-mi-umask-${process.pid}`;
  const written = [`/tmp/${tag}-ada`, `/var/tmp/${tag}-ada`, `/tmp/${tag}-pat`];
  try {
    // as a student's code does: a copy of her notebook in /tmp and /var/tmp, and a folder, with no mode given
    const writer = "const fs = require('node:fs'); const [file] = JSON.parse(process.argv[1]); fs.writeFileSync(file, 'my answers'); fs.mkdirSync(file + '.d'); console.log(JSON.stringify({ file: fs.statSync(file).mode & 0o777, folder: fs.statSync(file + '.d').mode & 0o777 }))";
    for (const file of written.slice(0, 2)) assert.deepEqual(runAsSpawned(layout, "ada", ada.system.name, writer, [file], instructorSettings), { file: 0o600, folder: 0o700 }, file);
    const seen = runAsSpawned(layout, "ben", ben.system.name, READER, written.slice(0, 2), instructorSettings).seen;
    assert.deepEqual(Object.values(seen), ["EACCES", "EACCES"], "a classmate's server reads none of them");
    // what the instructor writes the class may read (the course folder, the chapters handed out)
    assert.deepEqual(runAsSpawned(layout, "pat", pat.system.name, writer, [written[2]], instructorSettings), { file: 0o644, folder: 0o755 });
    assert.equal(runAsSpawned(layout, "ben", ben.system.name, READER, [written[2]], instructorSettings).seen[written[2]], "read");
  } finally {
    for (const file of written) fs.rmSync(file, { force: true }), fs.rmSync(`${file}.d`, { recursive: true, force: true });
  }
});

test("a kernel that runs a student's code as the instructor (nbgrader's autograde, the instructor's Validate) gets none of the hub's tokens, nor any variable of the grader's it does not read", () => {
  // The instructor's server and terminals hold JUPYTERHUB_API_TOKEN, which opens their JupyterLab (the course's source, a
  // terminal as their account); node's permission model leaves the network open, so a submission could use it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-kernel-env-"));
  folders.push(dir);
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.mkdirSync(path.join(dir, "submitted"));
  const script = `
import asyncio, json, os, sys
sys.path.insert(0, ${JSON.stringify(fromRoot("autograder", "src", "nbgrader"))})
from confined_kernels import ConfinedKernelManager
async def main():
    manager = ConfinedKernelManager(kernel_name="tslab")
    command, kw = await manager._async_pre_start_kernel(cwd=${JSON.stringify(path.join(dir, "submitted"))})
    manager.cleanup_resources()
    print(json.dumps({"command": command, "env": kw["env"]}))
asyncio.run(main())`;
  // and the grader's other variables, named like nothing secret, that hold a credential all the same
  const secrets = {
    JUPYTERHUB_API_TOKEN: "the-instructors-token", JPY_API_TOKEN: "the-instructors-token", JUPYTERHUB_API_URL: "http://127.0.0.1:1/hub/api", GITHUB_TOKEN: "t", SOME_SECRET: "s",
    DATABASE_URL: "postgres://grader:pw@db/grades", DOCKER_AUTH_CONFIG: "{}", NPM_CONFIG__AUTH: "a", GH_PAT: "p", SENTRY_DSN: "https://k@sentry/1", AWS_ACCESS_KEY_ID: "k",
  };
  const given = { ...jupyterEnv(), ...secrets, NEURAL_MI_BACKEND: "wasm" };
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8", env: given });
  assert.equal(run.status, 0, run.stderr);
  const { command, env } = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.ok(command.some((arg) => arg.startsWith("--allow-fs-read=")), "the kernel is confined");
  assert.deepEqual(Object.keys(env).filter((name) => name in secrets), [], "the hub's tokens are not handed to the kernel");
  assert.equal(env.NEURAL_MI_BACKEND, "wasm", "the course's own settings are");
  assert.deepEqual([env.PATH, env.LANG, env.NODE_OPTIONS], [given.PATH, given.LANG, ""], "and what node reads");
});

test("a hub folder or Python that other users could not reach is named, with the fix", () => {
  const closed = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-closed-"));
  folders.push(closed);
  fs.chmodSync(closed, 0o700);
  const hubRoot = path.join(closed, "hub");
  assert.deepEqual(unreachable({ "the hub's folder": hubRoot }), [`the hub's folder (${hubRoot}) lies inside ${closed}, which other users cannot enter`]);
  assert.deepEqual(Object.keys(neededByServers(hubRoot)), ["this checkout", "the hub's folder", "the Python environment", "the Python environment's interpreter", "its standard library", "Node.js"]);
  // a checkout or environment closed itself (cloned under a umask of 027 or 077): the servers could not start, and nothing said why
  const checkout = path.join(os.tmpdir(), path.basename(closed) + "-checkout");
  fs.mkdirSync(checkout, { mode: 0o750 });
  folders.push(checkout);
  fs.chmodSync(checkout, 0o750);
  assert.deepEqual(unreachable({ "this checkout": checkout, "the hub's folder": closed }), [
    `this checkout (${checkout}) is closed to other users itself (mode 0750, as a umask such as 027 or 077 makes it): chmod -R o+rX ${checkout} (the hub closes the checkout's answers again as it starts)`,
  ], "the hub's folder, which the hub opens itself, is not named");
  assert.throws(() => checkServersCanRun(hubRoot), /could not reach what it runs: .*the hub's folder .*Make the Python environment from a Python installed outside such folders .*--one-user/);
});

test("a server's port held by another account is refused: the hub does not take whatever answers there for the user's server", () => {
  // another account's process bound the port the spawner chose before the user's server did
  // (every free odd port, the moment the server's process showed): the hub routed the user to it,
  // and its page, on the hub's origin, minted a token of the user's
  const script = `
import asyncio, os, socket, sys, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
from course_hub import CourseSpawner, listening_owners
user = types.SimpleNamespace(name="ana", url="/user/ana/", id=1, server=None, orm_user=None)
spawner = CourseSpawner(user=user, http_timeout=5)
held = socket.socket()
held.bind(("127.0.0.1", 0))
held.listen()
port = held.getsockname()[1]
print("owners", sorted(listening_owners(port)) == [os.getuid()])
spawner.port = port
spawner.server_uid = lambda: os.getuid() + 1
try:
    asyncio.run(spawner.check_port_owner(port))
    print("accepted")
except RuntimeError as error:
    print("refused", spawner.port, error)
spawner.server_uid = lambda: os.getuid()
asyncio.run(spawner.check_port_owner(port))
print("own port accepted")`;
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split("\n");
  assert.equal(lines[0], "owners True");
  assert.match(lines[1], /^refused 0 the port chosen for ana's server \(\d+\) is held by another account \(uid \d+\), which would have answered for it: not started/);
  assert.equal(lines[2], "own port accepted");
});

test("a server's end is noticed the moment it comes, not at the hub's next poll: its address no longer leads to its port", () => {
  // the hub routed the user's address to the port until its poll (every 30 s): a student who ended
  // her server, or another who bound its port once it died, answered there, sent the user's cookie
  const script = `
import asyncio, os, subprocess, sys, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
import course_hub
from course_hub import CourseSpawner

async def ended_server():
    user = types.SimpleNamespace(name="ana", url="/user/ana/", id=1, server=None, orm_user=None)
    spawner = CourseSpawner(user=user, poll_interval=3600)
    spawner.proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    spawner.pid = spawner.proc.pid
    noticed = asyncio.get_running_loop().create_future()
    spawner.add_poll_callback(lambda: noticed.set_result("noticed"))
    spawner.start_polling()
    await asyncio.sleep(0.5)
    running = not noticed.done()
    spawner.proc.kill()
    return f"{running} {await asyncio.wait_for(noticed, 30)}"

print("pidfd", asyncio.run(ended_server()))
def no_pidfd(pid):
    raise OSError("no pidfd here")
course_hub.os.pidfd_open = no_pidfd
print("polled", asyncio.run(ended_server()))`;
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.stdout.trim().split("\n"), ["pidfd True noticed", "polled True noticed"]);
});

test("the instructor is not the hub's admin: they manage the users' servers but cannot open them, nor mint tokens for others", () => {
  // an admin may open any user's server, whose pages (on the hub's origin) the student controls: the
  // instructor's visit to a student's link let the page mint a token with the admin's scopes
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-config-"));
  folders.push(dir);
  const settings = {
    users: [
      { name: "prof", password: "p", role: "instructor", environment: {} },
      { name: "ana", password: "a", role: "student", environment: {} },
      { name: "tom", password: "t", role: "grader", environment: {} },
    ],
    homesDir: dir, singleuserCommand: "jupyterhub-singleuser", allowRoot: false, ip: "127.0.0.1", port: 8000, hubPort: 8081,
    proxyApiPort: 8001, proxyCommand: "configurable-http-proxy", stateDir: dir, cullIdleMinutes: 30, maxServers: 0,
  };
  fs.writeFileSync(path.join(dir, "settings.json"), JSON.stringify(settings));
  const script = `
import json, os
from traitlets.config.loader import PyFileConfigLoader
from jupyterhub.scopes import expand_scopes
config = PyFileConfigLoader("jupyterhub_config.py", path=${JSON.stringify(fromRoot("hub"))}).load_config()
roles = config.JupyterHub.load_roles
given = lambda user: set().union(*(set(role.get("scopes", [])) for role in roles if user in role.get("users", [])))
print(json.dumps({"admins": sorted(config.Authenticator.admin_users), "scopes": sorted(expand_scopes(given("prof"))), "roles": [role["name"] for role in roles], "grader": sorted(given("tom")), "student": sorted(given("ana"))}))`;
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8", env: { ...process.env, NEURAL_MI_HUB_SETTINGS: path.join(dir, "settings.json") } });
  assert.equal(run.status, 0, run.stderr);
  const { admins, scopes, roles, grader, student } = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.deepEqual(admins, []);
  for (const needed of ["admin-ui", "list:users", "servers", "read:servers"]) assert.ok(scopes.includes(needed), needed);
  for (const kept of ["access:servers", "tokens", "admin:users", "admin:servers", "shutdown"]) assert.ok(!scopes.some((scope) => scope === kept || scope.startsWith(`${kept}!`)), kept);
  assert.deepEqual(roles, ["course-instructor", "course-grader", "idle-culler"]);
  // a grader (--graders) opens and starts the instructor's server, and no one else's; a student has no role of these
  assert.deepEqual(grader, ["access:servers!user=prof", "read:users:name!user=prof", "servers!user=prof"]);
  assert.deepEqual(student, []);
});

test("a system account belongs to one hub: a namesake on a second hub is refused while the first hub's folder is there, and takes it over once it is gone", () => {
  const [first, second] = [fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-a-")), fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-b-"))];
  folders.push(first, second);
  if (!asRoot) {
    assert.throws(() => ensureSystemUser("share", first), /useradd .* failed/);
    return;
  }
  try {
    const made = ensureSystemUser("share", first);
    assert.equal(made.name, "nmi-share");
    assert.equal(ensureSystemUser("share", first).uid, made.uid, "the same hub starting again keeps its account");
    // a student "share" of a second hub ran as the first hub's account, its homes and course included
    assert.throws(() => ensureSystemUser("share", second), new RegExp(`the system user nmi-share, which belongs to the hub in ${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*two hubs cannot share an account`));
    fs.rmSync(first, { recursive: true, force: true });
    assert.equal(ensureSystemUser("share", second).uid, made.uid, "a hub whose folder is gone leaves its account to the next");
    assert.match(spawnSync("getent", ["passwd", "nmi-share"], { encoding: "utf8" }).stdout, new RegExp(`:neural-mi hub ${second}:`));
  } finally {
    spawnSync("userdel", ["nmi-share"]);
  }
});

test("a stopped server leaves nothing of its account running: a daemon a student started in a session of its own is ended, other accounts' and the instructor's processes are not", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-daemons-"));
  folders.push(dir);
  if (!asRoot) {
    assert.throws(() => ensureSystemUser("lingerer", dir), /useradd .* failed/);
    return;
  }
  spawnSync("userdel", ["nmi-lingerer"]); // left by an interrupted run
  const account = ensureSystemUser("lingerer", dir);
  const others = spawnSync("setsid", ["--fork", "sleep", "300"], { stdio: "ignore" });
  assert.equal(others.status, 0);
  try {
    // as a kernel would: a daemon in a session of its own, one that keeps forking, and memory left
    // without a process: a file in /dev/shm's tmpfs and a System V shared-memory segment
    const shmFile = `/dev/shm/neural-mi-lingerer-${process.pid}`;
    const segment = `import ctypes; l = ctypes.CDLL(None); print(l.shmget(0, ctypes.c_size_t(1 << 20), 0o1600))`;
    for (const command of ["sleep 300", "while true; do sleep 0.05 & sleep 0.01; done", `head -c 1048576 /dev/zero > ${shmFile}; /usr/bin/python3 -c "${segment}"`]) {
      const started = spawnSync("setpriv", [`--reuid=${account.uid}`, `--regid=${account.gid}`, "--clear-groups", "setsid", "--fork", "bash", "-c", command], { stdio: "ignore" });
      assert.equal(started.status, 0);
    }
    const script = `
import asyncio, sys, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
from course_hub import CourseSpawner, account_processes
user = types.SimpleNamespace(name="lingerer", url="/user/lingerer/", id=1, server=None, orm_user=None)
# the instructor's processes (nohup'd grading) outlive their server; a student's do not
instructor = CourseSpawner(user=user, system_users={"lingerer": ${JSON.stringify(account.name)}}, instructors=["lingerer"])
asyncio.run(instructor.end_account_processes())
print("instructor", len(account_processes(${account.uid})) > 0)
spawner = CourseSpawner(user=user, system_users={"lingerer": ${JSON.stringify(account.name)}})
print("before", len(account_processes(${account.uid})) > 0)
asyncio.run(spawner.end_account_processes())
print("after", len(account_processes(${account.uid})))`;
    const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split("\n"), ["instructor True", "before True", "after 0"]);
    assert.equal(fs.existsSync(shmFile), false, "the account's file in /dev/shm is removed");
    const segments = spawnSync("ipcs", ["-m", "-c"], { encoding: "utf8" }).stdout;
    assert.doesNotMatch(segments, new RegExp(`\\b${account.name.slice(0, 10)}\\b`), "the account's shared-memory segments are removed");
    const rootSleep = spawnSync("pgrep", ["-u", "0", "-f", "^sleep 300$"], { encoding: "utf8" });
    assert.equal(rootSleep.status, 0, "root's own process is left alone");
  } finally {
    spawnSync("pkill", ["-u", "0", "-f", "^sleep 300$"]);
    spawnSync("pkill", ["-KILL", "-u", String(account.uid)]);
    spawnSync("userdel", [account.name]);
  }
});

test("a user's server runs under limits of its account: a fork bomb stops at the process limit, a huge allocation fails alone", () => {
  if (!asRoot) return; // the limits apply to accounts of their own, made only as root
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-limits-"));
  folders.push(dir);
  fs.chmodSync(dir, 0o755);
  spawnSync("userdel", ["nmi-limited"]); // left by an interrupted run
  const account = ensureSystemUser("limited", dir);
  const home = path.join(dir, "limited");
  fs.mkdirSync(home);
  fs.chownSync(home, account.uid, account.gid);
  try {
  const script = `
import json, os, subprocess, sys, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
from course_hub import CourseSpawner
user = types.SimpleNamespace(name="limited", url="/user/limited/", id=1, server=None, orm_user=None)
def spawner(processes, memory_mb):
    return CourseSpawner(user=user, system_users={"limited": ${JSON.stringify(account.name)}}, home_dir_template=${JSON.stringify(path.join(dir, "{username}"))}, process_limit=processes, memory_limit_mb=memory_mb)
def tasks_of(uid):
    """The account's processes and threads the kernel counts (ended ones not yet reaped included)."""
    count = 0
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid:
                count += len(os.listdir(f"/proc/{entry}/task"))
        except OSError:
            pass
    return count
BOMB = """
import os, time
started, refused, children = 0, 0, []
for _ in range(200):
    try:
        pid = os.fork()
    except BlockingIOError:
        refused += 1
        continue
    if pid == 0:
        time.sleep(3)
        os._exit(0)
    started += 1
    children.append(pid)
for pid in children:
    os.waitpid(pid, 0)
print("started", started, "refused", refused)
"""
# what an earlier test's account of the same uid left unreaped still counts
LIMIT = tasks_of(${account.uid}) + 64
def run(command, processes=LIMIT, memory_mb=1024):
    done = subprocess.run(command, preexec_fn=spawner(processes, memory_mb).make_preexec_fn("limited"), env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60)
    return {"status": done.returncode, "out": done.stdout, "err": done.stderr[-300:]}
results = {
    "limits": run(["bash", "-c", "ulimit -Hu; ulimit -Su; ulimit -Hd; ulimit -Hn; ulimit -Hf"]),
    "raise": run(["bash", "-c", "ulimit -u 100000"]),
    # a bomb: 200 forks, each child waiting 3 s; those past the limit fail (EAGAIN), the rest are reaped
    "bomb": run(["/usr/bin/python3", "-c", BOMB]),
    # (node's threads are left out of the process limit here: the account's ended processes may not be reaped yet)
    "allocate": run([${JSON.stringify(process.execPath)}, "-e", "try { const b = Buffer.alloc(2 * 1024 ** 3, 1); console.log('allocated', b.length) } catch (e) { console.log('refused', e.code || e.message) }"], processes=0),
    "small": run([${JSON.stringify(process.execPath)}, "-e", "console.log(Buffer.alloc(256 * 1024 ** 2, 1).length)"], processes=0),
    # the instructor, whose grading runs kernels as their account, is not limited
    "instructor": subprocess.run(["bash", "-c", "ulimit -u; ulimit -d"], preexec_fn=CourseSpawner(user=user, system_users={"limited": ${JSON.stringify(account.name)}}, home_dir_template=${JSON.stringify(path.join(dir, "{username}"))}, process_limit=64, memory_limit_mb=1024, instructors=["limited"]).make_preexec_fn("limited"), capture_output=True, text=True).stdout,
}
results["limit"] = LIMIT
print(json.dumps(results))`;
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8", timeout: 180_000 });
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(run.stdout.trim().split("\n").at(-1));
  const limit = results.limit;
  // processes, data (KB), open files, file size (blocks of 1024 bytes: 2 GB)
  assert.deepEqual(results.limits.out.trim().split("\n"), [String(limit), String(limit), String(1024 * 1024), "4096", String(2 * 1024 * 1024)], JSON.stringify(results.limits));
  assert.notEqual(results.raise.status, 0, "the account cannot raise its limit again");
  const [, started, refused] = /started (\d+) refused (\d+)/.exec(results.bomb.out)?.map(Number) ?? [];
  // (the limit counts the tasks the account's uid already held when it was set: those of a removed
  // account whose uid it reuses, which may end before the bomb, so the bomb may reach the limit itself)
  assert.ok(started > 0 && started <= limit && refused > 0 && started + refused === 200, `the bomb of 200 stopped at the limit, ${limit}: ${JSON.stringify(results.bomb)}`);
  assert.match(results.allocate.out + results.allocate.err, /refused|out of memory|Cannot allocate|ERR_MEMORY_ALLOCATION_FAILED|allocation failed/i, JSON.stringify(results.allocate));
  assert.doesNotMatch(results.allocate.out, /^allocated/m);
  assert.equal(results.small.out.trim(), String(256 * 1024 ** 2), "what a course kernel needs stays possible");
  assert.notDeepEqual(results.instructor.trim().split("\n"), ["64", String(1024 * 1024)], `the instructor is not limited: ${results.instructor}`);
  } finally {
    spawnSync("pkill", ["-KILL", "-u", String(account.uid)]);
    spawnSync("userdel", [account.name]);
  }
});

test("the hub's limits on processes and memory are checked: too low to run the course is refused, 0 is no limit", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-limits-"));
  folders.push(dir);
  const run = (...args) => spawnSync(process.execPath, [fromRoot("scripts", "hub.mjs"), "--dir", dir, ...args], { encoding: "utf8", timeout: 60_000 });
  const low = run("--max-processes", "10");
  assert.equal(low.status, 2);
  assert.match(low.stderr, /--max-processes 10 is too low to run the course .*: give 64 or more, or 0 for no limit/);
  const lowMemory = run("--memory-mb", "100");
  assert.equal(lowMemory.status, 2);
  assert.match(lowMemory.stderr, /--memory-mb 100 is too low to run the course .*: give 1024 or more, or 0 for no limit/);
  const lowQuota = run("--disk-quota-mb", "50");
  assert.match(lowQuota.stderr, /--disk-quota-mb 50 is too low to run the course .*: give 200 or more, or 0 for no limit/);
  const notNumber = run("--memory-mb", "lots");
  assert.match(notNumber.stderr, /--memory-mb lots is not a whole number of MB/);
});

test("as root: the students' accounts are kept from the machine's job schedulers, whose jobs ran outside their servers' limits", { skip: !asRoot && "only root makes accounts" }, () => {
  const layout = hubFolder(os.tmpdir(), ["tia", "eve"]);
  const etc = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-etc-"));
  folders.push(etc);
  const spool = path.join(etc, "crontabs");
  fs.mkdirSync(spool);
  // a crontab eve made before (every minute, outside her server), and someone else's
  fs.writeFileSync(path.join(spool, "nmi-eve"), "* * * * * ~/run-me\n");
  fs.writeFileSync(path.join(spool, "daemon"), "");
  fs.writeFileSync(path.join(etc, "cron.deny"), "daemon");
  fs.writeFileSync(path.join(etc, "at.allow"), "nmi-eve\n");
  // cron and at installed (any program stands for their commands), batch not
  const schedulers = [
    { name: "cron", command: process.execPath, allow: path.join(etc, "cron.allow"), deny: path.join(etc, "cron.deny"), openWithoutFiles: true, spool },
    { name: "at", command: process.execPath, allow: path.join(etc, "at.allow"), deny: path.join(etc, "at.deny"), openWithoutFiles: false },
    { name: "batch", command: path.join(etc, "no-such-command"), allow: path.join(etc, "batch.allow"), deny: path.join(etc, "batch.deny"), openWithoutFiles: true },
  ];
  // at's queue holds one file per job, owned by the account that queued it; systemd's lingering accounts, one file each
  const atJobs = path.join(etc, "atjobs");
  const linger = path.join(etc, "linger");
  fs.mkdirSync(atJobs);
  fs.mkdirSync(linger);
  fs.writeFileSync(path.join(atJobs, ".SEQ"), "1f\n");
  fs.writeFileSync(path.join(linger, "daemon"), "");
  schedulers[1].jobs = [atJobs, path.join(etc, "no-such-spool")];
  schedulers.push({ name: "systemd's user timers", command: process.execPath, openWithoutFiles: false, spool: linger });
  const users = [{ name: "tia", role: "instructor" }, { name: "eve", role: "student" }];
  for (const start of [1, 2]) {
    if (start === 2) {
      // queued before at was closed to her (a job at 3 a.m.), and a lingering user manager that runs her timers
      const eve = ensureSystemUser("eve", layout.root);
      const tia = ensureSystemUser("tia", layout.root);
      fs.writeFileSync(path.join(atJobs, "a0001f01a8c3f2"), "#!/bin/sh\n~/run-me\n", { mode: 0o700 });
      fs.chownSync(path.join(atJobs, "a0001f01a8c3f2"), eve.uid, eve.gid);
      fs.writeFileSync(path.join(atJobs, "a0002001a8c3f2"), "#!/bin/sh\n~/grade\n", { mode: 0o700 });
      fs.chownSync(path.join(atJobs, "a0002001a8c3f2"), tia.uid, tia.gid);
      fs.writeFileSync(path.join(linger, "nmi-eve"), "");
    }
    const { warnings } = isolateUsers(layout, users, { schedulers });
    // cron was open to every account: the students' are denied it, once, after what the file held; the instructor's is not
    assert.equal(fs.readFileSync(path.join(etc, "cron.deny"), "utf8"), "daemon\nnmi-eve\n", `start ${start}`);
    assert.equal(fs.existsSync(path.join(spool, "nmi-eve")), false, "the crontab eve made before is removed");
    assert.equal(fs.existsSync(path.join(spool, "daemon")), true, "another account's crontab stays");
    // at has an allow file, which decides: one that lists a student is named, with the fix
    assert.equal(fs.existsSync(path.join(etc, "at.deny")), false);
    assert.deepEqual(warnings, [`${path.join(etc, "at.allow")} lets nmi-eve schedule jobs with at, which run outside their servers' limits: take them out of it`]);
    assert.equal(fs.existsSync(path.join(etc, "batch.deny")), false, "a scheduler not installed is left alone");
    assert.deepEqual(fs.readdirSync(atJobs).sort(), start === 1 ? [".SEQ"] : [".SEQ", "a0002001a8c3f2"], "eve's queued at job is removed; the instructor's stays");
    assert.deepEqual(fs.readdirSync(linger), ["daemon"], "eve's account no longer lingers");
  }
});

test("as root: a start ends what students' accounts left running when the last hub died, those taken off the list included; the instructor's goes on", { skip: !asRoot && "only root makes accounts" }, async () => {
  const layout = hubFolder(os.tmpdir(), ["uma", "vic", "wes"]);
  const noSchedulers = { schedulers: [] };
  const everyone = [{ name: "uma", role: "instructor" }, { name: "vic", role: "student" }, { name: "wes", role: "student" }];
  const { users } = isolateUsers(layout, everyone, noSchedulers);
  const [uma, vic, wes] = users.map((user) => user.system);
  // the hub was killed (kill -9, the OOM killer): vic's server and a daemon of hers, wes's kernel and the instructor's grading ran on
  const asAccount = (account) => {
    const child = spawn("setpriv", [`--reuid=${account.uid}`, `--regid=${account.gid}`, "--clear-groups", "sleep", "600"], { stdio: "ignore" });
    leftRunning.push(child);
    return child;
  };
  const [vicServer, vicDaemon, wesKernel, grading] = [asAccount(vic), asAccount(vic), asAccount(wes), asAccount(uma)];
  // a process of wes's that, when ended, notes whose her home is: the start's walk gives it back to her (made root's
  // here), and ending her processes only after it left them that walk to play with
  const noted = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-leftover-"));
  folders.push(noted);
  fs.chmodSync(noted, 0o777);
  fs.chownSync(layout.home("wes"), 0, 0);
  const noteOwner = `trap 'stat -c %u "$1" > "$2"; exit 0' TERM; touch "$2.ready"; while :; do sleep 0.1; done`;
  const wesNoting = spawn("setpriv", [`--reuid=${wes.uid}`, `--regid=${wes.gid}`, "--clear-groups", "bash", "-c", noteOwner, "note", layout.home("wes"), path.join(noted, "owner")], { stdio: "ignore" });
  leftRunning.push(wesNoting);
  while (!fs.existsSync(path.join(noted, "owner.ready"))) await new Promise((resolve) => setTimeout(resolve, 20));
  // running: in /proc and not a zombie (this process reaps its children only once the start below has returned)
  const alive = (child) => {
    try {
      return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
    } catch {
      return false;
    }
  };
  // the next start takes vic off the list
  const { warnings } = isolateUsers(layout, everyone.filter((user) => user.name !== "vic"), noSchedulers);
  assert.deepEqual([vicServer, vicDaemon, wesKernel].map(alive), [false, false, false], "the students' processes are ended");
  assert.ok(alive(grading), "the instructor's grading goes on");
  await Promise.all([vicServer, wesKernel].map((child) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((resolve) => child.once("exit", resolve)))));
  assert.deepEqual([vicServer.signalCode, wesKernel.signalCode], ["SIGTERM", "SIGTERM"]);
  assert.equal(fs.readFileSync(path.join(noted, "owner"), "utf8").trim(), "0", "her processes end before root walks her home");
  assert.deepEqual(warnings, ["the last hub stopped without its Ctrl-C: the processes it left to nmi-vic, nmi-wes are ended"]);
  // a start with nothing left over says nothing of it
  assert.deepEqual(isolateUsers(layout, everyone, noSchedulers).warnings, []);
  assert.ok(alive(grading));
  grading.kill("SIGKILL");
});

/**
 * A Python script that runs \`setup\` (hub/ importable), then awaits \`call\` (indented in a coroutine) while
 * a task ticks every 0.1 s, and prints the seconds it took and whether the loop ticked all along (within
 * \`slack\` ticks): a hub's step that blocked its loop would stop the ticks.
 */
const loopTicksWhile = (setup, call, slack) => `
import asyncio, sys, time, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
${setup}
async def main():
    ticks = 0
    async def tick():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.1)
            ticks += 1
    ticking = asyncio.ensure_future(tick())
    started = time.monotonic()
    ${call}
    took = time.monotonic() - started
    ticking.cancel()
    print(round(took), ticks >= 10 * took - ${slack})
asyncio.run(main())`;

test("what a stopped server's account left in the shared temporary folders is removed while the hub's loop goes on", () => {
  // find walks /tmp: a student's 300,000 empty files there took it 5 s, the hub's loop standing still
  // (no login, no page, no server started or stopped, for the whole class) at each stop of her server
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-leftovers-"));
  folders.push(dir);
  for (const command of ["find", "ipcrm"]) fs.writeFileSync(path.join(dir, command), `#!/bin/sh\nsleep 0.5\necho "$0" >> ${dir}/ran\n`, { mode: 0o755 });
  const script = loopTicksWhile(
    `from course_hub import CourseSpawner
spawner = CourseSpawner(user=types.SimpleNamespace(name="ana", url="/user/ana/", id=1, server=None, orm_user=None))`,
    `removing = spawner.remove_account_leftovers([], 12345)
    if asyncio.iscoroutine(removing):
        await removing`,
    5,
  );
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8", env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "1 True", "the loop ticked all along the second of ipcrm and find");
  assert.deepEqual(fs.readFileSync(path.join(dir, "ran"), "utf8").trim().split("\n").map((file) => path.basename(file)), ["ipcrm", "find"]);
});

test("a disk quota per student where the hub's file system has user quotas on; else the start says there is none, why, and the fix", () => {
  // one student filling the disk of the homes and the exchange stopped every classmate's saves and submissions
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-quotas-"));
  folders.push(dir);
  const tool = (name, body) => {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return path.join(dir, name);
  };
  const findmnt = tool("findmnt", 'echo "ext4 /srv/class hub"');
  const setquota = tool("setquota", `echo "$@" >> ${dir}/set`);
  const off = tool("quotaon-off", 'echo "user quota on /srv (/dev/sdb1) is off"');
  const on = tool("quotaon-on", 'echo "user quota on /srv (/dev/sdb1) is on"');
  const missing = path.join(dir, "no-such-tool");
  const accounts = ["nmi-ana", "nmi-ben"];
  const none = applyDiskQuotas("/srv/hub", accounts, 2048, { findmnt, quotaon: missing, setquota: missing });
  assert.deepEqual(applyDiskQuotas("/srv/hub", accounts, 2048, { findmnt, quotaon: on, setquota: missing }), none);
  assert.equal(none.applied, false);
  assert.match(none.warning, /^no disk quota per student on \/srv\/class hub \(ext4, which holds \/srv\/hub\): the quota tools \(quotaon, setquota\) are not installed; a student who fills it stops every classmate's saves and submissions\. Install the quota package, mount it with usrquota/);
  const offThere = applyDiskQuotas("/srv/hub", accounts, 2048, { findmnt, quotaon: off, setquota });
  assert.match(offThere.warning, /user quotas are off there \(quotaon -p: user quota on \/srv \(\/dev\/sdb1\) is off\).*run quotaon -u \/srv\/class hub,/);
  assert.equal(fs.existsSync(path.join(dir, "set")), false, "nothing set where quotas are off");
  const used = applyDiskQuotas("/srv/hub", accounts, 2048, { findmnt, quotaon: on, setquota });
  assert.deepEqual(used, { applied: true, message: "each student's account may hold at most 2048 MB on /srv/class hub (ext4, which holds /srv/hub): her home and her submissions (user quotas)" });
  // a later start with 0 lifts the limits, where they stayed in force
  assert.match(applyDiskQuotas("/srv/hub", accounts, 0, { findmnt, quotaon: on, setquota }).warning, /^no disk quota per student \(--disk-quota-mb 0\) on \/srv\/class hub/);
  assert.deepEqual(fs.readFileSync(path.join(dir, "set"), "utf8").trim().split("\n"), [
    "-u nmi-ana 0 2097152 0 0 /srv/class hub", "-u nmi-ben 0 2097152 0 0 /srv/class hub", "-u nmi-ana 0 0 0 0 /srv/class hub", "-u nmi-ben 0 0 0 0 /srv/class hub",
  ]);
  const refused = applyDiskQuotas("/srv/hub", accounts, 2048, { findmnt, quotaon: on, setquota: tool("setquota-refuses", 'echo "setquota: Cannot set quota for user"; exit 1') });
  assert.match(refused.warning, /could not be set for nmi-ana \(setquota: Cannot set quota for user\), nmi-ben/);
});

test("the check of who holds a starting server's port reads the machine's socket tables while the hub's loop goes on", () => {
  // the tables list every socket of the machine: a student holding 100,000 made each reading take some
  // 0.4 s (4000: 16 ms), five readings a second while any server started, in the hub's loop
  const script = loopTicksWhile(
    `import course_hub
def slow_owners(port):
    time.sleep(1)
    return {0}
course_hub.listening_owners = slow_owners
spawner = course_hub.CourseSpawner(user=types.SimpleNamespace(name="ana", url="/user/ana/", id=1, server=None, orm_user=None), http_timeout=5)
spawner.server_uid = lambda: 0`,
    "await spawner.check_port_owner(8888)",
    3,
  );
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "1 True", "the loop ticked all along the reading's second");
});

test("as root: a home put back as a link (restored from a backup, moved to another disk) stops the start, naming it", () => {
  if (!asRoot) return; // homes are given to accounts only as root
  const layout = hubFolder(undefined, ["linkprof", "linkana"]);
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-restored-"));
  folders.push(elsewhere);
  fs.writeFileSync(path.join(elsewhere, "work.ipynb"), "{}");
  fs.rmSync(layout.home("linkana"), { recursive: true });
  fs.symlinkSync(elsewhere, layout.home("linkana"));
  // before: the link's target was not walked (its files kept their owner) but closed to all others, and
  // linkana's server could not enter its home; the start said nothing
  assert.throws(
    () => isolateUsers(layout, [{ name: "linkprof", role: "instructor" }, { name: "linkana", role: "student" }], { schedulers: [] }),
    new RegExp(`each user's home must be a folder in ${layout.homesDir}, .* but ${layout.home("linkana")} \\(to ${elsewhere}\\) is a link: move the folder itself there`),
  );
  assert.deepEqual(accountsOf(path.dirname(layout.homesDir)), [], "no account made");
});

test("a user's server's output reaches the hub's console as printable lines, at a bounded rate: a kernel wrote any bytes there, as many as it liked", () => {
  // the servers inherited the hub's own output: a student's kernel wrote terminal escapes into the instructor's
  // terminal, and a flood filled the disk of a log file and held the hub's own log writes behind it
  const script = `
import asyncio, json, os, subprocess, sys, threading, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
from course_hub import CourseSpawner, forward_output
spawner = CourseSpawner(user=types.SimpleNamespace(name="ana", url="/user/ana/", id=1, server=None, orm_user=None))
shown = []
written = 0
def flood(fd):
    global written
    os.write(fd, b"\\x1b]0;owned\\x07hello \\xff\\n")
    while True:
        os.write(fd, b"x" * 99 + b"\\n")
        written += 100
async def main():
    read_end, write_end = os.pipe()
    # 1 kB a second after 64 kB
    forward_output(os.fdopen(read_end, "rb", buffering=0), shown.append, rate=60 * 1024, burst=64 * 1024)
    threading.Thread(target=flood, args=(write_end,), daemon=True).start()
    await asyncio.sleep(1)
asyncio.run(main())
print(json.dumps({"piped": spawner.popen_kwargs == {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}, "first": shown[0], "lines": len(shown), "written": written, "held": any("read no faster" in line for line in shown)}))
os._exit(0)`;
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const { piped, first, lines, written, held } = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.ok(piped, "the spawner's servers write to a pipe the hub reads, not to the hub's own output");
  assert.equal(first, "\\x1b]0;owned\\x07hello \\xff", "escapes and bytes not UTF-8 shown as text");
  assert.ok(held, "the console says the server's output is held back");
  // 64 kB, 1 kB of rate, a read of up to 64 kB past the budget, and the pipe's 64 kB
  assert.ok(lines < 2000 && written < 300_000, `${lines} lines shown, ${written} bytes written in 1 s`);
});

test("as root: a student taken off the list is kept from the job schedulers too, her crontab removed", { skip: !asRoot && "only root makes accounts" }, () => {
  const layout = hubFolder(os.tmpdir(), ["sid", "ria", "ole"]);
  const etc = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-etc-"));
  folders.push(etc);
  const spool = path.join(etc, "crontabs");
  fs.mkdirSync(spool);
  const cron = [{ name: "cron", command: process.execPath, allow: path.join(etc, "cron.allow"), deny: path.join(etc, "cron.deny"), openWithoutFiles: true, spool }];
  // the start that lists ole last runs before cron is installed; cron comes, and ole schedules a job
  isolateUsers(layout, [{ name: "sid", role: "instructor" }, { name: "ria", role: "student" }, { name: "ole", role: "student" }], { schedulers: [] });
  fs.writeFileSync(path.join(spool, "nmi-ole"), "* * * * * ~/run-me\n");
  // the next start takes her off the list: before, her crontab stayed, running every minute after she had left the course
  isolateUsers(layout, [{ name: "sid", role: "instructor" }, { name: "ria", role: "student" }], { schedulers: cron });
  assert.equal(fs.existsSync(path.join(spool, "nmi-ole")), false, "ole's crontab is removed");
  assert.deepEqual(fs.readFileSync(path.join(etc, "cron.deny"), "utf8").trim().split("\n").sort(), ["nmi-ole", "nmi-ria"]);
});
