// Processes the tests left running: kernels, runners, servers or JupyterLabs that a test
// started and never stopped keep their memory (a course kernel holds about 280 MB) on the
// machine that runs the suite, and on the next run's. Every test file runs with the run's
// mark in its environment (NEURAL_MI_TEST_RUN), which the processes it starts inherit; after
// the last file, those still running are given a few seconds to end, then reported, killed,
// and they fail the run. (A process started with an environment of its own, as a grading
// kernel is, carries no mark: its runner, which does, is what is found.)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fromRoot, venvPython } from "../lib/paths.mjs";

/** The processes of this machine that carry `mark` in their environment (those this user may read). */
function markedProcesses(mark) {
  const found = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(mark)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      if (state !== "Z") found.push({ pid: Number(entry), argv });
    } catch {
      // ended meanwhile, or another user's
    }
  }
  return found;
}

/** The mark this run's test files carry, set in this process's environment for them to inherit. */
export function markTestRun(env = process.env) {
  env.NEURAL_MI_TEST_RUN = `${process.pid}-${Date.now()}`;
  return `NEURAL_MI_TEST_RUN=${env.NEURAL_MI_TEST_RUN}`;
}

/**
 * Waits up to `graceSeconds` for the processes carrying `mark` (other than this one) to end;
 * kills those that do not and returns them.
 * @param {string} mark
 */
export async function stopLeftovers(mark, graceSeconds = 15) {
  const left = () => markedProcesses(mark).filter(({ pid }) => pid !== process.pid);
  let found = left();
  for (let waited = 0; found.length > 0 && waited < graceSeconds * 4; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    found = left();
  }
  for (const { pid } of found) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/**
 * Removes the sockets' folders of the nbgrader kernels whose managers the tests killed (a stopped
 * autograde, a killed server): the product removes them at its next kernel's start, which after the
 * last file never comes (autograder/src/nbgrader/unix_socket_kernels.py).
 */
export function removeKilledKernelFolders() {
  const code = "import sys, tempfile; sys.path.insert(0, sys.argv[1]); from unix_socket_kernels import remove_abandoned_folders; remove_abandoned_folders(tempfile.gettempdir())";
  spawnSync(venvPython, ["-c", code, fromRoot("autograder", "src", "nbgrader")], { stdio: "ignore", timeout: 60_000 });
}
