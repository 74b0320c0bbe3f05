// A process names itself as it likes: a kernel through process.title (node sets the thread's
// name with prctl, cut to 15 bytes, mid-character too), any program with prctl(PR_SET_NAME). That
// name is the first line of /proc/<pid>/status and the second field of /proc/<pid>/stat, and readers
// of them that decoded text failed on a name not ASCII (or not UTF-8): the graders' memory watch
// read no memory for such a kernel (its limit unwatched), and the hub's search for an account's
// processes failed for every student, whoever's process bore the name.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import { fromRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { untilKilled } from "../helpers/processes.mjs";

const processes = untilKilled();
after(() => processes.killAll());

// each reader of /proc given the process `pid`, in one Python process
const READERS = `
import json, os, sys
for folder in (("autograder", "src", "execute"), ("autograder", "src", "nbgrader"), ("hub",)):
    sys.path.insert(0, os.path.join(${JSON.stringify(fromRoot())}, *folder))
from run_notebook import Watchdog
from confined_kernels import resident_bytes
from process_start import start_time
from account_processes import account_processes
pid = int(sys.argv[1])
print(json.dumps({
    "runner": Watchdog(pid, 1024, None, None).rss_bytes(),
    "nbgrader": resident_bytes(pid),
    "started": start_time(pid),
    "account": pid in account_processes(os.getuid()),
}))
`;

async function named(title) {
  const child = processes.start(process.execPath, ["-e", `process.title = ${JSON.stringify(title)}; setInterval(() => {}, 1000);`]);
  const bytes = Buffer.from(title).subarray(0, 15);
  const shown = () => readFileSync(`/proc/${child.pid}/status`).includes(bytes.subarray(0, 4));
  for (const until = Date.now() + 30_000; !shown() && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(shown(), `the process did not take the name ${title}`);
  return child;
}

for (const [kind, title] of [
  ["accented, cut mid-character at 15 bytes", "xéééééééé"],
  ["with parentheses and spaces, as the stat line's delimiters", "a) (b) ) c"],
]) {
  test(`a kernel named ${kind} has its memory watched by both graders, its start read, and is found among its account's processes`, async () => {
    const child = await named(title);
    const run = spawnSync(venvPython, ["-c", READERS, String(child.pid)], { encoding: "utf8", timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const seen = JSON.parse(run.stdout);
    assert.ok(seen.runner > 1e6, `the runner's watch read ${seen.runner} bytes`);
    assert.ok(seen.nbgrader > 1e6, `nbgrader's kernel watch read ${seen.nbgrader} bytes`);
    assert.equal(seen.started, readFileSync(`/proc/${child.pid}/stat`, "latin1").split(") ").at(-1).split(" ")[19]);
    assert.equal(seen.account, true);
  });
}
