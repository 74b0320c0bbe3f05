// A second npm start on a workspace that is served already: by a JupyterLab of another checkout
// of the course (a newer student edition started on the old edition's my-work/, as its README
// advises, while the old edition's JupyterLab is open; each checkout's Jupyter writes its servers'
// connection files in its own environment, so the start looks where the workspace says its
// servers were), or by a start still on its way to its server (two at once).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { environmentPython, fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";
import { updateWorkspace } from "../../scripts/lib/workspace.mjs";
import { holdWorkspace, recordServingRuntime } from "../../scripts/lib/workspace-servers.mjs";

let root;
let workspace;
const chapters = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
// JupyterLab refuses this option at once: a start that gets past the workspace ends there
const startLab = (...args) =>
  spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser", "--ServerApp.port=not-a-port", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-second-checkout-"));
  workspace = path.join(root, "old edition", "my-work");
  updateWorkspace({ workspaceDir: workspace });
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("a start records, in the workspace, where its JupyterLab's connection file goes", () => {
  const run = startLab();
  assert.notEqual(run.status, 3, run.stderr);
  const recorded = JSON.parse(fs.readFileSync(path.join(workspace, ".course", "servers.json"), "utf8"));
  assert.equal(recorded[0], jupyterEnv().JUPYTER_RUNTIME_DIR);
});

test("a JupyterLab of another checkout serving the workspace stops the start before the workspace changes", () => {
  // the other checkout's environment, and its running server's connection file, as Jupyter writes it
  const otherRuntime = path.join(root, "old edition", ".venv", "share", "jupyter", "runtime");
  fs.mkdirSync(otherRuntime, { recursive: true });
  // the other checkout's server: a process named as Jupyter's server is, running until the test ends
  const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "jupyter-lab"], { stdio: "ignore" });
  const token = "0123456789abcdef0123456789abcdef";
  const connection = path.join(otherRuntime, `jpserver-${other.pid}.json`);
  const server = { pid: other.pid, url: "http://localhost:8765/", token, root_dir: workspace, base_url: "/", port: 8765 };
  const chapter = path.join(workspace, chapters[0]);
  try {
    fs.writeFileSync(connection, JSON.stringify(server));
    recordServingRuntime(workspace, otherRuntime);
    fs.rmSync(chapter);
    const run = startLab();
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stderr, new RegExp(`a JupyterLab is already running on .* open http://localhost:8765/lab\\?token=${token}`));
    assert.equal(fs.existsSync(chapter), false, "the workspace is not updated while another checkout's server runs on it");
    // an older edition records nothing: its server is found in the environment of the checkout holding the workspace
    fs.rmSync(path.join(workspace, ".course", "servers.json"));
    const unrecorded = startLab();
    assert.equal(unrecorded.status, 3, unrecorded.stderr);
    assert.equal(fs.existsSync(chapter), false);
  } finally {
    other.kill();
  }

  // that server gone, its connection file left behind (as after a crash), its process number
  // ended or given to a process that is no Jupyter server: the start goes ahead
  const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  for (const pid of [Number(gone.stdout), process.pid]) {
    fs.writeFileSync(connection, JSON.stringify({ ...server, pid }));
    const again = startLab();
    assert.notEqual(again.status, 3, again.stderr);
    assert.equal(fs.existsSync(chapter), true, "the chapter is put back once no server holds the workspace");
    fs.rmSync(chapter);
  }
});

