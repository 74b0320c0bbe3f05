// @ts-check
// An nbgrader course directory for the course notebooks: nbgrader's layout
// (source/<assignment>/), a config that loads autograder/nbgrader_config.py,
// and node_modules reachable from every folder nbgrader runs notebooks in, so
// `import ... from "neural-mi"` resolves in release/, submitted/ and autograded/. That
// node_modules is a copy of the packages made of hard links, without symbolic links, as the
// grading sandbox's: nbgrader's kernels may read it (src/nbgrader/confined_kernels.py), and
// through a link into the repository (the package neural-mi links to lib/) a path such as
// node_modules/neural-mi/../notebooks would read the course's solutions.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { autograderDir, repoRoot } from "../util/paths.mjs";
import { mirrorTree } from "../execute/package-mirror.mjs";

/**
 * @param {{ courseDir: string, sourceDir?: string, assignment?: string, courseId?: string }} options
 * @returns {{ courseDir: string, assignment: string, notebooks: string[] }}
 */
export function createCourseDir({ courseDir, sourceDir = join(repoRoot, "notebooks"), assignment = "neural-mi", courseId = "neural-mi" }) {
  const root = prepareCourseRoot(courseDir, courseId);
  const notebooks = readdirSync(sourceDir).filter((name) => name.endsWith(".ipynb")).sort();
  if (notebooks.length === 0) throw new Error(`no notebooks in ${sourceDir}`);
  addAssignment(root, assignment, notebooks, sourceDir);
  return { courseDir: root, assignment, notebooks };
}

/**
 * The course directory's nbgrader_config.py (ending with `extraConfig`'s lines) and its copy of the packages (made
 * afresh); returns its absolute path.
 */
export function prepareCourseRoot(/** @type {string} */ courseDir, courseId = "neural-mi", /** @type {string[]} */ extraConfig = []) {
  const root = resolve(courseDir);
  const config = [
    "# nbgrader settings for this course directory; the course-wide ones live in the repository.",
    "c = get_config()  # noqa: F821",
    `load_subconfig(${JSON.stringify(join(autograderDir, "nbgrader_config.py"))})  # noqa: F821`,
    `c.CourseDirectory.root = ${JSON.stringify(root)}`,
    `c.CourseDirectory.course_id = ${JSON.stringify(courseId)}`,
    ...extraConfig,
    "",
  ].join("\n");
  writeFileAtomic(join(root, "nbgrader_config.py"), config);
  const modules = join(root, "node_modules");
  // a link left by an earlier version, or a copy of packages since updated
  rmSync(modules, { recursive: true, force: true });
  mirrorTree(join(repoRoot, "node_modules"), modules);
  return root;
}

/**
 * Copies notebooks of `sourceDir` into source/<assignment>/, with the images they show
 * (`images/<file>` beside them), which generate_assignment releases with them.
 * @param {string} root @param {string} assignment @param {string[]} notebooks @param {string} sourceDir
 */
export function addAssignment(root, assignment, notebooks, sourceDir) {
  const target = join(root, "source", assignment);
  mkdirSync(target, { recursive: true });
  for (const name of notebooks) {
    copyFileSync(join(sourceDir, name), join(target, name));
    const shown = new Set(readFileSync(join(sourceDir, name), "utf8").match(/images\/[A-Za-z0-9._-]+\.(?:svg|png|jpe?g|gif)/g) ?? []);
    for (const image of shown) {
      if (!existsSync(join(sourceDir, image))) continue;
      mkdirSync(dirname(join(target, image)), { recursive: true });
      copyFileSync(join(sourceDir, image), join(target, image));
    }
  }
}
