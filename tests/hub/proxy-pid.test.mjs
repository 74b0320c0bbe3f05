// The proxy's pid file left by a hub killed without its Ctrl-C (the OOM killer, kill -9, a power
// cut): JupyterHub's next start stopped whatever process had that id (SIGTERM twice, then SIGKILL),
// checking only that one existed. After the machine's restart, or days later, the id was another
// process's, and the hub, run as root, killed it. Now only a process running this hub's proxy
// command is stopped (hub/course_proxy.py); any other is left running, and the file is removed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot, venvBin } from "../../scripts/lib/paths.mjs";
import { alive, untilKilled } from "../helpers/processes.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-proxy-pid-"));
const processes = untilKilled();
after(() => {
  processes.killAll();
  fs.rmSync(root, { recursive: true, force: true });
});

const proxyCommand = fromRoot("node_modules", ".bin", "configurable-http-proxy");

/** What the hub's proxy does at its start with the pid file naming `pid`: its check of a previous proxy. */
function checkPreviousProxy(pid) {
  const pidFile = path.join(root, `proxy-${pid}.pid`);
  fs.writeFileSync(pidFile, `${pid}\n`);
  const script = [
    "import logging, sys",
    "logging.basicConfig(level=logging.WARNING)",
    `sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})`,
    "from course_proxy import CourseProxy",
    `proxy = CourseProxy(pid_file=${JSON.stringify(pidFile)}, command=[${JSON.stringify(proxyCommand)}], auth_token="t",`,
    '                    public_url="http://127.0.0.1:1", api_url="http://127.0.0.1:2")',
    'proxy.log = logging.getLogger("proxy")',
    "proxy._check_previous_process()",
  ].join("\n");
  const run = spawnSync(venvBin("python"), ["-c", script], { encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return { pidFile, log: run.stderr };
}

/** Waits for `child` to end, however it ends. */
const ended = (child) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve)));

test("a pid file naming another program's process leaves that process running", async () => {
  const other = processes.start("sleep", ["600"]);
  const { pidFile, log } = checkPreviousProxy(other.pid);
  assert.ok(alive(other.pid), `the process that had the old proxy's id was killed:\n${log}`);
  assert.equal(other.exitCode, null);
  assert.match(log, new RegExp(`process ${other.pid}, named by the proxy's pid file .*, is not this hub's proxy .*: left running`));
  assert.equal(fs.existsSync(pidFile), false, "the stale pid file is removed");
});

test("the proxy a killed hub left running is still stopped", async () => {
  // a node process whose command line names the proxy's command, as `node <.bin/configurable-http-proxy> ...` does
  const orphan = processes.start(process.execPath, ["-e", "setInterval(() => {}, 1 << 30)", proxyCommand, "--api-port", "1"]);
  const { pidFile, log } = checkPreviousProxy(orphan.pid);
  await ended(orphan);
  assert.equal(orphan.signalCode, "SIGTERM", log);
  assert.equal(fs.existsSync(pidFile), false);
});
