// For the tests of shards: a small class, and two class reports compared file by file
// leaving out the timings (what a class graded in shards and merged shares with a single run).
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fixtureSubmissions, temporaryDir } from "./helpers.mjs";

/**
 * A class of three entries, sorted ann, bob, notes.zip: round-robin in two parts, ann
 * (a kernel, one notebook) and the skipped notes.zip in part 1, bob (no notebooks) in part 2.
 */
export function smallClass() {
  const dir = temporaryDir();
  mkdirSync(join(dir, "ann"));
  cpSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), join(dir, "ann", "arith.ipynb"));
  cpSync(join(fixtureSubmissions, "no-notebooks"), join(dir, "bob"), { recursive: true });
  writeFileSync(join(dir, "notes.zip"), "PK\n"); // an archive: listed as skipped
  return dir;
}

// The timings, and nothing else, may differ between two gradings of the same files:
// in JSON the fields below, in Markdown the date and the durations.
const TIMINGS = new Set(["generatedAt", "gradedAt", "seconds", "peakRssMb"]);

function comparable(path) {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".json")) return JSON.stringify(JSON.parse(text), (key, value) => (TIMINGS.has(key) ? undefined : value), 1);
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")
    .replace(/in [\d.]+ s\b/g, "in <seconds>")
    .replace(/\([\d.]+ s, peak memory [\d.]+ MB\)/g, "(<run>)");
}

/** Every report file under a class report folder, leaving out the shards and batch logs beside it. */
function reportFiles(dir) {
  const found = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (folder !== dir || !["shards", "slurm"].includes(name)) walk(path);
      } else found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

export function assertSameReports(merged, single) {
  const files = reportFiles(single);
  assert.deepEqual(reportFiles(merged), files);
  for (const file of files) assert.equal(comparable(join(merged, file)), comparable(join(single, file)), `${file} differs`);
}
