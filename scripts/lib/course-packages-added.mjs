// Packages in the course's package.json that its checked-out commit does not name. An `npm install <pkg>` typed in
// my-work/ before each workspace had a package.json of its own went up to the course's: it wrote the package into the
// course's package.json and package-lock.json, and a later `git pull` stopped ("local changes would be overwritten").
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const FIELDS = ["dependencies", "devDependencies", "optionalDependencies"];
const names = (pkg) => new Set(FIELDS.flatMap((field) => Object.keys(pkg?.[field] ?? {})));

/** The names `root`'s package.json depends on that its commit's does not; [] without git or a commit, or when unreadable. */
export function coursePackagesAdded(root) {
  const committed = spawnSync("git", ["-C", root, "show", "HEAD:package.json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  if (committed.status !== 0) return [];
  try {
    const before = names(JSON.parse(committed.stdout));
    return [...names(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")))].filter((name) => !before.has(name)).sort();
  } catch {
    return [];
  }
}

/** What the student's start says of `added` (coursePackagesAdded), or undefined when none. */
export function describeCoursePackagesAdded(added, workspace) {
  if (added.length === 0) return undefined;
  return (
    `note: the course's package.json names ${added.join(", ")}, which its last commit does not. If an npm install typed in your workspace put ` +
    `${added.length === 1 ? "it" : "them"} there (before the workspace had a package.json of its own, npm went up to the course's), a git pull ` +
    `of the course stops on those files: put the course's back, \`git checkout -- package.json package-lock.json\` in the course's folder, and ` +
    `install ${added.length === 1 ? "it" : "them"} in your workspace again (npm install ${added.join(" ")} in ${workspace}: it stays there now)`
  );
}
