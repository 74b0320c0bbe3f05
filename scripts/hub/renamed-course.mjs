// A renamed student's place in the course (npm run hub -- --renamed old=new): her rows in nbgrader's gradebook
// (hub/renamed_gradebook.py), her folders in the course directory, and her submissions waiting in the exchange's
// inbound folder, each given to her new name at the start, before JupyterHub starts. Before, they stayed under the
// old name: the formgrader showed her grades under it and none under the new one, and the next collect filed her
// old submissions under the old name.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { venvPython, fromRoot } from "../lib/paths.mjs";
import { writeFileAtomic } from "../../autograder/src/util/atomic-write.mjs";
import { COURSE_ID } from "./layout.mjs";
import { FOLDER_NOFOLLOW, namesIn } from "./folder-names.mjs";

// nbgrader's default directory_structure, {nbgrader_step}/{student_id}/{assignment_id}, which the hub's course keeps
const STUDENT_STEPS = ["submitted", "autograded", "feedback"];
// hub/renamed_gradebook.py's exit for a new name with submissions of its own
const GRADEBOOK_REFUSED = 3;

/**
 * The inbound submissions renamed at a start, read by collect (hub/renamed_submissions.py): renaming a folder
 * changes its change time (ctime), which collect holds against the submission's time, so each is kept with the
 * latest change time of its tree after the rename (a later change by anyone is later still) and before it.
 */
export const renamedSubmissionsFile = (courseDir) => path.join(courseDir, ".renamed-submissions.json");

const inboundDir = (layout) => path.join(layout.exchangeDir, COURSE_ID, "inbound");
const isFolder = (file) => fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
const isEmptyFolder = (dir) => fs.readdirSync(dir).length === 0;

/**
 * The inbound folders of `name`'s submissions (nbgrader submit names them `<student>+<assignment>+<time>+<random>`):
 * folders, and on a hub with an account per user (`uid` given) those of her account only: a classmate's folder named
 * for her is not hers, and collect refuses it under either name.
 */
function inboundSubmissions(layout, name, uid) {
  const inbound = inboundDir(layout);
  if (!fs.existsSync(inbound)) return [];
  return namesIn(inbound, (entry) => {
    if (!entry.startsWith(`${name}+`)) return false;
    const info = fs.lstatSync(path.join(inbound, entry), { throwIfNoEntry: false });
    return (info?.isDirectory() && (uid === undefined || info.uid === uid)) ?? false;
  });
}

/**
 * The records of what collects took (.collected/<assignment>.json, hub/collect_record.py) that name a folder of
 * `name`'s: [file].
 */
function collectRecordsNaming(courseDir, name) {
  const dir = path.join(courseDir, ".collected");
  if (!fs.existsSync(dir)) return [];
  const namesFolders = (entry) => entry !== null && typeof entry === "object" && Object.values(entry).some((names) => Array.isArray(names) && names.length > 0);
  return fs
    .readdirSync(dir)
    .filter((entry) => entry.endsWith(".json"))
    .map((entry) => path.join(dir, entry))
    .filter((file) => namesFolders(readJson(file)[name]));
}

