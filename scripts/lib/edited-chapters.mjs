// Chapters of a student edition edited in the course's own notebooks/, not in the workspace: an editor opened on
// the course's folder (VS Code, a JupyterLab of her own) shows notebooks/ first. The start had delivered those
// edits into the workspace as the course's version (so that the next course update replaced them there as unchanged)
// and said nothing; her work stayed in the course's folder, which a newer edition replaces, and of which npm start
// keeps no copy.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isStudentRelease } from "./student-release.mjs";

const git = (dir, args, encoding = "utf8") => spawnSync("git", ["-C", dir, ...args], { encoding, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 });

/**
 * The chapters at the top of the student edition's `sourceDir` that differ from its checked-out commit: [{ name, committed:
 * the commit's bytes }]. [] in the instructor's repository (notebooks/ is built from notebooks/src/ there), without git, or
 * when none differs.
 */
export function editedChapters(sourceDir) {
  if (!isStudentRelease(sourceDir)) return [];
  const listed = git(sourceDir, ["ls-files", "--modified", "--", "."]);
  if (listed.status !== 0) return [];
  return listed.stdout
    .split("\n")
    .filter((name) => name.endsWith(".ipynb") && !name.includes("/"))
    .flatMap((name) => {
      const committed = git(sourceDir, ["show", `HEAD:./${name}`], "buffer");
      const file = path.join(sourceDir, name);
      // git counts a mode changed too
      const differs = committed.status === 0 && fs.existsSync(file) && !fs.readFileSync(file).equals(committed.stdout);
      return differs ? [{ name, committed: committed.stdout }] : [];
    });
}

/** What the start says of the chapters `names` edited in `sourceDir` (editedChapters), the workspace being `workspace`; undefined when none. */
export function describeEditedChapters(names, sourceDir, workspace) {
  if (names.length === 0) return undefined;
  const edited = names.map((name) => ({ name }));
  const files = names.map((name) => path.join(sourceDir, name));
  const one = names.length === 1;
  return (
    `${files.join(", ")}, the course's own ${one ? "copy" : "copies"} of ${one ? "a chapter" : "chapters"}, ${one ? "differs" : "differ"} from the course ` +
    `(opened in an editor on the course's folder?): your workspace got the course's version. Your work belongs in ${workspace}, which ` +
    `npm start's JupyterLab opens, grading takes and npm start keeps a copy of, not in the course's folder, which a newer edition replaces. ` +
    `Copy what you wrote there into ${edited.map(({ name }) => path.join(workspace, name)).join(", ")}, then put the course's back: ` +
    `git checkout -- ${edited.map(({ name }) => path.join(path.basename(sourceDir), name)).join(" ")} (in the course's folder)`
  );
}
