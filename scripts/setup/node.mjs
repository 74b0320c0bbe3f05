// The Node.js running the set-up is the one the kernel will use: check it is new enough.
import { createRequire } from "node:module";
import { SetupError } from "../lib/run.mjs";

// one number for both checks: node-version.cjs runs first, in any Node.js, before setup.mjs is parsed
export const { MIN_NODE_MAJOR } = createRequire(import.meta.url)("./node-version.cjs");

export function checkNode() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE_MAJOR) {
    throw new SetupError(
      `Node.js ${process.version} is too old: this project needs Node.js ${MIN_NODE_MAJOR} or newer`,
      {
        fix:
          "install Node.js 20 LTS (from nodejs.org, your package manager, or " +
          "`conda env create -f environment.yml`) and run the command again",
      },
    );
  }
  return `ok (${process.version})`;
}
