// @ts-check
// nbgrader's view of a cell (nbgrader/utils.py), so that our release and our
// grades agree with nbgrader's cell for cell.
import { createHash } from "node:crypto";

/** @typedef {import("./format.mjs").Cell} Cell */

/** @param {Cell} cell @returns {import("./format.mjs").Json | undefined} */
export function nbgraderMeta(cell) {
  const meta = cell.metadata?.nbgrader;
  return typeof meta === "object" && meta !== null ? meta : undefined;
}

/** @param {Cell} cell */
export const isGrade = (cell) => Boolean(nbgraderMeta(cell)?.grade);
/** @param {Cell} cell */
export const isSolution = (cell) => Boolean(nbgraderMeta(cell)?.solution);
/** @param {Cell} cell */
export const isTask = (cell) => Boolean(nbgraderMeta(cell)?.task);

/**
 * Locked cells are restored from the source version when graded: test cells and
 * read-only cells, never solution cells.
 * @param {Cell} cell
 */
export function isLocked(cell) {
  const meta = nbgraderMeta(cell);
  if (!meta || meta.solution) return false;
  if (meta.grade) return true;
  return Boolean(meta.locked);
}

/**
 * A cell nbgrader tracks by its grade_id.
 * @param {Cell} cell
 */
export function isTracked(cell) {
  return isGrade(cell) || isSolution(cell) || isLocked(cell) || isTask(cell);
}

/** @param {Cell} cell @returns {string | undefined} */
export function gradeId(cell) {
  const id = nbgraderMeta(cell)?.grade_id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** @param {Cell} cell @returns {number} */
export function maxPoints(cell) {
  return Number(nbgraderMeta(cell)?.points ?? 0);
}

/**
 * Python's str(float(x)) for the point values nbgrader hashes.
 * @param {number} value
 */
export function pythonFloatString(value) {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  const text = String(value);
  // JavaScript writes 1e-7 where Python writes 1e-07.
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}

/**
 * nbgrader's compute_checksum: md5 over source, type, flags, id and points.
 * @param {Cell} cell
 */
export function computeChecksum(cell) {
  const hash = createHash("md5");
  hash.update(cell.source, "utf8");
  hash.update(cell.cell_type, "utf8");
  hash.update(isGrade(cell) ? "True" : "False");
  hash.update(isSolution(cell) ? "True" : "False");
  hash.update(isLocked(cell) ? "True" : "False");
  hash.update(String(nbgraderMeta(cell)?.grade_id ?? ""), "utf8");
  if (isGrade(cell)) hash.update(pythonFloatString(maxPoints(cell)));
  return hash.digest("hex");
}
