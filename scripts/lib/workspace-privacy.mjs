// A workspace holds the student's answers: on a machine of several accounts (a lab's shared
// computer, home folders made 0755 as older Ubuntu and Debian make them), a workspace made with the
// usual umask (folders 0755, notebooks 0644) let every other account read her chapters by their
// known names. npm start makes it open to her alone, and names one an earlier start made open.
import fs from "node:fs";
import path from "node:path";
import { shellWord } from "./shell-word.mjs";

const OTHERS_PASS = 0o001;

/** Makes `dir` (its missing parents as usual) open to this user alone, where it is missing; true when made. */
export function makePrivateFolder(dir) {
  if (fs.existsSync(dir)) return false;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { mode: 0o700 });
  return true;
}

/**
 * True when every other account of the machine can pass into `dir`: it and each folder above it let
 * others through, so they read its files by name. (Windows keeps no such modes: false.)
 */
export function openToOthers(dir) {
  if (process.platform === "win32") return false;
  try {
    for (let folder = fs.realpathSync(dir); ; folder = path.dirname(folder)) {
      if ((fs.statSync(folder).mode & OTHERS_PASS) === 0) return false;
      if (path.dirname(folder) === folder) return true;
    }
  } catch {
    return false; // a folder above it this account cannot look at: not a start's to judge, nor to stop
  }
}

/** What npm start says of a workspace `where` that is open to others, with the command that closes it. */
export const describeOpenWorkspace = (/** @type {string} */ where) =>
  `your workspace ${where}/ is open to every account of this machine, which can read your answers in it: ` +
  `\`chmod 700 ${shellWord(where)}\` keeps it yours (npm start makes a new workspace so)`;
