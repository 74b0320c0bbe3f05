// A copy of the student's own files kept outside the course's folder. The workspace (my-work/)
// lies inside the course's folder, and a student who deleted that folder to put a newer edition
// in its place deleted her work with it. npm start refreshes the copy at each start and when
// JupyterLab stops; a workspace made anew where one had been is given the kept files back, with
// the record of what the course had delivered to them, so that newer chapters arrive beside the
// student's as in any update.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { notebookText } from "../../autograder/src/notebook/format.mjs";
import { writeFileAtomic } from "../../autograder/src/util/atomic-write.mjs";
import { homeFolder } from "./home-folder.mjs";
import { carryEarlier, EARLIER, latestEarlier } from "./kept-history.mjs";
import { notebookWithoutOutputs } from "./kept-notebook.mjs";
import { repoRoot } from "./paths.mjs";
import { isInside, readRecord, realPathOfNearest, RECORD, studentsFiles } from "./workspace.mjs";

// a copy for safety, not a second workspace: large files (data sets, saved models) stay out
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_TOTAL_BYTES = 500 * 1024 * 1024;

/** A place where no copy can be kept (code EKEPTWHERE): the start goes on without one, saying so. */
const whereError = (message) => Object.assign(new Error(message), { code: "EKEPTWHERE" });

/** The folder holding the copies ($NEURAL_MI_KEPT_WORK, taken from where npm was run, else ~/.neural-mi/kept-work), or undefined with no home folder known. */
function keptWorkRoot(env) {
  const home = homeFolder();
  if (!env.NEURAL_MI_KEPT_WORK && !home) return undefined;
  // a relative NEURAL_MI_KEPT_WORK is taken from where npm was run, as the workspace is (npm runs scripts in the course's folder)
  return env.NEURAL_MI_KEPT_WORK ? path.resolve(env.INIT_CWD ?? process.cwd(), env.NEURAL_MI_KEPT_WORK) : path.join(home, ".neural-mi", "kept-work");
}

/**
 * Why `workspaceDir` cannot be a workspace, lying in the folder of the kept copies, or undefined. A student told where the
 * last version of her work is kept opened that copy as her workspace (npm start -- --workspace ~/.neural-mi/kept-work/…):
 * the start filled it with the course's chapters and its own records, and the next refresh of the copy, by a start of the
 * workspace it is kept for, replaced the folder she worked in.
 */
export function keptCopyAsWorkspace(workspaceDir, env = process.env) {
  const root = keptWorkRoot(env);
  if (root === undefined || !isInside(realPathOfNearest(path.resolve(workspaceDir)), realPathOfNearest(root))) return undefined;
  return (
    `the workspace ${workspaceDir} lies in ${root}, where npm start keeps the copies of your work and rewrites them at each start and stop: ` +
    "copy the files you need from it into your workspace (npm start -- --workspace <a folder of your own>), and work there"
  );
}

/** Where the copy of the workspace `workspaceDir` is kept: $NEURAL_MI_KEPT_WORK, else ~/.neural-mi/kept-work, a folder per workspace path. */
export function keptWorkDir(workspaceDir, env = process.env) {
  const home = homeFolder();
  const root = keptWorkRoot(env);
  if (root === undefined) {
    throw whereError("no home folder is known here (HOME is not set), where the copy of your work is kept: set HOME, or NEURAL_MI_KEPT_WORK to a folder of your own outside the workspace");
  }
  // the home folder may hold it too: HOME set to the course's folder (a container's, Binder's, where the repository is the
  // home folder) put the copy said to be outside the course's folder inside it
  if (isInside(realPathOfNearest(root), fs.realpathSync(repoRoot))) {
    throw whereError(
      `the copy of your work would be kept in ${root}, inside the course's folder ${repoRoot}, and deleted with it; ` +
        (env.NEURAL_MI_KEPT_WORK
          ? "set NEURAL_MI_KEPT_WORK to a folder outside the course's folder (or unset it: ~/.neural-mi/kept-work)"
          : `your home folder (HOME=${home}) is in the course's folder: set NEURAL_MI_KEPT_WORK to a folder outside the course's folder`),
    );
  }
  // it said "EEXIST: file already exists, mkdir …" at each start and stop, and kept nothing; a file above it (HOME
  // set to a file) "ENOTDIR: not a directory, mkdir …"
  let existing = root;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  if (!fs.statSync(existing).isDirectory()) {
    const what = existing === root ? "where the copy of your work is kept" : `where the copy of your work is kept (in ${root})`;
    const fix = !env.NEURAL_MI_KEPT_WORK && existing === home ? "set HOME to your home folder" : "move it away";
    throw whereError(`${existing}, ${what}, is a file, not a folder: ${fix}, or set NEURAL_MI_KEPT_WORK to a folder of your own`);
  }
  const where = realPathOfNearest(path.resolve(workspaceDir));
  const id = crypto.createHash("sha256").update(where).digest("hex").slice(0, 12);
  const dir = path.join(root, `${shortened(path.basename(path.dirname(where)))}-${shortened(path.basename(where))}-${id}`);
  // kept inside the workspace, each start copied the last copy into the next, one level deeper
  if (isInside(realPathOfNearest(path.resolve(dir)), where)) {
    throw whereError(
      `the copy of your work would be kept in ${dir}, inside the workspace ${workspaceDir} itself; ` +
        "set NEURAL_MI_KEPT_WORK to a folder outside the workspace (or unset it: ~/.neural-mi/kept-work)",
    );
  }
  return dir;
}

