// The instructor's JupyterLab on the course hub runs a notebook opened from the course's folders of
// students' work (submitted/, autograded/, feedback/) confined, as nbgrader runs a submission
// (autograder/src/nbgrader/server_kernel_sockets.py, InstructorServerKernelManager): "Run All" on a
// student's submission ran her code as the instructor, who can read the course's source (its
// hidden tests) and write the gradebook. The instructor's own notebooks run as before.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { prepareCourseRoot } from "../../autograder/src/nbgrader/course-dir.mjs";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";
import { venvPython } from "../../scripts/lib/paths.mjs";
import { startRoleServer } from "../helpers/role-server.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-instructor-kernels-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs `code` on a kernel through the server's websocket, as JupyterLab's page does; returns what it printed,
 * with a line `DISPLAY <its data as JSON>` for each display the page received. */
function runCell(origin, token, kernelId, code) {
  const page = `
import asyncio, json, sys, uuid
from tornado.websocket import websocket_connect
async def main():
    ws = await websocket_connect(sys.argv[1])
    header = {"msg_id": uuid.uuid4().hex, "username": "u", "session": uuid.uuid4().hex, "msg_type": "execute_request", "version": "5.3", "date": ""}
    content = {"code": sys.argv[2], "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False}
    await ws.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "channel": "shell", "content": content}))
    printed = []
    while True:
        message = json.loads(await asyncio.wait_for(ws.read_message(), 180))
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])
        if message["msg_type"] == "error":
            printed.append(message["content"]["evalue"])
        if message["msg_type"] in ("display_data", "update_display_data"):
            printed.append("DISPLAY " + json.dumps(message["content"]["data"]) + "\\n")
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle" and message["parent_header"].get("msg_id") == header["msg_id"]:
            print("".join(printed)); return
asyncio.run(main())`;
  const run = spawnSync(venvPython, ["-c", page, `${origin.replace(/^http/, "ws")}/api/kernels/${kernelId}/channels?token=${token}`, code], { encoding: "utf8", timeout: 240_000 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test("a submission opened in the instructor's JupyterLab runs confined; the course's own notebooks do not", { timeout: 600_000 }, async () => {
  const course = prepareCourseRoot(path.join(scratch, "course"));
  const secret = path.join(course, "source", "a", "hidden-tests.txt");
  fs.mkdirSync(path.dirname(secret), { recursive: true });
  fs.writeFileSync(secret, "THE HIDDEN TESTS");
  for (const folder of ["source/a", "submitted/ana/a", "autograded/ana/a", "feedback/ana/a"]) {
    fs.mkdirSync(path.join(course, folder), { recursive: true });
    fs.writeFileSync(path.join(course, folder, "a.ipynb"), JSON.stringify(makeNotebook(["1"])));
  }
  const server = await startRoleServer({
    role: "instructor",
    root: course,
    runtimeDir: fs.mkdtempSync(path.join(scratch, "runtime-")),
    env: { NEURAL_MI_HUB_COURSE_DIR: course },
  });
  const { origin, token, api } = server;
  try {
    const attempt = `import * as fs from "fs";
let seen: string;
try { seen = fs.readFileSync(${JSON.stringify(secret)}, "utf8"); } catch (e) { seen = String((e as any).code); }
let wrote: string;
try { fs.writeFileSync(${JSON.stringify(path.join(course, "gradebook.db"))}, "rewritten"); wrote = "wrote"; } catch (e) { wrote = String((e as any).code); }
console.log("read: " + seen + "; gradebook: " + wrote);`;
    const opened = async (notebook) => {
      const response = await api("/api/sessions", { method: "POST", body: JSON.stringify({ path: notebook, type: "notebook", name: "a.ipynb", kernel: { name: "tslab" } }) });
      const body = await response.text();
      assert.equal(response.status, 201, body);
      return JSON.parse(body).kernel.id;
    };
    for (const folder of ["submitted/ana/a", "autograded/ana/a", "feedback/ana/a"]) {
      const printed = runCell(origin, token, await opened(`${folder}/a.ipynb`), attempt);
      assert.match(printed, /read: ERR_ACCESS_DENIED; gradebook: ERR_ACCESS_DENIED/, `${folder}: ${printed}\n${server.log.slice(-2000)}`);
    }
    assert.equal(fs.existsSync(path.join(course, "gradebook.db")), false);
    // what a submission displays reaches the instructor's page inert: JupyterLab trusts the outputs of a
    // cell it runs, so a script there ran in the instructor's session, beside the server's whole API
    const shows = `import * as tslab from "tslab";
tslab.display.html('<img src=x onerror="alert(1)"><b>plain</b>');
tslab.display.javascript("alert(2)");
tslab.display.bundle({ "text/markdown": "<img src=x onerror=alert(3)>", "text/plain": "the text" }, { "image/png": { width: "1 onerror=alert(4)" } });`;
    const submitted = runCell(origin, token, await opened("submitted/ana/a/a.ipynb"), shows);
    const displays = submitted.split("\n").filter((line) => line.startsWith("DISPLAY ")).map((line) => JSON.parse(line.slice(8)));
    assert.deepEqual(displays, [
      { "text/html": '&lt;img src=x onerror="alert(1)"&gt;<b>plain</b>' },
      { "text/plain": "(an output of a kind that would run code in the grader's browser was left out)" },
      { "text/plain": "the text" },
    ], submitted);
    // the instructor's own notebook, in source/, reads the course as before
    const own = runCell(origin, token, await opened("source/a/a.ipynb"), attempt);
    assert.match(own, /read: THE HIDDEN TESTS; gradebook: wrote/, own);
    assert.match(runCell(origin, token, await opened("source/a/a.ipynb"), shows), /DISPLAY \{"text\/html": "<img src=x onerror=\\"alert\(1\)\\"><b>plain<\/b>"\}/);
    // a submission saved for another kernel is refused its kernel (it would not run confined), and the
    // server still stops: the refused start had stayed among the kernels starting, and stopping the
    // server shut it down, which jupyter_server refused ("Kernel does not exist"), so it never stopped
    const other = await api("/api/sessions", { method: "POST", body: JSON.stringify({ path: "submitted/ana/a/b.ipynb", type: "notebook", name: "b.ipynb", kernel: { name: "python3" } }) });
    const refusal = await other.text();
    assert.equal(other.status, 500, refusal);
    assert.match(refusal, /the notebook asks for the kernel \\"python3\\", and only the course's TypeScript kernel \(tslab\) runs a student's code confined/);
    const { killed } = await server.stop();
    assert.equal(killed, false, `the server stops on SIGTERM, its kernels with it:\n${server.log.slice(-3000)}`);
  } finally {
    await server.stop();
  }
});
