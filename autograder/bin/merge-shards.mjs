// @ts-check
// npm run autograde -- merge <shard folder>... [--out <dir>]
// Combines the reports of `--shard K/N` runs into the class report.
import { basename, dirname, relative, resolve, sep } from "node:path";
import { parseCommand } from "../src/util/command-line.mjs";
import { mergeShards } from "../src/report/merge-shards.mjs";

const usage = `Usage: npm run autograde -- merge <shard folder>... [--out <dir>]

Combines the shard reports written by npm run autograde -- <folder> --shard K/N
(one folder per part, <out>/shards/K-of-N/) into the class report a single run
writes: report.json, gradebook.csv, summary.md, students/<name>/.

Options:
  --out <dir>   where the class report goes (default: <out> when the shard
                folders are <out>/shards/K-of-N)
  -h, --help    this text`;

/** @param {string[]} args @returns {number} the exit code */
export function mergeMain(args) {
  const parsed = parseCommand(args, { out: { type: "string" }, help: { type: "boolean", short: "h" } }, usage);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    console.error(`give the shard folders to merge\n\n${usage}`);
    return 2;
  }
  const shardDirs = positionals.map((dir) => resolve(dir));
  const parents = new Set(shardDirs.map((dir) => dirname(dir)));
  const [parent] = parents;
  if (values.out === undefined && (parents.size > 1 || basename(parent) !== "shards")) {
    console.error(`give --out <dir>: the shard folders are not all in one <out>/shards/ folder\n\n${usage}`);
    return 2;
  }
  const outDir = resolve(values.out ?? dirname(parent));
  const inside = (/** @type {string} */ dir, /** @type {string} */ folder) => dir === folder || dir.startsWith(folder + sep);
  const shardOut = shardDirs.find((dir) => inside(outDir, dir));
  if (shardOut !== undefined) {
    console.error(`give another --out: ${relative(process.cwd(), outDir) || "."} would put the class report into or over the shard folder ${relative(process.cwd(), shardOut)}; the class report goes in the folder above shards/\n\n${usage}`);
    return 2;
  }
  try {
    const { report, incomplete, closed } = mergeShards(shardDirs, outDir, (line) => console.error(line));
    if (closed) console.error(`note: ${closed}`);
    console.log(`merged ${shardDirs.length} shards: ${report.students.length} entries. Reports in ${relative(process.cwd(), outDir) || "."}/`);
    if (incomplete.length > 0) {
      console.error(`not every student is graded yet: grade these shards again (their graded students are kept) and merge again: ${incomplete.join(", ")}`);
      return 1;
    }
    return report.students.some((student) => student.status === "grader-error") ? 1 : 0;
  } catch (error) {
    const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
    if (code === "ENOSPC" || code === "EDQUOT") {
      console.error(`merge stopped: the disk is full (${message}): the class report goes to ${outDir}; free some space there (or choose another --out) and merge again (the shard folders are unchanged; report.json, gradebook.csv and summary.md there are not replaced)`);
    } else if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      console.error(`merge stopped: the class report cannot be written to ${outDir} (${message}): choose --out a folder this user can write, or make it writable, and merge again`);
    } else if (code === "EOPEN") {
      console.error(`merge stopped: ${message}`);
    } else {
      console.error(`merge refused: ${message}`);
    }
    return 1;
  }
}
