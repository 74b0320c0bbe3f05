#!/usr/bin/env node
// Starts JupyterLab from the project's Python environment, with the TypeScript kernel as
// the default, through one of two doors:
//   (default)      the student's workspace (scripts/lib/workspace.mjs: the released
//                  notebooks in a folder of the student's own, my-work/ unless
//                  `--workspace <dir>` or $NEURAL_MI_WORKSPACE says otherwise), with
//                  nbgrader's instructor tools switched off (jupyter/student/);
//   --instructor   the course source in notebooks/, with nbgrader's tools.
// Other arguments go to `jupyter lab` (`npm start -- --no-browser --port 8899`).
// Run scripts/setup.mjs first (npm start and npm run instructor do).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { CLOSED_COURSE, isClosedCourse } from "./lib/closed-course.mjs";
import { fullTempAdvice, fullTempFolder, isFull, unusableTempFolder } from "./lib/full-disk.mjs";
import { homeFolder } from "./lib/home-folder.mjs";
import { folderChoosingArg } from "./lib/lab-options.mjs";
import { fromRoot, notebooksDir, repoRoot, typedIn, venvJupyter } from "./lib/paths.mjs";
import { coursePackagesAdded, describeCoursePackagesAdded } from "./lib/course-packages-added.mjs";
import { jupyterEnv } from "./lib/jupyter-env.mjs";
import { announceWhenReady, stopWithParent } from "./lib/server-console.mjs";
import { answersNotice } from "./lib/student-release.mjs";
import { checkWritable, chooseWorkspaceDir, describeUpdate, takeWorkspaceOption, updateWorkspace } from "./lib/workspace.mjs";
import { holdWorkspace, recordedServerOn, recordServingRuntime } from "./lib/workspace-servers.mjs";
import { makePrivateFolder } from "./lib/workspace-privacy.mjs";
import { describeKeptWork, keepWork, keptCopyAsWorkspace, restoreKeptWork } from "./lib/kept-work.mjs";

if (!fs.existsSync(venvJupyter)) {
  console.error(`lab: ${venvJupyter} is missing; run \`npm start\` (it sets up the environment first)`);
  process.exit(1);
}

/** Takes this script's own options out of the arguments; the rest are JupyterLab's. */
function doorOptions(argv) {
  const taken = takeWorkspaceOption(argv);
  const instructor = taken.rest.includes("--instructor");
  const rest = taken.rest.filter((arg) => arg !== "--instructor");
  const { workspace } = taken;
  if (instructor && workspace !== undefined) throw new Error("--workspace is for the student's door; the instructor's door opens notebooks/");
  const folderArg = folderChoosingArg(rest, typedIn());
  if (folderArg !== undefined) {
    throw new Error(
      instructor
        ? `${folderArg} would open JupyterLab on another folder than notebooks/, the course's source, which the instructor's door opens`
        : `${folderArg} would open JupyterLab on another folder than your workspace, which npm start fills, updates and keeps a copy of: ` +
            "give the folder as the workspace, npm start -- --workspace <dir>",
    );
  }
  return { instructor, workspace, rest };
}

/** The Jupyter server of this environment serving `folder`, if one runs ({ url, token, pid }), else undefined. */
function runningServerOn(folder, environment) {
  const listed = spawnSync(venvJupyter, ["server", "list", "--json"], { env: environment, encoding: "utf8" });
  if (listed.status !== 0) return undefined;
  const real = fs.realpathSync(folder);
  for (const line of listed.stdout.split("\n")) {
    let server;
    try {
      server = JSON.parse(line);
    } catch {
      continue;
    }
    let root;
    try {
      root = fs.realpathSync(server.root_dir);
    } catch {
      continue;
    }
    if (root === real) return server;
  }
  return undefined;
}

/**
 * Stops when a JupyterLab already serves `folder`, this environment's or one of another checkout
 * that served it before: each would save its tabs over the other's notebooks.
 */
