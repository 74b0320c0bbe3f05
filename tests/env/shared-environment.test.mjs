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
import { fromRoot } from "../../scripts/lib/paths.mjs";

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
