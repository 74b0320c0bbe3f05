// Gives a hub user a new password, as when theirs was lost or seen by someone else:
//   npm run hub:password -- <name> [--dir .hub]
// Run it as whoever started the hub (root for a class's hub). A running hub lets the user in with
// the new password at once, and ends every session opened with the old one at its next request
// (hub/course_hub.py, CourseAuthenticator); a stopped hub does the same when it starts.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { holdChangingPassword, hubLayout } from "./hub/layout.mjs";
import { changePassword, checkUserName, writePrivateFile } from "./hub/users.mjs";
import { fromRoot } from "./lib/paths.mjs";

const usage = "usage: npm run hub:password -- <user name> [--dir <the hub's folder, default .hub>]";

/** The row of `name` in passwords.csv (user,role,password) given `password`; the file stays whole. */
function updatePasswordsFile(file, name, password) {
  if (!fs.existsSync(file)) return false;
  const rows = fs.readFileSync(file, "utf8").split("\n");
  let found = false;
  const updated = rows.map((row) => {
    const [user, role] = row.split(",");
    if (user !== name || role === undefined) return row;
    found = true;
    return `${user},${role},${password}`;
  });
  if (!found) return false;
  writePrivateFile(file, updated.join("\n"));
  return true;
}

/** The user names of the hub's last start (its settings), or undefined where they cannot be read. */
function namesOfLastStart(layout) {
  try {
    return JSON.parse(fs.readFileSync(layout.settingsFile, "utf8")).users.map((user) => user.name);
  } catch {
    return undefined;
  }
}

try {
  const { values, positionals } = parseArgs({
    options: { dir: { type: "string", default: process.env.NEURAL_MI_HUB_DIR || fromRoot(".hub") } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error(positionals.length === 0 ? "name the user to give a new password" : `one user at a time (got ${positionals.join(", ")})`);
  const name = checkUserName(positionals[0].trim().toLowerCase(), "the user");
  const layout = hubLayout(values.dir, "instructor");
  if (!fs.existsSync(layout.usersFile)) {
    throw new Error(`${layout.usersFile} is missing: ${path.resolve(values.dir)} is not a hub's folder that has started once (give the hub's --dir)`);
  }
  let password;
  try {
    holdChangingPassword(layout);
    password = changePassword(layout.usersFile, name);
  } catch (error) {
    if (error.code === "EACCES" || error.code === "EPERM") {
      throw new Error(`${layout.usersFile} can be changed only by whoever started the hub (root for a class's hub: sudo npm run hub:password -- ${name})`);
    }
    throw error;
  }
  const listed = updatePasswordsFile(layout.passwordsFile, name, password);
  // the hub's login takes a name in lower case too, so "Ana" is ana's account: said, not done silently
  const given = positionals[0].trim();
  if (given !== name) console.log(`hub: "${given}" is the user ${name} (user names are lower case; the hub's login reads them so)`);
  console.log(`hub: ${name}'s new password: ${password}`);
  // the users of the hub's last start are in its settings; users.json has everyone who was ever on the list.
  // passwords.csv, which it was told from, may have been changed since (saved by a spreadsheet with
  // semicolons, rows removed once handed out): a student on the list read that she was taken off it
  const onList = namesOfLastStart(layout)?.includes(name) ?? (listed || !fs.existsSync(layout.passwordsFile));
  if (!onList) {
    console.log(`hub: ${name} is not on the hub's list (taken off at an earlier start), so no password logs in: the new one does once a start lists ${name} again (--students or --students-file)`);
  } else {
    console.log(
      `hub: the running hub takes it at once (a stopped one when it starts): the old password no longer logs in, and every session opened with it ends at its next page of the hub` +
        (listed
          ? `; ${layout.passwordsFile} has the new one`
          : fs.existsSync(layout.passwordsFile)
            ? `; ${layout.passwordsFile} has no row for ${name} that this command reads (changed by hand, or saved by a spreadsheet?), so it still holds the old one: hand out the one above`
            : ""),
    );
  }
} catch (error) {
  console.error(`hub: ${error.message}\n${usage}`);
  process.exit(2);
}
