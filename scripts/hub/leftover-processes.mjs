// What students' accounts left running when the hub stopped without its Ctrl-C (kill -9, the OOM
// killer): their servers, kernels and daemons ran on, unseen by the next start, and a student taken
// off the class list in that start kept hers for good (the hub forgot her, nothing stopped them):
// memory, ports and her code on the machine after she had left the course. A start ends them as a
// server's stop does, by hub/account_processes.py: the hub's Ctrl-C leaves none, so a start finds
// only what a hub that died left. The instructor's are left: grading run with nohup.
import { spawnSync } from "node:child_process";
import { fromRoot, venvPython } from "../lib/paths.mjs";

/**
 * Ends the processes of `accounts` ([{ name, uid, gid }], none root's): SIGTERM, up to 2 s for them
 * to end, then SIGKILL. Returns the names of the accounts that had any, or a warning naming the
 * missing setpriv, as { ended, warning }.
 */
export function endLeftoverProcesses(accounts) {
  if (accounts.length === 0) return { ended: [] };
  const run = spawnSync(venvPython, [fromRoot("hub", "account_processes.py"), ...accounts.map((account) => `${account.uid}:${account.gid}`)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`hub/account_processes.py failed: ${(run.stderr || run.stdout).trim()}`);
  const { holding, setpriv } = JSON.parse(run.stdout.trim().split("\n").at(-1));
  const names = accounts.filter((account) => holding.includes(account.uid)).map((account) => account.name);
  if (names.length === 0) return { ended: [] };
  if (!setpriv) return { ended: [], warning: `processes of ${names.join(", ")} left by the last hub run on, since setpriv (util-linux) is missing: install it` };
  return { ended: names };
}
