// How npm test spreads its files over the machine. Most files run two at a time in one
// shared pool, the longest first, so that the two places finish close together and the
// short files fill the gaps at the end. Files that mostly wait (on a hub's clocks, a browser,
// a server starting) use a core for less than half their time: they run one at a time in a place
// of their own beside the pool, so their waiting holds no core idle. A few files hold time
// limits that only mean something on a machine they have to themselves (hostile cells cut off
// at 20 s in two class runs of their own); those run afterwards, one at a time. The library's
// test files (tests/lib) run in groups, each group's files one after another in one node
// (one-process/run-group.mjs), after the longest files: each file alone spent about 1 s of CPU loading
// TensorFlow.js and the library. Those that change the process for the files after them, and
// the longest, which gain nothing, keep a node of their own (OWN_PROCESS).
import path from "node:path";
import { repoRoot } from "../lib/paths.mjs";

// Files that need the machine to themselves run afterwards, one at a time: none now (the hostile
// cells' file, which once ran so, has cell limits wide enough to run beside the others).
const ALONE = [];

// Files whose wall time is mostly waiting, longest first: a server's age limit (about 140 s of wall
// for 10 s of CPU), a browser driving JupyterLab (120–175 s for 56–64 s; 42–52 s for 17–19 s), the
// hub's semester and its 15 s session checks (100 s for 45 s; 86 s for 8 s), hubs started and probed
// (about 40 s for 7 s each), hostile cells cut off after 40 s in two class runs, a lab started twice, graders waiting on a kernel's sleep, a batch queue,
// a notebook's long read (37 s for 9 s), a runner frozen or killed, an nbgrader run cut short, forked
// runners, shards and a release's nbgrader steps (14–46 s for 4–24 s); nbgrader's strict tests under its
// 12 s notebook limit (69 s for 35 s), a run stopped midway around a cell's 10 s wait (41 s for 18 s) and
// nbgrader's unstoppable cell (26 s for 10 s): in the pool they left a core idle for 73 s of a quiet run
// (571117a), while this lane ended 330 s before the pool. The pool runs two files at a
// time whatever they wait on, so each of these there held a place as long as its wall time.
const WAITING = [
  "tests/autograder/hostile.test.mjs",
  "tests/hub/server-age.test.mjs",
  "tests/browser/student-view.test.mjs",
  "tests/hub/semester.test.mjs",
  "tests/autograder/nbgrader-strict-tests.test.mjs",
  "tests/hub/password.test.mjs",
  "tests/browser/student-door.test.mjs",
  "tests/autograder/interrupted-run.test.mjs",
  "tests/autograder/release.test.mjs",
  "tests/hub/class.test.mjs",
  "tests/hub/server-config.test.mjs",
  "tests/hub/origins.test.mjs",
  "tests/autograder/stalled-grader.test.mjs",
  "tests/env/lab.test.mjs",
  "tests/autograder/nbgrader-cut-short.test.mjs",
  "tests/autograder/nbgrader-unstoppable-cell.test.mjs",
  "tests/autograder/stopped-runner.test.mjs",
  "tests/autograder/cross-kernel.test.mjs",
  "tests/autograder/shards.test.mjs",
  "tests/autograder/forked-runners.test.mjs",
  "tests/autograder/slurm.test.mjs",
];

// Measured wall times of a full run, longest first (README, "How long it takes"; 2026-12-05): a long
// file that starts late leaves one place of the pool idle at the end while it finishes.
const LONGEST_FIRST = [
  "tests/autograder/forgeries.test.mjs",
  "tests/autograder/bad-submissions.test.mjs",
  "tests/autograder/course-cycle.test.mjs",
  "tests/lib/honesty.test.mjs",
  "tests/autograder/refused-notebooks.test.mjs",
  "tests/student/validate.test.mjs",
  "tests/autograder/nbgrader-deep-folders.test.mjs",
  "tests/notebooks/execute.test.mjs",
  "tests/lib/dependent-rows.test.mjs",
  "tests/autograder/validate-verdicts.test.mjs",
  "tests/autograder/odd-notebooks.test.mjs",
  "tests/hub/isolation.test.mjs",
  "tests/autograder/nbgrader-output-caps.test.mjs",
  "tests/autograder/cli.test.mjs",
  "tests/lib/label-dependence.test.mjs",
  "tests/autograder/nbgrader-notebook-time.test.mjs",
  "tests/lib/repeated-values.test.mjs",
  "tests/kernel/lab-kernel-sockets.test.mjs",
  "tests/lib/rare-labels.test.mjs",
  "tests/notebooks/student.test.mjs",
  "tests/autograder/gradebook.test.mjs",
  "tests/autograder/hostile-files.test.mjs",
  "tests/hub/roster.test.mjs",
  "tests/kernel/neural-mi-import.test.mjs",
  "tests/kernel/errors.test.mjs",
];

