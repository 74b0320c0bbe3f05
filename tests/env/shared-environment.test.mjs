// A course whose .venv another account made (a shared checkout): its Python links into that
// account's home, which this account cannot open. The set-up took the environment for broken and
// ran `python -m venv --clear .venv`, which empties it where the folder is writable, with the fix
// "install Python 3.10". Now it says whose environment it is and how to have one's own.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { isClosedCourse } from "../../scripts/lib/closed-course.mjs";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-shared-venv-"));
after(() => {
  spawnSync("chmod", ["-R", "u+rwx", scratch]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

test("an environment whose Python this account cannot run is left whole, and the message names the account's own way out", () => {
  // the course's set-up scripts in a folder of their own, with a .venv linking to a Python in a
  // folder this account cannot open: as root, run as nobody past a 0700 folder; else a 0000 folder
  const course = path.join(scratch, "course");
  fs.cpSync(fromRoot("scripts"), path.join(course, "scripts"), { recursive: true });
  fs.copyFileSync(fromRoot("requirements.txt"), path.join(course, "requirements.txt"));
  const home = path.join(scratch, "home-of-another");
  fs.mkdirSync(path.join(home, "bin"), { recursive: true });
  fs.symlinkSync(process.execPath, path.join(home, "bin", "python3"));
  const venvBin = path.join(course, ".venv", "bin");
  fs.mkdirSync(venvBin, { recursive: true });
  fs.symlinkSync(path.join(home, "bin", "python3"), path.join(venvBin, "python"));
  fs.writeFileSync(path.join(course, ".venv", "pyvenv.cfg"), `home = ${path.join(home, "bin")}\n`);
  const asRoot = process.getuid() === 0;
  fs.chmodSync(home, asRoot ? 0o700 : 0o000);
  if (asRoot) {
    spawnSync("chmod", ["-R", "a+rwX", course]);
    fs.chmodSync(scratch, 0o755);
  }
  const setup = `import("${path.join(course, "scripts", "setup", "python-env.mjs")}").then((m) => m.ensurePythonEnv()).then(() => console.log("no error"), (e) => { console.log(e.message + " | fix: " + (e.fix ?? "")); process.exit(3); })`;
  const run = asRoot
    ? spawnSync("runuser", ["-u", "nobody", "--", process.execPath, "-e", setup], { encoding: "utf8", env: { PATH: process.env.PATH, HOME: scratch } })
    : spawnSync(process.execPath, ["-e", setup], { encoding: "utf8", env: { ...process.env, NEURAL_MI_VENV: "" } });
  assert.equal(run.status, 3, run.stdout + run.stderr);
  assert.match(run.stdout, /\.venv\/bin\/python .* exists but this account cannot run it \(permission denied\); it was made by another account/);
  assert.match(run.stdout, /NEURAL_MI_VENV=<a new folder> npm start/);
  assert.doesNotMatch(run.stdout, /install Python 3\.10/);
  // nothing of the environment was cleared
  assert.ok(fs.existsSync(path.join(course, ".venv", "pyvenv.cfg")));
  assert.equal(fs.readlinkSync(path.join(venvBin, "python")), path.join(home, "bin", "python3"));
});

test("on a hub's shared copy, whose chapters are closed to students, validate and the student's door say so instead of a raw EACCES", () => {
  // only root can run as another account, and only where that account can reach the checkout (a
  // fresh clone in a 0700 folder is not): what the commands recognise, otherwise
  const reachable = process.getuid() === 0 && spawnSync("runuser", ["-u", "nobody", "--", "test", "-r", fromRoot("scripts", "validate.mjs")]).status === 0;
  if (!reachable) {
    assert.equal(isClosedCourse({ code: "EACCES", path: path.join(notebooksDir, "01.ipynb") }), true);
    assert.equal(isClosedCourse({ code: "EACCES", path: "/elsewhere" }), false);
    return;
  }
  // as the hub closes them (root's own processes are not refused)
  const mode = fs.statSync(notebooksDir).mode & 0o7777;
  fs.chmodSync(notebooksDir, 0o700);
  const home = path.join(scratch, "student-home");
  fs.mkdirSync(home, { recursive: true, mode: 0o777 });
  fs.chmodSync(scratch, 0o755);
  fs.chmodSync(home, 0o777);
  const notebook = path.join(home, "01-problem-formulation.ipynb");
  fs.writeFileSync(notebook, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }));
  fs.chmodSync(notebook, 0o666);
  const asStudent = (...args) =>
    spawnSync("runuser", ["-u", "nobody", "--", process.execPath, ...args], { cwd: fromRoot(), encoding: "utf8", env: { PATH: process.env.PATH, HOME: home }, timeout: 60_000 });
  try {
    const validate = asStudent(fromRoot("scripts", "validate.mjs"), notebook);
    assert.equal(validate.status, 2, validate.stdout + validate.stderr);
    assert.match(validate.stderr, /validate: the course's chapters \(notebooks\/\) are closed to this account: this is a course hub's shared copy.*Validate button/);
    const lab = asStudent(fromRoot("scripts", "lab.mjs"), "--workspace", path.join(home, "ws"), "--no-browser");
    assert.equal(lab.status, 2, lab.stdout + lab.stderr);
    assert.match(lab.stderr, /lab: the course's chapters \(notebooks\/\) are closed to this account/);
    assert.doesNotMatch(lab.stderr, /EACCES|--workspace ~\/neural-mi-work/);
  } finally {
    fs.chmodSync(notebooksDir, mode);
  }
});
