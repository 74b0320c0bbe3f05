// @ts-check
// A note's list of a submission's files: the first few named, each name shortened, the rest counted.
// The notes go into the student's result.json and into the class's report.json, rewritten after
// every student; a folder of 23,000 links, each a path of 4,000 control characters (six in JSON
// each), named in full made one student's result longer than node can write, and the run stopped
// before the next student.

export const MAX_FILES_NAMED = 20;
const MAX_NAME_CHARS = 120;

/** @param {string} name */
const shortened = (name) => (name.length > MAX_NAME_CHARS ? `${name.slice(0, 60)}…${name.slice(-40)}` : name);

/**
 * @param {string[]} names
 * @param {number} [most]
 */
export function namedFiles(names, most = MAX_FILES_NAMED) {
  const more = names.length - most;
  return `${names.slice(0, most).map(shortened).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}
