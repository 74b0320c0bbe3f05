// The instructor's formgrader once a write of its gradebook has failed (src/nbgrader/gradebook_recovers.py):
// the disk holding the course (shared with the class, whom nothing keeps from filling it) was full for a
// moment, and nbgrader's one database session for the server's life stayed waiting for a rollback, so every
// later score entered failed too, with room on the disk again, until the instructor's server restarted; and
// the page showed no error for the score it could not save, only a spinning arrow (src/nbgrader/formgrader_not_saved.py).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { venvPython } from "../../scripts/lib/paths.mjs";
import { instructorServerEnv, startJupyterServer } from "./helpers.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-formgrader-full-"));
// (a process of the killed server may still write its npm log in the home for a moment)
after(() => fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

// alice's submission of a1 with a question graded by hand, as nbgrader autograde leaves it: the grade's id
const MAKE_GRADEBOOK = `
import sys
from nbgrader.api import Gradebook
with Gradebook("sqlite:///" + sys.argv[1] + "/gradebook.db", course_id="neural-mi") as gb:
    gb.add_assignment("a1")
    gb.add_notebook("nb", "a1")
    gb.add_grade_cell("why", "nb", "a1", max_score=5, cell_type="markdown")
    gb.add_student("alice")
    gb.add_submission("a1", "alice")
    print(gb.find_grade("why", "nb", "a1", "alice").id)
`;

test("a score entered while the disk is full is refused, and those entered once there is room again are saved", { skip: process.getuid() !== 0 && "only root mounts the small file system that fills up", timeout: 180_000 }, async () => {
  const home = path.join(scratch, "instructor");
  const course = path.join(home, "course");
  fs.mkdirSync(course, { recursive: true });
  fs.mkdirSync(path.join(scratch, "exchange"));
  const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", course], { encoding: "utf8" });
  assert.equal(mount.status, 0, mount.stderr);
  let server;
  try {
    const env = instructorServerEnv(scratch, home, course);
    const made = spawnSync(venvPython, ["-c", MAKE_GRADEBOOK, course], { env, encoding: "utf8" });
    assert.equal(made.status, 0, made.stderr);
    const grade = made.stdout.trim();
    const token = "formgrader-full-disk-test";
    server = await startJupyterServer({ home, env, token });
    const { base } = server;
    const enter = (score) =>
      fetch(`${base}/formgrader/api/grade/${grade}`, { method: "PUT", headers: { authorization: `token ${token}`, "content-type": "application/json" }, body: JSON.stringify({ manual_score: score, extra_credit: 0 }) });
    assert.equal((await enter(1)).status, 200, server.log);
    // a classmate fills the disk
    const filler = path.join(course, "filler");
    try {
      fs.writeFileSync(filler, Buffer.alloc(2 * 2 ** 20, 1));
    } catch (error) {
      assert.equal(error.code, "ENOSPC");
    }
    const refused = await enter(2);
    assert.equal(refused.status, 507, "not saved on a full disk");
    // said to the page, which shows the message of a change the API refused (every formgrader page loads backbone_xsrf.js)
    assert.match((await refused.json()).message, /^Not saved: the disk holding the gradebook \(sqlite:\/\/\/.*gradebook\.db\) is full\. Make room on it .*then enter this again$/);
    const script = await fetch(`${base}/formgrader/static/js/backbone_xsrf.js`).then((r) => r.text());
    assert.match(script, /Backbone\.sync = function/, "the formgrader's own script");
    assert.match(script, /\$\(document\)\.ajaxError\(function \(event, xhr, settings\) \{[\s\S]*xhr\.responseJSON\.message/, "and the page shows a refusal's message");
    fs.rmSync(filler);
    const again = await enter(3);
    assert.equal(again.status, 200, `saved once there is room again:\n${server.log.slice(-3000)}`);
    assert.match(server.log, /The gradebook's last write failed .*Enter again the scores and comments that the formgrader did not mark saved/);
    const shown = await fetch(`${base}/formgrader/api/grade/${grade}`, { headers: { authorization: `token ${token}` } }).then((r) => r.json());
    assert.equal(shown.manual_score, 3);
  } finally {
    if (server) await server.stop();
    spawnSync("umount", [course]);
  }
});
