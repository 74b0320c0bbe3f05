// The JupyterLabs serving a workspace, whichever checkout of the course started them. Each
// checkout has a Python environment of its own, and Jupyter writes a server's connection file
// (jpserver-<pid>.json) into that environment's runtime folder, where `jupyter server list`
// of another checkout does not look: a newer edition started on the old edition's workspace
// (as the student edition's README advises) did not see the old JupyterLab still open on it,
// updated the chapters under its tabs and served the folder a second time. So `npm start`
// records, in the workspace, the runtime folder of each environment that served it, and looks
// there too.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "../../autograder/src/util/atomic-write.mjs";
import { readHold, takeAtOnce } from "./hold-file.mjs";
import { running } from "./process-command.mjs";

export { running };

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
  // a folder of its name (made by hand) holds no record: npm start stopped with "EISDIR … rename"
  if (fs.statSync(path.join(workspaceDir, RECORD), { throwIfNoEntry: false })?.isDirectory()) fs.rmSync(path.join(workspaceDir, RECORD), { recursive: true });
  writeFileAtomic(path.join(workspaceDir, RECORD), JSON.stringify(dirs, null, 2) + "\n");
}


/**
 * A running Jupyter server ({ url, token, pid, root_dir }) rooted at `workspaceDir` that one of
 * the runtime folders recorded in the workspace lists, or that of the checkout holding it, or undefined.
 */
export function recordedServerOn(workspaceDir) {
  if (!fs.existsSync(workspaceDir)) return undefined;
  const real = fs.realpathSync(workspaceDir);
  // and the runtime folder of the checkout the workspace lies in (an older edition's my-work/,
  // served by that edition, which recorded nothing)
  const enclosing = path.join(path.dirname(real), ".venv", "share", "jupyter", "runtime");
  for (const dir of new Set([...recordedRuntimeDirs(workspaceDir), enclosing])) {
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
        if (running(server.pid, "jupyter") && fs.realpathSync(server.root_dir) === real) return server;
      } catch {
        // a file being written or removed, or a root that is gone
      }
    }
  }
  return undefined;
}

// Held by the npm start that serves the workspace, from before its update to its JupyterLab's end:
// two starts at once (a second terminal, the command run twice) both found no server yet, since a
// JupyterLab writes its connection file seconds after it starts, and both updated the workspace
// and served it.
const HOLD = path.join(".course", "lab.pid");

/**
 * The npm start named in `file` while it runs, as { pid, host }, or undefined (none, or it ended).
 * The file names the machine too: a workspace on a network drive (a lab's shared home folders) is
 * served from one machine and started again from another, where the first start's process number
 * means nothing. It was taken for a start that had ended, its hold removed, and a second JupyterLab
 * served the folder (each saving over the other's notebooks). A start of another machine is taken to
 * run: this one cannot look.
 */
function holderIn(file) {
  const hold = readHold(file);
  if (hold === undefined) return undefined;
  if (hold.host && hold.host !== os.hostname()) return { pid: hold.pid, host: hold.host };
  return hold.pid !== process.pid && running(hold.pid, "lab.mjs") ? { pid: hold.pid } : undefined;
}

/** The npm start serving `workspaceDir` (or on its way to), as { pid, host } (host: another machine's), or undefined. */
export const heldBy = (workspaceDir) => holderIn(path.join(workspaceDir, HOLD));

/**
 * Makes this process the workspace's npm start until it exits. Throws, with code
 * "EWORKSPACEHELD" and the other's `pid`, when another start holds it.
 */
export function holdWorkspace(workspaceDir) {
  const file = path.join(workspaceDir, HOLD);
  // a file of that name (a sync tool's, or made by hand): it said "EEXIST: file already exists, mkdir …"
  if (fs.existsSync(path.dirname(file)) && !fs.statSync(path.dirname(file)).isDirectory()) {
    throw new Error(`${path.dirname(file)} is a file, not the folder where npm start keeps the workspace's records: move it away (or delete it) and start again`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      // the name taken with: a laptop's name can change with its network while JupyterLab runs (macOS), and
      // compared with the new one, the hold was this start's no more, left behind, and every next start refused
      const host = os.hostname();
      takeAtOnce(file, `${process.pid}\n${host}\n`);
      process.on("exit", () => {
        try {
          const [pid, heldBy] = fs.readFileSync(file, "utf8").split("\n");
          if (pid.trim() === String(process.pid) && heldBy.trim() === host) fs.rmSync(file);
        } catch {
          // the workspace is gone, or the file with it
        }
      });
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    const holder = holderIn(file);
    if (holder?.host) {
      throw Object.assign(
        new Error(
          `another npm start, on the machine ${holder.host} (process ${holder.pid} there), is serving ${workspaceDir} or starting to: ` +
            `stop it there (Ctrl-C twice in its terminal), or, if that machine's start is gone (the machine turned off), delete ${file} and start again`,
        ),
        { code: "EWORKSPACEHELD", pid: holder.pid, host: holder.host },
      );
    }
    if (holder !== undefined) {
      throw Object.assign(new Error(`another npm start (process ${holder.pid}) is serving ${workspaceDir} or starting to`), { code: "EWORKSPACEHELD", pid: holder.pid, file });
    }
    // left by a start that ended without removing it (killed); a folder of its name (made by hand) too
    fs.rmSync(file, { force: true, recursive: true });
  }
  throw new Error(`could not take ${file}: another npm start keeps taking it`);
}
