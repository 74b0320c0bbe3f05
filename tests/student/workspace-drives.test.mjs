// A workspace on a drive that holds no symbolic links (a USB stick's exFAT or FAT, some network
// shares): npm start filled it with the chapters, then stopped at the link to the course's packages,
// "ENOSYS: function not implemented, symlink …", at every start. Now the workspace gets a folder of
// stand-in packages naming the checkout's files (scripts/lib/workspace.mjs, linkPackages), and its
// notebooks import neural-mi. As root, on a real exFAT drive (exfat-fuse, installed with apt-get when
// missing, as the browser tests install Chromium); otherwise the test says it did not run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { linkPackages } from "../../scripts/lib/workspace.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-workspace-drives-"));
const drive = path.join(scratch, "usb stick");
let loop;
after(() => {
  if (fs.existsSync(drive)) spawnSync("umount", ["-l", drive]);
  if (loop) spawnSync("losetup", ["-d", loop]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

/** Mounts a fresh exFAT drive on `drive`. */
function mountExfat() {
  if (!has("mount.exfat-fuse") || !has("mkfs.exfat")) {
    const apt = (...args) =>
      spawnSync("apt-get", args, { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, timeout: 15 * 60_000 });
    const packages = ["install", "-y", "--no-install-recommends", "exfat-fuse", "exfatprogs"];
    let install = apt(...packages);
    // a fresh machine often has no package lists yet, as ensure-chromium.mjs finds
    if (install.status !== 0 && apt("update").status === 0) install = apt(...packages);
    assert.equal(install.status, 0, `apt-get install exfat-fuse exfatprogs: ${install.stderr}`);
  }
  const image = path.join(scratch, "stick.img");
  fs.writeFileSync(image, "");
  fs.truncateSync(image, 64 * 2 ** 20);
  assert.equal(spawnSync("mkfs.exfat", [image]).status, 0, "mkfs.exfat");
  loop = spawnSync("losetup", ["-f", "--show", image], { encoding: "utf8" }).stdout.trim();
  assert.ok(loop, "a loop device");
  fs.mkdirSync(drive);
  const mount = spawnSync("mount.exfat-fuse", [loop, drive], { encoding: "utf8" });
  assert.equal(mount.status, 0, mount.stderr);
  const probe = path.join(drive, "probe");
  assert.throws(() => fs.symlinkSync(scratch, probe), "the drive holds no symbolic link");
}

// JupyterLab refuses this port at once: a start that gets past the workspace ends there
const start = (workspace) =>
  spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser", "--ServerApp.port=not-a-port"], {
    encoding: "utf8",
    timeout: 120_000,
  });

test("a workspace on a drive without symbolic links is made, and its notebooks import the course's library", { timeout: 600_000 }, (t) => {
  if (process.getuid?.() !== 0) {
    t.diagnostic("not root: no drive without symbolic links can be mounted here, so this was not checked");
    return;
  }
  mountExfat();
  const workspace = path.join(drive, "my-work");
  for (const run of [start(workspace), start(workspace)]) {
    assert.doesNotMatch(run.stderr, /^lab: /m, run.stderr);
    assert.match(run.stdout, /workspace: /);
  }
  const standIn = JSON.parse(fs.readFileSync(path.join(workspace, "node_modules", "neural-mi", "package.json"), "utf8"));
  assert.ok(fs.existsSync(standIn.main) && fs.existsSync(standIn.types), "it names the checkout's library");
  // a kernel working in the workspace, as JupyterLab starts one for a chapter there
  const kernel = `
import os, sys, tempfile
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="tslab", transport="ipc", ip=os.path.join(tempfile.mkdtemp(), "k")); km.start_kernel(cwd=sys.argv[1])
kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=120)
out = []
kc.execute_interactive('import { gaussianMI } from "neural-mi";\\nconst mi: number = gaussianMI(0.5);\\nconsole.log("gaussianMI", mi.toFixed(4));', timeout=120,
    output_hook=lambda m: out.append(m["content"].get("text") or m["content"].get("evalue") or ""))
print("".join(out)); kc.stop_channels(); km.shutdown_kernel(now=True)
import shutil; shutil.rmtree(os.path.dirname(km.ip), ignore_errors=True)`;
  const run = spawnSync(venvPython, ["-c", kernel, workspace], { encoding: "utf8", timeout: 180_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /gaussianMI 0\.1438/, run.stdout);
  // packages of her own there (an npm install in the workspace): the course's stand-ins are written beside them
  const modules = path.join(workspace, "node_modules");
  fs.rmSync(modules, { recursive: true });
  fs.mkdirSync(path.join(modules, "mine"), { recursive: true });
  fs.writeFileSync(path.join(modules, "mine", "package.json"), '{"name":"mine","version":"1.0.0","main":"index.js"}\n');
  fs.writeFileSync(path.join(modules, "mine", "index.js"), "module.exports = 42;\n");
  assert.ok(linkPackages(workspace).beside.includes("neural-mi"));
  const found = spawnSync(process.execPath, ["-p", "require('mine') + ' ' + require.resolve('neural-mi')"], { cwd: workspace, encoding: "utf8" });
  assert.equal(found.stdout.trim(), `42 ${fs.realpathSync(fromRoot("lib", "dist", "index.js"))}`, found.stderr);
});
