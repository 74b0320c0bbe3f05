// A renamed student's place in the course (npm run hub -- --renamed old=new): her rows in nbgrader's gradebook
// (hub/renamed_gradebook.py), her folders in the course directory, and her submissions waiting in the exchange's
// inbound folder, each given to her new name at the start, before JupyterHub starts. Before, they stayed under the
// old name: the formgrader showed her grades under it and none under the new one, and the next collect filed her
// old submissions under the old name.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { venvPython, fromRoot } from "../lib/paths.mjs";
import { writeFileAtomic } from "../../autograder/src/util/atomic-write.mjs";
import { COURSE_ID } from "./layout.mjs";

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
  return fs.readdirSync(inbound).filter((entry) => {
    if (!entry.startsWith(`${name}+`)) return false;
    const info = fs.lstatSync(path.join(inbound, entry), { throwIfNoEntry: false });
    return info?.isDirectory() && (uid === undefined || info.uid === uid);
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
 * Gives each rename's gradebook rows to the new name, all renames in one transaction; refused, nothing changed,
 * where a new name has submissions in the gradebook. Returns { [from]: submissions moved, or null: no row }.
 */
export function renameInGradebook(courseDir, renames) {
  const db = path.join(courseDir, "gradebook.db");
  if (renames.length === 0 || !fs.existsSync(db)) return {};
  const result = spawnSync(venvPython, [fromRoot("hub", "renamed_gradebook.py"), db, ...renames.map(({ from, to }) => `${from}=${to}`)], { encoding: "utf8" });
  const said = (result.stderr || result.stdout).trim();
  if (result.status === GRADEBOOK_REFUSED) {
    const names = renames.map(({ from, to }) => `${from}=${to}`).join(",");
    throw new Error(`--renamed ${names}: ${said} (${db}): two people's work is not merged; nothing was changed. If it is another student's, start without that rename; if both are hers, remove the work of one name (in the course folder: nbgrader db student remove <name> --force) and start again`);
  }
  if (result.error || result.status !== 0) throw new Error(`giving renamed students' gradebook records to their new names (${db}) failed: ${result.error?.message ?? said.split("\n").slice(-5).join("\n")}`);
  return JSON.parse(result.stdout);
}

// collect refuses a submission nested deeper than 40 folders (autograder/src/nbgrader/submission_bounds.py),
// whatever its times: the walk stops below this, where a student's folders nested past the longest path stopped it
const WALKED_DEPTH = 48;

/** The latest change time (ns, a BigInt) of what lies below `dir`, links not followed, and 0n for nothing. */
function latestChangeBelow(dir, depth = 0) {
  let latest = 0n;
  if (depth > WALKED_DEPTH) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const changed = fs.lstatSync(file, { bigint: true }).ctimeNs;
    if (changed > latest) latest = changed;
    if (entry.isDirectory()) {
      const below = latestChangeBelow(file, depth + 1);
      if (below > latest) latest = below;
    }
  }
  return latest;
}

const later = (a, b) => (a > b ? a : b);

/**
 * Renames the plan's inbound folders to the new name and, on a hub with an account per user, gives each (the folder
 * itself: collect checks its owner) to the new name's account; records each rename for collect. Returns the count.
 */
function renameInbound(layout, { from, to, inbound }, accounts) {
  if (inbound.length === 0) return 0;
  const dir = inboundDir(layout);
  const recordFile = renamedSubmissionsFile(layout.courseDir);
  // entries of folders no longer in inbound go
  const record = Object.fromEntries(Object.entries(readJson(recordFile)).filter(([name]) => fs.existsSync(path.join(dir, name))));
  const owner = accounts?.give(to);
  for (const name of inbound) {
    const [old, fresh] = [path.join(dir, name), path.join(dir, to + name.slice(from.length))];
    const below = latestChangeBelow(old);
    const before = later(below, fs.lstatSync(old, { bigint: true }).ctimeNs);
    fs.renameSync(old, fresh);
    if (owner) fs.chownSync(fresh, owner.uid, fs.lstatSync(fresh).gid);
    record[path.basename(fresh)] = { was: name, changed_ns: String(later(below, fs.lstatSync(fresh, { bigint: true }).ctimeNs)), was_changed_ns: String(before) };
    // after each: a folder renamed without its entry would be refused by collect as changed after its time
    writeFileAtomic(recordFile, JSON.stringify(record, null, 2) + "\n");
  }
  return inbound.length;
}

/** Moves the old name's entry of each record of what collects took to the new name, with its inbound folders' new names. */
function renameInCollectRecords({ from, to, records }) {
  const renamed = (name) => (typeof name === "string" && name.startsWith(`${from}+`) ? to + name.slice(from.length) : name);
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
  const submissions = renameInbound(layout, plan, accounts);
  renameInCollectRecords(plan);
  const moved = [];
  if (plan.folders.length > 0) moved.push(`her folders in the course (${plan.folders.map((dir) => path.basename(path.dirname(dir))).join(", ")})`);
  if (submissions > 0) moved.push(`${submissions} submission(s) waiting in the exchange, collected under ${to} from now on`);
  return moved;
}
