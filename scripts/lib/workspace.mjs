// The student's workspace: the released notebooks (solutions replaced by stubs, hidden
// tests removed, made by the autograder's release; scripts/lib/student-release.mjs) copied
// into a folder of the student's own. Later versions of the course arrive without
// overwriting the student's work:
//   - a file the student does not have yet is added;
//   - a file the student has not changed is replaced by the new version (for a notebook,
//     "changed" means a cell's text or type differs: running cells does not count);
//   - a file the student changed stays as it is, and the new version is written beside it
//     as `<name>.course-update.<ext>` (or `-2`, `-3`… when that name holds other work).
// What was delivered last is recorded in `.course/delivered.json` inside the workspace.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { notebookText } from "../../autograder/src/notebook/format.mjs";
import { writeFileAtomic } from "../../autograder/src/util/atomic-write.mjs";
import { courseMadeAt } from "./course-version.mjs";
import { homeFolder } from "./home-folder.mjs";
import { fromRoot, isInside, notebooksDir, repoRoot, venvDir } from "./paths.mjs";
import { chapterCopies, describeCopies } from "./chapter-copies.mjs";
import { describeEditedChapters, editedChapters } from "./edited-chapters.mjs";
import { describeRetired, retiredChapters } from "./retired-chapters.mjs";
import { writeStudentNotebooks } from "./student-release.mjs";
import { describeOpenWorkspace, makePrivateFolder, openToOthers } from "./workspace-privacy.mjs";
import { isCoursePackageFile, keepNpmInWorkspace, writeWorkspacePackage } from "./workspace-package.mjs";

export const defaultWorkspaceDir = fromRoot("my-work");
export const RECORD = path.join(".course", "delivered.json");

/**
 * The workspace folder: `--workspace <dir>`, else $NEURAL_MI_WORKSPACE, else my-work/. A
 * relative path is taken from where npm was run (npm itself runs scripts from the checkout).
 */
/**
 * `--workspace <dir>` or `--workspace=<dir>` taken out of `args` (npm start's and validate's
 * option): { workspace (undefined when not given), rest }.
 */
export function takeWorkspaceOption(args) {
  const rest = [];
  let workspace;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === "--workspace") {
      workspace = args[++i];
      if (workspace === undefined) throw new Error("--workspace needs a folder: --workspace <dir>");
      // `--workspace --no-browser` (the folder forgotten) made a folder named "--no-browser" and served it
      if (workspace.startsWith("-")) {
        throw new Error(`--workspace needs a folder, and ${workspace} is an option: --workspace <dir> (a folder whose name starts with a dash: --workspace ./${workspace})`);
      }
    } else if (args[i].startsWith("--workspace=")) {
      workspace = args[i].slice("--workspace=".length);
      // `--workspace=` (a variable that was empty) had opened my-work/ as if no folder were named
      if (workspace === "") throw new Error("--workspace= names no folder: --workspace=<dir>");
    } else rest.push(args[i]);
  }
  return { workspace, rest };
}

export function chooseWorkspaceDir(option, env = process.env, defaultDir = defaultWorkspaceDir) {
  const chosen = option ?? env.NEURAL_MI_WORKSPACE;
  // my-work/ is checked as any other: replaced by a link to notebooks/ (or a file), it was taken as it stood
  if (chosen === undefined || chosen === "") return checkWorkspaceDir(defaultDir, "move it away, or give another: npm start -- --workspace <dir>");
  // "~" is the home folder, as a shell has it; a shell leaves it as typed after "=" (--workspace=~/work)
  // or in quotes (NEURAL_MI_WORKSPACE="~/work"), and the workspace was made in a folder named "~"
  // inside the course, said as "made ~/work/", and lost with the course's folder
  if (/^~(?=$|[\\/])/.test(chosen) && !homeFolder()) {
    throw new Error(`the workspace ${chosen} starts with ~, your home folder, and none is known here (HOME is not set): give the folder's full path`);
  }
  const home = /^~(?=$|[\\/])/.test(chosen) ? path.join(homeFolder(), chosen.slice(1)) : chosen;
  const dir = path.resolve(env.INIT_CWD ?? process.cwd(), home);
  // a folder to be made whose name holds a character a terminal does not show: NEURAL_MI_WORKSPACE exported by a line saved
  // with Windows line ends (~/.bashrc edited in Notepad) ends in a carriage return, and the start made "neural-mi-work\r",
  // said as "made neural-mi-work/", a fresh workspace beside the one holding her work
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(chosen) && !fs.existsSync(dir)) {
    const where = option === undefined ? "NEURAL_MI_WORKSPACE" : "--workspace";
    const cr = /\r$/.test(chosen) ? " (it ends in a carriage return: the line setting it was saved with Windows line ends; save that file with Unix ones)" : "";
    throw new Error(`the workspace ${JSON.stringify(chosen)}, named by ${where}, holds a character a terminal does not show${cr}: name the folder without it`);
  }
  return checkWorkspaceDir(dir);
}

