// @ts-check
// NaN, Infinity and -Infinity outside strings: not JSON, but Python's json module reads and writes
// them, so a notebook a Python tool saved (nbformat writes a float("nan") in metadata as `NaN`) is one
// Jupyter's server and nbgrader read. JSON.parse refused it: the notebook was "not valid JSON" and
// scored nothing, while nbgrader graded it (src/nbgrader/valid_submission.py reads them as null too).

const CANDIDATE = /NaN|Infinity/;

/**
 * `text` with each NaN, Infinity and -Infinity outside a string written as null, and a note when
 * there was one. In time linear in the text; the text is returned as it is when it has none.
 * @param {string} text
 * @returns {{ text: string, note: string | null }}
 */
export function nonFiniteAsNull(text) {
  if (!CANDIDATE.test(text)) return { text, note: null };
  /** @type {string[]} */
  const parts = [];
  let from = 0;
  let count = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 34 /* " */) {
      i++;
      while (i < length) {
        const inner = text.charCodeAt(i);
        if (inner === 92 /* \ */) i += 2;
        else if (inner === 34) break;
        else i++;
      }
      i++;
      continue;
    }
    const word = code === 78 /* N */ && text.startsWith("NaN", i) ? 3 : code === 73 /* I */ && text.startsWith("Infinity", i) ? 8 : code === 45 /* - */ && text.startsWith("-Infinity", i) ? 9 : 0;
    if (word === 0) {
      i++;
      continue;
    }
    parts.push(text.slice(from, i), "null");
    count++;
    i += word;
    from = i;
  }
  if (count === 0) return { text, note: null };
  parts.push(text.slice(from));
  return {
    text: parts.join(""),
    note:
      `the file holds ${count} number(s) written NaN, Infinity or -Infinity, which JSON does not allow (a Python tool may have saved them into its metadata); ` +
      "they were read as null, as both graders read them",
  };
}
