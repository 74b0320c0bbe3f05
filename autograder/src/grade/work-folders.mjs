// The grader's work folder (neural-mi-grading-*, in the temporary folder): made with a record
// of the run that owns it, and the folders of runs that were killed (SIGKILL: a Slurm task over
// its time or memory, a pod killed for memory), which could not remove them, removed by the
// next run, their sandbox mounts first. A live run's folder is never touched.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { removeRecordedApartSockets } from "../execute/isolation.mjs";
import { ownedAndClosed } from "../util/owned-folder.mjs";
import { removeTree } from "../util/remove-tree.mjs";

const PREFIX = "neural-mi-grading-";
const OWNER = "owner.json";

/**
 * When a process started (clock ticks since boot, /proc/<pid>/stat), or undefined where there is no /proc or no such process.
 * @param {number} pid @returns {string | undefined}
 */
export function startTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command may hold spaces and parentheses: the fields after it follow the last ")"
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** Whether the run that wrote `owner` is still running (the same pid, started at the same time). @param {{ pid: number, startTicks?: string }} owner */
export function ownerAlive(owner) {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
  const ticks = startTicks(owner.pid);
  return ticks === undefined || owner.startTicks === undefined || ticks === owner.startTicks;
}

/** The mount points at or below `dir`, deepest first. @param {string} dir @returns {string[]} */
function mountsUnder(dir) {
  let table = "";
  try {
    table = readFileSync("/proc/self/mounts", "utf8");
  } catch {
    return [];
  }
  return table
    .split("\n")
    .map((line) => line.split(" ")[1])
    .filter((point) => point !== undefined)
    .map((point) => point.replace(/\\(\d{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8))))
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Removes the work folders in `baseDir` whose run has ended without removing them; returns their
 * names. Folders without an owner's record (kept with --keep-work, or of another tool) stay.
 * @param {string} baseDir @returns {string[]}
 */
export function removeAbandonedWorkFolders(baseDir) {
  /** @type {string[]} */
  const removed = [];
  /** @type {string[]} */
  let names = [];
  try {
    names = readdirSync(baseDir).filter((name) => name.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = join(baseDir, name);
    // another account's folder of that name in a shared /tmp, its record naming a process long gone: emptying
    // it (a folder of hers the grader may not write in) threw, and the run stopped before grading anyone; as
    // root, the grader walked a tree she could change under it, and removed what a record of hers named
    if (!ownedAndClosed(dir)) continue;
    let owner;
    try {
      owner = JSON.parse(readFileSync(join(dir, OWNER), "utf8"));
    } catch {
      continue;
    }
    if (typeof owner?.pid !== "number" || ownerAlive(owner)) continue;
    for (const point of mountsUnder(dir)) spawnSync("umount", ["-l", point], { stdio: "ignore" });
    if (mountsUnder(dir).length > 0) continue; // not ours to unmount (not root): left as it is
    removeRecordedApartSockets(join(dir, "jobs"));
    removeTree(dir);
    if (!existsSync(dir)) removed.push(name);
  }
  return removed;
}

/**
 * A new work folder in `baseDir`, with the record of this run; with `keep` (--keep-work) no record, so no later run removes it.
 * @param {string} baseDir @param {boolean} keep
 */
export function makeWorkFolder(baseDir, keep) {
  const dir = mkdtempSync(join(baseDir, PREFIX));
  if (!keep) writeFileSync(join(dir, OWNER), JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid) }));
  return dir;
}

const LOCK = ".grading.lock";

/**
 * The live run, other than this one, that holds `outDir` (its lock, `lockName`), if any.
 * @param {string} outDir @param {string} [lockName] @returns {{ pid: number, started?: string, command?: string } | undefined}
 */
export function outputFolderOwner(outDir, lockName = LOCK) {
  const owner = readLock(outDir, lockName);
  return owner && typeof owner.pid === "number" && owner.pid !== process.pid && ownerAlive(owner) ? owner : undefined;
}

/** The lock's record, or undefined when there is none or it is not whole (a run killed as it wrote it). @param {string} outDir @param {string} lockName */
function readLock(outDir, lockName) {
  try {
    return JSON.parse(readFileSync(join(outDir, lockName), "utf8"));
  } catch (error) {
    if (!(error instanceof SyntaxError) && /** @type {NodeJS.ErrnoException} */ (error).code !== "ENOENT") throw error;
    return undefined;
  }
}