function refuseSecondServer(folder, environment) {
  const running = fs.existsSync(folder) ? (runningServerOn(folder, environment) ?? recordedServerOn(folder)) : undefined;
  if (!running) return;
  console.error(
    `lab: a JupyterLab is already running on ${folder} (process ${running.pid}): open ${running.url}lab?token=${running.token} ` +
      "(two on one folder each save over the other's notebooks), or stop it first (Ctrl-C twice in its terminal)",
  );
  process.exit(3);
}

/** Refreshes the copy of the student's files kept outside the course's folder; a failure is said, and stops nothing. */
function keepWorkOrWarn(folder) {
  try {
    return keepWork(folder);
  } catch (error) {
    console.error(`lab: the copy of your work kept outside the course's folder could not be refreshed (${error.message}); your workspace is untouched`);
    return undefined;
  }
}

/** The kept files put back (restoreKeptWork); none with no place to keep them (no home folder, NEURAL_MI_KEPT_WORK a file…: keepWorkOrWarn says so). */
function restoreKeptWorkOrWarn(folder) {
  try {
    return restoreKeptWork(folder);
  } catch (error) {
    if (error.code !== "EKEPTWHERE") throw error;
    return { files: [] };
  }
}

let door;
let rootDir;
let workspaceDir;
let env;
try {
  door = doorOptions(process.argv.slice(2));
  // The student's door reads the project's student configuration first (highest priority).
  // The instructor's door reads its own (its kernels on private sockets: jupyter/instructor/).
  env = { ...jupyterEnv(), JUPYTER_CONFIG_PATH: fromRoot("jupyter", door.instructor ? "instructor" : "student") };
  if (!homeFolder()) {
    console.log(
      `note: no home folder is known here (HOME is not set, and the system lists no user ${process.getuid?.() ?? ""}): ` +
        `JupyterLab and its kernels keep their own files in ${env.HOME}, which the machine may empty; set HOME to a folder of your own to keep them`,
    );
  }
  if (door.instructor) rootDir = notebooksDir;
  else {
    const notice = answersNotice(notebooksDir);
    if (notice) console.log(notice);
    // before the workspace is made: a start stopped there had left it made, and empty
    const tmpProblem = unusableTempFolder("npm start", "the course's chapters before it copies them into your workspace");
    if (tmpProblem) {
      console.error(`lab: ${tmpProblem}`);
      process.exit(2);
    }
    workspaceDir = chooseWorkspaceDir(door.workspace);
    const inCopies = keptCopyAsWorkspace(workspaceDir);
    if (inCopies) {
      console.error(`lab: ${inCopies}`);
      process.exit(2);
    }
    // before the workspace is updated: a chapter replaced under an open tab would be saved over by the running server
    refuseSecondServer(workspaceDir, env);
    // and a start still on its way to a server, until this one ends
    const created = !fs.existsSync(workspaceDir);
    checkWritable(workspaceDir);
    // before anything is written in it (the hold below makes its .course/): hers alone
    makePrivateFolder(workspaceDir);
    holdWorkspace(workspaceDir);
    // a workspace deleted with the course's folder gets back what was kept of it
    const restored = restoreKeptWorkOrWarn(workspaceDir);
    const update = updateWorkspace({ workspaceDir });
    for (const line of describeUpdate({ ...update, created: created || update.created })) console.log(line);
    for (const line of describeKeptWork({ restored, kept: keepWorkOrWarn(workspaceDir), created, putBack: update.restored })) console.log(line);
    rootDir = update.workspaceDir;
    const addedPackages = describeCoursePackagesAdded(coursePackagesAdded(repoRoot), rootDir);
    if (addedPackages) console.log(addedPackages);
    // where this JupyterLab's connection file goes, for a start from another checkout to find it
    recordServingRuntime(rootDir, env.JUPYTER_RUNTIME_DIR);
  }
} catch (error) {
  if (error.code === "EWORKSPACEHELD") {
    console.error(
      error.host
        ? `lab: ${error.message} (two JupyterLabs on one folder each save over the other's notebooks)`
        : `lab: ${error.message}: its JupyterLab would save over this one's notebooks; use the one it prints, or stop it first (Ctrl-C twice in its terminal); ` +
            `if no npm start of yours runs now (its terminal gone, the machine restarted since), delete ${error.file} and start again`,
    );
    process.exit(3);
  }
  if (isClosedCourse(error)) {
    console.error(`lab: ${CLOSED_COURSE}.`);
    process.exit(2);
  }
  // the workspace's disk full (or the user's quota used up) while the course's chapters were copied
  // into it: node's bare "ENOSPC: no space left on device, write" named neither the folder nor the fix
  if (["ENOSPC", "EDQUOT"].includes(error.code)) {
    // the temporary folder's disk full, not the workspace's: moving the workspace would not have helped
    const tmp = fullTempFolder();
    if (tmp && !isFull(workspaceDir)) {
      console.error(`lab: ${fullTempAdvice(tmp, "npm start", "the course's chapters before it copies them into your workspace")}; no file of your workspace was touched`);
      process.exit(2);
    }
    console.error(
      `lab: the disk holding the workspace ${workspaceDir} is full (${error.code}), so the course's chapters could not all be ` +
        "copied into it; no file you changed was touched. Free some space on that disk (or keep your work on another: " +
        "npm start -- --workspace <dir>) and run npm start again: the chapters not copied yet arrive then",
    );
    process.exit(2);
  }
  // a checkout installed read-only (a lab's shared copy), or another user's
  // (not a workspace of another user's files: the student's work is in it, to be given back to her)
  const unwritable = ["EACCES", "EPERM", "EROFS"].includes(error.code) && error.otherOwner === undefined && !error.writeProtected;
  const advice = door?.workspace
    ? `\nlab: ${door.workspace} cannot be written by you: give a folder of your own to --workspace`
    : "\nlab: this folder cannot be written by you: keep your work in a folder of your own, `npm start -- --workspace ~/neural-mi-work`";
  console.error(`lab: ${error.message}` + (unwritable ? advice : ""));
  process.exit(2);
}

