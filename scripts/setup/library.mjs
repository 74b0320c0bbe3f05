// The course library in lib/, compiled to lib/dist when its sources changed.
import fs from "node:fs";
import { fromRoot, tscBin } from "../lib/paths.mjs";
import { capture, SetupError } from "../lib/run.mjs";
import { hashFiles, listFiles, readStamp, writeStamp } from "../lib/stamps.mjs";

const STAMP = "lib";

function inputsHash() {
  return hashFiles([
    fromRoot("lib", "tsconfig.json"),
    fromRoot("lib", "package.json"),
    fromRoot("node_modules", "typescript", "package.json"),
    ...listFiles(fromRoot("lib", "src")),
  ]);
}

export function ensureLibraryBuilt() {
  if (!fs.existsSync(fromRoot("lib", "tsconfig.json"))) {
    return "skipped: lib/tsconfig.json does not exist yet";
  }
  const hash = inputsHash();
  const built = fs.existsSync(fromRoot("lib", "dist", "index.js"));
  if (built && readStamp(STAMP) === hash) return "ok";

  const result = capture(process.execPath, [tscBin, "-b", "lib"]);
  if (!result.ok) {
    throw new SetupError("building lib/ with `tsc -b lib` failed", {
      fix: "fix the TypeScript errors listed above in lib/src, then run the command again",
      output: result.output,
    });
  }
  writeStamp(STAMP, hash);
  return "built lib/dist";
}
