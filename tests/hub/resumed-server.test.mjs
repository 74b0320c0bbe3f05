// A hub killed with its users' servers running (kill -9, the OOM killer, the machine's restart):
// JupyterHub's database keeps each server's process id, and at the next start a server whose id
// named a live process counted as still running. After a restart that process was another
// program's: the hub routed the user to the server's old port, where any account could listen, and
// stopping the server (the culler, the admin page, the hub's Ctrl-C) signalled that program, as
// root, SIGKILL last. Now a resumed server counts as running only while its id names the process
// the hub started (its start time and the boot's id, hub/server_process.py).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import { fromRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { alive, untilKilled } from "../helpers/processes.mjs";

const processes = untilKilled();
after(() => processes.killAll());

// CourseSpawner as the hub has it at its start, from each server's state in its database
const SCRIPT = `
import asyncio, json, logging, sys, types
logging.basicConfig(level=logging.WARNING)
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
from course_hub import CourseSpawner
from server_process import process_identity
log = logging.getLogger("spawner")

user = types.SimpleNamespace(name="alice", url="/user/alice/", id=1, server=None, orm_user=None)
server, other, renamed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

async def main():
    seen = {}
    # the server the hub started, still running
    spawner = CourseSpawner(log=log, user=user, term_timeout=1, kill_timeout=1)
    spawner.load_state({"pid": server, "started": process_identity(server)})
    seen["server"] = await spawner.poll()
    # the state the hub keeps names who the process is
    fresh = CourseSpawner(log=log, user=user)
    fresh.load_state({"pid": server})
    seen["recorded"] = fresh.get_state().get("started") == process_identity(server)
    # a server whose process named itself with bytes of no encoding and parentheses (prctl), as a
    # student's code in it may: still known by its start
    spawner = CourseSpawner(log=log, user=user, term_timeout=1, kill_timeout=1)
    spawner.load_state({"pid": renamed, "started": process_identity(renamed)})
    seen["renamed"] = await spawner.poll()
    # the machine restarted: the id names another program's process
    spawner = CourseSpawner(log=log, user=user, term_timeout=1, kill_timeout=1)
    spawner.load_state({"pid": other, "started": "another-boot:12345"})
    seen["reused"] = await spawner.poll()
    seen["state after"] = spawner.get_state()
    spawner.load_state({"pid": other, "started": "another-boot:12345"})
    await spawner.stop()
    # a state kept before the hub recorded who the process was: a process of another account is not the server
    legacy = CourseSpawner(log=log, user=user, system_users={"alice": "nobody"}, term_timeout=1, kill_timeout=1)
    legacy.load_state({"pid": other})
    seen["legacy"] = await legacy.poll()
    await legacy.stop()
    print(json.dumps(seen))

asyncio.run(main())
`;

test("a server resumed from the hub's database counts as running only while its process id names the process the hub started", async () => {
  const server = processes.start("sleep", ["600"]);
  const other = processes.start("sleep", ["600"]);
  const renamed = processes.start(venvPython, ["-c", "import ctypes, sys, time; ctypes.CDLL(None).prctl(15, b'\\xff) (\\xfe', 0, 0, 0); time.sleep(600)"]);
  const named = () => readFileSync(`/proc/${renamed.pid}/stat`).includes(Buffer.from([0xff, 0x29]));
  for (const until = Date.now() + 30_000; !named() && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 50));
  const run = spawnSync(venvPython, ["-c", SCRIPT, String(server.pid), String(other.pid), String(renamed.pid)], { encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const seen = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.equal(seen.server, null, "the server still running is taken for running");
  assert.equal(seen.recorded, true, "the hub's state names the process by its start");
  assert.equal(seen.renamed, null, "a server that renamed its process is still taken for running");
  assert.equal(seen.reused, 0, "a process that took the id since is not the server");
  assert.deepEqual(seen["state after"], {}, "nor is its id kept");
  assert.match(run.stderr, /alice's server, process \d+ before the hub stopped, is gone \(the id is another process's now\): taken as stopped/);
  assert.equal(seen.legacy, 0);
  assert.ok(alive(other.pid), "stopping the user's server left the other program's process running");
  assert.equal(other.exitCode, null);
  assert.ok(alive(server.pid));
});
