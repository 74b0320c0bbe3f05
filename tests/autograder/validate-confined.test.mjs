// nbgrader's Validate runs a notebook's code: a student's of their own notebook runs it as
// themselves, unconfined, but an instructor's (the toolbar's button, `nbgrader validate` in the
// course directory) of a student's notebook ran the student's code as the instructor, and it
// copied the course's source into a file the student could read. Now only the student's own
// configurations (jupyter/student, hub/student) leave Validate unconfined.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { prepareCourseRoot } from "../../autograder/src/nbgrader/course-dir.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvBin } from "../../scripts/lib/paths.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-validate-confined-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A notebook on the TypeScript kernel whose one cell reads `file` and fails saying its length, or the error (Validate shows failures). */
function reader(file) {
  const source = `import * as fs from "fs";\nlet seen: string;\ntry {\n  seen = "READ " + fs.readFileSync(${JSON.stringify(file)}, "utf8").length;\n} catch (error) {\n  seen = "REFUSED " + (error as any).code;\n}\nthrow new Error(seen);`;
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" }, language_info: { name: "typescript" } },
    // a test cell: Validate shows the failures of test cells
    cells: [{ cell_type: "code", id: "reader", metadata: { nbgrader: { grade: true, solution: false, locked: false, grade_id: "reader", points: 1, schema_version: 3 } }, execution_count: null, outputs: [], source }],
  };
}

function validate(notebook, cwd, env) {
  const run = spawnSync(venvBin("nbgrader"), ["validate", notebook], { cwd, env, encoding: "utf8", timeout: 240_000 });
  return run.stdout + run.stderr;
}

test("the instructor's Validate of a student's notebook runs it confined; the student's own Validate does not", () => {
  const course = prepareCourseRoot(path.join(scratch, "course"));
  const secret = path.join(course, "source", "neural-mi", "answers.txt");
  fs.mkdirSync(path.dirname(secret), { recursive: true });
  fs.writeFileSync(secret, "the course's answers");
  const submitted = path.join(course, "submitted", "bob", "neural-mi");
  fs.mkdirSync(submitted, { recursive: true });
  fs.writeFileSync(path.join(submitted, "bob.ipynb"), JSON.stringify(reader(secret)));
  const asInstructor = validate(path.join(submitted, "bob.ipynb"), course, jupyterEnv());
  assert.match(asInstructor, /REFUSED ERR_ACCESS_DENIED/, asInstructor);
  assert.doesNotMatch(asInstructor, /READ \d+/);
  // the student's door: their own notebook, their own files, read as themselves
  const home = path.join(scratch, "home");
  fs.mkdirSync(home);
  const own = path.join(home, "notes.txt");
  fs.writeFileSync(own, "mine");
  fs.writeFileSync(path.join(home, "mine.ipynb"), JSON.stringify(reader(own)));
  const asStudent = validate(path.join(home, "mine.ipynb"), home, { ...jupyterEnv(), JUPYTER_CONFIG_PATH: fromRoot("jupyter", "student") });
  assert.match(asStudent, /READ 4/, asStudent);
});
