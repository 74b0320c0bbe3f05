// Shared by the autograder's tests: paths, temporary folders, and running the
// project's commands, nbgrader and the instructor's Jupyter server as a user would.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCourseDir, prepareCourseRoot } from "../../autograder/src/nbgrader/course-dir.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";
import { generateAssignment } from "./generated-assignment.mjs";
import { fromRoot, repoRoot, venvBin, venvBinDir, venvPython } from "../../scripts/lib/paths.mjs";
import { freePort } from "../../scripts/lib/free-port.mjs";

export const here = dirname(fileURLToPath(import.meta.url));
export { repoRoot };
export const fixtures = join(here, "fixtures");
export const fixtureCourse = join(fixtures, "course");
export const fixtureSubmissions = join(fixtures, "submissions");
export const python = venvPython;

/**
 * A student's folder under autograded/ in a course root of its own, with its copy of the packages as
 * nbgrader-course.mjs makes it: where nbgrader's kernel of that student's notebook runs.
 */
export function autogradedFolder() {
  const folder = join(temporaryDir(), "autograded", "s", "a");
  mkdirSync(folder, { recursive: true });
  prepareCourseRoot(join(folder, "..", "..", ".."));
  return folder;
}

const WATCHED = `
import json, sys
sys.modules.setdefault("rfc3987_syntax", None)
sys.path.insert(0, sys.argv[1])
import nbformat
from nbclient.exceptions import DeadKernelError
from traitlets.config import Config, PyFileConfigLoader
from set_aside import _remove
repo, notebook, folder, remove, limits = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=repo + "/autograder").load_config()
config.merge(Config({"ConfinedKernelManager": limits}))
from nbgrader.preprocessors import Execute
nb = nbformat.reads(json.dumps(notebook), as_version=4)
try:
    Execute(config=config, timeout=60).preprocess(nb, {"metadata": {"path": folder}})
    died = False
except DeadKernelError:
    died = True
if remove:
    _remove(folder)
print(json.dumps({"died": died, "notebook": nb}))
`;

/**
 * The cells `sources` run by the course's Execute under its watch on the kernel's disk (by default 5 MB in all, 2 MB a
 * file; `limits`: ConfinedKernelManager's settings instead) in `folder`: { died, notebook }. `remove`: the folder is
 * removed after, by set_aside's `_remove` (which removes trees deeper than the longest path).
 */
export function executeWatched(sources, { folder = autogradedFolder(), remove = false, limits = { disk_mb: 5, file_mb: 2 } } = {}) {
  const run = spawnSync(python, ["-c", WATCHED, join(repoRoot, "autograder", "src", "nbgrader")], {
    input: JSON.stringify([repoRoot, makeNotebook(sources), folder, remove, limits]),
    env: jupyterEnv(),
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  assert.equal(run.status, 0, run.stderr.slice(-3000));
  return JSON.parse(run.stdout);
}

/**
 * The environment of the instructor's Jupyter server on the course hub (scripts/hub/settings.mjs) with home `home`
 * and course `course`, its exchange and runtime folders in `scratch`: the caller's JUPYTER variables dropped.
 */
export function instructorServerEnv(scratch, home, course) {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("JUPYTER"))),
    PATH: [venvBinDir, process.env.PATH].join(delimiter),
    JUPYTER_CONFIG_PATH: fromRoot("hub", "instructor"),
    JUPYTER_CONFIG_DIR: fromRoot("hub", "instructor"),
    JUPYTER_PREFER_ENV_PATH: "1",
    JUPYTER_RUNTIME_DIR: join(scratch, "runtime"),
    HOME: home,
    NEURAL_MI_HUB_COURSE_ID: "neural-mi",
    NEURAL_MI_HUB_EXCHANGE: join(scratch, "exchange"),
    NEURAL_MI_HUB_COURSE_DIR: course,
  };
}

/**
 * `jupyter server` in `home` with `env` and `token` on a free port, once /api/status answers (the test fails if it has
 * not within 90 s, the server killed): { base, log (its stderr's last 20 000 characters), stop() (kills it) }.
 */
