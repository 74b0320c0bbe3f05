// The JupyterLabs serving a workspace, whichever checkout of the course started them. Each
// checkout has a Python environment of its own, and Jupyter writes a server's connection file
// (jpserver-<pid>.json) into that environment's runtime folder, where `jupyter server list`
// of another checkout does not look: a newer edition started on the old edition's workspace
// (as the student edition's README advises) did not see the old JupyterLab still open on it,
// updated the chapters under its tabs and served the folder a second time. So `npm start`
// records, in the workspace, the runtime folder of each environment that served it, and looks
// there too.
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../../autograder/src/util/atomic-write.mjs";

const RECORD = path.join(".course", "servers.json");
// the folders of the last checkouts that served the workspace
const KEPT = 20;

function recordedRuntimeDirs(workspaceDir) {
  try {
    const dirs = JSON.parse(fs.readFileSync(path.join(workspaceDir, RECORD), "utf8"));
    return Array.isArray(dirs) ? dirs.filter((dir) => typeof dir === "string" && path.isAbsolute(dir)) : [];
  } catch {
    return [];
  }
}

/** Records that a JupyterLab whose Jupyter writes its connection files in `runtimeDir` serves `workspaceDir`. */
export function recordServingRuntime(workspaceDir, runtimeDir) {
  const dirs = [runtimeDir, ...recordedRuntimeDirs(workspaceDir).filter((dir) => dir !== runtimeDir)].slice(0, KEPT);
  writeFileAtomic(path.join(workspaceDir, RECORD), JSON.stringify(dirs, null, 2) + "\n");
}

const alive = (pid) => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
};

/**
 * A running Jupyter server ({ url, token, pid, root_dir }) rooted at `workspaceDir` that one of
 * the runtime folders recorded in the workspace lists, or undefined.
 */
export function recordedServerOn(workspaceDir) {
  if (!fs.existsSync(workspaceDir)) return undefined;
  const real = fs.realpathSync(workspaceDir);
  for (const dir of recordedRuntimeDirs(workspaceDir)) {
    let names;
    try {
      names = fs.readdirSync(dir).filter((name) => /^jpserver-\d+\.json$/.test(name));
    } catch {
      continue; // that checkout is gone, or its folder is not readable
    }
    for (const name of names) {
      let server;
      try {
        server = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
        if (alive(server.pid) && fs.realpathSync(server.root_dir) === real) return server;
      } catch {
        // a file being written or removed, or a root that is gone
      }
    }
  }
  return undefined;
}