/** `dir` if it can be a workspace; else an error naming why and `fix`. */
function checkWorkspaceDir(dir, fix = "choose a folder of your own (e.g. my-work/)") {
  // compared where the links lead: a link to notebooks/ is notebooks/
  const real = realPathOfNearest(dir);
  const source = fs.realpathSync(notebooksDir);
  if (isInside(real, source) || isInside(source, real) || sameFolderAbove(dir, notebooksDir) || sameFolderAbove(notebooksDir, dir)) {
    const through = real === dir ? "" : ` (through a symbolic link, it is ${real})`;
    throw new Error(`the workspace ${dir}${through} overlaps the course source notebooks/; ${fix}`);
  }
  // a folder of the course's own (scripts/, lib/, node_modules/, .venv/…): the set-up or a newer version of
  // the course rewrites it, and the chapters written there were taken for the course's files
  const own = courseFolderHolding(real);
  if (own) {
    throw new Error(
      `the workspace ${dir} lies inside ${own}/, a folder of the course's own, which its set-up and updates rewrite: ` +
        "choose a folder of its own, my-work/ (the default) or one outside the course (npm start -- --workspace ~/neural-mi-work)",
    );
  }
  // `--workspace ~` (the home folder, not a folder in it): the chapters were written among the
  // student's own files, a node_modules link there gave every Node.js project in her home the course's
  // packages, and each start copied her whole home into the kept copy of her work
  const homeDir = homeFolder() && realPathOfNearest(path.resolve(homeFolder()));
  if (homeDir && isInside(homeDir, real)) {
    const what = homeDir === real ? "is your home folder" : `holds your home folder ${homeDir}`;
    throw new Error(`the workspace ${dir} ${what}: the course's chapters would be written among your own files; choose a folder of its own (e.g. ~/neural-mi-work)`);
  }
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new Error(`the workspace ${dir} is a file, not a folder; ${fix}`);
  }
  // a folder to be made inside a file (--workspace notes.txt/work): it said "ENOTDIR: not a directory, mkdir …"
  let existing = dir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    // my-work/ moved to a synced folder and linked back, that folder gone or its drive not mounted: "ENOENT: … mkdir"
    if (isLink(existing)) {
      throw new Error(
        `the workspace ${dir} cannot be made: ${existing} is a symbolic link to ${fs.readlinkSync(existing)}, which does not exist ` +
          "(a folder moved, or a drive not mounted): mount that drive or mend the link, or choose another folder (npm start -- --workspace <dir>)",
      );
    }
    existing = path.dirname(existing);
  }
  if (!fs.statSync(existing).isDirectory()) {
    throw new Error(`the workspace ${dir} cannot be made: ${existing} is a file, not a folder; ${fix}`);
  }
  return dir;
}

// The course's own folders, besides notebooks/: its programs, library, tests and settings, and what its
// set-up makes (packages, the Python environment, caches, stamps)
const COURSE_FOLDERS = [".git", ".cache", ".setup", ".venv", "autograder", "bench", "hub", "images", "jupyter", "lib", "node_modules", "patches", "scripts", "tests"];

/** The course's own folder (relative to the checkout; the Python environment by its full path when elsewhere) that the real path `real` lies in, or undefined. */
function courseFolderHolding(real) {
  for (const name of COURSE_FOLDERS) {
    const folder = fromRoot(name);
    const places = [folder, ...(fs.existsSync(folder) ? [fs.realpathSync(folder)] : [])];
    if (places.some((place) => isInside(real, place)) || sameFolderAbove(real, folder)) return name;
  }
  // the Python environment, NEURAL_MI_VENV's when set
  if (isInside(real, realPathOfNearest(venvDir))) return isInside(venvDir, repoRoot) ? path.relative(repoRoot, venvDir) : venvDir;
  return undefined;
}

/** The real path of `dir`, or of its nearest existing ancestor with the rest of the path added. */
export function realPathOfNearest(dir) {
  let existing = dir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return path.join(fs.realpathSync(existing), path.relative(existing, dir));
}

/**
 * Whether `folder` (existing) is the nearest existing folder of `dir` or one above it, told by the file system's identity of
 * the folder (device and inode), not by its path: on a drive that does not tell names' case apart (macOS's and Windows'
 * by default, exFAT) `NOTEBOOKS/mine` is in notebooks/, and a folder mounted a second time elsewhere (a bind mount) is
 * the same folder; compared as paths, the course's chapters had been written among its own files there.
 */
