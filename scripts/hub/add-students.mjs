// Students added to the class of a hub, running or stopped (npm run hub:add): each takes the steps a start takes
// for a student of its list (her home; as root, her account, given her home, kept from the job schedulers, with
// her disk quota; the gradebook; the settings her server starts from; passwords.csv and users.json), with the
// start's own functions. users.json comes last: the running hub lets her in from the moment it names her.
import fs from "node:fs";
import path from "node:path";
import { applyDiskQuotas } from "./disk-quotas.mjs";
import { addToConnectionLimits } from "./connection-limits.mjs";
import { addClassToGradebook } from "./gradebook.mjs";
import { giveAccount } from "./isolation.mjs";
import { checkNoCourseInStudentHomes, hubLayout, prepareHomes } from "./layout.mjs";
import { denySchedulers } from "./schedulers.mjs";
import { addToHubSettings, readHubSettings } from "./settings.mjs";
import { addedSinceStart, addToPasswordsFile, checkUserName, markAdded, passwordToAdd } from "./users.mjs";

// a start's default (npm run hub -- --disk-quota-mb), for a hub whose settings predate their keeping it
const DEFAULT_DISK_QUOTA_MB = 2048;

/**
 * The hub in the folder `dir`, as its last start left it: { layout, settings, instructor, isolated }. A folder
 * that no start made a hub of, or one its running account cannot be changed from by this one, is an error with the fix.
 */
export function hubToAddTo(dir, again) {
  const settings = readHubSettings(hubLayout(dir, "instructor"));
  if (settings === undefined) {
    throw new Error(`${path.resolve(dir)} is not a hub's folder that has started once (it has no jupyterhub/settings.json): give the hub's --dir, or start the hub first (npm run hub)`);
  }
  const instructor = settings.users.find((user) => user.role === "instructor").name;
  const layout = hubLayout(dir, instructor);
  const isolated = settings.users.some((user) => user.system);
  const uid = process.getuid?.();
  const owner = fs.statSync(layout.usersFile).uid;
  if (isolated && uid !== 0) {
    throw new Error(`the hub in ${layout.root} runs each user's JupyterLab as an account of their own, which only root can make: run it as root (sudo ${again})`);
  }
  if (!isolated && uid !== undefined && uid !== owner) {
    throw new Error(
      uid === 0
        ? `the hub in ${layout.root} runs every user's JupyterLab as the account that started it (user id ${owner}), which could not open a home root makes: run it as that account, without sudo`
        : `the hub in ${layout.root} was started by another account (user id ${owner}), whose files only it can change: run it as that account (or sudo ${again})`,
    );
  }
  return { layout, settings, instructor, isolated };
}

/** `names` checked as a class list's are, and against the hub's class: each a usable name, once, not the instructor, not on the class already. */
export function checkNamesToAdd({ layout, settings, instructor }, names) {
  const checked = names.map((name) => checkUserName(name, "hub:add:"));
  const twice = checked.find((name, i) => checked.indexOf(name) !== i);
  if (twice) throw new Error(`"${twice}" is named twice: give each student once`);
  if (checked.includes(instructor)) throw new Error(`"${instructor}" is the hub's instructor, who has no student's account: give the students' names`);
  const onClass = new Set([...settings.users.map((user) => user.name), ...addedSinceStart(layout.usersFile).map((user) => user.name)]);
  const listed = checked.filter((name) => onClass.has(name));
  if (listed.length > 0) {
    throw new Error(`already on the hub's class: ${listed.join(", ")} (their passwords are in ${layout.passwordsFile}; npm run hub:password -- <name> gives one a new password): give only students not on it`);
  }
  // before anything is made for them
  checkNoCourseInStudentHomes(layout, checked);
  return checked;
}

/**
 * Adds the students `names` (checked: checkNamesToAdd) to the hub `hub` (hubToAddTo). Returns { users: [{ name, role,
 * password, returning }], lines, warnings }: returning, she was on the list before and keeps her password.
 */
export function addStudents(hub, names) {
  const { layout, settings, isolated } = hub;
  const lines = [];
  const warnings = [];
  prepareHomes(layout, names);
  let users = names.map((name) => ({ name, role: "student", ...passwordToAdd(layout.usersFile, name) }));
  if (isolated) {
    users = users.map((user) => giveAccount(layout, user));
    const accounts = users.map((user) => user.system.name);
    warnings.push(...denySchedulers(accounts));
    const quotas = applyDiskQuotas(layout.root, accounts, settings.diskQuotaMb ?? DEFAULT_DISK_QUOTA_MB);
    if (quotas.applied) lines.push(quotas.message);
    else warnings.push(quotas.warning);
    if (settings.maxConnections > 0) {
      const unbounded = addToConnectionLimits(settings.port, users.map((user) => user.system.uid));
      if (unbounded === null) lines.push(`each may hold at most ${settings.maxConnections} connections open to this machine, as the class does`);
      else warnings.push(unbounded);
    }
  }
  const enrolled = addClassToGradebook(layout.courseDir, names);
  if (enrolled > 0) lines.push(`added ${enrolled} student(s) to nbgrader's gradebook (${path.join(layout.courseDir, "gradebook.db")})`);
  const listed = users.map(({ returning, ...user }) => user);
  addToHubSettings(layout, listed);
  addToPasswordsFile(layout.passwordsFile, listed);
  markAdded(layout.usersFile, listed);
  return { users, lines, warnings };
}
