#!/usr/bin/env node
// Makes sure Debian's Chromium is installed for the browser test (tests/browser/), and
// says where it is. When it is missing and we run as root (CI), it installs the `chromium`
// package with apt-get and says so; otherwise it fails with the command that fixes it.
// Playwright's own browser download is not used: it needs hosts that CI cannot reach.
//   node scripts/ensure-chromium.mjs
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { installDebianPackage } from "./lib/debian-package.mjs";

export const chromiumPath = process.env.NEURAL_MI_CHROMIUM || "/usr/bin/chromium";

function works(executable) {
  if (!fs.existsSync(executable)) return false;
  const run = spawnSync(executable, ["--version"], { encoding: "utf8", timeout: 60_000 });
  return run.status === 0 && /chromium|chrome/i.test(run.stdout);
}

/**
 * Returns the path of a working Chromium, installing Debian's package when it is missing
 * and we are root. `log` receives one line per step (default: console.log); `executable`
 * and `asRoot` are there for tests.
 */
export function ensureChromium({
  log = (line) => console.log(line),
  executable = chromiumPath,
  asRoot = process.getuid?.() === 0,
} = {}) {
  if (works(executable)) return executable;

  if (process.env.NEURAL_MI_CHROMIUM && executable === chromiumPath) {
    throw new Error(`NEURAL_MI_CHROMIUM=${executable} is not a working Chromium; unset it to use Debian's /usr/bin/chromium`);
  }
  if (process.platform !== "linux" || !fs.existsSync("/usr/bin/apt-get")) {
    throw new Error(
      `the browser test needs Chromium at ${executable}; install Chromium and point NEURAL_MI_CHROMIUM at its executable`,
    );
  }
  if (!asRoot) {
    throw new Error(
      `the browser test needs Debian's Chromium, which is not installed: run \`sudo apt-get install -y chromium\` ` +
        `(or set NEURAL_MI_CHROMIUM to another Chromium executable)`,
    );
  }

  log(`Chromium is missing at ${executable}: installing Debian's chromium package with apt-get (running as root)`);
  installDebianPackage("chromium", log);
  if (!works(executable)) throw new Error(`apt-get installed chromium, but ${executable} --version does not work`);
  log(`installed ${spawnSync(executable, ["--version"], { encoding: "utf8" }).stdout.trim()}`);
  return executable;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const found = ensureChromium();
    console.log(`Chromium: ${found} (${spawnSync(found, ["--version"], { encoding: "utf8" }).stdout.trim()})`);
  } catch (error) {
    console.error(`ensure-chromium: ${error.message}`);
    process.exit(1);
  }
}
