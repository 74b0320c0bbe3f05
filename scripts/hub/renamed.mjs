// A student whose user name changed mid-semester (a new id for the same person: a name corrected, an id
// the institution gave again): `npm run hub -- --renamed alice=alice-lee` carries her home and her password
// over to the new name at the start, where the instructor had to stop the hub, move her files by hand and
// hand out a new password. Her submissions and grades stay under the old name in nbgrader's gradebook.
import fs from "node:fs";
import path from "node:path";
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
 * Moves each renamed student's home to her new name and gives the new name her password (users.json), before the
 * start makes the new home. A new home holding files of its own is refused, naming them (two people's work is not
 * merged); a rename carried over at an earlier start (no old home, the new one there) is said and left. Returns
 * the console's lines.
 * @param {{ home: (name: string) => string, usersFile: string }} layout
 * @param {{ from: string, to: string }[]} renames
 */
export function carryOver(layout, renames) {
  const lines = [];
  for (const { from, to } of renames) {
    const [old, fresh] = [layout.home(from), layout.home(to)];
    if (!fs.existsSync(old)) {
      if (!fs.existsSync(fresh)) throw new Error(`--renamed ${from}=${to}: this hub has no home of ${from} (${old}); check the old name`);
      lines.push(`--renamed ${from}=${to}: carried over at an earlier start (${from} has no home here): nothing to do; the option may go`);
      continue;
    }
    const own = fs.existsSync(fresh) ? fs.readdirSync(fresh).filter((entry) => !MADE_BY_HUB.has(entry) || (entry === "node_modules" && fs.readdirSync(path.join(fresh, entry)).length > 0)) : [];
    if (own.length > 0) {
      throw new Error(
        `--renamed ${from}=${to}: ${fresh} holds files already (${own.slice(0, 5).join(", ")}${own.length > 5 ? ", ..." : ""}): ` +
          `move what ${to} needs into ${old}, remove ${fresh}, and start again`,
      );
    }
    givePasswordOf(layout.usersFile, from, to);
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.renameSync(old, fresh);
    lines.push(`${from}'s home and password are ${to}'s now (${fresh}); her submissions and grades stay under ${from} in the gradebook`);
  }
  return lines;
}
