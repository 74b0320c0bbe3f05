// nbgrader's Validate on the course hub runs a chapter's tests as the hub's instructor released
// them (autograder/src/nbgrader/released-chapter.mjs): the chapter in nbgrader's exchange
// (outbound/<assignment>/), which every student can read. It read the checkout's notebooks/, which
// a hub that keeps its users apart makes its owner's alone: a student's Validate found no chapter,
// ran what her copy held, and said "Success!" of a copy whose test cell she had deleted, which
// grading puts back and fails. Here the hub's release holds a test the checkout's chapter lacks, so
// that reading the checkout (or nothing) is seen, root or not.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { COURSE_ID } from "../../scripts/hub/layout.mjs";
import { userEnvironment } from "../../scripts/hub/settings.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { writeStudentNotebooks } from "../../scripts/lib/student-release.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-validate-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const CHAPTER = "01-problem-formulation";
const released = path.join(dir, "released");
writeStudentNotebooks({ sourceDir: fromRoot("notebooks"), outDir: released });
const studentCopy = JSON.parse(fs.readFileSync(path.join(released, `${CHAPTER}.ipynb`), "utf8"));

// the instructor's release on the hub: the chapter with one more test, which the checkout's lacks
const HUB_TEST = "hub-release-check";
const hubChapter = structuredClone(studentCopy);
hubChapter.cells.push({
  cell_type: "code",
  execution_count: null,
  metadata: { nbgrader: { grade: true, solution: false, locked: true, grade_id: HUB_TEST, points: 1, schema_version: 3 } },
  outputs: [],
  source: 'throw new Error("a test of the hub\'s own release");\n',
});
const exchange = path.join(dir, "exchange");
const outbound = path.join(exchange, COURSE_ID, "outbound", CHAPTER);
fs.mkdirSync(outbound, { recursive: true });
fs.writeFileSync(path.join(outbound, `${CHAPTER}.ipynb`), JSON.stringify(hubChapter));

const home = path.join(dir, "home", "ana");
const layout = { home: () => home, exchangeDir: exchange };
const studentEnv = { ...jupyterEnv(), ...userEnvironment({ name: "ana", role: "student" }, layout), HOME: home, JUPYTERHUB_USER: "ana" };

/** What released-chapter.mjs gives for `file` in `env`: the chapter's grade ids, or null. */
function releasedIds(file, env) {
  const run = spawnSync(process.execPath, [fromRoot("autograder", "src", "nbgrader", "released-chapter.mjs"), file], { env, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const chapter = JSON.parse(run.stdout);
  return chapter && chapter.cells.map((cell) => cell.metadata?.nbgrader?.grade_id).filter(Boolean);
}

test("on the hub, the chapter a student's Validate runs is the instructor's release in the exchange", () => {
  const copy = path.join(home, CHAPTER, `${CHAPTER}.ipynb`);
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.writeFileSync(copy, JSON.stringify(studentCopy));
  assert.ok(releasedIds(copy, studentEnv).includes(HUB_TEST), "the hub's release, not the checkout's chapter");
  // fetched elsewhere in her home, the notebook still names its chapter
  const moved = path.join(home, "elsewhere", `${CHAPTER}.ipynb`);
  fs.mkdirSync(path.dirname(moved), { recursive: true });
  fs.copyFileSync(copy, moved);
  assert.ok(releasedIds(moved, studentEnv).includes(HUB_TEST));
  // a chapter not released yet: the checkout's, as off the hub
  const second = fs.readdirSync(released).filter((name) => name.endsWith(".ipynb")).sort()[1];
  assert.ok(releasedIds(path.join(home, second), studentEnv).length > 0);
  // the instructor's own source keeps its tests, hidden ones included
  const courseDir = path.join(dir, "home", "prof", "course");
  const instructorEnv = { ...studentEnv, NEURAL_MI_HUB_COURSE_DIR: courseDir };
  assert.equal(releasedIds(path.join(courseDir, "source", CHAPTER, `${CHAPTER}.ipynb`), instructorEnv), null);
  assert.ok(releasedIds(path.join(courseDir, "submitted", "ana", CHAPTER, `${CHAPTER}.ipynb`), instructorEnv).includes(HUB_TEST));
});

test("the Validate button of a student's server fails a test of the hub's release that her copy lacks", () => {
  const copy = path.join(home, CHAPTER, `${CHAPTER}.ipynb`);
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.writeFileSync(copy, JSON.stringify(studentCopy));
  // as the button's server extension builds its Validator (nbgrader's validate_assignment handler)
  const script = `
import json, os, sys
from jupyter_core.paths import jupyter_config_path
from nbgrader.apps import NbGrader
from nbgrader.validator import Validator
paths = jupyter_config_path(); paths.insert(0, os.getcwd())
app = NbGrader(); app.config_file_paths.append(paths); app.load_config_file()
print(json.dumps(Validator(config=app.config).validate(sys.argv[1])))`;
  const run = spawnSync(venvPython, ["-c", script, copy], { cwd: home, env: studentEnv, encoding: "utf8", timeout: 300_000 });
  assert.equal(run.status, 0, run.stderr);
  const verdict = JSON.parse(run.stdout.trim().split("\n").at(-1));
  const failed = (verdict.failed ?? []).map((cell) => cell.error).join("\n");
  assert.match(failed, new RegExp(`MissingTest: the test cell ${HUB_TEST} is not in your copy`), JSON.stringify(verdict).slice(0, 2000));
});