function sameFolderAbove(dir, folder) {
  let target;
  try {
    target = fs.statSync(folder);
  } catch {
    return false;
  }
  let at = path.resolve(dir);
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  for (;;) {
    try {
      const info = fs.statSync(at);
      if (info.dev === target.dev && info.ino === target.ino) return true;
    } catch {
      // a folder above that cannot be read: compared by its path only
    }
    if (path.dirname(at) === at) return false;
    at = path.dirname(at);
  }
}

const isLink = (file) => {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

export { isInside };

const sha256 = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");

/** What a student can change in a file: a notebook's cells (type and text); any other file's bytes. */
function workOf(file, bytes) {
  if (!file.endsWith(".ipynb")) return sha256(bytes);
  try {
    const { cells } = JSON.parse(bytes.toString("utf8"));
    const text = (source) => (Array.isArray(source) ? source.join("") : source);
    return sha256(JSON.stringify(cells.map((cell) => [cell.cell_type, text(cell.source)])));
  } catch {
    return sha256(bytes); // not a readable notebook: compare the bytes
  }
}

export function readRecord(workspaceDir) {
  const file = path.join(workspaceDir, RECORD);
  const fix = "delete it and every file will count as yours (new course versions then arrive beside them)";
  let record;
  try {
    record = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return {};
    throw new Error(`${file} is not readable JSON (${error.message}); ${fix}`);
  }
  // edited by hand: `[]` was written back empty (every chapter then the student's), and `null`, a
  // string or an entry of another shape stopped npm start with a bare TypeError
  const problem = recordProblem(record);
  if (problem) throw new Error(`${file} is not the course's record of what it delivered (${problem}); ${fix}`);
  return record;
}

function recordProblem(record) {
  if (record === null || typeof record !== "object" || Array.isArray(record)) return "it should be an object of files";
  for (const [name, entry] of Object.entries(record)) {
    const bad = (what) => `${JSON.stringify(name)}: ${what}`;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return bad("should be an object");
    for (const key of ["hash", "work"]) if (entry[key] !== undefined && typeof entry[key] !== "string") return bad(`${key} should be a string`);
    if (entry.earlier !== undefined && !(Array.isArray(entry.earlier) && entry.earlier.every((h) => typeof h === "string"))) return bad("earlier should be a list of strings");
    if (entry.madeAt !== undefined && !Number.isFinite(entry.madeAt)) return bad("madeAt should be a number");
  }
  return undefined;
}

function filesUnder(dir, root = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, root) : [path.relative(root, full)];
  });
}

/**
 * The student's files in the workspace: every file but those the course delivered and the student
 * left as they were, and but the workspace's own (hidden files and folders: .course/, checkpoints;
 * the course's packages in node_modules). Relative paths; only those `keep` passes (by name) are read.
 */
export function studentsFiles(workspaceDir, keep = () => true) {
  let record = {};
  try {
    record = readRecord(workspaceDir);
  } catch {
    // an unreadable record: every file counts as the student's, as updateWorkspace takes it
  }
  const visibleFiles = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name.startsWith(".") || entry.name === "node_modules") return [];
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return visibleFiles(full);
      return entry.isFile() ? [path.relative(workspaceDir, full)] : [];
    });
  return visibleFiles(workspaceDir)
    .filter((file) => !isCoursePackageFile(workspaceDir, file))
    .filter(keep)
    .filter((file) => record[file] === undefined || record[file].work !== workOf(file, fs.readFileSync(path.join(workspaceDir, file))));
}

