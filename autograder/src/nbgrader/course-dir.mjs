// @ts-check
// An nbgrader course directory for the course notebooks: nbgrader's layout
// (source/<assignment>/), a config that loads autograder/nbgrader_config.py,
// and node_modules reachable from every folder nbgrader runs notebooks in, so
// `import ... from "neural-mi"` resolves in release/, submitted/ and autograded/.
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { autograderDir, repoRoot } from "../util/paths.mjs";

/**
 * @param {{ courseDir: string, sourceDir?: string, assignment?: string, courseId?: string }} options
 * @returns {{ courseDir: string, assignment: string, notebooks: string[] }}
 */
export function createCourseDir({ courseDir, sourceDir = join(repoRoot, "notebooks"), assignment = "neural-mi", courseId = "neural-mi" }) {
  const root = resolve(courseDir);
  const target = join(root, "source", assignment);
  mkdirSync(target, { recursive: true });
  const notebooks = readdirSync(sourceDir).filter((name) => name.endsWith(".ipynb")).sort();
  if (notebooks.length === 0) throw new Error(`no notebooks in ${sourceDir}`);
  for (const name of notebooks) copyFileSync(join(sourceDir, name), join(target, name));
  const config = [
    "# nbgrader settings for this course directory; the course-wide ones live in the repository.",
    "c = get_config()  # noqa: F821",
    `load_subconfig(${JSON.stringify(join(autograderDir, "nbgrader_config.py"))})  # noqa: F821`,
    `c.CourseDirectory.root = ${JSON.stringify(root)}`,
    `c.CourseDirectory.course_id = ${JSON.stringify(courseId)}`,
    "",
  ].join("\n");
  writeFileAtomic(join(root, "nbgrader_config.py"), config);
  const modules = join(root, "node_modules");
  if (!existsSync(modules)) symlinkSync(join(repoRoot, "node_modules"), modules, "dir");
  return { courseDir: root, assignment, notebooks };
}
