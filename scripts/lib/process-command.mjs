// The command line of a running process, to tell a process recorded in a file from another given its
// number since (after a crash or a restart, process numbers are given again).
import { spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * The command line of process `pid`: from `proc` (Linux's /proc), else from `ps` (macOS has no /proc:
 * any running process had been taken for the one recorded, and a hold left by a start the machine's
 * restart ended refused every later start); undefined where neither says.
 * @param {number} pid
 * @param {string} [proc]
 */
export function commandLine(pid, proc = "/proc") {
  try {
    return fs.readFileSync(`${proc}/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    if (fs.existsSync(`${proc}/self`)) return undefined; // a /proc that does not list it: not running
  }
  const ps = spawnSync("ps", ["-p", String(pid), "-o", "command="], { encoding: "utf8" });
  return ps.status === 0 && ps.stdout.trim() !== "" ? ps.stdout.trim() : undefined;
}

/**
 * Whether process `pid` runs, and is one whose command line holds `word`: a number given to
 * another process since (after a crash or a restart) is not the one recorded. Where its command
 * line cannot be read at all, a running process is taken to be it.
 * @param {number} pid @param {string} word @param {string} [proc]
 */
export function running(pid, word, proc = "/proc") {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false;
  }
  const command = commandLine(pid, proc);
  return command === undefined ? !fs.existsSync(`${proc}/self`) && !psWorks() : command.includes(word);
}

// whether `ps` answers here: where it does, a process it does not list is not running
let psAnswers;
const psWorks = () => (psAnswers ??= commandLine(process.pid, "/nonexistent-proc") !== undefined);