/** `05-x.ipynb` → `05-x.course-update.ipynb`, then `05-x.course-update-2.ipynb`, … */
function besideName(file, n) {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.course-update${n === 1 ? "" : `-${n}`}${ext}`;
}

/**
 * The notebooks import `neural-mi` by name, which Node.js and TypeScript find in a
 * node_modules folder of the notebook's folder or above it. A workspace outside the checkout
 * gets a node_modules folder of links to each of the checkout's packages (JupyterLab's listing hides
 * it: jupyter/student/), and so does one reached through a symbolic link from inside the checkout. On a drive that holds no
 * symbolic links (a USB stick's FAT or exFAT, some network shares), a folder of stand-ins instead:
 * see packageStandIns. A node_modules folder of the student's own keeps her packages, the course's
 * linked in beside them: returns { beside: the names linked } then.
 */
export function linkPackages(workspaceDir) {
  // where the folder really is: the kernel's working folder is the real one, so a my-work/ moved
  // elsewhere (a synced folder) and linked back finds no package above it
  const link = path.join(workspaceDir, "node_modules");
  if (isInside(fs.realpathSync(workspaceDir), fs.realpathSync(repoRoot))) {
    // the course's packages are found above it; a package of hers of a name the chapters import would stand for the course's
    if (fs.lstatSync(link, { throwIfNoEntry: false })?.isDirectory()) refuseOwnChapterImports(link);
    return false;
  }
  let current = null;
  try {
    current = fs.readlinkSync(link);
  } catch (error) {
    if (error.code === "EINVAL" && !fs.statSync(link).isDirectory()) {
      throw new Error(`${link} is a file, not the course's packages: move it away (rename it) so that the notebooks can import neural-mi`);
    }
    if (error.code === "EINVAL" && !fs.existsSync(path.join(link, STAND_INS))) {
      // the links an earlier start made, or her own packages beside them or in their place (an npm install in the workspace,
      // which takes out what its package.json does not name): "move it away" had the chapters working only without them
      const linked = linkBesideOwnPackages(link);
      linkCourseCommands(link);
      // said only where she has packages there: links of another checkout's start, made again, are not hers
      return { beside: holdsOwnPackages(link) ? linked : [] };
    }
  }
  // a folder of links to each of the course's packages, never one link to the course's node_modules (an earlier start's is
  // replaced): a package manager run in the workspace wrote through that link, `yarn add` deleting every course package its
  // lock did not name and `npm ci` emptying the folder, every chapter then failing to import them; a link of the workspace's
  // own folder is only unlinked
  if (current !== null) fs.rmSync(link);
  const standIns = fs.existsSync(path.join(link, STAND_INS));
  if (standIns) fs.renameSync(link, `${link}.old-${process.pid}`); // tried again below: the drive may hold links now
  try {
    fs.mkdirSync(link);
    for (const name of coursePackageNames()) {
      fs.mkdirSync(path.dirname(path.join(link, name)), { recursive: true });
      fs.symlinkSync(fromRoot("node_modules", name), path.join(link, name), process.platform === "win32" ? "junction" : "dir");
    }
    linkCourseCommands(link);
    if (standIns) fs.rmSync(`${link}.old-${process.pid}`, { recursive: true, force: true });
  } catch (error) {
    fs.rmSync(link, { recursive: true, force: true });
    if (standIns) fs.renameSync(`${link}.old-${process.pid}`, link);
    if (!NO_LINKS.includes(error.code)) throw error;
    // it said "ENOSYS: function not implemented, symlink …" at every start, on a workspace it had filled
    writePackageStandIns(link);
  }
  return true;
}

/** The packages the chapters and the library import by name: neural-mi, tslab and the library's dependencies. */
function coursePackageNames() {
  const library = JSON.parse(fs.readFileSync(fromRoot("lib", "package.json"), "utf8"));
  return ["neural-mi", "tslab", ...Object.keys(library.dependencies ?? {})];
}

// imported by the chapters: a package of the student's of one of these names would stand for the course's
const CHAPTER_IMPORTS = ["neural-mi", "tslab"];

function ownChapterImportError(folder, name) {
  return new Error(
    `${folder} holds a package of your own named ${name}, which the chapters import from the course: ` +
      `remove it (npm uninstall ${name} in ${path.dirname(folder)}) so that the notebooks import the course's`,
  );
}

/** Fails, naming it, when the student's node_modules `folder` holds a package (not a link to the course's) the chapters import. */
function refuseOwnChapterImports(folder) {
  for (const name of CHAPTER_IMPORTS) {
    const at = path.join(folder, name);
    if (!fs.lstatSync(at, { throwIfNoEntry: false })) continue;
    if (fs.existsSync(at) && fs.realpathSync(at) === fs.realpathSync(fromRoot("node_modules", name))) continue;
    throw ownChapterImportError(folder, name);
  }
}

/**
 * Links each of the course's packages into the student's own node_modules `folder` where it holds
 * none of that name (a link of the course's left dangling by a checkout since moved is made again),
 * her packages left as they are. Returns the names linked. Fails, naming it, when one of hers has
 * the name of a package the chapters import.
 */
function linkBesideOwnPackages(folder) {
  const made = [];
  for (const name of coursePackageNames()) {
    const at = path.join(folder, name);
    const entry = fs.lstatSync(at, { throwIfNoEntry: false });
    const target = fromRoot("node_modules", name);
    if (entry?.isSymbolicLink() && fs.existsSync(at) && fs.readlinkSync(at) === target) continue;
    // a link of the course's left dangling by a checkout since moved, or made by the start of another checkout (a copy of
    // the course, a student edition) serving the workspace too; npm's links to her folders (`npm install ../mine`) are relative
    if (entry?.isSymbolicLink() && (!fs.existsSync(at) || isCourseLink(fs.readlinkSync(at), name))) fs.rmSync(at);
    else if (entry?.isDirectory() && fs.existsSync(path.join(at, STAND_IN))) fs.rmSync(at, { recursive: true });
    else if (entry) {
      if (!CHAPTER_IMPORTS.includes(name)) continue;
      throw ownChapterImportError(folder, name);
    }
    fs.mkdirSync(path.dirname(at), { recursive: true });
    try {
      fs.symlinkSync(target, at, process.platform === "win32" ? "junction" : "dir");
    } catch (error) {
      if (!NO_LINKS.includes(error.code)) throw error;
      writePackageStandIn(at, name);
    }
    made.push(name);
  }
  return made;
}

