// A student whose user name changed mid-semester (a new id for the same person: a name corrected, an id
// the institution gave again): `npm run hub -- --renamed alice=alice-lee` carries her home and her password
// over to the new name at the start, where the instructor had to stop the hub, move her files by hand and
// hand out a new password; her submissions and grades go with her (scripts/hub/renamed-course.mjs).
import fs from "node:fs";
import path from "node:path";
import { namesIn } from "./folder-names.mjs";
import { moveCourseRecords, planCourseRenames, renameInGradebook } from "./renamed-course.mjs";
import { checkUserName, givePasswordOf } from "./users.mjs";

// what a start puts in a home of its own (scripts/lib/workspace-package.mjs, isolation's empty packages folder)
const MADE_BY_HUB = new Set(["package.json", "node_modules"]);

/**
 * The renames `--renamed old=new,...` names, checked against the start's list: [{ from, to }]. The new name is on
 * the list, the old one off it, neither is the instructor, and each name is in one rename.
 * @param {string} value
 * @param {{ instructor: string, students: string[] }} start
 */
export function readRenames(value, { instructor, students }) {
  const renames = value.split(",").map((pair) => pair.trim()).filter(Boolean).map((pair) => {
    const [from, to, ...more] = pair.split("=").map((name) => name.trim());
    if (to === undefined || more.length > 0) throw new Error(`--renamed ${pair}: give the old name and the new one as old=new, e.g. --renamed alice=alice-lee`);
    return { from: checkUserName(from, "--renamed:"), to: checkUserName(to, "--renamed:") };
  });
  for (const { from, to } of renames) {
    if (from === instructor || to === instructor) throw new Error(`--renamed ${from}=${to}: ${instructor} is the instructor; only a student's name changes so`);
    if (!students.includes(to)) throw new Error(`--renamed ${from}=${to}: ${to} is not on the class list; put the new name on it`);
    if (students.includes(from)) throw new Error(`--renamed ${from}=${to}: ${from} is still on the class list; take the old name off it`);
  }
  const names = renames.flatMap(({ from, to }) => [from, to]);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`--renamed names ${twice} in more than one rename; give each student's old and new name once`);
  return renames;
}

/**
 * Whether `from`'s home is to move to `to` (false: moved at an earlier start). A new home holding files of its own is
 * refused, naming them (two people's work is not merged), and so is a rename with neither home.
 */
function homeToMove(layout, { from, to }) {
  const [old, fresh] = [layout.home(from), layout.home(to)];
  if (!fs.existsSync(old)) {
    if (!fs.existsSync(fresh)) throw new Error(`--renamed ${from}=${to}: this hub has no home of ${from} (${old}); check the old name`);
    return false;
  }
  // read a name at a time, up to the few the refusal names: the home is the new name's account's to fill
  const hubMade = (entry) => entry === "package.json" || (fs.lstatSync(path.join(fresh, entry)).isDirectory() && namesIn(path.join(fresh, entry), () => true, 1).length === 0);
  const own = fs.existsSync(fresh) ? namesIn(fresh, (entry) => !MADE_BY_HUB.has(entry) || !hubMade(entry), 6) : [];
  if (own.length > 0) {
    throw new Error(
      `--renamed ${from}=${to}: ${fresh} holds files already (${own.slice(0, 5).join(", ")}${own.length > 5 ? ", ..." : ""}): ` +
        `move what ${to} needs into ${old}, remove ${fresh}, and start again`,
    );
  }
  return true;
}

/**
 * Removes the new name's home holding only what a start puts there (homeToMove checked it): those entries by name, no
 * walk. A recursive remove walked it by full paths as root, and a folder swapped for a link mid-walk (by a process the
 * new name's account left running) led it to remove what the link led to.
 */
function removeHubMadeHome(home) {
  if (!fs.existsSync(home)) return;
  const modules = path.join(home, "node_modules");
  try {
    fs.rmSync(path.join(home, "package.json"), { force: true });
    if (fs.lstatSync(modules, { throwIfNoEntry: false })?.isDirectory()) fs.rmdirSync(modules);
    else fs.rmSync(modules, { force: true });
    fs.rmdirSync(home);
  } catch (error) {
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    throw new Error(`${home} took files while the start moved a home there (in ${error.path}): move them out, remove ${home}, and start again`);
  }
}

/** "a, b and c" */
const listed = (parts) => (parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`);

/**
 * Carries each renamed student over to her new name, before the start makes the new home: her home, her password
 * (users.json), her gradebook record with her submissions and grades, her folders in the course (submitted/,
 * autograded/, feedback/) and her submissions waiting in the exchange (scripts/hub/renamed-course.mjs). Everything
 * is checked before anything moves: a new name with a home, submissions or grades of its own is refused, naming
 * them (two people's work is not merged). The gradebook moves first, then her home, then the rest: a home moved
 * marks a rename begun, whose rest a start cut short leaves to the next one. A rename carried over at an earlier
 * start is said and left. Returns the console's lines.
 * @param {{ home: (name: string) => string, usersFile: string, courseDir: string, exchangeDir: string }} layout
 * @param {{ from: string, to: string }[]} renames
 * @param {{ accounts?: { uidOf: (name: string) => number | undefined, give: (name: string) => { uid: number } } }} [options]
 *   accounts: on a hub with an account per user, each name's
 */
export function carryOver(layout, renames, { accounts } = {}) {
  const homes = renames.map((rename) => homeToMove(layout, rename));
  const plans = planCourseRenames(layout, renames.map((rename, i) => ({ ...rename, begun: !homes[i] })), accounts);
  const graded = renameInGradebook(layout.courseDir, renames);
  return renames.map(({ from, to }, i) => {
    const fresh = layout.home(to);
    if (homes[i]) {
      removeHubMadeHome(fresh);
      givePasswordOf(layout.usersFile, from, to);
      fs.renameSync(layout.home(from), fresh);
    }
    const moved = [];
    if (typeof graded[from] === "number") moved.push(`her gradebook record (${graded[from]} submission(s), with their grades)`);
    moved.push(...moveCourseRecords(layout, plans[i], accounts));
    if (homes[i]) return `${from}'s home and password are ${to}'s now (${fresh})${moved.length > 0 ? `, and so are ${listed(moved)}` : ""}`;
    if (moved.length > 0) return `--renamed ${from}=${to}: her home was carried over at an earlier start; now ${listed(moved)} are ${to}'s too`;
    return `--renamed ${from}=${to}: carried over at an earlier start (${from} has no home here, nor anything in the course): nothing to do; the option may go`;
  });
}
