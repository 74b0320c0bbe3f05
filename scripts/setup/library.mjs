// The course library in lib/, compiled to lib/dist when its sources changed: the
// TypeScript (`tsc -b lib`) and, when lib defines a `build:fast` script, its
// WebAssembly training kernel (lib/assembly -> lib/dist/fast).
import fs from "node:fs";
import { fromRoot, tscBin } from "../lib/paths.mjs";
import { capture, npmCommand, SetupError } from "../lib/run.mjs";
import { hashFiles, listFiles, readStamp, writeStamp } from "../lib/stamps.mjs";

const STAMP = "lib";
const FAST_KERNEL = fromRoot("lib", "dist", "fast", "mlp.wasm");

function libScripts() {
  try {
    return JSON.parse(fs.readFileSync(fromRoot("lib", "package.json"), "utf8")).scripts ?? {};
  } catch {
    return {};
  }
}

function inputsHash() {
  return hashFiles([
    fromRoot("lib", "tsconfig.json"),
    fromRoot("lib", "package.json"),
    fromRoot("node_modules", "typescript", "package.json"),
    fromRoot("node_modules", "assemblyscript", "package.json"),
    ...listFiles(fromRoot("lib", "src")),
    ...listFiles(fromRoot("lib", "assembly")),
  ]);
}

function buildTypeScript() {
  const result = capture(process.execPath, [tscBin, "-b", "lib"]);
  if (!result.ok) {
    throw new SetupError("building lib/ with `tsc -b lib` failed", {
      fix: "fix the TypeScript errors listed above in lib/src, then run the command again",
      output: result.output,
    });
  }
}

function buildFastKernel() {
  const [command, args] = npmCommand(["run", "build:fast", "--workspace", "lib"]);
  const result = capture(command, args);
  if (!result.ok || !fs.existsSync(FAST_KERNEL)) {
    throw new SetupError("building lib's WebAssembly kernel (`npm run build:fast -w lib`) failed", {
      fix: "fix the errors listed above in lib/assembly, then run the command again",
      output: result.output,
    });
  }
}

export function ensureLibraryBuilt() {
  if (!fs.existsSync(fromRoot("lib", "tsconfig.json"))) {
    return "skipped: lib/tsconfig.json does not exist yet";
  }
  const withFast = "build:fast" in libScripts();
  const hash = inputsHash();
  const built = fs.existsSync(fromRoot("lib", "dist", "index.js")) && (!withFast || fs.existsSync(FAST_KERNEL));
  if (built && readStamp(STAMP) === hash) return "ok";

  buildTypeScript();
  if (withFast) buildFastKernel();
  writeStamp(STAMP, hash);
  return withFast ? "built lib/dist (TypeScript and WebAssembly kernel)" : "built lib/dist";
}
