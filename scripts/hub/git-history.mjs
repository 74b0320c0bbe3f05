// Where a checkout's git history really lies. A plain clone keeps it in `.git/`; a `git worktree add` checkout
// (or a submodule) has a `.git` *file* naming its git folder ("gitdir: …"), whose `commondir` names the
// repository's own `.git`, with every object: the hub closed `.git` only when it was a folder, and a student on a
// hub run from a worktree read the chapters' solutions from the main repository's objects.
import fs from "node:fs";
import path from "node:path";

/** The first line of `file` after `key: `, or undefined. */
function field(file, key) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const line = text.split(/\r?\n/)[0] ?? "";
  if (key === undefined) return line.trim() || undefined;
  return line.startsWith(`${key}:`) ? line.slice(key.length + 1).trim() || undefined : undefined;
}

/**
 * The folders holding the history of the checkout in `checkout`, as absolute paths: its `.git` folder; or, when
 * `.git` is a file, the git folder it names and that folder's common folder (the repository's `.git`). [] when
 * there is no history (an archive of the course).
 * @param {string} checkout @returns {string[]}
 */
export function historyFolders(checkout) {
  const dotGit = path.join(checkout, ".git");
  const stat = fs.statSync(dotGit, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isDirectory()) return [dotGit];
  const gitdir = field(dotGit, "gitdir");
  if (gitdir === undefined) return [];
  const own = path.resolve(checkout, gitdir);
  if (!fs.statSync(own, { throwIfNoEntry: false })?.isDirectory()) return [];
  const common = field(path.join(own, "commondir"));
  const shared = common === undefined ? undefined : path.resolve(own, common);
  return shared && shared !== own && fs.statSync(shared, { throwIfNoEntry: false })?.isDirectory() ? [own, shared] : [own];
}

/**
 * The work tree of the repository whose common git folder is `common` (the folder holding it, when it is named
 * `.git` and the repository is not bare), or undefined.
 * @param {string} common @returns {string | undefined}
 */
export function mainWorkTree(common) {
  if (path.basename(common) !== ".git") return undefined;
  let config = "";
  try {
    config = fs.readFileSync(path.join(common, "config"), "utf8");
  } catch {
    return undefined;
  }
  return /^\s*bare\s*=\s*true\s*$/im.test(config) ? undefined : path.dirname(common);
}

/**
 * The object folders of other repositories that the history folders `history` borrow from (`objects/info/alternates`,
 * written by `git clone --shared` or `--reference`): the objects of this checkout's commits that lie only there, the
 * chapters' solutions among them. Absolute paths.
 * @param {string[]} history @returns {string[]}
 */
export function borrowedObjects(history) {
  return history.flatMap((folder) => {
    const objects = path.join(folder, "objects");
    let text;
    try {
      text = fs.readFileSync(path.join(objects, "info", "alternates"), "utf8");
    } catch {
      return [];
    }
    return text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => path.resolve(objects, line));
  });
}

/**
 * The work trees of the repository whose common git folder is `common` (its own, mainWorkTree, and those `git worktree
 * add` made, as `worktrees/<name>/gitdir` names their `.git` files), as absolute paths, those gone left out.
 * @param {string} common @returns {string[]}
 */
export function workTrees(common) {
  const main = mainWorkTree(common);
  let linked = [];
  try {
    linked = fs.readdirSync(path.join(common, "worktrees"));
  } catch {}
  const others = linked.map((name) => field(path.join(common, "worktrees", name, "gitdir"))).filter((file) => file !== undefined).map((file) => path.dirname(path.resolve(common, file)));
  return [...(main === undefined ? [] : [main]), ...others].filter((dir) => fs.existsSync(dir));
}