/**
 * Links the course's commands (its node_modules/.bin: tsc, tslab…) into `folder`/.bin where it has none of that name, each
 * on its own: `npx tsc` in the workspace runs the course's, as it did through a link to the course's whole node_modules, where
 * npx otherwise offers to install the npm package named tsc, which is not TypeScript's. Not on Windows (its commands are
 * files, which only some accounts may link), nor on a drive without symbolic links.
 */
function linkCourseCommands(folder) {
  const commands = fromRoot("node_modules", ".bin");
  if (process.platform === "win32" || !fs.existsSync(commands)) return;
  fs.mkdirSync(path.join(folder, ".bin"), { recursive: true });
  for (const name of fs.readdirSync(commands)) {
    const at = path.join(folder, ".bin", name);
    if (fs.lstatSync(at, { throwIfNoEntry: false })) continue;
    try {
      fs.symlinkSync(path.join(commands, name), at);
    } catch (error) {
      // a drive without symbolic links: the packages' stand-ins serve the notebooks, and npx goes without
      if (NO_LINKS.includes(error.code)) return;
      throw error;
    }
  }
}

/** Whether the node_modules `folder` holds a package that is not one of the course's. */
function holdsOwnPackages(folder) {
  const course = new Set(coursePackageNames());
  const names = fs.readdirSync(folder).filter((name) => !name.startsWith(".")).flatMap((name) => {
    if (!name.startsWith("@")) return [name];
    const scope = path.join(folder, name);
    return fs.statSync(scope, { throwIfNoEntry: false })?.isDirectory() ? fs.readdirSync(scope).map((child) => `${name}/${child}`) : [name];
  });
  return names.some((name) => !course.has(name));
}

/** Whether the link `destination` is one a start makes for the course's package `name`: a full path to `…/node_modules/<name>`. */
const isCourseLink = (destination, name) =>
  path.isAbsolute(destination) && path.normalize(destination).endsWith(path.join(path.sep, "node_modules", name));

/** The stand-in at `dir` for the course's package `name` (see writePackageStandIns), marked as the course's. */
function writePackageStandIn(dir, name) {
  const real = fs.realpathSync(fromRoot("node_modules", name));
  const pkg = JSON.parse(fs.readFileSync(path.join(real, "package.json"), "utf8"));
  const standIn = {
    name,
    version: pkg.version,
    description: `the course's ${name}, in ${real} (this drive holds no symbolic link to it)`,
    main: path.join(real, pkg.main ?? "index.js"),
    ...(pkg.types ?? pkg.typings ? { types: path.join(real, pkg.types ?? pkg.typings) } : {}),
  };
  writeFileAtomic(path.join(dir, "package.json"), JSON.stringify(standIn, null, 2) + "\n");
  writeFileAtomic(path.join(dir, STAND_IN), `The course's ${name}, named by its place in ${repoRoot}: npm start writes it on a drive that holds no symbolic links.\n`);
}

// what symlink() says on a file system without symbolic links (vfat: EPERM; exFAT through FUSE: ENOSYS)
const NO_LINKS = ["EPERM", "ENOSYS", "ENOTSUP", "EOPNOTSUPP"];
// marks a workspace's node_modules as the course's stand-ins (safe to rewrite)
const STAND_INS = ".neural-mi-course-packages";
// marks one stand-in package of the course's, in a node_modules folder of the student's own
const STAND_IN = ".neural-mi-course-package";

/**
 * The course's packages as a workspace's notebooks find them by name where no link can be made: a
 * node_modules folder of small packages, one for each the chapters and the library import, each
 * naming the checkout's files by their full path (Node.js and TypeScript both follow a package's
 * `main` and `types`). Written again at each start, so that they follow the checkout.
 */
function writePackageStandIns(folder) {
  const names = coursePackageNames();
  fs.mkdirSync(folder, { recursive: true });
  for (const name of names) writePackageStandIn(path.join(folder, name), name);
  writeFileAtomic(
    path.join(folder, STAND_INS),
    `The course's packages, named by their place in ${repoRoot}: npm start writes this folder on a drive that holds no symbolic links.\n`,
  );
}

