// Keeping the hub's users apart. Run as root (a course machine, a container, CI), every hub
// user's JupyterLab, kernels and terminals run as a system user of their own (`nmi-<name>`,
// made here when missing) whose home only they can enter; the hub's passwords and database
// are root's; nbgrader's exchange has the modes nbgrader expects (students can submit into
// it but not list or read each other's submissions); and the parts of this checkout that hold
// answers (the chapters' sources, the tests' fixtures, the example class, git's history,
// grading results) become readable by their owner only. Run as anyone else, every user's
// server is a process of that one user, who can read everything: isolation() says so, and
// scripts/hub.mjs prints it as a warning.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fromRoot, repoRoot, venvDir, venvPython } from "../lib/paths.mjs";
import { COURSE_ID, pastInstructors } from "./layout.mjs";
import { FOLDER_NOFOLLOW, namesIn } from "./folder-names.mjs";
import { endLeftoverProcesses } from "./leftover-processes.mjs";
import { borrowedObjects, historyFolders, workTrees } from "./git-history.mjs";
import { userIdOf } from "./account-id.mjs";
import { denySchedulers, SCHEDULERS } from "./schedulers.mjs";

const PREFIX = "nmi-";
// useradd's limit on Debian and most Linux systems.
const MAX_SYSTEM_NAME = 32;

/** Paths of the checkout that give answers away; only their owner may read them on an isolating hub. */
// notebooks/: the chapters' sources; tests/: fixtures and wrong answers made from them;
// grading/: graded submissions; artifacts/: screenshots and logs of the tests; .git: history (a worktree's: the folders
// its .git file names).
// .cache/release: each chapter released, its hidden tests in (autograder/src/release/release-cache.mjs).
// bench/: the instructor's measurements of the tests, which hold the hidden checks' code and the
// exercises' answers as the tests run them (mine-net-check.mjs, mine-gradient-check.mjs, plain/).
export const ANSWER_PATHS = ["notebooks", "tests", "autograder/examples", "bench", "grading", "artifacts", "my-work", ".git", ".cache/release"];
/** Answer paths that the semester makes (the grader's reports, the tests' logs): made closed when missing. */
const MADE_LATER = ["grading", "artifacts", ".cache/release"];

/**
 * "system-users" when this process can make users and switch to them (root on Linux) and
 * `oneUser` (npm run hub -- --one-user) does not ask otherwise, else "one-user".
 */
export const isolationMode = ({ oneUser = false } = {}) => (process.platform === "linux" && process.getuid?.() === 0 && !oneUser ? "system-users" : "one-user");

export const systemUserName = (hubName) => `${PREFIX}${hubName}`;

function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error?.code === "ENOENT") throw new Error(`${command} is not installed; the hub needs it, as root, to give each user a system account (Debian: apt-get install passwd)`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout.trim();
}

/**
 * The system user for a hub user, made when missing (a group of its own, bash; its home is
 * the hub's, which the spawner gives it, so the user database names none): { name, uid, gid }.
 */
/** What an account's comment (GECOS) says when a hub made it for its folder `root`. */
const MADE_FOR = "neural-mi hub ";

/** The comment of the accounts made for the hub in the folder `hubRoot` (it holds no colon or line break). */
const markOf = (hubRoot) => MADE_FOR + path.resolve(hubRoot).replace(/[:\n]/g, "_");

/** The system accounts made for the hub in the folder `hubRoot`, on its list or no longer: [{ name, uid, gid }]. */
function accountsOfHub(hubRoot) {
  const mark = markOf(hubRoot);
  return run("getent", ["passwd"])
    .split("\n")
    .map((line) => line.split(":"))
    .filter((fields) => fields[4] === mark)
    .map((fields) => ({ name: fields[0], uid: Number(fields[2]), gid: Number(fields[3]) }));
}

/**
 * The system account of the hub user `hubName` on the hub in the folder `hubRoot`: made with
 * useradd when missing, and marked with the hub's folder (its comment). An account another hub
 * made, whose folder is still there, is refused: accounts are named after the hub's users, so a
 * student of a second hub named like the first hub's instructor ran as that instructor's account
 * (owner of its course, solutions and gradebook), and a namesake student read the other's home. An
 * account of a hub whose folder is gone, or one made before accounts were marked, is taken over.
 */