// a file name holds 255 bytes: two long folder names (80 Chinese characters are 240 bytes) made the
// copy's name too long, and the copy was never made; the hash tells such names apart
const shortened = (name, bytes = 100) => {
  let out = "";
  for (const char of name) {
    if (Buffer.byteLength(out + char) > bytes) break;
    out += char;
  }
  return out;
};

/**
 * Makes the kept copy the student's files of the workspace as they are now (written beside and then
 * put in place, so a copy cut short leaves the last one whole). Returns { dir, files, left, unreadable, denied, earlier, withoutOutputs }
 * (`left`: files too large to keep; `unreadable`: notebooks not readable now, whose last readable
 * version the copy keeps; `denied`: files the student cannot read, whose last kept version stays; `earlier`: the versions this refresh replaced or dropped, kept-history.mjs;
 * `withoutOutputs`: notebooks too large with their outputs, kept with them cleared, kept-notebook.mjs).
 */
export function keepWork(workspaceDir, env = process.env) {
  const dir = keptWorkDir(workspaceDir, env);
  const files = [];
  const left = [];
  const unreadable = [];
  let earlier = { folder: undefined, gone: [], changed: [] };
  let total = 0;
  // notebooks over the limits kept without their outputs (kept-notebook.mjs): file → bytes
  const withoutOutputs = new Map();
  const isNotebook = (file) => file.endsWith(".ipynb");
  for (const file of studentsFiles(workspaceDir)) {
    let size = fs.statSync(path.join(workspaceDir, file)).size;
    const fits = (bytes) => bytes <= MAX_FILE_BYTES && total + bytes <= MAX_TOTAL_BYTES;
    if (!fits(size) && isNotebook(file)) {
      const lighter = notebookWithoutOutputs(path.join(workspaceDir, file));
      if (lighter && fits(lighter.length)) {
        withoutOutputs.set(file, lighter);
        size = lighter.length;
      }
    }
    if (!fits(size)) left.push(file);
    else {
      files.push(file);
      total += size;
    }
  }
  // the student's alone, answers and all, whoever else can enter her home
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  recoverCutShort(dir);
  const fresh = `${dir}.new-${process.pid}`;
  const denied = [];
  fs.mkdirSync(fresh, { mode: 0o700 });
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(fresh, file)), { recursive: true });
      const before = path.join(dir, file);
      // a notebook saved empty or cut short (its disk full while JupyterLab saved it) replaced the last
      // readable copy of it, the one place the student's answers still were
      if (withoutOutputs.has(file)) {
        fs.writeFileSync(path.join(fresh, file), withoutOutputs.get(file));
        continue;
      }
      const cutShort = file.endsWith(".ipynb") && !readableNotebook(path.join(workspaceDir, file));
      // JupyterLab's copy from before a save it was stopped in (".~<name>"), newer than the last one kept: it had been left
      // out of the copy, and the older version kept named as the one to copy back
      const savedBefore = path.join(workspaceDir, path.dirname(file), `.~${path.basename(file)}`);
      const fromSave = cutShort && readableNotebook(savedBefore);
      const damaged = cutShort && (fromSave || readableNotebook(before));
      if (damaged) unreadable.push(file);
      try {
        fs.copyFileSync(fromSave ? savedBefore : damaged ? before : path.join(workspaceDir, file), path.join(fresh, file));
      } catch (error) {
        // a file the student cannot read (another account's, made by a `sudo` command): it failed the whole refresh, at
        // every start and stop, and the copy stopped following her work; its last version kept stays
        if (damaged || !["EACCES", "EPERM"].includes(error.code)) throw error;
        denied.push(file);
        if (fs.existsSync(before) && fs.lstatSync(before).isFile()) fs.copyFileSync(before, path.join(fresh, file));
      }
    }
    let record = {};
    try {
      record = readRecord(workspaceDir);
    } catch {
      // unreadable: the files come back as the student's, each newer chapter beside them
    }
    const kept = Object.fromEntries(files.filter((file) => record[file] !== undefined).map((file) => [file, record[file]]));
    fs.mkdirSync(path.join(fresh, path.dirname(RECORD)), { recursive: true });
    fs.writeFileSync(path.join(fresh, RECORD), JSON.stringify(kept, null, 2) + "\n");
    // the versions this refresh replaces or drops: a mirror alone followed a chapter deleted or emptied by mistake
    if (fs.existsSync(dir)) earlier = carryEarlier({ previous: dir, fresh, files: keptFiles(dir) });
  } catch (error) {
    // the earlier versions, moved into the new copy, go back to the last one
    if (fs.existsSync(path.join(fresh, EARLIER)) && fs.existsSync(dir) && !fs.existsSync(path.join(dir, EARLIER))) {
      fs.renameSync(path.join(fresh, EARLIER), path.join(dir, EARLIER));
    }
    // a home folder out of room (a quota) kept each failed copy, a new one at each start and stop
    fs.rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  const old = `${dir}.old-${process.pid}`;
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(fresh, dir);
  fs.rmSync(old, { recursive: true, force: true });
  return { dir, files, left, unreadable, denied, earlier, withoutOutputs: [...withoutOutputs.keys()] };
}

