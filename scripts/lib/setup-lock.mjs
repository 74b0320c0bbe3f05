// One set-up at a time in a checkout. The first `npm start` takes minutes (npm and pip download),
// and a student who started it again in a second terminal, or ran `npm run validate` meanwhile, ran
// two set-ups at once: two npm installs in one node_modules, two pip installs in one .venv, each
// undoing the other ("ENOTEMPTY", half-installed packages). A set-up now waits for the one running.
// Builtins only: the set-up runs it before node_modules exists.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readHold, takeAtOnce } from "./hold-file.mjs";
import { running } from "./process-command.mjs";

/**
 * The set-up holding `file` while it runs, as { pid }, or undefined: none, one that ended (a
 * killed set-up leaves its file), or another machine's (a checkout on a shared drive: not waited for).
 * @param {string} file @param {string} word what the holder's command line holds
 */
function holderOf(file, word) {
  const hold = readHold(file);
  if (hold === undefined || hold.host !== os.hostname() || hold.pid === process.pid) return undefined;
  return running(hold.pid, word) ? { pid: hold.pid } : undefined;
}

/**
 * Makes this process the checkout's set-up until it exits, waiting while another set-up holds
 * `file` (`onWait(holder)` is called once, when it starts waiting). Where `file` cannot be written
 * (a course installed read-only), it holds nothing.
 * @param {string} file
 * @param {{ onWait?: (holder: { pid: number }) => void, word?: string, pollMs?: number }} [options]
 */
export async function holdSetup(file, { onWait = () => {}, word = "setup.mjs", pollMs = 500 } = {}) {
  const text = `${process.pid}\n${os.hostname()}\n`;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      takeAtOnce(file, text);
      process.on("exit", () => {
        try {
          if (fs.readFileSync(file, "utf8") === text) fs.rmSync(file);
        } catch {
          // gone already
        }
      });
      return;
    } catch (error) {
      if (["EACCES", "EPERM", "EROFS"].includes(error.code)) return;
      if (error.code !== "EEXIST") throw error;
    }
    const holder = holderOf(file, word);
    if (holder === undefined) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (!told) onWait(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