test("two starts at once: the second is refused while the first, not yet serving, holds the workspace", async () => {
  // an environment whose JupyterLab lists no server and never gets to serve (as in a start's first
  // seconds), and that says so when a second is started
  const venv = path.join(root, "slow-venv");
  fs.mkdirSync(path.join(venv, "bin"), { recursive: true });
  fs.mkdirSync(path.join(venv, "share", "jupyter"), { recursive: true });
  const started = path.join(root, "lab-started");
  fs.writeFileSync(
    path.join(venv, "bin", "jupyter"),
    `#!/bin/sh\n[ "$1" = lab ] || exit 0\n[ -e "${started}" ] && { echo "a second JupyterLab" >&2; exit 7; }\necho $$ > "${started}"\nexec sleep 600\n`,
    { mode: 0o755 },
  );
  // the release that updates the workspace runs the course's Python
  fs.writeFileSync(path.join(venv, "bin", "python"), `#!/bin/sh\nexec "${environmentPython()}" "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, NEURAL_MI_VENV: venv };
  const args = [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser"];
  const first = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let firstOut = "";
  let firstErr = "";
  first.stderr.on("data", (chunk) => {
    firstErr += chunk;
  });
  const ended = new Promise((resolve) => first.on("exit", resolve));
  try {
    await new Promise((resolve, reject) => {
      first.stdout.on("data", (chunk) => {
        firstOut += chunk;
        if (/workspace:/.test(firstOut)) resolve();
      });
      first.on("exit", (code) => reject(new Error(`the first start ended (${code}): ${firstOut}${firstErr}`)));
    });
    const chapter = path.join(workspace, chapters[1]);
    fs.rmSync(chapter);
    const second = spawnSync(process.execPath, args, { env, encoding: "utf8", timeout: 120_000 });
    assert.equal(second.status, 3, second.stderr);
    assert.match(second.stderr, new RegExp(`another npm start \\(process ${first.pid}\\) is serving`));
    assert.equal(fs.existsSync(chapter), false, "the workspace is not updated while the first start holds it");
  } finally {
    first.kill("SIGTERM");
    await ended;
    if (fs.existsSync(started)) {
      try {
        process.kill(Number(fs.readFileSync(started, "utf8")), "SIGTERM");
      } catch {
        // ended with the start
      }
    }
  }
  assert.equal(fs.existsSync(path.join(workspace, ".course", "lab.pid")), false, "a start that ends lets the workspace go");

  // a start killed outright leaves its mark, naming a process that has ended, or whose number a
  // process other than a start has since: the next goes ahead
  const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  for (const pid of [Number(gone.stdout), process.pid]) {
    fs.rmSync(path.join(workspace, chapters[1]), { force: true });
    fs.writeFileSync(path.join(workspace, ".course", "lab.pid"), `${pid}\n`);
    const next = spawnSync(process.execPath, args, { env, encoding: "utf8", timeout: 120_000 });
    assert.equal(next.status, 7, `the start gets as far as its JupyterLab: ${next.stderr}`);
    assert.equal(fs.existsSync(path.join(workspace, chapters[1])), true, "and puts the chapter back");
  }
});

test("as root: a workspace on a full disk stops the start naming the folder and the fix; the next start, with room, completes it", () => {
  if (process.getuid?.() !== 0) return; // mounting a small file system takes root
  const disk = path.join(root, "small disk");
  fs.mkdirSync(disk);
  assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=60k", "neural-mi-full-workspace", disk]).status, 0, "mount");
  try {
    const full = path.join(disk, "my-work");
    const run = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", full, "--no-browser", "--ServerApp.port=not-a-port"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.equal(run.status, 2, run.stderr);
    // it said only "lab: ENOSPC: no space left on device, write"
    assert.match(run.stderr, new RegExp(`lab: the disk holding the workspace ${full} is full \\(ENOSPC\\).*no file you changed was touched\\. Free some space on that disk .* run npm start again`));
    const copied = fs.readdirSync(full).filter((name) => name.endsWith(".ipynb"));
    assert.ok(copied.length < chapters.length, "the disk filled before every chapter was copied");
    for (const name of copied) JSON.parse(fs.readFileSync(path.join(full, name), "utf8")); // none half-written
    assert.equal(spawnSync("mount", ["-o", "remount,size=4m", disk]).status, 0, "remount");
    const again = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", full, "--no-browser", "--ServerApp.port=not-a-port"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.doesNotMatch(again.stderr, /ENOSPC/);
    const names = fs.readdirSync(full).filter((name) => name.endsWith(".ipynb")).sort();
    assert.deepEqual(names, chapters, "every chapter, and none set beside a copy of the first start as if it were the student's");
  } finally {
    spawnSync("umount", ["-l", disk]);
  }
});

test("a start on another machine sharing the workspace (a network drive) holds it: this machine's start is refused, naming that machine", async (t) => {
  // another machine: a host name and process numbers of its own (Linux namespaces), the same folder
  // --kill-child: when unshare ends, the start inside is sent SIGTERM
  const namespaces = ["--uts", "--pid", "--fork", "--kill-child=SIGTERM", "--mount-proc", ...(process.getuid() === 0 ? [] : ["--map-root-user"])];
  if (spawnSync("unshare", [...namespaces, "true"]).status !== 0) {
    t.diagnostic("unshare cannot make namespaces here (not root, no user namespaces): not checked");
    return;
  }
  const venv = path.join(root, "slow-venv-machines");
  fs.mkdirSync(path.join(venv, "bin"), { recursive: true });
  fs.mkdirSync(path.join(venv, "share", "jupyter"), { recursive: true });
  // a JupyterLab that never gets to serve, saying which machine it runs on
  fs.writeFileSync(path.join(venv, "bin", "jupyter"), `#!/bin/sh\n[ "$1" = lab ] || exit 0\necho "a JupyterLab on $(hostname)" >&2\nexec sleep 600\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(venv, "bin", "python"), `#!/bin/sh\nexec "${environmentPython()}" "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, NEURAL_MI_VENV: venv };
  const shared = path.join(root, "network drive", "my-work");
  const lab = `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(fromRoot("scripts", "lab.mjs"))} --workspace ${JSON.stringify(shared)} --no-browser`;
  const first = spawn("unshare", [...namespaces, "sh", "-c", `hostname lab-machine-a && ${lab}`], { env, stdio: ["ignore", "pipe", "pipe"] });
  let firstErr = "";
  first.stderr.on("data", (chunk) => {
    firstErr += chunk;
  });
  const ended = new Promise((resolve) => first.on("exit", resolve));
  try {
    for (let i = 0; !firstErr.includes("a JupyterLab on lab-machine-a"); i += 1) {
      assert.ok(i < 1200 && first.exitCode === null, `the other machine's start did not get to its JupyterLab: ${firstErr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const chapter = path.join(shared, chapters[1]);
    fs.rmSync(chapter);
    const second = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", shared, "--no-browser"], { env, encoding: "utf8", timeout: 120_000 });
    assert.equal(second.status, 3, `${second.stdout}\n${second.stderr}`);
    assert.match(second.stderr, /another npm start, on the machine lab-machine-a \(process \d+ there\), is serving .* delete .*lab\.pid and start again/);
    assert.equal(fs.existsSync(chapter), false, "the workspace is not updated while the other machine's start holds it");
  } finally {
    // unshare ignores SIGTERM; ended, it has the start sent SIGTERM (--kill-child), which stops its JupyterLab
    first.kill("SIGKILL");
    await ended;
  }
});

// `npm start | head`: once head had read its lines, the start's next line threw EPIPE, the start
// ended, and its JupyterLab ran on without it, holding the workspace (the next start was refused)
test("a start whose output is no longer read stops its JupyterLab, and the next start is not refused", { timeout: 300_000 }, async () => {
  const start = spawn(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser"], { stdio: ["ignore", "pipe", "pipe"] });
  const ended = new Promise((resolve) => start.on("exit", resolve));
  let errors = "";
  start.stderr.on("data", (chunk) => {
    errors += chunk;
  });
  // the reader goes away after the start's first lines (what the workspace got), before the line
  // that says where the server is: that line is the next one written
  start.stdout.once("data", () => start.stdout.destroy());
  const late = setTimeout(() => start.kill("SIGKILL"), 240_000);
  const code = await ended;
  clearTimeout(late);
  assert.notEqual(code, null, `the start did not end once its reader had gone:\n${errors.slice(-3000)}`);
  const again = startLab();
  assert.notEqual(again.status, 3, again.stderr);
  assert.doesNotMatch(again.stderr, /already running/);
});

test("a file named .course in the workspace (where the start keeps its records) is named, with its fix; a folder where its hold or its record of servers goes is taken away", () => {
  const odd = path.join(root, "odd", "my-work");
  fs.mkdirSync(odd, { recursive: true });
  fs.writeFileSync(path.join(odd, ".course"), "a sync tool's");
  assert.throws(() => holdWorkspace(odd), /my-work\/\.course is a file, not the folder where npm start keeps the workspace's records: move it away/);
  assert.equal(fs.readFileSync(path.join(odd, ".course"), "utf8"), "a sync tool's", "left as it was");
  // a folder where the start's hold goes is no hold: taken away, and the start goes on
  fs.rmSync(path.join(odd, ".course"));
  fs.mkdirSync(path.join(odd, ".course", "lab.pid"), { recursive: true });
  holdWorkspace(odd);
  assert.equal(fs.readFileSync(path.join(odd, ".course", "lab.pid"), "utf8").split("\n")[0], String(process.pid));
  // and a folder where the record of its servers goes
  fs.mkdirSync(path.join(odd, ".course", "servers.json", "inner"), { recursive: true });
  recordServingRuntime(odd, "/runtime");
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(odd, ".course", "servers.json"), "utf8")), ["/runtime"]);
});

test("a start whose machine changed its name while it ran (a laptop on another network) lets go of the workspace when it ends", () => {
  const own = path.join(root, "renamed-machine", "my-work");
  fs.mkdirSync(own, { recursive: true });
  const holds = pathToFileURL(fromRoot("scripts", "lib", "workspace-servers.mjs")).href;
  // the hold taken under one name, the process ending under another
  const script = `import os from "node:os"; const { holdWorkspace } = await import(${JSON.stringify(holds)}); ` +
    `holdWorkspace(${JSON.stringify(own)}); os.hostname = () => "the-same-laptop-on-another-network";`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(!fs.existsSync(path.join(own, ".course", "lab.pid")), "the hold is gone with its start");
  holdWorkspace(own); // and the next start takes it
});