export function ensureSystemUser(hubName, hubRoot) {
  const name = systemUserName(hubName);
  if (name.length > MAX_SYSTEM_NAME) {
    throw new Error(`the hub user "${hubName}" would need the system user "${name}", longer than ${MAX_SYSTEM_NAME} characters; choose a name of at most ${MAX_SYSTEM_NAME - PREFIX.length}`);
  }
  const mark = markOf(hubRoot);
  if (userIdOf(name) === undefined) run("useradd", ["--system", "--user-group", "--home-dir", "/nonexistent", "--no-create-home", "--shell", "/bin/bash", "--comment", mark, name]);
  else {
    const other = hubOfAccount(name);
    if (other !== undefined && other !== mark.slice(MADE_FOR.length) && fs.existsSync(other) && !sameFolder(other, hubRoot)) {
      throw new Error(
        `the hub user "${hubName}" would run as the system user ${name}, which belongs to the hub in ${other} (its homes, and the course there if ` +
          `${hubName} is its instructor): two hubs cannot share an account; give this user another name, or stop that hub and remove its folder first`,
      );
    }
    if (other !== mark.slice(MADE_FOR.length)) run("usermod", ["--comment", mark, name]);
  }
  return { name, uid: userIdOf(name), gid: Number(run("id", ["-g", name])) };
}

/**
 * The hub users' accounts as a renamed student's carry-over needs them (scripts/hub/renamed.mjs): the user id of a
 * hub user's account, where it has one, and her account, made when missing.
 */
export const hubAccounts = (hubRoot) => ({ uidOf: (hubName) => userIdOf(systemUserName(hubName)), give: (hubName) => ensureSystemUser(hubName, hubRoot) });

/**
 * Whether two paths lead to one folder: a hub started once through a link to its folder (/srv/hub leading to
 * /data/hub) and once by the folder's own path refused every account, "two hubs cannot share an account".
 */
