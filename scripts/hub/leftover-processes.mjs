// What students' accounts left running when the hub stopped without its Ctrl-C (kill -9, the OOM
// killer): their servers, kernels and daemons ran on, unseen by the next start, and a student taken
// off the class list in that start kept hers for good (the hub forgot her, nothing stopped them):
// memory, ports and her code on the machine after she had left the course. A start ends them, as a
// server's stop does (hub/course_hub.py, end_account_processes): the hub's Ctrl-C leaves none, so
// a start finds only what a hub that died left. The instructor's are left: grading run with nohup.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

/** { uid: [pid, ...] } of the running processes (zombies left out), from one look at /proc. */
export function processesByAccount() {
  const found = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      if (/^State:\s+Z/m.test(status)) continue;
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      found.set(uid, [...(found.get(uid) ?? []), Number(entry)]);
    } catch {}
  }
  return found;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Sends `signal` to every process of the account, as the account (a process forking fast does not outrun kill -1). */
function signalAccount({ uid, gid }, signal) {
  spawnSync("setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "kill", `-${signal}`, "--", "-1"]);
}

/**
 * Ends the processes of `accounts` ([{ name, uid, gid }], none root's): SIGTERM, up to `graceMs`
 * for them to end, then SIGKILL. Returns the names of the accounts that had any, or a warning
 * naming the missing setpriv as { ended, warning }.
 */
export function endLeftoverProcesses(accounts, { graceMs = 2000 } = {}) {
  const running = processesByAccount();
  const holding = accounts.filter((account) => account.uid !== 0 && running.has(account.uid));
  if (holding.length === 0) return { ended: [] };
  if (spawnSync("setpriv", ["--version"]).error) {
    return { ended: [], warning: `processes of ${holding.map((a) => a.name).join(", ")} left by the last hub run on, since setpriv (util-linux) is missing: install it` };
  }
  for (const account of holding) signalAccount(account, "TERM");
  for (let waited = 0; waited < graceMs && holding.some((account) => processesByAccount().has(account.uid)); waited += 100) sleep(100);
  const still = processesByAccount();
  for (const account of holding) if (still.has(account.uid)) signalAccount(account, "KILL");
  return { ended: holding.map((account) => account.name) };
}
