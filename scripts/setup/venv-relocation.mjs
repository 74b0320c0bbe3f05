// The project's Python environment after the course's folder was moved or renamed (from Downloads to
// Documents, say). Its Python still runs (a link to the base Python, which finds the environment from
// where it is), but the programs pip wrote in its bin/ name the environment's Python by the path it
// had: `jupyter` then failed to start ("bad interpreter", node's "spawn … ENOENT"), and pip, finding
// every package installed, never wrote them again. relocateVenv rewrites those paths.
import fs from "node:fs";
import path from "node:path";

const MAX_SCRIPT_BYTES = 1024 * 1024;

/**
 * Where the environment in `venvDir` was made, read from its pip's first lines (`#!<dir>/bin/python3`,
 * or pip's `exec` trampoline for a path too long for `#!`), or undefined.
 * @param {string} venvDir
 */
export function madeAt(venvDir) {
  for (const name of ["pip", "pip3", "jupyter"]) {
    let head;
    try {
      head = fs.readFileSync(path.join(venvDir, "bin", name), "utf8").slice(0, 1024);
    } catch {
      continue;
    }
    const line = head.match(/^#!(\S+)\/bin\/python[\d.]*\s*$/m) ?? head.match(/^'''exec' "(.+)\/bin\/python[\d.]*"/m);
    if (line) return line[1];
  }
  return undefined;
}

/**
 * Rewrites the environment's path in the programs and activation scripts of `venvDir`/bin when the
 * environment was made elsewhere. Returns the folder it was made in (then moved), or undefined.
 * @param {string} venvDir
 */
export function relocateVenv(venvDir) {
  // Windows' programs are launchers with the path inside an archive: not rewritten here
  if (process.platform === "win32") return undefined;
  const old = madeAt(venvDir);
  if (old === undefined || old === venvDir) return undefined;
  // the same folder by another path (a link to it): nothing moved
  if (fs.existsSync(old) && fs.realpathSync(old) === fs.realpathSync(venvDir)) return undefined;
  const bin = path.join(venvDir, "bin");
  // compared and written as bytes: a path of other letters than ASCII is its UTF-8 bytes in the files
  const [from, to] = [old, venvDir].map((dir) => Buffer.from(dir, "utf8").toString("latin1"));
  for (const entry of fs.readdirSync(bin, { withFileTypes: true })) {
    if (!entry.isFile()) continue; // python, python3: links to the base Python
    const file = path.join(bin, entry.name);
    const info = fs.statSync(file);
    if (info.size > MAX_SCRIPT_BYTES) continue;
    const text = fs.readFileSync(file, "latin1");
    if (!text.includes(from)) continue;
    const moved = path.join(bin, `.${entry.name}.moved-${process.pid}`);
    fs.writeFileSync(moved, withFirstLineRunnable(text.split(from).join(to)), { encoding: "latin1", mode: info.mode });
    fs.renameSync(moved, file);
  }
  return old;
}

/**
 * `text` with a `#!` line that the system can run: one naming a path with a space, or longer than the
 * system reads (127 bytes), becomes the shell trampoline pip writes in its place (a folder renamed to
 * "cours d'été" made every program a "bad interpreter").
 * @param {string} text
 */
function withFirstLineRunnable(text) {
  const end = text.indexOf("\n");
  const first = end === -1 ? text : text.slice(0, end);
  const interpreter = first.match(/^#!(.+\/bin\/python[\d.]*)$/)?.[1];
  if (!interpreter || (!/\s/.test(interpreter) && first.length <= 127)) return text;
  return `#!/bin/sh\n'''exec' "${interpreter}" "$0" "$@"\n' '''` + text.slice(first.length);
}
