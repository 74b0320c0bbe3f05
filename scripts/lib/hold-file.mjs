// A file that says which process holds something (a workspace served by npm start, a checkout's
// set-up) and on which machine: "<pid>\n<host name>\n". Builtins only: the set-up uses it before
// node_modules exists.
import fs from "node:fs";

/** What `file` says, as { pid, host } (host "" for a file that names none), or undefined when there is none. */
export function readHold(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const [pid = "", host = ""] = text.split("\n").map((line) => line.trim());
  return { pid: /^\d+$/.test(pid) ? Number(pid) : NaN, host };
}

/**
 * Makes `file` hold `text` unless it exists (EEXIST), with its content in place from the moment it
 * exists: written to a name of its own and linked, so that another process never reads it empty
 * (taken as left over, and removed). Where files cannot be linked (FAT drives), created exclusively.
 */
export function takeAtOnce(file, text) {
  const own = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(own, text);
  try {
    fs.linkSync(own, file);
  } catch (error) {
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes(error.code)) throw error;
    fs.writeFileSync(file, text, { flag: "wx" });
  } finally {
    fs.rmSync(own, { force: true });
  }
}
