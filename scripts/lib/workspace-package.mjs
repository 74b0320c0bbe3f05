// The workspace's package.json. A workspace inside the course's folder (my-work/) held none, so an
// `npm install <pkg>` there went up to the course's own package.json: it added her package to the
// course's package.json and package-lock.json and installed it among the course's packages, after
// which `git pull` stopped ("local changes would be overwritten") and the next start reinstalled the
// course's packages. npm stops at the nearest package.json, so each workspace gets one of its own,
// private, whose scripts run the course's (npm start, npm run validate and npm test from inside it), and a node_modules
// folder, where npm stops too when that package.json is deleted.
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../../autograder/src/util/atomic-write.mjs";
import { fromRoot, isInside, repoRoot } from "./paths.mjs";
import { shellWord } from "./shell-word.mjs";

// marks the package.json as the one npm start writes: its scripts are brought up to date at each start
const MARK = "neuralMiWorkspace";
const FORWARDED = ["start", "validate", "test"];

/** The command that runs the course's `script` from the workspace (relative when the course's folder holds it, so both move together). */
function forward(workspaceDir, script) {
  const real = fs.realpathSync(workspaceDir);
  const forwarder = fromRoot("scripts", "workspace-npm.mjs");
  const where = isInside(real, fs.realpathSync(repoRoot)) ? path.relative(real, fs.realpathSync(forwarder)) : forwarder;
  return `node ${shellWord(where.split(path.sep).join("/"))} ${script}`;
}

/** The package.json npm start gives `workspaceDir` when it holds none. */
function coursePackage(workspaceDir) {
  return {
    name: "neural-mi-work",
    private: true,
    description: `Your workspace of the course in ${repoRoot}: npm start, npm run validate and npm test here run the course's`,
    [MARK]: "written by npm start, which keeps its scripts up to date; a package you install here stays in this folder",
    scripts: Object.fromEntries(FORWARDED.map((script) => [script, forward(workspaceDir, script)])),
  };
}

const asText = (value) => JSON.stringify(value, null, 2) + "\n";

/** The package.json of the workspace as npm start wrote it, untouched since (not the student's file). */
export function isCoursePackageFile(workspaceDir, file) {
  if (file !== "package.json") return false;
  try {
    return fs.readFileSync(path.join(workspaceDir, file), "utf8") === asText(coursePackage(workspaceDir));
  } catch {
    return false;
  }
}

/**
 * Writes the workspace's package.json where it has none, or brings the scripts of the one npm start wrote up to
 * date (what npm install added to it, her dependencies, stays). A package.json of her own is left as it is: npm
 * stops at it too. Returns "made", "updated" or undefined.
 */
export function writeWorkspacePackage(workspaceDir) {
  const file = path.join(workspaceDir, "package.json");
  const ours = coursePackage(workspaceDir);
  let current;
  try {
    current = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (error.code !== "ENOENT") return undefined; // hers, unreadable: npm names it
    writeFileAtomic(file, asText(ours));
    return "made";
  }
  if (current === null || typeof current !== "object" || current[MARK] === undefined) return undefined;
  const next = { ...current, private: true, scripts: { ...current.scripts, ...ours.scripts } };
  if (asText(next) === asText(current)) return undefined;
  writeFileAtomic(file, asText(next));
  return "updated";
}

/**
 * Makes an empty `node_modules` folder in `workspaceDir` where there is nothing of that name. npm takes the nearest folder
 * holding a package.json *or* a node_modules folder as the project: with the package.json deleted, an `npm install <pkg>`
 * in `my-work/` went up to the course's again (its package.json, lock and packages). Node and TypeScript still find the
 * course's packages above an empty one. Returns whether it made it.
 */
export function keepNpmInWorkspace(workspaceDir) {
  const modules = path.join(workspaceDir, "node_modules");
  if (fs.lstatSync(modules, { throwIfNoEntry: false })) return false;
  try {
    fs.mkdirSync(modules);
  } catch (error) {
    // something of that name put there since the look (by her process, on a hub's start): hers, as it would have been
    if (error.code === "EEXIST") return false;
    throw error;
  }
  return true;
}

/**
 * Writes a private package.json into a hub user's `home` where it has none. Every home finds the course's packages
 * through the homes folder's node_modules, and npm, finding no package.json in the home, took that folder as the
 * project: an `npm install` in one home wrote a package.json shared by all and put a folder of its packages in place
 * of that link, after which no user's notebook found neural-mi, at this start and every later one.
 */
export function writeHomePackage(home) {
  const file = path.join(home, "package.json");
  // with the package.json deleted, npm stops at the home's own node_modules folder, not at the homes' link
  keepNpmInWorkspace(home);
  if (fs.lstatSync(file, { throwIfNoEntry: false })) return;
  const own = {
    name: "neural-mi-home",
    private: true,
    description: "Your home on the course's hub: a package you install here stays in this folder, the course's packages found beside it",
  };
  try {
    writeFileAtomic(file, asText(own));
  } catch (error) {
    // a folder of hers put at that name since the look (a process of hers, at a hub's start): hers, as it would have been;
    // the hub's start stopped there for the whole class
    if (error.code !== "EISDIR" && error.code !== "ENOTEMPTY") throw error;
  }
}
