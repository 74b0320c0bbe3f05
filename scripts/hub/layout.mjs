// Where the hub keeps everything, under one folder (.hub/ unless told otherwise), and the
// folders made before it starts: every user's home, nbgrader's exchange, and the
// instructor's nbgrader course directory with one assignment per chapter.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { addAssignment, prepareCourseRoot } from "../../autograder/src/nbgrader/course-dir.mjs";
import { fromRoot, notebooksDir } from "../lib/paths.mjs";
import { writeHomePackage } from "../lib/workspace-package.mjs";
import { writeFileAtomic } from "../../autograder/src/util/atomic-write.mjs";
import { ownerAlive, startTicks } from "../../autograder/src/grade/work-folders.mjs";

export const COURSE_ID = "neural-mi";

export function hubLayout(dir, instructor) {
  const root = path.resolve(dir);
  const homesDir = path.join(root, "homes");
  return {
    root,
    homesDir,
    home: (name) => path.join(homesDir, name),
    exchangeDir: path.join(root, "exchange"),
    stateDir: path.join(root, "jupyterhub"),
    settingsFile: path.join(root, "jupyterhub", "settings.json"),
    logFile: path.join(root, "jupyterhub", "jupyterhub.log"),
    usersFile: path.join(root, "users.json"),
    passwordsFile: path.join(root, "passwords.csv"),
    // every user a start of this hub made its instructor (root's, with JupyterHub's state)
    instructorsFile: path.join(root, "jupyterhub", "instructors.json"),
    courseDir: path.join(homesDir, instructor, "course"),
    // each chapter's notebook as the checkout had it when the course took it (a hash per assignment)
    chaptersTakenFile: path.join(homesDir, instructor, "course", ".chapters-from-checkout.json"),
    // the process id of the `npm run hub` running this folder, while it runs
    lockFile: path.join(root, "hub.pid"),
    // the process id of the `npm run hub:add` adding students to it, while it runs
    addLockFile: path.join(root, "hub-add.pid"),
    // the process id of the `npm run hub:password` changing a password, while it runs
    passwordLockFile: path.join(root, "hub-password.pid"),
    // the process id of the `npm run hub` writing the hub's users, settings and gradebook, until it starts JupyterHub
    startingLockFile: path.join(root, "hub-starting.pid"),
  };
}

