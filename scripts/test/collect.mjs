// Which test files to run: every tests/**/*.test.mjs, or those under the given paths.
import fs from "node:fs";
import path from "node:path";
import { fromRoot, typedIn } from "../lib/paths.mjs";
import { listFiles } from "../lib/stamps.mjs";

const isTestFile = (file) => file.endsWith(".test.mjs");

export function collectTestFiles(targets) {
  const roots = targets.length > 0 ? targets : [fromRoot("tests")];
  const files = [];
  for (const target of roots) {
    // npm runs scripts from the repository root; INIT_CWD is where the user typed the command.
    const full = path.resolve(typedIn(), target);
    if (!fs.existsSync(full)) {
      throw new Error(`test path ${target} does not exist; give a folder or file under tests/, e.g. \`npm test -- tests/lib\``);
    }
    if (fs.statSync(full).isDirectory()) files.push(...listFiles(full, isTestFile));
    else if (isTestFile(full)) files.push(full);
    else throw new Error(`${target} is not a test file: test files are named *.test.mjs`);
  }
  return [...new Set(files)].sort();
}