function readJson(file) {
  try {
    const value = JSON.parse(fs.readFileSync(file, "utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** What the course holds of `name`'s, the gradebook aside: { folders, inbound, records }. */
function holdings(layout, name, uid) {
  return {
    folders: STUDENT_STEPS.map((step) => path.join(layout.courseDir, step, name)).filter((dir) => isFolder(dir) && !isEmptyFolder(dir)),
    inbound: inboundSubmissions(layout, name, uid),
    records: collectRecordsNaming(layout.courseDir, name),
  };
}

/**
 * Each rename's plan, having checked that no new name holds work of its own in the course's folders or the exchange:
 * a refusal names what the new name holds (two people's work is not merged). A rename `begun` at an earlier start
 * (her home moved: renamed.mjs moves it before these) is not checked: what the new name holds is hers, and what is
 * left under the old one, where that start was cut short, is moved.
 * @param {{ courseDir: string, exchangeDir: string }} layout
 * @param {{ from: string, to: string, begun?: boolean }[]} renames
 * @param {{ uidOf: (name: string) => number | undefined }} [accounts] on a hub with an account per user
 */
export function planCourseRenames(layout, renames, accounts) {
  const uid = (name) => (accounts ? accounts.uidOf(name) ?? -1 : undefined);
  return renames.map(({ from, to, begun = false }) => {
    const hers = holdings(layout, from, uid(from));
    if (!begun) {
      const theirs = holdings(layout, to, uid(to));
      const held = [...theirs.folders, ...theirs.inbound.map((name) => path.join(inboundDir(layout), name)), ...theirs.records];
      if (held.length > 0) throw refusal(from, to, held);
    }
    return { from, to, ...hers };
  });
}

function refusal(from, to, held) {
  return new Error(
    `--renamed ${from}=${to}: ${to} has submissions or grades of its own already (${held.slice(0, 5).join(", ")}${held.length > 5 ? ", ..." : ""}): ` +
      `two people's work is not merged. If ${to} is another student, start without this rename; if both are hers, ` +
      `remove the work of one name (in the course folder: nbgrader db student remove <name> --force, and the folders named), and start again`,
  );
}

/**
 * The account that owns the course folder, to run as, where root runs the start and another account owns it (the
 * instructor's, on a hub with an account per user): { uid, gid }, or {} to run as this process. The course folder is
 * in the instructor's home: root's sqlite opened whatever `gradebook.db` led to, another course's gradebook among them.
 */
function courseOwner(courseDir) {
  if (process.getuid?.() !== 0) return {};
  const { uid, gid } = fs.lstatSync(courseDir);
  return uid === 0 ? {} : { uid, gid };
}

/**
 * Gives each rename's gradebook rows to the new name, all renames in one transaction; refused, nothing changed,
 * where a new name has submissions in the gradebook. Returns { [from]: submissions moved, or null: no row }.
 */
export function renameInGradebook(courseDir, renames) {
  const db = path.join(courseDir, "gradebook.db");
  if (renames.length === 0 || !fs.existsSync(db)) return {};
  const result = spawnSync(venvPython, [fromRoot("hub", "renamed_gradebook.py"), db, ...renames.map(({ from, to }) => `${from}=${to}`)], { encoding: "utf8", ...courseOwner(courseDir) });
  const said = String(result.stderr || result.stdout || "").trim();
  if (result.status === GRADEBOOK_REFUSED) {
    const names = renames.map(({ from, to }) => `${from}=${to}`).join(",");
    throw new Error(`--renamed ${names}: ${said} (${db}): two people's work is not merged; nothing was changed. If it is another student's, start without that rename; if both are hers, remove the work of one name (in the course folder: nbgrader db student remove <name> --force) and start again`);
  }
  if (result.error || result.status !== 0) throw new Error(`giving renamed students' gradebook records to their new names (${db}) failed: ${result.error?.message ?? said.split("\n").slice(-5).join("\n")}`);
  return JSON.parse(result.stdout);
}

// collect refuses a submission nested deeper than 40 folders (autograder/src/nbgrader/submission_bounds.py),
// whatever its times: the walk stops below this
const WALKED_DEPTH = 48;

/**
 * The latest change time (ns, a BigInt) of what lies below each folder, 0n for nothing, null for one that is not a
 * folder (a link, a file, gone): walked by hub/latest_change.py through folder descriptors, a name at a time and never
 * through a link. The folders are the student's own: a walk by full paths stopped the start, for the whole class, at
 * her folders nested past the longest path the system takes (ENAMETOOLONG), held each folder's whole listing, and
 * followed a folder she swapped for a link.
 */
function latestChangesBelow(dirs) {
  const result = spawnSync(venvPython, [fromRoot("hub", "latest_change.py"), String(WALKED_DEPTH), ...dirs], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new Error(`reading the change times of renamed submissions (${dirs.join(", ")}) failed: ${result.error?.message ?? result.stderr.trim().split("\n").slice(-3).join("\n")}`);
  return JSON.parse(result.stdout).map((ns) => (ns === null ? null : BigInt(ns)));
}

const later = (a, b) => (a > b ? a : b);

// what rename(2) says where the new name is taken by an entry it cannot replace
const NAME_TAKEN = new Set(["EEXIST", "ENOTEMPTY", "ENOTDIR", "EISDIR"]);

/**
 * Renames `old` to `fresh` in the exchange's inbound folder, where any student may have made an entry of that name
 * (hers, knowing her folders' names and her new name): one it cannot replace makes the random part of the name longer,
 * where the start stopped for the whole class. Returns the name given.
 */
function renameAside(old, fresh) {
  try {
    fs.renameSync(old, fresh);
    return fresh;
  } catch (error) {
    if (!NAME_TAKEN.has(error.code)) throw error;
    const aside = `${fresh}-${crypto.randomBytes(6).toString("hex")}`;
    fs.renameSync(old, aside);
    return aside;
  }
}

/**
 * The change time (ns, a BigInt) of the folder `dir`, given to `owner` on a hub with an account per user, through a
 * descriptor opened without following a link: null where it is no longer a folder. The student owns the folder's
 * entry (she may rename it in the sticky inbound folder): root's chown by its path followed the link she put in its
 * place, giving her any file of the machine.
 */
function giveFolder(dir, owner) {
  let fd;
  try {
    fd = fs.openSync(dir, FOLDER_NOFOLLOW);
  } catch (error) {
    if (["ELOOP", "ENOTDIR", "ENOENT"].includes(error.code)) return null;
    throw error;
  }
  try {
    if (owner) fs.fchownSync(fd, owner.uid, fs.fstatSync(fd).gid);
    return fs.fstatSync(fd, { bigint: true }).ctimeNs;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Renames the plan's inbound folders to the new name and, on a hub with an account per user, gives each (the folder
 * itself: collect checks its owner) to the new name's account; records each rename for collect.
 * A folder the student swapped for a link or a file meanwhile is renamed and not given, nor recorded: collect leaves it.
 * Returns each folder's new name by its old one.
 */
function renameInbound(layout, { from, to, inbound }, accounts) {
  if (inbound.length === 0) return {};
  const dir = inboundDir(layout);
  const recordFile = renamedSubmissionsFile(layout.courseDir);
  // entries of folders no longer in inbound go
  const record = Object.fromEntries(Object.entries(readJson(recordFile)).filter(([name]) => fs.existsSync(path.join(dir, name))));
  const owner = accounts?.give(to);
  const olds = inbound.map((name) => path.join(dir, name));
  const belows = latestChangesBelow(olds);
  const names = {};
  inbound.forEach((name, i) => {
    const [old, below] = [olds[i], belows[i]];
    const info = fs.lstatSync(old, { throwIfNoEntry: false, bigint: true });
    const fresh = renameAside(old, path.join(dir, to + name.slice(from.length)));
    names[name] = path.basename(fresh);
    const changed = giveFolder(fresh, owner);
    if (below === null || changed === null || !info?.isDirectory()) return;
    record[path.basename(fresh)] = { was: name, changed_ns: String(later(below, changed)), was_changed_ns: String(later(below, info.ctimeNs)) };
    // after each: a folder renamed without its entry would be refused by collect as changed after its time
    writeFileAtomic(recordFile, JSON.stringify(record, null, 2) + "\n");
  });
  return names;
}

/**
 * Moves the old name's entry of each record of what collects took to the new name, with its inbound folders' new names
 * (`inboundNames`: those this start gave, by their old names).
 */
function renameInCollectRecords({ from, to, records }, inboundNames) {
  const renamed = (name) => (typeof name === "string" && name.startsWith(`${from}+`) ? inboundNames[name] ?? to + name.slice(from.length) : name);
  for (const file of records) {
    const record = readJson(file);
    const [entry, theirs] = [record[from], record[to] ?? {}];
    delete record[from];
    // with what the new name's entry holds, hers where a start moved part of her records (planCourseRenames)
    record[to] = Object.fromEntries(
      Object.entries(entry).map(([key, names]) => [key, Array.isArray(names) ? [...new Set([...(Array.isArray(theirs[key]) ? theirs[key] : []), ...names.map(renamed)])] : names]),
    );
    writeFileAtomic(file, JSON.stringify(record));
  }
}

/**
 * Carries one planned rename over in the course's folders, the exchange and collects' records (the gradebook first,
 * renameInGradebook). Returns what moved, for the console: [] when nothing did.
 * @param {{ courseDir: string, exchangeDir: string }} layout
 * @param {{ from: string, to: string, folders: string[], inbound: string[], records: string[] }} plan
 * @param {{ give: (name: string) => { uid: number } }} [accounts] on a hub with an account per user
 */
export function moveCourseRecords(layout, plan, accounts) {
  const { to } = plan;
  for (const old of plan.folders) {
    const fresh = path.join(path.dirname(old), to);
    if (isFolder(fresh) && isEmptyFolder(fresh)) fs.rmdirSync(fresh);
    if (!isFolder(fresh)) fs.renameSync(old, fresh);
    else {
      // a start that moved part of them was cut short (planCourseRenames refused another's): her assignments one by one
      for (const assignment of fs.readdirSync(old)) {
        if (!fs.existsSync(path.join(fresh, assignment))) fs.renameSync(path.join(old, assignment), path.join(fresh, assignment));
      }
    }
  }
  const inboundNames = renameInbound(layout, plan, accounts);
  const submissions = Object.keys(inboundNames).length;
  renameInCollectRecords(plan, inboundNames);
  const moved = [];
  if (plan.folders.length > 0) moved.push(`her folders in the course (${plan.folders.map((dir) => path.basename(path.dirname(dir))).join(", ")})`);
  if (submissions > 0) moved.push(`${submissions} submission(s) waiting in the exchange, collected under ${to} from now on`);
  return moved;
}
