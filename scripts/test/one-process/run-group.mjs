// Entry of a shared test process: `node run-group.mjs <file>...` imports the test files one after
// another, each file's tests running to their end before the next file loads, under a top-level
// test named by the file's path from the repository (node-test-scope.mjs).
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

register("./resolve-hook.mjs", import.meta.url);
const { testsOfFile } = await import("./node-test-scope.mjs");
for (const file of process.argv.slice(2)) {
  await testsOfFile(path.relative(process.cwd(), file), () => import(pathToFileURL(path.resolve(file)).href));
}
