// A Python start-up file that fails nbgrader's copies as a full disk quota does (EDQUOT), for the
// exchange's steps run with PYTHONPATH naming the folder it is written in: this machine's file systems
// have no quotas to fill for real.
import fs from "node:fs";
import path from "node:path";

/**
 * Writes `folder`/sitecustomize.py: a shutil.copytree whose destination holds `destinationPart` fails
 * with EDQUOT, after copying all of it when `copiedFirst` (the quota hit at the end) or at once.
 * @param {string} folder
 * @param {{ destinationPart: string, copiedFirst?: boolean }} options
 * @returns {string} the folder, for PYTHONPATH
 */
export function overQuota(folder, { destinationPart, copiedFirst = false }) {
  fs.mkdirSync(folder, { recursive: true });
  const lines = [
    "import errno, shutil",
    "_copytree = shutil.copytree",
    "def copytree(src, dst, *args, **kwargs):",
    `    if ${JSON.stringify(destinationPart)} in str(dst):`,
    ...(copiedFirst ? ["        _copytree(src, dst, *args, **kwargs)"] : []),
    "        raise OSError(errno.EDQUOT, 'Disk quota exceeded', str(dst))",
    "    return _copytree(src, dst, *args, **kwargs)",
    "shutil.copytree = copytree",
    "",
  ];
  fs.writeFileSync(path.join(folder, "sitecustomize.py"), lines.join("\n"));
  return folder;
}
