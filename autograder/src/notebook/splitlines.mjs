// @ts-check
// Python's str.splitlines(keepends=True): nbformat uses it to store multi-line
// strings as lists of lines, and our files must match nbformat's byte for byte.

const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;

/**
 * @param {string} text
 * @returns {string[]} the lines, each with its line break
 */
export function splitLinesKeepEnds(text) {
  /** @type {string[]} */
  const lines = [];
  let start = 0;
  for (const match of text.matchAll(LINE_BREAK)) {
    const end = /** @type {number} */ (match.index) + match[0].length;
    lines.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}
