// The machine's job schedulers, cron and at, closed to the students' accounts. A job they run is a
// process of the account that scheduled it, started by the scheduler's daemon, not by the student's
// server: none of what the hub gives her server holds there (the private /proc, the limits on
// processes and memory, the umask 077), no stop of her server or of the hub ends it, and it runs
// on after she is taken off the class list. A student's `crontab -e` in her terminal, on a machine
// with cron (Debian's and Ubuntu's servers have it), ran her script every minute as her account
// with the machine's whole process list, command lines included, and no limit on a fork bomb.
import fs from "node:fs";
import path from "node:path";
import { userIdOf } from "./account-id.mjs";

/**
 * The schedulers an account may be kept from: `command` tells whether it is installed; with an
 * `allow` file, only the accounts it lists may use it (ours are not listed by us); else none listed
 * in `deny` may. With neither file, cron is open to every account, at to root only.
 */
export const SCHEDULERS = [
  { name: "cron", command: "crontab", allow: "/etc/cron.allow", deny: "/etc/cron.deny", openWithoutFiles: true, spool: "/var/spool/cron/crontabs" },
  // at's queue: one file per job, owned by the account that queued it (Debian's folder, then others'); a
  // job queued before at was closed to her ran on, once, at its time, outside her server
  { name: "at", command: "at", allow: "/etc/at.allow", deny: "/etc/at.deny", openWithoutFiles: false, jobs: ["/var/spool/cron/atjobs", "/var/spool/at"] },
  // an account lingering (a file named after it) has its user manager started at boot, which runs its timers
  { name: "systemd's user timers", command: "loginctl", openWithoutFiles: false, spool: "/var/lib/systemd/linger" },
];

/** Whether `command` (a name looked for on PATH, or a path) is there to run. */
function installed(command) {
  const candidates = command.includes("/") ? [command] : (process.env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, command));
  return candidates.some((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

const lines = (file) => (file !== undefined && fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").map((line) => line.trim()) : undefined);

/** The user ids of the accounts named `accounts` that exist. */
function userIds(accounts) {
  return new Set(accounts.map(userIdOf).filter((id) => id !== undefined));
}

/** Removes, from each of the queue folders `folders` there, the files the accounts `accounts` own (their jobs). */
function removeJobsOf(accounts, folders) {
  const there = folders.filter((folder) => fs.existsSync(folder));
  if (there.length === 0) return;
  const ids = userIds(accounts);
  for (const folder of there) {
    for (const entry of fs.readdirSync(folder)) {
      const file = path.join(folder, entry);
      const stat = fs.lstatSync(file, { throwIfNoEntry: false });
      if (stat?.isFile() && ids.has(stat.uid)) fs.rmSync(file, { force: true });
    }
  }
}

/**
 * Keeps the system accounts `accounts` (names) from every installed scheduler of `schedulers`:
 * adds them to its deny file unless an allow file decides (one that lists an account of ours is
 * named in the returned warnings), and removes the crontabs and queued jobs they made before, and their
 * lingering. Returns the warnings.
 */
export function denySchedulers(accounts, schedulers = SCHEDULERS) {
  const warnings = [];
  for (const scheduler of schedulers) {
    if (!installed(scheduler.command)) continue;
    const allowed = lines(scheduler.allow);
    if (allowed !== undefined) {
      const listed = accounts.filter((account) => allowed.includes(account));
      if (listed.length > 0) warnings.push(`${scheduler.allow} lets ${listed.join(", ")} schedule jobs with ${scheduler.name}, which run outside their servers' limits: take them out of it`);
    } else {
      const denied = lines(scheduler.deny);
      if (denied !== undefined || scheduler.openWithoutFiles) {
        const missing = accounts.filter((account) => !(denied ?? []).includes(account));
        const text = denied === undefined ? "" : fs.readFileSync(scheduler.deny, "utf8");
        if (missing.length > 0) fs.appendFileSync(scheduler.deny, `${text === "" || text.endsWith("\n") ? "" : "\n"}${missing.join("\n")}\n`, { mode: 0o644 });
      }
    }
    if (scheduler.spool) for (const account of accounts) fs.rmSync(path.join(scheduler.spool, account), { force: true });
    if (scheduler.jobs) removeJobsOf(accounts, scheduler.jobs);
  }
  return warnings;
}
