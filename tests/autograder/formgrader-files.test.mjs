// The formgrader serves each file of a student's autograded folder (for the images a notebook
// shows) from the instructor's own Jupyter server: an HTML page a student handed in beside her
// notebook was served as a page of that server, its scripts running with the instructor's session
// once the instructor opened its link (the course's source, hidden tests and gradebook through the
// server's API). The files are served in a sandbox now, as Jupyter's /files/ serves them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { venvPython } from "../../scripts/lib/paths.mjs";
import { instructorServerEnv, startJupyterServer } from "./helpers.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-formgrader-files-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

// a gradebook holding alice's submission of assignment a1, as nbgrader autograde leaves it
const MAKE_GRADEBOOK = `
import sys
from nbgrader.api import Gradebook
with Gradebook("sqlite:///" + sys.argv[1] + "/gradebook.db", course_id="neural-mi") as gb:
    gb.add_assignment("a1")
    gb.add_notebook("nb", "a1")
    gb.add_student("alice")
    gb.add_submission("a1", "alice")
    print(gb.find_submission_notebook("nb", "a1", "alice").id)
`;

test("a page a student handed in is served by the instructor's formgrader in a sandbox, away from the instructor's session; images still show", { timeout: 180_000 }, async () => {
  const home = path.join(scratch, "instructor");
  const course = path.join(home, "course");
  const folder = path.join(course, "autograded", "alice", "a1");
  fs.mkdirSync(folder, { recursive: true });
  fs.mkdirSync(path.join(scratch, "exchange"));
  const env = instructorServerEnv(scratch, home, course);
  const made = spawnSync(venvPython, ["-c", MAKE_GRADEBOOK, course], { env, encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  const submission = made.stdout.trim();
  fs.writeFileSync(path.join(folder, "figure.html"), "<html><body><script>fetch('../../../api/contents/course')</script>see my figure</body></html>\n");
  // a 1×1 PNG, as a notebook's image beside it
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  fs.writeFileSync(path.join(folder, "figure.png"), png);

  const token = "formgrader-files-test";
  const server = await startJupyterServer({ home, env, token });
  try {
    const { base } = server;
    const page = await fetch(`${base}/formgrader/submissions/${submission}/figure.html?token=${token}`);
    assert.equal(page.status, 200, server.log);
    assert.match(await page.text(), /see my figure/);
    assert.match(page.headers.get("content-security-policy") ?? "", /(^|;)\s*sandbox\b/, "the student's page ran as a page of the instructor's server");
    const image = await fetch(`${base}/formgrader/submissions/${submission}/figure.png?token=${token}`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), png);

    // nbgrader's /formgrader?path=<folder>, a plain GET (a link the instructor opens), made that folder the course and ran
    // its nbgrader_config.py in the instructor's server: a student's folder in /tmp or the exchange (formgrader_one_course.py)
    const planted = path.join(scratch, "planted");
    fs.mkdirSync(planted);
    const ran = path.join(scratch, "planted-config-ran");
    fs.writeFileSync(path.join(planted, "nbgrader_config.py"), `open(${JSON.stringify(ran)}, "w").write("ran")\n`);
    const named = await fetch(`${base}/formgrader?path=${encodeURIComponent(planted)}&token=${token}`, { redirect: "manual" });
    assert.equal(fs.existsSync(ran), false, "the folder a link named had its nbgrader_config.py run in the instructor's server");
    assert.equal(named.status, 400, server.log.slice(-2000));
    assert.match(await named.text(), /shows its own course only/);
    const own = await fetch(`${base}/formgrader?token=${token}`, { redirect: "manual" });
    assert.equal(own.status, 302);
    assert.match(own.headers.get("location") ?? "", /\/formgrader\/manage_assignments$/);

    // the rest of what a link can make the instructor's server do (README, "Tried as a student"): nbgrader's course
    // list stays off, since it sends the server's token to the host the request's Host header names...
    const courses = await fetch(`${base}/formgraders?token=${token}`, { redirect: "manual" });
    assert.equal(courses.status, 404);
    // ...and a student's notebook exported as HTML by nbconvert is a page of an origin of its own, as /files/ serves one
    fs.writeFileSync(path.join(folder, "nb.ipynb"), JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const exported = await fetch(`${base}/nbconvert/html/course/autograded/alice/a1/nb.ipynb?token=${token}`);
    assert.equal(exported.status, 200, server.log.slice(-2000));
    assert.match(exported.headers.get("content-security-policy") ?? "", /sandbox allow-scripts(;|$)/);
  } finally {
    await server.stop();
  }
});