export async function startJupyterServer({ home, env, token }) {
  const port = await freePort();
  const server = spawn(
    venvBin("jupyter"),
    ["server", "--no-browser", "--allow-root", `--port=${port}`, "--ServerApp.port_retries=0", `--ServerApp.token=${token}`, `--ServerApp.root_dir=${home}`],
    { cwd: home, env, stdio: ["ignore", "ignore", "pipe"] },
  );
  const state = { log: "" };
  server.stderr.on("data", (chunk) => (state.log = (state.log + chunk).slice(-20_000)));
  const stop = async () => {
    server.kill("SIGKILL");
    await new Promise((resolve) => (server.exitCode === null && server.signalCode === null ? server.on("exit", resolve) : resolve()));
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let waited = 0; ; waited += 250) {
      const status = await fetch(`${base}/api/status?token=${token}`).then((r) => r.status, () => 0);
      if (status === 200) break;
      assert.ok(waited < 90_000 && server.exitCode === null, `the server did not start:\n${state.log}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop, get log() { return state.log; } };
}

/** A temporary folder removed when the test process exits. */
export function temporaryDir(prefix = "neural-mi-autograder-test-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Runs one of the project's scripts with node and resolves with its output.
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string>, onSpawn?: (child: import("node:child_process").ChildProcess) => void }} [options] onSpawn: given the process as soon as it is started
 */
export function runNode(args, options = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    options.onSpawn?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** nbgrader from the project's environment, run in a course folder. */
export function nbgrader(args, courseDir) {
  const run = spawnSync(venvBin("nbgrader"), args, {
    cwd: courseDir,
    encoding: "utf8",
    env: { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}` },
    maxBuffer: 64 * 2 ** 20,
  });
  if (run.status !== 0) throw new Error(`nbgrader ${args.join(" ")} failed (${run.status}):\n${whatWentWrong(`${run.stdout}\n${run.stderr}`)}`);
  return run;
}

/**
 * From a failed nbgrader's output: how it ended (its last lines name the notebook that failed),
 * then each place it went wrong, with the lines before it (where a kernel's own words are).
 * nbformat's report of a cell id it refuses is left out: the course's CourseCells step
 * replaces such ids, and that report, logged first, hid the real cause.
 * @param {string} output
 */
export function whatWentWrong(output) {
  const lines = output.split("\n");
  const ending = lines.slice(-25).join("\n").slice(-3000);
  const firstOfTail = lines.length - 25;
  const errors = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line, index }) => index < firstOfTail && /\| ERROR\]|Traceback|Error:|^\s*throw /.test(line) && !/Notebook JSON is invalid/.test(line));
  let places = "";
  let shownUpTo = -1;
  for (const { index } of errors) {
    if (index <= shownUpTo) continue;
    const from = Math.max(shownUpTo + 1, index - 8);
    shownUpTo = Math.min(firstOfTail - 1, index + 20);
    places += `${lines.slice(from, shownUpTo + 1).join("\n")}\n[...]\n`;
    if (places.length > 6000) break;
  }
  return places ? `how it ended:\n${ending}\n\nwhere it went wrong:\n${places.slice(0, 6000)}` : ending;
}

/** nbgrader without blocking, so that it can run beside another grader. */
export function nbgraderAsync(args, courseDir) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(venvBin("nbgrader"), args, {
      cwd: courseDir,
      env: { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) =>
      code === 0 ? resolvePromise(output.length > 40000 ? `${output.slice(0, 20000)}\n[...]\n${output.slice(-20000)}` : output) : reject(new Error(`nbgrader ${args.join(" ")} failed (${code}):\n${whatWentWrong(output)}`)),
    );
  });
}

/**
 * `nbgrader generate_assignment <assignment> --force` in a course folder made by createCourseDir;
 * a test run releases each course's sources with nbgrader once (generated-assignment.mjs).
 */
export function releaseAssignment(courseDir, assignment) {
  return generateAssignment(courseDir, assignment, nbgraderAsync);
}

