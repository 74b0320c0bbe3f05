// The course hub's users (scripts/hub/users.mjs): passwords made once and kept, names that
// JupyterHub and nbgrader's exchange can use, and clear errors for the others.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { spawn, spawnSync } from "node:child_process";
import { checkNoCourseInStudentHomes, holdHubFolder, startWritten, hubLayout, prepareHomes, prepareHubFolders, rememberInstructor } from "../../scripts/hub/layout.mjs";
import { carryOver, readRenames } from "../../scripts/hub/renamed.mjs";
import { changePassword, checkUserName, courseUsers, writePasswordsFile } from "../../scripts/hub/users.mjs";
import { repoRoot } from "../../scripts/lib/paths.mjs";

const folders = [];
const usersFile = () => {
  folders.push(fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-users-")));
  return path.join(folders.at(-1), "users.json");
};
after(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

test("each user gets a password of their own, kept for the next start, in a file only its owner reads", () => {
  const file = usersFile();
  const first = courseUsers({ file, instructor: "prof", students: ["ana", "ben"] });
  assert.deepEqual(first.map((u) => [u.name, u.role]), [["prof", "instructor"], ["ana", "student"], ["ben", "student"]]);
  assert.equal(new Set(first.map((u) => u.password)).size, 3);
  for (const user of first) assert.match(user.password, /^[A-Za-z0-9_-]{12}$/);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);

  const again = courseUsers({ file, instructor: "prof", students: ["ana", "ben", "chloe"] });
  assert.deepEqual(again.slice(0, 3).map((u) => u.password), first.map((u) => u.password), "returning users keep their passwords");
  assert.ok(!first.some((u) => u.password === again[3].password), "a new student gets a new one");

  // A student left out of one start keeps the password for a later one.
  courseUsers({ file, instructor: "prof", students: ["ana"] });
  assert.equal(courseUsers({ file, instructor: "prof", students: ["ana", "ben"] })[2].password, first[2].password);
});

test("names the hub cannot use are refused with what to use instead", () => {
  for (const bad of ["Alice", "al+ice", "1st", "", "a".repeat(29), "al ice"]) {
    assert.throws(() => checkUserName(bad, "--students:"), /is not a usable user name( \(.*\))?: use 1 to 28 lower-case letters, digits, "-" or "_", starting with a letter/);
  }
  // as the class list's report says: hub:add Dana, --students "Ben Li", --graders tom@uni.example
  assert.throws(() => checkUserName("Dana", "hub:add:"), /"Dana" is not a usable user name \(lower-case: dana\)/);
  assert.throws(() => checkUserName("Ben Li", "--students:"), /"Ben Li" is not a usable user name \(a person's name, .* such as ben_li\)/);
  assert.throws(() => checkUserName("tom@uni.example", "--graders:"), /\(an e-mail address: .*the part before the @\)/);
  assert.equal(checkUserName("ana-2_b", "--students:"), "ana-2_b");
  // the longest: its system account, nmi- and the name, is Linux's longest (32)
  assert.equal(checkUserName("a".repeat(28), "--students:"), "a".repeat(28));
  // a home of that name would be where every home's notebooks look up their packages
  assert.throws(() => checkUserName("node_modules", "--students:"), /"node_modules" is the name of a folder the hub's homes need/);
  assert.throws(() => courseUsers({ file: usersFile(), instructor: "ana", students: ["ana"] }), /"ana" is named twice among the hub's users/);
});

test("a start refused for its users makes nothing for them, and no student gets a home holding a course folder", () => {
  const dir = path.dirname(usersFile());
  const hub = (...args) => spawnSync(process.execPath, [path.join(repoRoot, "scripts", "hub.mjs"), "--dir", dir, "--one-user", ...args], { encoding: "utf8" });
  const twice = hub("--instructor", "ana", "--students", "ana");
  assert.equal(twice.status, 2, twice.stderr);
  assert.match(twice.stderr, /"ana" is named twice among the hub's users/);
  assert.deepEqual(fs.readdirSync(dir), [], "nothing made: no homes, no course folder");
  // a restart mid-semester on a class list edited with typos, the instructor's own row of the learning platform's export
  // among them: every line named with its fix at once (the instructor's row read "named twice", naming no line)
  const roster = path.join(path.dirname(dir), `${path.basename(dir)}.csv`);
  folders.push(roster);
  fs.writeFileSync(roster, "Name,Login,Role\nAna Doe,ana,Student\nProf Tia,tia,Teacher\nBen Roe,Ben,Student\nAna Doe,ana,Student\nRoot,root,Student\n");
  const typos = hub("--instructor", "tia", "--students-file", roster);
  assert.equal(typos.status, 2, typos.stderr);
  assert.match(typos.stderr, /line 4: "Ben" \(lower-case: ben\)/);
  assert.match(typos.stderr, /"ana" on lines 2, 5/);
  assert.match(typos.stderr, /1 line\(s\) name the instructor \(--instructor tia\), who has no student's account: take the line out of the class list, or start with another --instructor:\n\s+line 3: "tia"/);
  assert.doesNotMatch(typos.stderr, /line 6/, "root is a student's name like any other: her account is nmi-root");
  assert.deepEqual(fs.readdirSync(dir), [], "nothing made or changed");
  // a rename whose new name is not on the list
  const offList = hub("--students", "ana,ben", "--renamed", "alice=alice-lee");
  assert.equal(offList.status, 2, offList.stderr);
  assert.match(offList.stderr, /--renamed alice=alice-lee: alice-lee is not on the class list; put the new name on it/);
  assert.deepEqual(fs.readdirSync(dir), []);
  // a teaching assistant beside the instructor: the hub has one; a teaching assistant is a grader
  const two = hub("--instructor", "prof,ta", "--students", "ana");
  assert.equal(two.status, 2, two.stderr);
  assert.match(two.stderr, /--instructor prof,ta names more than one: the hub has one instructor, who holds the course and its formgrader\. Teaching assistants who grade there are graders: --instructor prof --graders ta \(README: "Graders"\)/);
  assert.deepEqual(fs.readdirSync(dir), []);
  // a grader is not also a student, nor the instructor
  for (const [graders, twice] of [["ana", "ana"], ["prof", "prof"]]) {
    const both = hub("--instructor", "prof", "--students", "ana", "--graders", graders);
    assert.equal(both.status, 2, both.stderr);
    assert.match(both.stderr, new RegExp(`"${twice}" is named twice among the hub's users; give each user once`));
  }
  assert.match(hub("--instructor", "prof", "--students", "ana", "--graders", ",").stderr, /--graders names no one: give the teaching assistants' user names/);
  assert.deepEqual(fs.readdirSync(dir), []);

  // an earlier start made "ana" the instructor: her home holds the course's source
  prepareHubFolders(hubLayout(dir, "ana"), ["ana"]);
  const source = path.join(dir, "homes", "ana", "course", "source");
  assert.ok(fs.readdirSync(source).length > 0);
  const demoted = hub("--instructor", "prof", "--students", "ana,ben");
  assert.equal(demoted.status, 2, demoted.stderr);
  assert.match(demoted.stderr, /"ana" is a student, but .*homes\/ana\/course holds a course folder .* start with --instructor ana as before, or move that folder/);
  assert.equal(fs.existsSync(path.join(dir, "homes", "prof")), false, "nothing made for the new start");
  assert.equal(fs.existsSync(path.join(dir, "users.json")), false);
});

test("a folder named course that a student made in her home does not stop the hub's start; the course folder of a past instructor does", () => {
  const dir = path.dirname(usersFile());
  const layout = hubLayout(dir, "prof");
  prepareHubFolders(layout, ["prof", "ana", "ben"]);
  rememberInstructor(layout, "prof");
  // any student can make one: every later start failed for the whole class
  fs.mkdirSync(path.join(layout.home("ana"), "course", "source"), { recursive: true });
  assert.doesNotThrow(() => checkNoCourseInStudentHomes(layout, ["ana", "ben"]));

  // ben was the instructor of an earlier start: his home holds the course's source
  const earlier = hubLayout(dir, "ben");
  prepareHubFolders(earlier, ["ben"]);
  rememberInstructor(earlier, "ben");
  assert.throws(() => checkNoCourseInStudentHomes(layout, ["ana", "ben"]), /"ben" is a student, but .*homes\/ben\/course holds a course folder/);
  assert.equal(fs.statSync(layout.instructorsFile).mode & 0o777, 0o600);
});

test("the hub's list of past instructors, damaged, stops the start with its path and the fix; written again, it is whole and root's alone", () => {
  const dir = path.dirname(usersFile());
  const layout = hubLayout(dir, "prof");
  prepareHubFolders(layout, ["prof", "ana"]);
  // cut short by a full disk or a crash
  fs.writeFileSync(layout.instructorsFile, '{"instructors": ["pr');
  assert.throws(
    () => checkNoCourseInStudentHomes(layout, ["ana"]),
    (error) => error.message.includes(layout.instructorsFile) && /cannot be read so: write it again with the instructor's name .* or remove it/.test(error.message),
  );
  fs.writeFileSync(layout.instructorsFile, JSON.stringify({ instructors: "prof" }));
  assert.throws(() => rememberInstructor(layout, "prof"), /should list the users earlier starts made instructors/);

  fs.rmSync(layout.instructorsFile);
  rememberInstructor(layout, "prof");
  rememberInstructor(layout, "ben");
  assert.deepEqual(JSON.parse(fs.readFileSync(layout.instructorsFile, "utf8")), { instructors: ["prof", "ben"] });
  assert.equal(fs.statSync(layout.instructorsFile).mode & 0o777, 0o600);
  assert.deepEqual(fs.readdirSync(layout.stateDir).filter((name) => name.endsWith(".tmp")), [], "no temporary file left beside it");
});

test("a start naming another instructor is refused while an earlier instructor holds the course: nothing new is made, the course stays where it is", () => {
  const dir = path.dirname(usersFile());
  const layout = hubLayout(dir, "instructor");
  prepareHubFolders(layout, ["instructor", "ana"]);
  rememberInstructor(layout, "instructor");
  // the semester's grades and submissions, in the instructor's course folder
  fs.writeFileSync(path.join(layout.courseDir, "gradebook.db"), "week 6's grades");
  // A guard, not a measure: without the check this start would run a hub.
  const start = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "hub.mjs"), "--dir", dir, "--one-user", "--port", "0", "--instructor", "prof", "--students", "ana"], { encoding: "utf8", timeout: 120_000, killSignal: "SIGINT" });
  assert.equal(fs.existsSync(path.join(dir, "homes", "prof", "course")), false, "no new, empty course for prof");
  assert.equal(start.status, 2, start.stderr);
  assert.ok(start.stderr.includes(`the course, with its releases, submissions and gradebook, is in ${layout.courseDir} (an earlier start made "instructor" the instructor)`), start.stderr);
  assert.match(start.stderr, /--instructor prof would start a new, empty one: start with --instructor instructor as before/);
  assert.equal(fs.readFileSync(path.join(layout.courseDir, "gradebook.db"), "utf8"), "week 6's grades");
});

test("the hub's folder moved with its checkout, or copied to another machine: the homes' link to the packages is made again", () => {
  const dir = path.dirname(usersFile());
  const layout = hubLayout(dir, "prof");
  const modules = path.join(layout.homesDir, "node_modules");
  fs.mkdirSync(layout.homesDir, { recursive: true });
  // made by a start from a checkout that is elsewhere now
  fs.symlinkSync("/old/checkout/node_modules", modules, "dir");
  prepareHubFolders(layout, ["prof", "ana"]);
  assert.equal(fs.readlinkSync(modules), path.join(repoRoot, "node_modules"));
  assert.ok(fs.existsSync(path.join(modules, "neural-mi")), "the homes' notebooks find neural-mi");
  prepareHubFolders(layout, ["prof", "ana"]);
  assert.equal(fs.readlinkSync(modules), path.join(repoRoot, "node_modules"), "a start from the same checkout keeps it");
});

test("a hub.pid left by a hub that is gone is taken over: its process ended, or its id now another process's", () => {
  const layout = hubLayout(path.dirname(usersFile()), "prof");
  // the hub was killed (kill -9, the machine stopped), and its process id is free, or taken by
  // another process since (this one, started at another time)
  for (const left of ["999999999 42\n", `${process.pid} 1\n`]) {
    fs.writeFileSync(layout.lockFile, left);
    assert.doesNotThrow(() => holdHubFolder(layout));
    assert.equal(fs.readFileSync(layout.lockFile, "utf8").split(" ")[0], String(process.pid));
    fs.rmSync(layout.lockFile);
    startWritten(layout);
    assert.equal(fs.existsSync(layout.startingLockFile), false, "an add may go on once the start has written the hub's files");
  }
});

test("a new password for a student taken off the list says that no password logs her in until a start lists her again", () => {
  const file = usersFile();
  const dir = path.dirname(file);
  courseUsers({ file, instructor: "prof", students: ["ana", "ben"] });
  // a later start without ben: passwords.csv holds those on the list
  writePasswordsFile(path.join(dir, "passwords.csv"), courseUsers({ file, instructor: "prof", students: ["ana"] }));
  const change = (name) => spawnSync(process.execPath, [path.join(repoRoot, "scripts", "hub-password.mjs"), name, "--dir", dir], { encoding: "utf8" });
  const ben = change("ben");
  assert.equal(ben.status, 0, ben.stderr);
  assert.match(ben.stdout, /hub: ben is not on the hub's list \(taken off at an earlier start\), so no password logs in: the new one does once a start lists ben again/);
  assert.doesNotMatch(ben.stdout, /the running hub takes it at once/);
  const ana = change("ana");
  assert.match(ana.stdout, /the running hub takes it at once .*passwords\.csv has the new one/);
});

test("a new password for a student on the list whose passwords.csv row it cannot read (saved by a spreadsheet) says so, not that she was taken off the list", () => {
  const file = usersFile();
  const dir = path.dirname(file);
  const users = courseUsers({ file, instructor: "prof", students: ["ana"] });
  // the last start's settings list ana; passwords.csv was opened in a spreadsheet and saved with semicolons
  fs.mkdirSync(path.join(dir, "jupyterhub"), { recursive: true });
  fs.writeFileSync(path.join(dir, "jupyterhub", "settings.json"), JSON.stringify({ users: users.map(({ name, role }) => ({ name, role })) }));
  fs.writeFileSync(path.join(dir, "passwords.csv"), `user;role;password\r\n${users.map((u) => `${u.name};${u.role};${u.password}`).join("\r\n")}\r\n`);
  const run = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "hub-password.mjs"), "ana", "--dir", dir], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  // before: "ana is not on the hub's list (taken off at an earlier start), so no password logs in"
  assert.doesNotMatch(run.stdout, /not on the hub's list/);
  assert.match(run.stdout, /the running hub takes it at once .*passwords\.csv has no row for ana that this command reads \(changed by hand, or saved by a spreadsheet\?\), so it still holds the old one: hand out the one above/);
});

test("a hub.pid another start has just made, its id not yet written, is not taken for a dead hub's", () => {
  const layout = hubLayout(path.dirname(usersFile()), "prof");
  // a second `npm run hub` at the same moment: the first has made the file and writes its id 100 ms later
  fs.writeFileSync(layout.lockFile, "");
  const first = spawn(process.execPath, ["-e", `setTimeout(() => require("fs").writeFileSync(${JSON.stringify(layout.lockFile)}, process.pid + " " + require("fs").readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ")[19] + "\\n"), 100); setTimeout(() => {}, 5000)`]);
  try {
    // before: the empty file was taken for a dead hub's, removed, and a second hub ran on the folder
    assert.throws(() => holdHubFolder(layout), new RegExp(`another npm run hub \\(process ${first.pid}\\) is running the hub in`));
  } finally {
    first.kill("SIGKILL");
    fs.rmSync(layout.lockFile, { force: true });
  }
});

// `sudo npm run hub:password` on a hub another account started made users.json root's (0600): that hub could no longer
// read it, so the new password it printed was refused, and the hub's next start stopped at EACCES.
test("a password changed as root keeps users.json its owner's, whom the hub runs as", { skip: process.getuid?.() !== 0 && "only root changes another account's file" }, () => {
  const file = usersFile();
  courseUsers({ file, instructor: "prof", students: ["ana"] });
  fs.chmodSync(path.dirname(file), 0o755);
  fs.chownSync(file, 65534, 65534);
  // the hub folder's owner put a link at the name root's write took (users.json.<pid>.partial), to a file of root's
  const victim = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-victim-")), "root-only");
  folders.push(path.dirname(victim));
  fs.writeFileSync(victim, "root's", { mode: 0o644 });
  fs.symlinkSync(victim, `${file}.${process.pid}.partial`);
  const fresh = changePassword(file, "ana");
  const after = fs.statSync(file);
  assert.deepEqual([after.uid, after.gid, after.mode & 0o777], [65534, 65534, 0o600]);
  const untouched = fs.statSync(victim);
  assert.deepEqual([fs.readFileSync(victim, "utf8"), untouched.uid, untouched.mode & 0o777], ["root's", 0, 0o644], "root wrote nothing through the link");
  const asOwner = spawnSync(process.execPath, ["-e", `process.stdout.write(require("fs").readFileSync(${JSON.stringify(file)}, "utf8"))`], { uid: 65534, gid: 65534, encoding: "utf8" });
  assert.equal(asOwner.status, 0, asOwner.stderr);
  assert.equal(JSON.parse(asOwner.stdout).users.find((u) => u.name === "ana").password, fresh);
});

// alice's graded submission of a chapter, the new name enrolled by a start (no submissions), and gus's and hal's graded work
const MAKE_GRADEBOOK = `
import sys
sys.path.insert(0, ${JSON.stringify(path.join(repoRoot, "autograder", "src", "nbgrader"))})
from gradebook_version import gradebook_version_in_process
gradebook_version_in_process()
from nbgrader.api import Gradebook
with Gradebook("sqlite:///" + sys.argv[1], course_id="neural-mi") as gb:
    gb.add_assignment("ch1")
    gb.add_notebook("nb", "ch1")
    gb.add_grade_cell("why", "nb", "ch1", max_score=5, cell_type="markdown")
    for student in ("alice", "alice-lee", "gus", "hal"):
        gb.add_student(student, **({"first_name": "Alice"} if student == "alice" else {}))
    for student in ("alice", "gus", "hal"):
        gb.add_submission("ch1", student)
        grade = gb.find_grade("why", "nb", "ch1", student)
        grade.manual_score = 4 if student == "alice" else 2
    gb.db.commit()
print("{}")
`;
// who has which submission and score, and the students' rows, read as the formgrader's tables hold them
const READ_GRADEBOOK = `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(json.dumps({
    "scores": db.execute("SELECT s.student_id, g.manual_score FROM submitted_assignment s JOIN submitted_notebook n ON n.assignment_id = s.id JOIN grade g ON g.notebook_id = n.id ORDER BY s.student_id").fetchall(),
    "students": db.execute("SELECT id, first_name FROM student ORDER BY id").fetchall(),
}))
`;
const gradebookPython = (script, db) => {
  const run = spawnSync(path.join(repoRoot, ".venv", "bin", "python"), ["-c", script, db], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
};

test("a student renamed mid-semester: --renamed carries her home, password, gradebook record, course folders and waiting submissions to the new name; a new name with a home, folders or grades of its own is refused, nothing moved", () => {
  const dir = path.dirname(usersFile());
  const layout = hubLayout(dir, "prof");
  prepareHubFolders(layout, ["prof", "alice", "ben"]);
  const [, alice] = courseUsers({ file: layout.usersFile, instructor: "prof", students: ["alice", "ben"] });
  fs.mkdirSync(path.join(layout.home("alice"), "01-problem-formulation"));
  fs.writeFileSync(path.join(layout.home("alice"), "01-problem-formulation", "01-problem-formulation.ipynb"), "her work");
  assert.throws(() => readRenames("alice=alice-lee", { instructor: "prof", students: ["alice", "alice-lee"] }), /alice is still on the class list; take the old name off it/);
  assert.throws(() => readRenames("prof=tia", { instructor: "prof", students: ["tia"] }), /prof is the instructor/);
  assert.throws(() => readRenames("alice", { instructor: "prof", students: ["ben"] }), /give the old name and the new one as old=new/);
  const renames = readRenames("alice=alice-lee", { instructor: "prof", students: ["alice-lee", "ben"] });
  // the new name's home made already by a start that listed her (the hub's own files only)
  prepareHubFolders(layout, ["alice-lee"]);
  // her place in the course: graded in the gradebook, her folders, a submission collected and one waiting in inbound
  const db = path.join(layout.courseDir, "gradebook.db");
  gradebookPython(MAKE_GRADEBOOK, db);
  const course = (...parts) => path.join(layout.courseDir, ...parts);
  for (const step of ["submitted", "autograded", "feedback"]) {
    fs.mkdirSync(course(step, "alice", "ch1"), { recursive: true });
    fs.writeFileSync(course(step, "alice", "ch1", "timestamp.txt"), step);
  }
  const inbound = path.join(layout.exchangeDir, "neural-mi", "inbound");
  const [first, second] = ["2026-01-01 10:00:00.000000 UTC+r1", "2026-01-02 10:00:00.000000 UTC+r2"].map((rest) => `alice+ch1+${rest}`);
  for (const name of [first, second]) {
    fs.mkdirSync(path.join(inbound, name, "inner"), { recursive: true });
    fs.writeFileSync(path.join(inbound, name, "inner", "nb.ipynb"), name);
  }
  // a classmate's folder named for her, on a hub with an account per user: not hers, left as it is (as root only:
  // giving it to another account takes root)
  const asRoot = process.getuid() === 0;
  const decoy = "alice+ch1+2026-01-03 10:00:00.000000 UTC+decoy";
  if (asRoot) {
    fs.mkdirSync(path.join(inbound, decoy));
    fs.chownSync(path.join(inbound, decoy), 65534, 65534);
  }
  fs.mkdirSync(course(".collected"));
  fs.writeFileSync(course(".collected", "ch1.json"), JSON.stringify({ alice: { collected: [first], seen: [second] }, ben: { collected: [], seen: [] } }));
  const me = process.getuid();
  const given = [];
  // her new account: another than the old one where the test may give folders away (as root)
  const newUid = asRoot ? 65534 : me;
  const accounts = { uidOf: (name) => (name === "alice" ? me : undefined), give: (name) => given.push(name) && { uid: newUid } };

  assert.deepEqual(carryOver(layout, renames, { accounts }), [
    `alice's home and password are alice-lee's now (${layout.home("alice-lee")}), and so are her gradebook record (1 submission(s), with their grades), ` +
      `her folders in the course (submitted, autograded, feedback) and 2 submission(s) waiting in the exchange, collected under alice-lee from now on`,
  ]);
  assert.equal(fs.readFileSync(path.join(layout.home("alice-lee"), "01-problem-formulation", "01-problem-formulation.ipynb"), "utf8"), "her work");
  assert.equal(fs.existsSync(layout.home("alice")), false);
  const users = courseUsers({ file: layout.usersFile, instructor: "prof", students: ["alice-lee", "ben"] });
  assert.equal(users[1].password, alice.password, "she logs in with the password she was given");
  // the formgrader shows her grade under her new name, with the name she had; the old name is gone
  assert.deepEqual(gradebookPython(READ_GRADEBOOK, db), {
    scores: [["alice-lee", 4], ["gus", 2], ["hal", 2]],
    students: [["alice-lee", "Alice"], ["gus", null], ["hal", null]],
  });
  for (const step of ["submitted", "autograded", "feedback"]) {
    assert.equal(fs.readFileSync(course(step, "alice-lee", "ch1", "timestamp.txt"), "utf8"), step);
    assert.equal(fs.existsSync(course(step, "alice")), false);
  }
  const renamedName = (name) => name.replace(/^alice\+/, "alice-lee+");
  assert.deepEqual(fs.readdirSync(inbound).sort(), [...(asRoot ? [decoy] : []), ...[first, second].map(renamedName)].sort());
  assert.equal(fs.readFileSync(path.join(inbound, renamedName(first), "inner", "nb.ipynb"), "utf8"), first, "her work as she handed it in");
  assert.deepEqual(given, ["alice-lee"]);
  assert.equal(fs.lstatSync(path.join(inbound, renamedName(second))).uid, newUid, "her folders are given to her new account, whose folders collect takes");
  // what collects took of hers, under her new name; what collect holds the renamed folders' change times to
  assert.deepEqual(JSON.parse(fs.readFileSync(course(".collected", "ch1.json"), "utf8")), { ben: { collected: [], seen: [] }, "alice-lee": { collected: [renamedName(first)], seen: [renamedName(second)] } });
  const renamedRecord = JSON.parse(fs.readFileSync(course(".renamed-submissions.json"), "utf8"));
  assert.equal(renamedRecord[renamedName(first)].was, first);
  assert.equal(renamedRecord[renamedName(first)].changed_ns, String(fs.lstatSync(path.join(inbound, renamedName(first)), { bigint: true }).ctimeNs));
  assert.ok(BigInt(renamedRecord[renamedName(first)].was_changed_ns) < BigInt(renamedRecord[renamedName(first)].changed_ns));

  // the next start with the option still given: said and left
  assert.match(carryOver(layout, renames, { accounts })[0], /--renamed alice=alice-lee: carried over at an earlier start \(alice has no home here, nor anything in the course\): nothing to do; the option may go/);
  // two people's work is not merged: a new home with files, course folders or gradebook submissions of its own
  prepareHubFolders(layout, ["carl", "dan", "eve", "fay", "gus", "hal"]);
  courseUsers({ file: layout.usersFile, instructor: "prof", students: ["alice-lee", "ben", "carl", "dan", "eve", "fay", "gus", "hal"] });
  fs.writeFileSync(path.join(layout.home("dan"), "notes.txt"), "dan's");
  assert.throws(() => carryOver(layout, [{ from: "carl", to: "dan" }]), /--renamed carl=dan: .*dan holds files already \(notes\.txt\): move what dan needs into .*carl, remove .*dan, and start again/);
  assert.equal(fs.existsSync(layout.home("carl")), true, "nothing moved");
  fs.mkdirSync(course("autograded", "fay", "ch1"), { recursive: true });
  assert.throws(() => carryOver(layout, [{ from: "eve", to: "fay" }]), /--renamed eve=fay: fay has submissions or grades of its own already \(.*autograded\/fay\): two people's work is not merged/);
  assert.throws(() => carryOver(layout, [{ from: "gus", to: "hal" }]), /--renamed gus=hal: hal has submissions in the gradebook already \(ch1\) \(.*gradebook\.db\): two people's work is not merged; nothing was changed/);
  assert.equal(fs.existsSync(layout.home("gus")), true, "nothing moved");
  assert.deepEqual(gradebookPython(READ_GRADEBOOK, db).students.map(([id]) => id), ["alice-lee", "gus", "hal"]);
  // a start cut short after her home moved: the next moves the rest, what the new name holds being hers
  fs.mkdirSync(layout.home("jo"));
  fs.mkdirSync(course("submitted", "jo", "ch1"), { recursive: true });
  fs.mkdirSync(course("feedback", "ivy", "ch1"), { recursive: true });
  fs.writeFileSync(course(".collected", "ch2.json"), JSON.stringify({ jo: { collected: ["jo+ch2+t1+r1"], seen: [] }, ivy: { collected: ["ivy+ch2+t2+r2"], seen: [] } }));
  assert.deepEqual(carryOver(layout, [{ from: "ivy", to: "jo" }]), ["--renamed ivy=jo: her home was carried over at an earlier start; now her folders in the course (feedback) are jo's too"]);
  assert.equal(fs.existsSync(course("feedback", "jo", "ch1")), true);
  assert.deepEqual(JSON.parse(fs.readFileSync(course(".collected", "ch2.json"), "utf8")), { jo: { collected: ["jo+ch2+t1+r1", "jo+ch2+t2+r2"], seen: [] } });
});

test("a renamed student's submissions waiting in the exchange, which she owns, cannot turn root's carry-over against the start or the machine: folders nested past the longest path, a name taken before her rename, a folder swapped for a link just after its rename", () => {
  const dir = path.dirname(usersFile());
  const layout = hubLayout(dir, "prof");
  prepareHomes(layout, ["prof", "kim"]);
  courseUsers({ file: layout.usersFile, instructor: "prof", students: ["kim"] });
  const inbound = path.join(layout.exchangeDir, "neural-mi", "inbound");
  const [nested, taken, swapped] = ["r1", "r2", "r3"].map((random) => `kim+ch1+2026-01-01 10:00:00.000000 UTC+${random}`);
  for (const name of [nested, taken, swapped]) fs.mkdirSync(path.join(inbound, name), { recursive: true });
  // 30 folders of 200 characters: past PATH_MAX (4096), where root's walk by full paths failed (ENAMETOOLONG) and the
  // hub did not start for anyone
  const nest = spawnSync("bash", ["-c", 'cd "$1" && for i in $(seq 30); do mkdir "$2" && cd "$2" || exit 1; done', "nest", path.join(inbound, nested), "d".repeat(200)], { encoding: "utf8" });
  assert.equal(nest.status, 0, nest.stderr);
  // her own folder made under her new name beforehand, not empty: rename(2) could not replace it, and the start stopped
  const prepared = path.join(inbound, taken.replace(/^kim\+/, "kim-lee+"));
  fs.mkdirSync(path.join(prepared, "inner"), { recursive: true });
  // a file of root's that the student's link leads to, once root has renamed her folder and before it gives it away
  const victim = path.join(dir, "root-only.txt");
  fs.writeFileSync(victim, "root's");
  const swappedFresh = path.join(inbound, swapped.replace(/^kim\+/, "kim-lee+"));
  const rename = fs.renameSync;
  fs.renameSync = (from, to) => {
    rename(from, to);
    if (to === swappedFresh) {
      rename(to, `${to}.hers`);
      fs.symlinkSync(victim, to);
    }
  };
  // folders students write are read a name at a time, never listed whole (10 million names: some 1 GB of root's start)
  prepareHomes(layout, ["kim-lee"]);
  const listedWhole = [];
  const readdir = fs.readdirSync;
  fs.readdirSync = (folder, ...rest) => {
    listedWhole.push(String(folder));
    return readdir(folder, ...rest);
  };
  const newUid = process.getuid() === 0 ? 65534 : process.getuid();
  const accounts = { uidOf: (name) => (name === "kim" ? process.getuid() : undefined), give: () => ({ uid: newUid }) };
  try {
    assert.match(carryOver(layout, [{ from: "kim", to: "kim-lee" }], { accounts })[0], /3 submission\(s\) waiting in the exchange, collected under kim-lee/);
  } finally {
    fs.renameSync = rename;
    fs.readdirSync = readdir;
    spawnSync("rm", ["-rf", inbound]);
  }
  assert.deepEqual(listedWhole.filter((folder) => folder.startsWith(layout.exchangeDir) || folder.startsWith(layout.homesDir)), []);
  assert.equal(fs.statSync(victim).uid, process.getuid(), "the file the link led to is not given away");
  const record = JSON.parse(fs.readFileSync(path.join(layout.courseDir, ".renamed-submissions.json"), "utf8"));
  const recorded = Object.values(record).map(({ was }) => was).sort();
  assert.deepEqual(recorded, [nested, taken], "each folder renamed is recorded, but for the one now a link");
  const takenAside = Object.keys(record).find((name) => record[name].was === taken);
  assert.match(takenAside, /^kim-lee\+ch1\+2026-01-01 10:00:00\.000000 UTC\+r2-[0-9a-f]{12}$/, "the taken name's random part made longer");

  // the new name's home, the hub's files only when checked, takes a file of hers (a process her account left running)
  // before root removes it: what she put there stays, the start says where, where a remove by full paths took it all
  prepareHomes(layout, ["max", "max-b"]);
  courseUsers({ file: layout.usersFile, instructor: "prof", students: ["kim-lee", "max"] });
  const modules = path.join(layout.home("max-b"), "node_modules");
  const remove = fs.rmSync;
  fs.rmSync = (file, ...rest) => {
    if (String(file).startsWith(layout.home("max-b")) && !fs.existsSync(path.join(modules, "hers.txt"))) fs.writeFileSync(path.join(modules, "hers.txt"), "hers");
    return remove(file, ...rest);
  };
  try {
    assert.throws(() => carryOver(layout, [{ from: "max", to: "max-b" }]), /max-b took files while the start moved a home there \(in .*node_modules\): move them out, remove .*max-b, and start again/);
  } finally {
    fs.rmSync = remove;
  }
  assert.equal(fs.readFileSync(path.join(modules, "hers.txt"), "utf8"), "hers");
  assert.equal(fs.existsSync(layout.home("max")), true, "her old home stays where it was");

  // as root, on a hub with an account per user, the gradebook is renamed as the course folder's owner, the instructor:
  // a gradebook.db of theirs leading to another course's gradebook (root's alone) had root rename students there
  if (process.getuid() !== 0) return;
  const other = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-other-course-"));
  folders.push(other);
  fs.chmodSync(other, 0o700);
  const otherDb = path.join(other, "gradebook.db");
  // the tables renamed_gradebook.py changes, with a student of that name (made without nbgrader, which takes a second to load)
  const sqlite = (script) => spawnSync(path.join(repoRoot, ".venv", "bin", "python"), ["-c", `import json, sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n${script}`, otherDb], { encoding: "utf8" });
  assert.equal(sqlite("c.executescript('CREATE TABLE student (id TEXT, first_name TEXT); CREATE TABLE assignment (id TEXT, name TEXT); CREATE TABLE submitted_assignment (id TEXT, student_id TEXT, assignment_id TEXT); INSERT INTO student VALUES (\"gus\", \"Gus\")')").status, 0);
  prepareHomes(layout, ["gus"]);
  courseUsers({ file: layout.usersFile, instructor: "prof", students: ["kim-lee", "gus"] });
  fs.mkdirSync(layout.courseDir, { recursive: true });
  fs.symlinkSync(otherDb, path.join(layout.courseDir, "gradebook.db"));
  for (const folder of [layout.home("prof"), layout.courseDir]) fs.chownSync(folder, 65534, 65534);
  assert.throws(() => carryOver(layout, [{ from: "gus", to: "gus-b" }]), /giving renamed students' gradebook records to their new names .* failed/);
  assert.equal(sqlite("print(json.dumps(c.execute('SELECT id FROM student').fetchall()))").stdout.trim(), '[["gus"]]', "the other course's gradebook is as it was");
});

test("a home whose package.json or node_modules appears between the start's look and its write (a process of its student's) does not stop the start: what she put there stays", () => {
  const dir = path.dirname(usersFile());
  const layout = hubLayout(dir, "prof");
  fs.mkdirSync(layout.home("zed"), { recursive: true });
  const [modules, manifest] = ["node_modules", "package.json"].map((name) => path.join(layout.home("zed"), name));
  const lstat = fs.lstatSync;
  fs.lstatSync = (file, ...rest) => {
    const seen = lstat(file, ...rest);
    if (file === modules && !seen) fs.symlinkSync(dir, modules);
    else if (file === manifest && !seen) fs.mkdirSync(path.join(manifest, "hers"), { recursive: true });
    else return seen;
    return undefined;
  };
  try {
    prepareHomes(layout, ["zed"]);
  } finally {
    fs.lstatSync = lstat;
  }
  assert.equal(fs.lstatSync(modules).isSymbolicLink(), true);
  assert.deepEqual(fs.readdirSync(manifest), ["hers"]);
});
