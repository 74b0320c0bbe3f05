// @ts-check
// The class report's folder is its grader's alone: it holds every student's answers (the written
// ones in report.json, the code in the executed notebooks) and grades, and on a hub or a cluster the
// students have accounts on the same machine or file system. A folder the grader makes is made so;
// one it is given open to other accounts (made by `mkdir -p` under the usual umask 022, as the Slurm
// script made `<out>` for its logs; or a new `--out` of a merge, which made it 0755 with 0644 files)
// is closed before anything is written into it.
import { chmodSync, mkdirSync, statSync } from "node:fs";

const OTHERS = 0o077;

/**
 * Makes `dir` (and the folders above it that are missing) open to this user alone, or closes it
 * to every other account when it is there already and open to them.
 * @param {string} dir
 * @returns {string | null} a sentence for the log when an open folder was closed, else null
 */
export function privateReportFolder(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { mode } = statSync(dir);
  if ((mode & OTHERS) === 0) return null;
  const closed = mode & 0o7700;
  try {
    chmodSync(dir, closed);
  } catch (error) {
    const { code } = /** @type {NodeJS.ErrnoException} */ (error);
    throw Object.assign(
      new Error(
        `the report folder ${dir} is open to other accounts (mode ${octal(mode)}) and this user cannot close it (${code}): ` +
          "it would show every student's answers and grades to them; choose --out a folder of your own, or close it (chmod go= <folder>)",
      ),
      { code: "EOPEN" },
    );
  }
  return `the report folder ${dir} was open to other accounts (mode ${octal(mode)}), who could read every student's answers and grades there: it is now ${octal(closed)}`;
}

/** @param {number} mode */
const octal = (mode) => (mode & 0o7777).toString(8).padStart(3, "0");