/**
 * Puts right what a refresh of the copy `dir` cut short (a start or stop killed, the machine off) left
 * beside it, before the copy is read or refreshed: killed between its two renames, the copy was gone,
 * held only by `<dir>.old-<pid>` and the whole new one by `<dir>.new-<pid>`, so a workspace deleted
 * since got nothing back (and was told of no copy) and the next refresh dropped the earlier versions;
 * killed while the new copy was written, the earlier versions, moved into it, were left in `.new-<pid>`.
 * Those folders, one more at each such start (up to 500 MB each), were never removed: no later start
 * has the same process number. Only one start or stop refreshes a workspace's copy at a time (each
 * holds the workspace), so whatever is left beside it is a refresh's that has ended.
 */
function recoverCutShort(dir) {
  const leftover = new RegExp(`^${basenamePattern(path.basename(dir))}\\.(new|old)-(\\d+)$`);
  let names;
  try {
    names = fs.readdirSync(path.dirname(dir)).filter((name) => leftover.test(name));
  } catch {
    return;
  }
  if (names.length === 0) return;
  const beside = (name) => path.join(path.dirname(dir), name);
  const pidOf = (name) => leftover.exec(name)[2];
  const kind = (name) => leftover.exec(name)[1];
  if (!fs.existsSync(dir)) {
    // the new copy is whole once the old one was moved aside (the last step before the rename to `dir`); an `.old-<pid>`
    // alone is what is left of a copy replaced (or deleted since by the student, to start afresh): not put back
    const whole = names.find((name) => kind(name) === "new" && names.includes(`${path.basename(dir)}.old-${pidOf(name)}`));
    if (whole) fs.renameSync(beside(whole), dir);
  } else if (!fs.existsSync(path.join(dir, EARLIER))) {
    const carried = names.find((name) => kind(name) === "new" && fs.existsSync(path.join(beside(name), EARLIER)));
    if (carried) fs.renameSync(path.join(beside(carried), EARLIER), path.join(dir, EARLIER));
  }
  for (const name of names) if (fs.existsSync(beside(name))) fs.rmSync(beside(name), { recursive: true, force: true });
}

const basenamePattern = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function readableNotebook(file) {
  try {
    // read as grading reads it: saved with a byte-order mark or as UTF-16 (an editor's), the work is whole,
    // and its newer version had been taken for a damaged one, the older kept in its place
    return fs.lstatSync(file).isFile() && Array.isArray(JSON.parse(notebookText(fs.readFileSync(file)).text).cells);
  } catch {
    return false;
  }
}

/**
 * Gives a workspace the course has not filled yet (made anew, or left by a start that stopped before
 * its end: it holds no record of what the course delivered) the files kept from the workspace that
 * was there before, with the course's record of them; a file already there is left as it is. Returns
 * { dir, files } (the files put back).
 */
