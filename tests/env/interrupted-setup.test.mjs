// Ctrl-C during the set-up's npm install: npm goes on removing what it had unpacked for
// seconds, and a set-up that ended at once could be run again meanwhile, the two leaving
// node_modules half made (every kernel then died). The set-up waits for the program it
// runs to end before it ends itself, and says so.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-interrupted-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("an interrupted set-up step waits for its program to end, then stops with status 130 and says to run it again", async () => {
  const finished = path.join(scratch, "finished");
  const started = path.join(scratch, "started");
  // a program that, like npm, cleans up for a while after Ctrl-C
  const program = `process.on("SIGINT", () => {}); require("fs").writeFileSync(${JSON.stringify(started)}, "started"); setTimeout(() => require("fs").writeFileSync(${JSON.stringify(finished)}, "done"), 1500);`;
  const driver = `import { captureInterruptible } from ${JSON.stringify(fromRoot("scripts", "lib", "run.mjs"))};
await captureInterruptible(process.execPath, ["-e", ${JSON.stringify(program)}]);
console.log("not reached");`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", driver], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdout.on("data", (chunk) => (stdout += chunk));
  // Ctrl-C once the program runs (the set-up listens for it from before the program starts): a fixed
  // wait could end, on a loaded machine, before the set-up had even begun
  for (const begun = Date.now(); !fs.existsSync(started) && Date.now() - begun < 30_000; ) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(fs.existsSync(started), `the program never started: ${stderr}`);
  assert.equal(fs.existsSync(finished), false, "the program is still cleaning up when Ctrl-C comes");
  child.kill("SIGINT");
  const status = await new Promise((resolve) => child.on("close", (code) => resolve(code)));
  assert.equal(status, 130, stderr);
  assert.ok(fs.existsSync(finished), "the program had ended when the set-up stopped");
  assert.match(stderr, /setup: SIGINT: waiting for .* to end before stopping/);
  assert.match(stderr, /setup: stopped \(SIGINT\); run the command again to finish the set-up/);
  assert.doesNotMatch(stdout, /not reached/);
});