// The library's files that share a process: tests/lib/*.test.mjs but these, which change the
// process for the files that would follow them, or are among the run's longest (nothing to gain).
const SHARED_PROCESS_FOLDER = "tests/lib/";
const OWN_PROCESS = [
  "tests/lib/backend.test.mjs", // the backend init() chooses for the process, NEURAL_MI_BACKEND
  "tests/lib/demonstration.test.mjs", // sets NBGRADER_EXECUTION
  "tests/lib/fast-matmul-gradient.test.mjs", // init({ backend: "wasm" }), tf.setBackend
  "tests/lib/fast-trainers.test.mjs", // sets NEURAL_MI_FUSED
  "tests/lib/plot-display.test.mjs", // replaces process.stdout.write, which the reporters write to
  ...LONGEST_FIRST.filter((file) => file.startsWith(SHARED_PROCESS_FOLDER)),
];
// Where the groups start in the pool: after the files that ran longer than one (each 60–100 s of
// CPU), before tests/lib/dependent-rows.test.mjs.
const GROUPS_RANK = LONGEST_FIRST.indexOf("tests/lib/dependent-rows.test.mjs");
// Files a group holds at most: groups of about 15 files (60–100 s of CPU) let the pool's two
// places share them out evenly.
const GROUP_SIZE = 17;

/** How many files of the shared pool run at once (NEURAL_MI_TEST_CONCURRENCY, default 2). */
export function sideBySideConcurrency(env = process.env) {
  const value = env.NEURAL_MI_TEST_CONCURRENCY ?? "2";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`NEURAL_MI_TEST_CONCURRENCY must be a positive integer, got "${value}"`);
  return n;
}

const relativeName = (file) => path.relative(repoRoot, file).split(path.sep).join("/");

/**
 * The files split into { shared, waiting, alone }: `shared` runs side by side, the known long
 * files first in LONGEST_FIRST's order and then the others in the order given; `waiting` runs
 * one at a time beside `shared`; `alone` keeps the order given and runs after both. In `shared`,
 * the library's files that may share a process come as groups ({ group: [files] }) of
 * consecutive files in name order, unless `shareProcesses` is false, after the known files longer than a group.
 */
export function splitLanes(files, { shareProcesses = true } = {}) {
  const rank = (file) => {
    const index = LONGEST_FIRST.indexOf(relativeName(file));
    return index === -1 ? LONGEST_FIRST.length : index;
  };
  const alone = files.filter((file) => ALONE.includes(relativeName(file)));
  const waiting = files
    .filter((file) => WAITING.includes(relativeName(file)))
    .sort((a, b) => WAITING.indexOf(relativeName(a)) - WAITING.indexOf(relativeName(b)));
  const shared = files
    .filter((file) => !alone.includes(file) && !waiting.includes(file))
    .map((file, order) => ({ file, order, rank: rank(file) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ file }) => file);
  const candidates = shared.filter(sharesProcess).sort();
  const sharing = shareProcesses && candidates.length > 1 ? candidates : [];
  const others = shared.filter((file) => !sharing.includes(file));
  const groupsAt = others.findIndex((file) => rank(file) >= GROUPS_RANK);
  const at = groupsAt === -1 ? others.length : groupsAt;
  return { shared: [...others.slice(0, at), ...inGroups(sharing), ...others.slice(at)], waiting, alone };
}

function sharesProcess(file) {
  const name = relativeName(file);
  return name.startsWith(SHARED_PROCESS_FOLDER) && !name.slice(SHARED_PROCESS_FOLDER.length).includes("/") && !OWN_PROCESS.includes(name);
}

/** `files` (two or more) in groups of at most GROUP_SIZE, as even as can be. */
function inGroups(files) {
  const count = Math.ceil(files.length / GROUP_SIZE);
  return Array.from({ length: count }, (_, i) => ({ group: files.slice(Math.round((i * files.length) / count), Math.round(((i + 1) * files.length) / count)) }));
}
