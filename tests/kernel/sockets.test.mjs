// The kernel's sockets (lib/kernel/kernel-sockets.cjs): on Unix sockets when the client asks
// for them (the grader and the course's nbgrader configuration do, so that no other process
// can take a kernel's address before it binds), and a kernel that cannot bind ends at once,
// saying why, instead of running on deaf until its client gives up.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { repoRoot, venvPython } from "../../scripts/lib/paths.mjs";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "kernel_sockets.py");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-sockets-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function run(...args) {
  const result = spawnSync(venvPython, [script, ...args], { cwd: repoRoot, env: jupyterEnv(), encoding: "utf8", timeout: 240_000 });
  assert.equal(result.status, 0, `kernel_sockets.py ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

test("asked for Unix sockets, the kernel listens on <ip>-<port> and answers there; they are gone after it stops", () => {
  const result = run("unix", scratch);
  assert.equal(result.transport, "ipc");
  assert.equal(result.status, "ok");
  assert.equal(result.listening.length, 5, `the five channels: ${result.listening}`);
  for (const file of result.listening) assert.match(file, new RegExp(`^${scratch}/k-\\d+$`));
  assert.deepEqual(result.left, []);
});

test("nbgrader's kernels (autograder/nbgrader_config.py) listen on Unix sockets in a folder of their own, removed with the kernel, and abandoned ones are cleared", () => {
  const config = fs.readFileSync(path.join(repoRoot, "autograder", "nbgrader_config.py"), "utf8");
  assert.match(config, /^c\.Execute\.kernel_manager_class = ConfinedKernelManager$/m);
  const result = run("nbgrader");
  assert.equal(result.status, "ok");
  assert.equal(result.listening.length, 5);
  for (const file of result.listening) assert.ok(file.startsWith(result.folder + path.sep), file);
  assert.equal(result.folder_left, false);
  // a killed manager's folder, empty for an hour, is removed; a starting or running kernel's is not;
  // one named for a process that has ended goes at once with its dead kernel's sockets (they had
  // gathered in /tmp, a full npm test left about seven), unless it holds anything else
  assert.deepEqual(result.earlier_folders_kept, { abandoned: false, starting: true, running: true, killed: false, not_sockets: true, alive: true });
  assert.match(path.basename(result.folder), new RegExp(`^neural-mi-kernel-\\d+-`), "named for the process that made it");
});

test("the runner's command-line jobs (scripts/run_notebook.py, the notebook tests) start kernels on Unix sockets in a private folder, removed with the kernel", () => {
  const result = run("cli");
  assert.equal(result.transport, "ipc");
  assert.equal(result.status, "ok");
  assert.equal(result.listening.length, 5);
  for (const file of result.listening) assert.ok(file.startsWith(result.folder + path.sep), file);
  assert.equal(result.folder_left, false);
});

test("a kernel whose TCP port another process took ends within seconds, naming the port and the cause", () => {
  const result = run("taken");
  assert.equal(result.code, 69, `exit code ${result.code} after ${result.seconds.toFixed(0)} s:\n${result.stderr}`);
  assert.match(result.stderr, new RegExp(`could not open its sockets \\(EADDRINUSE tcp://127\\.0\\.0\\.1:${result.port}\\b`));
  assert.match(result.stderr, /another process took one of the ports its client chose; start the kernel again/);
  // it ends once TypeScript has loaded and it tries to bind, not after a client's time-out
  assert.ok(result.seconds < 60, `${result.seconds} s`);
});

test("a kernel asked to shut down by a peer other than its client ends, with the cells' timers: it does not live on without its sockets", () => {
  // Under nbgrader (one client) the kernel takes only a shutdown_request from another peer, the kernel
  // manager's. tslab then closed its sockets and nothing more: a cell's code ran on in the process,
  // and the addresses were free for it to bind, as a kernel of its own.
  const result = run("peer-shutdown");
  assert.equal(result.status, "ok");
  assert.equal(result.alive, false, `the kernel still runs ${result.seconds.toFixed(1)} s after the peer's shutdown_request`);
});

test("a heartbeat answered after the kernel closed its sockets is dropped, not an unhandled EBADF; other sockets' failures stay", async () => {
  const require = createRequire(import.meta.url);
  const zmq = require(path.join(repoRoot, "node_modules", "zeromq"));
  const { openSocketsAsAsked } = require(path.join(repoRoot, "lib", "kernel", "kernel-sockets.cjs"));
  class Server {
    connInfo = { transport: "ipc", ip: path.join(scratch, "unit"), hb_port: 5, shell_port: 1 };
    hb = new zmq.Reply();
    shell = new zmq.Router();
    async bindSocket() {}
    async init() {}
  }
  openSocketsAsAsked(Server);
  const server = new Server();
  await server.bindSocket(server.hb, 5);
  await server.bindSocket(server.shell, 1);
  assert.ok(fs.existsSync(`${server.connInfo.ip}-5`), "bound at <ip>-<port>");
  server.hb.close();
  server.shell.close();
  assert.equal(server.hb.closed, true);
  assert.equal(await server.hb.send("ping"), undefined);
  await assert.rejects(async () => server.shell.send(["id", "reply"]), { code: "EBADF" });
});

test("an output sent while IOPub still binds waits for the bind and goes, without spinning (a kernel spun at full CPU and never answered)", () => {
  // A request can reach the shell socket, bound first, while IOPub's bind is still under way; the
  // status "busy" it publishes was refused (EBUSY: "blocked by a bind"), and the queue retried in
  // microtasks forever, so the event loop, where zeromq finishes the bind, never turned. In a
  // process of its own: a spinning event loop cannot be timed out from inside.
  const child = `
    const path = require("path");
    const zmq = require(${JSON.stringify(path.join(repoRoot, "node_modules", "zeromq"))});
    const { openSocketsAsAsked } = require(${JSON.stringify(path.join(repoRoot, "lib", "kernel", "kernel-sockets.cjs"))});
    class Server {
      connInfo = { transport: "ipc", ip: ${JSON.stringify(path.join(scratch, "binding"))}, key: "key", iopub_port: 1 };
      iopub = new zmq.Publisher();
      async bindSocket() {}
      async init() {}
    }
    openSocketsAsAsked(Server);
    const server = new Server();
    const socket = server.iopub;
    const bound = server.bindSocket(socket, 1); // zeromq binds on its thread pool; the socket refuses sends meanwhile
    const frames = (text) => [Buffer.from("<IDS|MSG>"), "signature", JSON.stringify({ msg_type: "status" }), "{}", "{}", JSON.stringify({ text })];
    const sent = [server.iopub.send(frames("busy")), server.iopub.send(frames("idle"))];
    Promise.all([bound, ...sent]).then(() => {
      process.stdout.write("bound and sent");
      socket.close();
    });
  `;
  const began = Date.now();
  const result = spawnSync(process.execPath, ["-e", child], { encoding: "utf8", timeout: 8000 });
  assert.equal(result.signal, null, `the process spun until it was killed after ${Date.now() - began} ms`);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, "bound and sent");
});
