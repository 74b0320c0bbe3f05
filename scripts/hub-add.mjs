// Adds students to the class of a hub, running or stopped, as when a student enrols late:
//   npm run hub:add -- <name>[,<name>...] [--dir .hub]
// Run it as whoever started the hub (root for a class's hub). Each student gets what a start gives her (home,
// account, quota, gradebook, password); a running hub lets her in at once. The next start's list decides whether
// she stays on the class (scripts/hub/add-students.mjs; README: The course on JupyterHub).
import { parseArgs } from "node:util";
import { addStudents, checkNamesToAdd, hubToAddTo } from "./hub/add-students.mjs";
import { holdAddingStudents } from "./hub/layout.mjs";
import { fromRoot } from "./lib/paths.mjs";

const usage = "usage: npm run hub:add -- <user name>[,<user name>...] [--dir <the hub's folder, default .hub>]";

try {
  const { values, positionals } = parseArgs({
    options: { dir: { type: "string", default: process.env.NEURAL_MI_HUB_DIR || fromRoot(".hub") } },
    allowPositionals: true,
  });
  const names = positionals
    .flatMap((arg) => arg.split(","))
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new Error("name the students to add, e.g. npm run hub:add -- dana,eli");
  const again = `npm run hub:add -- ${names.join(",")}`;
  holdAddingStudents(hubToAddTo(values.dir, again).layout);
  // read again under the lock: a start that ended meanwhile wrote the settings anew
  const hub = hubToAddTo(values.dir, again);
  const checked = checkNamesToAdd(hub, names);
  let added;
  try {
    added = addStudents(hub, checked);
  } catch (error) {
    if (error.code === "EACCES" || error.code === "EPERM") {
      throw new Error(`${error.path ?? error.message} can be changed only by whoever started the hub (root for a class's hub: sudo npm run hub:add -- ${checked.join(",")})`);
    }
    throw error;
  }
  for (const warning of added.warnings) console.warn(`hub: WARNING: ${warning}`);
  for (const line of added.lines) console.log(`hub: ${line}`);
  for (const user of added.users) {
    console.log(`hub: ${user.name} ${user.returning ? "is back on the class, with her old password" : "is on the class"}, password: ${user.password}`);
  }
  console.log(
    `hub: the running hub lets them in at once (${hub.layout.passwordsFile} has their passwords). ` +
      "Put them on the class list too (--students or --students-file): the next start takes off a student its list does not name",
  );
} catch (error) {
  console.error(`hub: ${error.message}\n${usage}`);
  process.exit(2);
}
