// Telling the npm start recorded in a workspace's hold from a process given its number since (after
// a restart): by its command line, read from /proc, or, where there is none (macOS), from `ps`. Without
// /proc, any running process was taken for the start, and a hold left by a restart refused every later start.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { commandLine } from "../../scripts/lib/process-command.mjs";
import { running } from "../../scripts/lib/workspace-servers.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-process-command-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("where there is no /proc, ps tells a process of another command from the start recorded", async () => {
  const script = path.join(root, "another-program.mjs");
  fs.writeFileSync(script, "setInterval(() => {}, 60_000);\n");
  const other = spawn(process.execPath, [script], { stdio: "ignore" });
  try {
    const noProc = path.join(root, "no-proc"); // as on macOS
    assert.match(commandLine(other.pid, noProc) ?? "", /another-program\.mjs/);
    assert.equal(running(other.pid, "lab.mjs", noProc), false, "another program given the recorded number");
    assert.equal(running(other.pid, "another-program.mjs", noProc), true);
    assert.equal(running(other.pid, "lab.mjs"), false, "and with /proc");
  } finally {
    other.kill();
    await new Promise((resolve) => other.once("exit", resolve));
  }
  assert.equal(commandLine(other.pid, path.join(root, "no-proc")), undefined, "ended");
});
