// npm packages from the lock file, with patches/ applied (tslab's, and TypeScript's for tslab).
// patch-package exits 0 when a patch does not apply (except on CI), and a changed patch
// does not apply over the previous one: so a changed patch reinstalls tslab first, and the
// patch is applied with --error-on-fail before the stamp says it is in place.
import fs from "node:fs";
import { fromRoot } from "../lib/paths.mjs";
import { capture, captureInterruptible, mustRun, npmCommand, SetupError } from "../lib/run.mjs";
import { hashFiles, listFiles, readStamp, writeStamp } from "../lib/stamps.mjs";

const STAMP = "npm";

function inputsHash() {
  const files = [
    fromRoot("package.json"),
    fromRoot("package-lock.json"),
    fromRoot("lib", "package.json"),
    ...listFiles(fromRoot("patches"), (f) => f.endsWith(".patch")),
  ];
  // "patched-2": stamps written before the patch was checked on application count as stale.
  return hashFiles(files, `${process.versions.node.split(".")[0]} patched-2`);
}

/** The packages patches/ changes: "@scope+name+1.2.3.patch" is @scope/name, as patch-package names them. */
export function patchedPackages() {
  return listFiles(fromRoot("patches"), (f) => f.endsWith(".patch")).map((file) => {
    const parts = file.split(/[\\/]/).at(-1).replace(/\.patch$/, "").split("+");
    return parts.slice(0, -1).join("/");
  });
}

/** The patched tslab has `display.bundle`; the published one does not. */
export function isTslabPatched() {
  const publicJs = fromRoot("node_modules", "tslab", "dist", "public.js");
  return fs.existsSync(publicJs) && fs.readFileSync(publicJs, "utf8").includes("bundle(data");
}

function applyPatches() {
  mustRun("applying patches/ with patch-package", process.execPath, [
    fromRoot("node_modules", "patch-package", "index.js"),
    "--error-on-fail",
  ], { fix: "delete node_modules/tslab and node_modules/@tslab and run the command again; if it still fails, check that each patch in patches/ names the version of its package in package-lock.json" });
}

/**
 * Why the installed packages cannot run the kernel, or undefined: its native parts load (zeromq's
 * addon, which an interrupted install can leave out while npm still counts the package installed).
 */
function brokenInstall() {
  const probe = capture(process.execPath, ["-e", 'require("zeromq")']);
  return probe.ok ? undefined : probe.output.trim().split("\n").find((line) => /Error|Cannot|Failed/.test(line)) ?? probe.output.trim().slice(0, 300);
}

export async function ensureNpmPackages() {
  const hash = inputsHash();
  const present = fs.existsSync(fromRoot("node_modules", ".package-lock.json"));
  const broken = present ? brokenInstall() : undefined;
  if (present && readStamp(STAMP) === hash && isTslabPatched() && broken === undefined) return "ok";

  let did = "already installed";
  if (!present || readStamp(STAMP) !== hash || broken !== undefined) {
    // A package patched by an earlier patch would not take the new one: npm puts back the original.
    for (const name of patchedPackages()) fs.rmSync(fromRoot("node_modules", ...name.split("/")), { recursive: true, force: true });
    // node_modules without npm's own record of it (.package-lock.json, written last) is what an
    // interrupted install leaves, and npm install keeps what it finds there: npm ci makes it anew from
    // the lock file. Never through a link: npm ci empties the folder, another checkout's packages
    const folder = fromRoot("node_modules");
    const linked = fs.existsSync(folder) && fs.lstatSync(folder).isSymbolicLink();
    const interrupted = fs.existsSync(folder) && !present;
    if (linked && (broken !== undefined || interrupted)) {
      throw new SetupError(`node_modules is a link to ${fs.realpathSync(folder)}, whose packages cannot run the kernel${broken ? ` (${broken})` : ""}`, {
        fix: "run the set-up in the checkout it links to, or replace the link with a folder of this checkout's own (delete the link and run the command again)",
      });
    }
    const fresh = !linked && (broken !== undefined || interrupted);
    const [command, args] = npmCommand([fresh ? "ci" : "install", "--include=dev", "--no-audit", "--no-fund"]);
    const result = await captureInterruptible(command, args);
    if (!result.ok) {
      throw new SetupError(
        result.missing ? "npm was not found" : "npm install failed",
        {
          fix: result.missing
            ? "install npm (it comes with Node.js) and run the command again"
            : "read npm's output above; a network problem or a lock file that does not match package.json are the usual causes",
          output: result.output,
        },
      );
    }
    did = fresh ? `installed anew from package-lock.json${broken ? ` (the packages installed could not run: ${broken})` : ""}` : "installed from package-lock.json";
  }
  // npm ran the root postinstall (patch-package); this run fails where that one did not say so.
  applyPatches();
  if (!isTslabPatched()) {
    throw new SetupError("the tslab patch is not applied after patch-package ran", {
      fix: "run `npx patch-package` and read its output",
    });
  }
  const stillBroken = brokenInstall();
  if (stillBroken !== undefined) {
    throw new SetupError(`the packages installed cannot run the kernel (${stillBroken})`, {
      fix: "delete node_modules and run the command again; if it fails again, read npm's output (a network problem while it downloaded)",
    });
  }
  writeStamp(STAMP, inputsHash());
  return did;
}

