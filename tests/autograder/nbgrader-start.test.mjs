// The environment's `nbgrader` program, as an instructor types it and as every command and test of the course runs
// it, starts through autograder/src/nbgrader/nbgrader_start.py (the set-up, scripts/setup/python-env.mjs, puts it
// there): without importing nbgrader's Jupyter server extensions or setuptools, which none of its commands needs to
// start (about 0.3 s of CPU of each process's 1.3 s), and otherwise as pip's program: same output and exit code,
// the package's server-extension names there when asked for, and zip_collect's unpacking done by setuptools' own
// functions, loaded at their first call. Four Python processes, about 5 s of CPU.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { nbgraderProgramStartingLighter } from "../../scripts/setup/python-env.mjs";
import { venvBin, venvBinDir } from "../../scripts/lib/paths.mjs";
import { python, repoRoot, temporaryDir } from "./helpers.mjs";

// a course folder with the course's config, which the program loads as it starts
const course = temporaryDir("neural-mi-nbgrader-start-");
writeFileSync(
  join(course, "nbgrader_config.py"),
  ["c = get_config()", `load_subconfig(${JSON.stringify(join(repoRoot, "autograder", "nbgrader_config.py"))})`, `c.CourseDirectory.root = ${JSON.stringify(course)}`, ""].join("\n"),
);
const env = { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}` };
/** @param {string[]} args */
const run = (args) => spawnSync(python, args, { cwd: course, env, encoding: "utf8", timeout: 120_000 });

test("the environment's nbgrader starts a command without importing nbgrader's server extensions or setuptools", () => {
  const started = run(["-X", "importtime", venvBin("nbgrader"), "db", "student", "add", "ana", "--first-name=Ana"]);
  assert.equal(started.status, 0, started.stdout + started.stderr);
  const imported = started.stderr
    .split("\n")
    .filter((line) => line.startsWith("import time:"))
    .map((line) => line.split("|")[2].trim());
  assert.ok(imported.includes("nbgrader.apps.nbgraderapp") && imported.includes("nbgrader.api"), started.stderr.slice(-2000));
  assert.deepEqual(
    imported.filter((name) => /^(setuptools|pkg_resources)(\.|$)|^nbgrader\.server_extensions(\.|$)/.test(name)),
    [],
    "rerun the set-up (npm test or npm start) if the program is pip's: its first lines are\n" + readFileSync(venvBin("nbgrader"), "utf8"),
  );
});

test("its output and exit code are those of pip's nbgrader program, logged error included", () => {
  const args = ["db", "student", "remove", "nobody"];
  const ours = spawnSync(venvBin("nbgrader"), args, { cwd: course, env, encoding: "utf8", timeout: 120_000 });
  const pips = run(["-c", "import sys; sys.argv[0] = 'nbgrader'; from nbgrader.apps.nbgraderapp import main; sys.exit(main())", ...args]);
  assert.equal(ours.status, 1, ours.stdout + ours.stderr);
  assert.equal(pips.status, 1, pips.stdout + pips.stderr);
  assert.match(ours.stderr, /\[DbStudentRemoveApp \| ERROR\] No such student: 'nobody'/);
  assert.deepEqual([ours.stdout, ours.stderr], [pips.stdout, pips.stderr]);
});

const LATER = String.raw`
import json, os, sys, tarfile, zipfile
import neural_mi_nbgrader_start
neural_mi_nbgrader_start.prepare()
import nbgrader, nbgrader.utils
folder, source = sys.argv[1:]
loaded = ["setuptools" in sys.modules, "nbgrader.server_extensions" in sys.modules]
# a zip, and a tar.gz holding it, unpacked as zip_collect unpacks them; a file that is no archive refused
archive = os.path.join(folder, "a.zip")
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("x/y.txt", "hi")
with tarfile.open(os.path.join(folder, "b.tar.gz"), "w:gz") as t:
    t.add(archive, arcname="inner/a.zip")
with open(os.path.join(folder, "c.zip"), "w") as f:
    f.write("not an archive")
for name in ("out1", "out2", "out3"):
    os.mkdir(os.path.join(folder, name))
nbgrader.utils.unzip(archive, os.path.join(folder, "out1"))
nbgrader.utils.unzip(os.path.join(folder, "b.tar.gz"), os.path.join(folder, "out2"), tree=True)
try:
    nbgrader.utils.unzip(os.path.join(folder, "c.zip"), os.path.join(folder, "out3"))
    refused = None
except Exception as error:
    refused = [type(error).__module__, type(error).__name__]
loaded += ["setuptools" in sys.modules]
points = nbgrader._jupyter_server_extension_points()
loaded += ["nbgrader.server_extensions" in sys.modules]
print(json.dumps({
    "loaded": loaded, "refused": refused, "points": points, "version": nbgrader.__version__,
    "unpacked": sorted(os.path.relpath(os.path.join(r, f), folder) for r, _, fs in os.walk(folder) for f in fs if "out" in r),
    "same": open(neural_mi_nbgrader_start.__file__).read() == open(source).read(),
}))
`;

test("what it leaves out is loaded when used: setuptools' unpacking for zip_collect, nbgrader's server-extension names", () => {
  const source = join(repoRoot, "autograder", "src", "nbgrader", "nbgrader_start.py");
  const checked = run(["-c", LATER, temporaryDir(), source]);
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  const result = JSON.parse(checked.stdout);
  assert.equal(result.same, true, "the environment's copy of nbgrader_start.py is not the course's: rerun the set-up (npm test or npm start)");
  // [setuptools before, extensions before, setuptools after unpacking, extensions after asking for their names]
  assert.deepEqual(result.loaded, [false, false, true, true]);
  assert.deepEqual(result.unpacked, ["out1/x/y.txt", "out2/inner/a.zip", "out2/inner/a/x/y.txt"]);
  assert.deepEqual(result.refused, ["setuptools.archive_util", "UnrecognizedFormat"]);
  assert.deepEqual(result.points, [{ module: "nbgrader" }]);
  assert.match(result.version, /^0\.9\./);
});

test("the set-up changes only the line of pip's program that names nbgrader's main, in both of pip's forms", () => {
  const tail = "import re\nimport sys\nfrom nbgrader.apps.nbgraderapp import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n";
  for (const head of ["#!/course/.venv/bin/python\n# -*- coding: utf-8 -*-\n", `#!/bin/sh\n'''exec' "/a/long/path/.venv/bin/python" "$0" "$@"\n' '''\n# -*- coding: utf-8 -*-\n`]) {
    const changed = nbgraderProgramStartingLighter(head + tail);
    assert.equal(changed, head + tail.replace("from nbgrader.apps.nbgraderapp import main", "from neural_mi_nbgrader_start import main"));
    assert.equal(nbgraderProgramStartingLighter(/** @type {string} */ (changed)), undefined);
  }
  assert.equal(nbgraderProgramStartingLighter("#!/usr/bin/env python\nprint('something else')\n"), undefined);
});
