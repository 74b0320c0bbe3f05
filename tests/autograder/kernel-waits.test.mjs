// A kernel's start and end are noticed at once. Its end: jupyter_client looked every 0.1 s whether a
// stopped kernel had ended, so a kernel that ended milliseconds after its SIGKILL still held its notebook (graded, validated, or run by
// nbgrader) 0.1 s longer. The managers the runner and nbgrader use are asked here how long they
// sleep while waiting for a process that ends after its second look, and for one that does not end.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pythonJson, repoRoot } from "./helpers.mjs";

const LOOKS = `
import asyncio, json, os, sys
root = json.load(sys.stdin)
sys.path.insert(0, os.path.join(root, "autograder", "src", "execute"))
sys.path.insert(0, os.path.join(root, "autograder", "src", "nbgrader"))
import nbformat
from run_notebook import GradingClient, cli_job
from confined_kernels import ConfinedKernelManager

def sleeps(manager, alive_looks):
    asked = []
    looks = [0]
    async def is_alive():
        looks[0] += 1
        return looks[0] <= alive_looks
    async def sleep(seconds):
        asked.append(seconds)
    manager._async_is_alive = is_alive
    real_sleep, asyncio.sleep = asyncio.sleep, sleep
    try:
        asyncio.run(manager._async_wait())
    finally:
        asyncio.sleep = real_sleep
    return asked

job = cli_job(kernel="tslab", cwd=root, cell_timeout=10)
runner_manager = GradingClient(nbformat.v4.new_notebook(), job, kernel_name="tslab").create_kernel_manager()
nbgrader_manager = ConfinedKernelManager(kernel_name="tslab")
print(json.dumps({
    "runner": sleeps(runner_manager, 2),
    "nbgrader": sleeps(nbgrader_manager, 2),
    "runnerLong": sleeps(runner_manager, 12),
}))
`;

test("the runner's and nbgrader's kernel managers notice within milliseconds that a stopped kernel ended, and look no more often than before at one that does not", () => {
  const { runner, nbgrader, runnerLong } = pythonJson(LOOKS, repoRoot);
  for (const asked of [runner, nbgrader]) {
    assert.equal(asked.length, 2);
    assert.ok(asked.reduce((a, b) => a + b, 0) < 0.01, `slept ${asked.join(" + ")} s before seeing the kernel gone`);
  }
  assert.equal(runnerLong.length, 12);
  assert.ok(runnerLong.every((seconds) => seconds <= 0.1), `looked less often than jupyter_client's 0.1 s: ${runnerLong}`);
  assert.deepEqual(runnerLong.slice(-4), [0.1, 0.1, 0.1, 0.1]);
});

// A new kernel is ready once it has answered kernel_info and IOPub has carried a message: jupyter_client
// then read IOPub on until nothing had come for 0.2 s, before every notebook's first cell. The clients
// of the runner's and nbgrader's managers are run here against a kernel that answers at once, and
// asked how often they read IOPub after that answer.
const READY = `
import asyncio, json, os, sys
from queue import Empty
root = json.load(sys.stdin)
sys.path.insert(0, os.path.join(root, "autograder", "src", "execute"))
sys.path.insert(0, os.path.join(root, "autograder", "src", "nbgrader"))
import nbformat
from run_notebook import GradingClient, cli_job
from confined_kernels import ConfinedKernelManager

class Shell:
    def __init__(self):
        self.sent = []
    def send(self, msg):
        self.sent.append(msg)
    async def get_msg(self, timeout=None):
        return {"msg_type": "kernel_info_reply", "header": {"msg_type": "kernel_info_reply"}, "parent_header": {},
                "content": {"status": "ok", "protocol_version": "5.3", "language_info": {"name": "typescript"}}}

class IOPub:
    def __init__(self):
        self.reads = []
    async def get_msg(self, timeout=None):
        self.reads.append(timeout)
        if len(self.reads) == 1:
            return {"msg_type": "status", "header": {"msg_type": "status"}, "parent_header": {}, "content": {"execution_state": "busy"}}
        raise Empty

def iopub_reads(manager):
    client = manager.client()
    client._shell_channel, client._iopub_channel = Shell(), IOPub()
    asyncio.run(client.wait_for_ready(timeout=10))
    return {"requests": len(client._shell_channel.sent), "iopubReads": len(client._iopub_channel.reads)}

job = cli_job(kernel="tslab", cwd=root, cell_timeout=10)
runner_manager = GradingClient(nbformat.v4.new_notebook(), job, kernel_name="tslab").create_kernel_manager()
print(json.dumps({"runner": iopub_reads(runner_manager), "nbgrader": iopub_reads(ConfinedKernelManager(kernel_name="tslab"))}))
`;

test("the runner's and nbgrader's clients start a notebook's first cell as soon as the kernel answered, without waiting for 0.2 s of silence on IOPub", () => {
  const { runner, nbgrader } = pythonJson(READY, repoRoot);
  assert.deepEqual(runner, { requests: 1, iopubReads: 1 });
  assert.deepEqual(nbgrader, { requests: 1, iopubReads: 1 });
});