/**
 * Brings the workspace up to date with the course in `sourceDir`. Returns what happened,
 * file by file: { added, updated, beside: [{ file, kept }], older (a newer version was delivered
 * before: not put back), restored (delivered before, missing, put back), workspaceDir, created }.
 */
/** Fails, with code EACCES, when `dir` or the folder it would be made in cannot be written (node's mkdir says ENOENT on a read-only file system). */
export function checkWritable(dir) {
  let existing = dir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  // and the folder of the workspace's records, which a `sudo npm start` made root's with the rest
  for (const folder of [existing, ...(existing === dir ? [path.join(dir, ".course")] : [])]) {
    try {
      fs.accessSync(folder, fs.constants.W_OK);
    } catch (failure) {
      if (failure.code === "ENOENT") continue;
      const owner = fs.statSync(folder).uid;
      // the student's work is in it: "choose another folder" would leave it behind
      if (process.getuid && owner !== process.getuid() && isInside(folder, dir)) {
        const error = new Error(
          `cannot write the workspace ${dir}: ${folder} belongs to another user (uid ${owner}; made by a \`sudo npm start\`?): ` +
            `make it yours again, \`sudo chown -R $(id -un) ${dir}\`, and start again`,
        );
        throw Object.assign(error, { code: "EACCES", otherOwner: owner });
      }
      // hers, write-protected (copied with its modes from a read-only place, a chmod a-w to keep it safe):
      // "give a folder of your own" had her start afresh elsewhere, her work left behind
      if (process.getuid && owner === process.getuid() && failure.code === "EACCES" && isInside(folder, dir)) {
        const mode = (fs.statSync(folder).mode & 0o777).toString(8);
        const error = new Error(
          `cannot write the workspace ${dir}: ${folder} is yours but write-protected (mode ${mode}): ` +
            `make it writable again, \`chmod -R u+w ${dir}\`, and start again`,
        );
        throw Object.assign(error, { code: "EACCES", writeProtected: true });
      }
      throw Object.assign(new Error(`cannot write the workspace ${dir}: ${folder} is not writable by you`), { code: "EACCES" });
    }
  }
}