function sameFolder(a, b) {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

/** The folder of the hub that made the system account `name` (its mark), or undefined for one no hub marked. */
function hubOfAccount(name) {
  const comment = (run("getent", ["passwd", name]).split(":")[4] ?? "").trim();
  return comment.startsWith(MADE_FOR) ? comment.slice(MADE_FOR.length) : undefined;
}

/**
 * The account of an off-list home's student, `name`, when a hub whose folder is gone made it: the hub's
 * folder was moved, and the account is marked with this one (as a listed user's is at each start), or
 * undefined with why not. Before, after a move, only listed users' accounts were taken over, and each
 * off-list student's home went to root, the start saying "they have no account here".
 */
function movedHubAccount(name, hubRoot) {
  if (userIdOf(name) === undefined) return { why: "they have no account here" };
  const other = hubOfAccount(name);
  if (other === undefined) return { why: `their account ${name} was not made by a hub` };
  if (other !== markOf(hubRoot).slice(MADE_FOR.length) && fs.existsSync(other) && !sameFolder(other, hubRoot)) return { why: `their account ${name} is the hub's in ${other}` };
  run("usermod", ["--comment", markOf(hubRoot), name]);
  return { account: { name, uid: userIdOf(name), gid: Number(run("id", ["-g", name])) } };
}

/**
 * Gives `dir` and what it holds to the user, but for packages: a node_modules folder (the course
 * folder's copy of the course's packages, made of hard links to the checkout's files, which every
 * kernel and root's grader load) stays root's, and so does any file with another name elsewhere
 * (a hard link). Before, the instructor's account owned 10,824 files of the checkout. Walked by
 * hub/give_tree.py through folder descriptors: a walk by full paths stopped at a student's folders
 * nested past the longest path the system takes, and the hub did not start for anyone.
 */
function chownTree(dir, uid, gid) {
  run(venvPython, [fromRoot("hub", "give_tree.py"), dir, String(uid), String(gid)]);
}

/**
 * Gives the user the empty node_modules folder the hub made in her home (scripts/lib/workspace-package.mjs), which
 * chownTree leaves as it is (node_modules folders are the course's packages): root's, her npm install failed there.
 */
function giveEmptyPackagesFolder(home, { uid, gid }) {
  const modules = path.join(home, "node_modules");
  if (fs.lstatSync(modules, { throwIfNoEntry: false })?.isDirectory() && namesIn(modules, () => true, 1).length === 0) fs.lchownSync(modules, uid, gid);
}

/** Whether some account of this machine has the user id `uid`. */
const hasAccount = (uid) => spawnSync("getent", ["passwd", String(uid)]).status === 0;

/**
 * The course's folder in nbgrader's exchange, made at the hub's start as nbgrader's release makes
 * it, the instructor's: a student could make it first (the exchange's root is writable by all, as
 * nbgrader wants), which blocked every release ("You don't own the directory") and let that
 * student put an assignment of theirs in outbound for the others to fetch. One already there and
 * not the instructor's is moved aside, named so, and said (the returned warning). One whose owner
 * is no account of this machine was copied from another with the hub's folder: it is the
 * instructor's there, and is given to the instructor here with its releases and feedback (moved
 * aside, every released chapter and feedback vanished from the students' lists). Returns a
 * warning, or undefined.
 */
function instructorsExchange(layout, instructor) {
  const course = path.join(layout.exchangeDir, COURSE_ID);
  const asideName = () => path.join(layout.exchangeDir, `.${COURSE_ID}-not-the-instructors-${Date.now()}-${crypto.randomBytes(4).toString("hex")}`);
  let warning;
  if (fs.existsSync(course) || isLink(course)) {
    const stat = fs.lstatSync(course);
    if (!stat.isSymbolicLink() && stat.uid !== instructor.uid && !hasAccount(stat.uid)) {
      for (const folder of ["outbound", "feedback"].map((name) => path.join(course, name)).filter((p) => fs.existsSync(p) && !isLink(p))) chownTree(folder, instructor.uid, instructor.gid);
    } else if (stat.isSymbolicLink() || stat.uid !== instructor.uid) {
      // made root's and closed through a descriptor before it moves: the student owns the entry and, in the sticky
      // exchange, could swap the folder moved aside for a link between root's rename and a chmod by its name (a link's
      // mode is its target's: root's chmod through a student's link closed any folder of the machine)
      if (!stat.isSymbolicLink()) giveFolderTo(course, stat, 0, 0, 0o700);
      const aside = asideName();
      fs.renameSync(course, aside);
      if (stat.isSymbolicLink()) fs.lchownSync(aside, 0, 0);
      warning =
        `nbgrader's exchange held a course folder that was not the instructor's (${stat.isSymbolicLink() ? "a link" : `its owner: ${accountName(stat.uid)}`}): ` +
        `it is moved aside to ${aside} (root's), and a new one is made: release the chapters again (nbgrader release_assignment <chapter> --force)`;
    }
  }
  makeCourseFolder(course, instructor, asideName);
  // inbound: students write and cannot list it, as nbgrader makes it, and sticky: a student who
  // learnt the name of another's submission could rename or remove it. The course folder is the instructor's now, an
  // entry no student can move in the sticky exchange, and only the instructor writes in it.
  for (const [folder, mode] of [[path.join(course, "outbound"), 0o755], [path.join(course, "inbound"), 0o3733], [path.join(course, "feedback"), 0o711]]) {
    if (!fs.existsSync(folder)) fs.mkdirSync(folder);
    fs.lchownSync(folder, instructor.uid, instructor.gid);
    fs.chmodSync(folder, mode);
  }
  return warning;
}

/** Gives the folder `dir` (`seen`: its lstat) to uid:gid with `mode` through a descriptor, if it is still that folder. */
function giveFolderTo(dir, seen, uid, gid, mode) {
  const fd = fs.openSync(dir, FOLDER_NOFOLLOW);
  try {
    const now = fs.fstatSync(fd);
    if (now.ino !== seen.ino || now.dev !== seen.dev) throw new Error(`${dir} changed while the start gave it (a student's, the exchange being writable by all): start again`);
    fs.fchownSync(fd, uid, gid);
    fs.fchmodSync(fd, mode);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Makes the exchange's course folder the instructor's (0755) through a descriptor opened without following a link:
 * between the start's look and its mkdir, a student can put a link or a folder of hers at that name (the exchange is
 * writable by all), through which root's chmod and mkdir by name closed folders and made the course's anywhere. What
 * she put there is moved aside, untouched, and the folder made again.
 */
function makeCourseFolder(course, instructor, asideName) {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!fs.lstatSync(course, { throwIfNoEntry: false })) {
      try {
        fs.mkdirSync(course, { mode: 0o700 });
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
    }
    let fd;
    try {
      fd = fs.openSync(course, FOLDER_NOFOLLOW);
    } catch (error) {
      if (!["ELOOP", "ENOTDIR", "ENOENT"].includes(error.code)) throw error;
      if (error.code !== "ENOENT") fs.renameSync(course, asideName());
      continue;
    }
    try {
      const { uid } = fs.fstatSync(fd);
      if (uid === 0 || uid === instructor.uid || !hasAccount(uid)) {
        fs.fchownSync(fd, instructor.uid, instructor.gid);
        fs.fchmodSync(fd, 0o755);
        return;
      }
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(course, asideName());
  }
  throw new Error(`${course}: a student's link or folder came back at the course's name in nbgrader's exchange at each try: start the hub again`);
}

const accountName = (uid) => spawnSync("getent", ["passwd", String(uid)], { encoding: "utf8" }).stdout.split(":")[0] || `user id ${uid}`;

const isLink = (file) => {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

/** Every folder from `dir` up to the root that others cannot pass through (no x for others). */
function closedAncestors(dir) {
  const closed = [];
  for (let at = path.dirname(dir); ; at = path.dirname(at)) {
    if ((fs.statSync(at).mode & 0o001) === 0) closed.push(at);
    if (at === path.dirname(at)) return closed;
  }
}

/**
 * What the users' servers run and read, as real paths: the checkout, the hub's folder, the
 * Python environment's interpreter with its standard library, and Node.js.
 */
export function neededByServers(hubRoot) {
  const python = fs.realpathSync(venvPython);
  return {
    "this checkout": repoRoot,
    "the hub's folder": path.resolve(hubRoot),
    // its packages (JupyterHub's single-user server, nbgrader), beside the interpreter it links to
    "the Python environment": fs.realpathSync(venvDir),
    "the Python environment's interpreter": python,
    "its standard library": path.dirname(path.dirname(python)),
    "Node.js": fs.realpathSync(process.execPath),
  };
}

/** The needed places the hub opens itself (isolateUsers): only what lies above them counts. */
const OPENED_BY_THE_HUB = new Set(["the hub's folder"]);

/**
 * Why other system users could not run the servers: a sentence per needed path that lies
 * behind a folder closed to them (a Python installed in root's home, say), or is closed itself
 * (a checkout cloned, or an environment made, under a umask such as 027 or 077: the servers failed
 * to start, the hub's page saying only that they did not answer), or [] when none does.
 */
export function unreachable(needed) {
  return Object.entries(needed).flatMap(([what, place]) => {
    const closed = closedAncestors(place);
    if (closed.length > 0) return [`${what} (${place}) lies inside ${closed.join(", ")}, which other users cannot enter`];
    if (OPENED_BY_THE_HUB.has(what) || !fs.existsSync(place)) return [];
    const mode = fs.statSync(place).mode & 0o777;
    if ((mode & 0o001) !== 0) return [];
    const answers = what === "this checkout" ? " (the hub closes the checkout's answers again as it starts)" : "";
    return [`${what} (${place}) is closed to other users itself (mode ${mode.toString(8).padStart(4, "0")}, as a umask such as 027 or 077 makes it): chmod -R o+rX ${place}${answers}`];
  });
}

/** Throws, naming the fix, when other system users could not run the servers (see unreachable). */
export function checkServersCanRun(hubRoot) {
  const problems = unreachable(neededByServers(hubRoot));
  if (problems.length > 0) {
    throw new Error(
      `each user's JupyterLab would run as a system user of its own, which could not reach what it runs: ${problems.join("; ")}. ` +
        "Make the Python environment from a Python installed outside such folders (NEURAL_MI_VENV, README: With conda instead of .venv), " +
        "put the checkout and the hub's folder (--dir) where others can pass, or start the hub with --one-user, where every user's JupyterLab runs as root and students can read the course's answers",
    );
  }
}

/**
 * The hub user `user` ({ name }) with her system account (made when missing), which is given her home, open to
 * it alone: returns { ...user, system: { name, uid, gid } } (at a start, and npm run hub:add).
 */
export function giveAccount(layout, user) {
  const home = layout.home(user.name);
  const system = ensureSystemUser(user.name, layout.root);
  chownTree(home, system.uid, system.gid);
  giveEmptyPackagesFolder(home, system);
  fs.chmodSync(home, 0o700);
  return { ...user, system };
}

/**
 * Makes the hub's folders and users apart, as root (checkServersCanRun first). `users` are the
 * hub's users ({ name }); returns them with `system: { name, uid, gid }`, the checkout's
 * paths it closed, and warnings for the console, as { users, closed, warnings }. The students'
 * accounts are kept from the machine's job schedulers (`schedulers`: scripts/hub/schedulers.mjs).
 */
export function isolateUsers(layout, users, { schedulers = SCHEDULERS } = {}) {
  checkHomesAreFolders(layout);
  // Everyone passes through the hub's folder to their home; no one lists it.
  fs.chmodSync(layout.root, 0o711);
  fs.chmodSync(layout.homesDir, 0o711);
  fs.chmodSync(layout.stateDir, 0o700);
  // nbgrader's exchange: writable by all, as nbgrader wants; the sticky bit keeps anyone but
  // its owner from renaming or deleting the course's folder in it.
  fs.chmodSync(layout.exchangeDir, 0o1777);
  const warnings = [];
  // what students' accounts left running, those taken off the list included (scripts/hub/leftover-processes.mjs): ended
  // before root gives and walks their homes, where a process of hers could swap what root looks at; and again after,
  // for the accounts a moved hub's start has just marked as its own
  const trusted = new Set([...users.filter((user) => user.role === "instructor").map((user) => user.name), ...(pastInstructors(layout) ?? [])].map(systemUserName));
  const studentAccounts = () => accountsOfHub(layout.root).filter((account) => !trusted.has(account.name));
  const leftovers = [endLeftoverProcesses(studentAccounts())];
  const isolated = users.map((user) => giveAccount(layout, user));
  const instructor = isolated.find((user) => user.role === "instructor");
  const accountsNow = studentAccounts();
  leftovers.push(endLeftoverProcesses(accountsNow));
  const given = keepOffListHomesApart(layout, isolated);
  if (given.length > 0) {
    warnings.push(
      `the homes of ${given.map(({ name, to }) => `${name} (now ${to})`).join(", ")}, no longer on the list, were owned by another account ` +
        "(the hub's folder copied from another machine, or their account removed and its user id given to another): a classmate could open them",
    );
  }
  if (instructor) warnings.push(...[instructorsExchange(layout, instructor.system)].filter(Boolean));
  const ended = [...new Set(leftovers.flatMap((result) => result.ended))];
  warnings.push(...new Set(leftovers.map((result) => result.warning).filter(Boolean)));
  if (ended.length > 0) warnings.push(`the last hub stopped without its Ctrl-C: the processes it left to ${ended.join(", ")} are ended`);
  // those taken off the list too: a crontab made while cron was open to her (installed after the start that listed
  // her last) ran on every minute, as her account, with no limit, after she had left the course
  const listedStudents = isolated.filter((user) => user.role !== "instructor").map((user) => user.system.name);
  warnings.push(...denySchedulers([...new Set([...listedStudents, ...accountsNow.map((account) => account.name)])], schedulers));
  const { closed, warnings: open } = closeAnswerPaths(repoRoot);
  warnings.push(...open);
  return { users: isolated, closed, warnings };
}

/**
 * Makes the answer paths of the checkout in `checkout` (ANSWER_PATHS, its git history wherever its `.git` file
 * points: scripts/hub/git-history.mjs) readable by their owner only. Returns the paths closed, relative to the
 * checkout where they lie in it, and a warning when the checkout is a worktree of a repository whose own work tree
 * holds answers open to others, as { closed, warnings }.
 * @param {string} checkout
 */
export function closeAnswerPaths(checkout) {
  const close = (full) => fs.chmodSync(full, fs.statSync(full).mode & 0o700);
  const closed = [];
  for (const relative of ANSWER_PATHS.filter((p) => p !== ".git")) {
    const full = path.join(checkout, relative);
    // made closed now, not by the instructor's first grading mid-semester, open to every student
    if (!fs.existsSync(full) && MADE_LATER.includes(relative)) fs.mkdirSync(full, { recursive: true, mode: 0o700 });
    if (!fs.existsSync(full) || !fs.lstatSync(full).isDirectory()) continue;
    close(full);
    closed.push(relative);
  }
  const history = historyFolders(checkout);
  for (const folder of history) {
    close(folder);
    const relative = path.relative(checkout, folder);
    closed.push(relative.startsWith("..") || path.isAbsolute(relative) ? folder : relative);
  }
  const warnings = [];
  // the repository's other work trees (its own, and those of `git worktree add`) hold the answers as well
  const others = history.length === 2 ? workTrees(history[1]).filter((tree) => !sameFolder(tree, checkout)) : [];
  const open = others
    .filter((tree) => closedAncestors(path.join(tree, "notebooks")).length === 0)
    .flatMap((tree) => ANSWER_PATHS.map((p) => path.join(tree, p)))
    .filter((p) => fs.existsSync(p) && (fs.statSync(p).mode & 0o007) !== 0);
  if (open.length > 0) {
    warnings.push(
      `this checkout is a worktree of the repository in ${path.dirname(history[1])}, whose other work trees hold the answers too and stay open to every user: ` +
        `${open.join(", ")}; close them (chmod -R go-rwx ${open.join(" ")}) or run the hub from a clone of its own`,
    );
  }
  const borrowed = borrowedObjects(history).filter((objects) => fs.existsSync(objects) && closedAncestors(objects).length === 0 && (fs.statSync(objects).mode & 0o005) !== 0);
  if (borrowed.length > 0) {
    warnings.push(
      `this checkout's history borrows objects from ${borrowed.join(", ")} (a clone made with --shared or --reference), which hold the solutions ` +
        `too and stay open to every user: close ${borrowed.length === 1 ? "it" : "them"} (chmod go-rwx ${borrowed.join(" ")}), or run the hub from a clone of its own ` +
        `(git repack -a -d, then delete .git/objects/info/alternates)`,
    );
  }
  return { closed, warnings };
}

/**
 * Every home in the homes folder is a folder, not a link (node_modules, the hub's link to the packages,
 * apart). A home put back as a link (restored from a backup, moved to another disk) was given to no one:
 * its files are not walked through a link, so they kept their old owner, while the link's target was
 * closed to all but that owner, and the user's server could not enter its home, the hub's start saying
 * nothing of it; an off-list one kept its old user id.
 */
function checkHomesAreFolders(layout) {
  const links = fs
    .readdirSync(layout.homesDir, { withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink() && entry.name !== "node_modules")
    .map((entry) => `${path.join(layout.homesDir, entry.name)} (to ${fs.readlinkSync(path.join(layout.homesDir, entry.name))})`);
  if (links.length > 0) {
    throw new Error(
      `each user's home must be a folder in ${layout.homesDir}, which the hub gives to the user's account, but ${links.join(", ")} ` +
        `${links.length === 1 ? "is a link" : "are links"}: move the folder itself there in place of the link (for a disk of their own, mount it at ${layout.homesDir})`,
    );
  }
}

/**
 * The homes of users no longer on the list, each given to its own account of this hub, or to root where
 * it has none (it gets her account back when she is listed again). Only listed users' homes were given
 * at a start, so an off-list home kept the user id it had: after the hub's folder was copied to another
 * machine, or her account was removed (userdel) and its id went to a new account, that id was a
 * classmate's, who opened her home by its name (homes/ is not listed, but names are known).
 * Returns [{ name, to }] for the homes given.
 */
function keepOffListHomesApart(layout, listed) {
  const onList = new Set(listed.map((user) => user.name));
  const ours = new Map(accountsOfHub(layout.root).map((account) => [account.name, account]));
  const given = [];
  for (const entry of fs.readdirSync(layout.homesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || onList.has(entry.name) || entry.name === "node_modules") continue;
    const home = path.join(layout.homesDir, entry.name);
    const { account, why } = ours.has(systemUserName(entry.name)) ? { account: ours.get(systemUserName(entry.name)) } : movedHubAccount(systemUserName(entry.name), layout.root);
    const owner = account ?? { name: "root", uid: 0, gid: 0 };
    if (fs.lstatSync(home).uid !== owner.uid) {
      chownTree(home, owner.uid, owner.gid);
      given.push({ name: entry.name, to: account ? `${owner.name}'s` : `root's: ${why}` });
    }
    fs.chmodSync(home, 0o700);
  }
  return given;
}

/**
 * What a probe of hub/ (a Python script printing "ok", or why not) says: null for "ok", else why not.
 * @param {string} script @param {string[]} args
 */
function probeFails(script, args = []) {
  const answer = spawnSync(venvPython, [fromRoot("hub", script), ...args], { encoding: "utf8" });
  const said = (answer.stdout ?? "").trim();
  return answer.status === 0 && said === "ok" ? null : said || (answer.stderr ?? "").trim().split("\n").at(-1) || `exit code ${answer.status}`;
}

/**
 * Whether the users' servers get a process list of their own account only (hub/private_proc.py,
 * tried in a child process as the spawner does it): { private: true }, or { private: false, why }.
 */
export function processListView() {
  const why = probeFails("private_proc.py");
  return why === null ? { private: true } : { private: false, why };
}

/**
 * Whether the kernels nbgrader starts from the instructor's server (`account`, { uid, gid }) run in a
 * network of their own (hub/grading_network.py): { own: true }, or { own: false, why }.
 */
export function gradingNetworkView(account) {
  const why = probeFails("grading_network.py", [String(account.uid), String(account.gid)]);
  return why === null ? { own: true } : { own: false, why };
}
