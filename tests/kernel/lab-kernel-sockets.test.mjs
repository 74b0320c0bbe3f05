// The kernels of the course's JupyterLab servers listen on Unix sockets in a folder only their
// user can open (autograder/src/nbgrader/server_kernel_sockets.py), not on TCP ports of the
// machine: a kernel's IOPub socket publishes every output of every cell to whoever subscribes, and
// on TCP any account's process could (tried: another account's subscriber read a kernel's printed
// lines as its cells ran). For the student's door, the instructor's, and every user's server on the
// course hub (its role's configuration); each kernel still runs a cell.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { venvPython } from "../../scripts/lib/paths.mjs";
import { startLab } from "../helpers/lab.mjs";
import { startRoleServer } from "../helpers/role-server.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-lab-sockets-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a tslab kernel through the server's API and checks where it listens; runs a cell on it. */
async function checkKernel({ api, origin, token }, runtimeDir) {
  const started = await api("/api/kernels", { method: "POST", body: JSON.stringify({ name: "tslab" }) });
  const body = await started.text();
  assert.equal(started.status, 201, body);
  const { id } = JSON.parse(body);
  const connectionFile = path.join(runtimeDir, `kernel-${id}.json`);
  for (let i = 0; i < 600 && !fs.existsSync(connectionFile); i += 1) await sleep(100);
  const connection = JSON.parse(fs.readFileSync(connectionFile, "utf8"));
  // on TCP (jupyter_client's default), every port was open to every process of the machine
  assert.equal(connection.transport, "ipc", JSON.stringify(connection));
  const folder = fs.statSync(path.dirname(connection.ip));
  assert.equal(folder.uid, process.getuid(), "the sockets' folder is the kernel's user's");
  assert.equal(folder.mode & 0o777, 0o700, "and no one else's to open");
  // a cell run as JupyterLab's page runs it: through the server's websocket to the kernel
  const page = `
import asyncio, json, sys, uuid
from tornado.websocket import websocket_connect
async def main():
    ws = await websocket_connect(sys.argv[1])
    header = {"msg_id": uuid.uuid4().hex, "username": "u", "session": uuid.uuid4().hex, "msg_type": "execute_request", "version": "5.3", "date": ""}
    content = {"code": 'console.log("on its own sockets " + (6 * 7))', "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False}
    await ws.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "channel": "shell", "content": content}))
    while True:
        message = await asyncio.wait_for(ws.read_message(), 120)
        if isinstance(message, str) and json.loads(message)["msg_type"] == "stream":
            print(json.loads(message)["content"]["text"]); return
asyncio.run(main())`;
  const socketUrl = `${origin.replace(/^http/, "ws")}/api/kernels/${id}/channels?token=${token}`;
  const run = spawnSync(venvPython, ["-c", page, socketUrl], { encoding: "utf8", timeout: 180_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /on its own sockets 42/);
  await api(`/api/kernels/${id}`, { method: "DELETE" });
}

for (const instructor of [false, true]) {
  test(`the ${instructor ? "instructor's" : "student's"} door's kernels listen on Unix sockets in a folder of their user's alone`, { timeout: 300_000 }, async () => {
    const lab = await startLab({ instructor });
    try {
      await checkKernel(lab, jupyterEnv().JUPYTER_RUNTIME_DIR);
    } finally {
      await lab.stop();
    }
  });
}

for (const role of ["student", "instructor"]) {
  test(`a hub ${role}'s server (its role's configuration) starts its kernels on Unix sockets in a folder of their user's alone`, { timeout: 300_000 }, async () => {
    const runtimeDir = fs.mkdtempSync(path.join(scratch, "runtime-"));
    const server = await startRoleServer({ role, root: fs.mkdtempSync(path.join(scratch, "home-")), runtimeDir });
    try {
      await checkKernel(server, runtimeDir);
    } finally {
      await server.stop();
    }
  });
}