export function updateWorkspace({ workspaceDir = defaultWorkspaceDir, sourceDir = notebooksDir } = {}) {
  const created = !fs.existsSync(workspaceDir);
  checkWritable(workspaceDir);
  makePrivateFolder(workspaceDir);
  const released = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-release-"));
  try {
    writeStudentNotebooks({ sourceDir, outDir: released });
    // a chapter edited in the course's own folder: the workspace gets the course's version, and she is told
    const edited = editedChapters(sourceDir);
    for (const { name, committed } of edited) fs.writeFileSync(path.join(released, name), committed);
    const record = readRecord(workspaceDir);
    const madeAt = courseMadeAt(sourceDir);
    // the student's files before this update: a chapter put back may have a renamed copy among them
    const own = created ? [] : studentsFiles(workspaceDir, (file) => file.endsWith(".ipynb"));
    const result = { workspaceDir, created, added: [], updated: [], beside: [], older: [], restored: [], unreadable: [], retired: [], copies: [], kernelSet: [] };
    result.edited = { sourceDir, names: edited.map(({ name }) => name) };

    // A file the course owns (delivered by us, never edited) may be replaced; anything else is the student's.
    const mayReplace = (file) => {
      const target = path.join(workspaceDir, file);
      if (!fs.existsSync(target)) return true;
      const delivered = record[file];
      return delivered !== undefined && workOf(file, fs.readFileSync(target)) === delivered.work;
    };
    // every version of a file delivered before the current one: an older checkout, run again on a
    // workspace a newer one updated, would otherwise put its versions back
    const earlier = (file) => [...(record[file]?.earlier ?? []), ...(record[file]?.hash ? [record[file].hash] : [])].slice(-50);
    const deliver = (file, bytes) => {
      writeFileAtomic(path.join(workspaceDir, file), bytes);
      const hash = sha256(bytes);
      record[file] = { hash, work: workOf(file, bytes), earlier: earlier(file).filter((h) => h !== hash), madeAt };
    };

    // The student's own copy stays; the new version goes beside it.
    const putBeside = (file, bytes) => {
      record[file] = { ...record[file], hash: sha256(bytes), earlier: earlier(file).filter((h) => h !== sha256(bytes)), madeAt };
      let n = 1;
      for (; fs.existsSync(path.join(workspaceDir, besideName(file, n))) && !mayReplace(besideName(file, n)); n += 1) {
        // this very version was written beside it before (the record lost, say): not again
        if (workOf(file, fs.readFileSync(path.join(workspaceDir, besideName(file, n)))) === workOf(file, bytes)) return;
      }
      deliver(besideName(file, n), bytes);
      result.beside.push({ file: besideName(file, n), kept: file });
    };

    for (const file of filesUnder(released).sort()) {
      const bytes = fs.readFileSync(path.join(released, file));
      const target = path.join(workspaceDir, file);
      const exists = fs.existsSync(target);
      if (exists && !fs.statSync(target).isFile()) {
        // a folder with the chapter's name (made by hand, say) is the student's: the chapter goes beside
        // it (it had been taken as "up to date", and the chapter was never put back)
        putBeside(file, bytes);
        continue;
      }
      // a chapter JupyterLab cannot open (a merge's conflict marks, an edit in a text editor): kept as it
      // is, and said, where nothing was said and JupyterLab showed only "File Load Error"
      if (exists && file.endsWith(".ipynb")) {
        const problem = notebookProblem(target);
        if (problem) result.unreadable.push({ file, ...problem, ...savedBefore(workspaceDir, file, problem) });
        else if (setCourseKernel(target, bytes)) result.kernelSet.push(file);
      }
      if (exists && record[file]?.hash === sha256(bytes)) continue; // this version was delivered before
      // a version delivered before: this checkout is older than the one that delivered the later
      // version, unless this course was made after that one (it set the chapter back to an earlier text)
      const madeLater = madeAt !== undefined && record[file]?.madeAt !== undefined && madeAt > record[file].madeAt;
      if (record[file]?.earlier?.includes(sha256(bytes)) && !madeLater) {
        result.older.push(file);
        continue;
      }
      if (exists && workOf(file, fs.readFileSync(target)) === workOf(file, bytes)) {
        // already holds it
        record[file] = { hash: sha256(bytes), work: workOf(file, bytes), earlier: earlier(file).filter((h) => h !== sha256(bytes)), madeAt };
        continue;
      }
      if (mayReplace(file)) {
        const deliveredBefore = record[file] !== undefined;
        deliver(file, bytes);
        (exists ? result.updated : deliveredBefore ? result.restored : result.added).push(file);
        continue;
      }
      putBeside(file, bytes);
    }
    // a chapter renamed or taken out since it was delivered: grading takes the chapter's new name only
    result.retired = retiredChapters({
      workspaceDir,
      record,
      released: filesUnder(released),
      releasedDir: released,
      madeAt,
      isChanged: (file) => workOf(file, fs.readFileSync(path.join(workspaceDir, file))) !== record[file].work,
    });
    // a chapter as delivered (put back, or never written in) whose answers are in a notebook of another
    // name (a retired chapter's own line says so of it)
    const asDelivered = (file) => {
      const target = path.join(workspaceDir, file);
      return record[file] !== undefined && fs.existsSync(target) && fs.statSync(target).isFile() && workOf(file, fs.readFileSync(target)) === record[file].work;
    };
    const retiredFiles = new Set(result.retired.map(({ file }) => file));
    result.copies = chapterCopies({ workspaceDir, releasedDir: released, chapters: filesUnder(released).filter(asDelivered), own: own.filter((file) => !retiredFiles.has(file)) });
    writeFileAtomic(path.join(workspaceDir, RECORD), JSON.stringify(record, null, 2) + "\n");
    writeWorkspacePackage(workspaceDir);
    if (isInside(fs.realpathSync(workspaceDir), fs.realpathSync(repoRoot))) keepNpmInWorkspace(workspaceDir);
    result.linkedBeside = linkPackages(workspaceDir)?.beside ?? [];
    result.openToOthers = openToOthers(workspaceDir);
    return result;
  } finally {
    fs.rmSync(released, { recursive: true, force: true });
  }
}

/**
 * Sets the chapter `file` (readable) back to the course's kernel, that of the released version `courseBytes`, when it was saved with
 * another (Python 3 picked in JupyterLab's Change Kernel, or in the dialog of a kernel that died): JupyterLab opened it on that
 * kernel at every start, each cell failing there with Python's "invalid syntax", while grading runs it on the course's. Only the
 * metadata changes; returns whether it did.
 */
function setCourseKernel(file, courseBytes) {
  const notebook = JSON.parse(fs.readFileSync(file, "utf8"));
  const course = JSON.parse(courseBytes.toString("utf8")).metadata ?? {};
  const language = notebook.metadata?.kernelspec?.language ?? notebook.metadata?.language_info?.name;
  if (course.kernelspec === undefined || typeof language !== "string" || language === course.kernelspec.language) return false;
  notebook.metadata = { ...notebook.metadata, kernelspec: course.kernelspec, language_info: course.language_info };
  writeFileAtomic(file, JSON.stringify(notebook, null, 1) + "\n");
  return true;
}

