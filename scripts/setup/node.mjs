// The Node.js running the set-up is the one the kernel will use: check it is new enough.
import { SetupError } from "../lib/run.mjs";

export const MIN_NODE_MAJOR = 18;

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
