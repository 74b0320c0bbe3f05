// A one-node Slurm cluster on this machine, for the tests: Debian's slurm-wlm and munge,
// installed when missing and possible (root, apt), with daemons of the test's own
// (private state folder, ports and munge socket) that stop with it.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

const DAEMONS = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch"];

/** @returns {string | undefined} why Slurm cannot be installed, or undefined once it is */
function ensureInstalled() {
  if (DAEMONS.every((path) => existsSync(path))) return undefined;
  if (process.getuid?.() !== 0) return "slurm-wlm and munge are not installed, and installing them needs root";
  if (!existsSync("/usr/bin/apt-get")) return "slurm-wlm and munge are not installed, and this system has no apt-get";
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update"], { encoding: "utf8", env });
  if (update.status !== 0) return `apt-get update failed: ${update.stderr.trim().split("\n").at(-1)}`;
  const install = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "slurm-wlm", "munge"], { encoding: "utf8", env });
  if (install.status !== 0) return `apt-get install slurm-wlm munge failed: ${install.stderr.trim().split("\n").at(-1)}`;
  return DAEMONS.every((path) => existsSync(path)) ? undefined : "slurm-wlm installed without its daemons";
}

/** A free TCP port is not known in advance: pick from a range no service of this project uses. */
const port = (offset) => 46000 + (process.pid % 1000) * 3 + offset;

/** Runs until `check` holds or `seconds` pass. */
async function waitFor(check, seconds) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return check();
}

/**
 * @param {string} dir an empty folder for the cluster's state and logs
 * @returns {Promise<{ env: Record<string, string>, stop: () => void } | { unavailable: string }>}
 */
export async function startOneNodeCluster(dir) {
  const missing = ensureInstalled();
  if (missing) return { unavailable: missing };
  if (process.getuid?.() !== 0) return { unavailable: "slurmd must run as root to start jobs as their user" };
  for (const sub of ["state", "spool", "munge"]) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  const socket = join(dir, "munge", "munge.socket");
  const key = join(dir, "munge", "munge.key");
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  chmodSync(key, 0o400);
  const node = spawnSync("slurmd", ["-C"], { encoding: "utf8" }).stdout.split("\n")[0];
  const cpus = /CPUs=(\d+)/.exec(node)?.[1] ?? "1";
  const memory = /RealMemory=(\d+)/.exec(node)?.[1] ?? "1024";
  const host = hostname().split(".")[0];
  const conf = join(dir, "slurm.conf");
  writeFileSync(
    conf,
    [
      "ClusterName=autogradetest",
      `SlurmctldHost=${host}`,
      "SlurmUser=root",
      `SlurmctldPort=${port(0)}`,
      `SlurmdPort=${port(1)}`,
      "AuthType=auth/munge",
      "CredType=cred/munge",
      `AuthInfo=socket=${socket}`,
      `StateSaveLocation=${join(dir, "state")}`,
      `SlurmdSpoolDir=${join(dir, "spool")}`,
      `SlurmctldPidFile=${join(dir, "slurmctld.pid")}`,
      `SlurmdPidFile=${join(dir, "slurmd.pid")}`,
      `SlurmctldLogFile=${join(dir, "slurmctld.log")}`,
      `SlurmdLogFile=${join(dir, "slurmd.log")}`,
      "ProctrackType=proctrack/linuxproc",
      "TaskPlugin=task/none",
      "JobAcctGatherType=jobacct_gather/none",
      "AccountingStorageType=accounting_storage/none",
      "SelectType=select/cons_tres",
      "SelectTypeParameters=CR_CPU_Memory",
      "MpiDefault=none",
      "SwitchType=switch/none",
      "ReturnToService=2",
      "SchedulerParameters=sched_interval=1",
      `NodeName=${host} CPUs=${cpus} RealMemory=${memory} State=UNKNOWN`,
      `PartitionName=grading Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      "",
    ].join("\n"),
  );
  const env = { SLURM_CONF: conf };
  /** @type {import("node:child_process").ChildProcess[]} */
  const daemons = [];
  const start = (command, args) => {
    const log = openSync(join(dir, `${command}.out`), "a");
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", log, log] });
    daemons.push(child);
    return child;
  };
  const stop = () => {
    for (const child of daemons.reverse()) if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.on("exit", stop);
  start("munged", ["-F", "--force", `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${join(dir, "munged.pid")}`,
    `--log-file=${join(dir, "munged.log")}`, `--seed-file=${join(dir, "munge", "seed")}`]);
  if (!(await waitFor(() => existsSync(socket), 20))) {
    stop();
    return { unavailable: `munged did not start: ${tail(join(dir, "munged.out"))}` };
  }
  start("slurmctld", ["-D", "-i", "-f", conf]);
  start("slurmd", ["-D", "-f", conf, "-N", host]);
  const idle = () => /idle|mix|alloc/.test(spawnSync("sinfo", ["-h", "-o", "%T"], { encoding: "utf8", env: { ...process.env, ...env } }).stdout);
  if (!(await waitFor(idle, 60))) {
    stop();
    return { unavailable: `the node did not come up: slurmctld: ${tail(join(dir, "slurmctld.log"))}; slurmd: ${tail(join(dir, "slurmd.log"))}` };
  }
  return { env, stop };
}

/** The last line of a log, for a diagnostic. @param {string} path */
function tail(path) {
  try {
    return readFileSync(path, "utf8").trim().split("\n").at(-1) ?? "";
  } catch {
    return "(no log)";
  }
}
