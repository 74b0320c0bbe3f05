// nbgrader, in every Python of the environment (`nbgrader` as an instructor types it, the course's commands, the hub,
// the processes that run nbgrader's steps), is imported through autograder/src/nbgrader/nbgrader_start.py, which the
// set-up (scripts/setup/python-env.mjs) installs with the environment's .pth file: without nbgrader's Jupyter server
// extensions or setuptools, which none of its commands needs to start (about 0.3 s of CPU of each process's 1.3 s),
// and otherwise as nbgrader is: same output and exit code, the package's server-extension names there when asked
// for, and zip_collect's unpacking done by setuptools' own functions, loaded at their first call. Three Python
// processes, about 5 s of CPU.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
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

// nbgrader's program, its import line run after the course's finder is taken out of the import system
const WITHOUT_START = String.raw`
import sys
sys.meta_path[:] = [finder for finder in sys.meta_path if getattr(finder, "__module__", "") != "neural_mi_nbgrader_start"]
sys.argv[0] = "nbgrader"
from nbgrader.apps.nbgraderapp import main
sys.exit(main())
`;

test("the environment's nbgrader starts a command without importing nbgrader's server extensions or setuptools, with the output and exit code of nbgrader imported whole", () => {
  const args = ["db", "student", "remove", "nobody"];
  const ours = run(["-X", "importtime", venvBin("nbgrader"), ...args]);
  const whole = run(["-c", WITHOUT_START, ...args]);
  const lines = ours.stderr.split("\n");
  const imported = lines.filter((line) => line.startsWith("import time:")).map((line) => line.split("|")[2].trim());
  assert.ok(imported.includes("nbgrader.apps.nbgraderapp") && imported.includes("nbgrader.api"), ours.stderr.slice(-2000));
  assert.deepEqual(
    imported.filter((name) => /^(setuptools|pkg_resources)(\.|$)|^nbgrader\.server_extensions(\.|$)/.test(name)),
    [],
    "rerun the set-up (npm test or npm start) if the environment's packages have no neural_mi_nbgrader_start.py",
  );
  assert.equal(ours.status, 1, ours.stdout + ours.stderr.slice(-2000));
  assert.equal(whole.status, 1, whole.stdout + whole.stderr);
  const logged = lines.filter((line) => !line.startsWith("import time:")).join("\n");
  assert.match(logged, /\[DbStudentRemoveApp \| ERROR\] No such student: 'nobody'/);
  assert.deepEqual([ours.stdout, logged], [whole.stdout, whole.stderr]);
});

const LATER = String.raw`
import json, os, sys, tarfile, zipfile
# as the processes that run nbgrader's steps import them
import nbgrader, nbgrader.utils
from nbgrader.preprocessors import ClearSolutions
import neural_mi_nbgrader_start
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

test("in a process that imports nbgrader's steps, what it leaves out is loaded when used: setuptools' unpacking for zip_collect, nbgrader's server-extension names", () => {
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
