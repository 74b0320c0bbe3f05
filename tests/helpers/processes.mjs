// Processes a test starts and looks at.
import { spawn } from "node:child_process";

/** Whether a process with the id `pid` runs (or is a zombie not yet waited for). */
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes that run until killed: `start(command, args)` starts one, `killAll()` ends those still running (a test's `after`). */
export function untilKilled() {
  const started = [];
  return {
    start(command, args) {
      const child = spawn(command, args, { stdio: "ignore" });
      started.push(child);
      return child;
    },
    killAll() {
      for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