/**
 * { before: JupyterLab's copy of `file` from before its last save (".~<name>" beside it, whole) } for a notebook not readable,
 * or {}. JupyterLab saves a notebook over itself, its previous version copied aside first and deleted once the save is done:
 * stopped while it saved (killed, the machine off, the disk full), it leaves the notebook cut short and that copy, which it
 * puts back when it next opens the notebook. Renamed as npm start advised, the chapter came back as the course gives it,
 * and the work in that hidden copy was never named.
 */
function savedBefore(workspaceDir, file, problem) {
  if (problem.resave) return {};
  const before = path.join(path.dirname(file), `.~${path.basename(file)}`);
  const full = path.join(workspaceDir, before);
  return fs.existsSync(full) && fs.statSync(full).isFile() && !notebookProblem(full) ? { before } : {};
}

/** Why the notebook `file` cannot be opened (not JSON, or no cells), or undefined when it can. */
function notebookProblem(file) {
  let notebook;
  let encoding;
  try {
    // saved by an editor as "UTF-8 with BOM" or UTF-16 (Windows Notepad): JupyterLab's "File Load Error", and npm
    // start said "Unexpected token '', …", the mark unseen, and to copy the answers over by hand from a renamed file
    const { text, note } = notebookText(fs.readFileSync(file));
    encoding = note ?? undefined;
    notebook = JSON.parse(text);
  } catch (error) {
    return { problem: error.message };
  }
  if (!Array.isArray(notebook?.cells)) return { problem: "it has no list of cells" };
  return encoding ? { problem: encoding, resave: true } : undefined;
}

/** The lines `npm start` prints about the workspace. */
export function describeUpdate({ workspaceDir, created, added, updated, beside, older = [], restored = [], unreadable = [], retired = [], copies = [], linkedBeside = [], edited, kernelSet = [], openToOthers = false }, cwd = process.cwd()) {
  const where = path.relative(cwd, workspaceDir) || ".";
  const lines = [
    created
      ? `workspace: made ${where}/, your own copy of the course (exercises without answers); updates never overwrite it`
      : `workspace: ${where}/ (your own copy of the course; updates never overwrite it)`,
  ];
  if (!created) for (const file of added) lines.push(`  new in the course: ${file}`);
  for (const file of restored) lines.push(`  put back (it was missing from the workspace): ${file}`);
  for (const file of updated) lines.push(`  updated (you had not changed it): ${file}`);
  for (const { file, kept } of beside) lines.push(`  updated version of ${kept}, which you changed and is kept as it is: ${file}`);
  if (older.length > 0) {
    lines.push(
      `  this checkout of the course is older than the one that last updated this workspace: its versions of ${older.join(", ")} ` +
        "were not put back (run npm start from the newer checkout, or update this one: git pull)",
    );
  }
  for (const { file, problem, resave, before } of unreadable) {
    if (resave) {
      lines.push(`  ${file} cannot be opened by JupyterLab, but your work in it is whole and kept as it is: ${problem}`);
      continue;
    }
    if (before) {
      lines.push(
        `  ${file} is not a readable notebook (${problem}): JupyterLab was stopped while it saved it, and its copy from before that save, ` +
          `${before} (hidden), is whole: open ${file} in JupyterLab, which puts that copy back (or copy it over ${file} yourself); do not rename ${file}`,
      );
      continue;
    }
    const renamed = file.replace(/\.ipynb$/, ".broken.txt");
    lines.push(
      `  ${file} is not a readable notebook (${problem}), so JupyterLab cannot open it; it is kept as it is: rename it ` +
        `(to ${renamed}, say) and run npm start again, which puts the chapter back, then copy your answers over from the renamed file`,
    );
  }
  for (const file of kernelSet) {
    lines.push(`  ${file} was set to another kernel (Kernel > Change Kernel… in JupyterLab): set back to the course's TypeScript kernel, which its cells are written for and graded on`);
  }
  lines.push(...describeRetired(retired), ...copies.map(describeCopies));
  const editedNote = edited && describeEditedChapters(edited.names, path.relative(cwd, edited.sourceDir) || ".", where);
  if (editedNote) lines.push(`  ${editedNote}`);
  if (linkedBeside.length > 0) {
    // npm install there takes out the packages its package.json does not name
    lines.push(
      `  ${path.join(where, "node_modules")}/ holds packages of your own: the course's (${linkedBeside.join(", ")}) are linked in beside them; ` +
        "an npm install in the workspace takes those links out, and the chapters then fail to import neural-mi until the next npm start puts them back",
    );
  }
  if (openToOthers) lines.push(`  ${describeOpenWorkspace(where)}`);
  if (created) lines.push(`  ${added.filter((f) => f.endsWith(".ipynb")).length} notebooks`);
  else if (added.length + updated.length + beside.length + older.length + restored.length + retired.length + copies.length === 0) lines.push("  up to date with the course");
  return lines;
}