if (door.instructor) refuseSecondServer(rootDir, env);

const args = [
  "lab",
  `--ServerApp.root_dir=${rootDir}`,
  "--MappingKernelManager.default_kernel_name=tslab",
  // Containers and CI machines often run as root, which JupyterLab refuses unless told.
  ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ...door.rest,
];
const lab = spawn(venvJupyter, args, { cwd: rootDir, env, stdio: ["inherit", "inherit", "pipe"] });

// JupyterLab logs its address among other lines on stderr; repeat it where it is easy to see.
announceWhenReady(lab, /https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])[^\s]*\/lab[^\s]*/, (url) =>
  console.log(`\nJupyterLab is running at ${url[0]}\n(Ctrl-C twice to stop it)\n`),
);
stopWithParent(lab);
// the environment's jupyter there but not runnable (its Python gone, a drive mounted without programs): node
// threw its bare "spawn … ENOENT" with a stack trace
lab.on("error", (error) => {
  console.error(
    `lab: JupyterLab could not be started: ${venvJupyter} cannot be run (${error.code ?? error.message}); ` +
      (process.env.NEURAL_MI_VENV
        ? `NEURAL_MI_VENV=${process.env.NEURAL_MI_VENV} is not a working environment: point it at one, or unset it`
        : "delete .venv and run npm start again: it is made anew"),
  );
  if (workspaceDir !== undefined) keepWorkOrWarn(workspaceDir);
  process.exit(2);
});
lab.on("exit", (code, signal) => {
  if (workspaceDir !== undefined) keepWorkOrWarn(workspaceDir);
  process.exit(code ?? (signal ? 1 : 0));
});
