// A class of 300 on the course hub (`npm run hub -- --students-file`, in --one-user mode so
// that no system accounts are made): the console gives the count and where the passwords are,
// not 300 passwords; passwords.csv has every user, for the instructor only; and nbgrader's
// gradebook lists the whole class before anyone has submitted.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { startHub } from "../helpers/hub.mjs";

const CLASS_SIZE = 300;
const rosterDir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-class-"));
let hub;
after(async () => {
  if (hub) {
    await hub.stop();
    hub.remove();
  }
  fs.rmSync(rosterDir, { recursive: true, force: true });
});

test(`a class list of ${CLASS_SIZE}: passwords in passwords.csv, every student in nbgrader's gradebook`, { timeout: 300_000 }, async () => {
  const students = Array.from({ length: CLASS_SIZE }, (_, i) => `s${String(i + 1).padStart(3, "0")}`);
  // As a learning platform exports it: a header row, the user names in one of the columns.
  const roster = path.join(rosterDir, "class.csv");
  fs.writeFileSync(roster, ["Name,Login,Email", ...students.map((name, i) => `Student ${i + 1},${name},${name}@uni.example`)].join("\n") + "\n");
  hub = await startHub({ studentsFile: roster, options: ["--one-user"], startupTimeoutMs: 180_000 });

  const shown = hub.console();
  const passwordsFile = path.join(hub.dir, "passwords.csv");
  assert.match(shown, new RegExp(`class list .*class\\.csv: ${CLASS_SIZE} student\\(s\\), from its CSV column "login"`));
  assert.match(shown, new RegExp(`Users: instructor \\(instructor: formgrader, the users' servers\\) and ${CLASS_SIZE} students; their passwords, to hand out, are in\\n\\s+${passwordsFile}`));
  const users = hub.settings.users;
  assert.equal(users.length, CLASS_SIZE + 1);
  assert.ok(!users.some((u) => shown.includes(u.password)), "no password on the console");

  assert.equal(fs.statSync(passwordsFile).mode & 0o777, 0o600);
  const rows = fs.readFileSync(passwordsFile, "utf8").trim().split("\n");
  assert.deepEqual(rows, ["user,role,password", ...users.map((u) => `${u.name},${u.role},${u.password}`)]);
  assert.deepEqual(users.slice(1).map((u) => u.name), students);

  // What the formgrader's Manage Students page lists: nbgrader's own view of its gradebook.
  const { code, output } = await hub.run("instructor", "nbgrader", ["db", "student", "list"], { cwd: users[0].environment.NEURAL_MI_HUB_COURSE_DIR });
  assert.equal(code, 0, output);
  assert.match(output, new RegExp(`There are ${CLASS_SIZE} students in the database`));
  const listed = [...output.matchAll(/^(s\d{3}) \(/gm)].map((m) => m[1]);
  assert.deepEqual(listed.sort(), students);

  // a SIGINT to the hub's own process (a supervisor's, kill -INT), not to its group: it stops,
  // with the proxy and the culler
  const stopped = await hub.stop({ alone: true });
  assert.notEqual(stopped.timedOut, true, "the hub stopped at a SIGINT to its process alone");
  const mentioning = () =>
    fs.readdirSync("/proc").filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(hub.dir);
      } catch {
        return false;
      }
    });
  for (let waited = 0; mentioning().length > 0 && waited < 10_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(mentioning(), [], "nothing of the hub's left running");
});
