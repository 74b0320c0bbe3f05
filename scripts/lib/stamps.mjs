// Content-hash stamps: a step is stale when the hash of its inputs differs from
// the one recorded after it last succeeded. Hashes, not modification times, because
// a git clone or checkout sets modification times arbitrarily.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { repoRoot, stampDir } from "./paths.mjs";

/**
 * Files under `dir` (recursively) whose names pass `keep`, sorted, as absolute paths.
 * @param {string} dir @param {(file: string) => boolean} [keep] @returns {string[]}
 */
export function listFiles(dir, keep = () => true) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, keep));
    else if (entry.isFile() && keep(full)) out.push(full);
  }
  return out.sort();
}

/**
 * One hash over the names and contents of the given files (missing files count too).
 * @param {string[]} files @param {string} [extra]
 */
export function hashFiles(files, extra = "") {
  const hash = createHash("sha256");
  hash.update(extra);
  for (const file of files) {
    hash.update("\0" + path.relative(repoRoot, file) + "\0");
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : "<missing>");
  }
  return hash.digest("hex");
}

const stampPath = (/** @type {string} */ name) => path.join(stampDir, name + ".stamp");

/** @param {string} name */
export function readStamp(name) {
  try {
    return fs.readFileSync(stampPath(name), "utf8").trim();
  } catch {
    return null;
  }
}

/** @param {string} name @param {string} value */
export function writeStamp(name, value) {
  fs.mkdirSync(stampDir, { recursive: true });
  const tmp = stampPath(name) + "." + process.pid;
  fs.writeFileSync(tmp, value + "\n");
  fs.renameSync(tmp, stampPath(name));
}
