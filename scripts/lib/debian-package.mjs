// Installs a Debian package with apt-get, as root: what the tests need of the machine beyond npm and PyPI
// (Chromium for the browser tests, nftables for the hub's bound on connections), from Debian's registry.
import { spawnSync } from "node:child_process";

function apt(args, log) {
  log(`$ apt-get ${args.join(" ")}`);
  const run = spawnSync("apt-get", args, {
    encoding: "utf8",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 15 * 60_000,
  });
  if (run.error) throw new Error(`apt-get could not run: ${run.error.message}`);
  return run;
}

/** `apt-get install -y <name>`, after `apt-get update` where the first try fails (a fresh machine often has no package lists yet). */
export function installDebianPackage(name, log = (line) => console.log(line)) {
  let install = apt(["install", "-y", name], log);
  if (install.status !== 0) {
    const update = apt(["update"], log);
    if (update.status !== 0) throw new Error(`apt-get update failed:\n${update.stderr.slice(-2000)}`);
    install = apt(["install", "-y", name], log);
  }
  if (install.status !== 0) throw new Error(`apt-get install ${name} failed:\n${install.stderr.slice(-2000)}`);
}
