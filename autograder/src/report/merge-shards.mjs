// @ts-check
// Shard reports (npm run autograde -- <folder> --shard K/N) combined into the
// class report a single run writes: report.json, gradebook.csv, summary.md and
// students/<name>/. Refused, with what to do, when a part is missing, when two
// reports disagree about a student, or when the shards did not grade the same
// class with the same course, grader and settings.
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { shardEntries, shardName } from "../grade/shards.mjs";
import { claimOutputFolder, outputFolderOwner } from "../grade/work-folders.mjs";
import { nestedFolders } from "../grade/class-folder.mjs";
import { privateReportFolder } from "./private-folder.mjs";
import { writeClassReports } from "./write-reports.mjs";

/**
 * @typedef {import("./write-reports.mjs").ClassReport} ClassReport
 * @typedef {ClassReport & { shard: import("./write-reports.mjs").ShardRecord }} ShardReport
 * @typedef {ClassReport["students"][number]} Entry
 */

// What differs between two gradings of the same files: when and how long.
const TIMING_FIELDS = new Set(["generatedAt", "gradedAt", "seconds", "peakRssMb"]);

/**
 * A result without its timings, to compare two gradings of one student.
 * @param {unknown} value
 */
export function withoutTimings(value) {
  return JSON.stringify(value, (key, inner) => (TIMING_FIELDS.has(key) ? undefined : inner));
}


/** @param {string} dir @returns {ShardReport} */
function readShardReport(dir) {
  const path = join(dir, "report.json");
  if (!existsSync(path)) throw new Error(`${dir} holds no report.json: give the folders that npm run autograde -- <folder> --shard K/N wrote (<out>/shards/K-of-N)`);
  let report;
  try {
    report = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    // cut short by a full disk, edited by hand: nothing in it can be trusted
    throw new Error(`${path} is not a report (${/** @type {Error} */ (error).message}): grade that shard again (its graded students are kept) and merge again`);
  }
  if (!report || typeof report !== "object" || !Array.isArray(report.students)) {
    throw new Error(`${path} is not a report the autograder writes (it lists no students): grade that shard again and merge again`);
  }
  if (!report.shard) throw new Error(`${dir} holds the report of a whole class, not of a shard: give the shard folders (<out>/shards/K-of-N)`);
  const { index, count, fingerprint, entries } = report.shard;
  if (!Number.isInteger(count) || !Number.isInteger(index) || index < 1 || index > count || typeof fingerprint !== "string" || !Array.isArray(entries)) {
    // a shard written by an older autograder, or edited: its part of the class cannot be checked
    throw new Error(`${path} has no shard record this autograder can check (written by another version, or edited): grade that shard again with this version and merge again`);
  }
  return report;
}

/**
 * @param {string[]} shardDirs @param {string} outDir @param {(line: string) => void} [log] what is said on the way (a lock taken over)
 * @returns {{ report: ClassReport, incomplete: string[], closed: string | null }} incomplete: shards whose students are not all
 *   graded yet; closed: what was said when the report folder had been open to other accounts
 */
