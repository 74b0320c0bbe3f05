// Searches every file of a folder for the lines of the course's answers and hidden tests (the
// solution, hidden-test and mark-scheme regions of the instructor's chapters, as
// secret-lines.mjs finds them). JSON files, notebooks among them, are searched as written and
// with their strings decoded, so that a line escaped inside a notebook is found too; archives and
// compressed files with what they hold (unpacked.mjs).
import fs from "node:fs";
import path from "node:path";
import { notebooksDir } from "../lib/paths.mjs";
import { sourceNotebookNames } from "../../autograder/src/release/release-directory.mjs";
import { secretLines } from "./secret-lines.mjs";
import { decoded, unpacked } from "./unpacked.mjs";

/**
 * Lines of the answers that the edition holds on purpose, and why. Anything else found is a leak.
 * `file` limits an entry to one file of the edition; without it the line is accepted anywhere.
 */
export const ACCEPTED = [
  { line: "net.dispose();", why: "a hidden test's clean-up call that the library's own code and tests make too; it tells nothing of the test" },
  { line: "const rng = new Rng(11);", why: "a hidden test's seed line, also in the library's tests; it tells nothing of the test" },
  {
    file: "lib/src/estimators/net.ts",
    line: "const a2 = tf.elu(this.fc2.apply(a1));",
    why: "the library's Net is the network chapter 5's MINE-Net exercise builds; the chapters need the library, so it ships (README: what the edition cannot hide)",
  },
  { file: "lib/src/estimators/net.ts", line: "return this.fc3.apply(a2);", why: "as above: the library's Net" },
];

const SKIPPED_FOLDERS = new Set([".git", "node_modules"]);

function filesUnder(dir, root = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_FOLDERS.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, root);
    return entry.isFile() ? [path.relative(root, full).split(path.sep).join("/")] : [];
  });
}

function stringsOf(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The text of bytes as a reader could see it, and a JSON text's strings decoded. */
function textOf(bytes) {
  const raw = decoded(bytes);
  try {
    return `${raw}\n${stringsOf(JSON.parse(raw)).join("\n")}`;
  } catch {
    return raw;
  }
}

/**
 * The text of a file as a reader could see it: its bytes as UTF-8 (UTF-16 by a byte-order mark), a JSON file's
 * strings decoded, and the same of what its archive or compressed stream holds (unpacked.mjs).
 */
export function readableText(file) {
  const bytes = fs.readFileSync(file);
  return [bytes, ...unpacked(bytes)].map(textOf).join("\n");
}

/** Every secret line of the instructor's chapters in `sourceDir`: [{ line, what, cell, notebook }]. */
export function courseSecrets(sourceDir = notebooksDir) {
  return sourceNotebookNames(sourceDir).flatMap((notebook) =>
    secretLines(JSON.parse(fs.readFileSync(path.join(sourceDir, notebook), "utf8"))).map((secret) => ({ ...secret, notebook })),
  );
}

/**
 * The secret lines found in the files under `dir` (`.git` and `node_modules` aside), split into
 * { leaks, accepted }, each [{ file, line, what, cell, notebook }] (accepted ones with `why`).
 */
export function findSecrets(dir, secrets = courseSecrets()) {
  return findSecretsIn(dir, filesUnder(dir), secrets);
}

/** The same as findSecrets, for the given files of `dir` (paths relative to it, with "/"). */
export function findSecretsIn(dir, files, secrets = courseSecrets()) {
  const leaks = [];
  const accepted = [];
  for (const file of files) {
    const text = readableText(path.join(dir, file));
    for (const secret of secrets) {
      if (!text.includes(secret.line)) continue;
      const reason = ACCEPTED.find((a) => a.line === secret.line && (a.file === undefined || a.file === file));
      if (reason) accepted.push({ file, ...secret, why: reason.why });
      else leaks.push({ file, ...secret });
    }
  }
  return { leaks, accepted };
}
