// One set-up at a time in a checkout (scripts/lib/setup-lock.mjs): a second `npm start` while the
// first was still installing ran a second npm install in the same node_modules and a second pip
// install in the same .venv, each undoing the other. The second now waits for the first to end.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { pathToFileURL } from "node:url";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { holdSetup } from "../../scripts/lib/setup-lock.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-setup-lock-"));
// a failed test leaves its set-ups waiting for their end: each is killed, or the file never ends
const started = [];
after(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  fs.rmSync(root, { recursive: true, force: true });
});
const lock = path.join(root, ".setup", "setup.lock");
const mark = (name) => path.join(root, name);

// a set-up (its command line names setup.mjs, as npm start's does): holds the lock, says so, and
// ends when told to, writing down whether it waited first
const script = path.join(root, "a-setup.mjs");
fs.writeFileSync(
  script,
  `import fs from "node:fs";
const { holdSetup } = await import(${JSON.stringify(pathToFileURL(fromRoot("scripts", "lib", "setup-lock.mjs")).href)});
const [lock, name, root] = process.argv.slice(2);
// written whole under its name (renamed into place): the test reads it as soon as it is there
await holdSetup(lock, { pollMs: 20, onWait: ({ pid }) => { fs.writeFileSync(root + "/" + name + ".waiting", String(pid)); fs.renameSync(root + "/" + name + ".waiting", root + "/" + name + ".waited"); } });
fs.writeFileSync(root + "/" + name + ".holds", "");
while (!fs.existsSync(root + "/" + name + ".end")) await new Promise((resolve) => setTimeout(resolve, 20));
`,
);
/** A set-up started, and a promise of its end (taken at once: it may end before it is awaited). */
const setUp = (name) => {
  const child = spawn(process.execPath, [script, lock, name, root], { stdio: "inherit" });
  started.push(child);
  return { pid: child.pid, ended: new Promise((resolve) => child.once("exit", resolve)) };
};
const until = async (file) => {
  while (!fs.existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 20));
};

test("a second set-up waits, saying so, until the first has ended, then goes on", { timeout: 120_000 }, async () => {
  const first = setUp("first");
  await until(mark("first.holds"));
  const second = setUp("second");
  await until(mark("second.waited"));
  assert.equal(fs.readFileSync(mark("second.waited"), "utf8"), String(first.pid), "it names the set-up it waits for");
  assert.ok(!fs.existsSync(mark("second.holds")), "not while the first runs");
  fs.writeFileSync(mark("first.end"), "");
  await until(mark("second.holds"));
  assert.ok(!fs.existsSync(mark("first.waited")));
  fs.writeFileSync(mark("second.end"), "");
  await Promise.all([first.ended, second.ended]);
  assert.ok(!fs.existsSync(lock), "the lock goes with the last set-up");
});

test("a lock left by a set-up that was killed, or whose number another program has since, is taken at once", { timeout: 60_000 }, async () => {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (const pid of [2 ** 22 + 1, process.ppid]) {
    fs.writeFileSync(lock, `${pid}\n${os.hostname()}\n`);
    let waited = false;
    await holdSetup(lock, { onWait: () => (waited = true) });
    assert.equal(waited, false, `pid ${pid}`);
    assert.equal(fs.readFileSync(lock, "utf8").split("\n")[0], String(process.pid));
    fs.rmSync(lock);
  }
});