/** nbgrader's exit code and everything it wrote to its stdout and stderr: { code, output }, whatever the code. */
export function nbgraderOutput(args, courseDir) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(venvBin("nbgrader"), args, { cwd: courseDir, env: { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}` }, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, output: Buffer.concat(chunks).toString("utf8") }));
  });
}

/** The fixture's `perfect` submission handed in for `student` in the course's submitted/, its `square` answer's source passed through `edit`. */
export function submitEditedFixture(courseDir, student, edit) {
  const target = join(courseDir, "submitted", student, "fixture");
  mkdirSync(target, { recursive: true });
  cpSync(join(fixtureSubmissions, "perfect"), target, { recursive: true });
  const path = join(target, "arith.ipynb");
  const notebook = JSON.parse(readFileSync(path, "utf8"));
  const answer = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  answer.source = edit(Array.isArray(answer.source) ? answer.source.join("") : answer.source);
  writeFileSync(path, JSON.stringify(notebook));
}

/**
 * Every grade cell's score in an nbgrader database: student -> "notebook.ipynb:grade_id" -> {auto, max, manual, manualScore},
 * for each student with a submission of the assignment. Read with SQL from nbgrader 0.9's tables, as its Gradebook API
 * gives them (gb.students, find_submission, each notebook's grades): importing nbgrader.api took about 1 s of Python a read.
 */
const DUMP_GRADEBOOK = `
import json, sqlite3, sys
path, assignment = json.load(sys.stdin)
db = sqlite3.connect(path)
out = {student: {} for (student,) in db.execute(
    "SELECT s.student_id FROM submitted_assignment s JOIN assignment a ON a.id = s.assignment_id WHERE a.name = ?", (assignment,))}
for student, notebook, cell, auto, maximum, manual, manual_score in db.execute("""
    SELECT s.student_id, n.name, c.name, g.auto_score, gc.max_score, g.needs_manual_grade, g.manual_score
    FROM grade g
    JOIN submitted_notebook sn ON sn.id = g.notebook_id
    JOIN submitted_assignment s ON s.id = sn.assignment_id
    JOIN assignment a ON a.id = s.assignment_id
    JOIN notebook n ON n.id = sn.notebook_id
    JOIN base_cell c ON c.id = g.cell_id
    JOIN grade_cells gc ON gc.id = g.cell_id
    WHERE a.name = ?""", (assignment,)):
    out[student][notebook + ".ipynb:" + cell] = {"auto": auto, "max": maximum, "manual": bool(manual), "manualScore": manual_score}
print(json.dumps(out))
`;

/**
 * Real nbgrader's whole cycle in a course folder made by createCourseDir: generate_assignment,
 * the submissions ({ student: folder }) copied in, autograde, generate_feedback (unless `feedback`
 * is false: a test that reads no feedback page). Resolves to its gradebook: student ->
 * "notebook.ipynb:grade_id" -> {auto, max, manual}. `logs` receives what autograde and
 * generate_feedback wrote (the first and last 20,000 characters of each).
 */
export async function gradeWithNbgrader(courseDir, assignment, submissions, { logs = [], feedback = true } = {}) {
  await releaseAssignment(courseDir, assignment);
  for (const [student, folder] of Object.entries(submissions)) {
    const target = join(courseDir, "submitted", student, assignment);
    mkdirSync(target, { recursive: true });
    cpSync(folder, target, { recursive: true });
  }
  logs.push(await nbgraderAsync(["autograde", assignment, "--force"], courseDir));
  if (feedback) logs.push(await nbgraderAsync(["generate_feedback", assignment, "--force"], courseDir));
  return readNbgraderGradebook(courseDir, assignment);
}

/**
 * One student's folder (`folder`, named for them, in a class folder of its own) graded on the fixture
 * course by both graders at once: `npm run autograde` and nbgrader's cycle. Resolves to
 * { out: the report folder, report: its report.json, courseDir: nbgrader's course folder, gradebook: readNbgraderGradebook's } once autograde succeeded.
 */
export function gradeByBoth(folder) {
  return gradeClassByBoth(dirname(folder), [basename(folder)]);
}

/**
 * A class folder (one folder per student) graded on the fixture course by both graders at once, as
 * gradeByBoth: nbgrader grades the students named in `students` (all of them when not given); `nbgraderLog`:
 * what its autograde wrote.
 */
export async function gradeClassByBoth(classDir, students = readdirSync(classDir)) {
  const out = join(temporaryDir(), "grading");
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  const logs = [];
  const [run, gradebook] = await Promise.all([
    runNode(["autograder/bin/autograde.mjs", classDir, "--source", fixtureCourse, "--out", out, "--jobs", "1", "--cell-timeout", "60", "--notebook-timeout", "180"]),
    gradeWithNbgrader(courseDir, "fixture", Object.fromEntries(students.map((student) => [student, join(classDir, student)])), { logs }),
  ]);
  assert.equal(run.code, 0, `autograde failed:\n${run.stdout}\n${run.stderr}`);
  return { out, report: readJson(join(out, "report.json")), courseDir, gradebook, nbgraderLog: logs[0] };
}

/** The scores in a course directory's gradebook.db: student -> "notebook.ipynb:grade_id" -> {auto, max, manual, manualScore}, for each student who submitted `assignment`. */
export function readNbgraderGradebook(courseDir, assignment) {
  return pythonJson(DUMP_GRADEBOOK, [join(courseDir, "gradebook.db"), assignment]);
}

/** Runs a Python snippet with the project's Python; resolves its stdout as JSON. */
export function pythonJson(code, input) {
  const run = spawnSync(python, ["-c", code], { encoding: "utf8", input: JSON.stringify(input), maxBuffer: 64 * 2 ** 20 });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The fixture submissions in a temporary copy, with the snooping one pointed at this repository. */
export function fixtureSubmissionsCopy() {
  const dir = temporaryDir();
  cpSync(fixtureSubmissions, dir, { recursive: true });
  const snoop = join(dir, "snoop", "arith.ipynb");
  writeFileSync(snoop, readFileSync(snoop, "utf8").replaceAll("__REPO__", repoRoot));
  // the course's solution under a second name, as Python's tarfile (before 3.14) unpacks an
  // archive's hard link to it: a copy of the course's folder, on the same disk as the submission
  const course = temporaryDir();
  cpSync(fixtureCourse, course, { recursive: true });
  linkSync(join(course, "strings.ipynb"), join(dir, "snoop", "strings.ipynb"));
  return dir;
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Files left behind by an interrupted atomic write (".name.pid.n.tmp"). */
export function temporaryFilesUnder(dir) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".tmp")) found.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}