/** The assignments: one per chapter of notebooks/, named after its file (01-problem-formulation). */
export const chapters = () =>
  fs
    .readdirSync(notebooksDir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((file) => ({ file, assignment: file.replace(/\.ipynb$/, "") }));

/** The users earlier starts of this hub made its instructor, or undefined for a hub folder that kept none. */
export function pastInstructors(layout) {
  if (!fs.existsSync(layout.instructorsFile)) return undefined;
  let instructors;
  try {
    instructors = JSON.parse(fs.readFileSync(layout.instructorsFile, "utf8")).instructors;
  } catch {}
  if (!Array.isArray(instructors) || !instructors.every((name) => typeof name === "string")) {
    throw new Error(
      `${layout.instructorsFile} should list the users earlier starts made instructors ({"instructors": ["name", …]}), but it cannot be read so: ` +
        `write it again with the instructor's name (as {"instructors": ["<name>"]}), or remove it, and the hub then refuses any student whose home holds a course folder`,
    );
  }
  return instructors;
}

/** Remembers that this start made `name` the instructor (checkNoCourseInStudentHomes). */
export function rememberInstructor(layout, name) {
  const known = pastInstructors(layout) ?? [];
  if (known.includes(name)) return;
  writeFileAtomic(layout.instructorsFile, JSON.stringify({ instructors: [...known, name] }, null, 2) + "\n", { mode: 0o600 });
}

/**
 * A student's home must not hold a course folder that the hub made: one is there when an earlier
 * start made that user the instructor, and the student would own its source, answers and hidden
 * tests. Only a user the hub remembers as an instructor is refused so: any student could make a
 * folder named course in her home, and every later start of the hub failed for the whole class.
 * A hub folder that remembers no instructor (made before the hub kept them) refuses any.
 */
export function checkNoCourseInStudentHomes(layout, students) {
  const instructors = pastInstructors(layout);
  for (const name of students) {
    const course = path.join(layout.home(name), "course");
    if (fs.existsSync(course) && (instructors === undefined || instructors.includes(name))) {
      throw new Error(
        `"${name}" is a student, but ${course} holds a course folder (an earlier start made "${name}" the instructor), with the course's answers and hidden tests: ` +
          `start with --instructor ${name} as before, or move that folder out of the hub's homes before ${name} becomes a student`,
      );
    }
  }
}

/**
 * The course stays with the instructor who has it: a start naming an instructor with no course
 * folder, when an earlier instructor's home holds one, made a new, empty course, and the
 * formgrader showed none of the class's releases, submissions or grades (they stayed in the old
 * folder, unseen).
 */
export function checkCourseStaysWithInstructor(layout, instructor) {
  if (fs.existsSync(layout.courseDir)) return;
  const holder = (pastInstructors(layout) ?? []).findLast((name) => name !== instructor && fs.existsSync(path.join(layout.home(name), "course")));
  if (holder === undefined) return;
  const course = path.join(layout.home(holder), "course");
  throw new Error(
    `the course, with its releases, submissions and gradebook, is in ${course} (an earlier start made "${holder}" the instructor), and --instructor ${instructor} would start a new, empty one: ` +
      `start with --instructor ${holder} as before (the hub has one instructor, who keeps the course: README, "One course, one instructor")`,
  );
}

/**
 * What hub.pid says, given a moment to say it: a start makes the file and then writes its id, and a
 * second start at the same moment read it empty, took it for a dead hub's, and ran a second hub on the
 * folder. A file still empty after a second is a dead hub's (killed between the two).
 */
function heldBy(lockFile) {
  for (let waited = 0; ; waited += 50) {
    let text = "";
    try {
      text = fs.readFileSync(lockFile, "utf8").trim();
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
    if (text !== "" || waited >= 1000) return text;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/** The live process holding the lock `lockFile` (a pid file: `<pid> <start ticks>`), or undefined. */
function lockHolder(lockFile) {
  if (!fs.existsSync(lockFile)) return undefined;
  const [pidText, started] = heldBy(lockFile).split(" ");
  const pid = Number.parseInt(pidText, 10);
  return Number.isInteger(pid) && pid > 0 && ownerAlive({ pid, startTicks: started || undefined }) ? pid : undefined;
}

/** Makes this process the holder of `lockFile` until it exits; one held by a live process is `busy(pid)`, an error. */
function holdLock(lockFile, busy) {
  for (let tries = 0; ; tries++) {
    try {
      fs.writeFileSync(lockFile, `${process.pid} ${startTicks(process.pid) ?? ""}\n`, { flag: "wx", mode: 0o644 });
      break;
    } catch (error) {
      if (error.code !== "EEXIST" || tries > 2) throw error;
      const pid = lockHolder(lockFile);
      if (pid !== undefined) throw busy(pid);
      fs.rmSync(lockFile, { force: true });
    }
  }
  process.on("exit", () => {
    try {
      if (fs.readFileSync(lockFile, "utf8").split(" ")[0] === String(process.pid)) fs.rmSync(lockFile);
    } catch {}
  });
}

/**
 * Makes this process the one running the hub in `layout.root`, until it exits. A second `npm run
 * hub` on the same folder started a second JupyterHub on the same database, took over the first's
 * servers and rewrote its settings, and the Ctrl-C of either stopped every student's server.
 * A start while npm run hub:add adds students to the folder stops, naming it.
 * A folder left held by a process that is gone (killed, the machine stopped) is taken.
 */
export function holdHubFolder(layout) {
  fs.mkdirSync(layout.root, { recursive: true });
  holdLock(
    layout.lockFile,
    (pid) =>
      new Error(
        `another npm run hub (process ${pid}) is running the hub in ${layout.root}: use that one (its console says where it runs), ` +
          `or stop it (Ctrl-C in its console, or kill -INT ${pid}) before starting it again (the students' servers stop with it; their files stay)`,
      ),
  );
  // users.json, passwords.csv and the settings are the start's to write now; said before looking for an
  // npm run hub:add, which says it before looking for a start: of two at once, one sees the other
  holdLock(layout.startingLockFile, (pid) => new Error(`another npm run hub (process ${pid}) is starting the hub in ${layout.root}: wait for it`));
  refuseWhileChangingUsers(layout, "start again");
}

/** The start has written the hub's users, settings and gradebook: npm run hub:add may add to them from now on. */
export function startWritten(layout) {
  fs.rmSync(layout.startingLockFile, { force: true });
}

/**
 * Makes this process the one adding students to the hub in `layout.root` (npm run hub:add), until it exits: two at
 * once gave one student two passwords, the first printed one refused. Refused while a start writes the hub's files.
 */
export function holdAddingStudents(layout) {
  holdLock(layout.addLockFile, (pid) => new Error(`another npm run hub:add (process ${pid}) is adding students to the hub in ${layout.root}: wait for it to end, then run this one again`));
  refuseWhileChangingUsers(layout, "run this one again", layout.addLockFile);
  refuseWhileStarting(layout);
}

/**
 * Makes this process the one changing a password on the hub in `layout.root` (npm run hub:password), until it exits.
 * Each of hub:add, hub:password and a start reads users.json and writes it back whole: two at once kept only the
 * last one's change (a student added meanwhile had no password that logged in; a new password was lost, the old one
 * still letting in whoever had learnt it).
 */
export function holdChangingPassword(layout) {
  holdLock(layout.passwordLockFile, (pid) => new Error(`another npm run hub:password (process ${pid}) is changing a password on the hub in ${layout.root}: wait for it to end, then run this one again`));
  refuseWhileChangingUsers(layout, "run this one again", layout.passwordLockFile);
  refuseWhileStarting(layout);
}

/**
 * Stops a command while npm run hub:add or hub:password writes users.json. Each says it holds its own lock before
 * looking for the others': of two at once, one sees the other. `ownLock`: the lock file this process holds, not looked at.
 */
function refuseWhileChangingUsers(layout, then, ownLock) {
  const others = [
    [layout.addLockFile, "npm run hub:add", "adding students to"],
    [layout.passwordLockFile, "npm run hub:password", "changing a password on"],
  ];
  for (const [lockFile, command, doing] of others.filter(([lockFile]) => lockFile !== ownLock)) {
    const pid = lockHolder(lockFile);
    if (pid !== undefined) throw new Error(`${command} (process ${pid}) is ${doing} the hub in ${layout.root}: wait for it to end, then ${then}`);
  }
}

/**
 * Stops a command that changes the hub's users while a start writes users.json, the settings and the gradebook
 * from its own list: what it wrote meanwhile was lost (a student added, or a new password, the old one still
 * letting in whoever had learnt it).
 */
export function refuseWhileStarting(layout) {
  const starting = lockHolder(layout.startingLockFile);
  if (starting !== undefined) {
    throw new Error(`npm run hub (process ${starting}) is starting the hub in ${layout.root}, writing its users and settings: wait until it says "The course hub is running", then run this again`);
  }
}

const EXCHANGE_KINDS = {
  collect: "Collect",
  submit: "Submit",
  release_assignment: "ReleaseAssignment",
  fetch_assignment: "FetchAssignment",
  release_feedback: "ReleaseFeedback",
  fetch_feedback: "FetchFeedback",
  list: "List",
};

/** The course folder's settings for nbgrader run in a shell of the machine, not on the hub: its exchange commands stop, naming where to run them. */
function outsideHubConfig() {
  return [
    "# Run outside the hub (its settings not in the environment), nbgrader's exchange commands stop and say where to run them (hub/outside_hub.py).",
    "import os, sys",
    `sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})`,
    "import outside_hub",
    "# as root in the instructor's folder (a hub that gives each user an account), nbgrader stops before it writes anything",
    "outside_hub.stop_if_root_in_others_course(c.CourseDirectory.root)",
    'if "NEURAL_MI_HUB_EXCHANGE" not in os.environ:',
    ...Object.entries(EXCHANGE_KINDS).map(([kind, name]) => `    c.ExchangeFactory.${kind} = "outside_hub.OutsideExchange${name}"`),
  ];
}

/**
 * Moves away a folder (or file) found where the homes' link to the course's packages belongs, and returns where
 * to, or undefined. An npm install in a home that held no package.json of its own (before prepareHubFolders gave
 * each one) took the homes' folder for its project and put a folder of its packages in place of the link: no
 * user's notebook found neural-mi, and every later start kept that folder as it was.
 */
export function movePackagesFolderOfHomes(layout) {
  const modules = path.join(layout.homesDir, "node_modules");
  const entry = fs.lstatSync(modules, { throwIfNoEntry: false });
  if (!entry || entry.isSymbolicLink()) return undefined;
  fs.mkdirSync(layout.stateDir, { recursive: true });
  const to = path.join(layout.stateDir, `homes-node_modules.moved-${Date.now()}`);
  fs.renameSync(modules, to);
  return to;
}

/** Each user's home, with the package.json through which her notebooks find the course's packages (at a start, and npm run hub:add). */
export function prepareHomes(layout, userNames) {
  for (const name of userNames) {
    fs.mkdirSync(layout.home(name), { recursive: true });
    writeHomePackage(layout.home(name));
  }
}

/**
 * Makes the folders the hub needs. The course directory keeps what the instructor changed:
 * a chapter whose source/<assignment>/ exists is left as it is. Returns the assignments added.
 */
export function prepareHubFolders(layout, userNames) {
  for (const dir of [layout.exchangeDir, layout.stateDir]) fs.mkdirSync(dir, { recursive: true });
  prepareHomes(layout, userNames);
  // nbgrader wants its exchange writable by everyone (each user submits into it); it would
  // change the mode itself, with a warning, on the first release.
  fs.chmodSync(layout.exchangeDir, 0o777);
  // Notebooks anywhere under the homes import `neural-mi` from this checkout's packages
  // (the homes folder may lie outside the checkout).
  // A link made by an earlier start points to that start's checkout: a hub folder moved with
  // the checkout, or copied to another machine, held a link to where the packages no longer are
  // (the start failed, "EEXIST"), or to another copy of the course; it is made again.
  const modules = path.join(layout.homesDir, "node_modules");
  const packages = fromRoot("node_modules");
  let linked;
  try {
    linked = fs.readlinkSync(modules);
  } catch {}
  if (linked !== packages) {
    if (linked !== undefined) fs.unlinkSync(modules);
    if (!fs.existsSync(modules)) fs.symlinkSync(packages, modules, "dir");
  }
  prepareCourseRoot(layout.courseDir, COURSE_ID, outsideHubConfig());
  const added = [];
  for (const { file, assignment } of chapters()) {
    if (fs.existsSync(path.join(layout.courseDir, "source", assignment))) continue;
    addAssignment(layout.courseDir, assignment, [file], notebooksDir);
    added.push(assignment);
  }
  return added;
}

const fileHash = (file) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/**
 * The chapters whose notebook in the checkout changed since the course took it (a hidden test
 * fixed in an update of the checkout): source/<assignment>/ is never overwritten, so the course went
 * on with the old one and nothing said so. Each change is returned once, at the first start that
 * sees it; a chapter whose source the course has not taken from this checkout's version (changed by
 * the instructor, in a course made before this record) is remembered once it matches the checkout.
 */
export function checkoutChaptersChanged(layout) {
  let taken = {};
  try {
    taken = JSON.parse(fs.readFileSync(layout.chaptersTakenFile, "utf8"));
  } catch {}
  const changed = [];
  for (const { file, assignment } of chapters()) {
    const source = path.join(layout.courseDir, "source", assignment, file);
    if (!fs.existsSync(source)) continue;
    const checkout = fileHash(path.join(notebooksDir, file));
    if (taken[assignment] === undefined) {
      if (fileHash(source) === checkout) taken[assignment] = checkout;
    } else if (taken[assignment] !== checkout) {
      if (fileHash(source) !== checkout) changed.push(assignment);
      taken[assignment] = checkout;
    }
  }
  writeFileAtomic(layout.chaptersTakenFile, JSON.stringify(taken, null, 2) + "\n");
  return changed;
}
