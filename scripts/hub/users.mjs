// The hub's users: one instructor and the students, each with a password. Passwords are
// made once and kept in <hub folder>/users.json (readable by its owner only), so that a
// restarted hub lets everyone in with the password they were given.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Lower case, as JupyterHub normalises names; no "+", which nbgrader's exchange uses as a separator.
// At most 28, so that the system account of an isolated hub, "nmi-" and the name, fits Linux's 32
// (a longer name passed the class list and stopped a root hub's start halfway, its home and
// gradebook entry made).
const NAME = /^[a-z][a-z0-9_-]{0,27}$/;
export const NAME_RULE = 'use 1 to 28 lower-case letters, digits, "-" or "_", starting with a letter';

// names that are folders of their own in the hub's homes folder, where every home's notebooks look up
// their packages (a student named node_modules took over every user's import of neural-mi)
const RESERVED = new Set(["node_modules"]);
export const isUserName = (name) => NAME.test(name) && !RESERVED.has(name);

/** Why a name is not usable, and what would be (`Ana` → ana, `ana@uni.example` → the part before the @). */
export function nameHint(name) {
  // characters a console shows as nothing, or on the letter before: a zero-width space copied from a web page, a
  // right-to-left mark from an export, a combining accent; the report showed "ana" for a line that held more
  const invisible = [...new Set(name.match(/[\p{Cf}\p{Mn}\p{Me}\p{Cc}\p{Zl}\p{Zp}]/gu) ?? [])];
  if (invisible.length > 0) {
    const codes = invisible.map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`).join(", ");
    const without = name.replace(/[\p{Cf}\p{Mn}\p{Me}\p{Cc}\p{Zl}\p{Zp}]/gu, "").toLowerCase();
    return ` (holds ${codes}, which shows as nothing or as an accent on the letter before${isUserName(without) ? `; without it: ${without}` : ""})`;
  }
  // bytes that are not UTF-8, each read as U+FFFD: "josé" saved as Latin-1 was reported as "jos�", saying nothing of why
  if (name.includes("\uFFFD")) return " (bytes that are not UTF-8 text: the file was saved in another encoding, such as Latin-1 or Windows-1252; save it as UTF-8)";
  const lower = name.toLowerCase();
  if (isUserName(lower)) return ` (lower-case: ${lower})`;
  const local = lower.split("@")[0];
  if (name.includes("@") && isUserName(local)) return " (an e-mail address: give the user names, e.g. the part before the @)";
  // a full name ("Ben Li", "Doe, Jane"): the list's column of names, not of user names
  if (/[\s,]/.test(name.trim())) {
    const word = lower.normalize("NFD").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
    return ` (a person's name, with a space or comma: give the user name, one word${isUserName(word) ? `, such as ${word}` : ""})`;
  }
  return "";
}

export function checkUserName(name, what) {
  if (RESERVED.has(name)) throw new Error(`${what} "${name}" is the name of a folder the hub's homes need (the course's packages): choose another name`);
  if (!isUserName(name)) throw new Error(`${what} "${name}" is not a usable user name${nameHint(name)}: ${NAME_RULE}`);
  return name;
}

/** The names users.json remembers a password for (users of earlier starts too). */
export const rememberedNames = (file) => readRemembered(file).map((u) => u.name);

const newPassword = () => crypto.randomBytes(9).toString("base64url");

/**
 * The users named (`instructor`, `students`), with the passwords remembered for them in
 * `file`, or new ones. Returns [{ name, role: "instructor" | "student", password }].
 */
export function courseUsers({ file, instructor, students, graders = [] }) {
  checkEachNamedOnce(instructor, [...students, ...graders]);
  const names = [instructor, ...graders, ...students];
  // each entry as remembered: its password, and when it was last changed (`changed`, npm run hub:password)
  const known = Object.fromEntries(readRemembered(file).map((entry) => [entry.name, entry]));
  const users = names.map((name) => ({
    name,
    role: name === instructor ? "instructor" : graders.includes(name) ? "grader" : "student",
    password: known[name]?.password ?? newPassword(),
  }));
  for (const user of users) known[user.name] = { ...known[user.name], name: user.name, password: user.password };
  // the start's list decides who is on the class: a student added since the last start (npm run hub:add) stays
  // on it if the list names her, and is taken off if not
  writeRemembered(file, Object.values(known).map(({ added, ...entry }) => entry));
  return users;
}

/** The students users.json marks as added since the last start (npm run hub:add): [{ name, added }], added an ISO time. */
export const addedSinceStart = (file) => readRemembered(file).filter((entry) => entry.added).map(({ name, added }) => ({ name, added }));

/**
 * The password of `name`, a student being added to the class (npm run hub:add): the one users.json remembers for her
 * (she was on the list before), or a new one. Returns { password, returning }; markAdded writes it.
 */
export function passwordToAdd(file, name) {
  const entry = readRemembered(file).find((e) => e.name === name);
  return { password: entry?.password ?? newPassword(), returning: entry !== undefined };
}

/**
 * Puts the students `users` ([{ name, password }]) on the class of the hub whose users.json is `file`, until its
 * next start decides (courseUsers): marked `added`, the running hub lets them in at once (CourseAuthenticator).
 */
export function markAdded(file, users) {
  const added = new Date().toISOString();
  const entries = readRemembered(file);
  const names = new Set(users.map((user) => user.name));
  const marked = users.map((user) => ({ ...entries.find((e) => e.name === user.name), name: user.name, password: user.password, added }));
  writeRemembered(file, [...entries.filter((e) => !names.has(e.name)), ...marked]);
}

/**
 * users.json's entries, [{ name, password, changed? }]. One that cannot be read so (edited by hand: a
 * comma too many) stopped the start with "Unexpected token ..." and the usage, naming no file.
 */
function readRemembered(file) {
  if (!fs.existsSync(file)) return [];
  let users;
  let why;
  try {
    users = JSON.parse(fs.readFileSync(file, "utf8")).users;
  } catch (error) {
    why = error.message.replace(/\s+/g, " ");
  }
  const usable = Array.isArray(users) && users.every((u) => typeof u?.name === "string" && typeof u?.password === "string");
  if (!usable) {
    throw new Error(
      `${file}, where the hub keeps everyone's password, cannot be read as {"users": [{"name": ..., "password": ...}, ...]}` +
        `${why ? ` (${why})` : ""}: undo what changed in it (edited by hand?), or rebuild it from passwords.csv beside it; ` +
        "removed, it gives every user a new password at the next start",
    );
  }
  return users;
}

/**
 * `text` written to `file` whole or not at all (a running hub reads users.json again when it changes), readable by its
 * owner only, who stays who it was: `sudo npm run hub:password` on a hub started by another account made users.json
 * root's, which that hub could no longer read (the new password refused, and the next start stopped at EACCES). The
 * new content goes first to a random name made only where nothing has it, and is given its mode and owner through its
 * descriptor: root wrote it at a name known in advance (`users.json.<pid>.partial`), through links the hub folder's
 * owner had put there, then chmod and chown by that name gave them the file the link led to (any of the machine).
 */
export function writePrivateFile(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${crypto.randomBytes(8).toString("hex")}.partial`;
  // the owner of the entry, not of what a link in its place leads to
  const before = fs.lstatSync(file, { throwIfNoEntry: false });
  try {
    const fd = fs.openSync(partial, "wx", 0o600);
    try {
      fs.writeFileSync(fd, text);
      fs.fchmodSync(fd, 0o600);
      if (before && process.getuid?.() === 0 && (before.uid !== 0 || before.gid !== 0)) fs.fchownSync(fd, before.uid, before.gid);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

const writeRemembered = (file, entries) => writePrivateFile(file, JSON.stringify({ users: entries }, null, 2) + "\n");

/**
 * Gives `name`, a user users.json remembers, a new password, marked with the time of the change:
 * a running hub lets them in with it at once, and ends every session opened with the old one
 * (CourseAuthenticator). Returns the new password.
 */
export function changePassword(file, name) {
  const entries = readRemembered(file);
  const entry = entries.find((e) => e.name === name);
  if (!entry) {
    throw new Error(`the hub in ${path.dirname(file)} has no user "${name}" (${entries.length} users in ${file}): check the name, or the hub's --dir`);
  }
  entry.password = newPassword();
  entry.changed = new Date().toISOString();
  writeRemembered(file, entries);
  return entry.password;
}

