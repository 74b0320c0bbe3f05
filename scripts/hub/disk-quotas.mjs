// A disk quota per student's account on the file system of the hub's folder, which holds every home and
// nbgrader's exchange (a submission's files are its student's): without one, a student who filled it stopped
// every classmate's saves and submissions, and the instructor's grading. Quotas need the file system mounted
// with user quotas on (`usrquota`, then `quotaon`) and the quota tools; the start uses them where they are,
// and else says why there are none and what gives them.
import { spawnSync } from "node:child_process";

/** `command args...`'s { status, out }, status "missing" where the command is not there to run. */
function run(command, args) {
  const done = spawnSync(command, args, { encoding: "utf8" });
  if (done.error?.code === "ENOENT") return { status: "missing", out: "" };
  return { status: done.status, out: `${done.stdout ?? ""}${done.stderr ?? ""}`.trim() };
}

/**
 * Gives each of the system accounts `accounts` (names) a hard limit of `mb` MB on the file system holding
 * `dir`, where user quotas are on (0: none, lifting an earlier start's). `commands` names the tools (tests give stand-ins). Returns
 * { applied: true, message } or { applied: false, warning }: a warning names what is missing and the fix.
 * @param {string} dir
 * @param {string[]} accounts
 * @param {number} mb 0: no quota
 * @param {{ findmnt?: string, quotaon?: string, setquota?: string }} [commands]
 */
export function applyDiskQuotas(dir, accounts, mb, { findmnt = "findmnt", quotaon = "quotaon", setquota = "setquota" } = {}) {
  const filling = "a student who fills it stops every classmate's saves and submissions";
  // the type first: a mount point may hold spaces
  const mounted = run(findmnt, ["-n", "-o", "FSTYPE,TARGET", "--target", dir]);
  const [, type, mount] = (mounted.status === 0 && /^(\S+)\s+(.+)$/.exec(mounted.out)) || [];
  if (!mount) return { applied: false, warning: `no disk quota per student: the file system of ${dir} could not be found (findmnt: ${mounted.out || mounted.status}); ${filling}` };
  const where = `${mount} (${type}, which holds ${dir})`;
  const state = run(quotaon, ["-p", "-u", mount]);
  const notInstalled = { applied: false, warning: `no disk quota per student on ${where}: the quota tools (quotaon, setquota) are not installed; ${filling}. Install the quota package, mount it with usrquota and run quotaon, or give the hub's folder (--dir) a file system of its own` };
  if (state.status === "missing") return notInstalled;
  if (!/\bis on\b/.test(state.out)) {
    return { applied: false, warning: `no disk quota per student on ${where}: user quotas are off there (quotaon -p: ${state.out.split("\n")[0] || state.status}); ${filling}. Mount it with usrquota and run quotaon -u ${mount}, or give the hub's folder (--dir) a file system of its own` };
  }
  const failed = [];
  // 0: the limits of an earlier start lifted, not left in force
  for (const account of accounts) {
    const set = run(setquota, ["-u", account, "0", String(mb * 1024), "0", "0", mount]);
    if (set.status === "missing") return notInstalled;
    if (set.status !== 0) failed.push(`${account} (${set.out.split("\n")[0] || set.status})`);
  }
  if (mb === 0) return { applied: false, warning: `no disk quota per student (--disk-quota-mb 0) on ${where}: ${filling}` };
  if (failed.length > 0) return { applied: false, warning: `the disk quota of ${mb} MB on ${where} could not be set for ${failed.join(", ")}; ${filling}` };
  return { applied: true, message: `each student's account may hold at most ${mb} MB on ${where}: her home and her submissions (user quotas)` };
}
