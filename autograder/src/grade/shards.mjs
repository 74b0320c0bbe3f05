// @ts-check
// Splitting a class into N parts graded apart (a batch engine's array job).
// A student's part is set by the position of its entry in the sorted list of
// every entry of the class folder (the list the class report shows), dealt
// round-robin: entry i goes to part (i mod N) + 1. Parts then differ in size
// by at most one, and every entry is in exactly one part. Each shard report
// records that whole list, so a merge can tell when the class folder changed
// between shards (then positions moved, and the shards must be graded again).
import { createHash } from "node:crypto";

/** @typedef {{ index: number, count: number }} Shard  index counts from 1 */

/**
 * "K/N" from the command line.
 * @param {string} text
 * @returns {Shard}
 */
export function parseShard(text) {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const fix = "give --shard K/N with whole numbers 1 ≤ K ≤ N, e.g. --shard 1/3 for the first of three parts";
  if (!match) throw new Error(`--shard must look like K/N, got "${text}": ${fix}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new Error(`--shard ${text}: there must be at least one part (N ≥ 1): ${fix}`);
  if (index < 1 || index > count) throw new Error(`--shard ${text}: K must be between 1 and ${count}: ${fix}`);
  return { index, count };
}

/** @param {Shard} shard */
export const shardName = ({ index, count }) => `${index}-of-${count}`;

/**
 * The entries of one part, from the sorted list of every entry.
 * @param {string[]} sortedEntries @param {Shard} shard
 */
export function shardEntries(sortedEntries, { index, count }) {
  return sortedEntries.filter((_, position) => position % count === index - 1);
}

/**
 * What must be the same for shards to be merged: the course, the grader, its
 * settings and the class folder.
 * @param {{ course: string, grader: string, settings: unknown, submissionsDir: string }} input
 */
export function shardFingerprint({ course, grader, settings, submissionsDir }) {
  return createHash("sha256").update(JSON.stringify({ course, grader, settings, submissionsDir })).digest("hex");
}