export function mergeShards(shardDirs, outDir, log = (/** @type {string} */ _line) => {}) {
  if (shardDirs.length === 0) throw new Error("no shard folders given: npm run autograde -- merge <out>/shards/*-of-N --out <out>");
  const shards = shardDirs.map((dir) => ({ dir, report: readShardReport(dir) }));
  const [first] = shards;
  const { count, fingerprint, entries } = first.report.shard;
  for (const { dir, report } of shards) {
    if (report.shard.count !== count) {
      throw new Error(`the shards split the class differently: ${first.dir} is ${shardName(first.report.shard)}, ${dir} is ${shardName(report.shard)}; merge the parts of one split`);
    }
    if (report.shard.fingerprint !== fingerprint) {
      throw new Error(`${first.dir} and ${dir} were graded with a different course, grader, settings or class folder: grade every shard with the same command and code`);
    }
    if (JSON.stringify(report.shard.entries) !== JSON.stringify(entries)) {
      const added = report.shard.entries.filter((name) => !entries.includes(name));
      const gone = entries.filter((name) => !report.shard.entries.includes(name));
      throw new Error(
        `the class folder changed between ${first.dir} and ${dir} (${[...added.map((name) => `+${name}`), ...gone.map((name) => `-${name}`)].join(", ") || "same names"}): ` +
          "a student's part depends on the whole list, so grade every shard again",
      );
    }
  }
  // a shard still being graded rewrites its report and students' folders while they are read
  for (const { dir } of shards) {
    const owner = outputFolderOwner(dir);
    if (owner) throw new Error(`${dir} is still being graded (process ${owner.pid}, started ${owner.started ?? "earlier"}): wait for that run to end, then merge again`);
  }
  const present = new Set(shards.map(({ report }) => report.shard.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !present.has(index));
  if (missing.length > 0) {
    throw new Error(
      `missing shard${missing.length > 1 ? "s" : ""} ${missing.map((index) => `${index}/${count}`).join(", ")} of ${count}: ` +
        `grade ${missing.length > 1 ? "them" : "it"} (npm run autograde -- <folder> --shard ${missing[0]}/${count}) and merge again`,
    );
  }
  // as a grading run refuses it: the next run would grade the merged report's students/ as a student
  const classDir = first.report.submissionsDir;
  const nested = typeof classDir === "string" ? nestedFolders(classDir, outDir) : null;
  if (nested) throw new Error(nested);
  const sandboxes = new Set(shards.map(({ report }) => JSON.stringify(report.sandbox)).filter((text) => text !== "null"));
  if (sandboxes.size > 1) {
    throw new Error(`the shards ran in different sandboxes (${[...sandboxes].join(" and ")}): grade every shard as the same kind of user (all as root, or none)`);
  }

  /** @type {Map<string, { entry: Entry, dir: string }>} */
  const byStudent = new Map();
  for (const { dir, report } of shards) {
    const expected = new Set(shardEntries(entries, report.shard));
    for (const entry of report.students) {
      if (!expected.has(entry.student)) throw new Error(`${dir} lists ${JSON.stringify(entry.student)}, which is not part of ${shardName(report.shard)}: the report was edited or damaged; grade that shard again`);
      const earlier = byStudent.get(entry.student);
      const bothGraded = earlier && earlier.entry.status !== "pending" && entry.status !== "pending";
      if (bothGraded && withoutTimings(earlier.entry) !== withoutTimings(entry)) {
        throw new Error(
          `${JSON.stringify(entry.student)} is in ${earlier.dir} and in ${dir} with different results: keep one of the two folders (the newer grading) and merge again`,
        );
      }
      if (!earlier || entry.status !== "pending") byStudent.set(entry.student, { entry, dir });
    }
  }
  const students = entries.map((name) => {
    const found = byStudent.get(name);
    if (!found) throw new Error(`${JSON.stringify(name)} is in no shard report: grade its shard again`);
    return found;
  });
  // the whole class's answers and grades: closed to other accounts before any is copied there
  const closed = privateReportFolder(outDir);
  // a grading run on the whole class, `manual` or another merge writing there: refused, naming it
  const release = claimOutputFolder(outDir, { command: "merge", log });
  const incomplete = shards.filter(({ report }) => !report.complete).map(({ dir, report }) => `${shardName(report.shard)} (${dir})`);
  const { shard: _shard, ...common } = first.report;
  const sandbox = shards.map(({ report }) => report.sandbox).find((value) => value !== null) ?? null;
  /** @type {ClassReport} */
  const report = {
    ...common,
    generatedAt: shards.map(({ report }) => report.generatedAt).sort().at(-1) ?? common.generatedAt,
    complete: incomplete.length === 0,
    sandbox,
    students: students.map(({ entry }) => entry),
  };
  try {
    for (const { entry, dir } of students) {
      const folder = "folder" in entry ? entry.folder : "";
      if (folder) cpSync(join(dir, "students", folder), join(outDir, "students", folder), { recursive: true, force: true });
    }
    writeClassReports(outDir, report);
  } finally {
    release();
  }
  return { report, incomplete, closed };
}