/**
 * Gives `to` the password users.json remembers for `from` (a student renamed: the same person, who logs in with
 * the password she was given). `from` unknown is an error naming the file.
 */
export function givePasswordOf(file, from, to) {
  const entries = readRemembered(file);
  const entry = entries.find((e) => e.name === from);
  if (!entry) throw new Error(`the hub in ${path.dirname(file)} has no user "${from}" (${entries.length} users in ${file}): check the old name`);
  writeRemembered(file, [...entries.filter((e) => e.name !== to), { ...entry, name: to }]);
}

/** Each user once: checked before anything is made for them. */
export function checkEachNamedOnce(instructor, students) {
  const names = [instructor, ...students];
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`"${twice}" is named twice among the hub's users; give each user once`);
}

const passwordRow = (u) => `${u.name},${u.role},${u.password}`;

/** The passwords to hand out, as CSV (user,role,password), readable by its owner only. */
export function writePasswordsFile(file, users) {
  const rows = ["user,role,password", ...users.map(passwordRow)];
  writePrivateFile(file, rows.join("\n") + "\n");
}

/** `users`' rows added to the end of the passwords to hand out (the file made where there is none). */
export function addToPasswordsFile(file, users) {
  if (!fs.existsSync(file)) return writePasswordsFile(file, users);
  const text = fs.readFileSync(file, "utf8");
  writePrivateFile(file, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${users.map(passwordRow).join("\n")}\n`);
}