/** Each command that takes a lock: what it is called in the lock's refusal, and the fix that refusal gives it. */
const COMMANDS = {
  grading: { name: "grading run", fix: "wait for it to end, or give another --out" },
  manual: { name: "`npm run autograde -- manual`", fix: "wait for it to end, then run `npm run autograde -- manual` again" },
  merge: { name: "merge of shards", fix: "wait for it to end, then merge again" },
  nbgrader: { name: "`npm run nbgrader:autograde`", fix: "wait for it to end, then run this again (the students it autograded are skipped)" },
  // nbgrader's own command typed in a terminal, which takes the course's lock through its config (src/nbgrader/class_run_lock.py)
  "nbgrader-typed": { name: "`nbgrader autograde`", fix: "wait for it to end, then run this again" },
  // the formgrader's Autograde button: nbgrader's Autograde inside the instructor's Jupyter server (the same module)
  formgrader: { name: "Autograde of the formgrader", fix: "wait for it to end, then run this again" },
};
/** The name of the command a lock records (a lock of an earlier version records none: a grading run). @param {unknown} command */
const commandName = (command) => (COMMANDS[/** @type {keyof typeof COMMANDS} */ (command)] ?? COMMANDS.grading).name;

/**
 * Claims `outDir` for this run: refuses, naming the run, while another live run writes there
 * (two runs on one folder both graded every student, and the last to write decided the report;
 * `manual` or a merge writing the class reports while a grading run rewrote them after every
 * student put an older list of students over the newer one). Every command that writes a report
 * folder takes it: a grading run, `manual` and a merge. The lock is made only if none is there
 * (`wx`), so two runs started at once cannot both take it; one left by a run that was killed is
 * taken over, and the temporary files that run left (killed while it wrote a report) are removed.
 * Returns the function that releases it. `lockName`: the lock's file name (the report folder's by default; a course
 * folder that nbgrader's class runs share has its own).
 * @param {string} outDir
 * @param {{ command?: keyof typeof COMMANDS, log?: (line: string) => void, lockName?: string }} [options]
 */
export function claimOutputFolder(outDir, { command = "grading", log = () => {}, lockName = LOCK } = {}) {
  const path = join(outDir, lockName);
  const record = JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid), started: new Date().toISOString(), command });
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, record, { flag: "wx" });
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST" || attempt >= 3) throw error;
    }
    const owner = outputFolderOwner(outDir, lockName);
    if (owner) {
      throw new Error(`another ${commandName(owner.command)} (process ${owner.pid}, started ${owner.started ?? "earlier"}) is writing to ${outDir}: ${COMMANDS[command].fix}`);
    }
    const stale = readLock(outDir, lockName);
    rmSync(path, { force: true });
    if (typeof stale?.pid === "number" && stale.pid !== process.pid) {
      const litter = removeTemporaryFiles(outDir, stale.pid);
      log(
        `note: the ${commandName(stale.command)} that last wrote here (process ${stale.pid}, started ${stale.started ?? "earlier"}) ended without releasing the folder (killed); ` +
          `its lock is taken over${litter > 0 ? `, and the ${litter} unfinished temporary file${litter === 1 ? "" : "s"} it left removed` : ""} (what it wrote whole is kept)`,
      );
    }
  }
  const release = () => rmSync(path, { force: true });
  process.once("exit", release);
  return () => {
    process.removeListener("exit", release);
    release();
  };
}

/**
 * The temporary files (atomic-write.mjs: `.<name>.<pid>.<16 hex>.tmp`) process `pid` left in the report folder
 * and its students' folders, removed; how many.
 * @param {string} outDir @param {number} pid
 */
function removeTemporaryFiles(outDir, pid) {
  const pattern = new RegExp(`^\\..+\\.${pid}\\.[0-9a-f]{16}\\.tmp$`);
  let removed = 0;
  /** @type {string[]} */
  let students = [];
  try {
    students = readdirSync(join(outDir, "students")).map((name) => join(outDir, "students", name));
  } catch {
    // no students' folders yet
  }
  for (const dir of [outDir, join(outDir, "manual"), ...students]) {
    let names = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((item) => pattern.test(item))) {
      rmSync(join(dir, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}