export function restoreKeptWork(workspaceDir, env = process.env) {
  // a start cut short (Ctrl-C, a closed terminal) had made the workspace's .course/: the next took the
  // workspace for one in use, put nothing back, and replaced the kept copy with the empty workspace's
  if (fs.existsSync(path.join(workspaceDir, RECORD))) return { dir: undefined, files: [] };
  const dir = keptWorkDir(workspaceDir, env);
  recoverCutShort(dir);
  // the new edition put in a folder of another name: its workspace has no copy, but the old one's may be there
  if (!fs.existsSync(dir)) return { dir, files: [], others: otherCopies(dir) };
  let files;
  try {
    files = keptFiles(dir).filter((file) => !fs.existsSync(path.join(workspaceDir, file)));
  } catch (error) {
    throw new Error(
      `the copy of your work kept in ${dir} could not be read (${error.message}); make it a readable folder again ` +
        `(or move it away to start afresh) and run npm start again: the workspace is not filled until then`,
    );
  }
  // each written beside and put in place: a copy cut short leaves no half file that a next start would keep
  for (const file of files) writeFileAtomic(path.join(workspaceDir, file), fs.readFileSync(path.join(dir, file)));
  if (fs.existsSync(path.join(dir, RECORD))) {
    fs.mkdirSync(path.dirname(path.join(workspaceDir, RECORD)), { recursive: true });
    fs.copyFileSync(path.join(dir, RECORD), path.join(workspaceDir, RECORD));
  }
  return { dir, files };
}

/** The copies kept beside `dir` that hold files, of workspaces at other paths (full paths, the latest first, at most 5). */
function otherCopies(dir) {
  try {
    return fs
      .readdirSync(path.dirname(dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !/\.(new|old)-\d+$/.test(entry.name) && entry.name !== path.basename(dir))
      .map((entry) => path.join(path.dirname(dir), entry.name))
      // a copy with no file is of a workspace where nothing was written: no one's work to point to
      .filter((copy) => keptFiles(copy).length > 0)
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
      .slice(0, 5);
  } catch {
    return [];
  }
}

const keptFiles = (dir, root = dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".")) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return keptFiles(full, root);
    // keepWork copies files only: a link found here (put by another hand) would be followed, and what
    // it leads to (another's file, /etc/shadow) copied into the workspace
    return entry.isFile() ? [path.relative(root, full)] : [];
  });

/**
 * What npm start says of the kept copy: the files put back, and, once made, where the copy is.
 * `putBack`: the chapters the course put back in the workspace, missing from it (updateWorkspace's `restored`).
 */
export function describeKeptWork({ restored, kept, created, putBack = [] }) {
  const lines = [];
  if (restored.files.length > 0) {
    lines.push(
      `  put back from the copy of your work kept outside the course's folder (the workspace here had been deleted): ${restored.files.join(", ")}; ` +
        `the copy is ${restored.dir} (delete it, and this workspace, to start afresh)`,
    );
  } else if (created && kept) lines.push(`  a copy of the files you change here is kept in ${kept.dir}, refreshed at each start and stop (the versions it replaces in its ${EARLIER}/)`);
  if (restored.files.length === 0 && restored.others?.length > 0) {
    lines.push(
      `  no copy was kept of a workspace here before, but copies of workspaces at other paths are: ${restored.others.join(", ")}; ` +
        "if one holds your work from an earlier copy of the course, copy its files into this workspace",
    );
  }
  for (const file of kept?.unreadable ?? []) {
    lines.push(
      `  ${file} is not a readable notebook (empty, or cut short while it was saved): the copy kept outside the course's folder ` +
        `holds its last readable version, ${path.join(kept.dir, file)}; copy that over it to get your work back`,
    );
  }
  // a file deleted (the course then put its chapter back, as delivered) or gone since the last refresh
  const lost = [...new Set([...putBack, ...(kept?.earlier?.gone ?? [])])].sort();
  for (const file of kept ? lost : []) {
    const version = latestEarlier(kept.dir, file);
    if (version) lines.push(`  ${file} is no longer in the workspace as you had it: your last version of it is kept in ${version}; copy it back to get that work`);
  }
  if (kept?.withoutOutputs?.length > 0) {
    lines.push(
      `  kept in that copy without their outputs (over ${MAX_FILE_BYTES / 2 ** 20} MB each with them, or ${MAX_TOTAL_BYTES / 2 ** 20} MB in all), your cells' text whole: ` +
        kept.withoutOutputs.join(", "),
    );
  }
  if (kept?.denied?.length > 0) {
    lines.push(`  not readable by you, so not refreshed in that copy (its last version there kept): ${kept.denied.join(", ")}; make them yours (chown) to have them kept`);
  }
  if (kept?.left.length > 0) {
    lines.push(`  too large for that copy (over ${MAX_FILE_BYTES / 2 ** 20} MB each, or ${MAX_TOTAL_BYTES / 2 ** 20} MB in all), kept only here: ${kept.left.join(", ")}`);
  }
  return lines;
}
